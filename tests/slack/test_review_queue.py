"""Moderation on Slack, end to end: a flagged message through the review queue, reports
by message shortcut, restarts. The moderation cog is unchanged; only Slack differs."""

from __future__ import annotations

import asyncio

from bot.host import Bot
from tests.slack.fake_slack import ADMIN_TOKEN, BOT_TOKEN, FakeSlack
from tests.slack.harness import GENERAL, LEA, MALIK, MODERATION, SOFIA, SlackBot
from tests.waiting import Recorder

SPAM = "Rejoins mon serveur discord.gg/promo-gratuite <!channel>"


async def flag(slack: SlackBot, fake: FakeSlack, text: str = SPAM) -> tuple[str, str]:
    """Sofia posts a message the charter flags: (its ts, the review card's ts)."""
    ts = await slack.say(text)
    (card,) = await fake.wait_for("chat.postMessage", channel=MODERATION)
    return ts, card.response["ts"]


async def remove_with_reason(slack: SlackBot, fake: FakeSlack, card_ts: str) -> dict:
    await slack.click("review:remove:1", MALIK, MODERATION, card_ts)
    (opened,) = await fake.wait_for("views.open")
    view = opened["view"]
    assert view["title"]["text"] == "Retirer le message n° 1"
    status, body = await slack.submit(view, {"reason": "Publicité"}, MALIK)
    assert (status, body) == (200, "")  # accepted: the modal closes
    return view


async def item(slack: SlackBot) -> dict:
    (row,) = await slack.rows("SELECT status, message_state, resolved_by, reason "
                              "FROM review_items WHERE id = 1")
    return row


async def test_a_flagged_message_is_removed_with_the_admin_token(fake, tmp_path):
    async with SlackBot(fake, tmp_path, admin_token=True) as slack:
        ts, card_ts = await flag(slack, fake)
        (card,) = fake.called("chat.postMessage", channel=MODERATION)
        assert "Signalement n° 1 — à traiter" in card.text()
        assert "liens-suspects « discord.gg/promo-gratuite »" in card.text()
        assert card.actions() == ["review:keep:1", "review:remove:1", "review:warn:1",
                                  "review:escalate:1", "review:claim:1",
                                  "review:exception:1"]
        # Sofia's "<!channel>" is quoted in plain text and escaped in the notification text.
        assert "&lt;!channel&gt;" in card["text"] and "<!channel>" not in card["text"]
        # A member who is not a moderator cannot act on it.
        await slack.click("review:remove:1", SOFIA, MODERATION, card_ts)
        (refusal,) = await fake.wait_for("chat.postEphemeral", user=SOFIA, channel=MODERATION)
        assert "Seuls les modérateurs et le directeur de publication" in refusal.text()
        assert not fake.called("views.open") and not fake.called("chat.update")
        # Malik is a moderator through the @moderateurs group.
        await remove_with_reason(slack, fake, card_ts)
        (deleted,) = await fake.wait_for("chat.delete")
        assert (deleted.token, deleted["channel"], deleted["ts"]) == (ADMIN_TOKEN, GENERAL, ts)
        (update,) = await fake.wait_for("chat.update", channel=MODERATION, ts=card_ts)
        assert "Signalement n° 1 — retiré" in update.text()
        assert "retiré par" in update.text() and "Publicité" in update.text()
        assert update.actions() == []  # resolved: no more buttons
        (dm,) = await fake.wait_for("chat.postMessage", channel="DSOFIA")
        assert "Votre message dans #general a été retiré par la modération" in dm.text()
        (done,) = await fake.wait_for("chat.postEphemeral", user=MALIK)
        assert "Signalement n° 1 : message retiré." in done.text()
        assert await item(slack) == {"status": "removed", "message_state": "deleted",
                                     "resolved_by": f"slack:{MALIK}", "reason": "Publicité"}
        assert (GENERAL, ts) not in fake.messages


