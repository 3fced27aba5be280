"""The moderation cog's settings: garant.yaml's `moderation` section.

Quiet hours are pure: they need the instant and nothing else; wall times are read
in the configured zone, so DST changes move them with the local clock.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import ClassVar
from zoneinfo import ZoneInfo

from bot.located.fields import describe, fail
from bot.phrases import Phrase
from bot.settings import WEEKDAYS, WEEKEND, Section, format_time

DEFAULT_TIMEZONE = ZoneInfo("Europe/Paris")
QUIET_WINDOW_KEYS = ("days", "from", "to")
_WINDOWS = Phrase("windows (each with days, and from/to)")


@dataclass(frozen=True, slots=True)
class QuietWindow:
    """One line of the quiet-hours schedule.

    days: weekdays (0 = Monday) the window applies to.
    start, end: the YAML `from` and `to`, local wall times; both None means the
        whole day. When `start` is later than `end` the range crosses midnight:
        on each listed day it covers the hours before `end` and from `start` on.
        So "mon–fri, 19:00 to 09:00" plus "sat, sun" leaves exactly Monday to
        Friday 09:00–19:00 staffed, Monday morning included.
    """

    days: frozenset[int]
    start: time | None = None
    end: time | None = None

    def covers(self, local: datetime) -> bool:
        """Whether the local wall time `local` (already in the configured zone) is quiet."""
        if local.weekday() not in self.days:
            return False
        if self.start is None or self.end is None:
            return True
        now = local.time()
        if self.start < self.end:
            return self.start <= now < self.end
        return now >= self.start or now < self.end


DEFAULT_QUIET_HOURS = (
    QuietWindow(WEEKDAYS, time(19, 0), time(9, 0)),
    QuietWindow(WEEKEND),
)


@dataclass(frozen=True, slots=True)
class QuietHours:
    """When nobody is on duty: flagged messages are hidden until a moderator reviews them."""

    windows: tuple[QuietWindow, ...] = DEFAULT_QUIET_HOURS
    timezone: ZoneInfo = DEFAULT_TIMEZONE

    def is_quiet(self, when: datetime) -> bool:
        """Whether the instant `when` (timezone-aware) falls in quiet hours."""
        if when.tzinfo is None or when.utcoffset() is None:
            raise ValueError(f"naive datetime {when!r}: pass a timezone-aware datetime")
        local = when.astimezone(self.timezone)
        return any(window.covers(local) for window in self.windows)


@dataclass(frozen=True, slots=True)
class ModerationSettings:
    """How chat moderation behaves.

    moderators_exempt: moderators and the director are not blocked by chat rules
        (unless false); their messages are still checked and may be flagged.
    quiet_hours: the weekly schedule of hours nobody is on duty, in the config's
        timezone (see `quiet_hours_in`).
    reminder_after: open review items older than this are listed once a day.
    reports_to_hide: distinct members reporting a message hide it until reviewed.
    warnings_expire: a warning stops counting after this long.
    warnings_threshold: this many live warnings escalate to the moderators.
    threshold_timeout: on platforms that have timeouts (Discord), a member reaching
        the threshold is also timed out this long; None (the default) for no timeout.
    duty: who is on duty when (windows with `moderators`): they are told of each new
        item by direct message; empty (the default) for no roster.
    escalate_after: an item nobody has touched this long, with nobody on duty, goes to
        the publication director; None (the default) for no escalation.
    """

    SECTION: ClassVar[str] = "moderation"
    moderators_exempt: bool = True
    quiet_hours: tuple[QuietWindow, ...] = DEFAULT_QUIET_HOURS
    reminder_after: timedelta = timedelta(hours=24)
    reports_to_hide: int = 3
    warnings_expire: timedelta = timedelta(days=90)
    warnings_threshold: int = 3
    threshold_timeout: timedelta | None = None
    duty: tuple[DutyWindow, ...] = ()
    escalate_after: timedelta | None = None

    def quiet_hours_in(self, timezone: ZoneInfo) -> QuietHours:
        return QuietHours(self.quiet_hours, timezone)

    def on_duty(self, when: datetime, timezone: ZoneInfo) -> tuple[str, ...] | None:
        """Who is on duty at the instant `when` (None: no roster, so the quiet hours
        say whether someone is)."""
        if not self.duty:
            return None
        local = when.astimezone(timezone)
        return tuple(dict.fromkeys(name for window in self.duty if window.hours.covers(local)
                                   for name in window.moderators))

    def chat_rules_exempt(self, roles: frozenset[str]) -> bool:
        """Whether a user with `roles` is never blocked by chat rules: exempt users, and
        moderators and the director unless `moderators_exempt` is false."""
        if "exempt" in roles:
            return True
        return self.moderators_exempt and bool(roles & {"moderator", "director"})

    @classmethod
    def read(cls, section: Section) -> ModerationSettings:
        return cls(
            moderators_exempt=section.boolean("moderators_exempt", True),
            quiet_hours=_quiet_hours(section),
            reminder_after=section.duration("reminder_after", timedelta(hours=24)),
            reports_to_hide=section.integer("reports_to_hide", 3, minimum=1),
            warnings_expire=section.duration("warnings_expire", timedelta(days=90)),
            warnings_threshold=section.integer("warnings_threshold", 3, minimum=1),
            threshold_timeout=_optional_timeout(section),
            duty=_duty(section),
            escalate_after=section.duration("escalate_after", timedelta(hours=2))
            if section.get("escalate_after") is not None else None,
        )


def _optional_timeout(section: Section) -> timedelta | None:
    if section.get("threshold_timeout") is None:
        return None
    timeout = section.duration("threshold_timeout", timedelta(0))
    if timeout > timedelta(days=28):
        raise fail(section.where("threshold_timeout"),
                   "'threshold_timeout' can be at most 28d (Discord's longest timeout)")
    return timeout


@dataclass(frozen=True, slots=True)
class DutyWindow:
    """One line of the duty roster: these moderators, in these hours."""

    moderators: tuple[str, ...]
    hours: QuietWindow


def _duty(section: Section) -> tuple[DutyWindow, ...]:
    if section.get("duty") is None:
        return ()
    found = []
    for window in section.items("duty", _WINDOWS, Phrase("each duty window")):
        window.check_keys(("moderators", *QUIET_WINDOW_KEYS), Phrase("a duty window"))
        moderators = window.identifiers("moderators")
        if not moderators:
            raise fail(window.where_self, "a duty window needs 'moderators', like "
                       "moderators: [malik]")
        start, end = window.time("from", None), window.time("to", None)
        if (start is None) != (end is None):
            given, missing = ("from", "to") if start is not None else ("to", "from")
            raise fail(window.where(given), "'{given}' needs '{missing}' too (leave both out "
                       "for the whole day)", given=given, missing=missing)
        found.append(DutyWindow(moderators, QuietWindow(window.days("days", None), start, end)))
    return tuple(found)


def _quiet_hours(section: Section) -> tuple[QuietWindow, ...]:
    if "quiet_hours" not in section:
        return DEFAULT_QUIET_HOURS
    value = section.get("quiet_hours")
    if value is None:
        return ()
    if isinstance(value, bool | int | float | str):
        raise fail(section.where("quiet_hours"), "'{key}' must be a list of {what}, got {got}",
                   key="quiet_hours", what=_WINDOWS, got=describe(value))
    windows = []
    for window in section.items("quiet_hours", _WINDOWS, Phrase("each quiet_hours window")):
        window.check_keys(QUIET_WINDOW_KEYS, Phrase("a quiet_hours window"))
        days = window.days("days", None)
        start, end = window.time("from", None), window.time("to", None)
        if (start is None) != (end is None):
            given, missing = ("from", "to") if start is not None else ("to", "from")
            raise fail(window.where(given), "'{given}' needs '{missing}' too (leave both out "
                       "for the whole day)", given=given, missing=missing)
        if start is not None and start == end:
            raise fail(window.where("to"), "'from' and 'to' are both {time}; leave both out for "
                       "the whole day", time=format_time(start))
        windows.append(QuietWindow(days, start, end))
    return tuple(windows)


__all__ = ["DEFAULT_QUIET_HOURS", "DutyWindow", "ModerationSettings", "QuietHours",
           "QuietWindow"]
