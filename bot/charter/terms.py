"""One Aho–Corasick automaton for every term of a charter.

All `forbidden`, `replace` and `conditional` terms (and their exceptions) of a
charter go into a single automaton over the words view, and — for rules that
are not `strict` — a second one over the evasion view. One pass over a message
finds every occurrence of every term, whatever the number of terms; boundaries
are part of the keys (" con " is the whole word, " con" the prefix wildcard),
so no per-hit boundary check is needed.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import dataclass

import ahocorasick

from bot.charter.normalise import TermKey, TextViews, runs_compatible, term_key


@dataclass(frozen=True, slots=True)
class Hit:
    """One occurrence of a term, as offsets into the original text: `term` as the
    charter wrote it, `form` the form that matched (the term or one of its inflected
    forms), `language` the language of the term's list."""

    group: int
    term: str
    start: int
    end: int
    form: str = ""
    language: str = ""
    #: Found cut in pieces ("con nard", "sal-ope"): the reader may take it back.
    split: bool = False


@dataclass(frozen=True, slots=True)
class _Entry:
    group: int
    term: str
    key: TermKey
    form: str
    language: str
    split: bool = False

    def hit(self, start: int, end: int) -> Hit:
        return Hit(self.group, self.term, start, end, self.form, self.language, self.split)


#: A word is looked for cut in two pieces ("con nard") from this length, each piece
#: at least MIN_PIECE letters; a phrase is looked for written as one word from it too.
MIN_CUT_WORD = 6
MIN_PIECE = 2
#: A masked word: letters with stars inside (p*te, f**k, enc*lé); at most half stars.
_MASKED = re.compile(r"(?<![\w*])[^\W\d_]+(?:\*+[^\W\d_]+)+(?![\w*])")
#: A word cut in short chunks by dots, hyphens or underscores, no space: "sa.lo.pe",
#: "P.D.". Two chunks of which one is long are the split keys' business (sal-ope).
_CHUNKED = re.compile(r"(?<![\w.\-])[^\W\d_]{1,3}(?:[.\-_·][^\W\d_]{1,3})+(?![\w\-])")
#: In a phrase, a star may end or start a word too (t* gueule, têt* de noeud).
_MASKED_EDGE = re.compile(r"(?<![\w*])(?:[^\W\d_]+\*+[^\W\d_]*|\*+[^\W\d_]+)(?:\*+[^\W\d_]*)*"
                          r"(?![\w*])")
#: A mask that fits more words of the charter's phrases than this is not guessed.
MAX_MASK_GUESSES = 8
_CHUNK_SEPARATORS = re.compile(r"[.\-_·]")


