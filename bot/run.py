"""`garant run`: assemble the host, its store, cogs and platforms, and run them."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TextIO

from bot import __version__

log = logging.getLogger("garant")


class RunError(Exception):
    """Start-up failed for a reason the user can fix: one clear line, exit status 2."""


@dataclass(slots=True)
class RunOptions:
    config: Path | None = None
    platforms: tuple[str, ...] = ()  # empty: chosen from the tokens present
    database: Path | None = None
    now: datetime | None = None  # the console's clock starts (and stays) here
    user: str | None = None
    channel: str = "general"


def choose_platforms(requested: tuple[str, ...], available: list[str]) -> list[str]:
    if requested:
        missing = [p for p in requested if p != "local" and p not in available]
        if missing:
            tokens = {"discord": "DISCORD_TOKEN", "slack": "SLACK_BOT_TOKEN"}
            raise RunError(f"--platform {missing[0]} needs {tokens[missing[0]]} in the "
                           "environment or in .env")
        return list(requested)
    return available or ["local"]


async def run(options: RunOptions, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout,
              env: dict[str, str] | None = None) -> int:
    from bot.clock import ManualClock, OffsetClock, SystemClock
    from bot.config import load_config, load_secrets
    from bot.host import Bot
    from bot.store import Store, StoreError
    from bot.yamlsrc import SourceError

    env = dict(os.environ if env is None else env)
    try:
        config = load_config(options.config, env)
        secrets = load_secrets(env)
    except SourceError as exc:
        raise RunError(f"invalid configuration: {exc}") from None
    platforms = choose_platforms(options.platforms, secrets.platforms())
    for name in platforms:
        if name != "local":
            raise RunError(f"the {name} platform is not available in this version of Garant; "
                           "run the local console with --platform local")
    console_only = platforms == ["local"]
    clock = (ManualClock(options.now) if options.now
             else OffsetClock() if console_only else SystemClock())
    database = options.database or config.database
    try:
        store = await Store.open(database, clock)
    except StoreError as exc:
        raise RunError(str(exc)) from None
    try:
        bot = Bot(config, store, clock)
        bot.load_cogs()
        try:
            loaded = bot.load_configured_charters()
            available = [n for n in bot.charters.names() if n not in loaded]
        except SourceError as exc:
            raise RunError(f"invalid charter: {exc}") from None
        charters = ", ".join(loaded) + (f" (also available: {', '.join(available)})"
                                        if available else "")
        from bot.platforms.local import Console

        console = Console(bot, stdin, stdout, interactive=stdin.isatty(), user=options.user,
                          channel=options.channel)
        bot.platforms[console.name] = console
        stdout.write(
            f"Garant {__version__}\n"
            f"  platforms: {', '.join('local console' if p == 'local' else p for p in platforms)}"
            f"\n  config: {config.source}\n"
            f"  charters: {charters}\n"
            f"  charter directories: {', '.join(str(d) for d in bot.charters.directories)}\n"
            f"  database: {database} (schema {store.schema_version})\n"
            f"  clock: {console.show_time(clock.now())}\n"
            f"  {bot.t('console.help').splitlines()[0]}\n")
        stdout.flush()
        await bot.start()
        ticker = asyncio.create_task(_tick(bot)) if options.now is None else None
        try:
            await console.run()
        finally:
            if ticker is not None:
                ticker.cancel()
                with contextlib.suppress(asyncio.CancelledError):
                    await ticker
    finally:
        await store.close()
    return 0


async def _tick(bot: object) -> None:
    """Run due jobs as real time passes (interactive sessions)."""
    from bot.host import Bot

    assert isinstance(bot, Bot)
    while True:
        await asyncio.sleep(1)
        try:
            await bot.run_due_jobs()
        except Exception:
            log.exception("scheduled jobs failed")
