"""Views of a text for matching, and the way back to the original offsets.

Terms are matched on normalised views of a message, never on the raw text, so
that `CONNARD`, `cönnard`, `с0nnard` (Cyrillic с) or `c.o.n.n.a.r.d` are one
word. A finding must still point into the ORIGINAL text, so each view knows how
to map a span back through the transformations that produced it.

The views, each derived from the previous one:

* folded: case-folded, accents and other marks removed, invisible characters
  dropped, compatibility forms (fullwidth, mathematical letters, ligatures) and
  look-alike letters (Cyrillic, Greek...) mapped to ASCII. Punctuation stays,
  so regexes and the register rule can see apostrophes.
* words: the folded view with every run of non-word characters turned into a
  single space and one space of padding at each end, so that a whole-word term
  is the literal key " term " and a phrase "fils de" also matches "fils-de".
* evasion (only built when the message shows a sign of evasion): digits and
  symbols inside words read as letters (c0nnard, a$$hole), letters spaced out
  joined (c o n n a r d), and runs of a repeated letter squeezed to one, with
  the run lengths kept so that a stretched letter matches but a normal double
  letter stays distinct ("bitte" is not "bite", "connnnard" is "connard").

Building the offset maps costs a pass over the text, so they are computed
lazily: only messages that produce a finding pay for them.
"""

from __future__ import annotations

import json
import operator
import re
import string
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources
from itertools import accumulate

import re2

# --------------------------------------------------------------------------
# Character folding


# Letters that Unicode decomposition does not reduce to ASCII.
_SPECIAL_FOLDS = {
    "œ": "oe", "æ": "ae", "ø": "o", "ł": "l", "đ": "d", "ð": "d", "þ": "th",
    "ı": "i", "ŀ": "l", "ß": "ss", "ĸ": "k", "ŧ": "t", "ħ": "h", "ƒ": "f",
    "’": "'", "‘": "'", "ʼ": "'", "´": "'", "`": "'",
}

# Letters people draw words with to get past filters, which neither Unicode
# decomposition nor the confusables data reads as the letter they show: small
# capitals (ᴄᴏɴɴᴀʀᴅ), Greek letters shaped like Latin ones (ϲ, η, υ...), the
# negative circled and squared letters (🅒, 🅲) and the regional indicators (🇨).
_SPECIAL_FOLDS.update(zip("ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘꞯʀꜱᴛᴜᴠᴡʏᴢ", "abcdefghijklmnopqrstuvwyz", strict=True))
_SPECIAL_FOLDS.update(zip("ϲϹηκτωεχβυνιραοϳ", "ccnktwexbuvipaoj", strict=True))
for _first in (0x1F150, 0x1F170, 0x1F1E6):
    _SPECIAL_FOLDS.update({chr(_first + i): chr(ord("a") + i) for i in range(26)})

_homoglyphs: dict[str, str] | None = None


def _homoglyph_table() -> dict[str, str]:
    """Non-ASCII characters that look like an ASCII letter or digit.

    Built from the Unicode confusables data shipped with confusable_homoglyphs;
    loaded on first need so that plain ASCII traffic never pays for it.
    """
    global _homoglyphs
    if _homoglyphs is None:
        data = json.loads(
            resources.files("confusable_homoglyphs").joinpath("confusables.json").read_text()
        )
        table: dict[str, str] = {}
        for char, entries in data.items():
            if len(char) != 1 or char.isascii():
                continue
            targets = [e["c"] for e in entries if len(e["c"]) == 1 and e["c"].isascii()]
            targets = [t for t in targets if t.isalnum()]
            if targets:
                table[char] = targets[0].lower()
        _homoglyphs = table
    return _homoglyphs


def _is_invisible(char: str) -> bool:
    category = unicodedata.category(char)
    return category in ("Cf", "Cc", "Co", "Cs") or char in "\u115f\u1160\u3164\uffa0"


def fold_char(char: str) -> str:
    """The folded form of one non-ASCII character (may be empty or several chars)."""
    if char in _SPECIAL_FOLDS:
        return _SPECIAL_FOLDS[char]
    if char.isspace():
        return " "
    if _is_invisible(char):
        return ""
    out = []
    for part in unicodedata.normalize("NFKD", char):
        if unicodedata.combining(part) or unicodedata.category(part) in ("Mn", "Me", "Mc"):
            continue
        for piece in part.casefold():
            if piece.isascii():
                out.append(piece)
            elif piece in _SPECIAL_FOLDS:
                out.append(_SPECIAL_FOLDS[piece])
            elif _is_invisible(piece):
                continue
            else:
                out.append(_homoglyph_table().get(piece, piece))
    return "".join(out)


