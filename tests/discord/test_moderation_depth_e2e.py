"""Moderation in depth on Discord, end to end: the duty roster, canned reasons, an
appeal judged by another moderator, shadow rules in /charter stats, the case file."""

from __future__ import annotations

import asyncio
import json

from bot.typography import plain
from tests.discord.conftest import running_bot
from tests.discord.helpers import button, custom_ids, is_ephemeral, modal_inputs, text_of

CHARTER = """\
name: essai
extends: [coop-fr]
reasons:
  pub: Publicité pour un autre serveur.
rules:
  - id: coordonnees
    mode: shadow
"""

MODERATION = """\
moderation:
  quiet_hours: null
  duty:
    - moderators: [malik]
      days: [lun, mar, mer, jeu, ven, sam, dim]
      from: "00:00"
      to: "23:59"
"""


def said(fake, name: str) -> str:
    """Everything the bot sent someone by direct message."""
    return plain(json.dumps([m.get("content") for m in fake.bot_messages(name)],
                            ensure_ascii=False))


async def test_duty_canned_reasons_appeal_shadow_stats_and_case_file(fake, config_file, clock):
    folder = config_file.parent
    (folder / "essai.yaml").write_text(CHARTER, encoding="utf-8")
    config_file.write_text(config_file.read_text(encoding="utf-8").replace(
        "general: coop-fr", "general: essai") + f"charters_dir: {folder}\n" + MODERATION,
        encoding="utf-8")
    async with running_bot(fake, config_file, clock) as garant:
        general, queue = fake.channel_id("general"), fake.channel_id("moderation")
        mark = fake.mark()
        await fake.user_says("sofia", "general", "Rejoins mon serveur discord.gg/promo-gratuite")
        await fake.wait_request("POST", f"/channels/{queue}/messages", mark)
        card = fake.card("moderation", "Signalement n° 1")
        await garant.bot.flush()
        assert "Nouveau signalement n° 1 dans #general (sofia) : vous êtes de permanence." in \
            said(fake, "malik")

        # Remove, with the charter's canned reason.
        modal = await fake.answer(await fake.click("malik", card, "review:remove:1"))
        inputs = modal_inputs(modal)
        assert list(inputs) == ["canned", "reason"]
        mark = fake.mark()
        await fake.submit("malik", queue, modal.body["data"]["custom_id"],
                          {"canned": "pub", "reason": ""}, message=card)
        await fake.wait_request("PATCH", f"/channels/{queue}/messages/{card['id']}", mark)
        await garant.bot.flush()
        notice = said(fake, "sofia")
        assert "Publicité pour un autre serveur." in notice and "/appeal 1" in notice

        # The author appeals; the moderator who decided cannot judge it; the director can.
        mark = fake.mark()
        answer = await fake.answer(await fake.slash(
            "sofia", "general", "appeal", item=1,
            reason="C'est le serveur officiel de notre client."), mark)
        assert is_ephemeral(answer) and "Contestation n° 1 transmise" in text_of(answer)
        await fake.wait_request("POST", f"/channels/{queue}/messages", mark)
        appeal = fake.card("moderation", "Contestation n° 1")
        overturn = button(appeal, "appeal:overturn:1")
        assert custom_ids(appeal) == ["appeal:uphold:1", overturn]
        mark = fake.mark()
        refused = await fake.answer(await fake.click("malik", appeal, overturn), mark)
        assert "Vous avez pris la décision contestée" in text_of(refused)
        modal = await fake.answer(await fake.click("camille", appeal, overturn))
        mark = fake.mark()
        await fake.submit("camille", queue, modal.body["data"]["custom_id"],
                          {"reason": "Vérifié : c'est bien le serveur du client."},
                          message=appeal)
        await fake.wait_request("POST", f"/channels/{general}/messages", mark)  # posted again
        await garant.bot.flush()
        assert "Votre contestation du signalement n° 1 est acceptée" in said(fake, "sofia")

        # A rule in shadow mode only counts; /charter stats shows it and the precision.
        await fake.user_says("sofia", "general", "Appelez-moi au 06 12 34 56 78")
        for _ in range(300):  # the intake handles it on the bot's loop
            await garant.bot.persist()
            if await garant.bot.store.fetchall("SELECT 1 FROM moderation_daily "
                                               "WHERE key LIKE '%coordonnees%'"):
                break
            await asyncio.sleep(0.01)
        mark = fake.mark()
        stats = text_of(await fake.answer(await fake.slash("malik", "moderation", "charter",
                                                           "stats"), mark))
        assert "coordonnees (en observation) : aurait agi 1 fois" in stats
        assert "liens-suspects" in stats
        assert await garant.bot.store.fetchall("SELECT id FROM review_items") == \
            await garant.bot.store.fetchall("SELECT 1 AS id")  # the shadow rule raised none

        # The case file has it all, in time order.
        mark = fake.mark()
        case = text_of(await fake.answer(await fake.slash("malik", "moderation", "case",
                                                          user="sofia"), mark))
        assert "signalement n° 1 dans #general (liens-suspects)" in case
        assert "n° 1 : retiré par malik — Publicité pour un autre serveur." in case
        assert "n° 1 contesté : C'est le serveur officiel de notre client." in case
        assert "contestation du n° 1 acceptée par camille, décision annulée : Vérifié" in case
