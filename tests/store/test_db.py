"""The store against real SQLite files: schema versions, transactions, audit, backup."""

import asyncio
import sqlite3
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.store import (
    APPLICATION_ID,
    Component,
    Migration,
    Store,
    StoreError,
    format_utc,
    parse_utc,
)
from bot.store.schema import (
    COMPONENTS_MARK,
    LEGACY,
    SchemaError,
    core,
    installed,
    split_statements,
)

#: SQLite's own behaviour (files, pragmas, locks); PostgreSQL's is in test_postgres.py.
pytestmark = pytest.mark.sqlite

#: Every installed component at its newest version: what a new database holds.
LATEST = {component.name: component.latest for component in installed()}

V1 = Migration(1, "things", "CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT NOT NULL);")
V2 = Migration(
    2,
    "things_colour",
    """
    ALTER TABLE things ADD COLUMN colour TEXT NOT NULL DEFAULT 'grey';
    CREATE TRIGGER things_no_delete BEFORE DELETE ON things
    BEGIN SELECT RAISE(ABORT, 'kept'); END;
    """,
)
BROKEN_V2 = Migration(2, "broken", "CREATE TABLE half (x); INSERT INTO nowhere VALUES (1);")


def component_of(*migrations: Migration) -> list[Component]:
    return [Component("test", migrations)]


def make_legacy_db_by_hand(path: Path, version: int) -> None:
    """A Garant 0.1 database at global schema `version`, built without the code under
    test: its tables came from what are now the components' files."""
    files = {c.name: c.migrations for c in installed()}
    with sqlite3.connect(path) as conn:
        for number in range(1, version + 1):
            for name, component_version in LEGACY[number]:
                conn.executescript(files[name][component_version - 1].sql)
        conn.execute(f"PRAGMA user_version = {version}")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.close()


# --- opening, versions, refusals ----------------------------------------------------


async def test_new_database_gets_schema_and_pragmas(store: Store) -> None:
    assert store.versions == LATEST
    async with store.transaction() as tx:
        assert (await tx.fetchone("PRAGMA journal_mode"))[0] == "wal"
        assert (await tx.fetchone("PRAGMA foreign_keys"))[0] == 1
        assert (await tx.fetchone("PRAGMA synchronous"))[0] == 1  # NORMAL
        # The writer waits for another program's lock off the loop, with the timeout
        # (test_another_program_holding_the_write_lock_does_not_stall_the_bot).
        assert (await tx.fetchone("PRAGMA busy_timeout"))[0] == 0
    assert (await store.fetchone("PRAGMA busy_timeout"))[0] == 5000
    tables = {row["name"] for row in await store.fetchall("SELECT name FROM sqlite_master")}
    assert {"audit_log", "settings", "jobs", "job_runs"} <= tables


async def test_reopen_keeps_data(db_path: Path, clock: ManualClock) -> None:
    async with Store.open(db_path, clock) as store, store.transaction() as tx:
        await tx.set_setting("lang", "fr")
    store = await Store.open(db_path, clock)
    try:
        assert await store.get_setting("lang") == "fr"
        assert store.versions == LATEST
    finally:
        await store.close()


async def test_newer_schema_is_refused(db_path: Path, clock: ManualClock) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE from_the_future (x)")
        conn.execute("PRAGMA user_version = 7")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.close()
    with pytest.raises(StoreError) as error:
        await Store.open(db_path, clock)
    assert str(error.value) == (
        "garant.db was written by a newer Garant (schema 7, this version knows up to 6); "
        "upgrade Garant or use another database"
    )


async def test_a_newer_component_is_refused(db_path: Path, clock: ManualClock) -> None:
    async with Store.open(db_path, clock):
        pass
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE schema_migrations SET version = 9 WHERE component = 'cog.drafts'")
    conn.close()
    latest = next(c.latest for c in installed() if c.name == "cog.drafts")
    with pytest.raises(StoreError, match=r"newer Garant \(cog.drafts schema 9, this version "
                                         rf"knows up to {latest}\)"):
        await Store.open(db_path, clock)


async def test_file_that_is_not_sqlite_is_refused(db_path: Path, clock: ManualClock) -> None:
    content = b"channels:\n  - general\n" * 200
    db_path.write_bytes(content)
    with pytest.raises(StoreError, match=r"garant\.db is not a SQLite database"):
        await Store.open(db_path, clock)
    assert db_path.read_bytes() == content


