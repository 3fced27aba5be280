"""The rule kinds of a charter: each one reads its own keys and checks one thing.

A kind is a small class: the keys it accepts, its default action and message,
how it is built from YAML and what it reports on one message. The engine
(`bot.charter.engine`) handles what all rules share (level, action, contexts,
networks, message templating, examples). See docs/charters.md for the
user-facing reference of every kind.
"""

from __future__ import annotations

import re
import unicodedata
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any, ClassVar

import re2

from bot.charter import detect
from bot.charter.normalise import TextViews
from bot.charter.terms import Hit, TermIndex
from bot.located import fields
from bot.located.yamlsrc import LocatedDict, SourceError, Where

NETWORKS = (
    "twitter", "x", "linkedin", "facebook", "instagram", "threads", "mastodon", "bluesky",
    "tiktok", "youtube", "pinterest", "blog", "newsletter", "other",
)


@dataclass(slots=True)
class Match:
    """What a rule found: a span of the original text and values for its message."""

    start: int
    end: int
    suggestion: str = ""
    values: dict[str, Any] = field(default_factory=dict)


class FloodTracker:
    """Recent messages per (rule, author, channel), for `repetition` rules.

    Live moderation and `garant replay` keep one tracker across messages; a
    one-off check has none, so repetition rules stay silent there.
    """

    def __init__(self, max_keys: int = 20_000, per_key: int = 64) -> None:
        self._recent: dict[tuple[str, str, str], deque[tuple[datetime, str]]] = {}
        self._max_keys = max_keys
        self._per_key = per_key

    def seen(self, key: tuple[str, str, str], fingerprint: str, at: datetime,
             within: timedelta) -> int:
        """Record one message; return how many identical ones fall in the window."""
        recent = self._recent.pop(key, None) or deque(maxlen=self._per_key)
        self._recent[key] = recent  # re-inserted last: the dict stays in LRU order
        while recent and at - recent[0][0] > within:
            recent.popleft()
        recent.append((at, fingerprint))
        if len(self._recent) > self._max_keys:
            del self._recent[next(iter(self._recent))]
        return sum(1 for _, seen in recent if seen == fingerprint)


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

    def links(self) -> list[detect.Link]:
        if "links" not in self._cache:
            self._cache["links"] = detect.find_links(self.text)
        return self._cache["links"]


class Build:
    """What rules need while being built: the term index, the charter's lists, patterns."""

    def __init__(self, index: TermIndex, lists: dict[str, list[tuple[str, Where]]],
                 language: str) -> None:
        self.index = index
        self.lists = lists
        self.language = language
        self.patterns: list[Any] = []

    def terms(self, raw: LocatedDict, key: str, required: bool = False) -> list[tuple[str, Where]]:
        """The terms under `key`, with `@list` references expanded."""
        out = []
        for term, where in fields.text_list(raw, key, required=required):
            if term.startswith("@") and len(term) > 1 and " " not in term:
                name = term[1:]
                if name not in self.lists:
                    guess = fields.closest(name, self.lists)
                    hint = f"; did you mean '@{guess}'?" if guess else (
                        f"; known lists: {', '.join('@' + n for n in sorted(self.lists))}"
                        if self.lists else "; this charter defines no 'lists'"
                    )
                    raise SourceError(where, f"unknown word list '{term}'{hint}")
                out.extend(self.lists[name])
            else:
                out.append((term, where))
        return out

    def index_terms(self, terms: list[tuple[str, Where]], strict: bool) -> int:
        group = self.index.new_group()
        for term, where in terms:
            if not self.index.add(group, term, strict):
                raise SourceError(where, f"term '{term}' has nothing to match")
        return group


class RuleKind:
    """Base of every kind. Subclasses declare their keys and implement `check`."""

    kind: ClassVar[str]
    keys: ClassVar[tuple[str, ...]] = ()
    default_action: ClassVar[str] = "warn"
    placeholders: ClassVar[tuple[str, ...]] = ("match", "suggestion")
    messages: ClassVar[dict[str, str]]
    # Term groups whose hits make this rule worth checking; None: check every message.
    triggers: tuple[int, ...] | None = None
    live_only: ClassVar[bool] = False

    def __init__(self, raw: LocatedDict, build: Build, rule_id: str) -> None:
        self.rule_id = rule_id

    def check(self, scan: Scan) -> list[Match]:
        raise NotImplementedError

    def example_network(self) -> str | None:
        """The network its examples are checked for, when the rule names none."""
        return None


