"""Commands, drafts, the routine, AutoMod and the member tools on Discord, end to end."""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

import pytest

from bot.model import Command, Form, FormField
from bot.platforms.base import DeliveryError
from tests.discord.conftest import MODERATION_ROLE, PARIS, running_bot
from tests.discord.helpers import button, custom_ids, is_ephemeral, modal_inputs, text_of

# ---------------------------------------------------------------- commands


async def test_the_command_tree_is_synced_to_the_server_in_french_and_english(fake, garant):
    synced = fake.calls("PUT", rf"/applications/{fake.app_id}/guilds/{fake.guild_id}/commands")
    assert len(synced) == 1
    charter = next(c for c in fake.commands if c["name"] == "charter")
    check = next(o for o in charter["options"] if o["name"] == "check")
    assert check["description"] == "vérifie un texte avec la charte de ce salon"
    assert check["description_localizations"]["en-US"] == \
        "check a text against this channel's charter"
    assert check["options"][0] == {
        "type": 3, "name": "text", "required": True, "max_length": 6000,
        "description": "le texte",
        "description_localizations": {"fr": "le texte", "en-US": "the text",
                                      "en-GB": "the text"}}
    assert charter["description"] == "Commandes /charter"
    assert charter["description_localizations"]["en-GB"] == "/charter commands"
    automod = next(o for o in charter["options"] if o["name"] == "automod")
    assert automod["type"] == 2 and automod["options"][0]["name"] == "sync"
    # `/queue` and `/queue show` both exist: Discord cannot invoke a group, so the first
    # becomes `/queue main`.
    queue = next(c for c in fake.commands if c["name"] == "queue")
    assert [o["name"] for o in queue["options"]] == ["main", "show"]
    assert queue["options"][1]["options"][0]["type"] == 4  # an integer option
    menu = next(c for c in fake.commands if c["type"] == 3)
    assert menu["name"] == "Signaler aux modérateurs"
    assert menu["name_localizations"]["en-US"] == "Report to moderators"
    # Permissions are the host's business, not Discord's UI.
    assert all(c["default_member_permissions"] is None for c in fake.commands)
    assert fake.identified[0]["intents"] == (1 << 0) | (1 << 1) | (1 << 9) | (1 << 15)


async def test_slash_commands_answer_privately_and_check_permissions(fake, garant):
    mark = fake.mark()
    asked = await fake.slash("sofia", "general", "charter", "check",
                             text="Espèce de c0nnard")
    answer = await fake.answer(asked, mark)
    assert answer.body["type"] == 4 and is_ephemeral(answer)
    assert "Charte coop-fr : 1 remarque — bloqué" in text_of(answer)

    refused = await fake.slash("sofia", "general", "queue", "main")
    answer = await fake.answer(refused, mark)
    assert is_ephemeral(answer)
    assert text_of(answer) == ("Vous n'avez pas le droit d'utiliser /queue : réservé au rôle "
                               "« modérateur ».")
    allowed = await fake.slash("malik", "moderation", "queue", "main")
    assert "Aucun signalement" in text_of(await fake.answer(allowed, mark))


async def test_a_slow_command_is_deferred_then_answered(fake, config_file, clock):
    release = asyncio.Event()

    async def slow(ctx) -> None:
        await release.wait()
        await ctx.private("Enfin prêt.")

    def add(bot) -> None:
        bot.add_messages({"test.slow": {"fr": "lent", "en": "slow"}})
        bot.add_command(Command(("slow",), "test.slow", slow))

    async with running_bot(fake, config_file, clock, setup=add) as running:
        running.platform.defer_after = 0.01
        mark = fake.mark()
        asked = await fake.slash("sofia", "general", "slow")
        deferred = await fake.answer(asked, mark)
        assert deferred.body["type"] == 5 and is_ephemeral(deferred)  # "thinking…"
        release.set()
        later = await fake.wait_request("POST", rf"/webhooks/{fake.app_id}/{asked['token']}",
                                        mark)
        assert text_of(later) == "Enfin prêt." and is_ephemeral(later)