async def test_another_programs_database_is_refused(db_path: Path, clock: ManualClock) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE invoices (id INTEGER)")
    conn.close()
    with pytest.raises(StoreError, match="not a Garant one"):
        await Store.open(db_path, clock)


async def test_missing_folder_gives_a_clear_error(tmp_path: Path, clock: ManualClock) -> None:
    with pytest.raises(StoreError, match=r"cannot open .*does its folder exist"):
        await Store.open(tmp_path / "nowhere" / "garant.db", clock)


@pytest.mark.parametrize("from_version", range(1, max(LEGACY) + 1))
async def test_garant_0_1_databases_are_upgraded(
    db_path: Path, clock: ManualClock, from_version: int
) -> None:
    make_legacy_db_by_hand(db_path, from_version)
    async with Store.open(db_path, clock) as store:
        assert store.versions == LATEST
        async with store.transaction() as tx:
            await tx.audit("test", "upgrade.checked", "db")
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA user_version").fetchone()[0] == COMPONENTS_MARK
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master")}
    conn.close()
    assert {"review_items", "drafts", "routine_posts", "report_posts", "slack_events",
            "local_messages", "posted_cards"} <= tables


async def test_a_cog_added_later_brings_its_tables(db_path: Path, clock: ManualClock) -> None:
    async with Store.open(db_path, clock, components=[core()]) as store:
        assert store.versions == {"core": core().latest}
    async with Store.open(db_path, clock) as store:
        assert store.versions == LATEST
        assert await store.fetchone("SELECT count(*) AS n FROM review_items") is not None


async def test_upgrade_from_previous_version_keeps_data(db_path: Path, clock: ManualClock) -> None:
    async with Store.open(db_path, clock, components=component_of(V1)) as store, \
            store.transaction() as tx:
        await tx.execute("INSERT INTO things (name) VALUES ('chair')")
    async with Store.open(db_path, clock, components=component_of(V1, V2)) as store:
        assert store.versions == {"test": 2}
        row = await store.fetchone("SELECT name, colour FROM things")
        assert dict(row) == {"name": "chair", "colour": "grey"}
        with pytest.raises(sqlite3.IntegrityError, match="kept"):
            async with store.transaction() as tx:
                await tx.execute("DELETE FROM things")
    # The code that only knows version 1 must now refuse the file.
    with pytest.raises(StoreError, match=r"newer Garant \(test schema 2, this version knows "
                                         r"up to 1\)"):
        await Store.open(db_path, clock, components=component_of(V1))


async def test_failed_migration_changes_nothing(db_path: Path, clock: ManualClock) -> None:
    async with Store.open(db_path, clock, components=component_of(V1)) as store, \
            store.transaction() as tx:
        await tx.execute("INSERT INTO things (name) VALUES ('table')")
    with pytest.raises(StoreError, match=r"migration test/0002_broken\.sql failed: no such "
                                         r"table"):
        await Store.open(db_path, clock, components=component_of(V1, BROKEN_V2))
    async with Store.open(db_path, clock, components=component_of(V1)) as store:
        assert store.versions == {"test": 1}
        assert await store.fetchone("SELECT name FROM sqlite_master WHERE name = 'half'") is None
        assert (await store.fetchone("SELECT name FROM things"))["name"] == "table"


def test_shipped_migrations_are_numbered_and_split_cleanly() -> None:
    for component in installed():
        assert [m.version for m in component.migrations] == list(
            range(1, component.latest + 1)), component.name
        for migration in component.migrations:
            assert split_statements(migration.sql), (component.name, migration.label)
    statements = split_statements(core().migrations[0].sql)
    triggers = [s for s in statements if s.startswith("CREATE TRIGGER")]
    assert len(triggers) == 2
    assert all(s.endswith("END;") for s in triggers)


def test_split_statements_rejects_a_dangling_statement() -> None:
    assert split_statements("-- only a comment; really\n") == []
    with pytest.raises(SchemaError, match="unterminated"):
        split_statements("CREATE TABLE a (x); CREATE TRIGGER t AFTER INSERT ON a BEGIN SELECT 1;")


