"""Fixtures for the Discord end-to-end tests: the fake Discord with a small co-op
server on it, a garant.yaml naming its roles, and the real bot (bot.run.build and
serve, the real discord.py client) pointed at the fake."""

from __future__ import annotations

import asyncio
import contextlib
import io
import textwrap
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.clock import ManualClock
from bot.host import Bot
from bot.run import RunOptions, Runtime, build, serve
from tests.discord.fake import GUILD_ID, FakeDiscord

PARIS = ZoneInfo("Europe/Paris")
MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)
#: A token whose first part is the bot's id in base64, as Discord's are.
TOKEN = "OTAwMDAwMDAwMDAwMDAwMDAx.GfakeX.abcdefghijklmnopqrstuvwxyz0123"
MODERATION_ROLE = "810000000000000002"


@pytest.fixture(autouse=True)
def _offline(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """No proxy between the bot and 127.0.0.1, and no .env from the working directory."""
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY",
                 "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


def coop_server() -> FakeDiscord:
    """The co-op's Discord server (not started): its roles, channels and members."""
    server = FakeDiscord()
    server.add_role(None, "Membres")
    server.add_role(MODERATION_ROLE, "Modération")
    server.add_role(None, "Direction")
    server.add_role(None, "Partenaires")
    for channel in ("general", "moderation", "drafts", "routine", "random"):
        server.add_channel(channel)
    server.add_channel("Salons", kind=4)  # a category: never a place to post
    server.add_member("camille", ("Membres", "Direction"))
    server.add_member("malik", ("Membres", "Modération"))
    server.add_member("sofia", ("Membres",))
    server.add_member("yann", ("Membres",))
    server.add_member("lea", ())
    server.add_member("nadia", ("Partenaires",))
    return server


@pytest.fixture
async def fake() -> AsyncIterator[FakeDiscord]:
    server = coop_server()
    await server.start()
    try:
        yield server
    finally:
        await server.close()


CONFIG = """\
language: fr
timezone: Europe/Paris
database: ./garant.db
default_charter: base
roles:
  members: ["Membres"]            # a Discord role, by name
  moderators: ["<@&{moderators}>"] # a Discord role, by id (as Discord mentions it)
  director: [camille]             # a person, by user name
  exempt: [Partenaires]
channels:
  moderated:
    general: coop-fr
  review_queue: moderation
  drafts: drafts
  routine: routine
drafts:
  charter: coop-fr
discord:
  guild_id: {guild}
"""


@pytest.fixture
def config_file(tmp_path: Path) -> Path:
    path = tmp_path / "garant.yaml"
    path.write_text(textwrap.dedent(CONFIG).format(moderators=MODERATION_ROLE, guild=GUILD_ID),
                    encoding="utf-8")
    return path


@dataclass(slots=True)
class Running:
    runtime: Runtime
    task: asyncio.Task[None]

    @property
    def bot(self) -> Bot:
        return self.runtime.bot

    @property
    def platform(self) -> Any:
        return self.runtime.bot.platforms["discord"]


@contextlib.asynccontextmanager
async def running_bot(fake: FakeDiscord, config: Path, clock: ManualClock,
                      database: Path | None = None,
                      setup: Callable[[Bot], None] | None = None,
                      web: str | None = None,
                      shard: tuple[int, int] | None = None) -> AsyncIterator[Running]:
    """The real bot, as `garant run` starts it, connected to the fake; stopped after.
    `setup` may add to the bot (a test command) before it connects; `web` (HOST:PORT)
    serves the web pages beside it."""
    env = {"DISCORD_TOKEN": TOKEN, "GARANT_DISCORD_API_BASE": fake.api_base}
    ready = asyncio.Event()
    options = RunOptions(config=config, database=database or config.parent / "garant.db",
                         clock=clock, on_ready=lambda bot: ready.set(),
                         extra={**({"web": web} if web else {}),
                                **({"shard": shard} if shard else {})})
    runtime = await build(options, io.StringIO(), io.StringIO(), env)
    platform = runtime.bot.platforms["discord"]
    platform.dms.min_interval = 0.0  # the pacing itself is unit-tested
    platform.dms.per_minute = 0
    platform.defer_after = 30.0  # a loaded CI machine must not turn answers into deferrals
    if setup is not None:
        setup(runtime.bot)
    task = asyncio.create_task(serve(runtime, options))
    try:
        waiter = asyncio.ensure_future(ready.wait())
        await asyncio.wait([waiter, task], timeout=15, return_when=asyncio.FIRST_COMPLETED)
        waiter.cancel()
        if task.done():
            task.result()
        assert ready.is_set(), "the bot did not start"
        yield Running(runtime, task)
    finally:
        task.cancel()
        # A start that failed raised its error above already: the store is closed anyway
        # (an open one keeps its thread, and the test process, alive).
        with contextlib.suppress(asyncio.CancelledError, Exception):
            await task
        await runtime.store.close()


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(MONDAY_10)


@pytest.fixture
async def garant(fake: FakeDiscord, config_file: Path,
                 clock: ManualClock) -> AsyncIterator[Running]:
    async with running_bot(fake, config_file, clock) as running:
        yield running
