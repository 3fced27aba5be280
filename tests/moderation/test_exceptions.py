"""Exceptions from the review queue: a moderator turns a false positive into a line of
the charter file (a phrase, or a channel), written with who and why, checked, the
previous file kept, the charters reloaded. Console sessions on real SQLite and real
charter files."""

from __future__ import annotations

import difflib
from datetime import datetime
from pathlib import Path

import pytest

from bot.charter import CharterLibrary
from bot.charter.edit import EditError, add_exemption
from bot.located.yamlsrc import SourceError
from bot.typography import plain
from tests import database
from tests.test_console import PARIS, session

MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)
BUNDLED = Path(__file__).resolve().parents[2] / "charters"

CONFIG = """\
language: fr
timezone: Europe/Paris
charters_dir: {folder}
roles:
  members: [camille, malik, sofia, yann]
  moderators: [malik]
  director: [camille]
channels:
  moderated:
    general: essai
    annonces: essai
  review_queue: moderation
moderation:
  quiet_hours: null
"""

CHARTER = """\
# La charte de l'équipe : la coopérative, plus nos concurrents.
name: essai
extends: [coop-fr]
rules:
  - id: concurrents
    title: "Concurrents"
    kind: forbidden
    applies_to: [chat]
    action: flag
    words: [Leclerc, Carrefour]   # les enseignes
    examples:
      bad: ["Allez chez Leclerc"]
"""


def setup(folder: Path, charter: str = CHARTER, config: str = CONFIG) -> Path:
    (folder / "essai.yaml").write_text(charter, encoding="utf-8")
    path = folder / "garant.yaml"
    path.write_text(config.format(folder=folder), encoding="utf-8")
    return path


def rows(db: Path, sql: str) -> list[tuple]:
    with database.connect(db) as connection:
        found = [tuple(r) for r in connection.execute(sql)]
    connection.close()
    return found


def added_lines(before: str, after: str) -> list[str]:
    """What an edit added; it must remove nothing."""
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    assert not [line for line in diff if line.startswith("- ")], "\n".join(diff)
    return [line[2:] for line in diff if line.startswith("+ ")]


async def test_a_phrase_exception_is_written_into_the_charter_with_who_and_why(
        tmp_path) -> None:
    config = setup(tmp_path)
    out = await session(tmp_path / "g.db", """\
        :user sofia
        Rendez-vous rue du Général Leclerc à 10 h
        :user malik
        :channel moderation
        :click 6
        concurrents
        expression
        Général Leclerc
        C'est une rue, pas l'enseigne.
        :user sofia
        :channel general
        On se voit avenue du Général Leclerc ?
        Et chez Leclerc ?
        """, now=MONDAY_10, config=config)
    written = (tmp_path / "essai.yaml").read_text(encoding="utf-8")
    assert added_lines(CHARTER, written) == [
        "    # exception de malik le 23/11/2026 (élément n° 1) : C'est une rue, pas l'enseigne.",
        '    except: ["Général Leclerc"]']
    (previous,) = (tmp_path / "history").iterdir()
    assert previous.name == "essai.2026-11-23T10-00-00.yaml"
    assert previous.read_text(encoding="utf-8") == CHARTER
    assert "(pour vous seul) Exception écrite dans la charte essai, règle « concurrents » : " \
           "« Général Leclerc » passe." in out
    assert "Le message de l'élément n° 1 passerait désormais." in out
    assert "[#moderation] Garant: 📝 malik a ajouté une exception à la charte essai, règle " \
           "« concurrents » : « Général Leclerc » passe — C'est une rue, pas l'enseigne." in out
    # Reloaded at once: the street passes, the shop is still reported.
    assert "Signalement n° 2" in out and "Et chez Leclerc ?" in out.split("Signalement n° 2")[1]
    assert rows(tmp_path / "g.db", "SELECT count(*) FROM review_items") == [(2,)]
    (event,) = rows(tmp_path / "g.db", "SELECT actor, action, reason FROM review_events "
                                       "WHERE action = 'exception'")
    assert event[:2] == ("local:malik", "exception") and plain(event[2]) == (
        "concurrents : « Général Leclerc » passe — C'est une rue, pas l'enseigne.")
    (audit,) = rows(tmp_path / "g.db", "SELECT actor, subject, reason, data FROM audit_log "
                                       "WHERE action = 'charter.exception'")
    assert audit[:3] == ("local:malik", "charter:essai", "C'est une rue, pas l'enseigne.")
    assert '"value": "Général Leclerc"' in audit[3] and "history" in audit[3]


