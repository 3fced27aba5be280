"""SQLite underneath the store: connecting, running a statement, committing or
rolling back, and turning SQLite's terse errors into sentences a deployer can act on.
Shared by the store (`db.py`) and its migrations (`migrate.py`)."""

from __future__ import annotations

import asyncio
import logging
import sqlite3
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import aiosqlite

from bot.phrases import PhraseError

log = logging.getLogger("bot.store.db")

#: Written to the file header so that Garant recognises its own databases ("GART").
APPLICATION_ID = 0x47415254

Params = Sequence[Any] | Mapping[str, Any]

MEMORY = ":memory:"
_NO_TRANSACTION = "no transaction is active"


#: A constraint refused a write (UNIQUE, CHECK, a foreign key, an append-only trigger),
#: on either engine: what callers catch to tell a duplicate from a bug.
IntegrityError: tuple[type[Exception], ...] = (sqlite3.IntegrityError,)
try:  # the PostgreSQL driver is a dependency, but the SQLite store never needs it
    import asyncpg

    IntegrityError += (asyncpg.IntegrityConstraintViolationError,)
except ImportError:  # pragma: no cover
    pass


class StoreError(PhraseError):
    """A problem the person running Garant can act on; the message says how.

    SQL errors raised by queries (IntegrityError and friends) are *not* wrapped:
    callers need their type to tell a duplicate from a bug.
    """


async def run(db: aiosqlite.Connection, sql: str, params: Params = ()) -> list[sqlite3.Row]:
    return list(await db.execute_fetchall(sql, params))


async def rollback(db: aiosqlite.Connection) -> None:
    """ROLLBACK on aiosqlite's thread (migrations); see `rollback_now`."""
    await db._execute(rollback_now, db._conn)


def rollback_now(connection: sqlite3.Connection) -> None:
    """ROLLBACK, tolerating SQLite having already rolled back (BUSY, FULL, IOERR...)."""
    try:
        connection.execute("ROLLBACK")
    except sqlite3.OperationalError as exc:
        if _NO_TRANSACTION not in str(exc):
            log.error("ROLLBACK failed: %s", exc)


def display_name(location: str | Path) -> str:
    return location.name if isinstance(location, Path) else location


def open_error(location: str | Path, exc: sqlite3.Error) -> StoreError:
    """Turn SQLite's terse codes into something a deployer can act on."""
    name = display_name(location)
    code = getattr(exc, "sqlite_errorname", "")
    error = str(exc)
    if code == "SQLITE_NOTADB":
        return StoreError("{name} is not a SQLite database; check the database path", name=name)
    if code.startswith("SQLITE_CORRUPT"):
        return StoreError("{name} is damaged ({error}); restore it from a backup", name=name,
                          error=error)
    if code.startswith(("SQLITE_BUSY", "SQLITE_LOCKED")):
        return StoreError("{name} is locked by another program ({error}); try again or stop "
                          "that program", name=name, error=error)
    if code.startswith("SQLITE_READONLY"):
        return StoreError("{name} is read-only ({error}); Garant must write its database: "
                          "check the file's and its folder's permissions, or the disk's mount",
                          name=name, error=error)
    if code == "SQLITE_FULL":
        return StoreError("the disk holding {name} is full; free some space and start again",
                          name=name)
    if code.startswith("SQLITE_CANTOPEN"):
        return StoreError("cannot open {location} ({error}); does its folder exist and is it "
                          "writable?", location=str(location), error=error)
    return StoreError("cannot open {location}: {error}", location=str(location), error=error)


def probe(location: str | Path) -> None:
    """Fail early, in plain sqlite3, on a path SQLite cannot use.

    aiosqlite leaves its worker thread finishing in the background when the
    connection itself fails, so the common mistakes (wrong folder, wrong file) are
    caught here before it starts.
    """
    if location == MEMORY:
        return
    connection = sqlite3.connect(location)
    try:
        connection.execute("PRAGMA schema_version").fetchone()
    finally:
        connection.close()


async def connect(
    location: str | Path, busy_timeout_ms: int, *, query_only: bool = False
) -> aiosqlite.Connection:
    try:
        await asyncio.to_thread(probe, location)
        # check_same_thread=False: transactions run their statements on the loop's
        # thread (bot.store.db.Transaction), BEGIN and COMMIT on aiosqlite's.
        db = await aiosqlite.connect(location, isolation_level=None, check_same_thread=False)
    except sqlite3.Error as exc:
        raise open_error(location, exc) from exc
    db.row_factory = sqlite3.Row
    try:
        await run(db, f"PRAGMA busy_timeout = {busy_timeout_ms}")
        (mode,) = (await run(db, "PRAGMA journal_mode = WAL"))[0]
        if mode != "wal" and location != MEMORY:
            log.warning("%s: SQLite refused WAL mode (got %s)", display_name(location), mode)
        await run(db, "PRAGMA synchronous = NORMAL")
        await run(db, "PRAGMA foreign_keys = ON")
        if query_only:
            await run(db, "PRAGMA query_only = ON")
        else:
            # The store checkpoints from its reader, off the loop (bot.store.db.Store._committed).
            await run(db, "PRAGMA wal_autocheckpoint = 0")
    except sqlite3.Error as exc:
        await db.close()
        raise open_error(location, exc) from exc
    except BaseException:
        await db.close()
        raise
    return db


async def pragma_int(db: aiosqlite.Connection, name: str) -> int:
    return int((await run(db, f"PRAGMA {name}"))[0][0])