# --- transactions -------------------------------------------------------------------


async def create_pairs_table(store: Store) -> None:
    async with store.transaction() as tx:
        await tx.execute("CREATE TABLE pairs (id INTEGER PRIMARY KEY, n INTEGER, half TEXT)")


async def test_transaction_commits_or_rolls_back(store: Store) -> None:
    await create_pairs_table(store)
    async with store.transaction() as tx:
        result = await tx.execute("INSERT INTO pairs (n, half) VALUES (1, 'a')")
        assert result.rowcount == 1 and result.lastrowid == 1
    with pytest.raises(RuntimeError):
        async with store.transaction() as tx:
            await tx.execute("INSERT INTO pairs (n, half) VALUES (2, 'a')")
            raise RuntimeError("boom")
    rows = await store.fetchall("SELECT n FROM pairs")
    assert [row["n"] for row in rows] == [1]


async def test_fifty_concurrent_transactions_never_interleave(store: Store) -> None:
    await create_pairs_table(store)

    async def write_pair(n: int) -> None:
        async with store.transaction() as tx:
            await tx.execute("INSERT INTO pairs (n, half) VALUES (?, 'a')", (n,))
            await asyncio.sleep(0)  # give every other coroutine a chance to cut in
            await tx.execute("INSERT INTO pairs (n, half) VALUES (?, 'b')", (n,))
            if n % 10 == 7:
                raise ValueError(n)  # these pairs must vanish entirely

    results = await asyncio.gather(*(write_pair(n) for n in range(50)), return_exceptions=True)
    failed = {n for n, result in enumerate(results) if isinstance(result, ValueError)}
    assert failed == {7, 17, 27, 37, 47}
    rows = await store.fetchall("SELECT n, half FROM pairs ORDER BY id")
    pairs = [(rows[i]["n"], rows[i + 1]["n"]) for i in range(0, len(rows), 2)]
    assert all(a == b for a, b in pairs)
    assert [row["half"] for row in rows] == ["a", "b"] * (50 - len(failed))
    assert {a for a, _ in pairs} == set(range(50)) - failed


async def test_executemany_is_one_transaction(store: Store) -> None:
    await create_pairs_table(store)
    with pytest.raises(sqlite3.IntegrityError):
        async with store.transaction() as tx:
            await tx.executemany(
                "INSERT INTO pairs (id, n, half) VALUES (?, ?, 'a')", [(1, 1), (2, 2), (1, 3)]
            )
    assert await store.fetchall("SELECT * FROM pairs") == []
    async with store.transaction() as tx:
        result = await tx.executemany(
            "INSERT INTO pairs (n, half) VALUES (?, 'a')", [(n,) for n in range(100)]
        )
    assert result.rowcount == 100


async def test_reads_outside_see_only_committed_data(store: Store) -> None:
    await create_pairs_table(store)
    inside = asyncio.Event()
    release = asyncio.Event()

    async def slow_writer() -> None:
        async with store.transaction() as tx:
            await tx.execute("INSERT INTO pairs (n, half) VALUES (1, 'a')")
            assert len(await tx.fetchall("SELECT * FROM pairs")) == 1
            inside.set()
            await release.wait()

    task = asyncio.create_task(slow_writer())
    await inside.wait()
    assert await store.fetchall("SELECT * FROM pairs") == []  # not blocked, not dirty
    release.set()
    await task
    assert len(await store.fetchall("SELECT * FROM pairs")) == 1


async def test_nested_use_is_refused_instead_of_deadlocking(store: Store) -> None:
    async with store.transaction() as tx:
        with pytest.raises(StoreError, match="inside a transaction"):
            async with store.transaction():
                pass
        with pytest.raises(StoreError, match="inside a transaction"):
            await store.fetchone("SELECT 1")
        # Another task started from here is not nested: it waits its turn.
        other = asyncio.create_task(store.fetchone("SELECT 1"))
        await tx.execute("SELECT 1")
    assert (await other)[0] == 1


