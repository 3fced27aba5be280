"""The store on PostgreSQL, through asyncpg: the same API and guarantees as on SQLite.

Chosen by the database setting: `database: postgresql://user@host/garant` in
garant.yaml, or `--db postgresql://...`. SQLite stays the default: one co-op never
outgrows a file; an agency running several instances needs a server.

Connections
    One *writer* connection, used only inside `Store.transaction()` (an
    `asyncio.Lock` gives it to one transaction at a time, as on SQLite), and a few
    *reader* connections for `fetchall` and `scan`: under READ COMMITTED they read
    the last committed state and never wait for a writer.

Writes
    Each transaction first takes one PostgreSQL advisory lock for its schema
    (`pg_advisory_xact_lock`, keyed by the search path: tenants kept in schemas of
    one database do not wait for each other), released at its COMMIT or ROLLBACK.
    Writers are then serialised across every instance sharing the schema exactly as
    SQLite's BEGIN IMMEDIATE serialises them across processes: a workflow that reads
    then writes never sees another instance's write slip in between, so every
    guarantee written for SQLite holds unchanged. Reads never take it. COMMIT and
    ROLLBACK are shielded from cancellation (a stopping bot never leaves the
    connection half-way through a transaction).

Statements
    Written once in SQLite's spelling (`bot.store.dialect`). Each is prepared once
    per connection; its parameters are converted to the types PostgreSQL inferred
    (SQLite converts between text and numbers silently, asyncpg refuses), and
    `numeric` results (sums, averages) come back as int or float as SQLite's do.
    An INSERT into a table with an identity column returns the new row's id, as
    SQLite's `lastrowid`.
"""

from __future__ import annotations

import asyncio
import logging
import re
import secrets
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import UTC, datetime
from pathlib import Path
from types import TracebackType
from typing import Any
from urllib.parse import parse_qsl, urlsplit, urlunsplit

import asyncpg

from bot import faults
from bot.clock import Clock
from bot.store import dialect
from bot.store.connection import Params, StoreError
from bot.store.db import (
    _LIVE,
    Result,
    Store,
    Transaction,
    _current,
    _live_instance,
    _Opening,
    register_engine,
)
from bot.store.schema import (
    Component,
    SchemaError,
    installed,
    parents_first,
    pending,
    refuse_newer,
    split_statements,
)
from bot.store.trouble import DatabaseBusy

log = logging.getLogger("bot.store.db")

URL_SCHEMES = ("postgresql://", "postgres://")
#: The advisory lock every write transaction holds ("GART", as SQLite's application id),
#: one per schema: tenants kept in schemas of one database never wait for each other.
WRITE_LOCK = 0x47415254
LOCK_STATEMENT = (f"SELECT pg_advisory_xact_lock({WRITE_LOCK}, "
                  "hashtext(current_setting('search_path')))")
#: At most this many reading connections per store, each opened when reads run side by
#: side and none is free: a quiet team (an agency's tenants, mostly) holds its writer
#: and one reader, not four connections.
READERS = 3


def is_postgres_url(location: object) -> bool:
    return str(location).startswith(URL_SCHEMES)


