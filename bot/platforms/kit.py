"""What every chat platform needs, written once: background tasks, the pace of
direct messages, forms waiting for a click, and throttled problem reports.

Each adapter used to carry its own copy of these (with small differences that
were bugs waiting to happen, such as what "sent" meant for a direct message);
a new platform (the web) takes them from here.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import secrets
from collections.abc import Awaitable, Callable, Coroutine, Iterable
from datetime import timedelta
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from bot.platforms.base import Host, PlatformProblem

if TYPE_CHECKING:
    from bot.clock import Clock

log = logging.getLogger(__name__)

T = TypeVar("T")


class TaskSet:
    """Background tasks an adapter starts and must not lose: kept referenced (asyncio
    only keeps weak references), their errors logged, all cancelled on close."""

    def __init__(self, name: str) -> None:
        self.name = name
        self._tasks: set[asyncio.Task[Any]] = set()

    def spawn(self, work: Awaitable[Any], name: str | None = None) -> asyncio.Task[Any]:
        task = asyncio.ensure_future(work)
        if name:
            task.set_name(name)
        self._tasks.add(task)
        task.add_done_callback(self._done)
        return task

    async def run(self, work: Coroutine[Any, Any, T]) -> T:
        """Await `work` as a task of the set, so `close` ends it too (a listener the
        library runs after its ack, which the library does not track); its error is the
        caller's, not logged here."""
        task = asyncio.ensure_future(work)
        self._tasks.add(task)
        try:
            return await task
        finally:
            self._tasks.discard(task)

    def _done(self, task: asyncio.Task[Any]) -> None:
        self._tasks.discard(task)
        if not task.cancelled() and task.exception() is not None:
            log.error("%s: background task %s failed", self.name, task.get_name(),
                      exc_info=task.exception())

    def __len__(self) -> int:
        return len(self._tasks)

    async def close(self, grace: float = 0.0) -> None:
        """Let the tasks finish for `grace` seconds, then cancel those left and wait for
        them to end."""
        if grace and self._tasks:
            await asyncio.wait(list(self._tasks), timeout=grace)
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task


def dm_delay(sent: Iterable[float], now: float, min_interval: float,
             per_minute: int) -> float:
    """How long to wait before the next DM: at least `min_interval` after the last one
    and never more than `per_minute` within any 60 seconds (0: no such cap). Discord
    quarantines bots that open many DMs quickly (research/perf.md §5); Slack opens a
    conversation per person."""
    times = sorted(sent)
    wait = 0.0
    if times:
        wait = max(wait, times[-1] + min_interval - now)
    recent = [t for t in times if t > now - 60.0]
    if per_minute > 0 and len(recent) >= per_minute:
        wait = max(wait, recent[-per_minute] + 60.0 - now)
    return max(0.0, wait)


class DmPacer:
    """Direct messages spaced out: at least `min_interval` seconds apart and at most
    `per_minute` a minute (0: no cap). The outbox delivers each direct message as an
    effect (so "sent" means delivered, and nothing waits in memory); the platform
    awaits `wait()` before each one. The pace is read at each call, so tests may
    change it after start."""

    def __init__(self, clock: Clock, min_interval: float, per_minute: int = 0) -> None:
        self.clock = clock
        self.min_interval = min_interval
        self.per_minute = per_minute
        self._sent: collections.deque[float] = collections.deque(maxlen=64)
        self._lock = asyncio.Lock()

    def _now(self) -> float:
        return self.clock.now().timestamp()

    def delay(self) -> float:
        """Seconds before a direct message may go (0: now). The outbox reschedules a DM
        that must wait rather than wait in a delivery (bot/effects.py, `NotYet`)."""
        return dm_delay(self._sent, self._now(), self.min_interval, self.per_minute)

    async def wait(self) -> None:
        """Wait for this message's turn (on the bot's clock, as the outbox does)."""
        async with self._lock:
            delay = dm_delay(self._sent, self._now(), self.min_interval, self.per_minute)
            if delay > 0:
                await self.clock.sleep_until(self.clock.now() + timedelta(seconds=delay))
            self._sent.append(self._now())


class PendingForms(Generic[T]):
    """Forms a person has started and not yet sent, by an unguessable token that a
    button carries ("fix the form", "continue", "open the form"). Bounded: the oldest
    are forgotten first (their button then answers that the form expired)."""

    def __init__(self, limit: int = 256) -> None:
        self.limit = limit
        self._items: collections.OrderedDict[str, T] = collections.OrderedDict()

    def keep(self, item: T) -> str:
        token = secrets.token_hex(8)
        self.put(token, item)
        return token

    def put(self, token: str, item: T) -> None:
        self._items[token] = item
        while len(self._items) > self.limit:
            self._items.popitem(last=False)

    def get(self, token: str) -> T | None:
        return self._items.get(token)

    def pop(self, token: str) -> T | None:
        return self._items.pop(token, None)

    def __len__(self) -> int:
        return len(self._items)


class ProblemReports:
    """Problems moderators should hear about (a missing permission), each reported at
    most once every `every` seconds, so a refused deletion on every message does not
    flood their channel."""

    def __init__(self, host: Host, platform: str, every: float = 600.0,
                 now: Callable[[], float] | None = None) -> None:
        self.host = host
        self.platform = platform
        self.every = every
        self._now = now
        self._last: dict[str, float] = {}

    def _time(self) -> float:
        return self._now() if self._now is not None else asyncio.get_running_loop().time()

    async def report(self, key: str, text: str, channel: str | None = None,
                     cannot_post: bool = False) -> bool:
        """Hand the problem to the host unless it was reported recently; whether it was."""
        now = self._time()
        last = self._last.get(key)
        if last is not None and now - last < self.every:
            return False
        self._last[key] = now
        await self.host.report_platform_problem(
            PlatformProblem(self.platform, key, text, channel, cannot_post))
        return True


__all__ = ["DmPacer", "PendingForms", "ProblemReports", "TaskSet", "dm_delay"]
