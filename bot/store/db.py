"""One async store over aiosqlite: every piece of workflow state lives here.

Connections
    One *writer* connection, used only inside `Store.transaction()`.  Transactions
    belong to a connection, not to a coroutine, so an `asyncio.Lock` lets one
    transaction at a time use it; otherwise one coroutine's COMMIT would commit
    another's half-done writes (research/perf.md, section 4, pitfall 1).

    Two read-only connections (`PRAGMA query_only`): the *lookup* serves
    `Store.fetchone/fetchall` on the loop's thread, the *reader* serves `Store.scan`
    (statistics, exports: reads over many rows), WAL checkpoints and backups on
    aiosqlite's thread. Under WAL both read the last committed state without waiting
    for the writer lock, so a slow transaction never stalls a card refresh, and they
    can never see another coroutine's uncommitted rows. Two, because a connection
    used from two threads at once would make the loop wait for the other thread's
    statement. A `:memory:` database cannot be shared between connections, so there
    reads go through the writer, under the lock.

Writes
    BEGIN IMMEDIATE takes SQLite's write lock up front: a transaction that reads
    then writes can therefore not fail half-way with SQLITE_BUSY because another
    process (a second bot, the CLI) wrote in between; it waits `busy_timeout`
    instead, on aiosqlite's thread.  Python's implicit transactions are off
    (`isolation_level=None`), which also makes `executemany` one transaction instead
    of one per row (pitfall 2).

    Once the lock is held, the transaction's statements and its COMMIT run on the
    loop's thread (`Transaction`): each costs SQLite's few microseconds instead of
    a thread round trip (about 150 µs), which took the drafts workflow from 1,300 to
    about 4,400 votes/s (benchmarks/store_bench.py). Group commit, perf.md's
    queue-fed batching writer, would merge unrelated callers' writes into one commit
    (one failure fails them all) for no need: a commit without a checkpoint costs
    some 70 µs, and the WAL is checkpointed from the reader's thread.

Schema
    Each component (the core, every cog and platform that has tables) ships numbered
    SQL files in its own `migrations/` folder (`bot/store/schema.py`); they are
    applied in order at open, each in its own transaction, and the versions are
    recorded per component in `schema_migrations`. The file is marked as Garant's
    with `PRAGMA application_id`.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import logging
import os
import secrets
import socket
import sqlite3
import uuid
from collections.abc import Awaitable, Callable, Generator, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from types import TracebackType
from typing import Any

import aiosqlite

from bot import faults
from bot.clock import Clock, as_utc
from bot.store.connection import (
    APPLICATION_ID,
    MEMORY,
    Params,
    StoreError,
    connect,
    open_error,
    rollback_now,
    run,
)
from bot.store.migrate import _migrate
from bot.store.schema import (
    Component,
    SchemaError,
    installed,
    parents_first,
)

__all__ = [
    "APPLICATION_ID",
    "AuditEntry",
    "Result",
    "Store",
    "StoreError",
    "Transaction",
    "format_utc",
    "parse_utc",
]

log = logging.getLogger(__name__)







# --- values -------------------------------------------------------------------


def format_utc(when: datetime) -> str:
    """Fixed-width ISO 8601 in UTC, so that comparing the text compares the instants."""
    # isoformat is C code, five times faster than strftime, and pads the year as ISO says.
    return as_utc(when).replace(tzinfo=None).isoformat(timespec="microseconds") + "Z"


def parse_utc(text: str) -> datetime:
    """Inverse of `format_utc` (accepts any ISO 8601 with an offset)."""
    return as_utc(datetime.fromisoformat(text))


def _json_default(value: object) -> object:
    if isinstance(value, datetime):
        return format_utc(value) if value.tzinfo else value.isoformat()
    if isinstance(value, date | time):
        return value.isoformat()
    if isinstance(value, timedelta):
        return value.total_seconds()
    if isinstance(value, set | frozenset):
        return sorted(value)
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def dump_json(value: object) -> str:
    """JSON as stored: UTF-8 kept readable, keys sorted so equal values compare equal."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True, default=_json_default)


@dataclass(frozen=True, slots=True)
class Result:
    """What a write statement did."""

    rowcount: int
    lastrowid: int | None


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    at: datetime
    actor: str
    action: str
    subject: str
    reason: str | None
    data: dict[str, Any]

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> AuditEntry:
        return cls(
            id=row["id"],
            at=parse_utc(row["at"]),
            actor=row["actor"],
            action=row["action"],
            subject=row["subject"],
            reason=row["reason"],
            data=json.loads(row["data"]),
        )