async def test_a_channel_exception_amends_a_parent_s_rule_in_the_co_op_s_file(tmp_path) -> None:
    config = setup(tmp_path)
    out = await session(tmp_path / "g.db", """\
        :user sofia
        Appelez-moi au 06 12 34 56 78
        :user malik
        :channel moderation
        /exception 1
        coordonnees
        salon

        Les annonces de covoiturage donnent leur numéro.
        :user sofia
        :channel general
        Mon numéro : 06 98 76 54 32
        :channel annonces
        Mon numéro : 06 98 76 54 32
        """, now=MONDAY_10, config=config)
    written = (tmp_path / "essai.yaml").read_text(encoding="utf-8")
    # `coordonnees` is base's: the co-op's file amends it (same id, no kind).
    assert added_lines(CHARTER, written) == [
        "  # exception de malik le 23/11/2026 (élément n° 1) : Les annonces de covoiturage "
        "donnent leur numéro.",
        "  - id: coordonnees",
        '    except_channels: ["general"]']
    assert "règle « coordonnees » : ne s'applique plus dans #general." in out
    # Lifted in #general only: the same message in #annonces is still reported.
    items = rows(tmp_path / "g.db", "SELECT id, channel_name FROM review_items ORDER BY id")
    assert items == [(1, "general"), (2, "annonces")]
    assert CharterLibrary([tmp_path, BUNDLED]).load("essai").rules_off_in("#General") == \
        frozenset({"coordonnees"})


async def test_an_exception_that_breaks_the_charter_s_examples_changes_nothing(
        tmp_path) -> None:
    config = setup(tmp_path)
    out = await session(tmp_path / "g.db", """\
        :user sofia
        Allez chez Leclerc, c'est moins cher
        :user malik
        :channel moderation
        :click 6
        concurrents
        expression
        chez Leclerc
        Tout le monde y va.
        """, now=MONDAY_10, config=config)
    assert "(pour vous seul) Exception non écrite : avec cette exception, la charte ne se " \
           "chargerait plus : rien n'a été modifié." in out
    assert f"{tmp_path / 'essai.yaml'}:12:" in out  # the example it would break
    assert (tmp_path / "essai.yaml").read_text(encoding="utf-8") == CHARTER
    assert not (tmp_path / "history").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".")] == []
    assert rows(tmp_path / "g.db", "SELECT count(*) FROM audit_log "
                                   "WHERE action = 'charter.exception'") == [(0,)]


async def test_the_form_s_mistakes_are_shown_under_their_field(tmp_path) -> None:
    config = setup(tmp_path)
    out = await session(tmp_path / "g.db", """\
        :user sofia
        Rejoins mon serveur discord.gg/promo chez Leclerc
        :user malik
        :channel moderation
        :click 6
        liens-suspects
        expression

        Un partenaire.
        salon
        """, now=MONDAY_10, config=config)
    assert "! Où (une expression, ou tout le salon #general) : La règle « liens-suspects » " \
           "(links) ne prend d'exception que par salon." in out
    out = await session(tmp_path / "g.db", """\
        :user malik
        :channel moderation
        /exception 1
        concurrents
        expression
        Général de Gaulle
        Une rue.
        """, now=MONDAY_10, config=config)
    assert "! Expression qui contient le mot signalé : L'expression doit contenir le mot " \
           "signalé « Leclerc » : c'est lui qu'elle laisse passer." in out


