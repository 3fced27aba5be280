"""The routine's calendar and streak rules, as pure functions (no store, no clock)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from cogs.routine.days import (
    RoutineDays,
    day_bounds,
    local_day,
    looks_like_day,
    open_days,
    parse_day,
    previous_routine_day,
)
from cogs.routine.streaks import current_streak, streaks

PARIS = ZoneInfo("Europe/Paris")
WEEKDAYS = RoutineDays(frozenset(range(5)))
MON, TUE, WED, THU, FRI, SAT, SUN = (date(2026, 11, 23) + timedelta(days=i) for i in range(7))
NEXT_MON, NEXT_TUE, NEXT_WED = (date(2026, 11, 30) + timedelta(days=i) for i in range(3))


def test_local_day_follows_the_wall_clock_across_dst() -> None:
    # 09:30 in Paris is 08:30 UTC in winter and 07:30 UTC in summer: same local day.
    assert local_day(datetime(2026, 3, 27, 8, 30, tzinfo=UTC), PARIS) == date(2026, 3, 27)
    assert local_day(datetime(2026, 3, 30, 7, 30, tzinfo=UTC), PARIS) == date(2026, 3, 30)
    # 23:30 UTC on the Saturday is already Sunday in Paris.
    assert local_day(datetime(2026, 10, 24, 23, 30, tzinfo=UTC), PARIS) == date(2026, 10, 25)
    start, end = day_bounds(date(2026, 10, 25), PARIS)  # the 25-hour day
    assert end - start == timedelta(hours=25)
    start, end = day_bounds(date(2026, 3, 29), PARIS)  # the 23-hour day
    assert end - start == timedelta(hours=23)


def test_ticks_are_open_today_and_on_the_previous_routine_day() -> None:
    assert open_days(MON, WEEKDAYS) == (MON, date(2026, 11, 20))  # Friday stays open on Monday
    assert open_days(WED, WEEKDAYS) == (WED, TUE)
    assert open_days(SUN, WEEKDAYS) == (FRI,)  # no routine on Sunday: Friday only
    assert previous_routine_day(SAT, WEEKDAYS) == FRI
    assert open_days(TUE, RoutineDays(frozenset({0, 3}))) == (MON,)


@pytest.mark.parametrize("text, expected", [
    ("2026-11-27", FRI), ("27/11", FRI), ("27/11/2026", FRI), ("aujourd'hui", WED),
    ("aujourd\u2019hui", WED), ("today", WED), ("demain", THU), ("Tomorrow", THU), ("hier", TUE),
    ("15/01", date(2027, 1, 15)),  # a day-month long gone this year is next year's
    ("02/11", date(2026, 11, 2)), ("31/02", None), ("2026-13-01", None), ("lundi", None),
])
def test_dates_people_type(text, expected) -> None:
    assert parse_day(text, WED) == expected
    assert looks_like_day(text) == (text not in ("lundi",))


def test_a_day_month_at_the_turn_of_the_year() -> None:
    assert parse_day("31/12", date(2027, 1, 5)) == date(2026, 12, 31)  # last week
    assert parse_day("4/1", date(2026, 12, 24)) == date(2027, 1, 4)  # next week
    assert parse_day("15/12", date(2026, 6, 1)) == date(2026, 12, 15)  # planned ahead
    assert parse_day("29/02", date(2029, 1, 5)) is None  # no 29 February in 2029


def days(*items: date) -> frozenset[date]:
    return frozenset(items)


WEEK = days(MON, TUE, WED, THU, FRI, NEXT_MON, NEXT_TUE, NEXT_WED)


def test_a_streak_is_kept_across_the_weekend_and_broken_by_a_missed_day() -> None:
    counts = {MON: 10, TUE: 12, WED: 10, THU: 11, FRI: 10, NEXT_MON: 10}
    assert current_streak(counts, WEEK, (), NEXT_MON, 10) == 6
    # Next Tuesday nothing was done: while Tuesday is today, it is in progress...
    assert current_streak(counts, WEEK, (), NEXT_TUE, 10) == 6
    # ...and once it is over, the streak is broken.
    assert current_streak(counts, WEEK, (), NEXT_WED, 10) == 0
    counts[NEXT_WED] = 10
    assert streaks(counts, WEEK, (), NEXT_WED, 10).current == 1
    assert streaks(counts, WEEK, (), NEXT_WED, 10).best == 6


def test_neutral_days_neither_count_nor_break() -> None:
    counts = {MON: 10, WED: 10}
    # Tuesday below the minimum breaks...
    assert current_streak({**counts, TUE: 9}, WEEK, (), WED, 10) == 1
    # ...unless it was a day off...
    assert current_streak(counts, WEEK, {TUE}, WED, 10) == 2
    # ...or a day whose prompt was never posted (bot down, skipped).
    assert current_streak(counts, WEEK - {TUE}, (), WED, 10) == 2
    # A day off on which the member worked anyway counts.
    assert current_streak({**counts, TUE: 10}, WEEK, {TUE}, WED, 10) == 3
    # Days after `today` are ignored; days before the first tick do not matter.
    assert current_streak({MON: 10, FRI: 10}, WEEK, (), TUE, 10) == 1
    assert streaks({}, WEEK, (), NEXT_WED, 10) == streaks({}, (), (), NEXT_WED, 10)
