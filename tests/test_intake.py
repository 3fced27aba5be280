"""The intake: in order per channel, channels side by side, a bounded backlog."""

from __future__ import annotations

import asyncio
import logging

import pytest

from bot.platforms.intake import Intake


async def turns(n: int = 20) -> None:
    """Let the loop run the ready tasks (no time passes)."""
    for _ in range(n):
        await asyncio.sleep(0)


async def test_items_of_one_channel_are_handled_in_order_while_other_channels_go_on():
    handled: list[str] = []
    hold_first = asyncio.Event()

    async def handle(item: str) -> None:
        if item == "a1":
            await hold_first.wait()  # the first message waits (a slow user lookup)
        handled.append(item)

    intake: Intake[str] = Intake("test", handle)
    for key, item in [("a", "a1"), ("a", "a2"), ("b", "b1"), ("a", "a3"), ("b", "b2")]:
        intake.submit(key, item)
    await turns()
    assert handled == ["b1", "b2"]  # channel b is not held up by channel a
    hold_first.set()
    await intake.join()
    assert handled == ["b1", "b2", "a1", "a2", "a3"]
    assert len(intake) == 0


async def test_put_waits_for_room_and_room_comes_back_as_items_are_handled():
    gate = asyncio.Event()
    handled: list[int] = []

    async def handle(item: int) -> None:
        await gate.wait()
        handled.append(item)

    intake: Intake[int] = Intake("test", handle, capacity=2)
    await intake.put("c", 1)
    await intake.put("d", 2)
    third = asyncio.ensure_future(intake.put("c", 3))
    await turns()
    assert not third.done() and len(intake) == 2  # full: the third waits, not queued
    gate.set()
    await third
    await intake.join()
    assert sorted(handled) == [1, 2, 3] and handled.index(1) < handled.index(3)


async def test_an_error_is_logged_and_the_channel_goes_on(caplog: pytest.LogCaptureFixture):
    handled: list[str] = []

    async def handle(item: str) -> None:
        if item == "bad":
            raise ValueError("unreadable")
        handled.append(item)

    intake: Intake[str] = Intake("test", handle)
    with caplog.at_level(logging.ERROR):
        for item in ("ok1", "bad", "ok2"):
            intake.submit("c", item)
        await intake.join()
    assert handled == ["ok1", "ok2"]
    assert "handling an item of c failed" in caplog.text


async def test_closing_stops_the_workers_and_later_items_are_refused(
        caplog: pytest.LogCaptureFixture):
    started = asyncio.Event()

    async def handle(item: str) -> None:
        started.set()
        await asyncio.Event().wait()  # never ends by itself

    intake: Intake[str] = Intake("test", handle)
    intake.submit("c", "x")
    await started.wait()
    await intake.close()
    intake.submit("c", "y")
    await turns()
    assert len(intake) == 0  # nothing left running or waiting
    assert "an item arrived after closing; dropped" in caplog.text
