"""Moderation on Discord, end to end: the real bot and discord.py against the fake."""

from __future__ import annotations

import asyncio

from bot.store import Store
from tests.discord.conftest import running_bot
from tests.discord.helpers import button, custom_ids, is_ephemeral, modal_inputs, text_of
from tests.waiting import Recorder

MISSING_PERMISSIONS = {"code": 50013, "message": "Missing Permissions"}


async def test_a_flagged_message_goes_to_review_and_a_moderator_removes_it(fake, garant):
    general, queue = fake.channel_id("general"), fake.channel_id("moderation")
    mark = fake.mark()
    said = await fake.user_says("sofia", "general",
                                "Rejoins mon serveur discord.gg/promo-gratuite")
    posted = await fake.wait_request("POST", f"/channels/{queue}/messages", mark)
    card = fake.card("moderation", "Signalement n° 1")
    assert "à traiter" in card["embeds"][0]["title"]
    assert "liens-suspects « discord.gg/promo-gratuite »" in text_of(posted)
    assert custom_ids(card) == ["review:keep:1", "review:remove:1", "review:warn:1",
                                "review:escalate:1", "review:claim:1", "review:exception:1"]
    assert posted.body["allowed_mentions"] == {"parse": []}  # quoting people never pings

    # "Remove" opens a reason form (a modal) for the moderator.
    click = await fake.click("malik", card, "review:remove:1")
    modal = await fake.answer(click)
    assert modal.body["type"] == 9
    assert modal.body["data"]["title"] == "Retirer le message n° 1"
    assert modal_inputs(modal)["reason"]["label"] == "Raison"

    mark = fake.mark()
    submit = await fake.submit("malik", queue, modal.body["data"]["custom_id"],
                               {"reason": "Publicité pour un autre serveur"}, message=card)
    await fake.wait_request("DELETE", f"/channels/{general}/messages/{said['id']}", mark)
    edit = await fake.wait_request("PATCH", f"/channels/{queue}/messages/{card['id']}", mark)
    assert "retiré" in edit.body["embeds"][0]["title"]
    assert edit.body["components"] == []  # a closed item has no buttons left
    answer = await fake.answer(submit, mark)
    assert is_ephemeral(answer)
    assert text_of(answer) == "Signalement n° 1 : message retiré."
    # The author is told by direct message.
    opened = await fake.wait_request("POST", "/users/@me/channels", mark)
    assert str(opened.body["recipient_id"]) == fake.user_id("sofia")
    dm = fake.dm_channels[fake.user_id("sofia")]["id"]
    told = await fake.wait_request("POST", f"/channels/{dm}/messages", mark)
    assert "Publicité pour un autre serveur" in text_of(told)

    async with Store.open(garant.runtime.store.path, garant.bot.clock) as store:
        entries = await store.audit_entries(subject="review:1")
    assert [(e.actor, e.action) for e in entries] == [
        ("garant", "review.flag"), (f"discord:{fake.user_id('malik')}", "review.remove")]


async def test_a_member_who_is_not_a_moderator_is_refused(fake, garant):
    mark = fake.mark()
    await fake.user_says("sofia", "general", "Mon numéro : 06 12 34 56 78")
    await fake.wait_request("POST", f"/channels/{fake.channel_id('moderation')}/messages", mark)
    card = fake.card("moderation", "Signalement n° 1")
    mark = fake.mark()
    click = await fake.click("yann", card, button(card, "review:keep"))
    answer = await fake.answer(click, mark)
    assert answer.body["type"] == 4 and is_ephemeral(answer)
    assert "Seuls les modérateurs" in text_of(answer)
    assert not fake.calls("PATCH", r"/channels/\d+/messages/\d+", mark)
    # The director may act (a person named in garant.yaml, not a role).
    click = await fake.click("camille", card, button(card, "review:claim"))
    await fake.answer(click, mark)
    edit = await fake.wait_request("PATCH", rf"/channels/\d+/messages/{card['id']}", mark)
    assert "Pris en charge par" in text_of(edit)


