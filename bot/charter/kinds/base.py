"""What every rule kind shares: what a rule found (`Match`), the message being
checked (`Scan`), what a rule needs while being built (`Build`), the `RuleKind`
base with its declared pre-filter (`Wake`), and the registry of kinds.

A kind is one module of this package: a class with its documented YAML keys,
its default action and messages, decorated with `@register`, and the detectors
it alone uses beside it (detectors several kinds share are in `spans.py`). The
engine never names a kind: it reads `wake` to know when to run one.
"""

from __future__ import annotations

import enum
from collections import deque
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, ClassVar, NamedTuple, TypeVar

from bot.charter.inflect import forms
from bot.charter.kinds.spans import Link, find_links
from bot.charter.normalise import TextViews, fold
from bot.charter.terms import Hit, TermIndex
from bot.located import fields
from bot.located.yamlsrc import LocatedDict, SourceError, Where
from bot.phrases import Phrase

NETWORKS = (
    "twitter", "x", "linkedin", "facebook", "instagram", "threads", "mastodon", "bluesky",
    "tiktok", "youtube", "pinterest", "blog", "newsletter", "other",
)


@dataclass(slots=True)
class Match:
    """What a rule found: a span of the original text and values for its message.

    `fix` is set when the suggestion can replace the span without a person choosing
    (typography, a spelling mistake with one likely word): `garant check --fix` and
    the draft card's "Corriger" apply those, never a matter of style or meaning."""

    start: int
    end: int
    suggestion: str = ""
    values: dict[str, Any] = field(default_factory=dict)
    fix: str | None = None

#: The longest term a word list may hold: a word or a phrase, never a paragraph
#: (a charter is data people write; its cost to load stays small).
MAX_TERM = 200


class FloodTracker:
    """Recent messages per (rule, author, channel), for `repetition` rules.

    Live moderation and `garant replay` keep one tracker across messages; a
    one-off check has none, so repetition rules stay silent there.

    Its memory is capped in bytes, whatever the messages: a message is kept as the
    64-bit hash of its fingerprint (a 40,000-character flood costs what "ok" costs),
    and when the estimated size passes `max_bytes` the least recently active keys
    are dropped first. Hash collisions are odds of one in 2⁶⁴ per pair.
    """

    #: Measured with tracemalloc on CPython 3.11: a deque slot with its (datetime,
    #: int) tuple, and a key (three short strings, a deque, a dict slot).
    ENTRY_BYTES = 150
    KEY_BYTES = 1_000

    def __init__(self, max_bytes: int = 16 * 2**20, per_key: int = 64) -> None:
        self._recent: dict[tuple[str, str, str], deque[tuple[datetime, int]]] = {}
        self._max_bytes = max_bytes
        self._per_key = per_key
        self._entries = 0

    @property
    def estimated_bytes(self) -> int:
        return len(self._recent) * self.KEY_BYTES + self._entries * self.ENTRY_BYTES

    def seen(self, key: tuple[str, str, str], fingerprint: str, at: datetime,
             within: timedelta) -> int:
        """Record one message; return how many identical ones fall in the window."""
        digest = hash(fingerprint)
        recent = self._recent.pop(key, None)
        if recent is None:
            recent = deque(maxlen=self._per_key)
        self._recent[key] = recent  # re-inserted last: the dict stays in LRU order
        before = len(recent)
        while recent and at - recent[0][0] > within:
            recent.popleft()
        recent.append((at, digest))
        self._entries += len(recent) - before
        while self.estimated_bytes > self._max_bytes and len(self._recent) > 1:
            oldest = next(iter(self._recent))
            self._entries -= len(self._recent.pop(oldest))
        if len(recent) == 1:  # an author's first message in the window: itself
            return 1
        return sum(seen == digest for _, seen in recent)


class Scan:
    """One message being checked: its views, its term hits and shared extractions."""

    __slots__ = (
        "_cache", "at", "author", "channel", "context", "flood", "hits",
        "network", "text", "views",
    )

    def __init__(self, text: str, views: TextViews, hits: dict[int, list[Hit]], context: str,
                 network: str | None, flood: FloodTracker | None, author: str, channel: str,
                 at: datetime | None) -> None:
        self.text = text
        self.views = views
        self.hits = hits
        self.context = context
        self.network = network
        self.flood = flood
        self.author = author
        self.channel = channel
        self.at = at
        self._cache: dict[str, Any] = {}

    def links(self) -> list[Link]:
        """The message's links, found once for every rule that counts or checks them."""
        if "links" not in self._cache:
            self._cache["links"] = find_links(self.text)
        links: list[Link] = self._cache["links"]
        return links


class Term(NamedTuple):
    """A term of a rule, where it was written, and its language (its list's, else the
    charter's): the language its inflected forms are made in."""

    text: str
    where: Where
    language: str


