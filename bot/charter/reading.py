"""Whether a term's hit is that term, read as the message's own words.

Matching folds case and accents so that "CÖNNARD" is "connard"; the price is
that a French word can fold onto a term of another meaning. Two rules take that
price back, and only for messages that already have a hit (clean messages pay
nothing):

* **Accents.** A word that is a correctly spelled dictionary word, accents
  included, is not an evasion of a term it only resembles once folded: "râpé"
  (French, from râper) is not the English "rape". The word is kept when it
  shares a stem with the term in the term's own language (an accentless list
  entry "batard" still finds "bâtard"; "encule" finds "enculé").
* **Languages.** A term of one language's list that is an ordinary word of
  another language is not a finding when the message is in that other
  language: "retard" from the English insults in "Le train a vingt minutes de
  retard", or "cons" from the French ones in "pros and cons". The message's
  language is detected (Lingua, among the charter's languages) only then.
* **Other words.** A word written without the accent a term's form has, that is a
  word of its own in the term's language, is that word: "tringle" (a curtain
  rod) is not "tringlé", though "encule" is still "enculé" (its first stem is
  the verb).
* **Names.** A capitalised hit beside a proper noun the dictionary knows ("Dick
  Francis"), or capitalised after a preposition of place in a sentence in another
  language than its list's ("à Pussy, en Savoie"), is a name.
* **Codes.** A term of three letters or fewer glued by "_" or "-" to a word or a
  number ("TG_NARGS", "pd-adresse", "fr-tg") or written as an option ("-pD") is
  an identifier, not an abbreviation someone typed at a person.

Dictionary words come from the Hunspell dictionaries of `dictionaries.py`.
Without one, nothing is taken back (the finding stands, as before).
"""

from __future__ import annotations

import functools
import re
from typing import Any

from bot.charter.dictionaries import Dictionary, DictionaryUnavailable, dictionary
from bot.charter.normalise import TextViews, fold
from bot.charter.terms import Hit

#: What the two rules read: words of letters joined by spaces, hyphens or apostrophes.
_WORDS = re.compile(r"[^\W\d_]{2,}(?:[-'’ ][^\W\d_]{2,})*")
_SPLIT = re.compile(r"[-'’ ]")
_LETTERS = re.compile(r"[^\W\d_]{2,}")
_NEXT_WORD = re.compile(r"[ \t]+([^\W\d_][\w'’-]*)")
_PREVIOUS_WORD = re.compile(r"([^\W\d_][\w'’-]*)[ \t]+$")
_SENTENCE_END = ".!?…:\n"
_PLACE_WORDS = frozenset({"à", "a", "de", "d", "en", "au", "aux", "vers", "chez", "près", "sur",
                          "sous", "from", "in", "at", "to", "near", "of"})
LANGUAGES = ("fr", "en")


@functools.cache
def _dictionary(language: str) -> Dictionary | None:
    try:
        return dictionary(language)
    except DictionaryUnavailable:
        return None


@functools.lru_cache(maxsize=65536)
def _known(language: str, word: str) -> bool:
    words = _dictionary(language)
    return words is not None and (words.knows(word) or words.knows(word.lower()))


@functools.lru_cache(maxsize=65536)
def _stems(language: str, word: str) -> frozenset[str]:
    words = _dictionary(language)
    return frozenset({*words.stems(word.lower()), word.lower()}) if words is not None \
        else frozenset()


@functools.cache
def _detector(languages: tuple[str, ...]) -> Any | None:
    try:
        from lingua import IsoCode639_1, Language, LanguageDetectorBuilder
    except ImportError:  # pragma: no cover - a dependency; without it, keep every hit
        return None
    chosen = [Language.from_iso_code_639_1(getattr(IsoCode639_1, code.upper()))
              for code in languages]
    # Models preloaded: built lazily, the first detection would cost a chat message
    # 150 ms; the charter's load pays it once per process instead (and about 125 MiB
    # for French and English). The low-accuracy mode is smaller but wrong on a chat
    # line ("Le train a vingt minutes de" reads as English).
    return LanguageDetectorBuilder.from_languages(*chosen).with_preloaded_language_models() \
        .build()


