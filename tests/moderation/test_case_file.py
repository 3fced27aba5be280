"""A member's case file (`/case USER`) and moderators' notes (`/note USER text`):
console sessions on real SQLite, the bundled demo team."""

from __future__ import annotations

from datetime import datetime

from tests.test_console import PARIS, session

MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)


async def test_the_case_file_tells_a_member_s_story_in_time_order(tmp_path) -> None:
    db = tmp_path / "g.db"
    out = await session(db, """\
        :user sofia
        Rejoins mon serveur discord.gg/promo-gratuite
        :user malik
        :channel moderation
        :click 2
        Publicité pour un autre serveur
        /warn sofia Publicité répétée
        :time +1h
        /note sofia Prévenue en privé, elle a compris.
        /case sofia
        /case yann
        /case personne-inconnue
        :user sofia
        /case sofia
        /note sofia Je me note moi-même
        """, now=MONDAY_10)
    assert "Note ajoutée au dossier de sofia." in out
    case = out.split("Dossier de sofia (4 éléments) :\n")[1]
    lines = case.splitlines()[:4]
    assert "signalement n° 1 dans #general (liens-suspects) : « Rejoins mon serveur " \
           "discord.gg/promo-gratuite »" in lines[0]
    assert "n° 1 : retiré par malik — Publicité pour un autre serveur" in lines[1]
    assert "avertissement de malik : Publicité répétée" in lines[2]
    assert "note de malik : Prévenue en privé, elle a compris." in lines[3]
    assert "Dossier de yann : rien." in out
    # Members see neither their file nor the notes, and cannot write one.
    assert out.count("réservé au rôle « modérateur »") == 2


async def test_a_review_card_names_the_author_s_earlier_items(tmp_path) -> None:
    out = await session(tmp_path / "g.db", """\
        :user sofia
        Rejoins mon serveur discord.gg/promo-gratuite
        Mon numéro : 06 12 34 56 78
        """, now=MONDAY_10)
    first, second = out.split("▶ Signalement n° 2")
    assert "Signalements précédents" not in first
    assert "    • Signalements précédents : 1 — n° 1 (/case sofia)" in second


async def test_an_edited_message_keeps_what_it_said_before(tmp_path) -> None:
    out = await session(tmp_path / "g.db", """\
        :user sofia
        Rejoins mon serveur discord.gg/promo-gratuite
        :edit 1 Rejoins plutôt discord.gg/un-autre-serveur
        """, now=MONDAY_10)
    card = out.split("(carte 2 modifiée)")[-1]
    assert "Rejoins plutôt discord.gg/un-autre-serveur" in card
    assert "    • Avant modification : « Rejoins mon serveur discord.gg/promo-gratuite »" in card