def _hit_matches(hits: list[Hit]) -> list[Match]:
    return [Match(h.start, h.end) for h in hits]


class Forbidden(RuleKind):
    """Words and phrases that must not appear.

        - id: insultes
          kind: forbidden
          words: ["@insultes-fr", "fils de", "con*"]
          except: [conseil, console]
    """

    kind = "forbidden"
    keys = ("words", "except", "strict")
    messages = {
        "fr": "« {match} » n'a pas sa place ici (charte).",
        "en": "\u201c{match}\u201d is not allowed here (charter).",
    }

    def __init__(self, raw: LocatedDict, build: Build, rule_id: str) -> None:
        super().__init__(raw, build, rule_id)
        strict = fields.boolean(raw, "strict", False)
        words = build.terms(raw, "words", required=True)
        self.words = build.index_terms(words, strict)
        excepted = build.terms(raw, "except")
        self.excepted = build.index_terms(excepted, strict) if excepted else None
        # The terms as written (lists expanded), for mirroring into native filters
        # such as Discord AutoMod.
        self.terms: tuple[str, ...] = tuple(term for term, _ in words)
        self.exceptions: tuple[str, ...] = tuple(term for term, _ in excepted)
        self.triggers = (self.words,)

    def check(self, scan: Scan) -> list[Match]:
        hits = scan.hits.get(self.words, [])
        if self.excepted is not None and self.excepted in scan.hits:
            shields = scan.hits[self.excepted]
            hits = [h for h in hits
                    if not any(s.start <= h.start and h.end <= s.end for s in shields)]
        return _hit_matches(hits)


class Replace(RuleKind):
    """Preferred terms: report the left one, suggest the right one.

        - id: vocabulaire
          kind: replace
          swap: {e-mail: courriel, "check-list": "liste de contrôle"}
    """

    kind = "replace"
    keys = ("swap", "strict")
    default_action = "suggest"
    messages = {
        "fr": "Préférez « {suggestion} » à « {match} ».",
        "en": "Prefer \u201c{suggestion}\u201d to \u201c{match}\u201d.",
    }

    def __init__(self, raw: LocatedDict, build: Build, rule_id: str) -> None:
        super().__init__(raw, build, rule_id)
        if "swap" not in raw:
            raise SourceError(raw.where_self, "missing required key 'swap' (a mapping bad: good)")
        swap = fields.require_mapping(raw["swap"], raw.where("swap"), "'swap'")
        if not swap:
            raise SourceError(raw.where("swap"), "'swap' must not be empty")
        self.suggestions: dict[str, str] = {}
        terms = []
        for bad, good in swap.items():
            if not isinstance(good, str | int | float) or isinstance(good, bool):
                raise SourceError(swap.where(bad), f"the replacement for '{bad}' must be text")
            self.suggestions[bad] = str(good)
            terms.append((bad, swap.where_key(bad)))
        self.group = build.index_terms(terms, fields.boolean(raw, "strict", False))
        self.triggers = (self.group,)

    def check(self, scan: Scan) -> list[Match]:
        return [Match(h.start, h.end, self.suggestions[h.term]) for h in scan.hits[self.group]]


_TU_FORMS = {"tu": "vous", "te": "vous", "toi": "vous", "ton": "votre", "ta": "votre",
             "tes": "vos", "t'": "vous"}
_VOUS_FORMS = {"vous": "tu", "votre": "ton / ta", "vos": "tes", "votres": "tiens / tiennes"}
_TU_RE = re.compile(r"(?<![\w'])(?:(tu|te|toi|ton|ta|tes)(?![\w'])|(t')(?=[a-z]))")
_VOUS_RE = re.compile(r"(?<![\w'])(vous|votre|vos|votres)(?![\w'])")
# "ton" is also a noun ("le ton de la marque"): after these words it is not "your".
_TON_NOUN = re.compile(
    r"(?:^|\W)(?:le|un|du|au|ce|cet|bon|mauvais|meme|quel|de|sur|mon|son|notre|votre|leur)\W+$")


