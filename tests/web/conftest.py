"""The web pages on a real bot: `garant run` with the console and the web platform on a
free port of 127.0.0.1, a real SQLite file, the clock injected. The console drives the
chat side (messages, /web); the pages are read with aiohttp or a real headless
Chromium (Debian's `chromium` and `chromium-driver`, driven by selenium)."""

from __future__ import annotations

import contextlib
import io
import os
import re
import shutil
import socket
import textwrap
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.clock import ManualClock
from bot.host import Bot
from bot.run import RunOptions, build
from bot.typography import plain

PARIS = ZoneInfo("Europe/Paris")
MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)
CHROMIUM, CHROMEDRIVER = "/usr/bin/chromium", "/usr/bin/chromedriver"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Site:
    """The running bot, its console and its pages."""

    bot: Bot
    out: io.StringIO
    clock: ManualClock
    url: str

    @property
    def console(self) -> Any:
        return self.bot.platforms["local"]

    async def chat(self, script: str) -> str:
        start = len(self.out.getvalue())
        for line in textwrap.dedent(script).splitlines():
            await self.console.handle_line(line)
            await self.bot.run_due_jobs()
        return plain(self.out.getvalue()[start:])

    async def link_for(self, name: str) -> str:
        """`/web` typed by `name` in the console: the link of the direct message."""
        said = await self.chat(f":user {name}\n/web")
        return re.findall(r"(http://127\.0\.0\.1:\d+/login/\S+)", said)[-1]


@pytest.fixture
async def site(tmp_path: Path) -> AsyncIterator[Site]:
    async with running_site(tmp_path) as started:
        yield started


@contextlib.asynccontextmanager
async def running_site(tmp_path: Path, config: Path | None = None) -> AsyncIterator[Site]:
    """The bot with its console and pages, on `config` (default: the bundled demo)."""
    out = io.StringIO()
    clock = ManualClock(MONDAY_10)
    port = free_port()
    options = RunOptions(config=config, database=tmp_path / "g.db",
                         platforms=("local", "web"), clock=clock,
                         extra={"web": f"127.0.0.1:{port}"})
    runtime = await build(options, io.StringIO(""), out, {})
    web = runtime.bot.platforms["web"]
    await web.prepare()
    await runtime.bot.start()
    try:
        yield Site(runtime.bot, out, clock, f"http://127.0.0.1:{port}")
    finally:
        await web.close()
        await runtime.store.close()


@pytest.fixture
def browser() -> Any:
    """Headless Chromium, or a skip where it is not installed (CI installs it and sets
    GARANT_REQUIRE_BROWSER=1, so there a missing browser fails)."""
    if not (shutil.which(CHROMIUM) and shutil.which(CHROMEDRIVER)):
        if os.environ.get("GARANT_REQUIRE_BROWSER"):
            pytest.fail("chromium and chromium-driver are required (apt-get install chromium "
                        "chromium-driver)")
        pytest.skip("chromium and chromium-driver are not installed")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for argument in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                     "--window-size=420,900", "--lang=fr-FR"):
        options.add_argument(argument)
    driver = webdriver.Chrome(service=Service(CHROMEDRIVER), options=options)
    driver.set_page_load_timeout(20)
    try:
        yield driver
    finally:
        driver.quit()
