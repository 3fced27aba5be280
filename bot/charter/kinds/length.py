"""`length`: a maximum length, counted the way each network counts, with the length
counters. On X, as twitter-text: a URL weighs 23, an emoji 2, and a bare
`name.fr` (one label, a ccTLD other than co/tv, no path) is not a URL. Adversarial
input stays linear: the known quadratic spots of `regex` (\\X on regional
indicators) are sidestepped.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable
from functools import lru_cache

import regex

from bot.charter.kinds.base import NETWORKS, Build, Match, RuleKind, Scan, register_kind
from bot.charter.kinds.spans import (
    _links,
    _twitter_url,
    _unicode_emoji,
    outside,
)
from bot.located import fields
from bot.located.yamlsrc import LocatedDict, SourceError

_GRAPHEME_RE = regex.compile(r"\X")
# twitter-text v3: code points in these ranges weigh 1, all others 2.
_LIGHT = "\x00-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037"
_WEIGHT_RUN_RE = re.compile(f"(?P<light>[{_LIGHT}]+)|[^{_LIGHT}]+")
_TWITTER_URL_WEIGHT = 23
_TWITTER_EMOJI_WEIGHT = 2


# Characters that never join a neighbour into one grapheme (no combining mark,
# joiner, variation selector, emoji modifier, regional indicator, Hangul jamo,
# Indic spacing mark...): a text made only of them has one grapheme per code
# point, except CR LF. Checked against the Unicode data in the tests.
_SIMPLE_GRAPHEMES = (
    "\x00-\u02ff\u0370-\u0482\u048a-\u052f\u2000-\u200b\u200e-\u205f\u2070-\u20cf"
    "\u2100-\u2bff\u3000-\u3029\u3030-\u3098\u309b-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7a3\uff01-\uff9d\U0001f300-\U0001f3fa\U0001f400-\U0001faff"
)
_SIMPLE_GRAPHEMES_RE = re.compile(f"[{_SIMPLE_GRAPHEMES}]*")


def _simple_graphemes(text: str) -> bool:
    return text.isascii() or _SIMPLE_GRAPHEMES_RE.fullmatch(text) is not None


@lru_cache(maxsize=8)
def _graphemes_prefix_re(count: int) -> regex.Pattern[str]:
    return regex.compile(rf"\X{{{count}}}")


# `regex` finds grapheme boundaries between regional indicators by counting the
# ones before, which is quadratic on a long run of flags. Each pair is one
# grapheme that never joins a neighbour differently than a plain letter would,
# so it is replaced by "F" before segmenting.
_RI_PAIR_RE = re.compile("[\U0001f1e6-\U0001f1ff]{2}")
_NFC_CHUNK_RE = regex.compile(r"[\U0001F1E6-\U0001F1FF]+|\X")


def _ri_view(text: str) -> tuple[str, Callable[[int], int]]:
    """`text` with each flag pair as one "F", and a map back to `text`'s offsets."""
    pairs: list[int] = []  # where each pair sits in the view
    for k, m in enumerate(_RI_PAIR_RE.finditer(text)):
        pairs.append(m.start() - k)
    if not pairs:
        return text, lambda i: i
    view = _RI_PAIR_RE.sub("F", text)
    return view, lambda i: i + bisect_right(pairs, i - 1)


def _is_twitter(network: str | None) -> bool:
    return network is not None and network.strip().lower() in ("twitter", "x")


def _nfc_with_map(text: str) -> tuple[str, Callable[[int], int]]:
    """NFC of `text` and a map from its offsets back to `text`'s.

    Normalised grapheme by grapheme (composition never crosses a grapheme
    boundary), an offset inside a grapheme maps to the grapheme's start.
    """
    parts: list[str] = []
    norm_starts: list[int] = []
    orig_starts: list[int] = []
    n = 0
    for m in _NFC_CHUNK_RE.finditer(text):
        g = unicodedata.normalize("NFC", m.group())
        norm_starts.append(n)
        orig_starts.append(m.start())
        parts.append(g)
        n += len(g)

    def back(i: int) -> int:
        if i >= n:
            return len(text)
        return orig_starts[bisect_right(norm_starts, i) - 1]

    return "".join(parts), back


