"""Appeals: the author of a removed or warned message contests the decision once;
another moderator than the one who decided, or the director, upholds or overturns it;
an overturned removal is posted again and an overturned warning expires. Console
sessions on real SQLite, the bundled demo team."""

from __future__ import annotations

import re
from datetime import datetime

from tests.test_console import PARIS, session

MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)


def appeal_card(out: str) -> str:
    return re.findall(r"Contestation n° 1 — signalement n° 1 — [^\n]*\[carte (\d+)\]", out)[0]


async def test_an_appeal_overturned_by_the_director_restores_the_message(tmp_path) -> None:
    db = tmp_path / "g.db"
    out = await session(db, """\
        :user sofia
        Rejoins mon serveur discord.gg/promo-gratuite
        :user malik
        :channel moderation
        :click 2
        Publicité pour un autre serveur
        :user yann
        /appeal 1 Ce n'est pas mon message
        :user sofia
        /appeal 1 C'est le serveur officiel de notre client.
        /appeal 1 Encore
        """, now=MONDAY_10)
    assert "Pour contester : /appeal 1 RAISON." in out  # in the removal's notice
    assert "Seul l'auteur du message n° 1 peut contester la décision." in out
    assert "Contestation n° 1 transmise" in out
    assert "Le signalement n° 1 a déjà été contesté : une fois seulement." in out
    card = appeal_card(out)
    assert "Motif de l'auteur : C'est le serveur officiel de notre client." in out
    out = await session(db, f"""\
        :user malik
        :channel moderation
        :click {card}.1
        :user camille
        :click {card}.2
        Vérifié : c'est bien le serveur du client.
        :click {card}.1
        """, now=MONDAY_10)
    assert "Vous avez pris la décision contestée : un autre modérateur" in out
    assert "Contestation n° 1 : décision annulée." in out
    assert "[MP à sofia] Votre contestation du signalement n° 1 est acceptée : la décision " \
           "est annulée. Motif : Vérifié : c'est bien le serveur du client." in out
    assert "Rejoins mon serveur discord.gg/promo-gratuite" in out.split(
        "Contestation n° 1 : décision annulée.")[0]  # posted again in #general
    assert "annulée par camille — Vérifié" in out
    assert "Aucune carte avec des boutons ici." in out  # the decided card lost its buttons


async def test_an_upheld_appeal_keeps_the_warning(tmp_path) -> None:
    out = await session(tmp_path / "g.db", """\
        :user sofia
        Mon numéro : 06 12 34 56 78
        :user malik
        :channel moderation
        :click 3
        Données personnelles
        :user sofia
        /appeal 1 Je voulais aider.
        :user camille
        :channel moderation
        :click 1
        Les coordonnées n'ont rien à faire ici.
        :user malik
        /warnings sofia
        """, now=MONDAY_10)
    assert "Pour contester : /appeal 1 RAISON." in out
    assert "[MP à sofia] Votre contestation du signalement n° 1 est rejetée : la décision est " \
           "maintenue." in out
    assert "(expiré)" not in out.split("/warnings")[-1]
