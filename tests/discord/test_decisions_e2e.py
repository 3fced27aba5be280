"""A co-op's decisions on Discord, end to end: a draft voted by consent and by secret
ballot, an objection given in a modal, cards and answers showing nobody's choice."""

from __future__ import annotations

import json
from datetime import datetime

from bot.typography import plain
from tests.discord.conftest import PARIS, running_bot
from tests.discord.helpers import button, is_ephemeral, modal_inputs, text_of
from tests.waiting import eventually


async def test_a_secret_consent_vote_with_an_objection_in_a_modal(fake, config_file, clock):
    with config_file.open("a", encoding="utf-8") as config:
        config.write("votes:\n  mode: consent\n  anonymous: true\n")
    async with running_bot(fake, config_file, clock) as garant:
        drafts = fake.channel_id("drafts")
        mark = fake.mark()
        modal = await fake.answer(await fake.slash("sofia", "drafts", "draft", "new"), mark)
        mark = fake.mark()
        await fake.submit("sofia", drafts, modal.body["data"]["custom_id"], {
            "title": "Soldes d'hiver", "client": "", "network": "twitter", "planned": "",
            "text": "Nos soldes commencent mercredi."})
        await fake.wait_request("POST", f"/channels/{drafts}/messages", mark)
        card = fake.card("drafts", "Brouillon n° 1")
        assert "par consentement : adopté sauf objection motivée · bulletins secrets" in \
            plain(json.dumps(card["embeds"], ensure_ascii=False))

        mark = fake.mark()
        answer = await fake.answer(await fake.click("malik", card, button(
            card, "draft:vote:1:approve")), mark)
        assert is_ephemeral(answer)
        await fake.wait_request("PATCH", f"/channels/{drafts}/messages/{card['id']}", mark)
        # An objection needs its reason: a modal asks for it.
        mark = fake.mark()
        asked = await fake.answer(await fake.click("yann", card, button(
            card, "draft:vote:1:reject")), mark)
        assert asked.body["type"] == 9
        (field,) = modal_inputs(asked)
        mark = fake.mark()
        await fake.submit("yann", drafts, asked.body["data"]["custom_id"],
                          {field: "Le ton est trop familier pour ce client."})
        edit = await fake.wait_request("PATCH", f"/channels/{drafts}/messages/{card['id']}",
                                       mark)
        shown = text_of(edit)
        assert "2/3 ont voté" in shown and "bulletins secrets" in shown
        assert "malik" not in shown and "yann" not in shown  # nobody's choice on the card

        # The director sees who took part, not who chose what.
        mark = fake.mark()
        details = text_of(await fake.answer(await fake.slash("camille", "drafts", "draft",
                                                             "show", id=1), mark))
        assert "Ont voté : malik, yann" in details
        assert "malik : ✅" not in details and "yann : ❌" not in details

        # At the deadline, the one reasoned objection stops the draft.
        mark = fake.mark()
        clock.set(datetime(2026, 11, 26, 10, 0, tzinfo=PARIS))
        await garant.bot.run_due_jobs()
        closed = await fake.wait_request("PATCH",
                                         f"/channels/{drafts}/messages/{card['id']}", mark)
        assert "Résultat du vote: rejeté" in text_of(closed)
        rows = await garant.bot.store.fetchall("SELECT status FROM drafts WHERE id = 1")
        assert rows[0]["status"] == "rejected"
        mark = fake.mark()
        details = text_of(await fake.answer(await fake.slash("camille", "drafts", "draft",
                                                             "show", id=1), mark))
        assert "bulletin secret : ❌ Rejeter — Le ton est trop familier pour ce client." in \
            details
        assert "yann : ❌" not in details
        ballots = await garant.bot.store.fetchall(
            "SELECT count(*) AS n FROM draft_ballots WHERE voter NOT LIKE 'secret:%'")
        assert ballots[0]["n"] == 0  # sealed: no ballot linked to a person any more


async def test_holidays_questions_and_the_reminder_on_discord(fake, config_file):
    from bot.clock import ManualClock
    from tests.routine.test_several_routines import ACME_FILE

    (config_file.parent / "r.yaml").write_text(
        ACME_FILE + "questions:\n  - id: publie\n    text: Qu'avez-vous publié ?\n",
        encoding="utf-8")
    with config_file.open("a", encoding="utf-8") as config:
        config.write(f"routine:\n  file: {config_file.parent / 'r.yaml'}\n"
                     "  reminder_time: \"16:00\"\n")
    clock = ManualClock(datetime(2026, 12, 25, 9, 0, tzinfo=PARIS))
    async with running_bot(fake, config_file, clock) as garant:
        clock.set(datetime(2026, 12, 25, 9, 30, tzinfo=PARIS))
        await garant.bot.run_due_jobs()  # Noël: no prompt
        mark = fake.mark()
        refused = await fake.answer(await fake.slash("sofia", "general", "routine", "done",
                                                     actions="1"), mark)
        assert "Pas de routine aujourd'hui, vendredi 25 décembre : Noël." in text_of(refused)
        assert fake.bot_messages("routine") == []

        mark = fake.mark()
        clock.set(datetime(2026, 12, 28, 9, 30, tzinfo=PARIS))
        await garant.bot.run_due_jobs()
        await fake.wait_request("POST", f"/channels/{fake.channel_id('routine')}/messages",
                                mark)
        assert "Qu'avez-vous publié ?" in json.dumps(fake.card("routine", "☀")["embeds"],
                                                     ensure_ascii=False)
        mark = fake.mark()
        answered = await fake.answer(await fake.slash(
            "sofia", "routine", "routine", "answer", question="publie",
            text="Un carrousel LinkedIn"), mark)
        assert "Réponse enregistrée" in text_of(answered)
        mark = fake.mark()
        await fake.answer(await fake.slash("sofia", "routine", "routine", "done",
                                           actions="1"), mark)
        clock.set(datetime(2026, 12, 28, 16, 0, tzinfo=PARIS))
        await garant.bot.run_due_jobs()
        await garant.bot.flush()

        def reminded(name: str) -> bool:
            return any("Petit rappel" in json.dumps(m, ensure_ascii=False)
                       for m in fake.bot_messages(name))

        # The background scheduler may have taken the job first: its delivery, not ours.
        await eventually(lambda: reminded("yann") and reminded("malik"))
        assert not reminded("sofia")
        mark = fake.mark()
        clock.set(datetime(2026, 12, 28, 17, 30, tzinfo=PARIS))
        await garant.bot.run_due_jobs()
        await fake.wait_request("POST", f"/channels/{fake.channel_id('routine')}/messages",
                                mark)
        review = plain(json.dumps(fake.card("routine", "🌇")["embeds"], ensure_ascii=False))
        assert "Un carrousel LinkedIn" in review