async def test_without_the_admin_token_the_author_is_asked_and_the_card_says_so(fake,
                                                                               tmp_path):
    gone = Recorder()

    async def deleted(platform, channel_id: str, message_id: str, own: bool) -> None:
        await gone.add((platform, channel_id, message_id))

    def listen(bot: Bot) -> None:
        bot.on_message_deleted(deleted)

    async with SlackBot(fake, tmp_path, on_ready=listen) as slack:
        ts, card_ts = await flag(slack, fake)
        await remove_with_reason(slack, fake, card_ts)
        (update,) = await fake.wait_for("chat.update", channel=MODERATION, ts=card_ts)
        told = await fake.wait_for("chat.postEphemeral", user=MALIK)
        # One answer, the true one: never "could not delete" and "removed" together.
        assert len(told) == 1
        assert "Le bot n'a pas pu supprimer le message ; son auteur a été invité à le retirer." \
            in told[0].text() and "message retiré" not in told[0].text()
        assert not fake.called("chat.delete")  # a bot token may not delete Sofia's message
        # The item stays open until the message is gone (or a moderator keeps it).
        assert await item(slack) == {"status": "open", "message_state": "delete_requested",
                                     "resolved_by": None, "reason": "Publicité"}
        assert "le bot ne peut pas le supprimer : l'auteur a été invité à le retirer" \
            in update.text()
        # Sofia deletes it herself: the host hears of it.
        await slack.event({"type": "message", "subtype": "message_deleted", "channel": GENERAL,
                           "deleted_ts": ts, "ts": slack.ts(), "channel_type": "channel",
                           "previous_message": {"user": SOFIA, "text": SPAM, "ts": ts}})
        assert await gone.wait(1) == [("slack", GENERAL, ts)]
        # The moderation cog closes the matter: the message is gone, the card says so.
        await fake.wait_for("chat.update", 2, channel=MODERATION, ts=card_ts)
        assert await item(slack) == {"status": "removed", "message_state": "deleted",
                                     "resolved_by": "garant",
                                     "reason": "message supprimé sur la plateforme"}


async def test_without_the_admin_token_the_author_is_asked_not_told_it_is_gone(fake, tmp_path):
    async with SlackBot(fake, tmp_path) as slack:
        _, card_ts = await flag(slack, fake)
        await remove_with_reason(slack, fake, card_ts)
        (dm,) = await fake.wait_for("chat.postMessage", channel="DSOFIA")
        assert "a été retiré" not in dm.text()
        assert "Merci de le supprimer" in dm.text()
        assert (await item(slack))["status"] == "open"


async def test_a_report_by_message_shortcut_shows_field_errors_in_the_modal(fake, tmp_path):
    async with SlackBot(fake, tmp_path) as slack:
        ts = await slack.say("Franchement, ce projet est nul", user=SOFIA)
        await slack.shortcut("report", LEA, GENERAL, ts, SOFIA, "Franchement, ce projet est nul")
        (opened,) = await fake.wait_for("views.open")
        view = opened["view"]
        reason = view["blocks"][0]
        assert reason["element"]["type"] == "static_select"
        other = [o["value"] for o in reason["element"]["options"]][-1]
        # "Other" needs a note: the error comes back on the note field, in the ack.
        status, body = await slack.submit(view, {"reason": other}, LEA)
        assert status == 200
        assert _json(body) == {"response_action": "errors",
                               "errors": {"note": "Précisez la raison «\u202fautre\u202f»."}}
        assert not fake.called("chat.postMessage", channel=MODERATION)
        status, body = await slack.submit(view, {"reason": other,
                                                 "note": "Dénigrement d'un client"}, LEA)
        assert (status, body) == (200, "")
        (card,) = await fake.wait_for("chat.postMessage", channel=MODERATION)
        assert "Dénigrement d'un client" in card.text() and "Léa" in card.text()
        (thanks,) = await fake.wait_for("chat.postEphemeral", user=LEA, channel=GENERAL)
        assert "Merci" in thanks.text()
        rows = await slack.rows("SELECT source, reporter_key, note FROM review_flags")
        assert rows == [{"source": "member", "reporter_key": f"slack:{LEA}",
                         "note": "Dénigrement d'un client"}]


async def test_buttons_still_work_after_a_restart(fake, tmp_path):
    async with SlackBot(fake, tmp_path) as slack:
        _, card_ts = await flag(slack, fake)
    # A new process, the same database: the card's buttons carry all they need.
    async with SlackBot(fake, tmp_path) as slack:
        await slack.click("review:keep:1", MALIK, MODERATION, card_ts)
        (update,) = await fake.wait_for("chat.update", channel=MODERATION, ts=card_ts)
        assert "Signalement n° 1 — conservé" in update.text()
        assert (await item(slack))["status"] == "kept"
        # The moderator's answer comes after the card's update: waited for, so that the
        # next click's answer cannot overtake it.
        await fake.wait_for("chat.postEphemeral", user=MALIK)
        # A click on the same, now stale, button is answered, not applied twice.
        await slack.click("review:remove:1", MALIK, MODERATION, card_ts)
        answers = await fake.wait_for("chat.postEphemeral", 2, user=MALIK)
        assert "Déjà traité : le signalement n° 1 est « conservé »" in answers[-1].text()
        assert len(fake.called("chat.update")) == 1


