"""Helpers to write small charters in a temporary directory and load them."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from pathlib import Path

import pytest

from bot.charter import Charter, CharterLibrary


@pytest.fixture
def write_charter(tmp_path: Path) -> Callable[..., Path]:
    def write(body: str, filename: str = "test.yaml") -> Path:
        path = tmp_path / filename
        path.write_text(textwrap.dedent(body), encoding="utf-8")
        return path

    return write


@pytest.fixture
def make_charter(write_charter: Callable[..., Path], tmp_path: Path) -> Callable[..., Charter]:
    """Load a charter made of the given rules (YAML text of the `rules:` list)."""

    def make(rules: str, header: str = "name: test\nlanguage: fr\n") -> Charter:
        body = header + "rules:\n" + textwrap.indent(textwrap.dedent(rules), "  ")
        path = write_charter(body)
        return CharterLibrary([tmp_path]).load(str(path))

    return make


def spans(charter: Charter, text: str, context: str = "chat", network: str | None = None
          ) -> list[tuple[str, str]]:
    """(rule id, matched text) of each finding, after checking offsets are exact."""
    found = charter.check(text, context, network)
    for finding in found:
        assert text[finding.start:finding.end] == finding.match
    return [(f.rule, f.match) for f in found]
