"""A composed charter, compiled for fast checks, and the findings it produces.

`Charter.check(text, context, network)` is the hot path: one pass of the term
automata, one RE2 set search for all patterns, and only then the rules that
have something to look at. Which rules those are is what each kind declares
(`RuleKind.wake`): the engine never names a kind. It is pure and synchronous:
no I/O, no asyncio.
"""

from __future__ import annotations

import string
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from bot.charter.kinds import FloodTracker, Match, RuleKind, Scan, Wake
from bot.charter.normalise import TextViews
from bot.charter.reading import Reader
from bot.charter.regexes import pattern_set
from bot.charter.terms import TermIndex
from bot.located.yamlsrc import SourceError, Where
from bot.phrases import Phrase

LEVELS = ("info", "warning", "error")
ACTIONS = ("suggest", "warn", "flag", "block")  # weakest to strongest
CONTEXTS = ("chat", "draft")
# Longer texts are checked on their first MAX_TEXT characters (Facebook's limit is 63,206).
MAX_TEXT = 100_000


@dataclass(frozen=True, slots=True)
class Finding:
    """One thing a rule reported, with offsets into the original text."""

    rule: str
    kind: str
    level: str
    action: str
    message: str
    start: int
    end: int
    match: str
    suggestion: str = ""
    #: The rule's title for people ("Insultes"), or "" when the charter gives none.
    title: str = ""
    #: What replaces `match` to fix it without a person choosing, or None (see `Match`).
    fix: str | None = None
    #: Found by a rule in shadow mode (`mode: shadow`): counted, never acted on.
    shadow: bool = False

    @property
    def label(self) -> str:
        """How people see the rule: its title, else its id."""
        return self.title or self.rule

    def as_dict(self) -> dict[str, Any]:
        return {"rule": self.rule, "kind": self.kind, "level": self.level,
                "action": self.action, "message": self.message, "start": self.start,
                "end": self.end, "match": self.match, "title": self.title,
                **({"fix": self.fix} if self.fix is not None else {})}


@dataclass(frozen=True, slots=True)
class Example:
    text: str
    where: Where
    bad: bool


@dataclass(slots=True)
class Rule:
    """The fields every rule has, around the kind-specific check."""

    id: str
    kind: str
    level: str
    action: str
    message: str | None
    applies_to: frozenset[str]
    networks: frozenset[str] | None
    why: str
    examples: list[Example]
    impl: RuleKind
    where: Where
    language: str
    title: str = ""  # for people; the id is for the charter's authors
    #: `mode: shadow`: run only when asked (`Charter.check(shadow=True)`), its findings
    #: marked, so it can be measured before it acts.
    shadow: bool = False
    #: Channels (names, case-folded, without '#') whose chat messages it leaves alone:
    #: an exception a moderator made from the review queue.
    except_channels: frozenset[str] = frozenset()

    def applies(self, context: str, network: str | None) -> bool:
        if context not in self.applies_to:
            return False
        if self.networks is None:
            return True
        return context == "draft" and network in self.networks

    def render(self, match: Match, matched: str) -> str:
        template = self.message or self.impl.messages.get(self.language,
                                                           self.impl.messages["en"])
        values = {"match": matched, "suggestion": match.suggestion,
                  **{k: "" if v is None else v for k, v in match.values.items()}}
        return template.format_map(_Lenient(values))


class _Lenient(dict):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


def check_placeholders(message: str, allowed: tuple[str, ...], where: Where) -> None:
    """Refuse a message whose {placeholders} the rule cannot fill."""
    try:
        names = [name for _, name, _, _ in string.Formatter().parse(message) if name is not None]
    except ValueError as exc:
        raise SourceError(where, "message has unbalanced braces ({reason}); write {{{{ and }}}} "
                          "for literal braces", reason=exc) from None
    for name in names:
        if name not in allowed:
            raise SourceError(where, "unknown placeholder {{{name}}} in message; this rule can use "
                              "{allowed}", name=name,
                              allowed=", ".join("{" + a + "}" for a in allowed))


def fixed(text: str, findings: Iterable[Finding]) -> str:
    """`text` with the findings' fixes applied (those that have one)."""
    return apply_fixes(text, [(f.start, f.end, f.fix) for f in findings if f.fix is not None])


def apply_fixes(text: str, fixes: Iterable[tuple[int, int, str]]) -> str:
    """`text` with each (start, end, replacement); where two overlap, the first in the
    text wins and the other is left for a person."""
    out, at = [], 0
    for start, end, replacement in sorted(fixes, key=lambda fix: (fix[0], fix[1])):
        if start < at:
            continue
        out += [text[at:start], replacement]
        at = end
    out.append(text[at:])
    return "".join(out)


def strongest(actions: list[str]) -> str | None:
    return max(actions, key=ACTIONS.index) if actions else None


def verdict(findings: list[Finding]) -> str:
    return strongest([f.action for f in findings]) or "ok"


@dataclass(slots=True)
class _Active:
    """Rules for one (context, network): checked always, or woken by a term group or pattern."""

    always: list[Rule]
    by_group: dict[int, list[Rule]]
    by_pattern: dict[int, Rule]