async def test_the_bot_deletes_its_own_messages_with_its_own_token(fake, tmp_path):
    async with SlackBot(fake, tmp_path) as slack:
        channel = slack.platform.channel_named("#General")
        assert channel is not None and channel.id == GENERAL
        ts = await slack.platform.send(channel, "Bonjour")
        from bot.model import Message

        mine = Message("slack", ts, channel, await slack.platform.user_by_id("UGARANT"), "x",
                       slack.clock.now())
        await slack.platform.delete_message(mine)
        (deleted,) = fake.called("chat.delete")
        assert deleted.token == BOT_TOKEN


def _json(body: str) -> dict:
    import json

    return json.loads(body)


async def test_a_message_link_pasted_in_a_command_is_found(fake, tmp_path):
    async with SlackBot(fake, tmp_path) as slack:
        ts = slack.ts()  # posted before the bot started: only the history has it
        fake.messages[(GENERAL, ts)] = {"type": "message", "user": SOFIA, "ts": ts,
                                        "text": "Achetez mes followers"}
        link = f"https://coop-test.slack.com/archives/{GENERAL}/p{ts.replace('.', '')}"
        await slack.command(f"report <{link}> spam Vente de comptes", user=LEA,
                            channel=MODERATION)
        await fake.wait_for("conversations.history", channel=GENERAL, latest=ts)
        (card,) = await fake.wait_for("chat.postMessage", channel=MODERATION)
        assert "Achetez mes followers" in card.text() and "Vente de comptes" in card.text()
        rows = await slack.rows("SELECT channel_id, message_id, author_key FROM review_items")
        assert rows == [{"channel_id": GENERAL, "message_id": ts,
                         "author_key": f"slack:{SOFIA}"}]


async def test_a_review_card_names_the_author_even_when_users_info_fails(fake, tmp_path):
    async with SlackBot(fake, tmp_path) as slack:
        fake.fail_next("users.info", 500, error="internal_error", times=5)
        ts = slack.ts()
        await slack.event({"type": "message", "channel": GENERAL, "user": "UNEWCOMER",
                           "text": SPAM, "ts": ts, "channel_type": "channel", "event_ts": ts,
                           "user_profile": {"display_name": "Zoé", "real_name": "Zoé M."}})
        (card,) = await fake.wait_for("chat.postMessage", channel=MODERATION)
        assert "Zoé" in card.text() and "UNEWCOMER" not in card.text()


async def test_clicks_and_messages_are_acknowledged_while_the_database_is_busy(fake, tmp_path):
    """Slack's ack never waits for the database: with a long transaction holding the
    store, a click and a message are still acknowledged at once; they are handled (once)
    when the store is free again."""
    async with SlackBot(fake, tmp_path) as slack:
        _, card_ts = await flag(slack, fake)
        store = slack.bot.store
        async with store.transaction():  # the store is busy (a report, a slow disk)
            acked = await asyncio.wait_for(
                asyncio.gather(slack.click("review:keep:1", MALIK, MODERATION, card_ts),
                               slack.say("Bonne journée", user=LEA)), 2)
            assert acked[0][0] == 200
            assert not fake.called("chat.update")  # not handled yet
        (update,) = await fake.wait_for("chat.update", channel=MODERATION)
        assert "conservé" in update.text()
        assert (await item(slack))["status"] == "kept"


async def test_case_file_and_notes_on_slack(fake, tmp_path):
    async with SlackBot(fake, tmp_path) as slack:
        await slack.command(f"note <@{SOFIA}> Prévenue en privé.", user=MALIK, channel=MODERATION)
        (noted,) = await fake.wait_for("chat.postEphemeral", user=MALIK, channel=MODERATION)
        assert "Note ajoutée au dossier de Sofia." in noted.text()
        await slack.command(f"case <@{SOFIA}>", user=MALIK, channel=MODERATION)
        answers = await fake.wait_for("chat.postEphemeral", user=MALIK, channel=MODERATION,
                                      count=2)
        assert "Prévenue en privé." in answers[-1].text()


async def test_an_exception_is_written_from_the_card_s_modal(fake, tmp_path):
    from tests.moderation.test_exceptions import CHARTER
    from tests.slack.harness import CONFIG

    (tmp_path / "essai.yaml").write_text(CHARTER, encoding="utf-8")
    config = CONFIG.replace("general: coop-fr", "general: essai") + \
        f"charters_dir: {tmp_path}\n"
    async with SlackBot(fake, tmp_path, config=config) as slack:
        _, card_ts = await flag(slack, fake, "Rendez-vous rue du Général Leclerc")
        await slack.click("review:exception:1", MALIK, MODERATION, card_ts)
        view = (await fake.wait_for("views.open"))[-1]["view"]
        assert [b["block_id"] for b in view["blocks"]] == ["rule", "scope", "phrase", "why"]
        status, body = await slack.submit(view, {
            "rule": "concurrents", "scope": "expression", "phrase": "Général Leclerc",
            "why": "Une rue."}, MALIK)
        assert (status, body) == (200, "")
        answers = await fake.wait_for("chat.postEphemeral", user=MALIK)
        assert "Exception écrite dans la charte essai" in answers[-1].text()
        assert '    except: ["Général Leclerc"]' in (tmp_path / "essai.yaml").read_text(
            encoding="utf-8")
        notices = await fake.wait_for("chat.postMessage", channel=MODERATION, count=2)
        assert "a ajouté une exception à la charte essai" in notices[-1].text()


