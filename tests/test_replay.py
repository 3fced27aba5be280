"""`garant replay` on small exports in each format (tests/data/replay/)."""

from __future__ import annotations

import io
import json
import zipfile
from pathlib import Path

import pytest

from bot.cli import main
from bot.replay import find_exports, read_exports
from bot.replay.jsonstream import JsonStream
from bot.replay.records import Malformed

DATA = Path(__file__).resolve().parent / "data" / "replay"
SLACK = DATA / "slack"
DISCORD = DATA / "discord-general.json"
JSONL = DATA / "chat.jsonl"
BROKEN = DATA / "broken.jsonl"


def run(capsys, *args: object) -> tuple[int, str, str]:
    status = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return status, out, err


def replay_json(capsys, *exports: object) -> dict:
    status, out, err = run(capsys, "replay", "--format", "json", *exports)
    assert status == 0, err
    return json.loads(out)


def jsonl(path: Path, *records: dict) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records),
                    encoding="utf-8")
    return path


def slack_zip(path: Path, extra: dict[str, str] | None = None) -> Path:
    """The Slack fixture folder as Slack ships it: a zip with the channels at its root."""
    with zipfile.ZipFile(path, "w") as archive:
        for file in sorted(SLACK.rglob("*.json")):
            archive.write(file, file.relative_to(SLACK).as_posix())
        for name, text in (extra or {}).items():
            archive.writestr(name, text)
    return path


# --------------------------------------------------------------------------- figures


def test_all_three_formats_counts_per_verdict_and_rates(capsys):
    document = replay_json(capsys, SLACK, DISCORD, JSONL)
    assert document["charter"] == "base"
    assert document["exports"] == [str(SLACK), str(DISCORD), str(JSONL)]
    # Slack 9 read + 3 skipped (join, bot, leave); Discord 3 + 2 (bot, member join); JSONL 4.
    assert document["messages"] == {"read": 16, "skipped": 5, "not_ok": 10,
                                    "first": "2026-01-02T07:50:00+00:00",
                                    "last": "2026-01-03T12:00:00+00:00"}
    assert document["verdicts"] == {"ok": 6, "suggest": 1, "warn": 0, "flag": 7, "block": 2}
    assert document["findings"] == 11
    assert document["per_1000"] == {"findings": 687.5, "not_ok": 625.0}
    assert document["errors"] == [] and document["errors_total"] == 0


def test_findings_per_rule_with_capped_examples_in_time_order(capsys):
    document = replay_json(capsys, SLACK, DISCORD, JSONL)
    counts = {r["rule"]: r["findings"] for r in document["rules"]}
    assert counts == {"coordonnees": 4, "insultes": 1, "donnees-bancaires": 1,
                      "arnaque-gain": 1, "crier": 1, "liens-suspects": 1, "flood": 1,
                      "grossieretes": 1}
    coordonnees = document["rules"][0]  # the most findings first
    assert {k: coordonnees[k] for k in ("rule", "kind", "level", "action")} == {
        "rule": "coordonnees", "kind": "personal_data", "level": "warning", "action": "flag"}
    # Four findings, three examples: the earliest, whatever file they came from.
    assert coordonnees["examples"] == [
        {"source": f"{SLACK}/general/2026-01-02.json[2]", "at": "2026-01-02T08:05:00+00:00",
         "channel": "general", "author": "Bob Durand", "match": "06 12 34 56 78"},
        {"source": f"{JSONL}:4", "at": "2026-01-02T08:20:00+00:00", "channel": "support",
         "author": "grace", "match": "06 98 76 54 32"},
        {"source": f"{DISCORD}:messages[3]", "at": "2026-01-02T09:15:00.123000+00:00",
         "channel": "général", "author": "Dan", "match": "jean.dupont@example.com"},
    ]
    insultes = next(r for r in document["rules"] if r["rule"] == "insultes")
    assert [(e["author"], e["match"]) for e in insultes["examples"]] == [
        ("Bob Durand", "c0nnard")]


def test_busiest_authors_by_findings(capsys):
    document = replay_json(capsys, SLACK, DISCORD, JSONL)
    authors = [(a["author"], a["id"], a["findings"], a["not_ok"], a["messages"])
               for a in document["authors"]]
    assert authors[:2] == [("Bob Durand", "U02BOB", 4, 3, 3), ("grace", "grace", 2, 2, 2)]
    # Then one finding each, by name; names come from users.json, the message's
    # user_profile (carol is not in users.json) or the Discord nickname.
    assert [a[0] for a in authors[2:]] == ["alice", "carol", "Dan", "eve", "frank"]
    assert authors[4][:2] == ("Dan", "111111111111111111")


