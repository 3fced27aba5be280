"""Streaks: consecutive working days on which a member did at least `minimum` actions.

Pure functions over plain data, so every rule below is tested without a store.

Which days can break a streak
    Only *routine days*: days whose prompt was actually posted. So days outside
    the schedule (week-ends), days the bot was down and the prompt was skipped,
    and days before the routine existed never break a streak: nobody was asked.
Neutral days
    A day the member marked off (`/routine off`) neither counts nor breaks.
    Today does not break either while it is in progress: a streak is not lost at
    09:31 because nothing is ticked yet.
Counting days
    Any day with at least `minimum` actions counts, even an off day or a day
    whose prompt was skipped (the member worked: the effort is not thrown away).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class Streak:
    current: int
    best: int


def _verdict(day: date, counts: Mapping[date, int], routine_days: frozenset[date],
             off: frozenset[date], today: date, minimum: int) -> str:
    """"count", "neutral" or "break" for one day."""
    if counts.get(day, 0) >= minimum:
        return "count"
    if day >= today or day in off or day not in routine_days:
        return "neutral"
    return "break"


def _days(counts: Mapping[date, int], routine_days: Iterable[date], today: date) -> list[date]:
    return sorted(d for d in {*counts, *routine_days} if d <= today)


def current_streak(counts: Mapping[date, int], routine_days: Iterable[date],
                   off: Iterable[date], today: date, minimum: int) -> int:
    """The streak as of `today` (included when already reached, else in progress).

    `counts`: actions done by the member per day; `routine_days`: days whose prompt
    was posted; `off`: the member's days off.
    """
    posted, days_off = frozenset(routine_days), frozenset(off)
    streak = 0
    for day in reversed(_days(counts, posted, today)):
        verdict = _verdict(day, counts, posted, days_off, today, minimum)
        if verdict == "break":
            break
        streak += verdict == "count"
    return streak


def streaks(counts: Mapping[date, int], routine_days: Iterable[date], off: Iterable[date],
            today: date, minimum: int) -> Streak:
    """The current streak and the best one ever, as of `today`."""
    posted, days_off = frozenset(routine_days), frozenset(off)
    best = run = 0
    for day in _days(counts, posted, today):
        verdict = _verdict(day, counts, posted, days_off, today, minimum)
        if verdict == "break":
            run = 0
        elif verdict == "count":
            run += 1
            best = max(best, run)
    return Streak(run, best)  # the run still going at `today` is the current streak
