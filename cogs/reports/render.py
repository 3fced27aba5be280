"""The report as text and as CSV rows: pure functions of the gathered figures.

Both are built from the same `rows()` walk so that `/stats`, the weekly card and
`/stats export` can never disagree. A figure that is not available (the cog that
provides it is missing) is "—" in text and an empty cell in the CSV.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import date
from typing import Any

from bot.model import Card
from cogs.reports.figures import Period
from cogs.routine.messages import format_percent

Translate = Callable[..., str]
DASH = "—"
CSV_HEADER = ("period_start", "period_end", "category", "metric", "subject", "value")


def short_day(day: date, language: str) -> str:
    return f"{day:%d/%m/%Y}" if language == "fr" else day.isoformat()


def duration(seconds: float | None, language: str) -> str:
    """A median delay as people say it: 45 s, 12 min, 1 h 20 min, 2 j 3 h / 2 d 3 h."""
    if seconds is None:
        return DASH
    total = round(seconds)
    days, rest = divmod(total, 86400)
    hours, rest = divmod(rest, 3600)
    minutes, secs = divmod(rest, 60)
    if days:
        return f"{days} {'j' if language == 'fr' else 'd'}" + (f" {hours} h" if hours else "")
    if hours:
        return f"{hours} h" + (f" {minutes} min" if minutes else "")
    return f"{minutes} min" if minutes else f"{secs} s"


def _get(values: dict[str, Any] | None, key: str) -> Any:
    return None if values is None else values.get(key)


def _num(value: Any) -> str:
    return DASH if value is None else str(value)


def report_lines(t: Translate, language: str, figures: dict[str, Any]) -> list[str]:
    """Routine, moderation and drafts, one block each."""
    routine = figures["routine"]
    lines = []
    if routine["days"]:
        lines.append(t("reports.routine", days=routine["days"],
                       rate=format_percent(routine["completion_rate"], language)))
    else:
        lines.append(t("reports.routine.none"))
    if routine["skipped_days"]:
        lines.append(t("reports.routine.skipped", count=routine["skipped_days"]))
    if routine["members"]:
        lines.append(t("reports.routine.members"))
        lines += [t("reports.routine.member", name=m["name"],
                    rate=format_percent(m["rate"], language), done=m["done"],
                    possible=m["possible"], streak=m["streak"], best=m["best_streak"])
                  for m in routine["members"]]
    if routine["sections"]:
        sections = " · ".join(f"{s['title']} {format_percent(s['rate'], language)}"
                              for s in routine["sections"])
        lines.append(t("reports.routine.sections", sections=sections))
    moderation = figures["moderation"]
    by_rule = _get(moderation, "findings_by_rule")
    rules = DASH if by_rule is None else (", ".join(
        f"{rule} {count}" for rule, count in sorted(by_rule.items(), key=lambda kv: (-kv[1],
                                                                                     kv[0])))
        or t("reports.none"))
    lines += [
        t("reports.moderation"),
        t("reports.moderation.checked", checked=_num(_get(moderation, "messages_checked")),
          opened=_num(_get(moderation, "items_opened")),
          resolved=_num(_get(moderation, "items_resolved"))),
        t("reports.moderation.rules", rules=rules),
        t("reports.moderation.median",
          median=duration(_get(moderation, "median_first_action_seconds"), language)),
    ]
    drafts = figures["drafts"]
    lines += [
        t("reports.drafts"),
        t("reports.drafts.counts", **{k: _num(_get(drafts, k))
                                      for k in ("submitted", "passed", "published", "rejected")}),
        t("reports.drafts.timing",
          median=duration(_get(drafts, "median_decision_seconds"), language),
          turnout=format_percent(_get(drafts, "vote_participation"), language)),
    ]
    return lines


def report_card(t: Translate, language: str, figures: dict[str, Any]) -> Card:
    period: Period = figures["period"]
    title = t(f"reports.title.{period.kind}", first=short_day(period.first, language),
              last=short_day(period.last, language))
    return Card(title, "\n".join(report_lines(t, language, figures)))


def rows(figures: dict[str, Any]) -> Iterator[tuple[str, str, str, object]]:
    """(category, metric, subject, value) for every figure; value None when unavailable.

    Rates are fractions (0.35), durations seconds: the CSV is for spreadsheets.
    """
    routine = figures["routine"]
    yield "routine", "days", "", routine["days"]
    yield "routine", "skipped_days", "", routine["skipped_days"]
    yield "routine", "done", "team", routine["done"]
    yield "routine", "possible", "team", routine["possible"]
    yield "routine", "completion_rate", "team", _rate(routine["completion_rate"])
    for member in routine["members"]:
        yield "routine", "done", member["name"], member["done"]
        yield "routine", "possible", member["name"], member["possible"]
        yield "routine", "completion_rate", member["name"], _rate(member["rate"])
        yield "routine", "streak", member["name"], member["streak"]
        yield "routine", "best_streak", member["name"], member["best_streak"]
    for section in routine["sections"]:
        yield "routine", "section_done", section["title"], section["done"]
        yield "routine", "section_possible", section["title"], section["possible"]
        yield "routine", "section_completion_rate", section["title"], _rate(section["rate"])
    moderation = figures["moderation"]
    for key in ("messages_checked", "items_opened", "items_resolved",
                "median_first_action_seconds"):
        yield "moderation", key, "", _get(moderation, key)
    by_rule = _get(moderation, "findings_by_rule")
    if by_rule is None:
        yield "moderation", "findings", "", None
    for rule, count in sorted((by_rule or {}).items()):
        yield "moderation", "findings", rule, count
    drafts = figures["drafts"]
    for key in ("submitted", "passed", "published", "rejected", "median_decision_seconds",
                "vote_participation"):
        yield "drafts", key, "", _get(drafts, key)


def _rate(value: float | None) -> float | None:
    return None if value is None else round(value, 4)


def to_csv(figures: dict[str, Any]) -> bytes:
    """The figures as CSV: UTF-8 with a BOM (so spreadsheets read the accents), comma
    separated, one figure per row, dates as ISO."""
    period: Period = figures["period"]
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_HEADER)
    for category, metric, subject, value in rows(figures):
        writer.writerow((period.first.isoformat(), period.last.isoformat(), category, metric,
                         subject, "" if value is None else value))
    return out.getvalue().encode("utf-8-sig")