def test_busiest_authors_are_capped_and_examples_cut(tmp_path, capsys):
    long_shout = "ATTENTION " * 30
    records = [{"ts": 1767340800 + i * 600, "author": f"user{i:02}", "channel": "c",
                "text": long_shout} for i in range(12)]
    document = replay_json(capsys, jsonl(tmp_path / "many.jsonl", *records))
    assert len(document["authors"]) == 10
    crier = document["rules"][0]
    assert crier["findings"] == 12 and len(crier["examples"]) == 3
    match = crier["examples"][0]["match"]
    assert len(match) == 80 and match.endswith("…")


def test_text_report(capsys):
    status, out, err = run(capsys, "replay", SLACK, DISCORD, JSONL)
    assert status == 0 and err == ""
    lines = out.splitlines()
    assert lines[1] == ("Messages: 16 read, 5 skipped (system and bot messages), "
                        "2026-01-02 07:50:00 to 2026-01-03 12:00:00 UTC")
    assert lines[2] == "Verdicts: ok 6, suggest 1, warn 0, flag 7, block 2"
    assert lines[3] == ("Findings: 11 (687.5 per 1,000 messages); messages not ok: 10 "
                        "(625.0 per 1,000)")
    assert "  coordonnees (personal_data, warning, flag): 4" in lines
    assert (f"    {SLACK}/general/2026-01-03.json[0]  2026-01-03 00:00:20  #general  "
            "carol: \"promo sur mon site\"") in lines
    assert "  Bob Durand  4 findings, 3 not ok of 3 messages" in lines
    assert "Problems while reading" not in out


# --------------------------------------------------------------------------- repetition


def test_flood_across_day_files(capsys):
    document = replay_json(capsys, SLACK)
    flood = next(r for r in document["rules"] if r["rule"] == "flood")
    # Two messages at the end of 2 January, the third just after midnight, in the next file.
    assert flood["findings"] == 1
    assert flood["examples"][0]["source"] == f"{SLACK}/general/2026-01-03.json[0]"
    assert flood["examples"][0]["author"] == "carol"


def test_flood_is_found_in_time_order_not_reading_order(tmp_path, capsys):
    def spam(seconds: int) -> dict:
        return {"ts": 1767340800 + seconds, "author": "zoe", "channel": "general",
                "text": "venez voir ma boutique"}

    first = jsonl(tmp_path / "a.jsonl", spam(0), spam(30))
    later = jsonl(tmp_path / "b.jsonl", spam(3600))  # an hour later: alone in its window
    third = jsonl(tmp_path / "c.jsonl", spam(60))
    # Read a, b, c, but checked 0 s, 30 s, 60 s, 3600 s: the third copy is within 2m.
    document = replay_json(capsys, first, later, third)
    flood = [r for r in document["rules"] if r["rule"] == "flood"]
    assert flood and flood[0]["findings"] == 1
    assert flood[0]["examples"][0]["source"] == f"{third}:1"
    # The same author in another channel, or too slowly, is not a flood.
    slow = jsonl(tmp_path / "slow.jsonl", spam(0), spam(100), spam(200))
    other = jsonl(tmp_path / "other.jsonl", spam(0), spam(30), {**spam(60), "channel": "x"})
    for export in (slow, other):
        assert not any(r["rule"] == "flood" for r in replay_json(capsys, export)["rules"])


# --------------------------------------------------------------------------- Slack


def test_zip_reads_like_the_folder(tmp_path, capsys):
    from_folder = replay_json(capsys, SLACK)
    archive = slack_zip(tmp_path / "export.zip")
    from_zip = replay_json(capsys, archive)
    for key in ("messages", "verdicts", "findings", "per_1000", "authors"):
        assert from_zip[key] == from_folder[key]
    assert from_zip["rules"][0]["examples"][0]["source"] == \
        f"{archive}:general/2026-01-02.json[2]"


