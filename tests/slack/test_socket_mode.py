"""Slack in Socket Mode, end to end: the bot opens the fake's websocket (the URL comes
from apps.connections.open) and every request arrives as an envelope to acknowledge."""

from __future__ import annotations

import json

import pytest

from bot.host import Bot, Context
from bot.run import RunError
from tests.slack.fake_slack import APP_TOKEN
from tests.slack.harness import GENERAL, LEA, MALIK, MODERATION, SOFIA, SlackBot
from tests.waiting import Recorder


async def test_socket_mode_connects_with_the_app_token_and_answers_commands(fake, tmp_path):
    async with SlackBot(fake, tmp_path, socket_mode=True) as slack:
        assert slack.port is None  # no port is opened
        (opened,) = fake.called("apps.connections.open")
        assert opened.token == APP_TOKEN
        status, ack = await slack.command("charter check payload pour le client")
        assert (status, json.loads(ack)) == (200, {})
        (answer,) = await fake.wait_for("chat.postEphemeral", user=SOFIA, channel=GENERAL)
        assert "Charte coop-fr" in answer.text()


async def test_a_redelivered_event_is_handled_once_even_marked_attempt_zero(fake, tmp_path):
    """Socket Mode sends retry_attempt 0 on first deliveries: only the id tells."""
    seen = Recorder()

    async def record(ctx: Context, message) -> None:
        await seen.add(message.id)

    def listen(bot: Bot) -> None:
        bot.on_message(record)

    async with SlackBot(fake, tmp_path, socket_mode=True, on_ready=listen) as slack:
        ts = slack.ts()
        event = {"type": "message", "channel": GENERAL, "user": SOFIA, "ts": ts,
                 "text": "Mon numéro : 06 12 34 56 78", "channel_type": "channel"}
        payload = json.loads(slack.event_body(event, "EvSocket1"))
        await fake.push("events_api", payload, retry_attempt=0)
        await fake.push("events_api", payload, retry_attempt=1, retry_reason="timeout")
        hello = await slack.say("Bonjour", user=LEA)
        assert sorted(await seen.wait(2)) == sorted([ts, hello])  # envelopes run concurrently
        (card,) = await fake.wait_for("chat.postMessage", channel=MODERATION)
        assert len(seen.items) == 2
        await slack.bot.persist()  # counters are written once a second
        assert await slack.rows("SELECT count FROM moderation_daily WHERE key = 'checked'") \
            == [{"count": 2}]
        # A block action arrives as an interactive envelope, and is acknowledged.
        status, ack = await slack.click("review:keep:1", MALIK, MODERATION,
                                        card.response["ts"])
        assert status == 200 and json.loads(ack) == {}
        (update,) = await fake.wait_for("chat.update", channel=MODERATION)
        assert "conservé" in update.text()


async def test_a_modal_error_travels_in_the_socket_acknowledgement(fake, tmp_path):
    async with SlackBot(fake, tmp_path, socket_mode=True) as slack:
        ts = await slack.say("Franchement, ce projet est nul", user=SOFIA)
        await slack.shortcut("report", LEA, GENERAL, ts, SOFIA, "Franchement, ce projet est nul")
        (opened,) = await fake.wait_for("views.open")
        view = opened["view"]
        other = view["blocks"][0]["element"]["options"][-1]["value"]
        _, ack = await slack.submit(view, {"reason": other}, LEA)
        assert json.loads(ack) == {"response_action": "errors",
                                   "errors": {"note": "Précisez la raison «\u202fautre\u202f»."}}


async def test_a_refused_app_token_is_a_clear_error(fake, tmp_path):
    fake.tokens.discard(APP_TOKEN)
    slack = SlackBot(fake, tmp_path, socket_mode=True)
    try:
        with pytest.raises(RunError, match=r"Slack refused SLACK_APP_TOKEN \(invalid_auth\)"):
            await slack.start()
    finally:
        await slack.stop()
