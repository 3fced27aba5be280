"""Gathering the team's figures: routine, moderation and drafts, for one period.

The moderation and drafts cogs each provide `stats.period_stats(store, start, end)`
(start and end are timezone-aware instants, end excluded). They may be missing
(not installed yet, or broken): their figures are then None, shown as "—" and
left empty in the CSV, and the rest of the report still goes out.
"""

from __future__ import annotations

import importlib
import inspect
import logging
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from cogs.routine.stats import period_stats as routine_stats
from cogs.routine.stats import resolve_roster

if TYPE_CHECKING:
    from bot.host import Bot
    from bot.store import Store

log = logging.getLogger(__name__)

SOURCES = {"moderation": "cogs.moderation.stats", "drafts": "cogs.drafts.stats"}
#: Weeks shown in the weekly report's chart.
CHART_WEEKS = 8


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


def rolling_period(kind: str, now: datetime, tz: ZoneInfo) -> Period:
    """`/stats week`: the last 7 days, today included; `/stats month`: the last 30."""
    today = now.astimezone(tz).date()
    length = 30 if kind == "month" else 7
    return days_period(kind, today - timedelta(days=length - 1), today, tz)


def previous_week(now: datetime, tz: ZoneInfo) -> Period:
    """The calendar week (Monday to Sunday) before the one holding `now`: what Monday
    morning's report is about."""
    today = now.astimezone(tz).date()
    monday = today - timedelta(days=today.weekday() + 7)
    return days_period("weekly", monday, monday + timedelta(days=6), tz)


def _source(name: str) -> Any:
    """The `period_stats` of another cog, or None when that cog is not there (yet)."""
    try:
        module = importlib.import_module(SOURCES[name])
    except ModuleNotFoundError as exc:
        if exc.name and SOURCES[name].startswith(exc.name):
            return None  # the cog (or its stats module) is not installed: not an error
        log.exception("cannot import %s", SOURCES[name])
        return None
    except Exception:
        log.exception("cannot import %s", SOURCES[name])
        return None
    return getattr(module, "period_stats", None)


async def other_stats(name: str, store: Store, start: datetime, end: datetime
                      ) -> dict[str, Any] | None:
    """Moderation or drafts figures, or None when unavailable (never raises)."""
    function = _source(name)
    if function is None:
        return None
    try:
        result = function(store, start, end)
        if inspect.isawaitable(result):
            result = await result
    except Exception:
        log.exception("%s.period_stats failed", SOURCES[name])
        return None
    return dict(result) if isinstance(result, dict) else None


async def gather(bot: Bot, period: Period) -> dict[str, Any]:
    """Every figure of the period: {"period", "routine", "moderation", "drafts"}."""
    settings = bot.config.routine
    routine = await routine_stats(bot.store, period.start, period.end,
                                  streak_min=settings.streak_min,
                                  roster=await resolve_roster(bot), tz=bot.config.tz)
    return {
        "period": period,
        "routine": routine,
        "moderation": await other_stats("moderation", bot.store, period.start, period.end),
        "drafts": await other_stats("drafts", bot.store, period.start, period.end),
    }


def is_empty(figures: dict[str, Any]) -> bool:
    """Nothing happened: no routine day, and no moderation or drafts activity."""
    if figures["routine"]["days"]:
        return False
    for name in SOURCES:
        values = figures[name] or {}
        if any(isinstance(v, int | float) and not isinstance(v, bool) and v for v in
               values.values()) or any(values.get("findings_by_rule", {}).values()):
            return False
    return True


@dataclass(frozen=True, slots=True)
class WeekPoint:
    """One bar group of the chart."""

    monday: date
    routine_rate: float | None
    findings: int | None
    opened: int | None
    resolved: int | None


async def weekly_series(bot: Bot, last_monday: date, weeks: int = CHART_WEEKS
                        ) -> list[WeekPoint]:
    """Routine completion and moderation activity for `weeks` calendar weeks ending
    with the one starting `last_monday`."""
    tz = bot.config.tz
    roster = await resolve_roster(bot)
    points = []
    for back in range(weeks - 1, -1, -1):
        monday = last_monday - timedelta(weeks=back)
        period = days_period("weekly", monday, monday + timedelta(days=6), tz)
        routine = await routine_stats(bot.store, period.start, period.end,
                                      streak_min=bot.config.routine.streak_min,
                                      roster=roster, tz=tz)
        moderation = await other_stats("moderation", bot.store, period.start, period.end)
        points.append(WeekPoint(monday, routine["completion_rate"],
                                _findings(moderation),
                                _int(moderation, "items_opened"),
                                _int(moderation, "items_resolved")))
    return points


def _int(values: dict[str, Any] | None, key: str) -> int | None:
    value = (values or {}).get(key)
    return int(value) if isinstance(value, int | float) and not isinstance(value, bool) else None


def _findings(values: dict[str, Any] | None) -> int | None:
    by_rule = (values or {}).get("findings_by_rule")
    if not isinstance(by_rule, dict):
        return None
    return sum(int(v) for v in by_rule.values() if isinstance(v, int | float))
