"""One Aho–Corasick automaton for every term of a charter.

All `forbidden`, `replace` and `conditional` terms (and their exceptions) of a
charter go into a single automaton over the words view, and — for rules that
are not `strict` — a second one over the evasion view. One pass over a message
finds every occurrence of every term, whatever the number of terms; boundaries
are part of the keys (" con " is the whole word, " con" the prefix wildcard),
so no per-hit boundary check is needed.
"""

from __future__ import annotations

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


@dataclass(frozen=True, slots=True)
class _Entry:
    group: int
    term: str
    key: TermKey
    form: str
    language: str

    def hit(self, start: int, end: int) -> Hit:
        return Hit(self.group, self.term, start, end, self.form, self.language)


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
        return True

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
        for hits in found.values():
            hits.sort(key=lambda h: (h.start, h.end))
        return found


def _keep(found: dict[int, list[Hit]], seen: set[tuple[int, int, int]], hit: Hit) -> None:
    """Record a hit; of overlapping hits of one group only the longest stays
    ("fils de pute" is one finding, not three)."""
    mark = (hit.group, hit.start, hit.end)
    if mark in seen:
        return
    hits = found.setdefault(hit.group, [])
    overlapping = [h for h in hits if h.start < hit.end and hit.start < h.end]
    if any(h.end - h.start >= hit.end - hit.start for h in overlapping):
        return
    for shorter in overlapping:
        hits.remove(shorter)
    seen.add(mark)
    hits.append(hit)


def _automaton(keys: dict[str, list[_Entry]]) -> ahocorasick.Automaton | None:
    if not keys:
        return None
    automaton = ahocorasick.Automaton()
    for key, entries in keys.items():
        automaton.add_word(key, tuple(entries))
    automaton.make_automaton()
    return automaton