async def test_a_long_form_comes_in_parts_and_the_handler_gets_every_answer(fake, config_file,
                                                                           clock):
    received: list[dict[str, str]] = []

    async def ask(ctx) -> None:
        await ctx.open_form(Form("test:long", "Long formulaire",
                                 tuple(FormField(f"f{i}", f"Champ {i}") for i in range(7))))

    async def answered(ctx, values: dict[str, str]) -> None:
        received.append(values)
        await ctx.private("Reçu.")

    def add(bot) -> None:
        bot.add_messages({"test.long": {"fr": "long", "en": "long"}})
        bot.add_command(Command(("long",), "test.long", ask))
        bot.on_form("test:long", answered)

    async with running_bot(fake, config_file, clock, setup=add):
        general = fake.channel_id("general")
        mark = fake.mark()
        asked = await fake.slash("yann", "general", "long")
        first = await fake.answer(asked, mark)
        assert first.body["data"]["title"] == "Long formulaire (1/2)"
        assert list(modal_inputs(first)) == ["f0", "f1", "f2", "f3", "f4"]
        part = await fake.submit("yann", general, first.body["data"]["custom_id"],
                                 {f"f{i}": str(i) for i in range(5)})
        saved = await fake.answer(part, mark)
        assert text_of(saved) == "Partie 1 sur 2 enregistrée. Cliquez pour continuer."
        go_on = saved.body["data"]["components"][0]["components"][0]
        assert go_on["label"] == "Continuer (2/2)"
        message = next(m for m in fake.messages.values()
                       if m.get("interaction_token") == part["token"])
        click = await fake.click("yann", message, go_on["custom_id"])
        second = await fake.answer(click, mark)
        assert list(modal_inputs(second)) == ["f5", "f6"]
        last = await fake.submit("yann", general, second.body["data"]["custom_id"],
                                 {"f5": "5", "f6": "6"})
        assert text_of(await fake.answer(last, mark)) == "Reçu."
        assert received == [{f"f{i}": str(i) for i in range(7)}]


# ---------------------------------------------------------------- people and roles


async def test_roles_in_garant_yaml_name_discord_roles_by_name_or_id_and_people(fake, garant):
    platform, bot = garant.platform, garant.bot

    async def roles(name: str) -> set[str]:
        user = await platform.user_by_id(name)
        return set(bot.roles_of(user))

    assert await roles("malik") == {"member", "moderator"}  # "Membres", and <@&id>
    assert await roles("camille") == {"member", "director"}  # a person by name
    assert await roles(fake.user_id("nadia")) == {"exempt"}  # by id; role "Partenaires"
    assert await roles("lea") == set()
    members = await platform.resolve_members(["Membres"])
    assert sorted(u.name for u in members) == ["camille", "malik", "sofia", "yann"]
    assert [u.name for u in await platform.resolve_members([MODERATION_ROLE, "lea"])] == \
        ["malik", "lea"]
    assert (await platform.find_user(f"<@{fake.user_id('yann')}>")).name == "yann"


async def test_a_member_can_be_timed_out_and_a_refusal_is_reported(fake, garant):
    platform = garant.platform
    sofia = await platform.user_by_id("sofia")
    mark = fake.mark()
    await platform.timeout(sofia, timedelta(hours=1))
    sent = await fake.wait_request("PATCH", f"/guilds/{fake.guild_id}/members/{sofia.id}", mark)
    # The host's clock says 10:00 in Paris (09:00 UTC): one hour later.
    assert sent.body["communication_disabled_until"] == "2026-11-23T10:00:00+00:00"
    fake.fail("PATCH", rf"/guilds/{fake.guild_id}/members/\d+", 403,
              {"code": 50013, "message": "Missing Permissions"})
    with pytest.raises(DeliveryError) as refused:
        await platform.timeout(sofia, timedelta(days=90))
    assert refused.value.permanent  # not retried: the permission is missing
    notice = await fake.wait_request("POST", f"/channels/{fake.channel_id('moderation')}"
                                             "/messages", mark)
    assert "« Exclure temporairement des membres »" in text_of(notice)
    assert "sofia" in text_of(notice)


# ---------------------------------------------------------------- AutoMod