def detect(text: str, languages: tuple[str, ...]) -> str | None:
    """The language of `text` among `languages` (ISO 639-1 codes), or None."""
    detector = _detector(languages)
    if detector is None:
        return None
    found = detector.detect_language_of(text)
    return found.iso_code_639_1.name.lower() if found is not None else None


def _accents_added(written: str, form: str) -> bool:
    """Whether `written` carries an accent where `form` has the plain letter (râpé /
    rape), the only difference that makes a dictionary word another word."""
    return len(written) == len(form) and any(
        a != b and not a.isascii() and b.isascii() for a, b in zip(written, form, strict=True))


class Reader:
    """Takes back the hits the message's own words explain (see the module's docstring)."""

    def __init__(self, language: str) -> None:
        self.language = language if language in LANGUAGES else "en"
        self.languages = (self.language, *(code for code in LANGUAGES if code != self.language))
        _detector(self.languages)

    def read(self, hits: dict[int, list[Hit]], views: TextViews,
             shields: frozenset[int] = frozenset()) -> dict[int, list[Hit]]:
        """The hits that stand; those of the `shields` groups (exceptions) all do."""
        kept: dict[int, list[Hit]] = {group: hits[group] for group in shields if group in hits}
        detected: list[str | None] = []  # detected once per message, when first needed
        spans = [(hit.start, hit.end) for group_hits in hits.values() for hit in group_hits]
        for group, group_hits in hits.items():
            if group in shields:
                continue
            stay = [hit for hit in group_hits
                    if self._stands(hit, views.original, spans, detected)]
            if stay:
                kept[group] = stay
        return kept

    def _stands(self, hit: Hit, text: str, spans: list[tuple[int, int]],
                detected: list[str | None]) -> bool:
        written = text[hit.start:hit.end]
        term_language = hit.language if hit.language in LANGUAGES else self.language
        if hit.split:
            return not self._ordinary_words(written)
        if len(written) <= 3 and _code(text, hit.start, hit.end):
            return False  # TG_NARGS, pd-adresse, -pD
        if not hit.form or "*" in hit.form or not _WORDS.fullmatch(written):
            return True  # an evasion (c0nnard, c o n), a symbol, a wildcard's piece
        words = _SPLIT.split(written)
        if self._name(hit, text, term_language, spans, detected):
            return False  # Dick Francis, à Pussy (Savoie)
        if written.casefold() != hit.form.casefold() and _accents_added(
                written.casefold(), hit.form.casefold()):
            for language in self.languages:
                if all(_known(language, word) for word in words) and (
                        language != term_language or not self._related(language, written,
                                                                       hit.form)):
                    return False  # râpé is French, not an evasion of "rape"
            return True
        # The same letters, or an accent missing ("flute" for "flûte", or the English
        # "rates" for the French "ratés"): the message's language decides.
        if fold(written) != fold(hit.form):
            return True
        if hit.form != hit.term and written.casefold() != hit.form.casefold() and _another_word(
                term_language, written.casefold(), hit.form.casefold()):
            return False  # tringle is a word of its own, not tringlé without its accent
        for language in self.languages:
            if language == term_language or not all(_known(language, w) for w in words):
                continue
            if not detected:
                detected.append(self._context_language(text, spans))
            if detected[0] == language:
                return False  # "retard" in a French sentence
        return True

    def _name(self, hit: Hit, text: str, term_language: str, spans: list[tuple[int, int]],
              detected: list[str | None]) -> bool:
        written = text[hit.start:hit.end]
        if not (written[:1].isupper() and written[1:].islower()):
            return False
        window = max(0, hit.start - 80)  # never the whole text before: hits may be many
        after = _NEXT_WORD.match(text, hit.end)
        previous = _PREVIOUS_WORD.search(text, window, hit.start)
        for neighbour in (after, previous):
            if neighbour is not None and _proper_noun(neighbour.group(1)) and not (
                    neighbour is previous and _sentence_start(text, neighbour.start(1))):
                return True
        # A place: capitalised after a preposition of place, in a sentence of another
        # language than the term's ("habite à Pussy"; "t'es qu'une Bitch" is no place).
        if previous is None or previous.group(1).lower() not in _PLACE_WORDS \
                or _sentence_start(text, hit.start):
            return False
        if not detected:
            detected.append(self._context_language(text, spans))
        return detected[0] is not None and detected[0] != term_language

    def _ordinary_words(self, written: str) -> bool:
        """A word found cut in two is taken back when the pieces, apart by spaces only,
        are words of a language of the charter ("en bas, tard" is not "bastard");
        a hyphen or a dot inside (sal-ope, con.nard) is an evasion."""
        if not any(c.isspace() for c in written):
            return False  # glued by a hyphen or a dot: sal-ope, con.nard
        pieces = _LETTERS.findall(written)
        if len(pieces) < 2 or _LETTERS.sub("", written).strip(" ,;:.!?…"):
            return False
        return any(all(_known(language, piece) for piece in pieces)
                   for language in self.languages)

    def _context_language(self, text: str, spans: list[tuple[int, int]]) -> str | None:
        """The language of the message around its hits: the hit words themselves would
        pull the guess towards their own language ("Merci à nos followers !" reads as
        English with "followers", French without). Too few words left: the charter's."""
        context = list(text)
        for start, end in spans:
            context[start:end] = " " * (end - start)
        rest = "".join(context)
        words = _LETTERS.findall(rest)
        if len(words) < 2:
            # Too few words around the hits to detect: the one word's language when it
            # is a word of one language only ("holy shit" is English), else the charter's.
            known = [language for language in self.languages
                     if words and all(_known(language, word) for word in words)]
            return known[0] if len(known) == 1 else self.language
        # Words that only one language knows usually settle it, for a few dictionary
        # lookups (cached) instead of Lingua's half millisecond; a close call goes to Lingua.
        only: dict[str, int] = dict.fromkeys(self.languages, 0)
        for word in words[:40]:
            knowers = [language for language in self.languages if _known(language, word)]
            if len(knowers) == 1:
                only[knowers[0]] += 1
        (first, most), (_, second) = sorted(only.items(), key=lambda item: -item[1])[:2]
        if most >= 3 and most >= 3 * second:
            return first
        return detect(rest, self.languages)

    @staticmethod
    def _related(language: str, written: str, form: str) -> bool:
        """Whether `written` and `form` share a stem (enculé / encule), or `form` is not a
        word of `language` at all (batard: an accentless spelling of bâtard)."""
        pairs = zip(_SPLIT.split(written), _SPLIT.split(form), strict=False)
        return all(not _known(language, b) or _stems(language, a) & _stems(language, b)
                   for a, b in pairs)