async def test_cancelled_transaction_rolls_back_and_store_stays_usable(store: Store) -> None:
    await create_pairs_table(store)
    inside = asyncio.Event()

    async def interrupted() -> None:
        async with store.transaction() as tx:
            await tx.execute("INSERT INTO pairs (n, half) VALUES (1, 'a')")
            inside.set()
            await asyncio.Event().wait()

    for _ in range(3):
        inside.clear()
        task = asyncio.create_task(interrupted())
        await inside.wait()
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    # Cancelled twice: once in the body, once again during its ROLLBACK.
    inside.clear()
    task = asyncio.create_task(interrupted())
    await inside.wait()
    task.cancel()
    await asyncio.sleep(0)
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    async with store.transaction() as tx:
        await tx.execute("INSERT INTO pairs (n, half) VALUES (2, 'b')")
    assert [row["n"] for row in await store.fetchall("SELECT n FROM pairs")] == [2]


async def test_after_commit_runs_only_after_a_commit(store: Store) -> None:
    calls: list[str] = []
    async with store.transaction() as tx:
        tx.after_commit(lambda: calls.append("committed"))
        assert calls == []
    with pytest.raises(KeyError):
        async with store.transaction() as tx:
            tx.after_commit(lambda: calls.append("rolled back"))
            raise KeyError
    assert calls == ["committed"]


async def test_finished_transaction_and_closed_store_refuse_use(store: Store) -> None:
    async with store.transaction() as tx:
        pass
    with pytest.raises(StoreError, match="finished"):
        await tx.execute("SELECT 1")
    await store.close()
    await store.close()  # idempotent
    with pytest.raises(StoreError, match="closed"):
        await store.fetchall("SELECT 1")
    with pytest.raises(StoreError, match="closed"):
        async with store.transaction():
            pass


async def test_two_stores_on_one_file_take_turns(db_path: Path, clock: ManualClock) -> None:
    async with Store.open(db_path, clock) as first, Store.open(db_path, clock) as second:
        await create_pairs_table(first)

        async def write_pair(store: Store, n: int) -> None:
            async with store.transaction() as tx:
                await tx.execute("INSERT INTO pairs (n, half) VALUES (?, 'a')", (n,))
                await asyncio.sleep(0)
                await tx.execute("INSERT INTO pairs (n, half) VALUES (?, 'b')", (n,))

        await asyncio.gather(*(write_pair((first, second)[n % 2], n) for n in range(20)))
        rows = await second.fetchall("SELECT n FROM pairs ORDER BY id")
    assert [row["n"] for row in rows[::2]] == [row["n"] for row in rows[1::2]]
    assert len(rows) == 40


async def test_in_memory_store(clock: ManualClock) -> None:
    async with Store.open(":memory:", clock) as store:
        async with store.transaction() as tx:
            await tx.set_setting("k", [1, 2])
        assert await store.get_setting("k") == [1, 2]


# --- audit log and settings --------------------------------------------------------


async def test_audit_line_commits_with_the_change(store: Store, clock: ManualClock) -> None:
    async with store.transaction() as tx:
        await tx.set_setting("quorum", 3)
        await tx.audit("alice", "setting.changed", "quorum", reason="more members", new=3)
    clock.advance(timedelta(minutes=5))
    with pytest.raises(RuntimeError):
        async with store.transaction() as tx:
            await tx.set_setting("quorum", 1)
            await tx.audit("mallory", "setting.changed", "quorum", new=1)
            raise RuntimeError("crash before commit")
    assert await store.get_setting("quorum") == 3
    [entry] = await store.audit_entries("quorum")
    assert (entry.actor, entry.action, entry.subject) == ("alice", "setting.changed", "quorum")
    assert entry.reason == "more members"
    assert entry.data == {"new": 3}
    assert entry.at == datetime(2026, 1, 5, 7, 0, tzinfo=UTC)


async def test_audit_log_is_append_only(store: Store) -> None:
    async with store.transaction() as tx:
        await tx.audit("alice", "draft.vote", "draft:1", choice="approve")
    for statement in (
        "UPDATE audit_log SET actor = 'bob'",
        "DELETE FROM audit_log",
        "DELETE FROM audit_log WHERE id = 1",
        "INSERT OR REPLACE INTO audit_log (id, at, actor, action, subject)"
        " VALUES (1, 'x', 'bob', 'x', 'x')",
    ):
        with pytest.raises(sqlite3.IntegrityError, match=r"append-only|UNIQUE"):
            async with store.transaction() as tx:
                await tx.execute(statement)
    [entry] = await store.audit_entries()
    assert entry.actor == "alice"