async def test_duty_canned_reasons_appeal_shadow_stats_case_and_privacy_on_slack(fake,
                                                                                tmp_path):
    from tests.discord.test_moderation_depth_e2e import CHARTER
    from tests.slack.harness import CAMILLE, CONFIG

    (tmp_path / "essai.yaml").write_text(CHARTER, encoding="utf-8")
    config = CONFIG.replace("general: coop-fr", "general: essai").replace(
        "  quiet_hours: null\n", f"  quiet_hours: null\n  duty:\n    - moderators: [{MALIK}]\n"
        "      days: [lun, mar, mer, jeu, ven, sam, dim]\n      from: \"00:00\"\n"
        "      to: \"23:59\"\n") + f"charters_dir: {tmp_path}\n"
    async with SlackBot(fake, tmp_path, admin_token=True, config=config) as slack:
        _, card_ts = await flag(slack, fake)
        (duty,) = await fake.wait_for("chat.postMessage", channel="DMALIK")
        assert "vous êtes de permanence" in duty.text()
        # Remove, with the charter's canned reason (a select in the modal).
        await slack.click("review:remove:1", MALIK, MODERATION, card_ts)
        view = (await fake.wait_for("views.open"))[-1]["view"]
        assert [b["block_id"] for b in view["blocks"]] == ["canned", "reason"]
        assert (await slack.submit(view, {"canned": "pub", "reason": ""}, MALIK)) == (200, "")
        notice = (await fake.wait_for("chat.postMessage", channel="DSOFIA"))[-1].text()
        assert "Publicité pour un autre serveur." in notice and "/garant appeal 1" in notice
        # The appeal, judged by the director (not by the moderator who decided).
        await slack.command("appeal 1 C'est le serveur officiel du client.", user=SOFIA)
        cards = await fake.wait_for("chat.postMessage", channel=MODERATION, count=2)
        appeal_ts = cards[-1].response["ts"]
        assert cards[-1].actions() == ["appeal:uphold:1", "appeal:overturn:1"]
        await slack.click("appeal:overturn:1", MALIK, MODERATION, appeal_ts)
        refused = await fake.wait_for("chat.postEphemeral", user=MALIK, channel=MODERATION)
        assert "Vous avez pris la décision contestée" in refused[-1].text()
        await slack.click("appeal:overturn:1", CAMILLE, MODERATION, appeal_ts)
        view = (await fake.wait_for("views.open", count=2))[-1]["view"]
        assert (await slack.submit(view, {"reason": "Vérifié."}, CAMILLE)) == (200, "")
        told = await fake.wait_for("chat.postMessage", channel="DSOFIA", count=2)
        assert "Votre contestation du signalement n° 1 est acceptée" in told[-1].text()
        # A shadow rule only counts; /charter stats says what it would have done.
        await slack.say("Appelez-moi au 06 12 34 56 78")
        for _ in range(300):  # handled after the ack, on the bot's loop
            await slack.bot.persist()
            if await slack.rows("SELECT 1 FROM moderation_daily WHERE key LIKE '%coordonnees%'"):
                break
            await asyncio.sleep(0.01)
        await slack.command("charter stats", user=MALIK, channel=MODERATION)
        stats = await fake.wait_for("chat.postEphemeral", user=MALIK, channel=MODERATION,
                                    count=2)
        assert "coordonnees (en observation) : aurait agi 1 fois" in stats[-1].text()
        # The case file, and the director's export as a file.
        await slack.command(f"case <@{SOFIA}>", user=MALIK, channel=MODERATION)
        case = await fake.wait_for("chat.postEphemeral", user=MALIK, channel=MODERATION,
                                   count=3)
        assert "contestation du n° 1 acceptée par Camille" in case[-1].text()
        await slack.command(f"privacy export <@{SOFIA}>", user=CAMILLE, channel="DCAMILLE")
        (uploaded,) = await fake.wait_for("files.completeUploadExternal")
        assert uploaded.args["channel_id"] == "DCAMILLE"
