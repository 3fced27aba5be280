"""French and English texts for everything the bot says.

Each cog registers its own messages as `{key: {"fr": ..., "en": ...}}`; a key
without both languages, or whose two texts do not use the same {placeholders},
is refused at registration, so a missing translation is a start-up error, not
a surprise in production.
"""

from __future__ import annotations

import re
import string
from collections.abc import Mapping
from typing import Any

from bot.typography import french

LANGUAGES = ("fr", "en")


class Catalog:
    def __init__(self) -> None:
        self._messages: dict[str, dict[str, str]] = {}

    def add(self, messages: Mapping[str, Mapping[str, str]]) -> None:
        for key, texts in messages.items():
            if key in self._messages:
                raise ValueError(f"message '{key}' is registered twice")
            missing = [lang for lang in LANGUAGES if lang not in texts]
            if missing:
                raise ValueError(f"message '{key}' has no {', '.join(missing)} text")
            names = {lang: _placeholders(texts[lang]) for lang in LANGUAGES}
            if names["fr"] != names["en"]:
                raise ValueError(f"message '{key}': French and English use different "
                                 f"placeholders ({sorted(names['fr'])} / {sorted(names['en'])})")
            self._messages[key] = dict(texts)

    def text(self, language: str, key: str, vocabulary: Mapping[str, str] | None = None,
             **values: Any) -> str:
        """`key` in `language`, its words replaced by the team's `vocabulary` (the
        director's title), its placeholders filled with `values`."""
        return fill(self.prepared(language, key, vocabulary), language, values)

    def prepared(self, language: str, key: str,
                 vocabulary: Mapping[str, str] | None = None) -> str:
        """The template of `key` as people will read it, before its values: the team's
        vocabulary, and French typography in French (the template only: values are
        people's words)."""
        texts = self._messages.get(key)
        if texts is None:
            raise KeyError(f"no message '{key}'")
        template = texts.get(language, texts["en"])
        for word, replacement in (vocabulary or {}).items():
            template = template.replace(word, replacement)
        return french(template) if language == "fr" else template

    def keys(self) -> list[str]:
        return sorted(self._messages)

    def __contains__(self, key: str) -> bool:
        return key in self._messages

    def template(self, language: str, key: str) -> str | None:
        """The text of `key` as written, placeholders kept (`Commandes /{name}`), or None
        for an unknown key."""
        texts = self._messages.get(key)
        return None if texts is None else texts.get(language, texts["en"])


#: The French words for a publication director who is a woman, with their articles.
DIRECTRICE = {
    "Au directeur de publication": "À la directrice de publication",
    "au directeur de publication": "à la directrice de publication",
    "Du directeur de publication": "De la directrice de publication",
    "du directeur de publication": "de la directrice de publication",
    "Le directeur de publication": "La directrice de publication",
    "le directeur de publication": "la directrice de publication",
    "directeur de publication": "directrice de publication",
}


class Translator:
    """`t("key", name=...)` in one language."""

    def __init__(self, catalog: Catalog, language: str,
                 vocabulary: Mapping[str, str] | None = None) -> None:
        self.catalog = catalog
        self.language = language
        self.vocabulary = dict(vocabulary or {})
        self._prepared: dict[str, str] = {}  # a key's text never changes once added

    def __call__(self, key: str, **values: Any) -> str:
        template = self._prepared.get(key)
        if template is None:
            template = self._prepared[key] = self.catalog.prepared(self.language, key,
                                                                   self.vocabulary)
        return fill(template, self.language, values)


def _placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


_PLURAL = re.compile(r"\(s\)")


def fill(template: str, language: str, values: Mapping[str, Any]) -> str:
    """A prepared template with its values, its "(s)" agreeing with them."""
    return _with_plurals(template, language, values).format(**values)


def _with_plurals(template: str, language: str, values: Mapping[str, Any]) -> str:
    """Real plurals for the catalogue's "(s)": each one agrees with the last whole number
    placed before it ("{count} remarque(s)" → "1 remarque", "2 remarques"; in French 0
    and 1 are singular, in English only 1). An "(s)" after no number is left as written."""
    if "(s)" not in template:
        return template
    out: list[str] = []
    count: int | None = None
    for literal, field, spec, conversion in string.Formatter().parse(template):
        if count is not None:
            singular = count in (0, 1) if language == "fr" else count == 1
            literal = _PLURAL.sub("" if singular else "s", literal)
        out.append(literal.replace("{", "{{").replace("}", "}}"))
        if field is None:
            continue
        value = values.get(field.split(".")[0].split("[")[0])
        if isinstance(value, int) and not isinstance(value, bool):
            count = value
        out.append("{" + field + (f"!{conversion}" if conversion else "")
                   + (f":{spec}" if spec else "") + "}")
    return "".join(out)