async def test_an_audit_line_can_only_be_pseudonymised(store: Store) -> None:
    async with store.transaction() as tx:
        await tx.audit("local:alice", "warning.add", "user:local:bob", "insulte", item=3)
    for statement in (
        "UPDATE audit_log SET actor = 'pseudonym:1'",  # reason and data would stay
        "UPDATE audit_log SET actor = 'local:carol', reason = NULL, data = '{}'",
        "UPDATE audit_log SET action = 'x', actor = 'pseudonym:1', reason = NULL, data = '{}'",
        "UPDATE audit_log SET at = 'x', actor = 'pseudonym:1', reason = NULL, data = '{}'",
        "UPDATE audit_log SET subject = 'review:9', reason = NULL, data = '{}'",
    ):
        with pytest.raises(sqlite3.IntegrityError, match="append-only"):
            async with store.transaction() as tx:
                await tx.execute(statement)
    async with store.transaction() as tx:
        await tx.execute("UPDATE audit_log SET actor = 'pseudonym:1', "
                         "subject = 'member:pseudonym:2', reason = NULL, data = '{}'")
    [entry] = await store.audit_entries()
    assert (entry.actor, entry.action, entry.subject, entry.reason, entry.data) == (
        "pseudonym:1", "warning.add", "member:pseudonym:2", None, {})


async def test_audit_entries_filters_and_limits(store: Store, clock: ManualClock) -> None:
    async with store.transaction() as tx:
        for n in range(5):
            clock.advance(timedelta(seconds=1))
            await tx.audit("bot", "tick", f"s{n % 2}", n=n, at=clock.now())
    entries = await store.audit_entries("s0", limit=2)
    assert [e.data["n"] for e in entries] == [2, 4]  # the latest two, oldest first
    assert parse_utc(entries[-1].data["at"]) == clock.now()
    assert len(await store.audit_entries(action="tick")) == 5
    assert await store.audit_entries(action="nothing") == []


async def test_settings_round_trip(store: Store) -> None:
    async with store.transaction() as tx:
        assert await tx.get_setting("missing", "default") == "default"
        await tx.set_setting("channels", {"review": "C123", "names": ["é", "ü"]})
        await tx.set_setting("channels", {"review": "C456"})
        assert await tx.get_setting("channels") == {"review": "C456"}
        assert await tx.delete_setting("channels") is True
        assert await tx.delete_setting("channels") is False
        await tx.set_setting("quiet_hours", None)
    assert await store.get_setting("quiet_hours", "unset") is None
    assert await store.get_setting("channels") is None


def test_utc_text_sorts_like_time() -> None:
    early = datetime(2026, 3, 29, 1, 0, tzinfo=UTC)
    later = early + timedelta(microseconds=1)
    assert format_utc(early) < format_utc(later)
    assert parse_utc(format_utc(later)) == later
    with pytest.raises(ValueError, match="naive"):
        format_utc(datetime(2026, 1, 1))


# --- backup -------------------------------------------------------------------------


async def test_backup_is_a_readable_consistent_copy(
    store: Store, tmp_path: Path, clock: ManualClock
) -> None:
    async with store.transaction() as tx:
        await tx.audit("alice", "created", "thing")
    inside = asyncio.Event()
    release = asyncio.Event()

    async def unfinished_write() -> None:
        async with store.transaction() as tx:
            await tx.audit("bob", "half-done", "thing")
            inside.set()
            await release.wait()

    writer = asyncio.create_task(unfinished_write())
    await inside.wait()
    dest = await store.backup(tmp_path / "copy.db")
    release.set()
    await writer
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith(".")) == []
    async with Store.open(dest, clock) as copy:
        assert [e.action for e in await copy.audit_entries()] == ["created"]
        assert copy.versions == LATEST
    # A second backup replaces the first.
    await store.backup(dest)
    async with Store.open(dest, clock) as copy:
        assert [e.action for e in await copy.audit_entries()] == ["created", "half-done"]


