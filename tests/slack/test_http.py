"""Slack in HTTP mode, end to end: the real bot (bot.run) behind its own port, real signed
requests, the fake Web API recording what the bot calls."""

from __future__ import annotations

import asyncio
import json
import time
from datetime import timedelta

import pytest

from bot.host import Bot, Context
from bot.model import Attachment, Button, Card, ChannelRef, UserRef
from bot.run import RunError
from tests.slack.fake_slack import BOT_TOKEN, FakeSlack
from tests.slack.harness import CAMILLE, GENERAL, LEA, MALIK, SOFIA, SlackBot, sign
from tests.waiting import Recorder, eventually


async def test_help_lists_every_command_as_slash_garant_in_french(fake, tmp_path):
    async with SlackBot(fake, tmp_path) as slack:
        status, body = await slack.command("help")
        assert (status, body) == (200, "")  # acknowledged at once, answered after
        (answer,) = await fake.wait_for("chat.postEphemeral", channel=GENERAL, user=SOFIA)
        text = answer.text()
        assert "Commandes disponibles :" in text
        assert "/garant charter check TEXTE… — vérifie un texte avec la charte de ce salon" \
            in text
        assert "/garant help [COMMANDE…] — liste les commandes" in text
        assert "/garant remind" in text
        assert "\n  /help" not in text  # never a command nobody can type on Slack
        assert "/garant queue" not in text  # for moderators only
        # An empty /garant is /garant help.
        await slack.command("", user=MALIK)
        (mine,) = await fake.wait_for("chat.postEphemeral", user=MALIK)
        assert "/garant queue — " in mine.text()
        # A typo is answered in Slack's own form: nothing to copy that Slack would refuse.
        await slack.command("chartre show", user=LEA)
        (typo,) = await fake.wait_for("chat.postEphemeral", user=LEA)
        assert "Commande inconnue : « chartre ». Vouliez-vous dire /garant charter ?" \
            in typo.text()


async def test_a_slash_command_whose_text_contains_payload(fake, tmp_path):
    """Bolt reads any form body containing "payload" as an interaction: this one must
    still reach the command."""
    async with SlackBot(fake, tmp_path) as slack:
        status, _ = await slack.command("charter check Le payload de la campagne, espèce de "
                                        "c0nnard")
        assert status == 200
        (answer,) = await fake.wait_for("chat.postEphemeral", user=SOFIA)
        assert "Charte coop-fr" in answer.text()
        assert "Insultes « c0nnard »" in answer.text()  # the rule's title, not its id


async def test_bad_or_stale_signatures_are_refused_and_change_nothing(fake, tmp_path):
    async with SlackBot(fake, tmp_path) as slack:
        before = list(fake.calls)
        body = slack.command_body("help")
        wrong = sign(body, secret="not-the-secret")
        stale = sign(body, timestamp=int(time.time()) - 600)
        unsigned = {"X-Slack-Request-Timestamp": str(int(time.time()))}
        for headers in (wrong, stale, unsigned):
            status, text = await slack.post(body, "application/x-www-form-urlencoded", headers)
            assert status == 401 and json.loads(text) == {"error": "invalid request"}
        event = slack.event_body({"type": "message", "channel": GENERAL, "user": SOFIA,
                                  "text": "Mon numéro : 06 12 34 56 78", "ts": slack.ts()},
                                 event_id="EvForged")
        status, _ = await slack.post(event, "application/json", sign(event, "forged"))
        assert status == 401
        # A genuine request afterwards: its answer is the only thing that happened.
        await slack.command("help", user=LEA)
        await fake.wait_for("chat.postEphemeral", user=LEA)
        after = [c.method for c in fake.calls[len(before):] if c.method != "auth.test"]
        assert after == ["users.info", "chat.postEphemeral"]
        kept = await slack.rows("SELECT event_id FROM slack_events")
        assert [row["event_id"].startswith("trigger:") for row in kept] == [True]  # /help
        assert await slack.rows("SELECT * FROM review_items") == []


async def test_a_replayed_signed_slash_command_runs_once(fake, tmp_path):
    async with SlackBot(fake, tmp_path) as slack:
        body = slack.command_body("remind 10m Appeler le client", user=LEA)
        headers = sign(body)
        for _ in range(3):  # the same signed request, within its five minutes
            status, _ = await slack.post(body, "application/x-www-form-urlencoded", headers)
            assert status == 200
        await fake.wait_for("chat.postEphemeral", user=LEA)
        assert len(await slack.rows("SELECT id FROM jobs WHERE handler = 'core.remind'")) == 1
        assert len(fake.called("chat.postEphemeral", user=LEA)) == 1