def _sentence_start(text: str, start: int) -> bool:
    before = text[max(0, start - 80):start].rstrip(" \t\"'«“(\u00a0\u202f")
    if not before and start > 80:
        return False  # eighty spaces: not a sentence's start worth telling apart
    return not before or before[-1] in _SENTENCE_END


def _proper_noun(word: str) -> bool:
    """A name the dictionaries know only capitalised: Francis, Savoie."""
    if not (word[:1].isupper() and word[1:].islower()):
        return False
    return any(_known_exactly(language, word) and not _known_exactly(language, word.lower())
               for language in LANGUAGES)


@functools.lru_cache(maxsize=65536)
def _known_exactly(language: str, word: str) -> bool:
    words = _dictionary(language)
    return words is not None and words.knows(word)


def _code(text: str, start: int, end: int) -> bool:
    """Whether a short hit is part of an identifier: glued by "_" or "-" to letters or
    digits (TG_NARGS, fr-tg), or an option (-pD)."""
    after = text[end:end + 2]
    before = text[max(0, start - 2):start]
    if len(after) == 2 and after[0] in "_-" and after[1].isalnum():
        return True
    if len(before) >= 1 and before[-1] in "_-":
        return len(before) < 2 or before[0].isalnum() or before[0].isspace()
    return False


def _another_word(language: str, written: str, form: str) -> bool:
    """Whether `written` (the form's letters, an accent missing) is a word of its own:
    known, and its first stem is itself, not the form's stem (tringle, not tringlé)."""
    words = _dictionary(language)
    if words is None:
        return False
    for word, of in zip(_SPLIT.split(written), _SPLIT.split(form), strict=False):
        if word == of:
            continue
        if not _accents_added(of, word) or not _known(language, word):
            return False
        first = words.stems(word)[:1]
        if not first or first[0] != word or word in _stems(language, of):
            return False
    return True


__all__ = ["LANGUAGES", "Reader", "detect"]