class TermIndex:
    """Collects terms by group (a rule's word list, its exceptions...), then scans texts."""

    def __init__(self) -> None:
        self._words: dict[str, list[_Entry]] = {}
        self._evasion: dict[str, list[_Entry]] = {}
        self._symbols: dict[str, list[_Entry]] = {}
        self._symbols_automaton: ahocorasick.Automaton | None = None
        self._ascii_symbols = False  # emoji-only symbol terms need not scan ASCII texts
        self._words_automaton: ahocorasick.Automaton | None = None
        self._evasion_automaton: ahocorasick.Automaton | None = None
        self._groups = 0
        self._covered: dict[int, dict[str, tuple[str, ...]]] = {}
        # Single words by length, for the masked words of a message (p*te, f**k).
        self._masked: dict[int, list[tuple[str, _Entry]]] = {}
        # The words of phrases by length, to read a masked word inside one (f*ck you).
        self._phrase_words: dict[int, set[str]] = {}

    def new_group(self) -> int:
        self._groups += 1
        return self._groups - 1

    def add(self, group: int, term: str, strict: bool, language: str = "",
            forms: tuple[str, ...] = ()) -> bool:
        """Index `term` (and its inflected `forms`, in the list's `language`) for
        `group`; False when the term has nothing matchable."""
        key = term_key(term)
        if key is None:
            return False
        self._covered.setdefault(group, {})[term] = forms
        self._add(_Entry(group, term, key, term, language), strict)
        for form in forms:
            form_key = term_key(form)
            if form_key is not None and form_key.words_key != key.words_key:
                self._add(_Entry(group, term, form_key, form, language), strict)
        if not strict and not key.symbol:
            self._add_evasions(group, term, language, (term, *forms))
        return True

    def _add_evasions(self, group: int, term: str, language: str,
                      written: tuple[str, ...]) -> None:
        """The keys of the evasions a term's words view cannot see: a phrase written as
        one word ("filsdepute", "f u c k  y o u" once joined) and a word cut in two
        ("con nard", "sal-ope")."""
        for form in written:
            core = form.strip()
            if "*" in core:
                continue
            if " " in core:
                phrase = term_key(core)
                for piece in phrase.words_key.split() if phrase is not None else ():
                    if piece.isalpha() and len(piece) >= 2:
                        self._phrase_words.setdefault(len(piece), set()).add(piece)
                joined = term_key(core.replace(" ", ""))
                if joined is not None and len(joined.words_key.strip()) >= MIN_CUT_WORD:
                    self._add(_Entry(group, term, joined, form, language), False)
                continue
            letters = term_key(core)
            if letters is None or not letters.words_key.strip().isalpha():
                continue
            word = letters.words_key.strip()
            self._masked.setdefault(len(word), []).append((word, _Entry(group, term, letters,
                                                                         form, language)))
            if len(word) < MIN_CUT_WORD:
                continue
            for cut in range(MIN_PIECE, len(word) - MIN_PIECE + 1):
                # Only looked up in the words view: the key is the folded word with a space.
                pieces = TermKey(f" {word[:cut]} {word[cut:]} ", "", (), True, True)
                self._words.setdefault(pieces.words_key, []).append(
                    _Entry(group, term, pieces, form, language, split=True))

    def _add(self, entry: _Entry, strict: bool) -> None:
        key = entry.key
        if key.symbol:
            self._symbols.setdefault(key.words_key, []).append(entry)
            self._ascii_symbols |= key.words_key.isascii()
            return
        self._words.setdefault(key.words_key, []).append(entry)
        if not strict:
            self._evasion.setdefault(key.evasion_key, []).append(entry)

    def covered(self, group: int) -> dict[str, tuple[str, ...]]:
        """The terms of `group` as written, each with the inflected forms it also finds."""
        return dict(self._covered.get(group, {}))

    def build(self) -> None:
        self._words_automaton = _automaton(self._words)
        self._evasion_automaton = _automaton(self._evasion)
        self._symbols_automaton = _automaton(self._symbols)

    def scan(self, views: TextViews) -> dict[int, list[Hit]]:
        """Every term occurrence in the text, grouped, in text order, without duplicates."""
        found: dict[int, list[Hit]] = {}
        seen: set[tuple[int, int, int]] = set()
        if self._words_automaton is not None:
            for end, entries in self._words_automaton.iter(views.words):
                if len(entries) > 1:  # emmerde (listed) before emmerdé (a form of emmerder)
                    entries = _exact_first(entries, views, end)
                for entry in entries:
                    key = entry.key
                    start = end + 1 - len(key.words_key) + key.lead
                    stop = end + 1 - key.trail
                    s, e = views.words_to_original(start, stop)
                    _keep(found, seen, entry.hit(s, e))
        if self._symbols_automaton is not None and (
            self._ascii_symbols or not views.folded.isascii()
        ):
            for end, entries in self._symbols_automaton.iter(views.folded):
                for entry in entries:
                    start = end + 1 - len(entry.key.words_key)
                    s, e = views.folded_to_original(start, end + 1)
                    _keep(found, seen, entry.hit(s, e))
        if self._evasion_automaton is not None:
            evasion = views.evasion
            if evasion is not None:
                for end, entries in self._evasion_automaton.iter(evasion.text):
                    for entry in entries:
                        key = entry.key
                        start = end + 1 - len(key.evasion_key)
                        if not runs_compatible(key, evasion.runs(start, end + 1)):
                            continue
                        s, e = evasion.to_original(start + key.lead, end + 1 - key.trail)
                        if s < e:
                            _keep(found, seen, entry.hit(s, e))
        if self._masked and "*" in views.folded:
            self._scan_masked(views, found, seen)
        if views.may_be_chunked():
            self._scan_chunked(views, found, seen)
        for hits in found.values():
            hits.sort(key=lambda h: (h.start, h.end))
        return found

    def _scan_masked(self, views: TextViews, found: dict[int, list[Hit]],
                     seen: set[tuple[int, int, int]]) -> None:
        """Words with letters hidden behind stars: each star stands for one letter."""
        for token in _MASKED.finditer(views.folded):
            masked = token.group()
            stars = masked.count("*")
            if stars * 2 > len(masked):
                continue  # "a***b" hides too much to say which word it is
            shape = re.compile(re.escape(masked).replace(r"\*", "."))
            for word, entry in self._masked.get(len(masked), ()):
                if shape.fullmatch(word):
                    s, e = views.folded_to_original(*token.span())
                    _keep(found, seen, entry.hit(s, e))
        self._scan_masked_phrases(views, found, seen)

    def _scan_masked_phrases(self, views: TextViews, found: dict[int, list[Hit]],
                             seen: set[tuple[int, int, int]]) -> None:
        """A masked word inside a phrase ("f*ck you", "t* gueule"): each word of the
        charter's phrases the mask fits (a few at most) is put in its place in the
        original text (same length, so offsets hold), and the words automaton reads
        that text for phrases around it."""
        if not self._phrase_words or self._words_automaton is None:
            return
        for token in _MASKED_EDGE.finditer(views.folded):
            masked = token.group()
            if masked.count("*") * 2 > len(masked):
                continue
            shape = re.compile(re.escape(masked).replace(r"\*", "."))
            words = [w for w in self._phrase_words.get(len(masked), ()) if shape.fullmatch(w)]
            s, e = views.folded_to_original(*token.span())
            if not words or len(words) > MAX_MASK_GUESSES or e - s != len(masked):
                continue
            for word in sorted(words):
                unmasked = TextViews(views.original[:s] + word + views.original[e:])
                for end, entries in self._words_automaton.iter(unmasked.words):
                    for entry in entries:
                        key = entry.key
                        if " " not in key.words_key.strip():
                            continue  # single words: read by _scan_masked
                        start = end + 1 - len(key.words_key) + key.lead
                        hs, he = unmasked.words_to_original(start, end + 1 - key.trail)
                        if hs <= s and e <= he:
                            _keep(found, seen, entry.hit(hs, he))

    def _scan_chunked(self, views: TextViews, found: dict[int, list[Hit]],
                      seen: set[tuple[int, int, int]]) -> None:
        """Words cut in chunks of one to three letters: "sa.lo.pe", "p.d" (single
        letters need two chunks, longer ones three). Only the whole token, joined, is
        looked up, as one word: "S.A." or "peut-être" join to no term."""
        for token in _CHUNKED.finditer(views.folded):
            chunks = _CHUNK_SEPARATORS.split(token.group().rstrip("."))
            if len(chunks) < 3 and any(len(chunk) > 1 for chunk in chunks):
                continue
            for entry in self._words.get(" " + "".join(chunks) + " ", ()):
                if not entry.split:
                    s, e = views.folded_to_original(*token.span())
                    _keep(found, seen, entry.hit(s, e))