# --- transactions --------------------------------------------------------------

_current: contextvars.ContextVar[Transaction | None] = contextvars.ContextVar(
    "garant_store_transaction", default=None
)


def _execute(connection: sqlite3.Connection, sql: str, params: Params) -> Result:
    cursor = connection.execute(sql, params)
    try:
        return Result(cursor.rowcount, cursor.lastrowid)
    finally:
        cursor.close()


def _executemany(connection: sqlite3.Connection, sql: str, rows: Iterable[Params]) -> Result:
    cursor = connection.executemany(sql, rows)
    try:
        return Result(cursor.rowcount, cursor.lastrowid)
    finally:
        cursor.close()


def _fetchall(connection: sqlite3.Connection, sql: str, params: Params) -> list[sqlite3.Row]:
    cursor = connection.execute(sql, params)
    try:
        return cursor.fetchall()
    finally:
        cursor.close()


def _sqlite(db: aiosqlite.Connection) -> sqlite3.Connection:
    """The sqlite3 connection under aiosqlite's wrapper (opened with
    `check_same_thread=False`, see `Transaction`)."""
    return db._conn


class Transaction:
    """The handle given by `Store.transaction()`; valid only inside its `async with`.

    Its statements run on the event loop's thread, directly on the sqlite3 connection.
    Inside a transaction that already holds SQLite's write lock (BEGIN IMMEDIATE) a
    statement never waits for another connection (WAL: readers never block the writer),
    so it costs what SQLite costs, a few microseconds for the key lookups and one-row
    writes workflows make, where a hop to aiosqlite's thread and back costs about
    150 µs: a vote runs some twenty statements. What can wait never runs here: BEGIN
    IMMEDIATE waits for another process's write lock on aiosqlite's thread
    (`_TransactionScope`), and the WAL checkpoint that SQLite would run inside a COMMIT
    runs from the reader (`Store._committed`). The lock of `Store` keeps the two threads
    from ever using the connection at the same time.
    """

    def __init__(self, store: Store, db: aiosqlite.Connection) -> None:
        self._store = store
        self._db = db
        self._task = asyncio.current_task()
        self._open = True
        self._after_commit: list[Callable[[], object]] = []

    def _check(self) -> aiosqlite.Connection:
        if not self._open:
            raise StoreError("this transaction is finished; open a new one")
        return self._db

    def _owned_by_current_task(self, store: Store) -> bool:
        return self._open and self._store is store and self._task is asyncio.current_task()

    async def execute(self, sql: str, params: Params = ()) -> Result:
        return _execute(_sqlite(self._check()), sql, params)

    async def executemany(self, sql: str, rows: Iterable[Params]) -> Result:
        return _executemany(_sqlite(self._check()), sql, rows)

    async def fetchall(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        return _fetchall(_sqlite(self._check()), sql, params)

    async def fetchone(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        """First row or None; meant for key lookups (it reads the whole result)."""
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None

    async def fetchrow(self, sql: str, params: Params = ()) -> sqlite3.Row:
        """The row a query must find (an aggregate, a row just written in this
        transaction); StoreError when there is none, which is a bug."""
        row = await self.fetchone(sql, params)
        if row is None:
            raise StoreError("no row for: {sql}", sql=sql[:80])
        return row

    async def audit(
        self,
        actor: str,
        action: str,
        subject: str,
        /,
        reason: str | None = None,
        **data: Any,
    ) -> int:
        """Append to the audit log in this transaction, so that the change and the
        line explaining it are committed together or not at all."""
        result = await self.execute(
            "INSERT INTO audit_log (at, actor, action, subject, reason, data)"
            " VALUES (?, ?, ?, ?, ?, ?)",
            (format_utc(self._store.clock.now()), actor, action, subject, reason, dump_json(data)),
        )
        assert result.lastrowid is not None
        return result.lastrowid

    async def get_setting(self, key: str, default: Any = None) -> Any:
        row = await self.fetchone("SELECT value FROM settings WHERE key = ?", (key,))
        return default if row is None else json.loads(row["value"])

    async def set_setting(self, key: str, value: Any) -> None:
        await self.execute(
            "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)"
            " ON CONFLICT (key) DO UPDATE SET value = excluded.value,"
            " updated_at = excluded.updated_at",
            (key, dump_json(value), format_utc(self._store.clock.now())),
        )

    async def delete_setting(self, key: str) -> bool:
        result = await self.execute("DELETE FROM settings WHERE key = ?", (key,))
        return result.rowcount > 0

    def after_commit(self, callback: Callable[[], object]) -> None:
        """Call `callback()` once this transaction has committed (not if it rolls back).

        For side effects that must not happen for a rolled-back change, e.g. waking
        a sleeping scheduler or posting a card.  Exceptions are logged, not raised:
        the data is already committed.
        """
        self._check()
        self._after_commit.append(callback)

    def _close(self) -> list[Callable[[], object]]:
        self._open = False
        callbacks, self._after_commit = self._after_commit, []
        return callbacks


class _TransactionScope:
    """`async with store.transaction() as tx`: BEGIN IMMEDIATE ... COMMIT / ROLLBACK.

    BEGIN is tried at once, on the loop's thread, with SQLite's busy wait off: when no
    other process holds the write lock (nearly always) it costs a few microseconds.
    When one does, it is retried on aiosqlite's thread with the configured
    `busy_timeout`, so the loop never waits for another process. COMMIT and ROLLBACK
    run on the loop's thread with no await before the lock is released: a cancelled
    caller (bot shutdown, a timeout) cannot leave the connection half-way through a
    transaction. COMMIT never checkpoints the WAL here (`wal_autocheckpoint` is off on
    the writer); `Store` checkpoints from the reader's thread instead (`_checkpoint`).
    """

    def __init__(self, store: Store) -> None:
        self._store = store
        self._tx: Transaction | None = None
        self._token: contextvars.Token[Transaction | None] | None = None

    async def __aenter__(self) -> Transaction:
        store = self._store
        db = store._require_open()
        store._refuse_nested("store.transaction()")
        await store._lock.acquire()
        try:
            if not _begin_without_waiting(_sqlite(db)):
                await asyncio.to_thread(_begin_waiting, _sqlite(db), store._busy_timeout_ms)
        except BaseException:
            rollback_now(_sqlite(db))
            store._lock.release()
            raise
        self._tx = Transaction(store, db)
        self._token = _current.set(self._tx)
        return self._tx

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        assert self._tx is not None and self._token is not None
        store = self._store
        connection = _sqlite(self._tx._db)
        callbacks = self._tx._close()
        _current.reset(self._token)
        try:
            if exc_type is not None:
                rollback_now(connection)
                return
            try:
                faults.hit("store.commit")
                connection.execute("COMMIT")
            except BaseException:
                rollback_now(connection)
                raise
        finally:
            store._lock.release()
        store._committed()
        for callback in callbacks:
            try:
                callback()
            except Exception:
                log.exception("after_commit callback %r failed", callback)


#: SQLite's primary result code for "another connection holds the lock".
_SQLITE_BUSY = 5


def _begin_without_waiting(connection: sqlite3.Connection) -> bool:
    """BEGIN IMMEDIATE if the write lock is free now; False if another process holds it.

    The writer's busy timeout is 0 (`Store.open`): every other statement it runs is
    inside a transaction that already holds the lock, where WAL never answers BUSY."""
    try:
        connection.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if getattr(exc, "sqlite_errorcode", 0) & 0xFF != _SQLITE_BUSY:
            raise
        return False
    return True


def _begin_waiting(connection: sqlite3.Connection, busy_timeout_ms: int) -> None:
    """BEGIN IMMEDIATE, waiting up to the busy timeout: off the loop's thread."""
    connection.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
    try:
        connection.execute("BEGIN IMMEDIATE")
    finally:
        connection.execute("PRAGMA busy_timeout = 0")


# --- the store ----------------------------------------------------------------


class _Opening:
    """Lets `Store.open` be used both as `await Store.open(...)` and `async with`."""

    def __init__(self, opener: Callable[[], Awaitable[Store]]) -> None:
        self._opener = opener
        self._store: Store | None = None

    def __await__(self) -> Generator[Any, None, Store]:
        return self._opener().__await__()

    async def __aenter__(self) -> Store:
        self._store = await self._opener()
        return self._store

    async def __aexit__(self, *exc_info: object) -> None:
        if self._store is not None:
            await self._store.close()


#: The stores open in this process (their `instance`), for `Store.holder_is_gone`.
_LIVE: set[str] = set()

def _live_instance() -> str:
    """A new opening's lease holder name (host, process, opening), recorded as live."""
    instance = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:8]}"
    _LIVE.add(instance)
    return instance


