"""The command line in French: it follows the locale (LANG, LC_MESSAGES...) or --lang."""

from __future__ import annotations

import argparse
import io
import sys
from pathlib import Path

import pytest

from bot.cli import build_parser, main, parser_texts
from bot.phrases import has_french
from bot.phrases_fr import ARGPARSE_FRENCH
from bot.typography import plain


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        status = main(list(args))
    except SystemExit as exit_:  # argparse's --help and usage errors
        status = int(exit_.code or 0)
    out, err = capsys.readouterr()
    return status, plain(out), plain(err)


def french(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")


def test_every_text_of_the_parser_has_french() -> None:
    missing = [text for text in parser_texts(build_parser())
               if not has_french(text) and text not in ARGPARSE_FRENCH]
    assert not missing


def test_help_follows_the_locale(capsys, monkeypatch) -> None:
    french(monkeypatch)
    status, out, _ = run(capsys, "check", "--help")
    assert status == 0
    assert out.startswith("usage : garant check [-h] [--charter NOM|CHEMIN]")
    assert "arguments positionnels :" in out
    assert "  -h, --help            affiche cette aide et quitte" in out
    assert "Vérifie des textes avec une charte éditoriale et affiche les remarques." in out
    for english in ("usage:", "options:", "show this help", "default:", "charter name"):
        assert english not in out


def test_the_locale_can_be_overridden_either_way(capsys, monkeypatch) -> None:
    _, out, _ = run(capsys, "--lang", "fr", "charter", "list", "--help")
    assert "affiche cette aide et quitte" in out
    french(monkeypatch)
    _, out, _ = run(capsys, "check", "--lang", "en", "--help")
    assert "show this help message and exit" in out


def test_argparse_errors_are_french(capsys, monkeypatch) -> None:
    french(monkeypatch)
    status, _, err = run(capsys, "check", "--context", "forum")
    assert status == 2
    assert ("garant check : erreur : argument --context : choix invalide : 'forum' "
            "(au choix : 'chat', 'draft')") in err
    status, _, err = run(capsys, "charter", "validate")
    assert "arguments obligatoires manquants : CHEMIN" in err
    # and argparse speaks English again afterwards (its words are restored)
    monkeypatch.setenv("LANG", "C.UTF-8")
    _, _, err = run(capsys, "charter", "validate")
    assert "the following arguments are required: PATH" in err


def test_check_report_in_french(tmp_path: Path, capsys, monkeypatch) -> None:
    french(monkeypatch)
    draft = tmp_path / "brouillon.txt"
    draft.write_text("Bonjour,\nTu veux gagner ? Grand concours !\n", encoding="utf-8")
    status, out, _ = run(capsys, "check", "--charter", "coop-fr", str(draft))
    lines = out.splitlines()
    assert f"{draft}:2:1: attention vouvoiement: La charte demande le vouvoiement : « Tu » → " \
           "« vous »." in lines
    assert lines[-1] == ("4 remarques (1 erreur, 1 avertissement, 2 info) dans 1 texte sur 1, "
                         "charte coop-fr ; verdicts : avertissement (1)")
    assert status == 1


def test_check_errors_in_french(tmp_path: Path, capsys, monkeypatch) -> None:
    french(monkeypatch)
    status, _, err = run(capsys, "check", str(tmp_path / "absent.txt"))
    assert status == 2
    assert err == f"garant : {tmp_path / 'absent.txt'} : fichier introuvable\n"
    status, _, err = run(capsys, "check", "--network", "myspace", str(tmp_path))
    assert err.startswith("garant : --network myspace : réseau inconnu (au choix : twitter")


def test_check_summary_without_findings_in_french(capsys, monkeypatch) -> None:
    french(monkeypatch)
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(
        b"Partagez votre avis en commentaire.")))
    status, out, _ = run(capsys, "check", "--charter", "coop-fr")
    assert status == 0
    assert out.splitlines()[-1] == "0 remarque dans 0 texte sur 1, charte coop-fr"


def test_validate_in_french(capsys, monkeypatch) -> None:
    french(monkeypatch)
    charter = Path(__file__).resolve().parents[1] / "charters" / "coop-fr.yaml"
    status, out, _ = run(capsys, "charter", "validate", str(charter))
    assert status == 0
    assert out.startswith(f"{charter} : ok, charte « coop-fr » : ")
    assert "exemples vérifiés, étend base" in out
    status, _, err = run(capsys, "charter", "validate", "absente.yaml")
    assert err == "absente.yaml : fichier de charte introuvable\n"


def test_backup_refusal_in_french(tmp_path: Path, capsys, monkeypatch) -> None:
    french(monkeypatch)
    status, _, err = run(capsys, "db", "backup", str(tmp_path / "copie.db"), "--db",
                         str(tmp_path / "absente.db"))
    assert status == 2
    assert err == f"garant : {tmp_path / 'absente.db'} : base de données introuvable\n"


def test_english_stays_the_default(capsys) -> None:
    status, out, _ = run(capsys, "--help")
    assert status == 0
    assert "show this help message and exit" in out
    assert isinstance(build_parser(), argparse.ArgumentParser)