def test_zip_members_reported_with_their_position(tmp_path, capsys):
    archive = slack_zip(tmp_path / "export.zip", {
        "general/2026-01-04.json": '[\n {"ts": "1767513600.000100", "user": "U01ALICE", '
                                   '"text": "Bonne année"},\n {"ts": oops}\n]\n',
        "random/2026-01-04.json": '[{"ts": "1767513600.000200", "user": "U02BOB"},\n'
                                  ' {"ts": "demain", "user": "U02BOB", "text": "x"},\n'
                                  ' {"ts": "1767513700", "user": "U02BOB", "text": "Merci"}]',
    })
    document = replay_json(capsys, archive)
    assert document["errors"] == [
        {"source": f"{archive}:general/2026-01-04.json:3:9",
         "error": "invalid JSON: Expecting value"},
        {"source": f"{archive}:random/2026-01-04.json[0]", "error": "missing field 'text'"},
        {"source": f"{archive}:random/2026-01-04.json[1]",
         "error": "bad timestamp 'ts': 'demain' (expected epoch seconds)"},
    ]
    # The folder's 9, the message before the syntax error, the good record after the bad ones.
    assert document["messages"]["read"] == 11


def test_slack_text_names_and_single_day_file():
    reading = read_exports(find_exports([SLACK / "random" / "2026-01-02.json"]))
    assert [(r.author, r.channel, r.text) for r in reading.records] == [
        ("U02BOB", "random", "Rejoins mon serveur discord.gg/abcdef"),
        ("U01ALICE", "random", "Q&A à 15 h, venez nombreux"),  # &amp; unescaped
    ]
    # users.json of the workspace is found above a day file given on its own.
    assert reading.name_of("U02BOB") == "Bob Durand" and reading.name_of("U01ALICE") == "alice"


def test_a_json_array_outside_a_slack_folder_is_an_error(tmp_path, capsys):
    odd = tmp_path / "messages.json"
    odd.write_text("[]", encoding="utf-8")
    status, out, _ = run(capsys, "replay", "--format", "json", odd, JSONL)
    assert status == 0
    assert json.loads(out)["errors"] == [{"source": str(odd), "error": "a JSON array, but not "
                                          "a Slack channel file (CHANNEL/YYYY-MM-DD.json)"}]


# --------------------------------------------------------------------------- malformed


def test_malformed_jsonl_lines_reported_and_the_rest_read(capsys):
    document = replay_json(capsys, BROKEN, JSONL)
    assert document["errors"] == [
        {"source": f"{BROKEN}:2:83", "error": "invalid JSON: Expecting ',' delimiter"},
        {"source": f"{BROKEN}:3",
         "error": "bad timestamp 'ts': 'hier' (expected ISO 8601 or epoch seconds)"},
        {"source": f"{BROKEN}:4", "error": "missing field 'author'"},
        {"source": f"{BROKEN}:6", "error": "expected a message object, found an array"},
    ]
    assert document["errors_total"] == 4
    assert document["messages"]["read"] == 2 + 4  # lines 1 and 7, and chat.jsonl
    status, out, _ = run(capsys, "replay", BROKEN, JSONL)
    assert status == 0
    assert "Problems while reading (4):" in out
    assert f"  {BROKEN}:4: missing field 'author'" in out.splitlines()


def test_malformed_discord_file_keeps_what_came_before(tmp_path, capsys):
    text = DISCORD.read_text(encoding="utf-8")
    broken = tmp_path / "broken-discord.json"
    # The fourth message loses its closing quote: the file stops being JSON there.
    broken.write_text(text.replace('"écris-moi sur jean.dupont@example.com"',
                                   '"écris-moi sur jean.dupont@example.com'), encoding="utf-8")
    line = next(n for n, t in enumerate(broken.read_text().splitlines(), 1) if "écris" in t)
    bad_record = tmp_path / "records.json"
    bad_record.write_text(json.dumps({"channel": {"name": "x"}, "messages": [
        {"timestamp": "2026-01-02T10:00:00+01:00", "content": "salut",
         "author": {"id": "1", "name": "a"}},
        {"timestamp": "hier", "content": "x", "author": {"id": "1", "name": "a"}},
        {"timestamp": "2026-01-02T10:00:00+01:00", "content": "x"},
    ]}), encoding="utf-8")
    document = replay_json(capsys, broken, bad_record, JSONL)
    errors = [(e["source"], e["error"]) for e in document["errors"]]
    assert errors[0][0].startswith(f"{broken}:{line}:")
    assert errors[0][1].startswith("invalid JSON: ")
    assert errors[1:] == [
        (f"{bad_record}:messages[1]", "bad timestamp 'timestamp': 'hier' (expected ISO 8601)"),
        (f"{bad_record}:messages[2]", "missing field 'author'"),
    ]
    # Dan's first message (the bot and the join are skipped), "salut", chat.jsonl's four.
    assert document["messages"]["read"] == 1 + 1 + 4