async def test_an_edit_is_checked_again(fake, garant):
    mark = fake.mark()
    said = await fake.user_says("sofia", "general", "Bonjour à toutes et à tous")
    await fake.user_edits(said, "Écrivez-moi : sofia@exemple.fr ou 06 12 34 56 78")
    posted = await fake.wait_request("POST", f"/channels/{fake.channel_id('moderation')}"
                                             "/messages", mark)
    assert "Signalement n° 1" in text_of(posted)
    assert len(fake.calls("POST", rf"/channels/{fake.channel_id('moderation')}/messages",
                          mark)) == 1


async def test_a_flagged_message_its_author_deletes_closes_its_review_item(fake, garant):
    queue = fake.channel_id("moderation")
    mark = fake.mark()
    said = await fake.user_says("sofia", "general", "Mon numéro : 06 12 34 56 78")
    await fake.wait_request("POST", f"/channels/{queue}/messages", mark)
    card = fake.card("moderation", "Signalement n° 1")
    await fake.user_deletes(said)
    edit = await fake.wait_request("PATCH", f"/channels/{queue}/messages/{card['id']}", mark)
    assert "Signalement n° 1 — retiré" in text_of(edit)
    assert edit.body["components"] == []


async def test_a_forbidden_delete_is_reported_to_the_moderators_in_plain_words(fake, garant):
    general, queue = fake.channel_id("general"), fake.channel_id("moderation")
    fake.fail("DELETE", rf"/channels/{general}/messages/\d+", 403, MISSING_PERMISSIONS)
    mark = fake.mark()
    said = await fake.user_says("sofia", "general", "T'es vraiment un connard")
    await fake.wait_request("DELETE", f"/channels/{general}/messages/{said['id']}", mark)
    notice = await fake.wait_for(
        lambda r: r.method == "POST" and r.path == f"/channels/{queue}/messages"
        and "Gérer les messages" in text_of(r), mark)
    assert text_of(notice).startswith("⚠️ Garant n'a pas la permission « Gérer les messages » "
                                      "dans #general")
    assert "Traceback" not in text_of(notice)
    card = await fake.wait_for(lambda r: r.method == "POST" and "Signalement n° 1"
                               in text_of(r), mark)
    assert "le bot ne peut pas le supprimer : l'auteur a été invité à le retirer" \
        in text_of(card)
    # The author is asked, privately (a direct message: there is no interaction to answer
    # ephemerally), to remove it themselves.
    dm = await fake.wait_request("POST", "/users/@me/channels", mark)
    assert str(dm.body["recipient_id"]) == fake.user_id("sofia")
    channel = fake.dm_channels[fake.user_id("sofia")]["id"]
    told = await fake.wait_request("POST", f"/channels/{channel}/messages", mark)
    assert text_of(told).startswith("Votre message dans #general enfreint la charte")


async def test_a_rate_limited_post_is_retried_after_the_delay_discord_gives(fake, garant):
    queue = fake.channel_id("moderation")
    fake.fail("POST", f"/channels/{queue}/messages", 429,
              {"message": "You are being rate limited.", "retry_after": 0.05, "global": False},
              headers={"Via": "1.1 google", "Retry-After": "1",
                       "X-RateLimit-Scope": "user"})
    mark = fake.mark()
    await fake.user_says("sofia", "general", "Mon numéro : 06 12 34 56 78")
    await fake.wait_for(lambda r: len(fake.calls("POST", f"/channels/{queue}/messages",
                                                 mark)) == 2, mark)
    first, second = fake.calls("POST", f"/channels/{queue}/messages", mark)
    assert first.body == second.body  # the same card, sent again
    assert fake.card("moderation", "Signalement n° 1")


