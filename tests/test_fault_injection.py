"""Crash Garant at every step boundary of a workflow, restart it on the same database,
and check what people would check: the decision and all of its consequences, each
delivered once, the card showing the stored state, nothing left in the outbox.

A crash is `PowerCut` raised at a named point (`bot/faults.py`): a BaseException, it
escapes every handler and every task, as the process dying would; the store is then
closed and a new Garant starts on the same file, as `garant run` would after a
restart.
"""

from __future__ import annotations

import io
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot import faults
from bot.config import BUNDLED_CONFIG
from bot.host import Bot
from bot.model import Form, FormField, Interaction
from bot.platforms.local.console import Console
from bot.typography import plain
from tests import database
from tests.drafts.conftest import harness

MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=ZoneInfo("Europe/Paris"))


class PowerCut(BaseException):
    """The process dies here (not SystemExit: asyncio would stop the test's own loop)."""


REMOVED_DM = "[MP à sofia] Votre message dans #general a été retiré par la modération."


@asynccontextmanager
async def garant(db: Path, out: io.StringIO) -> AsyncIterator[tuple[Bot, Console]]:
    """Garant started on `db` as `garant run` starts it; what it prints goes to `out`
    (one output across a crash and the restart). The output is read once the store is
    closed: deliveries under way when the "crash" was raised go on until then (a real
    crash would stop them sooner), and what they printed counts."""
    started = None
    try:
        async with harness(db, BUNDLED_CONFIG, MONDAY_10) as h:
            started = h
            yield h.bot, h.console  # type: ignore[misc]
    finally:
        if started is not None:
            out.write(started.out.getvalue())


async def remove(bot: Bot, console: Console) -> None:
    malik = Interaction("local", console.make_user("malik"), console.make_channel("moderation"))
    form = Form("review:remove:1", "Retirer", (FormField("reason", "Raison"),))
    await bot.handle_form(malik, form, {"reason": "Données personnelles"})


async def rows(db: Path, sql: str) -> list[tuple[Any, ...]]:
    with database.connect(db) as conn:
        found = conn.execute(sql).fetchall()
    conn.close()
    return found


#: (point, hits to let pass first): the commit of the decision itself, the claim of
#: the deletion, the console's own write of it, the moment the platform has deleted
#: the message but Garant has not recorded it (deleting again is harmless), the
#: commit recording the deletion with what follows (the author's notice).
CRASHES = [("store.commit", 0), ("store.commit", 1), ("store.commit", 2),
           ("outbox.performed", 0), ("store.commit", 3)]


@pytest.mark.parametrize("point, after", CRASHES)
async def test_a_removal_cut_by_a_crash_ends_whole_after_the_restart(tmp_path, point, after):
    db, out = tmp_path / "g.db", io.StringIO()
    async with garant(db, out) as (bot, console):
        await console.handle_line(":user sofia")
        await console.handle_line("Mon numéro : 06 12 34 56 78")
        await bot.flush()  # the card is posted: the moderator clicks on it
        faults.arm(point, PowerCut(), after=after)
        with pytest.raises(PowerCut):
            await remove(bot, console)
        faults.disarm()
    decided = await rows(db, "SELECT status FROM review_items") == [("removed",)]
    async with garant(db, out) as (bot, console):  # the restart takes over what was left
        if not decided:  # the decision never committed: the moderator sees it open, redoes it
            await remove(bot, console)
        await bot.flush()
    assert await rows(db, "SELECT status, message_state FROM review_items") == [
        ("removed", "deleted")]
    assert plain(out.getvalue()).count(REMOVED_DM) == 1  # told once, not twice, not never
    assert await rows(db, "SELECT status, count(*) FROM outbox GROUP BY status") == [
        ("done", len(await rows(db, "SELECT id FROM outbox")))]
    card = await rows(db, "SELECT card FROM local_messages WHERE card LIKE '%Signalement n° 1%'")
    assert len(card) == 1 and "retiré" in card[0][0] and "supprimé" in card[0][0]