async def test_automod_sync_mirrors_blocking_words_and_updates_on_a_second_run(fake, garant):
    fake.automod["1"] = {"id": "1", "guild_id": fake.guild_id, "name": "Liens", "creator_id": "7",
                         "event_type": 1, "trigger_type": 1, "trigger_metadata": {},
                         "actions": [], "enabled": True, "exempt_roles": [],
                         "exempt_channels": []}
    mark = fake.mark()
    refused = await fake.slash("sofia", "general", "charter", "automod", "sync")
    assert "réservé au rôle « modérateur »" in text_of(await fake.answer(refused, mark))
    assert not fake.calls("POST", rf"/guilds/{fake.guild_id}/auto-moderation/rules", mark)

    asked = await fake.slash("malik", "moderation", "charter", "automod", "sync")
    created = await fake.wait_request("POST", rf"/guilds/{fake.guild_id}/auto-moderation/rules",
                                      mark)
    rule = created.body
    assert rule["name"] == "Garant · coop-fr"
    assert rule["trigger_type"] == 1 and rule["event_type"] == 1
    assert "connard" in rule["trigger_metadata"]["keyword_filter"]
    others = {fake.channel_id(n) for n in ("moderation", "drafts", "routine", "random")}
    assert set(rule["exempt_channels"]) == others  # only #general has coop-fr
    partners = next(r for r, v in fake.roles.items() if v["name"] == "Partenaires")
    assert set(rule["exempt_roles"]) == {partners, MODERATION_ROLE}
    assert rule["actions"][0]["type"] == 1
    assert rule["actions"][1] == {"type": 2, "metadata": {
        "channel_id": fake.channel_id("moderation")}}
    report = text_of(await fake.answer(asked, mark))
    assert "règle « Garant · coop-fr » créée" in report
    assert "« camille » est exempté dans garant.yaml mais c'est une personne" in report
    assert "règle donnees-bancaires (charte coop-fr, type personal_data)" in report
    assert "1" in fake.automod and fake.automod["1"]["name"] == "Liens"  # not ours: untouched

    mark = fake.mark()
    again = await fake.slash("malik", "moderation", "charter", "automod", "sync")
    report = text_of(await fake.answer(again, mark))
    assert "règle « Garant · coop-fr » mise à jour" in report
    assert not fake.calls("POST", rf"/guilds/{fake.guild_id}/auto-moderation/rules", mark)
    assert len(fake.calls("PATCH", rf"/guilds/{fake.guild_id}/auto-moderation/rules/\d+",
                          mark)) == 1
    assert len(fake.automod) == 2


async def test_automod_without_manage_server_is_explained(fake, garant):
    fake.fail("GET", rf"/guilds/{fake.guild_id}/auto-moderation/rules", 403,
              {"code": 50013, "message": "Missing Permissions"})
    mark = fake.mark()
    asked = await fake.slash("malik", "moderation", "charter", "automod", "sync")
    answer = await fake.answer(asked, mark)
    assert "« Gérer le serveur »" in text_of(answer) and is_ephemeral(answer)


# ---------------------------------------------------------------- drafts


async def test_a_draft_submitted_in_a_modal_voted_by_buttons_and_approved(fake, garant):
    drafts = fake.channel_id("drafts")
    mark = fake.mark()
    asked = await fake.slash("sofia", "drafts", "draft", "new")
    modal = await fake.answer(asked, mark)
    assert modal.body["type"] == 9
    inputs = modal_inputs(modal)
    assert list(inputs) == ["title", "client", "network", "planned", "text"]
    assert inputs["network"]["placeholder"].startswith("twitter / linkedin")
    assert inputs["text"]["style"] == 2 and inputs["text"]["max_length"] == 4000

    mark = fake.mark()
    submitted = await fake.submit("sofia", drafts, modal.body["data"]["custom_id"], {
        "title": "Soldes d'hiver", "client": "", "network": "twitter", "planned": "",
        "text": "Nos soldes commencent mercredi."})
    await fake.wait_request("POST", f"/channels/{drafts}/messages", mark)
    card = fake.card("drafts", "Brouillon n° 1")
    assert is_ephemeral(await fake.answer(submitted, mark))
    approve = button(card, "draft:vote:1:approve")

    for voter in ("malik", "yann"):
        mark = fake.mark()
        click = await fake.click(voter, card, approve)
        assert is_ephemeral(await fake.answer(click, mark))
        await fake.wait_request("PATCH", f"/channels/{drafts}/messages/{card['id']}", mark)
    card = fake.messages[card["id"]]
    final = button(card, "draft:final:1:approve")  # the vote passed: the director decides
    mark = fake.mark()
    click = await fake.click("sofia", card, final)
    assert is_ephemeral(await fake.answer(click, mark))  # not the director: refused
    click = await fake.click("camille", card, final)
    await fake.answer(click, mark)
    edit = await fake.wait_request("PATCH", f"/channels/{drafts}/messages/{card['id']}", mark)
    shown = text_of(edit)
    assert "État: approuvé pour publication" in shown
    assert "✅ 2 pour · ✏️ 0 modification · ❌ 0 contre · ⏸ 0 abstention — 2/3 ont voté" \
        in shown  # the electorate: the role "Membres" on the server, less the author
    assert edit.body["components"] == []
    rows = await garant.bot.store.fetchall("SELECT status FROM drafts WHERE id = 1")
    assert rows[0]["status"] == "approved"