async def test_report_to_moderators_from_the_message_menu(fake, garant):
    """The message action becomes a context menu; its form is a modal; a refused form
    is offered again, filled in, behind a button."""
    mark = fake.mark()
    said = await fake.user_says("sofia", "general", "Ce fil est vraiment pénible")
    menu = await fake.context_menu("yann", "Signaler aux modérateurs", said)
    modal = await fake.answer(menu, mark)
    assert modal.body["type"] == 9
    inputs = modal_inputs(modal)
    assert inputs["reason"]["placeholder"].startswith("spam / ")  # the choices, shown
    assert inputs["note"]["style"] == 2 and inputs["note"]["required"] is False
    custom_id = modal.body["data"]["custom_id"]

    mark = fake.mark()
    submit = await fake.submit("yann", fake.channel_id("general"), custom_id,
                               {"reason": "pas une raison", "note": "Mon commentaire"})
    refused = await fake.answer(submit, mark)
    assert is_ephemeral(refused)
    assert "Choisissez parmi" in text_of(refused)
    fix = refused.body["data"]["components"][0]["components"][0]
    assert fix["label"] == "Corriger le formulaire" and fix["custom_id"].startswith("~f:")

    mark = fake.mark()
    stored = fake.messages[next(m for m in fake.messages
                                if fake.messages[m].get("interaction_token") == submit["token"])]
    reopen = await fake.click("yann", stored, fix["custom_id"])
    again = await fake.answer(reopen, mark)
    assert again.body["type"] == 9
    assert modal_inputs(again)["note"]["value"] == "Mon commentaire"  # kept
    assert modal_inputs(again)["reason"]["label"].startswith("⚠")
    reason = inputs["reason"]["placeholder"].split(" / ")[1]
    mark = fake.mark()
    submit = await fake.submit("yann", fake.channel_id("general"),
                               again.body["data"]["custom_id"],
                               {"reason": reason, "note": "Mon commentaire"})
    card = await fake.wait_for(lambda r: r.method == "POST" and "Signalement n° 1"
                               in text_of(r), mark)
    assert f"Signalements: 1 — yann : {reason} (Mon commentaire)" in text_of(card)
    thanks = await fake.answer(submit, mark)
    assert is_ephemeral(thanks) and "Merci" in text_of(thanks)


async def test_a_restart_in_the_middle_keeps_the_buttons_working(fake, config_file, clock):
    """Cards posted, and even a form opened, before a restart still work after it."""
    queue, general = fake.channel_id("moderation"), fake.channel_id("general")
    async with running_bot(fake, config_file, clock):
        mark = fake.mark()
        await fake.user_says("sofia", "general", "Mon numéro : 06 12 34 56 78")
        spam = await fake.user_says("yann", "general", "Rejoins discord.gg/promo-gratuite")
        await fake.wait_for(lambda r: len(fake.calls("POST", f"/channels/{queue}/messages",
                                                     mark)) == 2, mark)
        second = fake.card("moderation", "Signalement n° 2")
        click = await fake.click("malik", second, "review:remove:2")
        modal = (await fake.answer(click, mark)).body["data"]
    first = fake.card("moderation", "Signalement n° 1")
    assert len(fake.identified) == 1
    async with running_bot(fake, config_file, clock):
        assert len(fake.identified) == 2  # a new connection, a new process state
        mark = fake.mark()
        click = await fake.click("malik", first, "review:keep:1")
        await fake.answer(click, mark)
        edit = await fake.wait_request("PATCH", f"/channels/{queue}/messages/{first['id']}",
                                       mark)
        assert "Signalement n° 1 — conservé" in text_of(edit)
        # The reason typed in a form opened before the restart is not lost.
        submit = await fake.submit("malik", queue, modal["custom_id"], {"reason": "Pub"},
                                   message=second)
        await fake.wait_request("DELETE", f"/channels/{general}/messages/{spam['id']}", mark)
        edit = await fake.wait_request("PATCH", f"/channels/{queue}/messages/{second['id']}",
                                       mark)
        assert "Signalement n° 2 — retiré" in text_of(edit)
        assert text_of(await fake.answer(submit, mark)) == "Signalement n° 2 : message retiré."


