"""period_stats, the figures the reports cog shows, computed from the drafts history."""

from __future__ import annotations

from datetime import timedelta

from bot.clock import ManualClock
from bot.store import Store
from cogs.drafts.stats import period_stats
from tests.drafts.conftest import MONDAY_9, harness, new_draft

KEYS = ["submitted", "passed", "published", "rejected", "median_decision_seconds",
        "vote_participation"]


async def test_period_stats(tmp_path, config):
    db = tmp_path / "g.db"
    async with harness(db, config()) as h:
        clock = h.bot.clock
        # Draft 1: passes after 1 h (3 of 4 voted), approved, published the next day.
        await h.lines(f":user sofia\n{new_draft(title='Un')}")
        clock.set(MONDAY_9 + timedelta(hours=1))
        for name in ("malik", "lea", "yann"):
            await h.click(name, "draft:vote:1:approve:1")
        await h.click("camille", "draft:final:1:approve:1")
        # Draft 2: rejected after 3 h by 2 of 4 (the other two could only tie it).
        await h.lines(f":user malik\n{new_draft(title='Deux')}")
        clock.set(MONDAY_9 + timedelta(hours=4))
        for name in ("sofia", "lea"):
            await h.click(name, "draft:vote:2:reject:1")
            await h.lines("Non")
        # Draft 3: submitted, still voting.
        await h.lines(f":user lea\n{new_draft(title='Trois')}")
        clock.set(MONDAY_9 + timedelta(days=1))
        await h.lines(":user sofia\n/draft published 1 https://x.com/1")
    async with Store.open(db, ManualClock(MONDAY_9)) as store:
        day = await period_stats(store, MONDAY_9, MONDAY_9 + timedelta(hours=12))
        week = await period_stats(store, MONDAY_9, MONDAY_9 + timedelta(days=7))
        before = await period_stats(store, MONDAY_9 - timedelta(days=7), MONDAY_9)
    assert list(day) == KEYS
    assert day == {"submitted": 3, "passed": 1, "published": 0, "rejected": 1,
                   "median_decision_seconds": (3600 + 3 * 3600) / 2,
                   "vote_participation": (3 + 2) / (4 + 4)}
    assert week["published"] == 1 and week["submitted"] == 3
    assert before == {"submitted": 0, "passed": 0, "published": 0, "rejected": 0,
                      "median_decision_seconds": None, "vote_participation": None}
