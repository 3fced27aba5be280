"""Moderation counters are counted in memory and written once a second, at stop and
before figures are read; a failed write keeps them for the next one."""

from __future__ import annotations

import sqlite3

import pytest

from bot.clock import ManualClock
from bot.store import Store
from cogs.moderation.counters import DailyCounters
from tests.moderation.test_moderation import MONDAY_10
from tests.test_console import session


async def counts(db) -> dict[tuple[str, str], int]:
    async with Store.open(db, ManualClock(MONDAY_10)) as store:
        rows = await store.fetchall("SELECT day, key, count FROM moderation_daily")
    return {(r["day"], r["key"]): r["count"] for r in rows}


async def test_counts_reach_the_database_when_garant_stops(tmp_path):
    db = tmp_path / "g.db"
    await session(db, """\
        :user sofia
        Bonjour à tous
        Mon numéro : 06 12 34 56 78
        """, now=MONDAY_10)
    assert await counts(db) == {("2026-11-23", "checked"): 2,
                                ("2026-11-23", "rule:coordonnees"): 1}


@pytest.mark.sqlite  # another program renames a table in the file
async def test_a_flush_adds_to_what_is_stored_and_a_failed_one_keeps_its_counts(tmp_path):
    db = tmp_path / "g.db"
    await session(db, ":user sofia\nBonjour\n", now=MONDAY_10)  # creates the tables
    async with Store.open(db, ManualClock(MONDAY_10)) as store:
        counters = DailyCounters(store)
        counters.add("2026-11-23", ["checked", "checked", "rule:insultes"])
        await counters.flush()
        counters.add("2026-11-23", ["checked"])
        # Another program renames the table: the write fails, the count is kept.
        with sqlite3.connect(db) as other:
            other.execute("ALTER TABLE moderation_daily RENAME TO hidden")
        try:
            await counters.flush()
        except sqlite3.OperationalError:
            pass
        else:
            raise AssertionError("the write should have failed")
        with sqlite3.connect(db) as other:
            other.execute("ALTER TABLE hidden RENAME TO moderation_daily")
        await counters.flush()
        await counters.flush()  # nothing new: nothing written twice
    assert await counts(db) == {("2026-11-23", "checked"): 4,
                                ("2026-11-23", "rule:insultes"): 1}

