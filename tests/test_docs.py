"""The examples of the docs print what the docs say (a reader copies them)."""

from __future__ import annotations

import re
from pathlib import Path

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

    chat = re.search(r'\$ echo "(.*?)" \| garant check (.*?)\n(.*?)```', doc, re.S)
    assert chat
    import io
    import sys
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(chat.group(1).encode())))
    main(["check", *chat.group(2).split()])
    assert capsys.readouterr().out.strip() == chat.group(3).strip()