async def test_a_draft_card_opens_a_thread_whose_messages_are_its_discussion(fake, garant):
    drafts = fake.channel_id("drafts")
    mark = fake.mark()
    asked = await fake.slash("sofia", "drafts", "draft", "new")
    modal = await fake.answer(asked, mark)
    mark = fake.mark()
    await fake.submit("sofia", drafts, modal.body["data"]["custom_id"], {
        "title": "Soldes d'hiver", "client": "", "network": "twitter", "planned": "",
        "text": "Nos soldes commencent mercredi."})
    opened = await fake.wait_request("POST", rf"/channels/{drafts}/messages/\d+/threads", mark)
    card = fake.card("drafts", "Brouillon n° 1")
    assert opened.path.endswith(f"/messages/{card['id']}/threads")
    assert opened.body["name"] == "Brouillon n° 1 — Soldes d'hiver"
    await fake.user_says("malik", "Brouillon n° 1 — Soldes d'hiver", "Le visuel est prêt ?")
    for _ in range(500):
        rows = await garant.bot.store.fetchall(
            "SELECT draft_id, author_name, text FROM draft_comments")
        if rows:
            break
        await asyncio.sleep(0.01)  # the intake handles it on the bot's loop
    assert [tuple(r) for r in rows] == [(1, "malik", "Le visuel est prêt ?")]


# ---------------------------------------------------------------- routine


async def test_the_routine_prompt_is_posted_and_ticked(fake, garant, clock):
    routine = fake.channel_id("routine")
    mark = fake.mark()
    clock.set(datetime(2026, 11, 24, 9, 30, tzinfo=PARIS))  # Tuesday, the prompt's time
    await garant.bot.run_due_jobs()
    await fake.wait_request("POST", f"/channels/{routine}/messages", mark)
    card = fake.card("routine", "☀ Les 20 actions quotidiennes")
    ids = custom_ids(card)
    assert len(ids) == 22 and ids[0].startswith("routine:tick:2026-11-24:")
    assert [len(row["components"]) for row in card["components"]] == [5, 5, 5, 5, 2]
    mark = fake.mark()
    click = await fake.click("yann", card, ids[0])
    answer = await fake.answer(click, mark)
    assert is_ephemeral(answer) and "✓ Coché" in text_of(answer)
    edit = await fake.wait_request("PATCH", f"/channels/{routine}/messages/{card['id']}", mark)
    assert "✓1" in text_of(edit)


async def test_a_client_s_routine_is_posted_in_its_channel_and_ticked(fake, config_file,
                                                                      clock):
    from tests.discord.conftest import running_bot
    from tests.routine.test_several_routines import ACME_FILE

    acme = fake.add_channel("acme-routine")
    (config_file.parent / "acme.yaml").write_text(ACME_FILE, encoding="utf-8")
    with config_file.open("a", encoding="utf-8") as config:
        config.write(f"routines:\n  acme:\n    file: {config_file.parent / 'acme.yaml'}\n"
                     "    channel: acme-routine\n    time: \"10:00\"\n    members: [sofia]\n")
    async with running_bot(fake, config_file, clock) as garant:
        mark = fake.mark()
        clock.set(datetime(2026, 11, 24, 10, 0, tzinfo=PARIS))
        await garant.bot.run_due_jobs()
        await fake.wait_request("POST", f"/channels/{acme}/messages", mark)
        card = fake.card("acme-routine", "☀ Routine Acme")
        ids = custom_ids(card)
        assert ids[0] == "routine:acme:tick:2026-11-24:ig-story" and len(ids) == 5
        mark = fake.mark()
        answer = await fake.answer(await fake.click("sofia", card, ids[0]), mark)
        assert is_ephemeral(answer) and "1/3 actions" in text_of(answer)
        edit = await fake.wait_request("PATCH", f"/channels/{acme}/messages/{card['id']}", mark)
        assert "ig-story  ✓1" in text_of(edit)
        mark = fake.mark()
        answer = await fake.answer(await fake.slash("sofia", "acme-routine", "routine", "done",
                                                    actions="3"), mark)
        assert "✓ Coché : li-post." in text_of(answer)