class Register(RuleKind):
    """One register only: vouvoiement (`expect: vous`) or tutoiement (`expect: tu`).

        - id: vouvoiement
          kind: register
          expect: vous
    """

    kind = "register"
    keys = ("expect",)
    default_action = "suggest"
    messages = {
        "fr": "La charte demande le {register} : « {match} » → « {suggestion} ».",
        "en": "The charter asks for \u201c{expect}\u201d: \u201c{match}\u201d → "
              "\u201c{suggestion}\u201d.",
    }
    placeholders = ("match", "suggestion", "register", "expect")

    def __init__(self, raw: LocatedDict, build: Build, rule_id: str) -> None:
        super().__init__(raw, build, rule_id)
        self.expect = fields.choice(raw, "expect", ["vous", "tu"])
        self.pattern = _TU_RE if self.expect == "vous" else _VOUS_RE
        self.forms = _TU_FORMS if self.expect == "vous" else _VOUS_FORMS

    def check(self, scan: Scan) -> list[Match]:
        folded = scan.views.folded
        found = []
        for m in self.pattern.finditer(folded):
            form = m.group(m.lastindex or 0)
            if form == "ton" and _TON_NOUN.search(folded, 0, m.start()):
                continue
            start, end = scan.views.folded_to_original(m.start(), m.end())
            register = "vouvoiement" if self.expect == "vous" else "tutoiement"
            found.append(Match(start, end, self.forms[form],
                               {"register": register, "expect": self.expect}))
        return found


class Conditional(RuleKind):
    """When one term appears, another must too ("concours" needs "règlement").

        - id: concours-reglement
          kind: conditional
          if: [concours, jeu-concours, "à gagner"]
          then: [règlement, "conditions de participation"]
    """

    kind = "conditional"
    keys = ("if", "then", "strict")
    messages = {
        "fr": "« {match} » demande aussi de mentionner : {suggestion}.",
        "en": "\u201c{match}\u201d also requires a mention of: {suggestion}.",
    }

    def __init__(self, raw: LocatedDict, build: Build, rule_id: str) -> None:
        super().__init__(raw, build, rule_id)
        strict = fields.boolean(raw, "strict", False)
        self.when = build.index_terms(build.terms(raw, "if", required=True), strict)
        then = build.terms(raw, "then", required=True)
        self.then = build.index_terms(then, strict)
        self.expected = " / ".join(term.strip("*") for term, _ in then[:3])
        self.triggers = (self.when,)

    def check(self, scan: Scan) -> list[Match]:
        if self.then in scan.hits:
            return []
        first = scan.hits[self.when][0]
        return [Match(first.start, first.end, self.expected)]


_COUNTERS: dict[str, Callable[[str], list[Any]]] = {
    "hashtag": detect.find_hashtags,
    "mention": detect.find_mentions,
    "emoji": detect.find_emoji,
    "exclamation": detect.find_exclamations,
}


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
            raise SourceError(raw.where("min"), f"'min' ({self.min}) is above 'max' ({self.max})")
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

    def check(self, scan: Scan) -> list[Match]:
        values: dict[str, Any] = {"item": self._label(2), "min": self.min, "max": self.max,
                                  "expected": self._expected()}
        text = scan.text
        if self.item == "uppercase_ratio":
            if self.min is None and self.max is not None and \
                    sum(map(str.isupper, text)) * 100 <= self.max * self.min_letters:
                return []  # too few capitals to pass the limit: skip the full count
            ratio, letters = detect.uppercase_ratio(text)
            if letters < self.min_letters:
                return []
            too_high = self.max is not None and ratio > self.max
            too_low = self.min is not None and ratio < self.min
            if too_high or too_low:
                return [Match(0, len(text), "", {**values, "count": f"{ratio:.0f} %"})]
            return []
        found = scan.links() if self.item == "link" else _COUNTERS[self.item](text)
        count = len(found)
        values["count"] = count
        values["item"] = self._label(count)
        if self.max is not None and count > self.max:
            extra = found[self.max]
            return [Match(extra.start, found[-1].end, "", values)]
        if self.min is not None and count < self.min:
            return [Match(0, len(text), "", values)]
        return []


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
        return min(self.limits, key=lambda n: self.limits[n])  # type: ignore[arg-type,return-value]

    def limit_for(self, network: str | None) -> int | None:
        return self.limits.get(network, self.limits.get(None))

    def check(self, scan: Scan) -> list[Match]:
        limit = self.limit_for(scan.network)
        if limit is None:
            return []
        size = detect.text_length(scan.text, scan.network)
        if size <= limit:
            return []
        start = detect.limit_offset(scan.text, scan.network, limit)
        return [Match(start, len(scan.text), "",
                      {"count": size, "limit": limit, "network": scan.network or ""})]