def shown(url: str) -> str:
    """The URL without its password, for messages and logs."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    user = f"{parts.username}:***@" if parts.username else ""
    port = f":{parts.port}" if parts.port else ""
    return urlunsplit((parts.scheme, f"{user}{host}{port}", parts.path, parts.query,
                       parts.fragment))


# -- parameters and results ------------------------------------------------------


def _as_text(value: Any) -> Any:
    if type(value) is str:
        # PostgreSQL's text cannot hold NUL, which SQLite keeps: a NUL typed in a chat
        # message is stored as U+FFFD, the replacement character, not refused.
        return value.replace("\x00", "\ufffd") if "\x00" in value else value
    if value is None:
        return value
    if isinstance(value, bool):
        return str(int(value))
    if isinstance(value, int | float):
        return str(value)
    return value


def _as_int(value: Any) -> Any:
    if value is None or type(value) is int:
        return value
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, str):
        try:
            return int(value)
        except ValueError:
            return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return value


def _as_float(value: Any) -> Any:
    if value is None or type(value) is float:
        return value
    if isinstance(value, int | str):
        try:
            return float(value)
        except ValueError:
            return value
    return value


def _as_bytes(value: Any) -> Any:
    return value.encode() if isinstance(value, str) else value


_CONVERTERS: dict[str, Callable[[Any], Any]] = {
    "text": _as_text, "varchar": _as_text, "bpchar": _as_text, "name": _as_text,
    "int8": _as_int, "int4": _as_int, "int2": _as_int,
    "float8": _as_float, "float4": _as_float,
    "bytea": _as_bytes,
}


def _numeric(text: str) -> int | float:
    """`numeric` as SQLite gives it: an integer when it is one (a SUM of integers)."""
    try:
        return int(text)
    except ValueError:
        return float(text)


class _Statement:
    """A prepared statement and how its parameters are converted."""

    __slots__ = ("converters", "prepared")

    def __init__(self, prepared: asyncpg.prepared_stmt.PreparedStatement) -> None:
        self.prepared = prepared
        self.converters = tuple(_CONVERTERS.get(t.name) for t in prepared.get_parameters())

    def arguments(self, params: Sequence[Any]) -> list[Any]:
        values = list(params)
        for i, convert in enumerate(self.converters):
            if convert is not None and i < len(values):
                values[i] = convert(values[i])
        return values


class _Connection:
    """An asyncpg connection with its prepared statements (asyncpg's own cache keys
    on the text, but the parameters' types are needed before the call)."""

    MAX_STATEMENTS = 1000

    def __init__(self, raw: asyncpg.Connection, url: str) -> None:
        self.raw = raw
        self.url = url
        self._statements: dict[str, _Statement] = {}

    async def reopen_if_lost(self, *, lost: bool = False) -> None:
        """A new session when the server dropped this one (a restart, a failover, an
        idle timeout), or when `lost` (a statement just failed as a dropped session
        does): called where no transaction is under way, so nothing is lost."""
        if not (lost or self.raw.is_closed()):
            return
        log.warning("the PostgreSQL connection was lost; connecting again")
        self.raw.terminate()
        self.raw = (await _connect(self.url)).raw
        self._statements.clear()

    async def statement(self, sql: str) -> _Statement:
        found = self._statements.get(sql)
        if found is None:
            if len(self._statements) >= self.MAX_STATEMENTS:
                self._statements.clear()
            found = self._statements[sql] = _Statement(await self._prepare(sql))
        return found

    async def _prepare(self, sql: str) -> asyncpg.prepared_stmt.PreparedStatement:
        """Prepare `sql`; a parameter PostgreSQL cannot type (`SELECT ? AS x`, `? IS
        NULL`) is read as text, as SQLite reads an untyped value."""
        for _ in range(sql.count("$")):
            try:
                return await self.raw.prepare(sql)
            except asyncpg.IndeterminateDatatypeError as exc:
                number = re.search(r"\$(\d+)", str(exc))
                if number is None:
                    raise
                sql = re.sub(rf"\${number.group(1)}(?!\d)", f"${number.group(1)}::text", sql)
        return await self.raw.prepare(sql)

    async def fetch(self, sql: str, params: Sequence[Any]
                    ) -> tuple[list[asyncpg.Record], str]:
        statement = await self.statement(sql)
        try:
            rows = await statement.prepared.fetch(*statement.arguments(params))
        except asyncpg.InvalidCachedStatementError:  # the schema changed under it
            self._statements.pop(sql, None)
            statement = await self.statement(sql)
            rows = await statement.prepared.fetch(*statement.arguments(params))
        return rows, statement.prepared.get_statusmsg()


async def _connect(url: str) -> _Connection:
    raw = await asyncpg.connect(url, statement_cache_size=0)
    await raw.set_type_codec("numeric", encoder=str, decoder=_numeric, schema="pg_catalog",
                             format="text")
    return _Connection(raw, url)


#: What asyncpg raises when the server is gone or dropped the session (seen: the
#: protocol's own state error when the drop is noticed in the middle of a call).
_LOST = (asyncpg.ConnectionDoesNotExistError, asyncpg.InterfaceError,
         asyncpg.InternalClientError, asyncpg.AdminShutdownError, ConnectionError)


def _positional(sql: str, params: Params) -> tuple[str, Sequence[Any]]:
    """`:name` parameters from a mapping as positional ones (asyncpg has only those)."""
    if isinstance(params, Mapping):
        sql, names = dialect.named(sql)
        return sql, [params[name] for name in names]
    return sql, params


def _rowcount(status: str) -> int:
    """Rows a statement touched, from its status ("INSERT 0 3", "UPDATE 2")."""
    last = status.rpartition(" ")[2]
    return int(last) if last.isdigit() else -1


# -- transactions ----------------------------------------------------------------


class PostgresTransaction(Transaction):
    """`Transaction` on the writer connection (see the module docstring)."""

    def __init__(self, store: PostgresStore, connection: _Connection) -> None:
        super().__init__(store, None)  # type: ignore[arg-type]
        self._pg_store = store
        self._connection = connection

    def _live(self) -> _Connection:
        if not self._open:
            raise StoreError("this transaction is finished; open a new one")
        return self._connection

    async def execute(self, sql: str, params: Params = ()) -> Result:
        connection = self._live()
        sql, params = _positional(sql, params)
        text = dialect.query(sql)
        table = dialect.inserted_table(sql)
        key = self._pg_store._identity.get(table) if table else None
        if key is not None:
            text += f" RETURNING {key}"
        rows, status = await connection.fetch(text, params)
        lastrowid = rows[-1][0] if key is not None and rows else None
        return Result(_rowcount(status), lastrowid)

    async def executemany(self, sql: str, rows: Iterable[Params]) -> Result:
        connection = self._live()
        rows = list(rows)
        if rows and isinstance(rows[0], Mapping):
            sql, names = dialect.named(sql)
            rows = [[row[name] for name in names] for row in rows]  # type: ignore[call-overload]
        statement = await connection.statement(dialect.query(sql))
        arguments = [statement.arguments(row) for row in rows]  # type: ignore[arg-type]
        if arguments:
            await statement.prepared.executemany(arguments)
        return Result(len(arguments), None)

    async def fetchall(self, sql: str, params: Params = ()) -> list[Any]:
        sql, params = _positional(sql, params)
        rows, _ = await self._live().fetch(dialect.query(sql), params)
        return rows


class _PostgresTransactionScope:
    """`async with store.transaction() as tx`: BEGIN, the write lock, COMMIT/ROLLBACK."""

    def __init__(self, store: PostgresStore) -> None:
        self._store = store
        self._tx: PostgresTransaction | None = None
        self._token: Any = None

    async def __aenter__(self) -> PostgresTransaction:
        store = self._store
        connection = store._writer_connection()
        store._refuse_nested("store.transaction()")
        await store._lock.acquire()
        begin = f"BEGIN; SET LOCAL lock_timeout = {store.busy_timeout_ms}; {LOCK_STATEMENT}"
        try:
            await connection.reopen_if_lost()
            try:
                await connection.raw.execute(begin)
            except _LOST:  # dropped while idle, seen only now: nothing was under way
                await connection.reopen_if_lost(lost=True)
                await connection.raw.execute(begin)
        except BaseException as exc:
            await _shielded_rollback(connection)
            store._lock.release()
            if isinstance(exc, asyncpg.LockNotAvailableError):
                raise DatabaseBusy("the database is busy: another Garant instance has held its "
                                 "write lock for over {seconds} s", seconds=round(
                                     store.busy_timeout_ms / 1000)) from exc
            raise
        self._tx = PostgresTransaction(store, connection)
        self._token = _current.set(self._tx)
        return self._tx

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, traceback: TracebackType | None) -> None:
        assert self._tx is not None
        store = self._store
        connection = self._tx._connection
        callbacks = self._tx._close()
        _current.reset(self._token)
        try:
            if exc_type is not None:
                await _shielded_rollback(connection)
                return
            try:
                faults.hit("store.commit")
                await asyncio.shield(connection.raw.execute("COMMIT"))
            except BaseException:
                await _shielded_rollback(connection)
                raise
        finally:
            store._lock.release()
        for callback in callbacks:
            try:
                callback()
            except Exception:
                log.exception("after_commit callback %r failed", callback)


