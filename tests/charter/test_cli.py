"""`garant check` and `garant charter validate` as a user runs them."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

from bot.cli import main

SHARED = Path(__file__).resolve().parents[3] / "shared"
SMS = SHARED / "data" / "sms-spam-collection" / "SMSSpamCollection.tsv"


def run(capsys, *args, stdin: str | None = None, monkeypatch=None):
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode())))
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_text_report_is_linter_style(tmp_path, capsys):
    draft = tmp_path / "draft.txt"
    draft.write_text("Bonjour,\nTu veux gagner ? Grand concours !\n", encoding="utf-8")
    status, out, _ = run(capsys, "check", "--charter", "coop-fr", str(draft))
    lines = out.splitlines()
    assert f"{draft}:2:1: warning vouvoiement: La charte demande le vouvoiement : « Tu » → " \
           "« vous »." in lines
    assert any(line.startswith(f"{draft}:2:24: error concours-reglement:") for line in lines)
    # coop-fr's typography rule suggests the no-break spaces before ? and !
    assert f"{draft}:2:15: info typographie: Typographie : espace insécable avant « ? » " \
           "(« \u202f? »)." in lines
    assert lines[-1].startswith("4 findings (1 error, 1 warning, 2 info) in 1 of 1 text")
    assert status == 1  # an error-level finding


def test_exit_status_zero_without_errors(tmp_path, capsys):
    draft = tmp_path / "ok.txt"
    draft.write_text("Partagez votre avis en commentaire.", encoding="utf-8")
    status, out, _ = run(capsys, "check", "--charter", "coop-fr", str(draft))
    assert status == 0
    assert out.splitlines()[-1].startswith("0 findings in 0 of 1 text")


def test_json_with_lines_from_stdin(capsys, monkeypatch):
    text = "Bonjour\n\nespèce de c0nnard\nappelle le 06 12 34 56 78\n"
    status, out, _ = run(capsys, "check", "--lines", "--context", "chat", "--format", "json",
                         stdin=text, monkeypatch=monkeypatch)
    document = json.loads(out)
    assert document["charter"] == "base"
    assert [(r["source"], r["verdict"]) for r in document["results"]] == [
        ("<stdin>:1", "ok"), ("<stdin>:3", "block"), ("<stdin>:4", "flag")]
    finding = document["results"][1]["findings"][0]
    assert {k: finding[k] for k in ("rule", "kind", "level", "action", "start", "end", "match")} \
        == {"rule": "insultes", "kind": "forbidden", "level": "error", "action": "block",
            "start": 10, "end": 17, "match": "c0nnard"}
    assert status == 1


def test_network_selects_rules_and_limits(tmp_path, capsys):
    draft = tmp_path / "tweet.txt"
    draft.write_text("Nouveau\u202f! #mode #été #soldes " + "très " * 55, encoding="utf-8")
    _, out, _ = run(capsys, "check", "--charter", "coop-fr", "--network", "twitter",
                    "--format", "json", str(draft))
    rules = [f["rule"] for f in json.loads(out)["results"][0]["findings"]]
    assert rules == ["hashtags-twitter", "longueur"]
    _, out, _ = run(capsys, "check", "--charter", "coop-fr", "--network", "linkedin",
                    "--format", "json", str(draft))
    assert [f["rule"] for f in json.loads(out)["results"][0]["findings"]] == []


@pytest.mark.parametrize("args, message", [
    (["check", "--charter", "nope"], "garant: invalid charter: unknown charter 'nope'"),
    (["check", "--network", "myspace"], "garant: --network myspace: unknown network"),
    (["check", "/no/such/file.txt"], "garant: /no/such/file.txt: no such file"),
    (["check", "--charters-dir", "/no/such/dir"], "garant: --charters-dir /no/such/dir: not a "
                                                  "directory"),
])
def test_usage_errors_exit_2_with_one_clear_line(capsys, args, message):
    status, _out, err = run(capsys, *args)
    assert status == 2
    assert err.startswith(message)
    assert "Traceback" not in err


def test_invalid_charter_exits_2(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nrules:\n  - id: a\n    kind: forbidden\n", encoding="utf-8")
    status, _, err = run(capsys, "check", "--charter", str(bad), str(bad))
    assert status == 2
    assert err == f"garant: invalid charter: {bad}:3:5: missing required key 'words' (a list " \
                  "of terms)\n"


def test_non_utf8_input(tmp_path, capsys):
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"caf\xe9")
    status, _, err = run(capsys, "check", str(path))
    assert status == 2 and "not UTF-8 text (byte 3)" in err


def test_validate(tmp_path, capsys):
    good = tmp_path / "good.yaml"
    good.write_text("name: good\nextends: [base]\nrules:\n  - id: flood\n    enabled: false\n",
                    encoding="utf-8")
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nrules:\n  - id: a\n    kind: forbidden\n    words: [x]\n"
                   "    examples: {good: [x]}\n", encoding="utf-8")
    status, out, err = run(capsys, "charter", "validate", str(good))
    assert status == 0
    assert "charter 'good':" in out and "extends base" in out
    status, out, err = run(capsys, "charter", "validate", str(good), str(bad))
    assert status == 2
    assert err.startswith(f"{bad}:6:23: rule 'a' reports this good example")


def test_validate_reports_every_error_at_once(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nrules:\n"
                   "  - id: a\n    kind: forbiden\n    words: [x]\n"
                   "  - id: b\n    kind: count\n    item: hashtag\n"
                   "  - id: c\n    kind: forbidden\n    words: ['**']\n", encoding="utf-8")
    status, _, err = run(capsys, "charter", "validate", str(bad))
    assert status == 2
    assert err.splitlines() == [
        f"{bad}:4:11: 'kind' must be one of forbidden, replace, register, conditional, count, "
        "length, links, personal_data, repetition, unicode, pattern, typography, spelling, "
        "grammar, got "
        "'forbiden'; did you mean 'forbidden'?",
        f"{bad}:6:5: a count rule needs 'min', 'max' or both",
        f"{bad}:11:13: term '**' has nothing to match"]


def test_check_does_not_import_chat_platforms():
    code = ("import sys; from bot.cli import main; main(['check', '--format', 'json', "
            "'/dev/null']); bad = [m for m in ('discord', 'slack_bolt', 'slack_sdk', 'aiohttp', "
            "'aiosqlite') if m in sys.modules]; print(bad)")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            check=True)
    assert result.stdout.strip().endswith("[]")


@pytest.mark.skipif(not SMS.exists(), reason="shared data not present")
def test_sms_corpus_offsets_are_exact(capsys):
    _status, out, _ = run(capsys, "check", "--lines", "--context", "chat", "--format", "json",
                         str(SMS))
    lines = SMS.read_text(encoding="utf-8").split("\n")
    document = json.loads(out)
    assert len(document["results"]) == sum(1 for line in lines if line.strip())
    findings = 0
    for result in document["results"]:
        number = int(result["source"].rsplit(":", 1)[1])
        text = lines[number - 1].removesuffix("\r")
        for finding in result["findings"]:
            assert text[finding["start"]:finding["end"]] == finding["match"]
            findings += 1
    assert findings > 100  # the spam in it gives the charter plenty to report
    verdicts = {r["verdict"] for r in document["results"]}
    assert {"ok", "flag"} <= verdicts


TYPOGRAPHY = """\
name: maison
extends: coop-fr
rules:
  - id: typographie
    kind: typography
    applies_to: [draft]