async def test_a_burst_is_read_no_faster_than_it_is_handled_and_each_channel_keeps_its_order(
        fake, config_file, clock):
    """Backpressure: while the bot is busy, it stops reading the gateway once its intake
    is full, instead of holding every message of the burst in memory; nothing is lost,
    and each channel's messages are checked in the order they were written."""
    busy = asyncio.Event()
    seen: list[tuple[str, str]] = []

    async def slow(ctx, message) -> None:
        await busy.wait()
        seen.append((message.channel.name, message.text))

    async with running_bot(fake, config_file, clock,
                           setup=lambda bot: bot.on_message(slow)) as running:
        intake = running.platform.client.intake
        intake.capacity = 5
        most = 0
        submit = intake.submit

        def counting(key, item) -> None:
            nonlocal most
            submit(key, item)
            most = max(most, len(intake))

        intake.submit = counting
        for n in range(30):
            await fake.user_says("sofia", "general" if n % 2 else "random", f"message {n}")
        for _ in range(200):  # let the client read all it would
            await asyncio.sleep(0)
        assert len(intake) == 5 and most == 5
        busy.set()
        deadline = asyncio.get_running_loop().time() + 10
        while len(seen) < 30 and asyncio.get_running_loop().time() < deadline:
            await asyncio.sleep(0.01)
    assert most == 5
    assert [text for channel, text in seen if channel == "general"] == \
        [f"message {n}" for n in range(1, 30, 2)]
    assert [text for channel, text in seen if channel == "random"] == \
        [f"message {n}" for n in range(0, 30, 2)]


async def test_an_exception_is_written_from_the_card_s_modal(fake, config_file, clock):
    from tests.moderation.test_exceptions import CHARTER

    folder = config_file.parent
    (folder / "essai.yaml").write_text(CHARTER, encoding="utf-8")
    config_file.write_text(config_file.read_text(encoding="utf-8").replace(
        "general: coop-fr", "general: essai") + f"charters_dir: {folder}\n", encoding="utf-8")
    async with running_bot(fake, config_file, clock):
        queue = fake.channel_id("moderation")
        mark = fake.mark()
        await fake.user_says("sofia", "general", "Rendez-vous rue du Général Leclerc")
        await fake.wait_request("POST", f"/channels/{queue}/messages", mark)
        card = fake.card("moderation", "Signalement n° 1")
        modal = await fake.answer(await fake.click("malik", card, "review:exception:1"))
        assert modal.body["type"] == 9
        assert list(modal_inputs(modal)) == ["rule", "scope", "phrase", "why"]
        mark = fake.mark()
        submitted = await fake.submit("malik", queue, modal.body["data"]["custom_id"], {
            "rule": "concurrents", "scope": "expression", "phrase": "Général Leclerc",
            "why": "Une rue."}, message=card)
        answer = await fake.answer(submitted, mark)
        assert is_ephemeral(answer) and "Exception écrite dans la charte essai" in \
            text_of(answer)
        assert '    except: ["Général Leclerc"]' in (folder / "essai.yaml").read_text(
            encoding="utf-8")


async def test_a_renamed_role_is_read_again(fake, config_file, clock):
    """Messages are read from the gateway's payload, their authors' role names
    remembered between messages: renaming a role on the server is seen at once."""
    seen = Recorder()

    def listen(bot) -> None:
        async def heard(ctx, message) -> None:
            await seen.add((message.author.groups, ctx.roles))

        bot.on_message(heard)

    async with running_bot(fake, config_file, clock, setup=listen):
        await fake.user_says("nadia", "general", "Bonjour")
        ((groups, roles),) = await seen.wait(1)
        assert "Partenaires" in groups and "exempt" in roles
        partners = next(r for r in fake.roles.values() if r["name"] == "Partenaires")
        renamed = {**partners, "name": "Invités"}
        fake.roles[partners["id"]] = renamed
        await fake.dispatch("GUILD_ROLE_UPDATE", {"guild_id": fake.guild_id, "role": renamed})
        await fake.user_says("nadia", "general", "Re-bonjour")
        groups, roles = (await seen.wait(2))[1]
        assert "Invités" in groups and "Partenaires" not in groups
        assert "exempt" not in roles  # garant.yaml names "Partenaires"
