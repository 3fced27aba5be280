"""The inflected forms of a charter's terms, found when the charter loads.

A word list holds "connard"; people write "connards", "connarde", "bande de
connardes". Rather than lemmatising every message (a cost on every clean chat
message), each term's forms are generated once, at load, and go into the same
Aho–Corasick automaton as the term: matching them costs nothing more.

Candidates come from the regular endings of the term's language (French plural
and feminine endings, the conjugations of -er/-ir/-re verbs; English plurals),
and a candidate is kept only when the language's Hunspell
dictionary (the `spelling` kind's, already installed) knows it AND gives the
term as its stem: "connardes" → connard is kept; "cone", which Hunspell does
not know, is never made from "con"; "bande" is not a form of "bander" for this
purpose since its first stem is the noun. A term the dictionary does not know
gets its regular plural only. Wildcard terms (con*) are not inflected (they
already cover the endings); in a phrase, each word is inflected, up to
`MAX_PHRASE_FORMS` combinations. Results are remembered per (term, language):
reloading a charter costs nothing.
"""

from __future__ import annotations

import functools
import itertools
import re

from bot.charter.dictionaries import Dictionary, DictionaryUnavailable, dictionary

#: Forms tried for a phrase: each word's forms combined, at most this many.
MAX_PHRASE_FORMS = 32
_WORD = re.compile(r"^[^\W\d_]+(?:['’-][^\W\d_]+)*$")

_FRENCH_NOMINAL = ("s", "x", "e", "es", "se", "ses", "sse", "sses", "ne", "nes", "le", "les",
                   "te", "tes")
_FRENCH_CHANGES = (("al", ("aux",)), ("ail", ("aux",)), ("eux", ("euse", "euses")),
                   ("eur", ("euse", "euses", "rice", "rices", "eure", "eures")),
                   ("if", ("ive", "ives", "ifs")), ("er", ("ère", "ères")),
                   ("et", ("ète", "ètes")), ("c", ("que", "ques")))
_FRENCH_ER = ("e", "es", "ent", "ons", "ez", "ais", "ait", "aient", "ions", "iez", "ai", "as",
              "a", "é", "ée", "és", "ées", "ant", "erai", "eras", "era", "erons", "erez",
              "eront", "erais", "erait", "eraient", "èrent", "âmes", "ât")
_FRENCH_IR = ("is", "it", "issons", "issez", "issent", "issais", "issait", "issaient", "i",
              "ie", "ies", "issant", "irai", "ira", "iront", "irait")
_FRENCH_RE = ("", "s", "t", "ons", "ez", "ent", "u", "ue", "us", "ues", "ais", "ait", "ant",
              "rai", "ra", "ront", "rait")
_ENGLISH = ("s", "es")
#: Plural and feminine endings: a form sharing a stem with the term is the term's
#: (garanti → garantie, both from garantir); a verb's other forms must have it first.
_NOMINAL = {"fr": ("s", "x", "e", "es"), "en": ("s", "es")}


def _french_candidates(word: str) -> set[str]:
    out = {word + ending for ending in _FRENCH_NOMINAL}
    for old, news in _FRENCH_CHANGES:
        if word.endswith(old):
            out.update(word[: -len(old)] + new for new in news)
    stem = word[:-2]
    if word.endswith("er"):
        out.update(stem + ending for ending in _FRENCH_ER)
        if stem.endswith(("c", "g")):  # commencer → commençons, manger → mangeons
            out.update({stem[:-1] + "ç" + "ons", stem + "eons", stem + "eant"})
    elif word.endswith("ir"):
        out.update(stem + ending for ending in _FRENCH_IR)
    elif word.endswith("re"):
        out.update(stem + ending for ending in _FRENCH_RE)
    return out


def _english_candidates(word: str) -> set[str]:
    """Plurals only: an English noun's verb forms say something else ("bitching" is
    complaining), and the lists spell out the verb forms they mean (fucking, fucked)."""
    out = {word + ending for ending in _ENGLISH}
    if word.endswith("y"):
        out.add(word[:-1] + "ies")
    return out


def _plural(word: str, language: str) -> str | None:
    if word.endswith(("s", "x", "z")):
        return None
    return word + ("es" if language == "en" and word.endswith(("ch", "sh")) else "s")


@functools.lru_cache(maxsize=16384)
def word_forms(word: str, language: str) -> tuple[str, ...]:
    """The forms of one lowercase word that the dictionary confirms, the word excluded."""
    if language not in ("fr", "en") or len(word) < 3 or not _WORD.match(word):
        return ()
    try:
        words = dictionary(language)
    except DictionaryUnavailable:
        plural = _plural(word, language)
        return (plural,) if plural else ()
    if not words.knows(word):
        plural = _plural(word, language)
        return (plural,) if plural else ()
    candidates = _french_candidates(word) if language == "fr" else _english_candidates(word)
    nominal = {word + ending for ending in _NOMINAL[language]}
    own = {word, *words.stems(word)}
    found = []
    for candidate in sorted(candidates):
        if candidate == word or not words.knows(candidate):
            continue
        stems = words.stems(candidate)
        if not stems:
            continue
        if stems[0] == word or (word in stems and _first_is_form_of(words, stems[0], word)) \
                or (candidate in nominal and own & set(stems)):
            found.append(candidate)
    if language == "fr" and word.endswith("é"):
        # A past participle (enculé) means its verb too: "va te faire enculer".
        verb = word[:-1] + "er"
        if verb in words.stems(word) and words.knows(verb):
            found += [verb, *(form for form in word_forms(verb, language)
                              if form not in found and form != word)]
    return tuple(found)


def _first_is_form_of(words: Dictionary, first: str, word: str) -> bool:
    """`enculée` stems to (enculé, enculer): the first stem is itself a form of the verb,
    so it is a form of `enculer` too; `bande` stems to (bande, bander): the noun is not."""
    stems = words.stems(first)
    return word in stems and first != stems[0]


def forms(term: str, language: str) -> tuple[str, ...]:
    """The inflected forms of a charter term, the term itself excluded: its words'
    forms combined (a phrase), none for a wildcard term or a language without a
    dictionary."""
    text = term.strip()
    if "*" in text or not text:
        return ()
    words = text.lower().split()
    options = [(word, *word_forms(word, language)) for word in words]
    out: list[str] = []
    for combination in itertools.islice(itertools.product(*options), MAX_PHRASE_FORMS + 1):
        phrase = " ".join(combination)
        if phrase != " ".join(words):
            out.append(phrase)
    return tuple(out[:MAX_PHRASE_FORMS])


__all__ = ["MAX_PHRASE_FORMS", "forms", "word_forms"]
