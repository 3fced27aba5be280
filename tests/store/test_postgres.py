"""The store on a real PostgreSQL server (a throwaway cluster, tests/postgres.py):
the same schema, statements and guarantees as on SQLite, a database shared by two
instances, and moving a co-op between the two engines.

The rest of the suite runs on PostgreSQL too with GARANT_TEST_DATABASE=postgresql
(see tests/conftest.py); these tests need no variable and run on every CI run."""

from __future__ import annotations

import asyncio
import sqlite3
from datetime import UTC, datetime
from pathlib import Path

import asyncpg
import pytest

from bot.cli import main
from bot.clock import ManualClock
from bot.store import Store, StoreError
from bot.store.copy import copy_database
from bot.store.postgres import PostgresStore, shown
from bot.store.schema import installed
from bot.store.trouble import trouble_of

NOW = datetime(2026, 1, 5, 7, 0, tzinfo=UTC)
#: These tests open SQLite files and PostgreSQL URLs themselves: none is redirected.
pytestmark = pytest.mark.engines


def clock() -> ManualClock:
    return ManualClock(NOW)


async def test_a_new_database_gets_every_components_schema_once(postgres_url: str) -> None:
    async with Store.open(postgres_url, clock()) as store:
        assert isinstance(store, PostgresStore)
        assert store.versions == {c.name: c.latest for c in installed()}
        tables = {row[0] for row in await store.fetchall(
            "SELECT table_name FROM information_schema.tables "
            "WHERE table_schema = current_schema()")}
        assert {"audit_log", "drafts", "outbox", "job_runs", "review_items"} <= tables
    async with Store.open(postgres_url, clock()) as again:  # nothing applied twice
        assert again.versions == store.versions
        rows = await again.fetchall("SELECT count(*) FROM schema_migrations")
        assert rows[0][0] == len(installed())


async def test_statements_written_for_sqlite_mean_the_same(postgres_url: str) -> None:
    async with Store.open(postgres_url, clock()) as store, store.transaction() as tx:
        first = await tx.audit("alice", "test", "draft:1", reason="why")
        second = await tx.audit("bob", "test", "draft:2")
        assert (first, second) == (1, 2)  # lastrowid, as SQLite gives it
        # `IS ?` compares with NULL; LIKE ignores ASCII case, as SQLite's does.
        rows = await tx.fetchall("SELECT actor FROM audit_log WHERE reason IS ? ORDER BY id",
                                 (None,))
        assert [r["actor"] for r in rows] == ["bob"]
        rows = await tx.fetchall("SELECT actor FROM audit_log WHERE actor LIKE ?", ("ALI%",))
        assert [r[0] for r in rows] == ["alice"]
        # A number given for a text column, a text for a number: converted as SQLite does.
        await tx.execute("INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)",
                         (42, "1", "2026-01-05T07:00:00.000000Z"))
        assert await tx.get_setting("42") == 1
        # ON CONFLICT DO NOTHING reports no row; a sum of integers is an integer.
        result = await tx.execute(
            "INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?) "
            "ON CONFLICT DO NOTHING", ("42", "2", "x"))
        assert result.rowcount == 0
        total = await tx.fetchrow("SELECT SUM(id) AS total FROM audit_log")
        assert total["total"] == 3 and isinstance(total["total"], int)
        # Named parameters (the scheduler's upsert uses them).
        row = await tx.fetchrow("SELECT :a || :b AS joined", {"a": "x", "b": "y"})
        assert row["joined"] == "xy"


async def test_the_audit_log_stays_append_only(postgres_url: str) -> None:
    async with Store.open(postgres_url, clock()) as store:
        async with store.transaction() as tx:
            await tx.audit("alice", "test", "member:alice", reason="secret reason")
        for statement in ("UPDATE audit_log SET action = 'forged'", "DELETE FROM audit_log"):
            with pytest.raises(asyncpg.IntegrityConstraintViolationError, match="append-only"):
                async with store.transaction() as tx:
                    await tx.execute(statement)
        # Pseudonymising a line is the one change allowed (privacy erasure).
        async with store.transaction() as tx:
            await tx.execute("UPDATE audit_log SET actor = 'pseudonym:1', subject = "
                             "'member:pseudonym:1', reason = NULL, data = '{}'")
        entries = await store.audit_entries()
        assert [(e.actor, e.action, e.reason) for e in entries] == [
            ("pseudonym:1", "test", None)]