#: URL scheme -> the opener of a store on another engine than SQLite.
_ENGINES: dict[str, Callable[[str, Clock, Sequence[Component] | None], _Opening]] = {}


def register_engine(schemes: Sequence[str],
                    opener: Callable[[str, Clock, Sequence[Component] | None], _Opening]
                    ) -> None:
    """Let `Store.open` open the URLs of `schemes` with `opener` (an engine's module
    registers itself when imported; `bot.store` imports them all)."""
    for scheme in schemes:
        _ENGINES[scheme] = opener


class Store:
    """The bot's database.  Create with `await Store.open(path, clock)`."""

    def __init__(
        self,
        path: Path | str,
        clock: Clock,
        writer: aiosqlite.Connection,
        reader: aiosqlite.Connection,
        versions: dict[str, int],
        *,
        busy_timeout_ms: int = 5000,
    ) -> None:
        self.path = path
        self.clock = clock
        #: component name -> the version of its schema in this database
        self.versions = versions
        self._writer: aiosqlite.Connection | None = writer
        self._reader = reader
        #: Reads on the loop's thread (`fetchall`); None for :memory:, which has only
        #: the writer.
        self._lookup = None if reader is writer else _lookup_connection(path, busy_timeout_ms)
        self._lock = asyncio.Lock()
        self._busy_timeout_ms = busy_timeout_ms
        self._commits_since_checkpoint = 0
        self._checkpointing: asyncio.Task[None] | None = None
        #: Who holds a lease taken through this store (`lease_owner`): the host, the
        #: process and this opening, so a restart can tell a dead holder from a live one.
        self.instance = _live_instance()

    @classmethod
    async def gone_holders(cls, tx: Transaction, table: str, status: str) -> list[str | None]:
        """The holders of the leases on `table`'s rows in `status` (the outbox's `sending`
        effects, the scheduler's `running` runs) that are certainly gone: what a start
        may take over at once."""
        rows = await tx.fetchall(f"SELECT DISTINCT lease_owner FROM {table} WHERE status = ?",
                                 (status,))
        return [row["lease_owner"] for row in rows if cls.holder_is_gone(row["lease_owner"])]

    @staticmethod
    def holder_is_gone(owner: str | None) -> bool:
        """Whether the holder of a lease is certainly gone: a store of this process that
        was closed, or a process of this host that no longer runs. A holder on another
        host is never presumed gone (its lease expires instead)."""
        if owner is None:
            return True
        host, _, rest = owner.partition(":")
        pid_text = rest.partition(":")[0]
        if host != socket.gethostname() or not pid_text.isdigit():
            return False
        pid = int(pid_text)
        if pid == os.getpid():
            return owner not in _LIVE
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            return True
        except OSError:
            return False
        return False

    # -- opening and closing

    @classmethod
    def open(
        cls,
        path: str | Path,
        clock: Clock,
        *,
        busy_timeout: timedelta = timedelta(seconds=5),
        components: Sequence[Component] | None = None,
    ) -> _Opening:
        """Open (creating or upgrading) the database at `path`: a SQLite file, or a
        database given by the URL of another engine (`postgresql://`: registered by
        `bot.store.postgres`, see `register_engine`).

        `components` are the schemas to bring up to date: by default the core and
        every installed cog and platform (`bot.store.schema.installed`); tests pass
        their own. Raises StoreError with a message meant for the person running the
        bot.
        """
        for scheme, engine in _ENGINES.items():
            if str(path).startswith(scheme):
                return engine(str(path), clock, components)
        location: str | Path = MEMORY if str(path) == MEMORY else Path(path)
        try:
            known = list(components) if components is not None else installed()
        except SchemaError as exc:
            raise StoreError("{error}", error=str(exc)) from exc

        async def opener() -> Store:
            timeout_ms = int(busy_timeout.total_seconds() * 1000)
            writer = await connect(location, timeout_ms)
            try:
                versions = await _migrate(writer, location, known)
                await run(writer, "PRAGMA busy_timeout = 0")  # see _begin_without_waiting
                reader = writer
                if location != MEMORY:
                    reader = await connect(location, timeout_ms, query_only=True)
            except sqlite3.Error as exc:  # a read-only file, a full disk: one line, exit 2
                await writer.close()
                raise open_error(location, exc) from exc
            except BaseException:
                await writer.close()
                raise
            return cls(location, clock, writer, reader, versions, busy_timeout_ms=timeout_ms)

        return _Opening(opener)

    async def close(self) -> None:
        """Wait for the running transaction, then close; later calls raise StoreError."""
        if self._writer is None:
            return
        self._refuse_nested("store.close()")
        _LIVE.discard(self.instance)
        if self._checkpointing is not None:
            await self._checkpointing
        async with self._lock:  # a checkpoint asked for meanwhile finds the store closed
            writer, self._writer = self._writer, None
            try:
                await run(writer, f"PRAGMA busy_timeout = {self._busy_timeout_ms}")
                await run(writer, "PRAGMA optimize")
            except sqlite3.Error as exc:
                log.warning("PRAGMA optimize failed: %s", exc)
            if self._reader is not writer:
                await self._reader.close()
            if self._lookup is not None:
                self._lookup.close()
            await writer.close()

    async def __aenter__(self) -> Store:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.close()

    async def migrate(self, components: Sequence[Component]) -> None:
        """Bring more components up to date on an open store (a cog loaded from outside
        the installed packages)."""
        writer = self._require_open()
        self._refuse_nested("store.migrate()")
        async with self._lock:
            await run(writer, f"PRAGMA busy_timeout = {self._busy_timeout_ms}")
            try:
                self.versions.update(await _migrate(writer, self.path, components))
            finally:
                await run(writer, "PRAGMA busy_timeout = 0")

    def _require_open(self) -> aiosqlite.Connection:
        if self._writer is None:
            raise StoreError("the store is closed")
        return self._writer

    def _refuse_nested(self, what: str) -> None:
        """Fail fast instead of deadlocking on our own lock (or reading stale data)."""
        tx = _current.get()
        if tx is not None and tx._owned_by_current_task(self):
            raise StoreError("{what} called inside a transaction; use the transaction's methods",
                             what=what)

    # -- writing

    def transaction(self) -> _TransactionScope:
        """`async with store.transaction() as tx:` commits on success, rolls back on error."""
        return _TransactionScope(self)

    #: Commits between two WAL checkpoints: a few hundred kilobytes of WAL at most.
    CHECKPOINT_EVERY = 200

    def _committed(self) -> None:
        """Count a commit; every `CHECKPOINT_EVERY`, copy the WAL back into the database
        from the reader's thread, which SQLite would otherwise do inside a COMMIT, on
        the loop's thread. Transactions wait for it without blocking the loop."""
        self._commits_since_checkpoint += 1
        if (self._commits_since_checkpoint < self.CHECKPOINT_EVERY
                or self._reader is self._writer or self._checkpointing is not None):
            return
        self._commits_since_checkpoint = 0
        self._checkpointing = asyncio.ensure_future(self._checkpoint())

    async def _checkpoint(self) -> None:
        # Under the lock: a checkpoint racing our own commits never catches up with the
        # WAL's end, and SQLite only starts the WAL over after a complete one.
        try:
            async with self._lock:
                if self._writer is not None:
                    await run(self._reader, "PRAGMA wal_checkpoint(PASSIVE)")
        except sqlite3.Error as exc:  # retried after the next commits
            log.warning("WAL checkpoint failed: %s", exc)
        finally:
            self._checkpointing = None

    # -- reading

    async def fetchall(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        """Read committed data (see the module docstring): never another coroutine's
        half-done transaction, and never waiting for one. Runs on the loop's thread, on a
        connection of its own: meant for what workflows read (rows by key, a card's
        data, a few hundred rows at most); a read over a whole table goes to `scan`."""
        writer = self._require_open()
        self._refuse_nested("store.fetchall()")
        if self._lookup is None:  # :memory: has one connection: wait for the writer
            async with self._lock:
                return _fetchall(_sqlite(writer), sql, params)
        return _fetchall(self._lookup, sql, params)

    async def scan(self, sql: str, params: Params = ()) -> list[sqlite3.Row]:
        """Like `fetchall`, on the reader's thread: for reads that may go through many
        rows (statistics, exports), which would otherwise hold up the loop."""
        writer = self._require_open()
        self._refuse_nested("store.scan()")
        if self._reader is writer:
            async with self._lock:
                return await run(writer, sql, params)
        return await run(self._reader, sql, params)

    async def fetchone(self, sql: str, params: Params = ()) -> sqlite3.Row | None:
        rows = await self.fetchall(sql, params)
        return rows[0] if rows else None

    async def fetchrow(self, sql: str, params: Params = ()) -> sqlite3.Row:
        """The row a query must find (an aggregate); StoreError when there is none."""
        row = await self.fetchone(sql, params)
        if row is None:
            raise StoreError("no row for: {sql}", sql=sql[:80])
        return row

    async def get_setting(self, key: str, default: Any = None) -> Any:
        row = await self.fetchone("SELECT value FROM settings WHERE key = ?", (key,))
        return default if row is None else json.loads(row["value"])

    async def audit_entries(
        self, subject: str | None = None, *, action: str | None = None, limit: int = 100
    ) -> list[AuditEntry]:
        """The latest `limit` entries (optionally for one subject/action), oldest first."""
        where, params = [], []
        if subject is not None:
            where.append("subject = ?")
            params.append(subject)
        if action is not None:
            where.append("action = ?")
            params.append(action)
        clause = f"WHERE {' AND '.join(where)}" if where else ""
        rows = await self.fetchall(
            f"SELECT * FROM audit_log {clause} ORDER BY id DESC LIMIT ?", (*params, limit)
        )
        return [AuditEntry.from_row(row) for row in reversed(rows)]

    # -- the whole database (copies)

    async def tables(self) -> list[str]:
        """Garant's tables, parents before children (foreign keys), the migrations'
        own table left out (each store records the versions it was brought to)."""
        rows = await self.scan(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
            "AND name != 'schema_migrations' ORDER BY name")
        edges = []
        for row in rows:
            for key in await self.scan(
                    f"SELECT \"table\" FROM pragma_foreign_key_list('{row[0]}')"):
                edges.append((row[0], key[0]))
        return parents_first([row[0] for row in rows], edges)

    async def columns(self, table: str) -> list[str]:
        return [row[0] for row in await self.scan(
            f"SELECT name FROM pragma_table_info('{table}')")]

    async def rows_copied(self) -> None:
        """After rows were copied in with their ids: nothing to do (SQLite numbers new
        rows after the highest id)."""

    # -- backup

    async def backup(self, dest: str | Path) -> Path:
        """Write a consistent copy of the live database to `dest` and return its path.

        The copy is made into a temporary file next to `dest`, checked, then renamed,
        so `dest` is never a half-written file (a crash leaves the old backup intact).
        """
        writer = self._require_open()
        self._refuse_nested("store.backup()")
        dest = Path(dest)
        self._refuse_live_path(dest)
        tmp = dest.with_name(f".{dest.name}.{secrets.token_hex(4)}.tmp")
        try:
            target = await asyncio.to_thread(sqlite3.connect, tmp, check_same_thread=False)
        except sqlite3.Error as exc:
            raise StoreError("cannot write a backup to {dest}: {error}", dest=str(dest),
                             error=str(exc)) from exc
        try:
            if self._reader is writer:
                async with self._lock:
                    await writer.backup(target)
            else:
                # One-step backup from the reader: a consistent snapshot, writers not blocked.
                await self._reader.backup(target)
            verdict = await asyncio.to_thread(_quick_check, target)
            if verdict != "ok":
                raise StoreError("the backup copy failed its check: {verdict}", verdict=verdict)
        except BaseException:
            await asyncio.to_thread(target.close)
            tmp.unlink(missing_ok=True)
            raise
        await asyncio.to_thread(target.close)
        os.replace(tmp, dest)
        return dest

    def _refuse_live_path(self, dest: Path) -> None:
        if self.path == MEMORY:
            return
        live = Path(self.path).resolve()
        sidecars = {live, live.with_name(live.name + "-wal"), live.with_name(live.name + "-shm")}
        if dest.resolve() in sidecars:
            raise StoreError("refusing to back up {name} onto itself; choose another path",
                             name=live.name)


def _lookup_connection(path: str | Path, busy_timeout_ms: int) -> sqlite3.Connection:
    """The connection `Store.fetchall` reads with, on the loop's thread. Under WAL a
    reader never waits for a writer, so these reads cost SQLite's microseconds; opened
    on the file the store has already checked and migrated."""
    connection = sqlite3.connect(path, isolation_level=None, check_same_thread=False)
    connection.row_factory = sqlite3.Row
    connection.execute(f"PRAGMA busy_timeout = {busy_timeout_ms}")
    connection.execute("PRAGMA query_only = ON")
    return connection


def _quick_check(connection: sqlite3.Connection) -> str:
    return str(connection.execute("PRAGMA quick_check").fetchone()[0])


