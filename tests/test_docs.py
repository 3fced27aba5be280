"""The examples of the docs print what the docs say (a reader copies them)."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from bot.cli import main

DOCS = Path(__file__).resolve().parent.parent / "docs"


def test_the_jardins_charter_example_prints_what_docs_charters_says(tmp_path, capsys,
                                                                     monkeypatch):
    doc = (DOCS / "charters.md").read_text(encoding="utf-8")
    charter = re.search(r"`charters/jardins.yaml`:\n\n```yaml\n(.*?)```", doc, re.S)
    words = re.search(r"`charters/lists/concurrents.txt`:\n\n```text\n(.*?)```", doc, re.S)
    assert charter and words
    (tmp_path / "charters" / "lists").mkdir(parents=True)
    (tmp_path / "charters" / "jardins.yaml").write_text(charter.group(1), encoding="utf-8")
    (tmp_path / "charters" / "lists" / "concurrents.txt").write_text(words.group(1),
                                                                     encoding="utf-8")
    monkeypatch.chdir(tmp_path)

    validate = re.search(r"\$ garant charter validate (\S+)\n(.*?)\n", doc)
    assert validate
    main(["charter", "validate", validate.group(1)])
    assert capsys.readouterr().out.strip() == validate.group(2)

    import io
    import sys

    from bot.typography import plain

    chats = re.findall(r'\$ echo "(.*?)" \| garant check (.*?)\n(.*?)```', doc, re.S)
    assert len(chats) == 2  # in English, then in French
    for text, options, printed in chats:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(text.encode())))
        main(["check", *options.split()])
        assert plain(capsys.readouterr().out).strip() == printed.strip()


def test_the_error_messages_of_docs_charters_are_what_validate_prints(tmp_path, capsys,
                                                                      monkeypatch):
    doc = (DOCS / "charters.md").read_text(encoding="utf-8")
    section = doc[doc.index("### Error messages"):]
    pairs = re.findall(r"```yaml\n(name: ma-charte\n.*?)```\n```text\n(.*?)\n```", section,
                       re.S)
    assert len(pairs) >= 5
    (tmp_path / "charters").mkdir()
    monkeypatch.chdir(tmp_path)
    for charter, printed in pairs:
        (tmp_path / "charters" / "ma-charte.yaml").write_text(charter, encoding="utf-8")
        assert main(["charter", "validate", "charters/ma-charte.yaml"]) == 2
        assert capsys.readouterr().err.strip() == printed


def test_the_readme_console_example_prints_what_the_readme_says(tmp_path):
    import asyncio
    import io

    from bot.run import RunOptions, run
    from bot.typography import plain

    readme = (DOCS.parent / "README.md").read_text(encoding="utf-8")
    example = re.search(r"```text\n(sofia #general> .*?)```", readme, re.S)
    assert example
    lines = example.group(1).splitlines()
    typed = [line.split("> ", 1)[1] for line in lines if line.startswith("sofia #general> ")]
    script = ":user sofia\n" + "\n".join(typed) + "\n"
    out = io.StringIO()
    start = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))
    asyncio.run(run(RunOptions(database=tmp_path / "g.db", now=start), io.StringIO(script),
                    out, env={}))
    printed = plain(out.getvalue())
    for line in lines:
        if line.startswith("sofia #general> "):
            continue
        shown = line.split(" ...")[0]  # the README cuts long lines with "..."
        assert shown in printed, shown


def test_every_rule_example_of_the_kinds_reference_loads_and_proves_its_examples(tmp_path):
    """Section 4 says every example is a valid rule to paste under `rules:`; loading it
    also checks its `examples` (bad ones reported, good ones not)."""
    import textwrap

    from bot.charter import CharterLibrary

    doc = (DOCS / "charters.md").read_text(encoding="utf-8")
    section = doc[doc.index("## 4. The rule kinds"):doc.index("## 5. How words are matched")]
    rules = re.findall(r"```yaml\n(- id: .*?)```", section, re.S)
    assert len(rules) >= 12
    for number, rule in enumerate(rules):
        path = tmp_path / f"example-{number}.yaml"
        path.write_text(f"name: example-{number}\nlanguage: fr\nrules:\n"
                        + textwrap.indent(rule, "  "), encoding="utf-8")
        charter = CharterLibrary([tmp_path]).load(str(path))
        assert charter.rules, rule
