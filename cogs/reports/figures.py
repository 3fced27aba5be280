"""Gathering the team's figures for a period from every registered stats source.

Each cog that has something to count registers a source with the host
(`bot.add_stats`, see `bot/stats.py`): the routine, moderation and drafts do.
A source that fails is logged and shown as its heading with a dash, and the
rest of the report still goes out; a cog that is not installed simply has no
section.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.stats import (
    DASH,
    Period,
    StatsEntry,
    StatsSection,
    Value,
    days_period,
    format_percent,
)

if TYPE_CHECKING:
    from bot.host import Bot

log = logging.getLogger(__name__)

#: Weeks shown in the weekly report's chart.
CHART_WEEKS = 8


def rolling_period(kind: str, now: datetime, tz: ZoneInfo) -> Period:
    """`/stats week`: the last 7 days, today included; `/stats month`: the last 30;
    `/stats year`: the last 365."""
    today = now.astimezone(tz).date()
    length = {"month": 30, "year": 365}.get(kind, 7)
    return days_period(kind, today - timedelta(days=length - 1), today, tz)


def previous_week(now: datetime, tz: ZoneInfo) -> Period:
    """The calendar week (Monday to Sunday) before the one holding `now`: what Monday
    morning's report is about."""
    today = now.astimezone(tz).date()
    monday = today - timedelta(days=today.weekday() + 7)
    return days_period("weekly", monday, monday + timedelta(days=6), tz)


@dataclass(frozen=True, slots=True)
class Report:
    """Every section of a period, in the sources' order (None: the source failed)."""

    period: Period
    sections: tuple[tuple[StatsEntry, StatsSection | None], ...]

    @property
    def empty(self) -> bool:
        """Nothing happened: no section reports any activity."""
        return not any(section is not None and section.active
                       for _, section in self.sections)


async def section_of(bot: Bot, entry: StatsEntry, period: Period) -> StatsSection | None:
    """A source's section, or None when it fails (logged, never raised)."""
    try:
        return await entry.source(period)
    except Exception:
        log.exception("the %s figures failed", entry.name)
        return None


async def gather(bot: Bot, period: Period) -> Report:
    return Report(period, tuple([(entry, await section_of(bot, entry, period))
                                 for entry in bot.stats_sources()]))


def failed_lines(bot: Bot, entry: StatsEntry) -> tuple[str, ...]:
    return (bot.t(entry.title), f"  {DASH}")


@dataclass(frozen=True, slots=True)
class Panel:
    """One panel of the chart, with its values week by week (None: no figure)."""

    title: str
    kind: str
    legend: tuple[str, ...]
    unavailable: str
    weeks: tuple[tuple[date, tuple[Value, ...] | None], ...]
    goal: float | None = None  # a rate panel's goal line (0 to 1)
    goal_label: str = ""


#: A charted source's weeks: each Monday with that week's section (None: it failed).
Weeks = list[tuple[date, StatsSection | None]]


async def weekly_sections(bot: Bot, last_monday: date, weeks: int = CHART_WEEKS
                          ) -> list[tuple[StatsEntry, Weeks]]:
    """Each source that declared a panel, with its sections of `weeks` calendar weeks
    ending with the one starting `last_monday` (read once for every chart drawn)."""
    tz = bot.config.tz
    found = []
    for entry in bot.stats_sources():
        if entry.chart is None:
            continue
        sections: Weeks = []
        for back in range(weeks - 1, -1, -1):
            monday = last_monday - timedelta(weeks=back)
            period = days_period("weekly", monday, monday + timedelta(days=6), tz)
            sections.append((monday, await section_of(bot, entry, period)))
        found.append((entry, sections))
    return found


def goal_of(bot: Bot, weeks: Weeks) -> tuple[float | None, str]:
    """A rate panel's goal (the last week's) and its label."""
    last = weeks[-1][1] if weeks else None
    goal = last.goal if last is not None else None
    label = bot.t("reports.chart.goal", rate=format_percent(goal, bot.config.language)) \
        if goal is not None else ""
    return goal, label


def panels_of(bot: Bot, charted: list[tuple[StatsEntry, Weeks]]) -> list[Panel]:
    """The chart's panels: one per charted source."""
    t = bot.t
    panels = []
    for entry, weeks in charted:
        chart = entry.chart
        assert chart is not None
        values = [(monday, section.chart if section is not None else None)
                  for monday, section in weeks]
        panels.append(Panel(t(chart.title), chart.kind, tuple(t(k) for k in chart.legend),
                            t(chart.unavailable) if chart.unavailable else "",
                            since_first_figure(values), *goal_of(bot, weeks)))
    return panels


async def weekly_panels(bot: Bot, last_monday: date, weeks: int = CHART_WEEKS
                        ) -> list[Panel]:
    """The chart's panels for `weeks` calendar weeks ending with the one starting
    `last_monday`: one per source that declared a panel."""
    return panels_of(bot, await weekly_sections(bot, last_monday, weeks))


def since_first_figure(weeks: list[tuple[date, tuple[Value, ...] | None]]
                       ) -> tuple[tuple[date, tuple[Value, ...] | None], ...]:
    """The weeks from the first with a figure on: a routine started three weeks ago
    shows three weeks, not five empty ones before them (the last week stays, so a
    panel with no figure at all still says so)."""
    for index, (_, values) in enumerate(weeks):
        if values and any(value is not None for value in values):
            return tuple(weeks[index:])
    return tuple(weeks[-1:])