class Charter:
    """A loaded, composed and compiled charter."""

    def __init__(self, name: str, title: str, language: str, path: Path | None,
                 rules: list[Rule], index: TermIndex, parents: list[str]) -> None:
        self.name = name
        self.title = title
        self.language = language
        self.path = path
        self.rules = rules
        self.parents = parents
        #: Canned reasons for moderators' decisions (`reasons:`), id -> text.
        self.reasons: dict[str, str] = {}
        self._index = index
        index.build()
        self._reader = Reader("fr" if language.lower().startswith("fr") else "en")
        # Exceptions shield; a shield is never taken back (reading.py reads the words found).
        self._shields = frozenset(group for rule in rules
                                  for key, group in rule.impl.term_groups() if key == "except")
        # Rules woken by a regex: slot i of an RE2 set is the i-th of them. Patterns read
        # the folded text, or the normalised one (`normalise: true`): one set for each.
        woken = [rule for rule in rules if rule.impl.wake is Wake.PATTERN]
        self._patterns = [rule for rule in woken if not rule.impl.normalised]
        self._normalised = [rule for rule in woken if rule.impl.normalised]
        self._slots = {rule.id: slot for slot, rule in enumerate(self._patterns + self._normalised)}
        self._pattern_set = pattern_set([rule.impl.regex for rule in self._patterns])
        self._normalised_set = pattern_set([rule.impl.regex for rule in self._normalised])
        self._order = {rule.id: i for i, rule in enumerate(rules)}
        self._active: dict[tuple[str, str | None, bool], _Active] = {}
        self._off_in: dict[str, frozenset[str]] = {}

    def rule(self, rule_id: str) -> Rule | None:
        return next((r for r in self.rules if r.id == rule_id), None)

    def rules_off_in(self, channel_name: str) -> frozenset[str]:
        """The ids of the rules that leave a channel's chat alone (`except_channels`):
        the caller drops their findings (`check` reads a channel id, for floods)."""
        key = channel_name.strip().lstrip("#").casefold()
        if key not in self._off_in:
            self._off_in[key] = frozenset(r.id for r in self.rules if key in r.except_channels)
        return self._off_in[key]

    def covered(self, rule: Rule) -> list[tuple[str, dict[str, tuple[str, ...]]]]:
        """What a term rule finds: for each of its term groups (its YAML key: words,
        except...), the terms as written with their inflected forms."""
        return [(key, self._index.covered(group)) for key, group in rule.impl.term_groups()]

    def off(self) -> list[tuple[Rule, Phrase]]:
        """The rules that check nothing on this machine, and why (a spelling dictionary
        or Grammalecte not installed): shown by `garant check` and `/charter show`."""
        return [(rule, reason) for rule in self.rules
                if (reason := rule.impl.unavailable) is not None]

    def _rules_for(self, context: str, network: str | None, shadow: bool = False) -> _Active:
        """The rules that apply here, sorted by what wakes them (shadow-mode rules only
        when asked)."""
        key = (context, network, shadow)
        if key not in self._active:
            active = _Active([], {}, {})
            for rule in self.rules:
                if not rule.applies(context, network) or (rule.shadow and not shadow):
                    continue
                wake = rule.impl.wake
                if wake is Wake.PATTERN:
                    active.by_pattern[self._slots[rule.id]] = rule
                elif wake is Wake.TERMS:
                    for group in rule.impl.triggers:
                        active.by_group.setdefault(group, []).append(rule)
                else:
                    active.always.append(rule)
            self._active[key] = active
        return self._active[key]

    def check(self, text: str, context: str = "draft", network: str | None = None, *,
              flood: FloodTracker | None = None, author: str = "", channel: str = "",
              at: datetime | None = None, shadow: bool = False) -> list[Finding]:
        """Every finding of this charter on `text`, in text order; with `shadow`, also
        those of the rules in shadow mode (marked, for counting, never acting)."""
        if network == "x":
            network = "twitter"
        text = text[:MAX_TEXT]
        active = self._rules_for(context, network, shadow)
        views = TextViews(text)
        hits = self._index.scan(views) if active.by_group else {}
        if hits:
            hits = self._reader.read(hits, views, self._shields)
        woken: list[Rule] = []
        for group in hits:
            for rule in active.by_group.get(group, ()):
                if rule not in woken:
                    woken.append(rule)
        if active.by_pattern:
            woken += [active.by_pattern[slot] for slot in sorted(self._match_patterns(views))
                      if slot in active.by_pattern]
        scan = Scan(text, views, hits, context, network, flood, author, channel, at)
        findings = []
        for rule in (*active.always, *woken) if woken else active.always:
            for match in rule.impl.check(scan):
                matched = text[match.start:match.end]
                findings.append(Finding(rule.id, rule.kind, rule.level, rule.action,
                                        rule.render(match, matched), match.start, match.end,
                                        matched, match.suggestion, rule.title, match.fix,
                                        rule.shadow))
        if len(findings) > 1:
            order = self._order
            findings.sort(key=lambda f: (f.start, order[f.rule]))
        return findings

    def _match_patterns(self, views: TextViews) -> set[int]:
        slots = _matched(self._pattern_set, self._patterns, views.folded, 0)
        if self._normalised:
            slots |= _matched(self._normalised_set, self._normalised, views.normalised,
                              len(self._patterns))
        return slots


def _matched(regex_set: Any, rules: list[Rule], text: str, first: int) -> set[int]:
    """The slots (from `first`) of the rules whose regex matches `text`."""
    if not rules:
        return set()
    if regex_set is None:  # too big for one set: one by one
        return {first + slot for slot, rule in enumerate(rules) if rule.impl.regex.search(text)}
    return {first + slot for slot in
            regex_set.Match(text.encode("utf-8", "surrogatepass")) or ()}