async def _shielded_rollback(connection: _Connection) -> None:
    try:
        await asyncio.shield(connection.raw.execute("ROLLBACK"))
    except (asyncpg.PostgresError, asyncpg.InterfaceError, OSError) as exc:
        log.error("ROLLBACK failed: %s", exc)


# -- the store -------------------------------------------------------------------


class PostgresStore(Store):
    """`Store` on a PostgreSQL database (opened by `Store.open` for a postgresql:// URL)."""

    def __init__(self, url: str, clock: Clock, writer: _Connection,
                 versions: dict[str, int]) -> None:
        # Not Store.__init__: that one opens SQLite connections.
        self.path = url
        self.clock = clock
        self.versions = versions
        self._url = url
        self._pg_writer: _Connection | None = writer
        self._readers: asyncio.Queue[_Connection] = asyncio.Queue()  # the idle ones
        self._all_readers: list[_Connection] = []
        self._opening_readers = 0
        self._lock = asyncio.Lock()
        self.busy_timeout_ms = 5000
        self._identity: dict[str, str] = {}
        self.instance = _live_instance()

    @classmethod
    def open_url(cls, url: str, clock: Clock, *,
                 components: Sequence[Component] | None = None) -> _Opening:
        try:
            known = list(components) if components is not None else installed()
        except SchemaError as exc:
            raise StoreError("{error}", error=str(exc)) from exc

        async def opener() -> Store:
            try:
                writer = await _connect(url)
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError) as exc:
                raise StoreError("cannot connect to {url}: {error}", url=shown(url),
                                 error=str(exc) or type(exc).__name__) from exc
            try:
                versions = await _migrate(writer, url, known)
            except BaseException:
                await writer.raw.close()
                raise
            store = cls(url, clock, writer, versions)
            await store._read_identity()
            return store

        return _Opening(opener)

    async def _read_identity(self) -> None:
        rows, _ = await self._writer_connection().fetch(
            "SELECT table_name, column_name FROM information_schema.columns "
            "WHERE table_schema = current_schema() AND is_identity = 'YES'", ())
        self._identity = {row["table_name"]: row["column_name"] for row in rows}

    def _writer_connection(self) -> _Connection:
        if self._pg_writer is None:
            raise StoreError("the store is closed")
        return self._pg_writer

    def _require_open(self) -> Any:
        return self._writer_connection()

    async def close(self) -> None:
        if self._pg_writer is None:
            return
        self._refuse_nested("store.close()")
        _LIVE.discard(self.instance)
        async with self._lock:
            writer, self._pg_writer = self._pg_writer, None
            for connection in (*self._all_readers, writer):
                try:
                    await connection.raw.close(timeout=5)
                except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError,
                        TimeoutError) as exc:
                    log.warning("closing a PostgreSQL connection failed: %s", exc)

    async def migrate(self, components: Sequence[Component]) -> None:
        writer = self._writer_connection()
        self._refuse_nested("store.migrate()")
        async with self._lock:
            self.versions.update(await _migrate(writer, self._url, components))
            await self._read_identity()

    def transaction(self) -> _PostgresTransactionScope:  # type: ignore[override]
        return _PostgresTransactionScope(self)

    def _committed(self) -> None:  # PostgreSQL checkpoints by itself
        return

    async def fetchall(self, sql: str, params: Params = ()) -> list[Any]:
        self._writer_connection()
        self._refuse_nested("store.fetchall()")
        sql, params = _positional(sql, params)
        reader = await self._take_reader()
        try:
            self._writer_connection()  # closed while this read waited for a reader
            await reader.reopen_if_lost()
            try:
                rows, _ = await reader.fetch(dialect.query(sql), params)
            except _LOST:  # dropped between the check and the read: once more
                self._writer_connection()  # unless the store was closed meanwhile
                await reader.reopen_if_lost(lost=True)
                rows, _ = await reader.fetch(dialect.query(sql), params)
        finally:
            self._readers.put_nowait(reader)
        return rows

    async def _take_reader(self) -> _Connection:
        """An idle reader; a new one when none is and fewer than READERS are open."""
        if self._readers.empty() and \
                len(self._all_readers) + self._opening_readers < READERS:
            self._opening_readers += 1
            try:
                reader = await _connect(self._url)
            except (OSError, asyncpg.PostgresError, asyncpg.InterfaceError):
                if not self._all_readers:
                    raise
                log.warning("PostgreSQL: another reading connection could not be opened; "
                            "reading through the %d open", len(self._all_readers))
                return await self._readers.get()
            finally:
                self._opening_readers -= 1
            if self._pg_writer is None:  # closed meanwhile
                await reader.raw.close()
                self._writer_connection()  # raises: the store is closed
            self._all_readers.append(reader)
            return reader
        return await self._readers.get()

    async def scan(self, sql: str, params: Params = ()) -> list[Any]:
        return await self.fetchall(sql, params)

    async def tables(self) -> list[str]:
        rows = await self.fetchall(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = "
            "current_schema() AND table_type = 'BASE TABLE' AND table_name != "
            "'schema_migrations' ORDER BY table_name")
        edges = await self.fetchall(
            "SELECT tc.table_name AS child, ccu.table_name AS parent FROM "
            "information_schema.table_constraints tc JOIN "
            "information_schema.constraint_column_usage ccu ON "
            "tc.constraint_name = ccu.constraint_name AND tc.table_schema = ccu.table_schema "
            "WHERE tc.constraint_type = 'FOREIGN KEY' AND tc.table_schema = current_schema()")
        return parents_first([row[0] for row in rows],
                              [(row["child"], row["parent"]) for row in edges])

    async def columns(self, table: str) -> list[str]:
        return [row[0] for row in await self.fetchall(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = "
            "current_schema() AND table_name = ? ORDER BY ordinal_position", (table,))]

    async def rows_copied(self) -> None:
        """Number new rows after the highest id (rows were copied in with theirs)."""
        async with self.transaction() as tx:
            for table, column in self._identity.items():
                await tx.fetchall(
                    f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
                    f"COALESCE(MAX({column}), 0) + 1, false) FROM {table}")

    async def backup(self, dest: str | Path) -> Path:
        """A consistent copy of the database as a SQLite file (`garant db copy` puts it
        back into PostgreSQL): one format for every backup, readable anywhere, no
        pg_dump of the server's exact version needed."""
        from bot.store.copy import copy_database

        dest = Path(dest)
        self._refuse_nested("store.backup()")
        tmp = dest.with_name(f".{dest.name}.{secrets.token_hex(4)}.tmp")
        try:
            async with Store.open(tmp, self.clock) as target:
                await copy_database(self, target)
        except BaseException:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{tmp}{suffix}").unlink(missing_ok=True)
            raise
        tmp.replace(dest)
        return dest


