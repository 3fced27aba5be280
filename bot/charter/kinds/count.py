"""`count`: how many hashtags, mentions, links, emoji, exclamation marks; or how much
SHOUTING; with the counters that are not shared (links and emoji are in
`spans.py`). Hashtags need at least one letter: `#1` or `#2024` are not hashtags
(as on X).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import regex

from bot.charter.kinds.base import Build, Match, RuleKind, Scan, register_kind
from bot.charter.kinds.spans import (
    _MARKUP_RE,
    Span,
    _links,
    _span,
    find_emoji,
    outside,
)
from bot.located import fields
from bot.located.yamlsrc import LocatedDict, SourceError

_WORDCHARS = r"\p{L}\p{M}\p{Nd}_"
_HASHTAG_RE = regex.compile(
    rf"(?<![{_WORDCHARS}&#＃/<])[#＃](?=[{_WORDCHARS}]*\p{{L}})[{_WORDCHARS}]+")


def _outside_links(text: str, spans: list[Span]) -> list[Span]:
    if not spans:
        return spans
    links = [(link.start, link.end) for link in _links(text)]
    if not links:
        return spans
    return outside(spans, links)


def find_hashtags(text: str) -> list[Span]:
    """Hashtags: `#` (or fullwidth `＃`) then letters, digits, `_`, with one letter
    at least, as on X: `#1` or `#2024` are not hashtags, `#JO2024` is.

    A `#fragment` in a URL, Slack's `<#C123|canal>` and `C#` are not hashtags.
    `detail` is the tag without `#`.
    """
    if "#" not in text and "＃" not in text:
        return []
    found = [_span(text, m.start(), m.end(), m.group()[1:]) for m in _HASHTAG_RE.finditer(text)]
    return _outside_links(text, found)


_MENTION_RE = re.compile(
    r"""
      <@(?P<slack>[UW][A-Z0-9]{2,})(?:\|[^<>]*)?>
    | <!(?P<special>channel|here|everyone)(?:\|[^<>]*)?>
    | <!subteam\^(?P<group>[A-Z0-9]+)(?:\|[^<>]*)?>
    | <@(?P<dkind>[!&]?)(?P<did>\d{5,25})>
    | (?<![\w@.+\-/])@(?P<name>[^\W\d](?:[\w.\-]*\w)?)
    """,
    re.VERBOSE,
)


def find_mentions(text: str) -> list[Span]:
    """Mentions of people, roles and channels, in text or Slack/Discord markup.

    `@name` (not preceded by a word character, so e-mails don't count; the name
    starts with a letter, so "@14h" is not one), `@everyone`, `@here`; Slack
    `<@U123ABC>`, `<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^S1>`; Discord
    `<@123>`, `<@!123>`, `<@&123>`. `detail` is "user", "role", "group",
    "channel", "here" or "everyone".
    """
    if "@" not in text and "<!" not in text:
        return []
    found = []
    for m in _MENTION_RE.finditer(text):
        if m.group("special"):
            detail = m.group("special")
        elif m.group("group"):
            detail = "group"
        elif m.group("did"):
            detail = "role" if m.group("dkind") == "&" else "user"
        elif m.group("name") in ("everyone", "here"):
            detail = m.group("name")
        else:
            detail = "user"
        found.append(_span(text, m.start(), m.end(), detail))
    return _outside_links(text, found)


# Runs of the characters emoji sequences are made of: every emoji of the `emoji`
# package starts with one of these (or a keycap's 0-9 # *) and continues with
# them. The `emoji` trie, walked in Python, then only sees these short runs.


_EXCLAMATION_RE = re.compile(r"[!！](?<!<!)(?<!<@!)")


def find_exclamations(text: str) -> list[Span]:
    """Each exclamation mark (`!` or fullwidth `！`), one span per mark.

    The `!` of Slack's `<!here>` and Discord's `<@!123>` markup and those inside
    links are not exclamations.
    """
    if "!" not in text and "！" not in text:
        return []
    found = [_span(text, m.start(), m.end()) for m in _EXCLAMATION_RE.finditer(text)]
    return _outside_links(text, found)


def uppercase_ratio(text: str) -> tuple[float, int]:
    """(percentage of cased letters that are uppercase, number of cased letters).

    URLs, mentions and `<...>` chat markup are left out: `@JEAN` or an URL's
    capitals are not shouting. (0.0, 0) when there is no cased letter; the caller
    decides how many letters make a ratio meaningful.
    """
    skip = [(link.start, link.end) for link in _links(text)]
    if "@" in text or "<" in text:
        skip += [(s.start, s.end) for s in find_mentions(text)]
        if "<" in text:
            skip += [m.span() for m in _MARKUP_RE.finditer(text)]
    if skip:
        parts, pos = [], 0
        for s, e in sorted(skip):
            if s > pos:
                parts.append(text[pos:s])
            pos = max(pos, e)
        parts.append(text[pos:])
        text = " ".join(parts)
    # map() of str methods runs in C: faster than a regex on short texts.
    upper = sum(map(str.isupper, text))
    lower = sum(map(str.islower, text))
    cased = upper + lower
    return (100.0 * upper / cased if cased else 0.0), cased


_COUNTERS: dict[str, Callable[[str], list[Any]]] = {
    "hashtag": find_hashtags,
    "mention": find_mentions,
    "emoji": find_emoji,
    "exclamation": find_exclamations,
}


@register_kind
class Count(RuleKind):
    """How many hashtags, mentions, links, emoji, exclamation marks; or how much SHOUTING.

        - id: hashtags
          kind: count
          item: hashtag
          max: 3
    """

    kind = "count"
    keys = ("item", "min", "max", "min_letters")
    items = ("hashtag", "mention", "link", "emoji", "exclamation", "uppercase_ratio")
    messages = {
        "fr": "{count} {item} (attendu : {expected}).",
        "en": "{count} {item} (expected: {expected}).",
    }
    placeholders = ("match", "suggestion", "count", "min", "max", "item", "expected")

    def __init__(self, raw: LocatedDict, build: Build, rule_id: str) -> None:
        super().__init__(raw, build, rule_id)
        self.item = fields.choice(raw, "item", self.items)
        top = 100 if self.item == "uppercase_ratio" else None
        self.min = fields.integer(raw, "min", 0, top)
        self.max = fields.integer(raw, "max", 0, top)
        if self.min is None and self.max is None:
            raise SourceError(raw.where_self, "a count rule needs 'min', 'max' or both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise SourceError(raw.where("min"), "'min' ({min}) is above 'max' ({max})",
                              min=self.min, max=self.max)
        if "min_letters" in raw and self.item != "uppercase_ratio":
            raise SourceError(raw.where_key("min_letters"),
                              "'min_letters' only applies to item: uppercase_ratio")
        self.min_letters = fields.integer(raw, "min_letters", 1) or 12
        self.language = build.language

    labels = {
        "fr": {"hashtag": ("hashtag", "hashtags"), "mention": ("mention", "mentions"),
               "link": ("lien", "liens"), "emoji": ("emoji", "emoji"),
               "exclamation": ("point d'exclamation", "points d'exclamation"),
               "uppercase_ratio": ("de majuscules", "de majuscules")},
        "en": {"hashtag": ("hashtag", "hashtags"), "mention": ("mention", "mentions"),
               "link": ("link", "links"), "emoji": ("emoji", "emoji"),
               "exclamation": ("exclamation mark", "exclamation marks"),
               "uppercase_ratio": ("uppercase", "uppercase")},
    }

    def _label(self, count: int) -> str:
        singular, plural = self.labels[self.language][self.item]
        # French says "0 hashtag", English "0 hashtags".
        one = count <= 1 if self.language == "fr" else count == 1
        return singular if one else plural

    def _expected(self) -> str:
        unit = " %" if self.item == "uppercase_ratio" else ""
        if self.min is not None and self.max is not None:
            return f"{self.min}–{self.max}{unit}"
        if self.max is not None:
            return f"≤ {self.max}{unit}"
        return f"≥ {self.min}{unit}"

    def _values(self, count: int | str, label: int) -> dict[str, Any]:
        """The message's placeholders (built only for a finding: most messages pass)."""
        return {"item": self._label(label), "min": self.min, "max": self.max,
                "expected": self._expected(), "count": count}

    def check(self, scan: Scan) -> list[Match]:
        text = scan.text
        if self.item == "uppercase_ratio":
            if self.min is None and self.max is not None and \
                    sum(map(str.isupper, text)) * 100 <= self.max * self.min_letters:
                return []  # too few capitals to pass the limit: skip the full count
            ratio, letters = uppercase_ratio(text)
            if letters < self.min_letters:
                return []
            too_high = self.max is not None and ratio > self.max
            too_low = self.min is not None and ratio < self.min
            if too_high or too_low:
                return [Match(0, len(text), "", self._values(f"{ratio:.0f} %", 2))]
            return []
        found = scan.links() if self.item == "link" else _COUNTERS[self.item](text)
        count = len(found)
        if self.max is not None and count > self.max:
            extra = found[self.max]
            return [Match(extra.start, found[-1].end, "", self._values(count, count))]
        if self.min is not None and count < self.min:
            return [Match(0, len(text), "", self._values(count, count))]
        return []