# ---------------------------------------------------------------- start-up problems


async def start_fails(fake, config_file, clock) -> str:
    import io

    from bot.run import RunError, RunOptions, build, serve
    from tests.discord.conftest import TOKEN

    env = {"DISCORD_TOKEN": TOKEN, "GARANT_DISCORD_API_BASE": fake.api_base}
    options = RunOptions(config=config_file, database=config_file.parent / "g.db", clock=clock)
    runtime = await build(options, io.StringIO(), io.StringIO(), env)
    try:
        with pytest.raises(RunError) as refused:
            await asyncio.wait_for(serve(runtime, options), 15)
    finally:
        await runtime.store.close()
    return str(refused.value)


async def test_a_refused_token_stops_the_start_with_one_clear_line(fake, config_file, clock):
    fake.fail("GET", "/users/@me", 401, {"message": "401: Unauthorized", "code": 0})
    assert (await start_fails(fake, config_file, clock)).startswith(
        "Discord refused DISCORD_TOKEN: copy the bot token again")


async def test_missing_privileged_intents_are_named(fake, config_file, clock):
    fake.refuse_intents = True
    assert "enable the Message Content and Server Members intents" in \
        await start_fails(fake, config_file, clock)


async def test_the_warning_threshold_times_the_member_out(fake, config_file, clock):
    from tests.discord.conftest import running_bot

    text = config_file.read_text(encoding="utf-8")
    config_file.write_text(text.replace(
        "drafts:\n", "moderation:\n  warnings_threshold: 2\n  threshold_timeout: 2h\ndrafts:\n", 1),
        encoding="utf-8")
    async with running_bot(fake, config_file, clock):
        mark = fake.mark()
        sofia = fake.user_id("sofia")
        await fake.answer(await fake.slash("malik", "moderation", "warn", user=sofia,
                                           reason="hors-sujet"), mark)
        await fake.answer(await fake.slash("malik", "moderation", "warn", user=sofia,
                                           reason="insultes"), mark)
        sent = await fake.wait_request("PATCH", f"/guilds/{fake.guild_id}/members/{sofia}",
                                       mark)
        assert sent.body["communication_disabled_until"] == "2026-11-23T11:00:00+00:00"
        path = f"/channels/{fake.channel_id('moderation')}/messages"
        notice = await fake.wait_for(lambda r: r.method == "POST" and r.path == path
                                     and "exclu temporairement" in text_of(r), mark)
        assert "sofia est exclu temporairement pour 2 h." in text_of(notice)


async def test_review_numbers_are_suggested_as_you_type(fake, garant):
    queue = next(c for c in fake.commands if c["name"] == "queue")
    show = next(o for o in queue["options"] if o["name"] == "show")
    assert show["options"][0]["autocomplete"] is True and "choices" not in show["options"][0]
    draft = next(c for c in fake.commands if c["name"] == "draft")
    assert next(o for o in draft["options"] if o["name"] == "edit")["options"][0][
        "autocomplete"] is True
    mark = fake.mark()
    await fake.user_says("sofia", "general", "Appelez-moi au 06 12 34 56 78")
    await fake.wait_request("POST", f"/channels/{fake.channel_id('moderation')}/messages", mark)

    async def typed(who: str, value: str) -> list[dict]:
        data = {"id": queue["id"], "name": "queue", "type": 1, "guild_id": fake.guild_id,
                "options": [{"type": 1, "name": "show", "options": [
                    {"type": 4, "name": show["options"][0]["name"], "value": value,
                     "focused": True}]}]}
        payload = fake.interaction(4, who, fake.channel_id("moderation"), data)
        at = fake.mark()
        await fake.dispatch("INTERACTION_CREATE", payload)
        answer = await fake.answer(payload, at)
        assert answer.body["type"] == 8  # APPLICATION_COMMAND_AUTOCOMPLETE_RESULT
        return answer.body["data"]["choices"]

    (choice,) = await typed("malik", "1")
    assert choice["value"] == 1 and choice["name"].startswith("1 · sofia · #general")
    assert await typed("malik", "9") == []
    assert await typed("lea", "1") == []  # not a moderator: nothing to suggest


