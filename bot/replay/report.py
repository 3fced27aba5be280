"""The replay itself and its report: verdicts, findings per rule with examples, the
busiest authors, rates per 1,000 messages; as text or as one JSON document."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from operator import attrgetter
from typing import Any

from bot.charter import ACTIONS, Charter, Finding, FloodTracker, verdict
from bot.phrases import Phrase, text_of
from bot.replay.exports import read_exports
from bot.replay.records import (
    EXAMPLES_PER_RULE,
    MAX_MATCH,
    TOP_AUTHORS,
    Export,
    Reading,
    Record,
)
from bot.typography import NARROW_NBSP


@dataclass(slots=True)
class Example:
    source: str
    at: datetime
    channel: str
    author: str
    match: str


@dataclass(slots=True)
class RuleTally:
    rule: str
    kind: str
    level: str
    action: str
    findings: int = 0
    examples: list[Example] = field(default_factory=list)


@dataclass(slots=True)
class AuthorTally:
    id: str
    name: str
    messages: int = 0
    not_ok: int = 0
    findings: int = 0


@dataclass
class Report:
    """The figures of one replay; only counters and capped examples, whatever the export size."""

    charter: str
    exports: list[str]
    read: int = 0
    skipped: int = 0
    first: datetime | None = None
    last: datetime | None = None
    verdicts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(("ok", *ACTIONS), 0))
    findings: int = 0
    not_ok: int = 0
    rules: dict[str, RuleTally] = field(default_factory=dict)
    authors: dict[str, AuthorTally] = field(default_factory=dict)
    errors: list[tuple[str, Phrase]] = field(default_factory=list)  # (where, problem)
    errors_total: int = 0

    def add(self, record: Record, findings: list[Finding], reading: Reading) -> None:
        message_verdict = verdict(findings)
        self.read += 1
        if self.first is None:
            self.first = record.at
        self.last = record.at
        self.verdicts[message_verdict] = self.verdicts.get(message_verdict, 0) + 1
        author = self.authors.get(record.author)
        if author is None:
            author = self.authors[record.author] = AuthorTally(
                record.author, reading.name_of(record.author))
        author.messages += 1
        if message_verdict != "ok":
            self.not_ok += 1
            author.not_ok += 1
        for finding in findings:
            self.findings += 1
            author.findings += 1
            tally = self.rules.get(finding.rule)
            if tally is None:
                tally = self.rules[finding.rule] = RuleTally(
                    finding.rule, finding.kind, finding.level, finding.action)
            tally.findings += 1
            if len(tally.examples) < EXAMPLES_PER_RULE:
                tally.examples.append(Example(reading.where(record), record.at, record.channel,
                                              author.name, _cut(finding.match, MAX_MATCH)))

    def per_1000(self, count: int) -> float:
        return round(count * 1000 / self.read, 1) if self.read else 0.0

    def ranked_rules(self) -> list[RuleTally]:
        return sorted(self.rules.values(), key=lambda t: -t.findings)  # stable: first seen

    def busiest_authors(self) -> list[AuthorTally]:
        hit = [a for a in self.authors.values() if a.findings]
        hit.sort(key=lambda a: (-a.findings, -a.not_ok, a.name.casefold(), a.id))
        return hit[:TOP_AUTHORS]

    def as_dict(self) -> dict[str, Any]:
        """The `--format json` document (its shape is in the module docstring)."""
        return {
            "charter": self.charter,
            "exports": self.exports,
            "messages": {"read": self.read, "skipped": self.skipped, "not_ok": self.not_ok,
                         "first": _iso_text(self.first), "last": _iso_text(self.last)},
            "verdicts": dict(self.verdicts),
            "findings": self.findings,
            "per_1000": {"findings": self.per_1000(self.findings),
                         "not_ok": self.per_1000(self.not_ok)},
            "rules": [{"rule": t.rule, "kind": t.kind, "level": t.level, "action": t.action,
                       "findings": t.findings,
                       "examples": [{"source": e.source, "at": _iso_text(e.at),
                                     "channel": e.channel, "author": e.author, "match": e.match}
                                    for e in t.examples]}
                      for t in self.ranked_rules()],
            "authors": [{"author": a.name, "id": a.id, "findings": a.findings,
                         "messages": a.messages, "not_ok": a.not_ok}
                        for a in self.busiest_authors()],
            "errors": [{"source": where, "error": problem.render("en")}
                       for where, problem in self.errors],
            "errors_total": self.errors_total,
        }

    def as_text(self, language: str = "en") -> str:
        """The `--format text` report, for a person reading a terminal, in `language`."""
        def say(phrase: Phrase) -> str:
            return phrase.render(language)

        def count(value: int) -> _Count:
            return _Count(value, language)

        def rate(value: int) -> str:
            return _decimal(self.per_1000(value), language)

        lines = [say(Phrase("Replay with charter {charter} of {exports}",
                            charter=self.charter, exports=", ".join(self.exports)))]
        period = (Phrase(", {first} to {last} UTC", first=_short_time(self.first),
                         last=_short_time(self.last)) if self.first and self.last else "")
        lines.append(say(Phrase("Messages: {read} read, {skipped} skipped (system and bot "
                                "messages){period}", read=count(self.read),
                                skipped=count(self.skipped), period=period)))
        verdicts = [Phrase("{verdict} {count}", verdict=NAMES.get(v, v), count=count(n))
                    for v, n in self.verdicts.items()]
        lines.append(say(Phrase("Verdicts: {verdicts}", verdicts=verdicts)))
        lines.append(say(Phrase("Findings: {findings} ({findings_rate} per 1,000 messages); "
                                "messages not ok: {not_ok} ({not_ok_rate} per 1,000)",
                                findings=count(self.findings), findings_rate=rate(self.findings),
                                not_ok=count(self.not_ok), not_ok_rate=rate(self.not_ok))))
        if self.rules:
            lines += ["", say(Phrase("Findings per rule:"))]
            for tally in self.ranked_rules():
                lines.append(say(Phrase("  {rule} ({kind}, {level}, {action}): {count}",
                                        rule=tally.rule, kind=tally.kind,
                                        level=LEVELS.get(tally.level, tally.level),
                                        action=NAMES.get(tally.action, tally.action),
                                        count=count(tally.findings))))
                for e in tally.examples:
                    lines.append(say(Phrase('    {source}  {at}  #{channel}  {author}: "{match}"',
                                            source=e.source, at=_short_time(e.at),
                                            channel=e.channel, author=e.author,
                                            match=" ".join(e.match.split()))))
        authors = self.busiest_authors()
        if authors:
            lines += ["", say(Phrase("Busiest authors (by findings):"))]
            width = max(len(a.name) for a in authors)
            for a in authors:
                lines.append(say(Phrase("  {name}  {findings} finding(s), {not_ok} not ok of "
                                        "{messages} message(s)", name=a.name.ljust(width),
                                        findings=count(a.findings), not_ok=count(a.not_ok),
                                        messages=count(a.messages))))
        if self.errors_total:
            lines += ["", say(Phrase("Problems while reading ({count}):",
                                     count=count(self.errors_total)))]
            lines += [f"  {where}: {text_of(problem, language)}"
                      for where, problem in self.errors]
            if self.errors_total > len(self.errors):
                lines.append(say(Phrase("  ... and {count} more",
                                        count=count(self.errors_total - len(self.errors)))))
        return "\n".join(lines) + "\n"


#: Verdicts (a rule's action is the verdict it gives) and levels, as the report names them.
NAMES = {"ok": Phrase("ok"), "suggest": Phrase("suggest"), "warn": Phrase("warn"),
         "flag": Phrase("flag"), "block": Phrase("block")}
LEVELS = {"error": Phrase("error"), "warning": Phrase("warning"), "info": Phrase("info")}


class _Count(int):
    """A whole number of the report: an int, so that "(s)" agrees with it, written with
    French digit grouping (a narrow no-break space) in French."""

    language: str

    def __new__(cls, value: int, language: str) -> _Count:
        number = super().__new__(cls, value)
        number.language = language
        return number

    def __format__(self, spec: str) -> str:
        if self.language == "fr" and not spec:
            return f"{int(self):,}".replace(",", NARROW_NBSP)
        return format(int(self), spec)


def _decimal(value: float, language: str) -> str:
    """A rate with one decimal: "1,234.5" in English, "1 234,5" in French."""
    text = f"{value:,.1f}"
    if language == "fr":
        text = text.replace(",", NARROW_NBSP).replace(".", ",")
    return text


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _iso_text(at: datetime | None) -> str | None:
    return at.isoformat() if at is not None else None


def _short_time(at: datetime | None) -> str:
    return at.strftime("%Y-%m-%d %H:%M:%S") if at is not None else ""


def replay(charter: Charter, exports: list[Export]) -> Report:
    """Read the exports, sort their messages by time, check each one as a chat message.

    One FloodTracker for the whole history, fed in time order, is what lets a
    `repetition` rule see a flood that spans days, files or exports.
    """
    reading = read_exports(exports)
    records = reading.records
    records.sort(key=attrgetter("at"))  # stable: equal times keep their reading order
    report = Report(charter.name, [e.name for e in exports], skipped=reading.skipped,
                    errors=reading.errors, errors_total=reading.errors_total)
    tracker = FloodTracker()
    for record in records:
        findings = charter.check(record.text, "chat", None, flood=tracker,
                                 author=record.author, channel=record.channel, at=record.at)
        report.add(record, findings, reading)
    return report
