"""Injected time.

Everything that depends on "now" (deadlines, daily prompts, grace windows, audit
timestamps) asks a `Clock` instead of calling `datetime.now()`, so tests and the
local console can drive time by hand and DST transitions are tested without
sleeping.  There is no module-level clock: the host creates one and passes it on.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from typing import Protocol, runtime_checkable

__all__ = ["Clock", "ManualClock", "SystemClock", "as_utc", "sleep_until_or"]


def as_utc(when: datetime) -> datetime:
    """Return `when` in UTC, refusing naive datetimes.

    A naive datetime is a bug waiting for the next DST change (is it local time?
    server time?), so it is rejected loudly instead of being guessed at.
    """
    if when.tzinfo is None or when.utcoffset() is None:
        raise ValueError(f"naive datetime {when!r}: pass a timezone-aware datetime")
    return when.astimezone(UTC)


@runtime_checkable
class Clock(Protocol):
    """What the bot needs from time: the current instant and a way to wait for one."""

    def now(self) -> datetime:
        """The current instant, timezone-aware, in UTC."""
        ...

    async def sleep_until(self, when: datetime) -> None:
        """Return once `now() >= when` (immediately if it already is)."""
        ...


class SystemClock:
    """Wall-clock time.

    `sleep_until` naps in slices of at most `max_nap` and re-reads the wall clock
    after each: asyncio sleeps on the monotonic clock, which stops while the host
    is suspended and ignores NTP steps, so one long sleep could wake hours late.
    """

    def __init__(self, max_nap: timedelta = timedelta(seconds=60)) -> None:
        if max_nap <= timedelta(0):
            raise ValueError("max_nap must be positive")
        self._max_nap = max_nap.total_seconds()

    def now(self) -> datetime:
        return datetime.now(UTC)

    async def sleep_until(self, when: datetime) -> None:
        when = as_utc(when)
        while (delay := (when - self.now()).total_seconds()) > 0:
            await asyncio.sleep(min(delay, self._max_nap))


class ManualClock:
    """A clock that only moves when told to, for tests and the local console.

    Sleepers wait on an `asyncio.Event` that `set`/`advance` fire, then re-check
    the time; nothing ever sleeps in real time.  The event is replaced on every
    change so that each waiter sees each change exactly once.
    """

    def __init__(self, start: datetime) -> None:
        self._now = as_utc(start)
        self._changed = asyncio.Event()

    def now(self) -> datetime:
        return self._now

    def set(self, when: datetime) -> None:
        """Jump to `when` (backwards too: useful to test clock corrections)."""
        self._now = as_utc(when)
        changed, self._changed = self._changed, asyncio.Event()
        changed.set()

    def advance(self, delta: timedelta) -> None:
        """Move forward by `delta`; going back must be explicit, with `set`."""
        if delta < timedelta(0):
            raise ValueError("advance() only moves forward; use set() to go back")
        self.set(self._now + delta)

    async def sleep_until(self, when: datetime) -> None:
        when = as_utc(when)
        while self._now < when:
            await self._changed.wait()


class OffsetClock(SystemClock):
    """Wall-clock time that the interactive console can move forward (`:time +2h`).

    Real time keeps flowing; `set`/`advance` shift it by a stored offset.
    """

    def __init__(self, max_nap: timedelta = timedelta(seconds=1)) -> None:
        super().__init__(max_nap)
        self._offset = timedelta(0)

    def now(self) -> datetime:
        return datetime.now(UTC) + self._offset

    def set(self, when: datetime) -> None:
        self._offset = as_utc(when) - datetime.now(UTC)

    def advance(self, delta: timedelta) -> None:
        if delta < timedelta(0):
            raise ValueError("advance() only moves forward")
        self._offset += delta


async def sleep_until_or(clock: Clock, wake: datetime, event: asyncio.Event) -> None:
    """Sleep until `wake` on `clock`, or until `event` is set, whichever comes first
    (a background loop woken early by new work: a job scheduled, an effect recorded)."""
    sleeping = asyncio.ensure_future(clock.sleep_until(wake))
    woken = asyncio.ensure_future(event.wait())
    try:
        await asyncio.wait({sleeping, woken}, return_when=asyncio.FIRST_COMPLETED)
    finally:
        sleeping.cancel()
        woken.cancel()