class Links(RuleKind):
    """Which links are welcome: denied or allowed domains, shorteners, invitations.

        - id: liens
          kind: links
          deny_domains: [casino.example]
          shorteners: deny
          invites: deny
    """

    kind = "links"
    keys = ("deny_domains", "allow_domains", "shorteners", "invites")
    default_action = "flag"
    messages = {
        "fr": "Lien non autorisé par la charte : {match} ({reason}).",
        "en": "Link not allowed by the charter: {match} ({reason}).",
    }
    placeholders = ("match", "suggestion", "reason", "domain")
    reasons = {
        "fr": {"deny": "domaine interdit", "allow": "domaine hors liste autorisée",
               "shortener": "lien raccourci", "invite": "invitation"},
        "en": {"deny": "denied domain", "allow": "domain not on the allowed list",
               "shortener": "shortened link", "invite": "invite link"},
    }

    def __init__(self, raw: LocatedDict, build: Build, rule_id: str) -> None:
        super().__init__(raw, build, rule_id)
        self.deny = [d.lower().strip(".") for d, _ in fields.text_list(raw, "deny_domains")]
        allow = fields.text_list(raw, "allow_domains")
        self.allow = [d.lower().strip(".") for d, _ in allow] if "allow_domains" in raw else None
        self.no_shorteners = fields.choice(raw, "shorteners", ["deny", "allow"], "allow") == "deny"
        self.no_invites = fields.choice(raw, "invites", ["deny", "allow"], "allow") == "deny"
        if not (self.deny or self.allow is not None or self.no_shorteners or self.no_invites):
            raise SourceError(raw.where_self, "a links rule needs at least one of deny_domains, "
                              "allow_domains, shorteners: deny, invites: deny")
        self.language = build.language

    def _reason(self, link: detect.Link) -> str | None:
        if any(detect.domain_matches(link.domain, d) for d in self.deny):
            return "deny"
        if self.no_invites and detect.invite_kind(link):
            return "invite"
        if self.no_shorteners and detect.is_shortener(link.domain):
            return "shortener"
        if self.allow is not None and not any(
            detect.domain_matches(link.domain, d) for d in self.allow
        ):
            return "allow"
        return None

    def check(self, scan: Scan) -> list[Match]:
        found = []
        for link in scan.links():
            reason = self._reason(link)
            if reason:
                label = self.reasons[self.language][reason]
                found.append(Match(link.start, link.end, "",
                                   {"reason": label, "domain": link.domain}))
        return found


_PERSONAL: dict[str, Callable[[str], list[Any]]] = {
    "email": detect.find_emails,
    "phone": detect.find_phones,
    "iban": detect.find_ibans,
    "card": detect.find_cards,
}
_DIGITS = re.compile(r"\d")


class PersonalData(RuleKind):
    """Personal data that must not be published: e-mail, phone, IBAN, card numbers.

        - id: donnees-perso
          kind: personal_data
          detect: [email, phone, iban, card]
    """

    kind = "personal_data"
    keys = ("detect",)
    default_action = "block"
    messages = {
        "fr": "Donnée personnelle ({what}) : ne la publiez pas ici.",
        "en": "Personal data ({what}): please do not post it here.",
    }
    placeholders = ("match", "suggestion", "what")

    labels = {
        "fr": {"email": "adresse e-mail", "phone": "numéro de téléphone", "iban": "IBAN",
               "card": "numéro de carte bancaire"},
        "en": {"email": "e-mail address", "phone": "phone number", "iban": "IBAN",
               "card": "card number"},
    }

    def __init__(self, raw: LocatedDict, build: Build, rule_id: str) -> None:
        super().__init__(raw, build, rule_id)
        self.detect = fields.choice_list(raw, "detect", list(_PERSONAL), required=True)
        self.needs_digits = "email" not in self.detect
        self.names = self.labels[build.language]

    def check(self, scan: Scan) -> list[Match]:
        text = scan.text
        # Every detector but e-mail needs digits: skip the costly ones on digit-free text.
        if self.needs_digits and not _DIGITS.search(text):
            return []
        found = []
        for what in self.detect:
            for span in _PERSONAL[what](text):
                found.append(Match(span.start, span.end, "", {"what": self.names[what]}))
        return found