def _exact_first(entries: list[_Entry], views: TextViews, end: int) -> list[_Entry]:
    """Entries sharing a key, the one whose form is written exactly (accents included)
    first: the reader judges the hit by its form."""
    key = entries[0].key
    s, e = views.words_to_original(end + 1 - len(key.words_key) + key.lead, end + 1 - key.trail)
    written = views.original[s:e].casefold()
    return sorted(entries, key=lambda entry: entry.form.casefold() != written)


def _keep(found: dict[int, list[Hit]], seen: set[tuple[int, int, int]], hit: Hit) -> None:
    """Record a hit; of overlapping hits of one group only the longest stays
    ("fils de pute" is one finding, not three)."""
    mark = (hit.group, hit.start, hit.end)
    if mark in seen:
        return
    hits = found.setdefault(hit.group, [])
    # A group's kept hits never overlap, so sorted by start they are sorted by end: those
    # overlapping `hit` are the run just before the first one starting at its end. A
    # binary search, not a scan: a 40,000-character message may have a thousand hits.
    after = bisect_left(hits, hit.end, key=_start)
    first = after
    while first > 0 and hits[first - 1].end > hit.start:
        first -= 1
    length = hit.end - hit.start
    if any(h.end - h.start >= length for h in hits[first:after]):
        return
    seen.add(mark)
    hits[first:after] = [hit]


def _start(hit: Hit) -> int:
    return hit.start


def _automaton(keys: dict[str, list[_Entry]]) -> ahocorasick.Automaton | None:
    if not keys:
        return None
    automaton = ahocorasick.Automaton()
    for key, entries in keys.items():
        automaton.add_word(key, tuple(entries))
    automaton.make_automaton()
    return automaton