async def test_a_crash_between_a_sent_message_and_its_record_repeats_it_never_loses_it(
        tmp_path):
    """The one window no chat platform lets us close (a post has no idempotency key on
    Slack): the notice went out, the process died before recording it. After the
    restart it goes out again: at least once, at most twice."""
    db, out = tmp_path / "g.db", io.StringIO()
    async with garant(db, out) as (bot, console):
        await console.handle_line(":user sofia")
        await console.handle_line("Mon numéro : 06 12 34 56 78")
        faults.arm("outbox.performed", PowerCut(), after=2)  # delete, refresh, then the DM
        with pytest.raises(PowerCut):
            await remove(bot, console)
    async with garant(db, out) as (bot, console):
        await bot.flush()
    assert plain(out.getvalue()).count(REMOVED_DM) == 2
    assert await rows(db, "SELECT DISTINCT status FROM outbox") == [("done",)]


async def test_a_deadline_job_cut_by_a_crash_closes_the_vote_after_the_restart(tmp_path):
    from datetime import timedelta

    db, out = tmp_path / "g.db", io.StringIO()
    async with garant(db, out) as (bot, console):
        sofia = Interaction("local", console.make_user("sofia"), console.make_channel("drafts"))
        from cogs.drafts.forms import new_form

        await bot.handle_form(sofia, new_form(bot.t, bot.config.tz), {
            "title": "Soldes", "network": "twitter", "text": "Nos soldes commencent."})
        bot.clock.advance(timedelta(days=30))  # type: ignore[attr-defined]
        faults.arm("job.claimed", PowerCut())
        with pytest.raises(PowerCut):
            await bot.run_due_jobs()
    assert await rows(db, "SELECT status FROM drafts") == [("voting",)]
    async with garant(db, out) as (bot, console):
        bot.clock.advance(timedelta(days=30))  # type: ignore[attr-defined]
        await bot.run_due_jobs()
    assert await rows(db, "SELECT status FROM drafts") != [("voting",)]
    runs = await rows(db, "SELECT job_id, status, attempts FROM job_runs")
    assert {status for _, status, _ in runs} <= {"ok", "skipped"}  # none lost, none dead
    assert len({job for job, _, _ in runs}) == len(runs)  # none doubled
    assert max(attempts for _, _, attempts in runs) == 2  # the cut one ran again


APPROVED_DM = "[MP à sofia] Votre brouillon n° 1 « Soldes » est approuvé pour publication"


async def vote_through(bot: Bot, console: Console) -> None:
    """Sofia's draft, approved by the other members: it waits for the director."""
    from cogs.drafts.forms import new_form

    sofia = Interaction("local", console.make_user("sofia"), console.make_channel("drafts"))
    await bot.handle_form(sofia, new_form(bot.t, bot.config.tz), {
        "title": "Soldes", "network": "twitter", "text": "Nos soldes commencent."})
    for member in ("malik", "lea", "yann", "camille"):
        voter = Interaction("local", console.make_user(member), console.make_channel("drafts"))
        await bot.handle_action(voter, "draft:vote:1:approve:1")


#: The approval's own commit and the first claim: exactly once. Later commits race
#: with the delivery of the author's notice (lanes run side by side), so a crash may
#: fall in the window after it was sent and before it was recorded: at most twice.
@pytest.mark.parametrize("point, after, told", [("store.commit", 0, {1}),
                                                ("store.commit", 1, {1}),
                                                ("store.commit", 2, {1, 2}),
                                                ("store.commit", 3, {1, 2})])
async def test_the_directors_approval_cut_by_a_crash_ends_whole_after_the_restart(
        tmp_path, point, after, told):
    db, out = tmp_path / "g.db", io.StringIO()
    async with garant(db, out) as (bot, console):
        await vote_through(bot, console)
        assert await rows(db, "SELECT status FROM drafts") == [("awaiting_final",)]
        camille = Interaction("local", console.make_user("camille"),
                              console.make_channel("drafts"))
        faults.arm(point, PowerCut(), after=after)
        with pytest.raises(PowerCut):
            await bot.handle_action(camille, "draft:final:1:approve:1")
    async with garant(db, out) as (bot, console):
        if await rows(db, "SELECT status FROM drafts") == [("awaiting_final",)]:
            camille = Interaction("local", console.make_user("camille"),
                                  console.make_channel("drafts"))
            await bot.handle_action(camille, "draft:final:1:approve:1")
        await bot.flush()
    assert await rows(db, "SELECT status FROM drafts") == [("approved",)]
    assert plain(out.getvalue()).count(APPROVED_DM) in told
    assert await rows(db, "SELECT DISTINCT status FROM outbox") == [("done",)]
    (card,) = await rows(db, "SELECT card FROM local_messages WHERE card LIKE "
                             "'%Brouillon n° 1 —%' AND author = ''")
    assert "approuvé" in card[0]