# -- migrations ------------------------------------------------------------------


async def _migrate(writer: _Connection, url: str, components: Sequence[Component]
                   ) -> dict[str, int]:
    """Bring every component's schema up to date, each migration in its own
    transaction under the write lock (two instances starting together apply each
    migration once)."""
    raw = writer.raw
    await raw.execute(f"BEGIN; {LOCK_STATEMENT}")
    try:
        await _create_schema(raw, url)
        tables = await raw.fetch(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema()")
        names = {row[0] for row in tables}
        if names and "schema_migrations" not in names:
            raise StoreError("{url} holds tables but is not a Garant database; check the "
                             "database setting", url=shown(url))
        await raw.execute("CREATE TABLE IF NOT EXISTS schema_migrations (component TEXT "
                          "COLLATE \"C\" PRIMARY KEY, version BIGINT NOT NULL, "
                          "applied_at TEXT NOT NULL)")
        await raw.execute("COMMIT")
    except BaseException:
        await _shielded_rollback(writer)
        raise
    rows = await raw.fetch("SELECT component, version FROM schema_migrations")
    versions = {row["component"]: int(row["version"]) for row in rows}
    refuse_newer(shown(url), versions, components)
    for component, migration in pending(versions, components):
        versions[component.name] = await _apply(writer, url, component, migration)
    return versions


async def _create_schema(raw: asyncpg.Connection, url: str) -> None:
    """The schema a URL's `search_path` names, created if missing: a client kept in a
    schema of its own (`?search_path=client_a`) needs no step before its first start."""
    wanted = dict(parse_qsl(urlsplit(url).query)).get("search_path")
    if not wanted or "," in wanted or not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", wanted):
        return
    if not await raw.fetchval("SELECT 1 FROM pg_namespace WHERE nspname = $1", wanted):
        await raw.execute(f"CREATE SCHEMA {wanted}")


_DROP_TRIGGER = re.compile(r"\s*DROP\s+TRIGGER\s+(?:IF\s+EXISTS\s+)?(\w+)\s*;?\s*$", re.I)


async def _apply(writer: _Connection, url: str, component: Component, migration: Any) -> int:
    label = f"{component.name}/{migration.label}"
    raw = writer.raw
    await raw.execute(f"BEGIN; {LOCK_STATEMENT}")
    try:
        current = await raw.fetchval(
            "SELECT version FROM schema_migrations WHERE component = $1", component.name)
        if current is not None and current >= migration.version:  # another instance did it
            await raw.execute("ROLLBACK")
            return int(current)
        script = migration.postgresql
        statements = (split_statements(script) if script is not None else
                      [s for sql in split_statements(migration.sql)
                       for s in dialect.migration(sql)])
        for statement in statements:
            statement = await _on_table(raw, statement)
            await raw.execute(statement)
        await raw.execute(
            "INSERT INTO schema_migrations (component, version, applied_at) VALUES ($1, $2, $3)"
            " ON CONFLICT (component) DO UPDATE SET version = excluded.version, "
            "applied_at = excluded.applied_at", component.name, migration.version,
            datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ"))
        await raw.execute("COMMIT")
    except BaseException as exc:
        await _shielded_rollback(writer)
        if isinstance(exc, asyncpg.PostgresError):
            raise StoreError("{name}: migration {label} failed: {error}", name=shown(url),
                             label=label, error=str(exc)) from exc
        raise
    log.info("%s: applied migration %s", shown(url), label)
    return int(migration.version)


async def _on_table(raw: asyncpg.Connection, statement: str) -> str:
    """SQLite's `DROP TRIGGER name` names no table; PostgreSQL's needs it."""
    m = _DROP_TRIGGER.match(dialect.without_comments(statement))
    if m is None:
        return statement
    table = await raw.fetchval(
        "SELECT c.relname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid "
        "WHERE t.tgname = $1", m.group(1))
    return f"DROP TRIGGER IF EXISTS {m.group(1)} ON {table}" if table else "SELECT 1"


register_engine(URL_SCHEMES, lambda url, clock, components: PostgresStore.open_url(
    url, clock, components=components))

__all__ = ["PostgresStore", "PostgresTransaction", "is_postgres_url", "shown"]
