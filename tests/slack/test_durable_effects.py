"""Effects survive what Slack and the process do to them: a 500 on a review card, a
direct message pending when the process stops, a burst of clicks on one card, a
delivery that never succeeds. The real slack-bolt app against the fake Slack;
time moves only when the test moves the clock."""

from __future__ import annotations

import asyncio
from datetime import timedelta

from bot.effects import MAX_ATTEMPTS, backoff
from bot.model import UserRef
from tests.slack.fake_slack import FakeSlack
from tests.slack.harness import CAMILLE, LEA, MALIK, MODERATION, SOFIA, SlackBot
from tests.waiting import eventually

SPAM = "Rejoins mon serveur discord.gg/promo-gratuite"


async def outbox(slack: SlackBot) -> list[dict]:
    return await slack.rows("SELECT id, kind, status, attempts, error FROM outbox ORDER BY id")


async def attempted(fake: FakeSlack, method: str, count: int) -> None:
    """Wait until Slack saw `count` calls of `method`, answered or refused."""
    await eventually(lambda: len([c for c in fake.calls if c.method == method]) >= count)


async def settled(slack: SlackBot, kind: str) -> dict:
    """The first effect of `kind` once its first attempt is over."""
    for _ in range(500):
        found = [e for e in await outbox(slack) if e["kind"] == kind and e["attempts"]
                 and e["status"] != "sending"]
        if found:
            return found[0]
        await asyncio.sleep(0.01)
    raise AssertionError(f"no {kind} effect was attempted: {await outbox(slack)}")


async def finished(slack: SlackBot, effect_id: int) -> str:
    """The status of an effect once its delivery is recorded."""
    for _ in range(500):
        (row,) = await slack.rows("SELECT status FROM outbox WHERE id = ?", (effect_id,))
        if row["status"] not in ("pending", "sending"):
            return str(row["status"])
        await asyncio.sleep(0.01)
    raise AssertionError(f"effect {effect_id} is still {row['status']}")


async def test_a_review_card_refused_with_a_500_is_posted_on_the_retry(fake: FakeSlack,
                                                                        tmp_path):
    fake.fail_next("chat.postMessage", 500, error="internal_error")
    async with SlackBot(fake, tmp_path) as slack:
        ts = await slack.say(SPAM)
        card_effect = await settled(slack, "card")
        assert (card_effect["status"], card_effect["attempts"]) == ("pending", 1)
        assert "internal_error" in card_effect["error"]
        assert not fake.called("chat.postMessage", channel=MODERATION)
        slack.clock.advance(backoff(1))  # the background dispatcher's retry time
        (card,) = await fake.wait_for("chat.postMessage", channel=MODERATION)
        assert "Signalement n° 1 — à traiter" in card.text()
        # A later report of the same message edits that card: it exists now.
        await slack.command(f"report {ts} spam", user=LEA)
        (update,) = await fake.wait_for("chat.update", channel=MODERATION,
                                        ts=card.response["ts"])
        assert "Léa" in update.text()
        assert len(fake.called("chat.postMessage", channel=MODERATION)) == 1


async def test_a_direct_message_pending_at_a_stop_is_delivered_after_the_restart(
        fake: FakeSlack, tmp_path):
    fake.fail_next("conversations.open", 500, error="internal_error")
    async with SlackBot(fake, tmp_path) as slack:
        await slack.bot.send(UserRef("slack", CAMILLE), "Le vote sur le brouillon n° 4 est clos.")
        assert (await settled(slack, "dm"))["status"] == "pending"
    assert not fake.called("chat.postMessage", channel="DCAMILLE")
    async with SlackBot(fake, tmp_path) as slack:
        slack.clock.advance(timedelta(minutes=5))
        (dm,) = await fake.wait_for("chat.postMessage", channel="DCAMILLE")
        assert "Le vote sur le brouillon n° 4 est clos." in dm.text()
        assert await finished(slack, 1) == "done"


