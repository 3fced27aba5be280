"""When the database cannot be written: a full disk, a read-only file, a lock held
too long. SQLite's own errors (its query_only switch stands for a read-only file; a
full disk is SQLite's error raised at every commit); what people read, and what
keeps working."""

from __future__ import annotations

import io
import sqlite3
import textwrap
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot import faults
from bot.host import Bot
from bot.run import RunOptions, run
from bot.store.connection import open_error
from bot.typography import plain

#: SQLite's own behaviour (files, pragmas, locks); PostgreSQL's is in test_postgres.py.
pytestmark = pytest.mark.sqlite

MONDAY_9 = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))


async def session(db: Path, script: str, trouble: str) -> str:
    async def break_the_disk(bot: Bot) -> None:
        if trouble == "full":  # what SQLite raises on every commit once the disk is full
            faults.arm("store.commit", sqlite3.OperationalError("database or disk is full"),
                       times=1000)
        elif trouble == "locked":  # another program held the lock past the busy timeout,
            # when the console has stored the line and the moderation cog checks it
            faults.arm("store.commit", sqlite3.OperationalError("database is locked"), after=1)
        else:
            writer = bot.store._writer  # the one connection that writes
            assert writer is not None
            await writer.execute("PRAGMA query_only = ON")

    out = io.StringIO()
    await run(RunOptions(database=db, now=MONDAY_9, on_ready=break_the_disk),
              io.StringIO(textwrap.dedent(script)), out, env={})
    return plain(out.getvalue())


async def test_a_full_disk_refuses_writes_plainly_and_reads_go_on(tmp_path):
    out = await session(tmp_path / "g.db", """\
        :user sofia
        /remind 10m Appeler le client
        Mon numéro : 06 12 34 56 78
        /help
        """, "full")
    assert "(pour vous seul) ⚠️ Le disque du serveur de Garant est plein : rien ne peut " \
           "être enregistré" in out
    assert out.count("⚠️ Le disque du serveur de Garant est plein") == 2  # /remind, the line
    assert "Commandes disponibles :" in out  # reading still works, the console goes on
    assert "erreur interne" not in out


async def test_a_locked_database_is_waited_for_and_the_message_still_processed(tmp_path):
    out = await session(tmp_path / "g.db", """\
        :user sofia
        Mon numéro : 06 12 34 56 78
        """, "locked")
    assert "[#moderation] Garant: ▶ Signalement n° 1 — à traiter" in out
    assert "erreur interne" not in out and "occupée" not in out


async def test_a_message_checked_on_a_full_disk_tells_the_moderators_once(tmp_path):
    """On a chat platform the message is not stored by the platform: the check's own
    write fails, and the moderators hear why (once), in their channel."""
    from bot.config import BUNDLED_CONFIG
    from bot.model import Message
    from tests.drafts.conftest import harness

    async with harness(tmp_path / "g.db", BUNDLED_CONFIG, MONDAY_9) as h:
        bot, console, out = h.bot, h.console, h.out
        faults.arm("store.commit", sqlite3.OperationalError("database or disk is full"),
                   times=1000)
        for number in (1, 2):
            await bot.handle_message("local", Message(  # type: ignore[attr-defined]
                "local", str(number), console.make_channel("general"),  # type: ignore[attr-defined]
                console.make_user("sofia"), "Mon numéro : 06 12 34 56 78",  # type: ignore[attr-defined]
                bot.clock.now()))  # type: ignore[attr-defined]
        faults.disarm()
    notices = [line for line in out.getvalue().splitlines()
               if line.startswith("[#moderation] Garant: ⚠️ Le disque du serveur")]
    assert len(notices) == 1


async def test_a_read_only_database_says_so(tmp_path):
    out = await session(tmp_path / "g.db", """\
        :user sofia
        /remind 10m Appeler le client
        """, "read_only")
    assert "(pour vous seul) ⚠️ La base de données de Garant est en lecture seule" in out


def test_open_errors_name_the_read_only_file_and_the_full_disk(tmp_path):
    path = tmp_path / "g.db"
    sqlite3.connect(path).close()
    read_only = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        read_only.execute("CREATE TABLE t (x)")
    except sqlite3.Error as exc:
        assert str(open_error(path, exc)).startswith("g.db is read-only (")
    else:
        raise AssertionError("SQLite wrote to a read-only database")
    finally:
        read_only.close()
    full = sqlite3.connect(path)
    try:
        full.execute("PRAGMA max_page_count = 1")
        full.execute("CREATE TABLE t (x)")
        full.execute("CREATE TABLE u (x)")
    except sqlite3.Error as exc:
        assert str(open_error(path, exc)) == "the disk holding g.db is full; free some space " \
                                             "and start again"
    else:
        raise AssertionError("SQLite grew past its page limit")
    finally:
        full.close()