async def test_malformed_bodies_get_a_400_never_a_traceback(fake, tmp_path, caplog):
    async with SlackBot(fake, tmp_path) as slack:
        for body, kind in (("{not json", "application/json"),
                           ("payload=%7Bnot-json", "application/x-www-form-urlencoded"),
                           ("\xff\xfe", "application/octet-stream"),
                           ("", "application/json")):
            status, _ = await slack.post(body, kind)
            assert status in (400, 401, 404), (body, status)
        assert "Traceback" not in caplog.text


async def test_the_same_event_delivered_twice_is_handled_once(fake, tmp_path):
    seen = Recorder()

    async def record(ctx: Context, message) -> None:
        await seen.add((message.text, message.edited))

    def listen(bot: Bot) -> None:
        bot.on_message(record)

    async with SlackBot(fake, tmp_path, on_ready=listen) as slack:
        first = await slack.say("Mon numéro : 06 12 34 56 78", event_id="Ev0001")
        await fake.wait_for("chat.postMessage")  # the review card
        # Slack did not get our answer in time and delivers the same event again.
        event = {"type": "message", "channel": GENERAL, "user": SOFIA, "ts": first,
                 "text": "Mon numéro : 06 12 34 56 78", "channel_type": "channel"}
        body = slack.event_body(event, "Ev0001")
        headers = {**sign(body), "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
        assert (await slack.post(body, "application/json", headers))[0] == 200
        await slack.say("Bonjour à tous", user=LEA)  # then the next event arrives
        assert await seen.wait(2) == [("Mon numéro : 06 12 34 56 78", False),
                                      ("Bonjour à tous", False)]
        assert len(fake.called("chat.postMessage")) == 1
        await slack.bot.persist()  # counters are written once a second
        checked = await slack.rows("SELECT count FROM moderation_daily WHERE key = 'checked'")
        assert checked == [{"count": 2}]
        stored = await slack.rows("SELECT event_id, event_type FROM slack_events ORDER BY 1")
        assert stored[0] == {"event_id": "Ev0001", "event_type": "message"}


async def test_edits_are_checked_again_but_link_previews_are_not_edits(fake, tmp_path):
    seen = Recorder()

    async def record(ctx: Context, message) -> None:
        await seen.add((message.text, message.edited))

    async with SlackBot(fake, tmp_path, on_ready=lambda bot: bot.on_message(record)) as slack:
        ts = await slack.say("Voir https://exemple.fr", user=LEA)
        base = {"type": "message", "subtype": "message_changed", "channel": GENERAL,
                "channel_type": "channel", "ts": slack.ts()}
        unfurled = {**base, "message": {"user": LEA, "text": "Voir https://exemple.fr", "ts": ts,
                                        "attachments": [{"title": "Exemple"}]},
                    "previous_message": {"user": LEA, "text": "Voir https://exemple.fr",
                                         "ts": ts}}
        await slack.event(unfurled)
        edited = {**base, "message": {"user": LEA, "text": "Voir &lt;ici&gt; &amp; là", "ts": ts},
                  "previous_message": {"user": LEA, "text": "Voir https://exemple.fr", "ts": ts}}
        await slack.event(edited)
        await slack.event({"type": "message", "subtype": "bot_message", "channel": GENERAL,
                           "bot_id": "B0OTHER", "text": "beep", "ts": slack.ts()})
        await slack.say("fin", user=LEA)
        assert await seen.wait(3) == [("Voir https://exemple.fr", False), ("Voir <ici> & là", True),
                        ("fin", False)]


async def test_app_home_shows_each_person_their_own_view(fake, tmp_path):
    async def my_section(ctx: Context) -> list:
        if not ctx.can("moderator"):
            return []
        return [Card(f"Pour {ctx.user.name}", "2 signalements ouverts",
                     buttons=(Button("Voir", "home:queue"),))]

    clicks: list[str] = []

    async def on_click(ctx: Context, what: str) -> None:
        clicks.append(f"{ctx.user.name}:home:{what}")

    def setup(bot: Bot) -> None:
        bot.add_home_section(my_section)
        bot.add_home_section(lambda ctx: [f"Bonjour {ctx.user.name}, tapez /help"])
        bot.on_action("home:{what}", on_click)

    async with SlackBot(fake, tmp_path, on_ready=setup) as slack:
        await slack.event({"type": "app_home_opened", "user": MALIK, "channel": "DMALIK",
                           "tab": "home"})
        (home,) = await fake.wait_for("views.publish", user_id=MALIK)
        view = home["view"]
        assert view["type"] == "home"
        text = home.text()
        assert "Bonjour Malik — vos rôles : membre, modérateur." in text
        assert "Pour Malik" in text and "2 signalements ouverts" in text
        assert "Bonjour Malik, tapez /garant help" in text
        assert home.actions() == ["home:queue"]
        await slack.event({"type": "app_home_opened", "user": SOFIA, "channel": "DSOFIA",
                           "tab": "home"})
        (other,) = await fake.wait_for("views.publish", user_id=SOFIA)
        assert "Pour " not in other.text() and other.actions() == []
        # A button on the home runs its action, then the home is published again.
        await slack.send("interactive", {
            "type": "block_actions", "user": {"id": MALIK}, "team": {"id": "T0COOP"},
            "trigger_id": "t1", "container": {"type": "view", "view_id": "V1"},
            "view": {"id": "V1", "type": "home"},
            "actions": [{"type": "button", "action_id": "home:queue", "value": "home:queue"}]})
        await fake.wait_for("views.publish", 2, user_id=MALIK)
        assert clicks == ["Malik:home:queue"]


async def test_a_429_is_retried_after_its_retry_after(fake, tmp_path):
    async with SlackBot(fake, tmp_path) as slack:
        fake.fail_next("chat.postEphemeral", 429, headers={"Retry-After": "1"})
        await slack.command("help")
        (answer,) = await fake.wait_for("chat.postEphemeral", timeout=8)
        refused = [c for c in fake.calls if c.method == "chat.postEphemeral" and c.status == 429]
        assert len(refused) == 1
        assert answer.at - refused[0].at >= 1.0
        assert "Commandes disponibles" in answer.text()


async def test_direct_messages_are_paced(fake, tmp_path):
    async with SlackBot(fake, tmp_path, env={"GARANT_SLACK_DM_INTERVAL": "0.3"}) as slack:
        sent = await asyncio.gather(slack.bot.send(UserRef("slack", SOFIA), "Un"),
                                    slack.bot.send(UserRef("slack", LEA), "Deux"),
                                    slack.bot.send(UserRef("slack", "UNOBODY"), "Trois"))
        assert sent == [1, 1, 1]  # recorded
        (first,) = await fake.wait_for("chat.postMessage", 1)
        # The others wait for their turn in the outbox (rescheduled on the bot's clock,
        # not slept on in a delivery round that other effects would wait behind).
        waiting = await slack.bot.outbox.listing(["pending"])
        assert len(waiting) == 2 and all(e.attempts == 0 and not e.error for e in waiting)
        slack.clock.advance(timedelta(seconds=0.1))
        await slack.bot.flush()
        assert len(fake.called("chat.postMessage")) == 1  # not their turn yet
        slack.clock.advance(timedelta(seconds=0.25))
        first, second = await fake.wait_for("chat.postMessage", 2)
        await slack.bot.flush()
        (refused,) = await slack.bot.outbox.listing(["refused"])  # users.info refused it
        assert refused.target == {"user_id": "UNOBODY"} and "UNOBODY" in (refused.error or "")
        assert {first["channel"], second["channel"]} == {"DSOFIA", "DLEA"}


async def test_roles_come_from_user_groups_and_ids_not_from_names(fake, tmp_path):
    fake.add_user("UIMPOSTOR", "UCAMILLE")  # a display name that looks like the director
    async with SlackBot(fake, tmp_path) as slack:
        platform = slack.platform
        malik = await platform.user_by_id(MALIK)
        impostor = await platform.user_by_id("UIMPOSTOR")
        camille = await platform.find_user(f"<@{CAMILLE}|camille>")
        assert malik is not None and impostor is not None and camille is not None
        assert slack.bot.roles_of(malik) == {"member", "moderator"}
        assert slack.bot.roles_of(camille) == {"member", "director"}
        assert slack.bot.roles_of(impostor) == frozenset()
        moderators = await slack.bot.members("moderators", platform="slack")
        assert [u.id for u in moderators] == [MALIK]
        members = await slack.bot.members("members", platform="slack")
        assert sorted(u.name for u in members) == ["Camille", "Léa", "Malik", "Sofia", "Yann"]
        assert await platform.user_by_id("malik") is None


async def test_files_are_uploaded_to_the_channel(fake, tmp_path):
    async with SlackBot(fake, tmp_path) as slack:
        csv = Attachment("stats.csv", b"a;b\n1;2\n", "text/csv")
        sent = await slack.bot.send_file(ChannelRef.named("general"), csv, "Les chiffres")
        assert sent == 1
        (upload,) = await fake.wait_for("upload")
        assert upload["bytes"] == b"a;b\n1;2\n"
        (done,) = await fake.wait_for("files.completeUploadExternal")
        assert done["channel_id"] == GENERAL and done["initial_comment"] == "Les chiffres"


async def test_a_form_opened_without_a_trigger_comes_as_a_button(fake, tmp_path):
    async with SlackBot(fake, tmp_path) as slack:
        fake.fail_next("views.open", 200, error="expired_trigger_id")
        await slack.command("draft new", user=LEA)
        (offer,) = await fake.wait_for("chat.postEphemeral", user=LEA)
        (action,) = offer.actions()
        assert action.startswith("garant-slack-open-form:")
        await slack.click(action, LEA, GENERAL, "1800000001.000001")
        opened = await fake.wait_for("views.open", 1)
        assert opened[0]["view"]["blocks"][0]["block_id"] == "title"
        await slack.click(action, LEA, GENERAL, "1800000001.000001")  # used: the form expired
        stale = (await fake.wait_for("chat.postEphemeral", 2, user=LEA))[-1]
        assert "Ce formulaire a expiré" in stale.text()


async def test_url_verification_and_unknown_events(fake, tmp_path):
    async with SlackBot(fake, tmp_path) as slack:
        body = json.dumps({"type": "url_verification", "challenge": "abc123", "token": "x"})
        status, text = await slack.post(body, "application/json")
        assert status == 200 and json.loads(text) == {"challenge": "abc123"}
        status, _ = await slack.event({"type": "reaction_added", "user": SOFIA})
        assert status == 200  # acknowledged, so Slack does not retry it


async def test_http_mode_without_a_signing_secret_does_not_start(fake, tmp_path):
    slack = SlackBot(fake, tmp_path, env={"SLACK_SIGNING_SECRET": ""})
    with pytest.raises(RunError, match="SLACK_SIGNING_SECRET"):
        await slack.start()


async def test_a_refused_token_is_a_clear_start_up_error(tmp_path):
    fake = await FakeSlack().start()
    fake.tokens.discard(BOT_TOKEN)
    slack = SlackBot(fake, tmp_path)
    try:
        with pytest.raises(RunError, match=r"Slack refused SLACK_BOT_TOKEN \(invalid_auth\)"):
            await slack.start()
    finally:
        await slack.stop()
        await fake.stop()


async def test_private_answers_fall_back_where_the_bot_is_not_a_member(fake, tmp_path):
    """An ephemeral message is refused in a channel the bot has not joined: the command's
    response_url still reaches the person, and a DM is the last resort."""
    async with SlackBot(fake, tmp_path) as slack:
        fake.fail_next("chat.postEphemeral", 200, error="not_in_channel")
        await slack.command("help", channel="CELSEWHERE")
        (answer,) = await fake.wait_for("response_url")
        assert answer["response_type"] == "ephemeral" and answer["replace_original"] is False
        assert "Commandes disponibles" in answer.text()


async def test_channels_made_after_the_start_are_learnt_from_events(fake, tmp_path):
    async with SlackBot(fake, tmp_path) as slack:
        assert slack.platform.channel_named("annonces") is None
        fake.add_channel("CANNONCES", "annonces")
        await slack.event({"type": "channel_created",
                           "channel": {"id": "CANNONCES", "name": "annonces"}})
        await eventually(lambda: slack.platform.channel_named("annonces") is not None)
        assert await slack.bot.send(ChannelRef.named("annonces"), "Bienvenue") == 1
        fake.channels["CANNONCES"]["name"] = "news"
        await slack.event({"type": "channel_rename",
                           "channel": {"id": "CANNONCES", "name": "news"}})
        await eventually(lambda: slack.platform.channel_named("news") is not None)
        assert slack.platform.channel_named("annonces") is None
        assert slack.platform.channel_named("news").id == "CANNONCES"