async def test_a_burst_of_clicks_leaves_the_card_showing_the_stored_state(fake: FakeSlack,
                                                                          tmp_path):
    async with SlackBot(fake, tmp_path) as slack:
        ts = await slack.say(SPAM)
        (card,) = await fake.wait_for("chat.postMessage", channel=MODERATION)
        card_ts = card.response["ts"]
        # Four reports and a claim at once: one stored state, and the card shows it.
        await asyncio.gather(*(slack.command(f"report {ts} spam", user=who)
                               for who in (LEA, MALIK, CAMILLE, "UYANN")),
                             slack.click("review:claim:1", MALIK, MODERATION, card_ts))
        await fake.wait_for("chat.postEphemeral", 5)
        await asyncio.sleep(0)
        assert await slack.bot.outbox.due() == []
        last = fake.called("chat.update", channel=MODERATION, ts=card_ts)[-1]
        for name in ("Léa", "Malik", "Camille", "Yann"):
            assert name in last.text()
        assert "Pris en charge par" in last.text()


async def test_a_delivery_that_never_succeeds_is_given_up_told_and_retried_on_request(
        fake: FakeSlack, tmp_path):
    fake.fail_next("conversations.open", 500, error="internal_error", times=MAX_ATTEMPTS)
    async with SlackBot(fake, tmp_path) as slack:
        await slack.bot.send(UserRef("slack", SOFIA), "Votre message a été retiré.")
        for attempt in range(1, MAX_ATTEMPTS):
            slack.clock.advance(backoff(attempt))
            await attempted(fake, "conversations.open", attempt + 1)
        (notice,) = await fake.wait_for("chat.postMessage", channel=MODERATION)
        assert notice.text().startswith(
            "⚠️ Garant n'a pas pu livrer l'envoi n° 1 (message privé slack")
        assert "/garant outbox retry 1" in notice.text()  # Slack's one command
        listing = await slack.command("outbox", user=MALIK, channel=MODERATION)
        (answer,) = await fake.wait_for("chat.postEphemeral", user=MALIK)
        assert "n° 1" in answer.text() and "abandonné après 8 essais" in answer.text()
        assert listing[0] == 200
        # Slack is back: the moderator queues it again and it goes out.
        await slack.command("outbox retry 1", user=MALIK, channel=MODERATION)
        (dm,) = await fake.wait_for("chat.postMessage", channel="DSOFIA")
        assert "Votre message a été retiré." in dm.text()
        assert await finished(slack, 1) == "done"
        # A member may not look at the outbox.
        await slack.command("outbox", user=SOFIA)
        (refusal,) = await fake.wait_for("chat.postEphemeral", user=SOFIA)
        assert "réservé au rôle « modérateur »" in refusal.text()


async def test_a_click_being_delivered_when_garant_stops_is_recorded_not_repeated(
        fake: FakeSlack, tmp_path):
    """A stop lets the click under way finish (for a few seconds): the card's edit
    is recorded as done, so the next start does not edit it again."""
    slack = await SlackBot(fake, tmp_path).start()
    ts = await slack.say(SPAM)
    (card,) = await fake.wait_for("chat.postMessage", channel=MODERATION)
    release = fake.hold("chat.update")
    await slack.click("review:keep:1", MALIK, MODERATION, card.response["ts"])
    await eventually(lambda: fake.holding.get("chat.update", 0) == 1)
    stopping = asyncio.create_task(slack.stop())
    await eventually(lambda: slack.task is not None and slack.task.cancelling() > 0)
    release.set()  # Slack answers while Garant is stopping
    await stopping
    assert len(fake.called("chat.update", channel=MODERATION)) == 1
    async with SlackBot(fake, tmp_path) as again:
        assert [e["status"] for e in await outbox(again)] == ["done"] * len(
            await outbox(again))
        assert await again.rows("SELECT status FROM review_items") == [{"status": "kept"}]
    assert len(fake.called("chat.update", channel=MODERATION)) == 1
    assert ts