"""


def test_fix_prints_the_corrected_text_and_diff_shows_it(tmp_path, capsys):
    charter = tmp_path / "maison.yaml"
    charter.write_text(TYPOGRAPHY, encoding="utf-8")
    draft = tmp_path / "brouillon.txt"
    draft.write_text("Bonjour! Nos soldes... commencent , enfin.\n", encoding="utf-8")
    status, out, err = run(capsys, "check", "--charter", str(charter), "--fix", str(draft))
    assert status == 0
    assert out == "Bonjour\u202f! Nos soldes… commencent, enfin.\n"
    assert err == f"{draft}: 3 changes applied, 0 findings left for a person\n"
    assert draft.read_text(encoding="utf-8").startswith("Bonjour!")  # the file is untouched
    status, out, _ = run(capsys, "check", "--charter", str(charter), "--diff", str(draft))
    assert out.splitlines() == [
        f"--- {draft}", f"+++ {draft}", "@@ -1 +1 @@",
        "-Bonjour! Nos soldes... commencent , enfin.",
        "+Bonjour\u202f! Nos soldes… commencent, enfin."]


def test_fix_leaves_what_needs_a_person_and_says_so(tmp_path, capsys):
    charter = tmp_path / "maison.yaml"
    charter.write_text(TYPOGRAPHY, encoding="utf-8")
    draft = tmp_path / "brouillon.txt"
    draft.write_text("Tu veux gagner? Grand concours!", encoding="utf-8")
    status, out, err = run(capsys, "check", "--charter", str(charter), "--fix", str(draft))
    assert out == "Tu veux gagner\u202f? Grand concours\u202f!"  # "Tu" is a matter of register
    assert err == f"{draft}: 2 changes applied, 2 findings left for a person\n"
    assert status == 1  # the contest rule's error is still there


def test_fix_is_for_one_whole_text(tmp_path, capsys):
    status, _, err = run(capsys, "check", "--fix", "--lines", str(tmp_path))
    assert (status, err) == (2, "garant: --fix and --diff work on whole texts, not with "
                                "--lines\n")
    status, _, err = run(capsys, "check", "--fix", "a.txt", "b.txt")
    assert status == 2 and "give one file" in err