async def test_a_failed_transaction_leaves_nothing(postgres_url: str) -> None:
    async with Store.open(postgres_url, clock()) as store:
        with pytest.raises(RuntimeError):
            async with store.transaction() as tx:
                await tx.set_setting("half", True)
                raise RuntimeError("crash in the middle")
        assert await store.get_setting("half") is None
        async with store.transaction() as tx:  # the connection is usable again
            await tx.set_setting("whole", True)
        assert await store.get_setting("whole") is True


async def test_two_instances_never_lose_each_others_writes(postgres_url: str) -> None:
    """Each instance reads a counter then writes it plus one: with writers serialised
    across instances (as SQLite's write lock does across processes), none is lost."""
    async with Store.open(postgres_url, clock()) as one, \
            Store.open(postgres_url, clock()) as two:
        async with one.transaction() as tx:
            await tx.set_setting("counter", 0)

        async def bump(store: Store, times: int) -> None:
            for _ in range(times):
                async with store.transaction() as tx:
                    value = await tx.get_setting("counter")
                    await asyncio.sleep(0)  # let the other instance try to slip in
                    await tx.set_setting("counter", value + 1)

        await asyncio.gather(bump(one, 50), bump(two, 50))
        assert await one.get_setting("counter") == 100


async def test_a_busy_database_is_said_not_waited_for_forever(postgres_url: str) -> None:
    async with Store.open(postgres_url, clock()) as one, \
            Store.open(postgres_url, clock()) as two:
        assert isinstance(two, PostgresStore)
        two.busy_timeout_ms = 200
        async with one.transaction() as tx:
            await tx.set_setting("held", True)
            with pytest.raises(StoreError, match="busy") as caught:
                async with two.transaction() as other:
                    await other.set_setting("blocked", True)
            assert trouble_of(caught.value) == "locked"  # the handler is run again
        async with two.transaction() as tx:  # free again once the holder commits
            await tx.set_setting("after", True)
        assert await one.get_setting("after") is True


async def test_a_dropped_connection_is_opened_again(postgres_url: str) -> None:
    """The server restarted or a failover dropped Garant's sessions while idle: the next
    read and the next transaction connect again instead of failing."""
    async with Store.open(postgres_url, clock()) as store:
        async with store.transaction() as tx:
            await tx.set_setting("before", 1)
        assert await store.get_setting("before") == 1  # a reader is open now
        others = ("FROM pg_stat_activity WHERE datname = current_database() "
                  "AND pid <> pg_backend_pid()")
        admin = await asyncpg.connect(postgres_url.partition("?")[0])
        try:
            killed = await admin.fetchval(f"SELECT count(pg_terminate_backend(pid)) {others}")
            # Termination is asynchronous: wait until the sessions are gone (no fixed
            # sleep; a bound).
            for _ in range(1000):
                if not await admin.fetchval(f"SELECT count(*) {others}"):
                    break
                await asyncio.sleep(0.005)
        finally:
            await admin.close()
        assert killed >= 2  # the writer and the readers
        assert await store.get_setting("before") == 1
        async with store.transaction() as tx:
            await tx.set_setting("after", 2)
        assert await store.get_setting("after") == 2


async def _fill(store: Store) -> None:
    """A little of everything: audit lines, settings, a job, an outbox effect."""
    async with store.transaction() as tx:
        for n in range(5):
            await tx.audit("alice", "vote", f"draft:{n}", choice="yes")
        await tx.set_setting("greeting", {"fr": "Bonjour à toutes et à tous"})
        await tx.execute(
            "INSERT INTO outbox (kind, platform, target, content, due_at, created_at) "
            "VALUES ('dm', 'slack', '{\"user_id\": \"U1\"}', '{}', ?, ?)",
            ("2026-01-05T07:00:00.000000Z", "2026-01-05T07:00:00.000000Z"))


async def test_a_coop_moves_from_sqlite_to_postgresql_and_back(
        tmp_path: Path, postgres_url: str) -> None:
    sqlite_file = tmp_path / "coop.db"
    async with Store.open(sqlite_file, clock()) as source:
        await _fill(source)
    async with Store.open(sqlite_file, clock()) as source, \
            Store.open(postgres_url, clock()) as target:
        copied = await copy_database(source, target)
        assert copied["audit_log"] == 5 and copied["settings"] == 1 and copied["outbox"] == 1
        entries = await target.audit_entries()
        assert [(e.id, e.subject, e.data) for e in entries] == [
            (n + 1, f"draft:{n}", {"choice": "yes"}) for n in range(5)]
        assert await target.get_setting("greeting") == {"fr": "Bonjour à toutes et à tous"}
        async with target.transaction() as tx:  # new rows numbered after the copied ones
            assert await tx.audit("bob", "vote", "draft:9") == 6
        # A backup of PostgreSQL is a SQLite file holding the same rows.
        backup = await target.backup(tmp_path / "backup.db")
    with sqlite3.connect(backup) as copy:
        assert copy.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 6
        assert copy.execute("SELECT actor FROM audit_log WHERE id = 6").fetchone()[0] == "bob"
    copy.close()


