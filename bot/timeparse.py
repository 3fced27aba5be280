"""Reading the times people type: `+2h`, `30m`, `1d12h`, `09:30`, `2026-12-01T09:00`."""

from __future__ import annotations

import re
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

_DURATION = re.compile(r"(\d+)\s*([smhdj])", re.IGNORECASE)
_UNIT = {"s": "seconds", "m": "minutes", "h": "hours", "d": "days", "j": "days"}
#: Where a huge duration lands: far enough that every caller's "too far" check refuses
#: it with its own words, near enough to stay a valid date.
FAR = timedelta(days=36500)
_CLOCK = re.compile(r"^([01]?\d|2[0-3])[:hH]([0-5]\d)$")


def parse_when(value: str, now: datetime, tz: ZoneInfo) -> datetime | None:
    """The instant meant by `value`, seen from `now` in zone `tz`; None if unreadable.

    A duration (`+2h`, `2h`, `1d12h`) counts from now; a wall time (`09:30`,
    `9h30`) is its next occurrence; a date and time (`2026-12-01T09:00`,
    `2026-12-01 09:00`) is local to `tz` unless it carries an offset.
    """
    value = value.strip()
    body = value[1:] if value.startswith("+") else value
    parts = _DURATION.findall(body)
    if parts and not _DURATION.sub("", body).strip():
        delta = timedelta()
        try:
            for amount, unit in parts:
                delta += timedelta(**{_UNIT[unit.lower()]: int(amount)})
            return min(now + delta, now + FAR)
        except OverflowError:  # "99999999999999h": further than anything may be planned
            return now + FAR
    clock = _CLOCK.match(value)
    if clock:
        local = now.astimezone(tz)
        when = local.replace(hour=int(clock.group(1)), minute=int(clock.group(2)), second=0,
                             microsecond=0)
        if when <= local:
            when += timedelta(days=1)
        return when.replace(tzinfo=None).replace(tzinfo=tz)
    try:
        when = datetime.fromisoformat(value.replace(" ", "T", 1))
    except ValueError:
        return None
    return when.replace(tzinfo=tz) if when.tzinfo is None else when