async def test_proxies_absences_and_minutes_by_slash_command(fake, garant):
    mark = fake.mark()
    given = await fake.slash("sofia", "general", "proxy", "main", user="yann", until="31/12")
    assert "yann vote pour vous jusqu'au 31/12/2026" in text_of(await fake.answer(given, mark))
    mine = await fake.slash("yann", "general", "proxy", "main")
    assert "Vous votez pour : sofia." in text_of(await fake.answer(mine, mark))
    away = await fake.slash("sofia", "general", "absent", date="2026-12-21", until="2027-01-04")
    assert "Absence du lundi 21 décembre au lundi 4 janvier : 9 jours de routine off" in \
        text_of(await fake.answer(away, mark))
    minutes = await fake.slash("sofia", "general", "minutes", first="01/11", last="22/11")
    assert "Procès-verbal du 01/11/2026 au 22/11/2026 : 0 brouillon." in \
        text_of(await fake.answer(minutes, mark))


async def test_case_file_notes_and_privacy_by_slash_command(fake, garant):
    sofia = fake.user_id("sofia")
    mark = fake.mark()
    noted = await fake.slash("malik", "moderation", "note", user=sofia,
                             text="Prévenue en privé.")
    assert "Note ajoutée au dossier de sofia." in text_of(await fake.answer(noted, mark))
    case = await fake.slash("malik", "moderation", "case", user=sofia)
    shown = text_of(await fake.answer(case, mark))
    assert "Dossier de sofia (1 élément) :" in shown and "Prévenue en privé." in shown
    refused = await fake.slash("malik", "moderation", "privacy", "export", user=sofia)
    assert "réservé au rôle « directeur de publication »" in text_of(
        await fake.answer(refused, mark))
    exported = await fake.slash("camille", "moderation", "privacy", "export", user=sofia)
    assert "Export des données de sofia" in text_of(await fake.answer(exported, mark))


async def test_the_director_approves_on_the_web_and_the_discord_card_follows(
        fake, config_file, clock):
    """Discord and the web pages in one Garant: a draft voted on Discord, approved by the
    director from the web dashboard; the card in #drafts is edited in place."""
    import re

    import aiohttp

    from tests.web.conftest import free_port

    web = f"127.0.0.1:{free_port()}"
    async with running_bot(fake, config_file, clock, web=web) as garant:
        drafts = fake.channel_id("drafts")
        mark = fake.mark()
        asked = await fake.slash("sofia", "drafts", "draft", "new")
        modal = await fake.answer(asked, mark)
        await fake.submit("sofia", drafts, modal.body["data"]["custom_id"], {
            "title": "Soldes d'hiver", "client": "", "network": "twitter", "planned": "",
            "text": "Nos soldes commencent mercredi."})
        await fake.wait_request("POST", f"/channels/{drafts}/messages", mark)
        card = fake.card("drafts", "Brouillon n° 1")
        approve = button(card, "draft:vote:1:approve")
        for voter in ("malik", "yann"):
            mark = fake.mark()
            click = await fake.click(voter, card, approve)
            await fake.answer(click, mark)
            await fake.wait_request("PATCH", f"/channels/{drafts}/messages/{card['id']}",
                                    mark)
        camille = await garant.bot.user(f"discord:{fake.user_id('camille')}")
        assert camille is not None
        login = await garant.bot.platforms["web"].login_link(camille)
        mark = fake.mark()
        async with aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True)) as http:
            async with http.get(login) as response:
                page = await response.text()
            final = re.search(r'name="action" value="(draft:final:1:approve:1)"', page)
            assert final is not None, "the director's dashboard offers the approval"
            csrf = re.findall(r'name="csrf" value="([^"]+)"', page)[0]
            async with http.post(f"http://{web}/action",
                                 data={"csrf": csrf, "action": final.group(1)}) as response:
                assert "approuvé pour publication" in await response.text()
        edit = await fake.wait_request("PATCH", f"/channels/{drafts}/messages/{card['id']}",
                                       mark)
        assert "État: approuvé pour publication" in text_of(edit)
        rows = await garant.bot.store.fetchall("SELECT status, approved_by FROM drafts")
        assert tuple(rows[0]) == ("approved", f"discord:{fake.user_id('camille')}")