async def test_a_bundled_charter_is_never_written(tmp_path) -> None:
    config = setup(tmp_path, config=CONFIG.replace("charters_dir: {folder}\n", "")
                   .replace("essai", "coop-fr"))
    out = await session(tmp_path / "g.db", """\
        :user sofia
        Appelez-moi au 06 12 34 56 78
        :user malik
        :channel moderation
        /exception 1
        """, now=MONDAY_10, config=config)
    assert "(pour vous seul) La charte « coop-fr » est une des chartes fournies avec Garant " \
           f"({BUNDLED / 'coop-fr.yaml'}) : copiez-la dans votre dossier de chartes " \
           "(« charters_dir » dans garant.yaml) pour y écrire des exceptions." in out
    assert "Formulaire « Exception" not in out


async def test_an_item_no_charter_rule_raised_has_no_exception(tmp_path) -> None:
    config = setup(tmp_path)
    out = await session(tmp_path / "g.db", """\
        :user sofia
        Bonjour à tous
        :user yann
        /report 1 spam
        :user malik
        :channel moderation
        /exception 1
        /exception 9
        """, now=MONDAY_10, config=config)
    assert "Aucune règle de la charte n'a signalé l'élément n° 1 : pas d'exception à écrire." \
        in out
    assert "Exception…" not in out


# ---------------------------------------------------------------- the file edit itself


def test_an_item_is_added_to_a_block_list_with_its_own_comment() -> None:
    text = ("name: x\nrules:\n- id: a\n  kind: forbidden\n  words:\n  - foo\n  except:\n"
            "  - bar   # déjà là\n  message: \"{match} !\"\n")
    new = add_exemption(text, "a", "except", "foo bar", "par malik", [])
    assert added_lines(text, new) == ['  - "foo bar"  # par malik']


def test_a_flow_list_over_several_lines_keeps_its_layout() -> None:
    text = ("name: x\nrules:\n  - id: a\n    kind: forbidden\n    words: [foo,\n"
            "            baz]     # deux mots\n    except: [\"@liste\",\n"
            "             \"vieux\"]  # commentaire\n")
    new = add_exemption(text, "a", "except", "foo bar", "par malik", [])
    assert new.replace('"vieux", "foo bar"]', '"vieux"]').replace(
        "    # par malik\n", "") == text
    assert "    # par malik\n    except: [\"@liste\",\n" in new


def test_a_single_text_becomes_a_list_and_a_parent_s_list_is_repeated() -> None:
    text = "name: x\nextends: [base]\nrules:\n  - id: a\n    kind: spelling\n    words: Dupont\n"
    assert '    words: [Dupont, "Garant"]' in add_exemption(text, "a", "words", "Garant", "n", [])
    new = add_exemption(text, "insultes", "except", "pain bâtard", "n", ["@expressions"])
    assert added_lines(text, new) == ["  # n", "  - id: insultes",
                                      '    except: ["@expressions", "pain bâtard"]']
    with pytest.raises(EditError, match="already has 'dupont'"):
        add_exemption(text, "a", "words", "dupont", "n", [])


def test_a_rules_list_in_flow_style_is_left_to_a_person() -> None:
    with pytest.raises(EditError, match="one rule per item"):
        add_exemption("name: x\nrules: [{id: a, kind: forbidden, words: [b]}]\n", "a",
                      "except", "b c", "n", [])


def test_except_channels_is_checked_where_it_is_written(tmp_path) -> None:
    listed = '    action: flag\n    except_channels: [general, "mes annonces"]\n'
    (tmp_path / "essai.yaml").write_text(CHARTER.replace("    action: flag\n", listed),
                                         encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        CharterLibrary([tmp_path, BUNDLED]).load("essai")
    assert "essai.yaml:10:32: each item of 'except_channels' must be a channel name without " \
           "spaces, like general, got 'mes annonces'" in str(raised.value)
