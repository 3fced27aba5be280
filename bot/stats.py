"""Figures a cog contributes to `/stats` and the weekly report.

A cog that has something to count registers a source with the host
(`bot.add_stats(name, title_key, source, position=...)`), as it registers a home
section: `source(period)` returns a `StatsSection` — the lines of the report card
(already translated), the same figures as rows for the CSV export, whether
anything happened, and optionally one panel of the weekly chart. The reports cog
only lays sections out, in `position` order; it never imports another cog, so a
new cog's figures appear in the report without touching the reports cog.

Pure values and formatting helpers: nothing here reads the store or the clock.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Literal
from zoneinfo import ZoneInfo

DASH = "—"


@dataclass(frozen=True, slots=True)
class Period:
    """Local days `first`..`last` included, as the instants [start, end) (aware, in the
    configured zone)."""

    kind: str  # "week", "month" (rolling, for /stats) or "weekly" (a calendar week)
    first: date
    last: date
    start: datetime
    end: datetime


def _midnight(day: date, tz: ZoneInfo) -> datetime:
    """Local midnight, kept in the configured zone: an instant for those who compare
    instants, and the right local date for those who bucket by `strftime('%Y-%m-%d')`."""
    return datetime.combine(day, time(0), tzinfo=tz)


def days_period(kind: str, first: date, last: date, tz: ZoneInfo) -> Period:
    return Period(kind, first, last, _midnight(first, tz), _midnight(last + timedelta(days=1), tz))


Value = int | float | None


@dataclass(frozen=True, slots=True)
class Figure:
    """One CSV row: `metric` (e.g. "messages_checked") about `subject` ("" for the whole
    team, a member's name, a rule id). Rates are fractions, durations seconds; None
    when the figure is not available (an empty cell)."""

    metric: str
    value: Value
    subject: str = ""


@dataclass(frozen=True, slots=True)
class ChartPanel:
    """A source's panel of the weekly chart, declared once: a team rate (one value, 0 to
    1, drawn on a 0–100 % axis) or counts (grouped bars on a shared scale, one per
    legend entry). Texts are catalogue keys; `unavailable` is shown when no week has
    a figure."""

    title: str
    kind: Literal["rate", "counts"]
    legend: tuple[str, ...] = ()
    unavailable: str = ""


@dataclass(frozen=True, slots=True)
class StatsSection:
    """A cog's part of a report for one period. `chart` holds this period's values for
    the source's chart panel (one per legend entry; one for a rate)."""

    lines: tuple[str, ...]
    figures: tuple[Figure, ...]
    active: bool  # something happened: a report with no active section is not posted
    chart: tuple[Value, ...] = ()
    #: A rate panel's goal (0 to 1), drawn as a line across it; None: no goal.
    goal: float | None = None


StatsSource = Callable[[Period], Awaitable[StatsSection]]


@dataclass(frozen=True, slots=True)
class StatsEntry:
    """A registered source: `name` is the CSV category, `title` the catalogue key of the
    section's heading (shown with a dash when the source fails)."""

    name: str
    title: str
    source: StatsSource
    position: int
    chart: ChartPanel | None = None


# --------------------------------------------------------------------------- formatting


def format_percent(rate: float | None, language: str) -> str:
    """35 % in French (with a no-break space, as French typography wants), 35% in
    English; a dash when there is no rate."""
    if rate is None:
        return DASH
    value = round(rate * 100)
    return f"{value}\u00a0%" if language == "fr" else f"{value}%"


def format_duration(seconds: float | None, language: str) -> str:
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


def format_number(value: Value) -> str:
    return DASH if value is None else str(value)


def rate(value: float | None) -> float | None:
    """A rate as written in the CSV: a fraction rounded to four places."""
    return None if value is None else round(value, 4)
