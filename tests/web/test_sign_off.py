"""The client's sign-off: after the co-op's vote and the director's approval, a draft for
a client who signs off its posts (the demo's Fromagerie Lucas) waits for the client,
who answers from a signed link with no account. The answer is in the draft's history
and on its card, the team is told; the link dies with the answer, with a new text,
or at the planned publication time (then the draft expires, and rescheduling asks
the client again). Console and pages on a real bot, SQLite file, injected clock."""

from __future__ import annotations

import re
from datetime import timedelta
from pathlib import Path

from tests.web.conftest import Site
from tests.web.test_pages import client, shown

APPROVE, CHANGES = "Approuver", "Demander des modifications"


async def voted_draft(site: Site, title: str = "Plateau de Noël", planned: str = "jeudi 9h",
                      network: str = "1", text: str = "Notre plateau de fêtes est prêt : "
                                                      "comté 24 mois, brie truffé.") -> str:
    """A draft for Fromagerie Lucas the members approved: the director's turn."""
    return await site.chat(f"""\
        :user sofia
        :channel drafts
        /draft new
        {title}
        Fromagerie Lucas
        {network}
        {planned}
        {text}
        .
        :user malik
        :click 1
        :user yann
        :click 1
        :user lea
        :click 1
        """)


async def approved_by_the_director(site: Site, title: str = "Plateau de Noël",
                                   planned: str = "jeudi 9h", network: str = "1",
                                   text: str = "Notre plateau de fêtes est prêt : comté 24 "
                                               "mois, brie truffé.") -> str:
    """The draft of `voted_draft`, approved by the director: its client link (from the
    card in #drafts)."""
    said = await voted_draft(site, title, planned, network, text)
    said += await site.chat(":user camille\n:click 1")
    assert "il attend maintenant la validation de Fromagerie Lucas" in said
    return re.findall(r"(http://127\.0\.0\.1:\d+/g/[\w.-]+)", said)[-1]


async def test_a_client_approves_a_post_from_its_link(site: Site) -> None:
    link = await approved_by_the_director(site)
    card = site.out.getvalue().rsplit("▶ Brouillon n° 1", 1)[1]
    assert "État : en attente de la validation du client" in shown(card)
    assert "Validation du client : en attente jusqu'au jeu. 2026-11-26 09:00" in shown(card)
    async with client() as http:  # no account, no cookie
        async with http.get(link) as response:
            page = shown(await response.text())
        assert response.status == 200
        assert "Fromagerie Lucas — votre validation : « Plateau de Noël »" in page
        assert "comté 24 mois, brie truffé" in page and "telle qu'elle paraîtra sur twitter" in page
        assert '<article class="preview net-twitter"' in page  # drawn as the network does
        assert "61 caractères sur 280 permis" in page
        async with http.post(link, data={"answer": CHANGES, "comment": ""}) as response:
            page = shown(await response.text())
        assert response.status == 422
        assert "Dites ce qui doit changer dans le brouillon n° 1" in page
        async with http.post(link, data={"answer": APPROVE, "comment": ""}) as response:
            page = shown(await response.text())
        assert "Merci ! Votre validation de « Plateau de Noël » est transmise à l'équipe." in page
        async with http.get(link) as response:  # answered: the link is spent
            assert response.status == 410
            assert "Ce lien n'est plus valable" in shown(await response.text())
        forged = link[:-3] + ("AAA" if not link.endswith("AAA") else "BBB")
        async with http.get(forged) as response:
            assert response.status == 410
    row = await site.bot.store.fetchone("SELECT status, client_approved FROM drafts")
    assert tuple(row) == ("scheduled", 1)
    event = await site.bot.store.fetchone("SELECT actor, actor_name, action FROM draft_events "
                                          "ORDER BY id DESC LIMIT 1")
    assert tuple(event) == ("client:Fromagerie Lucas", "Fromagerie Lucas", "client_approve")
    out = shown(site.out.getvalue())
    assert "[#drafts] Garant: ✅ Fromagerie Lucas a validé le brouillon n° 1 « Plateau de " \
           "Noël » (—)." in out  # the team is told
    assert "[MP à sofia] ✅ Fromagerie Lucas a validé le brouillon n° 1" in out
    last_card = out.rsplit("▶ Brouillon n° 1", 1)[1]
    assert "État : programmé" in last_card
    assert "Validation du client : validé par le client" in last_card


async def test_changes_expiry_and_the_directors_record(site: Site) -> None:
    link = await approved_by_the_director(site)
    async with client() as http, http.post(link, data={"answer": CHANGES,
                                     "comment": "Ajoutez le prix : 39 €."}) as response:
        assert "Votre demande de modifications" in shown(await response.text())
    said = await site.chat(":user sofia\n/draft show 1")
    assert "modifications demandées par le client" in said and "Ajoutez le prix : 39 €." in said
    site.clock.advance(timedelta(days=1))
    said = await site.chat("/minutes 23/11 23/11")
    minutes = Path(re.findall(r"📎 (\S+\.md)", said)[0]).read_text(encoding="utf-8")
    assert "le client demande des modifications (Fromagerie Lucas). Motif : Ajoutez le " \
           "prix" in shown(minutes)
    assert (await site.bot.store.fetchone("SELECT status FROM drafts"))[0] == \
        "changes_requested"

    second = await approved_by_the_director(site, "Raclette", "mercredi 18h")
    site.clock.advance(timedelta(days=2, hours=9))  # Wednesday 19:00: past its time
    said = await site.chat(":user sofia")
    assert "Le brouillon n° 2 « Raclette » a expiré sans la validation de Fromagerie Lucas" \
        in said
    async with client() as http, http.get(second) as response:
        assert response.status == 410
    said = await site.chat("/draft reschedule 2 vendredi 18h")
    assert (await site.bot.store.fetchone("SELECT status FROM drafts WHERE id = 2"))[0] == \
        "awaiting_client"
    fresh = re.findall(r"(http://127\.0\.0\.1:\d+/g/[\w.-]+)", site.out.getvalue())[-1]
    assert fresh != second
    said = await site.chat(":user malik\n/draft client 2 approve")
    assert "Vous n'avez pas le droit d'utiliser /draft client" in said
    said = await site.chat(":user camille\n/draft client 2 approve")
    assert "Réponse de Fromagerie Lucas enregistrée pour lui sur le brouillon n° 2 : " \
           "programmé." in said
    event = await site.bot.store.fetchone("SELECT actor, action, data FROM draft_events "
                                          "ORDER BY id DESC LIMIT 1")
    assert (event["actor"], event["action"]) == ("local:camille", "client_approve")
    assert '"on_behalf": true' in event["data"]

