"""Shadow mode (`mode: shadow`) and measured precision (`/charter stats`): a rule in
shadow mode is counted, never acted on; live rules are measured by what moderators
decided about the items they raised. Console sessions on real SQLite."""

from __future__ import annotations

from datetime import datetime

from cogs.moderation.stats import rules_to_review
from tests.test_console import PARIS, session

MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)

CONFIG = """\
language: fr
timezone: Europe/Paris
charters_dir: {folder}
roles:
  members: [camille, malik, sofia, yann, lea]
  moderators: [malik]
  director: [camille]
channels:
  moderated:
    general: essai
  review_queue: moderation
moderation:
  quiet_hours: null
"""

CHARTER = """\
name: essai
title: La charte, avec une règle à l'essai
extends: [coop-fr]
rules:
  - id: coordonnees
    mode: shadow
"""


async def test_a_shadow_rule_is_counted_and_live_rules_are_measured(tmp_path) -> None:
    (tmp_path / "essai.yaml").write_text(CHARTER, encoding="utf-8")
    config = tmp_path / "garant.yaml"
    config.write_text(CONFIG.format(folder=tmp_path), encoding="utf-8")
    out = await session(tmp_path / "g.db", """\
        :user sofia
        Mon numéro : 06 12 34 56 78
        Rejoins mon serveur discord.gg/promo-gratuite
        Et le mien : discord.gg/autre-serveur
        :user malik
        :channel moderation
        :click 3.1
        :click 5.2
        Publicité
        /charter stats
        /charter stats liens-suspects 7
        """, now=MONDAY_10, config=config)
    assert "Signalement n° 1 — à traiter" in out and "Signalement n° 3" not in out
    assert "coordonnees «" not in out  # the shadow rule raised no item
    stats = out.split("Règles de la charte — 30 derniers jours :")[1]
    assert "  coordonnees (en observation) : aurait agi 1 fois" in stats
    assert "  liens-suspects : 2 constats · 1 retiré ou averti, 1 conservé · précision 50 %" \
        in stats
    assert "Règles de la charte — 7 derniers jours :\n  liens-suspects : 2 constats" in out


def test_the_weekly_report_names_rules_below_80_percent() -> None:
    decisions = {"liens-suspects": (3, 2), "insultes": (9, 1), "rare": (1, 1)}
    assert rules_to_review(decisions) == [("liens-suspects", 0.6, 3, 5)]