def _twitter(text: str, limit: int | None) -> tuple[int, int]:
    """X's weighted length of `text`, and where it overflows `limit` (or len(text))."""
    if unicodedata.is_normalized("NFC", text):
        norm, back = text, None
    else:
        norm, back = _nfc_with_map(text)
    specials: list[tuple[int, int, int]] = [
        (link.start, link.end, _TWITTER_URL_WEIGHT)
        for link in _links(norm) if _twitter_url(link)
    ]
    if not norm.isascii():
        urls = [(s, e) for s, e, _ in specials]
        specials += [(s.start, s.end, _TWITTER_EMOJI_WEIGHT)
                     for s in outside(_unicode_emoji(norm), urls)]
        specials.sort()
    total = 0
    over: int | None = None
    pos = 0
    for start, end, weight in [*specials, (len(norm), len(norm), 0)]:
        segment = norm[pos:start]
        if segment.isascii():
            if over is None and limit is not None and total + len(segment) > limit:
                over = pos + max(0, limit - total)
            total += len(segment)
        else:
            for m in _WEIGHT_RUN_RE.finditer(segment):
                unit = 1 if m.group("light") else 2
                size = unit * (m.end() - m.start())
                if over is None and limit is not None and total + size > limit:
                    over = pos + m.start() + max(0, limit - total) // unit
                total += size
        if over is None and limit is not None and weight and total + weight > limit:
            over = start
        total += weight
        pos = end
    if over is None:
        return total, len(text)
    return total, (back(over) if back else over)


def text_length(text: str, network: str | None = None) -> int:
    """The length of `text` as `network` counts it.

    X ("twitter" or "x"): twitter-text v3 weighting (NFC, each URL 23, each emoji
    2, code points in the Latin/punctuation ranges 1, all others 2). Everywhere
    else: user-perceived characters (grapheme clusters), so "é" written e + ◌́ or
    a family emoji is one.
    """
    if _is_twitter(network):
        return _twitter(text, None)[0]
    if _simple_graphemes(text):
        return len(text) - text.count("\r\n")
    return len(_GRAPHEME_RE.findall(_ri_view(text)[0]))


def limit_offset(text: str, network: str | None, limit: int) -> int:
    """Offset in `text` of the first character beyond `limit`, or len(text).

    Lets a length finding point at the overflowing part. For X, a URL or emoji
    that straddles the limit overflows as a whole, from its start.
    """
    if limit <= 0:
        return 0
    if _is_twitter(network):
        return _twitter(text, limit)[1]
    if "\r\n" not in text and _simple_graphemes(text):
        return min(limit, len(text))
    view, back = _ri_view(text)
    m = _graphemes_prefix_re(limit).match(view)
    return back(m.end()) if m and m.end() < len(view) else len(text)


@register_kind
class Length(RuleKind):
    """A maximum length, counted the way each network counts.

        - id: longueur
          kind: length
          max: {twitter: 280, linkedin: 3000, default: 2200}
    """

    kind = "length"
    keys = ("max",)
    messages = {
        "fr": "Texte trop long : {count} caractères pour {limit} au maximum.",
        "en": "Text too long: {count} characters, the limit is {limit}.",
    }
    placeholders = ("match", "suggestion", "count", "limit", "network")

    def __init__(self, raw: LocatedDict, build: Build, rule_id: str) -> None:
        super().__init__(raw, build, rule_id)
        if "max" not in raw:
            raise SourceError(raw.where_self, "missing required key 'max'")
        value = raw["max"]
        if isinstance(value, LocatedDict):
            self.limits: dict[str | None, int] = {}
            for net in value:
                name = None if net == "default" else fields.one_of(
                    net, value.where_key(net), "max", [*NETWORKS, "default"])
                limit = fields.integer(value, net, 1)
                assert limit is not None
                self.limits["twitter" if name == "x" else name] = limit
        else:
            limit = fields.integer(raw, "max", 1)
            assert limit is not None
            self.limits = {None: limit}

    def example_network(self) -> str | None:
        # Without a default limit, examples are checked against the strictest network.
        if None in self.limits:
            return None
        named = {network: limit for network, limit in self.limits.items() if network}
        return min(named, key=named.__getitem__)

    def limit_for(self, network: str | None) -> int | None:
        return self.limits.get(network, self.limits.get(None))

    def check(self, scan: Scan) -> list[Match]:
        limit = self.limit_for(scan.network)
        if limit is None:
            return []
        if len(scan.text) <= limit and not _is_twitter(scan.network):
            return []  # no more characters than code points: short enough, uncounted
        size = text_length(scan.text, scan.network)
        if size <= limit:
            return []
        start = limit_offset(scan.text, scan.network, limit)
        return [Match(start, len(scan.text), "",
                      {"count": size, "limit": limit, "network": scan.network or ""})]
