"""Waiting for a running bot without sleeping for time to pass: until a predicate holds,
or until a listener has seen enough (shared by the Slack and Discord tests)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from typing import Any


async def eventually(predicate: Callable[[], bool], timeout: float = 5.0) -> None:
    """Wait until the bot's in-memory state satisfies `predicate` (the fake records a call
    before the bot has read the answer); no fixed sleep, a timeout."""
    deadline = time.monotonic() + timeout
    while not predicate():
        if time.monotonic() > deadline:
            raise AssertionError("the bot never reached the expected state")
        await asyncio.sleep(0.005)


class Recorder:
    """What a test listener saw, and a way to wait for it without sleeping."""

    def __init__(self) -> None:
        self.items: list[Any] = []
        self._changed = asyncio.Condition()

    async def add(self, item: Any) -> None:
        async with self._changed:
            self.items.append(item)
            self._changed.notify_all()

    async def wait(self, count: int, timeout: float = 5.0) -> list[Any]:
        async def reached() -> None:
            async with self._changed:
                await self._changed.wait_for(lambda: len(self.items) >= count)

        await asyncio.wait_for(reached(), timeout)
        return list(self.items)


__all__ = ["Recorder", "eventually"]
