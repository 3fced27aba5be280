"""The routine's calendar, as pure functions: which local day an instant belongs to,
which days have a routine (weekdays, public holidays, closed days), which still
accept ticks, and the dates people type.

Everything here takes "today" (a local date) or an instant and a zone as
arguments, so DST changes and week-ends are tested without a clock.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

#: How far ahead a day off may be planned.
MAX_OFF_AHEAD = timedelta(days=366)

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})/(\d{1,2})(?:/(\d{4}))?$")
_WORDS = {
    "today": 0, "aujourd'hui": 0, "aujourdhui": 0, "auj": 0,
    "tomorrow": 1, "demain": 1,
    "yesterday": -1, "hier": -1,
}


def local_day(when: datetime, tz: ZoneInfo) -> date:
    """The local calendar day of an instant: a prompt at 09:30 CEST is on that date
    whatever its UTC offset."""
    return when.astimezone(tz).date()


def day_bounds(day: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """The UTC instants of local midnight starting `day` and the next day (23 or 25
    hours apart on DST days)."""
    start = datetime.combine(day, time(0), tzinfo=tz).astimezone(UTC)
    end = datetime.combine(day + timedelta(days=1), time(0), tzinfo=tz).astimezone(UTC)
    return start, end


def _no_holiday(day: date) -> str | None:
    return None


#: What `RoutineDays.closed_because` says of a closed day of the co-op's own.
CLOSED_DAY = ""


@dataclass(frozen=True, slots=True)
class RoutineDays:
    """The days the routine runs: its weekdays, except public holidays and the co-op's
    closed days. `holiday(day)` names the public holiday falling on `day`, in the
    bot's language (None when there is none)."""

    weekdays: frozenset[int]
    closed: frozenset[date] = frozenset()
    holiday: Callable[[date], str | None] = field(default=_no_holiday, compare=False)

    def closed_because(self, day: date) -> str | None:
        """Why a weekday of the routine has none: the public holiday's name, or
        `CLOSED_DAY` for one of the co-op's closed days; None when it is open or is
        not one of the routine's weekdays (which needs no reason)."""
        if day.weekday() not in self.weekdays:
            return None
        if day in self.closed:
            return CLOSED_DAY
        return self.holiday(day)

    def __contains__(self, day: object) -> bool:
        """Whether `day` has a routine."""
        return isinstance(day, date) and day.weekday() in self.weekdays \
            and self.closed_because(day) is None


@dataclass(frozen=True, slots=True)
class AnyRoutineDays:
    """The days at least one of several routines runs: an absence is a person's, so
    `/absent` covers the days of every routine they tick."""

    calendars: tuple[RoutineDays, ...]

    def closed_because(self, day: date) -> str | None:
        if day in self:
            return None
        return next((why for c in self.calendars if (why := c.closed_because(day)) is not None),
                    None)

    def __contains__(self, day: object) -> bool:
        return any(day in calendar for calendar in self.calendars)


Calendar = RoutineDays | AnyRoutineDays


def previous_routine_day(today: date, days: Calendar) -> date:
    """The last routine day strictly before `today` (Friday, seen from a Monday; the
    Wednesday before a Thursday of Ascension, seen from the Friday)."""
    day = today - timedelta(days=1)
    for _ in range(366):  # a routine closed for a whole year has no previous day
        if day in days:
            return day
        day -= timedelta(days=1)
    return today - timedelta(days=1)


def open_days(today: date, days: Calendar) -> tuple[date, ...]:
    """The days that accept ticks today: today when it has a routine, and the previous
    routine day, so Friday's forgotten ticks can still be added on Monday (or on the
    Tuesday after Easter Monday). Older days are closed: the review has been posted
    and the week moves on."""
    previous = previous_routine_day(today, days)
    return (today, previous) if today in days else (previous,)


def parse_day(text: str, today: date) -> date | None:
    """A date typed in a command: 2026-11-23, 23/11, 23/11/2026, today/aujourd'hui,
    tomorrow/demain, yesterday/hier. None when unreadable. A day-month without a
    year is this year's, or next year's when this year's is more than six months
    behind, because people plan holidays ahead; or last year's when that was less
    than two months ago and this year's is more than six months ahead (on 5
    January, "31/12" is last week)."""
    word = text.strip().lower().replace("\u2019", "'")
    if word in _WORDS:
        return today + timedelta(days=_WORDS[word])
    try:
        match = _ISO.match(word)
        if match:
            return date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
        match = _DAY_MONTH.match(word)
        if match:
            day, month = int(match.group(1)), int(match.group(2))
            if match.group(3):
                return date(int(match.group(3)), month, day)
            guess = date(today.year, month, day)
            if guess < today - timedelta(days=183):
                guess = date(today.year + 1, month, day)
            elif guess > today + timedelta(days=183):
                # In early January, "31/12" is last week, not next December.
                with contextlib.suppress(ValueError):
                    last_year = date(today.year - 1, month, day)
                    if today - last_year <= timedelta(days=62):
                        return last_year
            return guess
    except ValueError:
        return None
    return None


def looks_like_day(text: str) -> bool:
    """Whether a word is meant as a date (so `/routine done 23/11 tw-reply` is read
    as a day then an action)."""
    word = text.strip().lower().replace("\u2019", "'")
    return word in _WORDS or bool(_ISO.match(word) or _DAY_MONTH.match(word))
