"""`garant run`: assemble the host, its store, cogs and platforms, and run them.

Each chat platform is a module `bot/platforms/<name>_adapter.py` exposing
`create(bot, secrets, env) -> Platform` whose `run()` serves until cancelled;
importing it happens only here, so `garant check` never loads discord or
slack_bolt. The local console runs in the foreground when it is selected;
otherwise Garant serves until interrupted.
"""

from __future__ import annotations

import asyncio
import contextlib
import importlib
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from bot import __version__

if TYPE_CHECKING:
    from bot.clock import Clock
    from bot.host import Bot
    from bot.store import Store

TOKENS = {"discord": "DISCORD_TOKEN", "slack": "SLACK_BOT_TOKEN"}


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
    port: int | None = None  # Slack HTTP mode
    clock: Clock | None = None  # tests inject one
    on_ready: Callable[[Bot], Any] | None = field(default=None)  # tests drive the bot


def choose_platforms(requested: tuple[str, ...], available: list[str]) -> list[str]:
    if requested:
        missing = [p for p in requested if p != "local" and p not in available]
        if missing:
            raise RunError(f"--platform {missing[0]} needs {TOKENS[missing[0]]} in the "
                           "environment or in .env")
        return list(dict.fromkeys(requested))
    return available or ["local"]


@dataclass(slots=True)
class Runtime:
    bot: Bot
    store: Store
    platforms: list[str]
    console: Any = None  # the Console when "local" runs


async def build(options: RunOptions, stdin: TextIO, stdout: TextIO,
                env: dict[str, str]) -> Runtime:
    from bot.clock import ManualClock, OffsetClock, SystemClock
    from bot.config import load_config, load_secrets
    from bot.host import Bot
    from bot.located.yamlsrc import SourceError
    from bot.store import Store, StoreError

    try:
        config = load_config(options.config, env)
        secrets = load_secrets(env)
    except SourceError as exc:
        raise RunError(f"invalid configuration: {exc}") from None
    platforms = choose_platforms(options.platforms, list(secrets.platforms()))
    console_only = platforms == ["local"]
    clock = options.clock or (ManualClock(options.now) if options.now
                              else OffsetClock() if console_only else SystemClock())
    database = options.database or config.database
    try:
        store = await Store.open(database, clock)
    except StoreError as exc:
        raise RunError(str(exc)) from None
    try:
        try:
            bot = Bot(config, store, clock)
        except SourceError as exc:
            raise RunError(f"invalid configuration: {exc}") from None
        bot.load_cogs()
        try:
            loaded = bot.load_configured_charters()
        except SourceError as exc:
            raise RunError(f"invalid charter: {exc}") from None
        runtime = Runtime(bot, store, platforms)
        for name in platforms:
            if name == "local":
                from bot.platforms.local import Console

                runtime.console = Console(bot, stdin, stdout, interactive=stdin.isatty(),
                                          user=options.user, channel=options.channel)
                bot.platforms["local"] = runtime.console
            else:
                try:
                    module = importlib.import_module(f"bot.platforms.{name}_adapter")
                except ModuleNotFoundError as exc:
                    if exc.name != f"bot.platforms.{name}_adapter":
                        raise
                    raise RunError(f"the {name} platform is not available in this version of "
                                   "Garant; run the local console with --platform local") from None
                try:
                    bot.platforms[name] = module.create(bot, secrets, env, options)
                except ValueError as exc:
                    raise RunError(str(exc)) from None
        _banner(stdout, bot, runtime, loaded, database, store)
    except BaseException:
        await store.close()
        raise
    return runtime


def _banner(stdout: TextIO, bot: Bot, runtime: Runtime, loaded: list[str], database: Path,
            store: Store) -> None:
    from bot.platforms.local import Console

    available = [n for n in bot.charters.names() if n not in loaded]
    also = f" (also available: {', '.join(available)})" if available else ""
    shown = ", ".join("local console" if p == "local" else p for p in runtime.platforms)
    lines = [
        f"Garant {__version__}",
        f"  platforms: {shown}",
        f"  config: {bot.config.describe_source()}",
        f"  charters: {', '.join(loaded)}{also}",
        f"  charter directories: {', '.join(str(d) for d in bot.charters.directories)}",
        f"  database: {database} (schema {store.schema_version})",
    ]
    if isinstance(runtime.console, Console):
        lines.append(f"  clock: {runtime.console.show_time(bot.clock.now())}")
        lines.append(f"  {bot.t('console.help').splitlines()[0]}")
    stdout.write("\n".join(lines) + "\n")
    stdout.flush()


async def serve(runtime: Runtime, options: RunOptions) -> None:
    """Start every platform; return when the console ends (or, without a console,
    when a platform stops or the task is cancelled)."""
    bot = runtime.bot
    chat = {name: platform for name, platform in bot.platforms.items() if name != "local"}
    tasks: list[asyncio.Task[None]] = []
    scheduler = None
    try:
        for platform in chat.values():
            await platform.prepare()  # channels known before a start-up job posts
        tasks = [asyncio.create_task(platform.run(), name=f"platform:{name}")
                 for name, platform in chat.items()]
        # A console with --now is driven line by line; otherwise jobs run as time passes.
        scheduler = (asyncio.create_task(bot.scheduler.run_forever())
                     if options.now is None else None)
        await bot.start()
        if options.on_ready is not None:
            result = options.on_ready(bot)
            if asyncio.iscoroutine(result):
                await result
        if runtime.console is not None:
            await runtime.console.run()
        elif tasks:
            done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                task.result()  # a platform that failed reports its error
    finally:
        for task in [*tasks, *([scheduler] if scheduler else [])]:
            task.cancel()
        for task in [*tasks, *([scheduler] if scheduler else [])]:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        for name, platform in bot.platforms.items():
            if name != "local":
                with contextlib.suppress(Exception):
                    await platform.close()


async def run(options: RunOptions, stdin: TextIO = sys.stdin, stdout: TextIO = sys.stdout,
              env: dict[str, str] | None = None) -> int:
    env = dict(os.environ if env is None else env)
    runtime = await build(options, stdin, stdout, env)
    try:
        await serve(runtime, options)
    finally:
        await runtime.store.close()
    return 0

