"""The intake: messages handled in arrival order per channel, with a bounded backlog.

Why order: a platform hands events over concurrently (slack-bolt runs each listener
in its own task, discord.py each event), so without an intake an edit could be
checked before the message it edits, or a flood counted out of order, whenever the
first one happened to wait longer (a user lookup, a card posted). One worker per
channel with a backlog takes its items one at a time, oldest first; channels run
side by side.

Why a bound: under a burst, a task per event grows memory without limit and every
message waits behind all the others anyway. `put` waits while `capacity` items are
waiting, and `room()` lets a reader (Discord's gateway loop) stop reading until
there is room, so a burst slows the socket (TCP pushes back on the sender) instead
of filling memory. `submit` never waits, for callers that cannot (the events that
must not be lost and arrive in a callback): they may pass the bound, never drop.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Awaitable, Callable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)

T = TypeVar("T")

#: Items waiting across all channels before `put` and `room` wait.
CAPACITY = 2000


class Intake(Generic[T]):
    """`submit(key, item)` or `await put(key, item)`; `handle(item)` runs for each,
    in order per key. Errors of `handle` are logged, never stop the key's queue."""

    def __init__(self, name: str, handle: Callable[[T], Awaitable[None]], *,
                 capacity: int = CAPACITY) -> None:
        self.name = name
        self.capacity = capacity
        self._handle = handle
        self._queues: dict[str, deque[T]] = {}
        self._workers: dict[str, asyncio.Task[None]] = {}
        self._waiting = 0
        self._room = asyncio.Event()
        self._room.set()
        self._idle = asyncio.Event()
        self._idle.set()
        self._closed = False

    def __len__(self) -> int:
        """Items waiting or being handled."""
        return self._waiting

    def submit(self, key: str, item: T) -> None:
        """Queue `item` behind the others of `key`, without waiting."""
        if self._closed:
            log.warning("%s: an item arrived after closing; dropped", self.name)
            return
        queue = self._queues.get(key)
        if queue is None:
            queue = self._queues[key] = deque()
            self._workers[key] = asyncio.ensure_future(self._work(key, queue))
        queue.append(item)
        self._waiting += 1
        self._idle.clear()
        if self._waiting >= self.capacity:
            self._room.clear()

    async def put(self, key: str, item: T) -> None:
        """`submit`, once fewer than `capacity` items wait."""
        await self.room()
        self.submit(key, item)

    async def room(self) -> None:
        """Return once fewer than `capacity` items wait."""
        while self._waiting >= self.capacity:
            await self._room.wait()

    async def join(self) -> None:
        """Return once every item submitted so far has been handled."""
        await self._idle.wait()

    async def close(self) -> None:
        """Stop the workers; items still waiting are dropped (the platform's own
        redelivery, or the next start's catch-up, is what recovers them)."""
        self._closed = True
        workers = list(self._workers.values())
        for worker in workers:
            worker.cancel()
        for worker in workers:
            with contextlib.suppress(asyncio.CancelledError):
                await worker

    async def _work(self, key: str, queue: deque[T]) -> None:
        try:
            while queue:
                try:
                    await self._handle(queue[0])
                except Exception:
                    log.exception("%s: handling an item of %s failed", self.name, key)
                finally:
                    queue.popleft()
                    self._waiting -= 1
                    if self._waiting < self.capacity:
                        self._room.set()
        finally:
            del self._queues[key]
            del self._workers[key]
            if not self._workers:
                self._idle.set()
