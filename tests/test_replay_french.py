"""`garant replay`'s report, and the store's errors, in French."""

from __future__ import annotations

import ast
import json
import sqlite3
from pathlib import Path

import pytest

from bot.cli import main
from bot.clock import ManualClock
from bot.phrases import has_french
from bot.replay import Report
from bot.replay.records import Malformed
from bot.store import APPLICATION_ID, Store, StoreError
from bot.typography import NARROW_NBSP, plain

ROOT = Path(__file__).resolve().parent.parent


def export(tmp_path: Path) -> Path:
    """Two good messages (one with a phone number), then three bad lines."""
    path = tmp_path / "chat.jsonl"
    good = [
        {"ts": "2026-01-02T08:00:00Z", "author": "alice", "channel": "general",
         "text": "Bonjour à tous"},
        {"ts": "2026-01-02T08:05:00Z", "author": "bob", "channel": "general",
         "text": "appelle-moi au 06 12 34 56 78"},
    ]
    lines = [json.dumps(r, ensure_ascii=False) for r in good] + [
        json.dumps({"ts": "hier", "author": "bob", "channel": "general", "text": "Merci"}),
        '{"ts": 1',
        json.dumps({"ts": "2026-01-02T08:10:00Z", "channel": "general", "text": "qui ?"}),
    ]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_the_text_report_in_french(tmp_path: Path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("LANG", "fr_FR.UTF-8")
    chat = export(tmp_path)
    assert main(["replay", str(chat)]) == 0
    out = capsys.readouterr().out
    lines = plain(out).splitlines()
    assert lines[0] == f"Rejeu de {chat} avec la charte base"
    assert lines[1] == ("Messages : 2 lus, 0 ignoré (messages système et de bots), du "
                        "2026-01-02 08:00:00 au 2026-01-02 08:05:00 UTC")
    assert lines[2] == ("Verdicts : ok (1), suggestion (0), avertissement (0), signalé (1), "
                        "bloqué (0)")
    assert lines[3] == ("Remarques : 1 (500,0 pour 1 000 messages) ; messages pas ok : 1 "
                        "(500,0 pour 1 000)")
    assert "Remarques par règle :" in lines
    assert "  coordonnees (personal_data, attention, signalé) : 1" in lines
    assert (f"    {chat}:2  2026-01-02 08:05:00  #general  bob : « 06 12 34 56 78 »"
            in lines)
    assert "Auteurs les plus concernés (par nombre de remarques) :" in lines
    assert "  bob  1 remarque, 1 pas ok sur 1 message" in lines
    assert "Problèmes de lecture (3) :" in lines
    assert f"  {chat}:3: horodatage « ts » incorrect : 'hier' (attendu : ISO 8601 ou " \
           "secondes Unix)" in lines
    assert f"  {chat}:4:9: JSON invalide : virgule attendue" in lines
    assert f"  {chat}:5: champ « author » manquant" in lines
    # French typography: no-break spaces before the colon, narrow ones in numbers.
    assert "Verdicts\u00a0: " in out and f"pour 1{NARROW_NBSP}000" in out


def test_the_json_report_stays_english(tmp_path: Path, capsys) -> None:
    assert main(["--lang", "fr", "replay", "--format", "json", str(export(tmp_path))]) == 0
    errors = [e["error"] for e in json.loads(capsys.readouterr().out)["errors"]]
    assert errors == ["bad timestamp 'ts': 'hier' (expected ISO 8601 or epoch seconds)",
                      "invalid JSON: Expecting ',' delimiter", "missing field 'author'"]


def test_french_numbers_are_grouped_with_a_decimal_comma() -> None:
    report = Report("base", ["x.jsonl"], read=12345, skipped=1500, findings=2500,
                    not_ok=1200)
    french = report.as_text("fr").splitlines()
    assert french[1] == (f"Messages\u00a0: 12{NARROW_NBSP}345 lus, 1{NARROW_NBSP}500 ignorés "
                         "(messages système et de bots)")
    assert french[3].startswith(f"Remarques\u00a0: 2{NARROW_NBSP}500 (202,5 pour "
                                f"1{NARROW_NBSP}000 messages)")
    english = report.as_text().splitlines()  # English as it always was
    assert english[1] == "Messages: 12345 read, 1500 skipped (system and bot messages)"
    assert english[3] == ("Findings: 2500 (202.5 per 1,000 messages); messages not ok: 1200 "
                          "(97.2 per 1,000)")


def test_nothing_to_replay_lists_the_problems_in_french(tmp_path: Path, capsys) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["--lang", "fr", "replay", str(empty)]) == 2
    err = plain(capsys.readouterr().err)
    assert err.splitlines() == [
        f"{empty}: aucun fichier de canal Slack (CANAL/AAAA-MM-JJ.json) dans ce dossier",
        "garant : rien à rejouer : aucun message n'a pu être lu",
    ]


def test_an_unknown_export_in_french(tmp_path: Path, capsys) -> None:
    assert main(["--lang", "fr", "replay", str(tmp_path / "absent.zip")]) == 2
    assert plain(capsys.readouterr().err) == (
        f"garant : {tmp_path / 'absent.zip'} : fichier ou dossier introuvable\n")


def test_every_malformed_template_has_french() -> None:
    """`JsonStream.malformed(template)` is not one of the calls tests/test_phrases.py
    reads: its templates are checked here."""
    missing = []
    for path in sorted((ROOT / "bot" / "replay").glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr == "malformed" and node.args):
                message = node.args[0]
                assert isinstance(message, ast.Constant), f"{path.name}:{node.lineno}"
                if not has_french(message.value):
                    missing.append(message.value)
    assert not missing


def test_a_malformed_file_names_its_place_in_either_language() -> None:
    error = Malformed("a.json:1:2", "invalid JSON: expected {wanted}, found {found}",
                      wanted="':'", found="'x'")
    assert str(error) == "a.json:1:2: invalid JSON: expected ':', found 'x'"
    assert plain(error.text("fr")) == "a.json:1:2: JSON invalide : ':' attendu au lieu de 'x'"


# --------------------------------------------------------------------------- the store


@pytest.mark.sqlite
async def test_a_newer_database_is_refused_in_french(db_path: Path, clock: ManualClock) -> None:
    with sqlite3.connect(db_path) as conn:
        conn.execute("CREATE TABLE from_the_future (x)")
        conn.execute("PRAGMA user_version = 7")
        conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    conn.close()
    with pytest.raises(StoreError) as error:
        await Store.open(db_path, clock)
    assert plain(error.value.text("fr")) == (
        "garant.db vient d'une version plus récente de Garant (schéma 7, cette version "
        "connaît jusqu'au schéma 6) ; mettez Garant à jour ou utilisez une autre base de "
        "données")
    assert str(error.value).startswith("garant.db was written by a newer Garant (schema 7")


@pytest.mark.sqlite
async def test_a_file_that_is_not_a_database_in_french(db_path: Path,
                                                       clock: ManualClock) -> None:
    db_path.write_bytes(b"channels:\n  - general\n" * 200)
    with pytest.raises(StoreError) as error:
        await Store.open(db_path, clock)
    assert plain(error.value.text("fr")) == (
        "garant.db n'est pas une base de données SQLite ; vérifiez le chemin de la base de "
        "données")