class _FoldTable(dict):
    """A str.translate table that folds each new character once, then caches it."""

    def __missing__(self, codepoint: int) -> str:
        folded = fold_char(chr(codepoint))
        self[codepoint] = folded
        return folded


_FOLD = _FoldTable({i: chr(i).lower() for i in range(128)})


def fold(text: str) -> str:
    """The folded view: lowercase, no accents, no invisible characters, ASCII look-alikes."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD)


# --------------------------------------------------------------------------
# Offset maps


@dataclass(slots=True)
class Edits:
    """Where a derived string differs in length from its source.

    Each edit says: derived[new_start:new_end] came from source[old_start:old_end].
    Outside the edits both strings advance together.
    """

    new_starts: list[int] = field(default_factory=list)
    new_ends: list[int] = field(default_factory=list)
    old_starts: list[int] = field(default_factory=list)
    old_ends: list[int] = field(default_factory=list)

    def add(self, new_start: int, new_end: int, old_start: int, old_end: int) -> None:
        self.new_starts.append(new_start)
        self.new_ends.append(new_end)
        self.old_starts.append(old_start)
        self.old_ends.append(old_end)

    def _locate(self, pos: int) -> tuple[bool, int]:
        """(inside an edit, value) for derived position `pos`: the edit index or a shift."""
        idx = bisect_right(self.new_starts, pos) - 1
        if idx < 0:
            return False, 0
        if pos < self.new_ends[idx]:
            return True, idx
        return False, self.old_ends[idx] - self.new_ends[idx]

    def back(self, start: int, end: int) -> tuple[int, int]:
        """Map the derived span [start, end) to the source span it came from."""
        inside, value = self._locate(start)
        new_start = self.old_starts[value] if inside else start + value
        if end <= start:
            return new_start, new_start
        inside, value = self._locate(end - 1)
        new_end = self.old_ends[value] if inside else end + value
        return new_start, new_end


def fold_edits(text: str) -> Edits:
    edits = Edits()
    if text.isascii():
        return edits
    pos = 0
    for i, char in enumerate(text):
        size = 1 if char.isascii() else len(_FOLD[ord(char)])
        if size != 1:
            edits.add(pos, pos + size, i, i + 1)
        pos += size
    return edits


def sub_edits(pattern: re.Pattern[str], source: str, repl: str) -> Edits:
    """The edits made by `pattern.sub(repl, source)` with a constant replacement."""
    edits = Edits()
    shift = 0
    for m in pattern.finditer(source):
        old_len = m.end() - m.start()
        if old_len != len(repl):
            new_start = m.start() + shift
            edits.add(new_start, new_start + len(repl), m.start(), m.end())
            shift += len(repl) - old_len
    return edits


def rewrite_edits(pattern: re.Pattern[str], source: str,
                  repl: Callable[[re.Match[str]], str]) -> Edits:
    """The edits made by `pattern.sub(repl, source)` with a replacement function."""
    edits = Edits()
    shift = 0
    for m in pattern.finditer(source):
        new = repl(m)
        if len(new) != m.end() - m.start():
            new_start = m.start() + shift
            edits.add(new_start, new_start + len(new), m.start(), m.end())
            shift += len(new) - (m.end() - m.start())
    return edits


# --------------------------------------------------------------------------
# The views of one message

_SEPARATORS = re.compile(r"[\W_]+")
# Evasion triggers, tested on the folded view before building the costly view.
_LEET_CHARS = "01345789@$!|€"
# Signs of evasion. Each is cheap; the view they unlock is not (see TextViews.evasion).
# A leet character touching a letter: only those are read as letters (2 and 6 are not:
# "2day", "6hrs" are words of their own). A "!" after a word is punctuation (ok!), read
# as a letter only inside one (b!te); a run of three digits (0800 000) is a number:
# neither wakes the evasion view.
_LEET_TRIGGER = re.compile(
    r"[^\W\d_](?:[01345789@$|€]|!(?=[^\W\d_]))|[01345789@$|!€][^\W\d_]|@[$0-9]")  # c0n
_STRETCH_TRIGGER = re.compile(r"([^\W\d_])\1\1")  # connnnard
_SPACED_TRIGGER = re.compile(r"(?: [^\W_]){3} ")  # c o n (in the words view)
# Runs of digits or symbols touching a letter (c0nn4rd, a$$hole, b!te). A leading @
# is a mention and a trailing ! is punctuation, so neither counts on that side.
_LEET_RUN = re.compile(
    r"\b[^\W\d_]{1,2}\d{2,}\b"  # a code, left as written: the road A55, the RN12, a B52
    r"|(?<=[^\W\d_])[01345789$@|€]+|(?:@(?=[$01345789|]))?[01345789$|!€]+(?=[^\W\d_])")
_ANY_LEET = re.compile("[" + re.escape(_LEET_CHARS) + "]")
_LEET = str.maketrans({
    "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "8": "b", "9": "g",
    "@": "a", "$": "s", "|": "i", "!": "i", "€": "e",
})
# "l" and "1" are read alike, so both become "i" in the evasion view (terms too).
_L_AS_I = str.maketrans({"l": "i"})
_SPACED = re.compile(r"(?<=[ ])[^\W_](?: [^\W_]){2,}(?=[ ])")
_RUNS = re.compile(r"(\w)\1+")  # letters and digits; never the spaces
# A C-level replacement: Python 3.11 expands a "\1" template in Python for each run.
_FIRST_OF_RUN = operator.methodcaller("group", 1)


# ASCII non-word characters (and "_") as spaces: with str.split, the words view of an
# ASCII text in two C passes where `_SEPARATORS.sub` costs three times as much.
_ASCII_SEPARATORS = str.maketrans({c: " " for c in map(chr, range(128))
                                   if not c.isalnum()})


def words_view(folded: str) -> str:
    """Every run of non-word characters as one space, padded with a space each side."""
    if not folded.isascii():
        return " " + _SEPARATORS.sub(" ", folded) + " "
    spaced = folded.translate(_ASCII_SEPARATORS)
    core = " ".join(spaced.split())
    if not core:
        return "   " if folded else "  "
    # A leading or trailing run of separators is one space, as `_SEPARATORS.sub` makes it.
    return ("  " if spaced[0] == " " else " ") + core + ("  " if spaced[-1] == " " else " ")


def _blank_placeholders(folded: str) -> str:
    """Format placeholders as spaces, keeping the length: "« %s » : %m" is not s&m."""
    return _PLACEHOLDER.sub(lambda m: " " * len(m.group()), folded) if "%" in folded else folded


# Tokens of letters, @ and $, then the test for @/$ beside a letter: two linear passes
# (one regex with a leading [\w@$]* would backtrack quadratically on a long word).
_SYMBOL_TOKEN = re.compile(r"[\w@$]+")
_SYMBOL_PAIR = re.compile(r"[^\W\d_][@$]|[@$][^\W\d_]")
_SYMBOLS = str.maketrans({"@": "a", "$": "s"})


def _symbols_as_letters(m: re.Match[str]) -> str:
    token = m.group()
    return token.translate(_SYMBOLS) if _SYMBOL_PAIR.search(token) else token


def _leet_run(m: re.Match[str]) -> str:
    run = m.group()
    return run if run[0].isalpha() else run.translate(_LEET)


def evasion_base(folded: str) -> str:
    """Folded text with leet symbols read as letters (same length as `folded`).

    `re` would try each of `_LEET_RUN`'s branches at every position (about 0.1 µs a
    character); only the space-free pieces holding a leet character are given to it.
    Exact: no match holds a space nor looks past one (a space is neither a letter,
    a digit nor a leet symbol, so `\\b` and the look-arounds read it as an edge)."""
    out: list[str] = []
    done = 0
    for m in _ANY_LEET.finditer(folded):
        at = m.start()
        if at < done:
            continue  # in the piece just rewritten
        start = folded.rfind(" ", 0, at) + 1
        end = folded.find(" ", at)
        if end == -1:
            end = len(folded)
        out += [folded[done:start], _LEET_RUN.sub(_leet_run, folded[start:end])]
        done = end
    if not out:
        return folded.translate(_L_AS_I)
    out.append(folded[done:])
    return "".join(out).translate(_L_AS_I)


def squeeze(text: str) -> str:
    """Collapse every run of a repeated letter to one letter."""
    return _RUNS.sub(_FIRST_OF_RUN, text)


def run_lengths(text: str) -> list[int]:
    """For each character of `squeeze(text)`, how many characters of `text` it stands for."""
    runs: list[int] = []
    pos = 0
    for m in _RUNS.finditer(text):
        runs.extend([1] * (m.start() - pos))
        runs.append(m.end() - m.start())
        pos = m.end()
    runs.extend([1] * (len(text) - pos))
    return runs


def runs_compatible(key: TermKey, text_runs: list[int]) -> bool:
    """A stretched letter (3+) matches any run of a term of three letters or more; a
    single or double one must be exact,
    except at a wildcard edge, where the word may go on with the same letter (con* in
    "connerie")."""
    if len(key.evasion_runs) - key.lead - key.trail <= 2:
        # A two-letter term is not stretched: "pppd" (a daemon) is not "pd".
        return tuple(text_runs) == key.evasion_runs
    last = len(text_runs) - 1
    for i, (want, got) in enumerate(zip(key.evasion_runs, text_runs, strict=True)):
        if got == want or (got >= 3 and got >= want):
            continue
        if got > want and ((i == last and not key.trail) or (i == 0 and not key.lead)):
            continue
        return False
    return True


# Junk inside a word, read away before anything else: emoji and symbols between two
# letters (con😂nard) are dropped; letters drawn with strokes (c|_|nt) become letters.
_JUNK = re.compile(r"(?<=[^\W\d_])(?:[^\x00-\x7f\w\s]+|\|_\||\|\\\||\\/)(?=[^\W\d_])")
# Its cheap first test: a symbol at all (most messages have none once folded).
_JUNK_CHAR = re.compile(r"[^\x00-\x7f\w\s«»]|\|_\||\|\\\||\\/")
_DRAWN = {"|_|": "u", "|\\|": "n", "\\/": "v"}
# Format placeholders (%s, %1$d, %(name)s) are not letters a person typed.
_PLACEHOLDER = re.compile(r"%(?:\d+\$|\([a-z_]+\))?[a-z](?![a-z])")


def _unjunk(m: re.Match[str]) -> str:
    return _DRAWN.get(m.group(), "")


def _ascii_signs() -> re2.Set:
    """The signs of evasion as one RE2 set, for ASCII text (most messages once folded):
    each slot matches at least what its Python test matches there, so a slot that
    does not match rules its sign out in the one linear pass, and the Python tests
    run only for those that did."""
    signs = re2.Set.SearchSet(re2.Options())
    signs.Add(r"[A-Za-z][01345789@$|!]|[01345789@$|!][A-Za-z]|@[$0-9]")  # _LEET_TRIGGER
    signs.Add("|".join(c * 3 for c in string.ascii_letters))  # _STRETCH_TRIGGER
    alnum, other = "[A-Za-z0-9]", "[^A-Za-z0-9]"  # _SPACED_TRIGGER, on the folded view
    signs.Add(f"(?:^|{other}){alnum}{other}+{alnum}{other}+{alnum}(?:{other}|$)")
    signs.Add(r"[|\\]")  # junk, in ASCII text: drawn letters
    signs.Add(r"[.\-_][A-Za-z]{1,3}[.\-_]|\b[A-Za-z][.\-_][A-Za-z]\b")  # _CHUNK_HINT
    signs.Compile()
    return signs


_ASCII_SIGNS = _ascii_signs()
_LEET_SLOT, _STRETCH_SLOT, _SPACED_SLOT, _JUNK_SLOT, _CHUNK_SLOT = range(5)
# A word cut in chunks of one to three letters (sa.lo.pe, p.d): the term index then
# looks for chunked words (bot/charter/terms.py).
_CHUNK_HINT = re.compile(r"[.\-_·][^\W\d_]{1,3}[.\-_·]|\b[^\W\d_][.\-_·][^\W\d_]\b")


def _evasion_signs(folded: str, words: str,
                   maybe: list[int] | None = None) -> tuple[bool, bool, bool] | None:
    """(leet, spaced, junk) when the text shows a sign of evasion, else None. `maybe`:
    the slots of `_ASCII_SIGNS` that matched an ASCII `folded` (None: not looked)."""
    if maybe is None and folded.isascii():
        maybe = _ASCII_SIGNS.Match(folded.encode("ascii")) or []
    if maybe is not None:
        if not maybe:
            return None
        leet = _LEET_SLOT in maybe and bool(_LEET_TRIGGER.search(folded))
        spaced = _SPACED_SLOT in maybe and bool(_SPACED_TRIGGER.search(words))
        junk = _JUNK_SLOT in maybe and bool(_JUNK_CHAR.search(folded)) and bool(
            _JUNK.search(folded))
        if leet or spaced or junk or (_STRETCH_SLOT in maybe
                                      and _STRETCH_TRIGGER.search(folded)):
            return leet, spaced, junk
        return None
    # Most messages have none of the leet characters: a few substring tests rule it out.
    leet = any(c in folded for c in _LEET_CHARS) and bool(_LEET_TRIGGER.search(folded))
    spaced = bool(_SPACED_TRIGGER.search(words))
    junk = (not folded.isascii() or "|" in folded or "\\" in folded) and bool(
        _JUNK_CHAR.search(folded)) and bool(_JUNK.search(folded))
    if leet or spaced or junk or _STRETCH_TRIGGER.search(folded):
        return leet, spaced, junk
    return None


class TextViews:
    """The views of one message, built on demand."""

    __slots__ = ("_ascii_signs", "_evasion", "_fold_edits", "_normalised", "_normalised_edits",
                 "_words_edits", "folded", "original", "words")

    def __init__(self, original: str) -> None:
        self.original = original
        self.folded = _blank_placeholders(fold(original))
        self.words = words_view(self.folded)
        self._fold_edits: Edits | None = None
        self._words_edits: Edits | None = None
        self._evasion: EvasionView | bool | None = False
        self._normalised: str | None = None
        self._normalised_edits: Edits | None = None
        self._ascii_signs: list[int] | bool | None = False  # False: not looked for yet

    def folded_to_original(self, start: int, end: int) -> tuple[int, int]:
        if self._fold_edits is None:
            self._fold_edits = fold_edits(self.original)
        return self._fold_edits.back(start, end)

    def words_to_folded(self, start: int, end: int) -> tuple[int, int]:
        if self._words_edits is None:
            self._words_edits = sub_edits(_SEPARATORS, self.folded, " ")
        return self._words_edits.back(start - 1, end - 1)  # -1: the leading pad

    def words_to_original(self, start: int, end: int) -> tuple[int, int]:
        return self.folded_to_original(*self.words_to_folded(start, end))

    @property
    def normalised(self) -> str:
        """What `pattern` rules with `normalise: true` read: the folded text with digits
        and symbols inside words read as letters (g@gné: gagne) and every run of spaces
        and punctuation as one space ("v.o.u.s" stays letters apart: a pattern may
        allow it)."""
        if self._normalised is None:
            self._normalised = _SEPARATORS.sub(" ", self._leet_read())
        return self._normalised

    def _leet_read(self) -> str:
        if not _ANY_LEET.search(self.folded):  # every leet run holds one of these
            return self.folded
        return _LEET_RUN.sub(_leet_run, self.folded)  # same length; "l" stays "l"

    def normalised_to_original(self, start: int, end: int) -> tuple[int, int]:
        # The offset map only when a pattern matched: most messages match none.
        if self._normalised_edits is None:
            self._normalised_edits = sub_edits(_SEPARATORS, self._leet_read(), " ")
        return self.folded_to_original(*self._normalised_edits.back(start, end))

    def _signs(self) -> list[int] | None:
        """The slots of `_ASCII_SIGNS` the folded view matches, found once; None when it
        is not ASCII (each sign is then looked for by Python's regexes)."""
        if self._ascii_signs is False:
            self._ascii_signs = (_ASCII_SIGNS.Match(self.folded.encode("ascii")) or []
                                 if self.folded.isascii() else None)
        return self._ascii_signs  # type: ignore[return-value]

    def may_be_chunked(self) -> bool:
        """Whether a word may be cut in chunks (sa.lo.pe, p.d)."""
        folded = self.folded
        if not ("." in folded or "-" in folded or "_" in folded):
            return False
        signs = self._signs()
        if signs is not None:
            return _CHUNK_SLOT in signs
        return bool(_CHUNK_HINT.search(folded))

    @property
    def evasion(self) -> EvasionView | None:
        """The evasion view, or None when nothing in the text looks like an evasion."""
        if self._evasion is False:
            signs = _evasion_signs(self.folded, self.words, self._signs())
            self._evasion = EvasionView(self, *signs) if signs else None
        return self._evasion  # type: ignore[return-value]


class EvasionView:
    """Leet read as letters, spaced letters joined, stretched letters squeezed."""

    __slots__ = ("_folded", "_joined_edits", "_joined_source", "_junk_edits", "_pre_squeeze",
                 "_run_starts", "_runs", "_views", "_words_edits", "text")

    def __init__(self, views: TextViews, leet: bool, spaced: bool, junk: bool) -> None:
        self._views = views
        folded = views.folded
        self._junk_edits = rewrite_edits(_JUNK, folded, _unjunk) if junk else None
        if junk:
            folded = _JUNK.sub(_unjunk, folded)
        # Same length as the folded view, but its separators differ ("a$$hole" is one word).
        self._folded = evasion_base(folded) if leet else folded.translate(_L_AS_I)
        base = words_view(self._folded)
        self._joined_source = base
        joined = _SPACED.sub(_join_spaced, base) if spaced else base
        self._pre_squeeze = joined
        self.text = squeeze(joined)
        self._runs: list[int] | None = None
        self._run_starts: list[int] | None = None
        self._joined_edits: Edits | None = None
        self._words_edits: Edits | None = None

    def runs(self, start: int, end: int) -> list[int]:
        if self._runs is None:
            self._runs = run_lengths(self._pre_squeeze)
        return self._runs[start:end]

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        # squeezed -> joined: position i of the squeezed text covers runs[i] chars, so it
        # starts at the sum of the runs before it (prefix sums: one pass, then O(1)).
        if self._run_starts is None:
            self.runs(0, 0)
            assert self._runs is not None
            self._run_starts = [0, *accumulate(self._runs)]
        joined_start = self._run_starts[start]
        joined_end = self._run_starts[end]
        # joined -> its words view -> the evasion folded text (same length as folded)
        if self._joined_edits is None:
            self._joined_edits = _joined_edits(self._joined_source)
            self._words_edits = sub_edits(_SEPARATORS, self._folded, " ")
        assert self._words_edits is not None
        words_start, words_end = self._joined_edits.back(joined_start, joined_end)
        start, end = self._words_edits.back(words_start - 1, words_end - 1)  # -1: the pad
        if self._junk_edits is not None:
            start, end = self._junk_edits.back(start, end)
        return self._views.folded_to_original(start, end)


def _joinable(run: str) -> bool:
    """Spaced characters are a word spelt out when most are letters: "c o n", "c.0.n",
    not "à 5,5 %" (a letter and a decimal number) nor "1 2 3"."""
    chars = run.replace(" ", "")
    letters = sum(c.isalpha() for c in chars)
    return letters >= 2 and letters > len(chars) - letters


def _join_spaced(m: re.Match[str]) -> str:
    # Joined letters are an evasion by construction: read their digits as letters (c.0.n).
    if not _joinable(m.group()):
        return m.group()
    return m.group().replace(" ", "").translate(_LEET)


def _joined_edits(source: str) -> Edits:
    edits = Edits()
    shift = 0
    for m in _SPACED.finditer(source):
        if not _joinable(m.group()):
            continue
        pos = m.start()
        for i, char in enumerate(m.group()):
            if char == " ":
                new = pos + i + shift
                edits.add(new, new, pos + i, pos + i + 1)
                shift -= 1
    return edits


# --------------------------------------------------------------------------
# Terms


@dataclass(frozen=True, slots=True)
class TermKey:
    """How one charter term is looked up in the words and evasion views."""

    words_key: str
    evasion_key: str
    evasion_runs: tuple[int, ...]
    lead: bool  # the key starts with the boundary space
    trail: bool  # the key ends with the boundary space
    symbol: bool = False  # no letters or digits (an emoji): matched as written


def _symbol_key(folded: str) -> TermKey | None:
    """A term made only of symbols (🖕, ™) is looked up as written in the folded view."""
    core = "".join(folded.split())
    return TermKey(core, "", (), False, False, symbol=True) if core else None


def term_key(term: str) -> TermKey | None:
    """Normalise a charter term (`con*`, `*con`, `*con*`, `fils de`) like the text.

    Returns None when nothing matchable is left (a term of only punctuation).
    """
    text = term.strip()
    prefix_free = text.startswith("*")
    suffix_free = text.endswith("*")
    core = text.strip("*").strip()
    folded = fold(core)
    # In a term, @ and $ inside a word are letters (a$$hole), not separators.
    words = _SEPARATORS.sub(" ", _SYMBOL_TOKEN.sub(_symbols_as_letters, folded)).strip()
    if not words:
        return _symbol_key(folded)
    lead, trail = not prefix_free, not suffix_free
    evasion_words = _SEPARATORS.sub(" ", evasion_base(folded)).strip()
    squeezed, runs = squeeze(evasion_words), run_lengths(evasion_words)

    def wrap(s: str) -> str:
        return (" " if lead else "") + s + (" " if trail else "")

    pad_runs = ((1,) if lead else ()) + tuple(runs) + ((1,) if trail else ())
    return TermKey(wrap(words), wrap(squeezed), pad_runs, lead, trail)