@dataclass(frozen=True, slots=True)
class WordList:
    """A named list of terms (`lists:` in a charter); `language` None: the charter's."""

    terms: list[tuple[str, Where]]
    language: str | None = None


class Build:
    """What rules need while being built: the term index, the charter's lists, patterns."""

    def __init__(self, index: TermIndex, lists: dict[str, WordList], language: str) -> None:
        self.index = index
        self.lists = lists
        self.language = language

    def terms(self, raw: LocatedDict, key: str, required: bool = False) -> list[Term]:
        """The terms under `key`, with `@list` references expanded."""
        out: list[Term] = []
        for term, where in fields.text_list(raw, key, required=required):
            if term.startswith("@") and len(term) > 1 and " " not in term:
                name = term[1:]
                if name not in self.lists:
                    guess = fields.closest(name, self.lists)
                    hint = Phrase("; did you mean '@{guess}'?", guess=guess) if guess else (
                        Phrase("; known lists: {lists}",
                               lists=", ".join("@" + n for n in sorted(self.lists)))
                        if self.lists else Phrase("; this charter defines no 'lists'")
                    )
                    raise SourceError(where, "unknown word list '{term}'{hint}", term=term,
                                      hint=hint)
                word_list = self.lists[name]
                language = word_list.language or self.language
                out.extend(Term(text, place, language) for text, place in word_list.terms)
            else:
                out.append(Term(term, where, self.language))
        return out

    def index_terms(self, terms: list[Term], strict: bool, inflect: bool = True,
                    keep: frozenset[str] = frozenset()) -> int:
        """Index `terms` as one group, each with its inflected forms unless `inflect` is
        false; a form in `keep` (folded) is left out: an exception's forms never shield
        a word the rule lists itself."""
        group = self.index.new_group()
        for term, where, language in terms:
            if len(term) > MAX_TERM:
                raise SourceError(where, "term '{start}…' is {length} characters long; the "
                                         "limit is {limit} (a word or a phrase)",
                                  start=term[:30], length=len(term), limit=MAX_TERM)
            made = tuple(form for form in forms(term, language) if fold(form) not in keep) \
                if inflect else ()
            if not self.index.add(group, term, strict, language, made):
                raise SourceError(where, "term '{term}' has nothing to match", term=term)
        return group


class Wake(enum.Enum):
    """When the engine runs a rule: its declared pre-filter.

    ALWAYS: on every message; its `check` starts with a cheap test of its own (no
        digit: no phone search; ASCII: no Unicode tricks).
    TERMS: only when one of its term groups (`triggers`) was hit by the charter's
        one Aho–Corasick pass.
    PATTERN: only when its `regex` matched in the charter's one RE2 set search.
    """

    ALWAYS = "always"
    TERMS = "terms"
    PATTERN = "pattern"


class RuleKind:
    """Base of every kind. Subclasses declare their keys, messages and pre-filter
    (`wake`), register with `@register`, and implement `check`."""

    kind: ClassVar[str]
    keys: ClassVar[tuple[str, ...]] = ()
    default_action: ClassVar[str] = "warn"
    placeholders: ClassVar[tuple[str, ...]] = ("match", "suggestion")
    messages: ClassVar[dict[str, str]]
    wake: ClassVar[Wake] = Wake.ALWAYS
    # Wake.TERMS: the term groups whose hits make this rule worth checking.
    triggers: tuple[int, ...] = ()
    # Wake.PATTERN: the compiled regex the engine adds to its set, and whether it reads
    # the normalised view (`TextViews.normalised`) rather than the folded one.
    regex: Any = None
    normalised: bool = False
    live_only: ClassVar[bool] = False

    def __init__(self, raw: LocatedDict, build: Build, rule_id: str) -> None:
        self.rule_id = rule_id

    def check(self, scan: Scan) -> list[Match]:
        raise NotImplementedError

    def term_groups(self) -> list[tuple[str, int]]:
        """The rule's term groups under the YAML key they come from (what `garant charter
        show` lists with their inflected forms)."""
        return [(self.keys[0], group) for group in self.triggers]

    @property
    def unavailable(self) -> Phrase | None:
        """Why this rule checks nothing on this machine (a library or dictionary that is
        not installed), or None. Such a charter still loads; `garant check` and
        `/charter show` say the rule is off and why — never a silent skip."""
        return None

    def example_network(self) -> str | None:
        """The network its examples are checked for, when the rule names none."""
        return None


#: Every kind by its YAML name, filled by `@register` as the kind modules load.
KINDS: dict[str, type[RuleKind]] = {}
K = TypeVar("K", bound=type[RuleKind])


def register_kind(kind: K) -> K:
    """Make a kind known to charters under its `kind` name."""
    if kind.kind in KINDS:
        raise ValueError(f"rule kind {kind.kind!r} is registered twice")
    KINDS[kind.kind] = kind
    return kind
