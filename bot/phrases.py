"""What people read outside the chat catalogue, in French and English, gettext style.

The chat catalogue (`bot.i18n`) keys each message by name because cogs compose
screens from many of them. Errors in files people write (charters, `garant.yaml`,
routines, chat exports) and the command line's texts are different: they are
raised deep in loaders, one sentence each, and reading the English sentence where
it is raised is what makes those loaders maintainable. So, as gettext does, the
English template is the key: `SourceError(where, "word list file not found:
{path}", path=path)`, and a French table maps that template to its French
(`add_french`). A test reads every template raised in the code and fails when one
has no French, so a new error cannot ship in English only.

Values may themselves be phrases (`what=Phrase("rule '{id}'", id=...)`), rendered
in the same language; other values are people's words and are left as written.
French typography applies to the template only, and "(s)" agrees with the number
before it, as in the catalogue.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any

from bot.i18n import fill
from bot.typography import french

LANGUAGES = ("fr", "en")

_FRENCH: dict[str, str] = {}


def add_french(table: Mapping[str, str]) -> None:
    """Register French texts for English templates. A template registered twice with a
    different French, or whose French does not use the same {placeholders}, is refused
    (a programming error, found by the tests at import)."""
    for english, text in table.items():
        if _FRENCH.get(english, text) != text:
            raise ValueError(f"two French texts for {english!r}")
        if _placeholders(english) != _placeholders(text):
            raise ValueError(f"French and English use different placeholders in {english!r}")
        _FRENCH[english] = text


def has_french(template: str) -> bool:
    return template in _FRENCH


def render(template: str, values: Mapping[str, Any], language: str) -> str:
    """`template` in `language` with `values`; a template with no values is not
    formatted (its braces are literal)."""
    chosen = _FRENCH.get(template, template) if language == "fr" else template
    if language == "fr":
        chosen = french(chosen)
    if not values:
        return chosen
    return fill(chosen, language, {name: _rendered(value, language)
                                   for name, value in values.items()})


def _rendered(value: Any, language: str) -> Any:
    if isinstance(value, Phrase):
        return value.render(language)
    if isinstance(value, PhraseError):
        return value.text(language)
    if isinstance(value, list | tuple) and value and all(isinstance(v, Phrase) for v in value):
        return ", ".join(v.render(language) for v in value)
    return value


def text_of(value: Any, language: str) -> str:
    """A phrase, a phrase error or a plain string, as text in `language`."""
    return str(_rendered(value, language))


def _placeholders(text: str) -> set[str]:
    try:
        return {name.split(".")[0].split("[")[0]
                for _, name, _, _ in string.Formatter().parse(text) if name}
    except ValueError:  # a brace in a template never formatted
        return set()


class Phrase:
    """An English template and its values, rendered in either language."""

    __slots__ = ("template", "values")

    def __init__(self, template: str, **values: Any) -> None:
        self.template = template
        self.values = values

    def render(self, language: str = "en") -> str:
        return render(self.template, self.values, language)

    def __str__(self) -> str:
        return self.render("en")

    def __repr__(self) -> str:
        return f"Phrase({self.template!r}, **{self.values!r})"

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Phrase) and other.template == self.template
                and other.values == self.values)

    def __hash__(self) -> int:
        return hash(self.template)


def phrase_of(message: str | Phrase, values: Mapping[str, Any]) -> Phrase:
    return message if isinstance(message, Phrase) else Phrase(message, **values)


class PhraseError(Exception):
    """An error whose text is a `Phrase`: `str()` is English, `text(language)` either."""

    def __init__(self, message: str | Phrase = "", **values: Any) -> None:
        self.phrase = phrase_of(message, values)
        super().__init__(self.phrase.render("en"))

    def text(self, language: str = "en") -> str:
        return self.phrase.render(language)

    def __str__(self) -> str:
        return self.text("en")


def cli_language(argv: list[str], environ: Mapping[str, str]) -> str:
    """The command line's language: `--lang fr|en` when given, else the locale, as
    gettext reads it (LANGUAGE, then LC_ALL, LC_MESSAGES, LANG); English when unset
    or "C"."""
    for index, arg in enumerate(argv):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and index + 1 < len(argv):
            value = argv[index + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value is not None and value[:2].lower() in LANGUAGES:
            return value[:2].lower()
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(variable, "")
        if not value:
            continue
        first = value.split(":")[0].strip().lower()
        if first in ("c", "posix") or first.startswith("c."):
            return "en"
        return "fr" if first.startswith("fr") else "en"
    return "en"


__all__ = ["LANGUAGES", "Phrase", "PhraseError", "add_french", "cli_language", "has_french",
           "phrase_of", "render", "text_of"]