async def test_backup_refuses_the_live_database(store: Store, db_path: Path) -> None:
    for target in (db_path, Path(f"{db_path}-wal"), db_path.parent / "." / db_path.name):
        with pytest.raises(StoreError, match="onto itself"):
            await store.backup(target)
    with pytest.raises(StoreError, match="cannot write a backup"):
        await store.backup(db_path.parent / "missing" / "copy.db")


async def test_another_program_holding_the_write_lock_does_not_stall_the_bot(
        db_path: Path, clock: ManualClock) -> None:
    """The transaction waits for the lock off the loop: reads and other work go on."""
    async with Store.open(db_path, clock) as store:
        await create_pairs_table(store)
        other = sqlite3.connect(db_path, isolation_level=None)  # the CLI, a second bot
        other.execute("BEGIN IMMEDIATE")

        async def write() -> None:
            async with store.transaction() as tx:
                await tx.execute("INSERT INTO pairs (n, half) VALUES (1, 'a')")

        writing = asyncio.ensure_future(write())
        for _ in range(3):  # the loop is free: committed data can still be read
            assert await store.fetchall("SELECT n FROM pairs") == []
        assert not writing.done()
        other.execute("COMMIT")
        other.close()
        await asyncio.wait_for(writing, 5)
        assert [row["n"] for row in await store.fetchall("SELECT n FROM pairs")] == [1]


@pytest.mark.parametrize("every, bounded", [(Store.CHECKPOINT_EVERY, True), (10**9, False)])
async def test_the_write_ahead_log_is_copied_back_as_the_bot_writes(
        db_path: Path, clock: ManualClock, monkeypatch: pytest.MonkeyPatch,
        every: int, bounded: bool) -> None:
    """COMMIT no longer checkpoints on the loop's thread; the store does it from its
    reader every CHECKPOINT_EVERY commits, so the -wal file stays small."""
    monkeypatch.setattr(Store, "CHECKPOINT_EVERY", every)
    async with Store.open(db_path, clock) as store:
        await create_pairs_table(store)
        for n in range(2000):
            async with store.transaction() as tx:
                await tx.execute("INSERT INTO pairs (n, half) VALUES (?, ?)", (n, "x" * 4000))
            await asyncio.sleep(0)  # other work between two writes, as in the bot
        size = db_path.with_name(db_path.name + "-wal").stat().st_size
    # 2,000 rows of 4 kB: about 8 MB of log without checkpoints; a few MB with them
    # (the schema's creation, every component's tables, is in the log too).
    assert (size < 5_000_000) is bounded, size


async def test_the_drafts_table_rebuilt_for_the_client_sign_off_keeps_every_row(
        db_path: Path, clock: ManualClock) -> None:
    """cog.drafts 6 rebuilds `drafts` (a new state in its CHECK): drafts, their columns and
    the rows that reference them survive, and the new state is accepted."""
    before = [c if c.name != "cog.drafts" else Component(c.name, c.migrations[:5])
              for c in installed()]
    async with Store.open(db_path, clock, components=before) as store, \
            store.transaction() as tx:
        await tx.execute(
            "INSERT INTO drafts (id, platform, author, author_name, status, created_at, "
            "updated_at, secret, secret_tally) VALUES (7, 'slack', 'slack:U1', 'Sofia', "
            "'scheduled', 'x', 'y', 1, '{\"approve\": 3}')")
        await tx.execute(
            "INSERT INTO draft_revisions (draft_id, number, title, network, text, charter, "
            "editor, editor_name, created_at) VALUES (7, 1, 'Noël', 'twitter', 'Joyeux', "
            "'coop-fr', 'slack:U1', 'Sofia', 'x')")
    async with Store.open(db_path, clock) as store:
        assert store.versions["cog.drafts"] == 6
        row = await store.fetchone("SELECT id, status, secret, secret_tally, client_due, "
                                   "client_approved FROM drafts")
        assert tuple(row) == (7, "scheduled", 1, '{"approve": 3}', None, None)
        async with store.transaction() as tx:
            await tx.execute("UPDATE drafts SET status = 'awaiting_client' WHERE id = 7")
            with pytest.raises(sqlite3.IntegrityError):
                await tx.execute("INSERT INTO draft_revisions (draft_id, number, title, "
                                 "network, text, charter, editor, editor_name, created_at) "
                                 "VALUES (8, 1, 't', 'n', 't', 'c', 'e', 'e', 'x')")
