"""Errors and command-line texts people read: French for every English template.

The templates are read from the code itself (every call of an error class or of
`Phrase` with a literal message), so a new error written in English only, or an
f-string that cannot be translated, fails here.
"""

from __future__ import annotations

import ast
import importlib
import pkgutil
from pathlib import Path

import pytest

import bot
import cogs
from bot.phrases import Phrase, PhraseError, add_french, cli_language, has_french, render

ROOT = Path(__file__).resolve().parent.parent

#: Callables whose message argument people read, and where that argument is.
MESSAGE_ARGUMENT = {
    "SourceError": 1, "fail": 1, "Malformed": 1,
    "UsageError": 0, "RunError": 0, "ExportError": 0, "BadRecord": 0, "StoreError": 0,
    "PlatformStartError": 0, "PhraseError": 0, "Phrase": 0, "say": 1, "tr": 0,
}


def _import_everything() -> None:
    for package in (bot, cogs):
        for info in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
            if info.name.endswith("__main__"):
                continue
            importlib.import_module(info.name)


def _called_name(node: ast.Call) -> str | None:
    if isinstance(node.func, ast.Name):
        return node.func.id
    if isinstance(node.func, ast.Attribute):
        return node.func.attr
    return None


def _sites() -> list[tuple[str, int, ast.expr]]:
    sites = []
    for path in [*sorted((ROOT / "bot").rglob("*.py")), *sorted((ROOT / "cogs").rglob("*.py"))]:
        if path.name == "phrases.py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not isinstance(node, ast.Call):
                continue
            position = MESSAGE_ARGUMENT.get(_called_name(node) or "")
            if position is None or len(node.args) <= position:
                continue
            where = str(path.relative_to(ROOT))
            sites.append((where, node.lineno, node.args[position]))
    return sites


def _templates(expr: ast.expr) -> list[str]:
    """The literal templates an argument may be (both sides of a conditional)."""
    if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
        return [expr.value]
    if isinstance(expr, ast.IfExp):
        return _templates(expr.body) + _templates(expr.orelse)
    return []


def test_every_message_is_a_template_not_an_f_string() -> None:
    formatted = [f"{where}:{line}" for where, line, expr in _sites()
                 if isinstance(expr, ast.JoinedStr | ast.BinOp)
                 or (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute)
                     and expr.func.attr == "format")]
    assert not formatted, ("messages built before translation (pass a template and its "
                           "values instead): " + ", ".join(formatted))


def test_every_template_has_french() -> None:
    _import_everything()
    missing = [f"{where}:{line}: {template!r}" for where, line, expr in _sites()
               for template in _templates(expr) if not has_french(template)]
    assert not missing, "no French for:\n" + "\n".join(missing)


def test_a_phrase_renders_in_either_language_with_french_typography() -> None:
    add_french({"no such file: {path}": "fichier introuvable : {path}"})
    phrase = Phrase("no such file: {path}", path="a.yaml")
    assert phrase.render("en") == "no such file: a.yaml"
    assert phrase.render("fr") == "fichier introuvable\u00a0: a.yaml"
    error = PhraseError("invalid: {why}", why=phrase)
    assert error.text("fr").endswith("fichier introuvable\u00a0: a.yaml")
    assert str(error) == "invalid: no such file: a.yaml"


def test_a_template_without_values_keeps_its_braces() -> None:
    assert render("write {name} in the file", {}, "en") == "write {name} in the file"


def test_french_with_other_placeholders_is_refused() -> None:
    with pytest.raises(ValueError, match="placeholders"):
        add_french({"at {where}": "à {lieu}"})


@pytest.mark.parametrize(("argv", "environ", "expected"), [
    (["check"], {"LANG": "fr_FR.UTF-8"}, "fr"),
    (["check"], {"LANG": "fr_FR.UTF-8", "LC_ALL": "C"}, "en"),
    (["check"], {"LANG": "en_GB.UTF-8", "LC_MESSAGES": "fr_BE.UTF-8"}, "fr"),
    (["check"], {"LANGUAGE": "fr:en", "LANG": "en_US.UTF-8"}, "fr"),
    (["check"], {}, "en"),
    (["--lang", "fr", "check"], {"LANG": "en_US.UTF-8"}, "fr"),
    (["check", "--lang=en"], {"LANG": "fr_FR.UTF-8"}, "en"),
])
def test_the_command_line_language_follows_lang_then_the_locale(
        argv: list[str], environ: dict[str, str], expected: str) -> None:
    assert cli_language(argv, environ) == expected