class Repetition(RuleKind):
    """The same text posted again and again by one author in one channel (flood).

        - id: flood
          kind: repetition
          times: 3
          within: 2m
    """

    kind = "repetition"
    keys = ("times", "within")
    default_action = "flag"
    live_only = True
    messages = {
        "fr": "Message répété {times} fois en {within} : merci de ne pas inonder le salon.",
        "en": "Same message {times} times within {within}: please don't flood the channel.",
    }
    placeholders = ("match", "suggestion", "times", "within")

    def __init__(self, raw: LocatedDict, build: Build, rule_id: str) -> None:
        super().__init__(raw, build, rule_id)
        times = fields.integer(raw, "times", 2)
        if times is None:
            raise SourceError(raw.where_self, "missing required key 'times' (2 or more)")
        self.times = times
        within = fields.duration(raw, "within", required=True)
        assert within is not None
        self.within = within
        self.within_text = str(raw["within"])

    def check(self, scan: Scan) -> list[Match]:
        if scan.flood is None or scan.at is None:
            return []
        fingerprint = scan.views.words.strip()
        if not fingerprint:
            return []
        key = (self.rule_id, scan.author, scan.channel)
        count = scan.flood.seen(key, fingerprint, scan.at, self.within)
        if count < self.times:
            return []
        return [Match(0, len(scan.text), "", {"times": count, "within": self.within_text})]


_UNICODE: dict[str, Callable[[str], list[Any]]] = {
    "invisible": detect.find_invisible,
    "zalgo": detect.find_zalgo,
    "mixed_script": detect.find_mixed_script,
}


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


MAX_PATTERN = 512
_RE2_HINTS = (
    ("(?=", "look-ahead (?=…)"), ("(?!", "negative look-ahead (?!…)"),
    ("(?<=", "look-behind (?<=…)"), ("(?<!", "negative look-behind (?<!…)"),
    ("(?>", "atomic group (?>…)"), ("++", "possessive quantifier ++"),
    ("*+", "possessive quantifier *+"), ("\\Z", "\\Z (write \\z)"),
)
_BACKREF = re.compile(r"\\[1-9]|\(\?P=")


def re2_options() -> re2.Options:
    options = re2.Options()
    options.max_mem = 64 << 20  # the 8 MiB default makes RE2 fall back to its slow NFA
    options.case_sensitive = False
    options.log_errors = False
    return options


def compile_pattern(source: str, where: Where) -> Any:
    """Compile a charter regex with RE2 (linear time), or explain why it cannot run."""
    if len(source) > MAX_PATTERN:
        raise SourceError(where, f"regex is {len(source)} characters long; the limit is "
                          f"{MAX_PATTERN}")
    unsupported = [label for token, label in _RE2_HINTS if token in source]
    if _BACKREF.search(source):
        unsupported.append("backreference (\\1, (?P=name))")
    try:
        return re2.compile(strip_accents(source), re2_options())
    except re2.error as exc:
        if unsupported:
            raise SourceError(where, "regex refused by the linear-time engine (RE2): it uses "
                              f"{', '.join(unsupported)}; rewrite it without that construct"
                              ) from None
        reason = exc.args[0] if exc.args else exc
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        raise SourceError(where, f"invalid regex: {reason}") from None


def strip_accents(source: str) -> str:
    """Patterns run on the folded view, so their literal letters are folded too."""
    decomposed = unicodedata.normalize("NFKD", source)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


class Pattern(RuleKind):
    """An expert regular expression (RE2 syntax: no look-arounds, no backreferences).

    It is matched case-insensitively on the text without accents, so write
    `gratuit` to catch "GRATUIT" and "gratüit".

        - id: argent-facile
          kind: pattern
          regex: 'gagne[rz]? \\d+ ?(€|euros)'
    """

    kind = "pattern"
    keys = ("regex",)
    messages = {
        "fr": "Formulation à éviter selon la charte : « {match} ».",
        "en": "Wording the charter asks to avoid: \u201c{match}\u201d.",
    }

    def __init__(self, raw: LocatedDict, build: Build, rule_id: str) -> None:
        super().__init__(raw, build, rule_id)
        source = fields.text(raw, "regex", required=True)
        assert source is not None
        self.source = source
        self.regex = compile_pattern(source, raw.where("regex"))
        self.slot = len(build.patterns)
        build.patterns.append(self)

    def check(self, scan: Scan) -> list[Match]:
        found = []  # woken by the engine only when the RE2 set says this pattern matched
        for m in self.regex.finditer(scan.views.folded):
            if m.end() > m.start():
                start, end = scan.views.folded_to_original(m.start(), m.end())
                found.append(Match(start, end))
            if len(found) >= 20:
                break
        return found


KINDS: dict[str, type[RuleKind]] = {
    cls.kind: cls
    for cls in (Forbidden, Replace, Register, Conditional, Count, Length, Links, PersonalData,
                Repetition, UnicodeTricks, Pattern)
}
