"""Canned reasons: a charter's `reasons:` are offered by the Remove and Escalate forms,
and a moderator may add their own words. Console sessions on real SQLite."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pytest

from bot.charter import CharterLibrary
from bot.located.yamlsrc import SourceError
from tests.moderation.test_shadow_rules import CONFIG
from tests.test_console import PARIS, session

MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)

CHARTER = """\
name: essai
title: La charte, avec ses motifs types
extends: [coop-fr]
reasons:
  pub: Publicité pour un autre serveur.
  perso: Coordonnées personnelles publiées.
"""


async def test_the_remove_form_offers_the_charter_s_reasons(tmp_path) -> None:
    (tmp_path / "essai.yaml").write_text(CHARTER, encoding="utf-8")
    config = tmp_path / "garant.yaml"
    config.write_text(CONFIG.format(folder=tmp_path), encoding="utf-8")
    out = await session(tmp_path / "g.db", """\
        :user sofia
        Rejoins mon serveur discord.gg/promo-gratuite
        Et le mien : discord.gg/autre-serveur
        :user malik
        :channel moderation
        :click 2.2
        pub

        :click 4.2
        perso
        (le message donnait aussi un numéro)
        """, now=MONDAY_10, config=config)
    assert "Raison : Publicité pour un autre serveur." in out
    assert "Raison : Coordonnées personnelles publiées. (le message donnait aussi un numéro)" \
        in out


async def test_the_warn_form_offers_them_and_gives_the_rule_s_reason_without_one(
        tmp_path) -> None:
    (tmp_path / "essai.yaml").write_text(CHARTER, encoding="utf-8")
    config = tmp_path / "garant.yaml"
    config.write_text(CONFIG.format(folder=tmp_path), encoding="utf-8")
    out = await session(tmp_path / "g.db", """\
        :user sofia
        Rejoins mon serveur discord.gg/promo-gratuite
        Et le mien : discord.gg/autre-serveur
        :user malik
        :channel moderation
        :click 2.3
        pub

        :click 4.3


        """, now=MONDAY_10, config=config)
    assert "Formulaire « Avertir l'auteur du message n° 1 »" in out
    assert "[MP à sofia] Avertissement de la modération : Publicité pour un autre serveur." \
        in out
    # Nothing chosen, nothing written: the rule that raised the item is the reason.
    assert "Avertissement de la modération : message « Et le mien : " \
           "discord.gg/autre-serveur » dans #general (Liens suspects)" in out


def test_a_reason_id_is_checked_where_it_is_written(tmp_path) -> None:
    (tmp_path / "essai.yaml").write_text(CHARTER.replace("  pub:", "  Pub Déguisée:"),
                                         encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        CharterLibrary([tmp_path, Path(__file__).resolve().parents[2] / "charters"]).load(
            "essai")
    assert "essai.yaml:5:3: reason id 'Pub Déguisée' must be lowercase letters" in str(
        raised.value)
