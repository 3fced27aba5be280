"""`unicode`: characters used to hide or disguise text (invisible ones, zalgo, mixed
scripts), with their detectors.

ZWJ and variation selectors inside emoji, flag tag sequences, ZWJ/ZWNJ between
letters of Persian, Indic... scripts, and one variation selector after a symbol or
ideograph are legitimate. Zalgo counts the generic combining diacritics (U+0300
block and friends), so Indic, Tibetan, Hebrew or Arabic vowel signs never
trigger; any run of more than `max(8, 3 * max_marks)` marks of whatever kind
does.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache
from typing import Any

import regex

from bot.charter.kinds.base import Build, Match, RuleKind, Scan, register_kind
from bot.charter.kinds.spans import (
    _ZWJ,
    Span,
    _emoji_matches,
    _span,
)
from bot.located import fields
from bot.located.yamlsrc import LocatedDict

_INVISIBLE_RE = re.compile(
    "["
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e007f\U000e0100-\U000e01ef"
    "]+"
)
_ZWNJ = "\u200c"
# Scripts where ZWJ/ZWNJ between letters are ordinary spelling (Persian, Indic...).
_JOINING_SCRIPT_RE = regex.compile(
    r"[\p{Arabic}\p{Syriac}\p{Nko}\p{Mongolian}\p{Devanagari}\p{Bengali}\p{Gurmukhi}"
    r"\p{Gujarati}\p{Oriya}\p{Tamil}\p{Telugu}\p{Kannada}\p{Malayalam}\p{Sinhala}"
    r"\p{Myanmar}\p{Khmer}\p{Tibetan}\p{Thaana}]"
)
_EMOJI_BEFORE_ZWJ_RE = regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f]")
_PICTO_RE = regex.compile(r"\p{Extended_Pictographic}")
# What a variation selector may legitimately follow (outside ASCII): emoji,
# symbols, CJK ideographs and the few scripts with standardized variants.
_VS_BASE_RE = regex.compile(r"[\p{Emoji}\p{S}\p{Han}\p{Myanmar}\p{Phags_Pa}\p{Manichaean}]")
_HAN_RE = regex.compile(r"\p{Han}")
_MONGOLIAN_RE = regex.compile(r"\p{Mongolian}")


def _emoji_ranges(text: str) -> list[tuple[int, int]]:
    return [(s, e) for s, e, _ in _emoji_matches(text)]


def _invisible_ok(text: str, i: int, in_emoji: Callable[[int], bool]) -> bool:
    """Whether the invisible character at `i` is doing a legitimate job there."""
    c = text[i]
    cp = ord(c)
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if c in (_ZWJ, _ZWNJ):
        if prev and nxt and _JOINING_SCRIPT_RE.match(prev) and _JOINING_SCRIPT_RE.match(nxt):
            return True
        if c == _ZWJ and prev and nxt and _EMOJI_BEFORE_ZWJ_RE.match(prev) \
                and _PICTO_RE.match(nxt):
            return True  # a ZWJ sequence the emoji data does not know (yet)
        return in_emoji(i)
    if 0xFE00 <= cp <= 0xFE0F:
        if prev and not prev.isascii() and _VS_BASE_RE.match(prev):
            return True
        return in_emoji(i)
    if 0xE0100 <= cp <= 0xE01EF:
        return bool(prev) and bool(_HAN_RE.match(prev))
    if 0xE0000 <= cp <= 0xE007F:
        return in_emoji(i)  # only inside a known flag tag sequence (🏴󠁧󠁢󠁳󠁣󠁴󠁿)
    if c in "\u180b\u180c\u180d\u180f":
        return bool(prev) and bool(_MONGOLIAN_RE.match(prev))
    if c == "\u2800":  # Braille blank, a space in Braille text, filler elsewhere
        return any("\u2801" <= x <= "\u28ff" for x in (prev, nxt) if x)
    return False


def _describe(chars: str) -> str:
    seen = list(dict.fromkeys(chars))
    names = [f"U+{ord(c):04X} {unicodedata.name(c, '')}".rstrip() for c in seen[:3]]
    return ", ".join(names) + (", …" if len(seen) > 3 else "")


def find_invisible(text: str) -> list[Span]:
    """Invisible and format characters that can hide or split words.

    Zero-width characters, soft hyphen, bidi controls, Hangul fillers, tag
    characters, stray variation selectors... are reported, contiguous ones as one
    span. Not reported: ZWJ and variation selectors inside emoji, flag tag
    sequences, ZWJ/ZWNJ between letters of scripts that need them (Persian,
    Indic), and one variation selector after a symbol or ideograph.
    """
    if text.isascii():
        return []
    runs = list(_INVISIBLE_RE.finditer(text))
    if not runs:
        return []
    ranges: list[tuple[int, int]] | None = None

    def in_emoji(i: int) -> bool:
        nonlocal ranges
        if ranges is None:
            ranges = _emoji_ranges(text)
        k = bisect_right(ranges, (i, len(text) + 1)) - 1
        return k >= 0 and ranges[k][0] <= i < ranges[k][1]

    found = []
    for run in runs:
        start = None
        for i in range(run.start(), run.end()):
            if _invisible_ok(text, i, in_emoji):
                if start is not None:
                    found.append(_span(text, start, i, _describe(text[start:i])))
                    start = None
            elif start is None:
                start = i
        if start is not None:
            found.append(_span(text, start, run.end(), _describe(text[start:run.end()])))
    return found


# The combining marks zalgo generators stack; script-specific vowel signs
# (Indic, Hebrew points, Arabic harakat, Tibetan subjoined letters) are not here.
_GENERIC_MARK_RE = re.compile("[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff"
                              "\u20d0-\u20ff\ufe20-\ufe2f]")


@lru_cache(maxsize=16)
def _mark_run_re(minimum: int) -> regex.Pattern[str]:
    return regex.compile(rf"\p{{M}}{{{minimum},}}")


def find_zalgo(text: str, max_marks: int = 2) -> list[Span]:
    """Letters buried under stacked combining marks (Z̷̢̛a̵̧l̶g̴o̷).

    A grapheme is zalgo when more than `max_marks` generic diacritics follow its
    base, or more than max(8, 3 × max_marks) marks of any kind. French and
    Vietnamese accents (at most two per letter, even decomposed) never are.
    Contiguous zalgo graphemes are merged into one span; `detail` gives the
    largest stack.
    """
    if text.isascii():
        return []
    max_marks = max(0, max_marks)
    any_limit = max(8, 3 * max_marks)
    found: list[Span] = []
    worst = 0
    for m in _mark_run_re(max_marks + 1).finditer(text):
        run = m.group()
        generic = len(_GENERIC_MARK_RE.findall(run))
        if generic <= max_marks and len(run) <= any_limit:
            continue
        start = m.start() - 1 if m.start() > 0 else 0
        if found and start <= found[-1].end:
            worst = max(worst, len(run))
            start = found.pop().start
        else:
            worst = len(run)
        found.append(_span(text, start, m.end(), f"{worst} combining marks"))
    return found


_CONFUSABLE_SCRIPTS = {
    "Cyrillic": regex.compile(r"\p{Cyrillic}"),
    "Greek": regex.compile(r"\p{Greek}"),
    "Armenian": regex.compile(r"\p{Armenian}"),
    "Cherokee": regex.compile(r"\p{Cherokee}"),
    "Coptic": regex.compile(r"\p{Coptic}"),
    "Lisu": regex.compile(r"\p{Lisu}"),
    "Canadian_Aboriginal": regex.compile(r"\p{Canadian_Aboriginal}"),
}
# Blocks of those scripts, a cheap first test before the exact script properties.
_CONFUSABLE_BLOCKS_RE = re.compile(
    "[\u0370-\u03ff\u0400-\u052f\u0530-\u058f\u13a0-\u13ff\u1400-\u167f\u18b0-\u18ff"
    "\u1c80-\u1c8f\u1f00-\u1fff\u2c80-\u2cff\ua640-\ua69f\ua4d0-\ua4ff\uab70-\uabbf"
    "\ufb13-\ufb17]"
)
_CONFUSABLE_RE = regex.compile(
    r"[[\p{Cyrillic}\p{Greek}\p{Armenian}\p{Cherokee}\p{Coptic}\p{Lisu}"
    r"\p{Canadian_Aboriginal}]&&\p{L}]",
    regex.V1,
)
_LATIN_RE = regex.compile(r"\p{Latin}")
_WORD_RE = regex.compile(r"[\p{L}\p{M}\p{Nd}_]+")


# Greek letters that science writes beside Latin ones and that imitate no Latin letter:
# one of them at a word's edge, with at most three Latin letters (μg, kΩ, ΔT, δx, πr).
_GREEK_SYMBOLS = "µμΩΔδπαβγλσΣθφΦψΨω"
_SYMBOL_WORD_RE = regex.compile(
    rf"[{_GREEK_SYMBOLS}][A-Za-z]{{1,3}}\d*|[A-Za-z]{{1,3}}[{_GREEK_SYMBOLS}]\d*")


def find_mixed_script(text: str) -> list[Span]:
    """Words mixing Latin letters with Cyrillic, Greek or other look-alike scripts.

    The homoglyph trick `pаypal` (Cyrillic а) defeats word filters and fakes
    brands. Words written in one script are fine; digits and `_` belong to none.
    A Greek symbol at the edge of a short Latin word is a unit or a variable
    (μg, kΩ, ΔT), not a disguise.
    `detail` names the scripts, e.g. "Latin+Cyrillic".
    """
    if text.isascii() or not _CONFUSABLE_BLOCKS_RE.search(text):
        return []
    found = []
    for m in _WORD_RE.finditer(text):
        word = m.group()
        if not _LATIN_RE.search(word) or not _CONFUSABLE_RE.search(word):
            continue
        if _SYMBOL_WORD_RE.fullmatch(word):
            continue  # 50 μg, 10 kΩ, ΔT: a unit or a variable, not a disguise
        scripts = [name for name, rx in _CONFUSABLE_SCRIPTS.items() if rx.search(word)]
        found.append(_span(text, m.start(), m.end(), "+".join(["Latin", *scripts])))
    return found


_UNICODE: dict[str, Callable[[str], list[Any]]] = {
    "invisible": find_invisible,
    "zalgo": find_zalgo,
    "mixed_script": find_mixed_script,
}


@register_kind
class UnicodeTricks(RuleKind):
    """Characters used to hide or disguise text: invisible ones, zalgo, mixed scripts.

        - id: unicode
          kind: unicode
          detect: [invisible, zalgo, mixed_script]
    """

    kind = "unicode"
    keys = ("detect",)
    default_action = "flag"
    messages = {
        "fr": "Caractères trompeurs ({what}) dans le message.",
        "en": "Deceptive characters ({what}) in the message.",
    }
    placeholders = ("match", "suggestion", "what")

    labels = {
        "fr": {"invisible": "caractères invisibles", "zalgo": "texte zalgo",
               "mixed_script": "alphabets mélangés"},
        "en": {"invisible": "invisible characters", "zalgo": "zalgo text",
               "mixed_script": "mixed scripts"},
    }

    def __init__(self, raw: LocatedDict, build: Build, rule_id: str) -> None:
        super().__init__(raw, build, rule_id)
        self.detect = fields.choice_list(raw, "detect", list(_UNICODE), required=True)
        self.names = self.labels[build.language]

    def check(self, scan: Scan) -> list[Match]:
        if scan.text.isascii():
            return []
        return [Match(span.start, span.end, "", {"what": self.names[what]})
                for what in self.detect for span in _UNICODE[what](scan.text)]
