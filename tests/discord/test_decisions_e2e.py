"""A co-op's decisions on Discord, end to end: a draft voted by consent and by secret
ballot, an objection given in a modal, cards and answers showing nobody's choice."""

from __future__ import annotations

import json
from datetime import datetime

from bot.typography import plain
from tests.discord.conftest import PARIS, running_bot
from tests.discord.helpers import button, is_ephemeral, modal_inputs, text_of


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
