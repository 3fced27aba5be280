"""What the store's failures mean for people, and the one worth trying again.

Why: SQLite says "database is locked" (another process holds the write lock longer
than the busy timeout: a backup, a second `garant` by mistake), "database or disk
is full" and "attempt to write a readonly database" as plain OperationalErrors. A
handler's work is one transaction, rolled back on failure, so a locked database
is simply waited for and the handler run again: the message is processed, not
lost. A full disk or a read-only file will not pass by waiting: writes are
refused with a notice that says so, while reads (help, lists, cards) go on.
"""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Awaitable, Callable
from typing import Literal, TypeVar

import asyncpg

from bot.store.connection import StoreError

log = logging.getLogger(__name__)

T = TypeVar("T")


class DatabaseBusy(StoreError):
    """PostgreSQL: another instance held the write lock past the busy timeout (SQLite
    says "database is locked")."""

Trouble = Literal["locked", "full", "read_only"]
#: Runs of a handler on a locked database (each waits the store's busy timeout).
LOCKED_ATTEMPTS = 3


def trouble_of(exc: BaseException) -> Trouble | None:
    """The storage trouble an exception is, if it is one."""
    if isinstance(exc, asyncpg.DiskFullError):  # PostgreSQL's, the same three
        return "full"
    if isinstance(exc, asyncpg.ReadOnlySQLTransactionError):
        return "read_only"
    if isinstance(exc, DatabaseBusy):
        return "locked"
    if not isinstance(exc, sqlite3.OperationalError | sqlite3.DatabaseError):
        return None
    text = str(exc).lower()
    if "locked" in text or "busy" in text:
        return "locked"
    if "disk is full" in text or "database or disk is full" in text:
        return "full"
    if "readonly" in text or "read-only" in text:
        return "read_only"
    return None


def failure_key(exc: BaseException) -> str:
    """The message key a person is told when their action failed: the storage trouble
    by name ("host.storage.full"...), any other error as an internal one."""
    trouble = trouble_of(exc)
    return f"host.storage.{trouble}" if trouble else "host.failed"


async def retry_when_locked(call: Callable[[], Awaitable[T]], what: str) -> T:
    """Run `call` (a whole transaction), again when the database was locked."""
    for attempt in range(1, LOCKED_ATTEMPTS + 1):
        try:
            return await call()
        except Exception as exc:
            if trouble_of(exc) != "locked" or attempt == LOCKED_ATTEMPTS:
                raise
            log.warning("%s: the database is locked; trying again (%d/%d)", what, attempt + 1,
                        LOCKED_ATTEMPTS)
    raise AssertionError("unreachable")


__all__ = ["LOCKED_ATTEMPTS", "DatabaseBusy", "Trouble", "failure_key", "retry_when_locked",
           "trouble_of"]