@pytest.mark.parametrize("chunk", [1, 2, 7, 64, 1 << 20])
def test_json_stream_across_chunk_boundaries(chunk):
    text = DISCORD.read_text(encoding="utf-8")
    expected = json.loads(text)["messages"]
    doc = JsonStream(io.StringIO(text), "d.json", chunk=chunk)
    doc.take("{")
    while doc.value() != "messages":
        doc.take(":")
        doc.value()
        doc.take(",")
    doc.take(":")
    assert [item for _, item in doc.array()] == expected
    assert doc.take(",}") == ","
    # Positions of a syntax error are the file's, whatever the chunk.
    bad = text.replace('"Dan"', "Dan", 1)
    doc = JsonStream(io.StringIO(bad), "d.json", chunk=chunk)
    with pytest.raises(Malformed) as raised:
        doc.value()
    try:
        json.loads(bad)
    except json.JSONDecodeError as exc:
        assert raised.value.where == f"d.json:{exc.lineno}:{exc.colno}"


# --------------------------------------------------------------------------- exit status


def test_exit_2_when_nothing_could_be_read(tmp_path, capsys):
    bad = tmp_path / "bad.json"
    bad.write_text('{"messages": [', encoding="utf-8")
    empty = tmp_path / "empty"
    empty.mkdir()
    status, out, err = run(capsys, "replay", bad, empty)
    assert status == 2 and out == ""
    assert err.splitlines() == [
        f"{bad}:1:15: invalid JSON: Expecting value",
        f"{empty}: no Slack channel files (CHANNEL/YYYY-MM-DD.json) in this folder",
        "garant: nothing to replay: no message could be read",
    ]


def test_exit_2_when_only_bots_and_system_messages(tmp_path, capsys):
    channel = tmp_path / "export" / "general"
    channel.mkdir(parents=True)
    (channel / "2026-01-02.json").write_text(json.dumps([
        {"ts": "1767340800.000100", "subtype": "channel_join", "user": "U1", "text": "joined"},
        {"ts": "1767340900.000100", "bot_id": "B1", "text": "beep"},
    ]), encoding="utf-8")
    status, _, err = run(capsys, "replay", tmp_path / "export")
    assert status == 2
    assert err == "garant: nothing to replay: no message could be read (2 system or bot " \
                  "messages skipped)\n"


@pytest.mark.parametrize("args, message", [
    (["replay", "/no/such/export.zip"], "garant: /no/such/export.zip: no such file or directory"),
    (["replay", "--charter", "nope", str(JSONL)], "garant: invalid charter: unknown charter "
                                                  "'nope'"),
    (["replay", "--charters-dir", "/no/such/dir", str(JSONL)],
     "garant: --charters-dir /no/such/dir: not a directory"),
])
def test_usage_errors_exit_2_with_one_line(capsys, args, message):
    status, out, err = run(capsys, *args)
    assert status == 2 and out == ""
    assert err.startswith(message) and err.count("\n") == 1
    assert "Traceback" not in err


def test_unknown_export_format_is_a_usage_error(tmp_path, capsys):
    notes = tmp_path / "notes.txt"
    notes.write_text("hello", encoding="utf-8")
    status, _, err = run(capsys, "replay", JSONL, notes)
    assert status == 2
    assert err == (f"garant: {notes}: unknown export format (expected a Slack export folder "
                   "or .zip, a DiscordChatExporter .json or a .jsonl file)\n")


def test_json_output_shape(capsys):
    document = replay_json(capsys, BROKEN)
    assert set(document) == {"charter", "exports", "messages", "verdicts", "findings",
                             "per_1000", "rules", "authors", "errors", "errors_total"}
    assert set(document["messages"]) == {"read", "skipped", "not_ok", "first", "last"}
    assert list(document["verdicts"]) == ["ok", "suggest", "warn", "flag", "block"]
    assert set(document["per_1000"]) == {"findings", "not_ok"}
    assert document["rules"] == [] and document["authors"] == []
    assert set(document["errors"][0]) == {"source", "error"}