async def test_a_copy_into_a_database_that_holds_data_is_refused(
        tmp_path: Path, postgres_url: str) -> None:
    async with Store.open(tmp_path / "a.db", clock()) as source, \
            Store.open(postgres_url, clock()) as target:
        await _fill(source)
        await _fill(target)
        with pytest.raises(StoreError, match="already holds data"):
            await copy_database(source, target)
        assert len(await target.audit_entries()) == 5  # untouched


async def test_an_unreachable_server_is_one_clear_error() -> None:
    with socket_closed_port() as port:
        url = f"postgresql://garant:hunter2@127.0.0.1:{port}/garant"
        with pytest.raises(StoreError, match="cannot connect to") as caught:
            await Store.open(url, clock())
    assert "hunter2" not in str(caught.value)  # the password never shown
    assert shown(url) == f"postgresql://garant:***@127.0.0.1:{port}/garant"


async def test_a_database_that_is_not_garants_is_refused(postgres_url: str) -> None:
    connection = await asyncpg.connect(postgres_url.partition("?")[0],
                                       server_settings={"search_path":
                                                        postgres_url.rpartition("=")[2]})
    try:
        await connection.execute("CREATE TABLE invoices (id int)")
    finally:
        await connection.close()
    with pytest.raises(StoreError, match="not a Garant database"):
        await Store.open(postgres_url, clock())


def test_the_command_line_migrates_copies_and_backs_up(
        tmp_path: Path, postgres_url: str, capsys: pytest.CaptureFixture[str]) -> None:
    sqlite_file = tmp_path / "coop.db"

    async def fill() -> None:
        async with Store.open(sqlite_file, clock()) as store:
            await _fill(store)

    asyncio.run(fill())
    assert main(["db", "migrate", "--db", postgres_url]) == 0
    assert "is up to date: core" in capsys.readouterr().out
    assert main(["db", "copy", str(sqlite_file), postgres_url]) == 0
    out = capsys.readouterr().out
    assert "rows in" in out and "copied from" in out
    assert main(["db", "copy", str(sqlite_file), postgres_url]) == 2  # not twice
    assert "already holds data" in capsys.readouterr().err
    assert main(["db", "backup", str(tmp_path / "b.db"), "--db", postgres_url]) == 0
    with sqlite3.connect(tmp_path / "b.db") as copy:
        assert copy.execute("SELECT count(*) FROM audit_log").fetchone()[0] == 5
    copy.close()


class socket_closed_port:
    """A port nothing listens on (bound, then released)."""

    def __enter__(self) -> int:
        import socket

        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            return int(s.getsockname()[1])

    def __exit__(self, *exc: object) -> None:
        return None


async def test_a_quiet_store_holds_two_connections_and_opens_readers_as_reads_overlap(
        postgres_url: str) -> None:
    """An agency's tenants are mostly quiet: each store opens its readers as reads run
    side by side (at most READERS), not all at its opening."""
    from bot.store.postgres import READERS

    async def sessions() -> int:
        admin = await asyncpg.connect(postgres_url.partition("?")[0])
        try:
            return int(await admin.fetchval(
                "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
                "AND pid <> pg_backend_pid()"))
        finally:
            await admin.close()

    before = await sessions()
    async with Store.open(postgres_url, clock()) as store:
        assert await sessions() - before == 1  # the writer
        for _ in range(5):  # one read after another: one reader
            await store.fetchall("SELECT 1 AS one")
        assert await sessions() - before == 2
        await asyncio.gather(*(store.fetchall("SELECT pg_sleep(0.05)") for _ in range(8)))
        assert await sessions() - before == 1 + READERS
    for _ in range(1000):  # the server ends closed sessions asynchronously: a bound
        if await sessions() == before:
            break
        await asyncio.sleep(0.005)
    assert await sessions() == before  # all closed with the store
