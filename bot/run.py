"""`garant run`: assemble the host, its store, cogs and platforms, and run them.

Platforms are discovered (`bot.platforms.discover`), never listed here: each
declares the secrets that select it and a factory imported only when it runs, so
`garant check` never loads discord.py or slack-bolt. A foreground platform (the
local console) runs until its input ends; otherwise Garant serves until
interrupted or until a platform stops.
"""

from __future__ import annotations

import asyncio
import contextlib
import gc
import importlib
import logging
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from bot import __version__
from bot.phrases import Phrase, PhraseError, render, text_of
from bot.platforms.base import PlatformSpec, PlatformStartError, StartRequest

if TYPE_CHECKING:
    from bot.clock import Clock
    from bot.config import Config
    from bot.host import Bot
from bot.credentials import DOTENV
from bot.store import Store
from bot.store.postgres import shown

log = logging.getLogger(__name__)


class RunError(PhraseError):
    """Start-up failed for a reason the user can fix: one clear line, exit status 2."""


@dataclass(slots=True)
class RunOptions:
    config: Path | None = None
    platforms: tuple[str, ...] = ()  # empty: chosen from the secrets present
    database: Path | str | None = None
    now: datetime | None = None  # the console's clock starts (and stays) here
    user: str | None = None
    channel: str = "general"
    port: int | None = None  # Slack HTTP mode
    #: Options platforms added to `garant run` (`PlatformSpec.add_run_options`).
    extra: Mapping[str, Any] = field(default_factory=dict)
    clock: Clock | None = None  # tests inject one
    on_ready: Callable[[Bot], Any] | None = field(default=None)  # tests drive the bot


def choose_platforms(requested: tuple[str, ...], specs: Mapping[str, PlatformSpec],
                     secrets: Mapping[str, str | None]) -> list[str]:
    """The platforms to run: those asked for (each must have its secrets), else those
    whose secrets are set, else the default one (the console)."""
    if requested:
        for name in requested:
            spec = specs.get(name)
            if spec is None:
                raise RunError("--platform {name}: no such platform (known: {known})",
                               name=name, known=", ".join(specs))
            if spec.required and not spec.ready(secrets):
                missing = [v for v in spec.required if not secrets.get(v)]
                raise RunError("--platform {name} needs {missing} in the environment or in "
                               ".env", name=name, missing=", ".join(missing))
        return list(dict.fromkeys(requested))
    ready = [name for name, spec in specs.items() if spec.ready(secrets)]
    return ready or [name for name, spec in specs.items() if spec.default]


def platform_sections(config: Config, specs: Mapping[str, PlatformSpec]) -> list[str]:
    """Read every platform's section, even of those not running (the file is one: a
    mistake in `slack:` is a mistake when testing in the console too); their names."""
    names = []
    for spec in specs.values():
        if spec.settings is not None:
            config.read(spec.settings)
            names.append(spec.settings.SECTION)
    return names


@dataclass(slots=True)
class Runtime:
    bot: Bot
    store: Store
    platforms: list[str]


async def build(options: RunOptions, stdin: TextIO, stdout: TextIO,
                env: Mapping[str, str], dotenv: Path | None = DOTENV) -> Runtime:
    """Garant ready to serve: its config, store, cogs, charters and platforms. Secrets
    come from `env`, then from the `dotenv` file (None: none; a tenant's are in `env`)."""
    from bot.clock import ManualClock, OffsetClock, SystemClock
    from bot.config import load_config
    from bot.credentials import load_secrets
    from bot.host import Bot
    from bot.located.yamlsrc import SourceError
    from bot.platforms import discover
    from bot.registry import RegistrationError
    from bot.store import Store, StoreError

    specs = discover()
    try:
        config = load_config(options.config, env)
        sections = platform_sections(config, specs)
        secrets = load_secrets(specs.values(), env, dotenv)
    except SourceError as exc:
        raise RunError("invalid configuration: {error}", error=exc) from None
    chosen = choose_platforms(options.platforms, specs, secrets)
    console_only = all(specs[name].default for name in chosen)
    # The no-token demo at a terminal: the console, and the web pages beside it.
    demo = console_only and not options.platforms and options.now is None \
        and options.clock is None and stdin.isatty()
    for name, spec in specs.items():  # the web pages, beside the chat platforms
        if name not in chosen and spec.requested_by is not None and spec.requested_by(
                config.read(spec.settings) if spec.settings else None, options, demo):
            chosen.append(name)
    if options.now is not None and not console_only and options.clock is None:
        # A frozen clock would stop the scheduler of a chat platform: deadlines, prompts
        # and reminders would never come.
        chats = [specs[name].title for name in chosen if not specs[name].default]
        template = ("--now is for rehearsing in the console; {chats} runs on the real clock "
                    "(leave --now out, or run with --platform local)" if len(chats) == 1 else
                    "--now is for rehearsing in the console; {chats} run on the real clock "
                    "(leave --now out, or run with --platform local)")
        raise RunError(template, chats=chats[0] if len(chats) == 1 else Phrase(
            "{first} and {last}", first=", ".join(chats[:-1]), last=chats[-1]))
    clock = options.clock or (ManualClock(options.now) if options.now
                              else OffsetClock() if console_only else SystemClock())
    database = options.database or config.database
    try:
        store = await Store.open(database, clock)
    except StoreError as exc:
        raise RunError("{error}", error=exc) from None
    try:
        try:
            bot = Bot(config, store, clock)
            bot.load_cogs()
            config.check_sections([*bot.sections(), *sections])
        except SourceError as exc:
            raise RunError("invalid configuration: {error}", error=exc) from None
        except RegistrationError as exc:
            raise RunError("a cog is inconsistent: {error}", error=str(exc)) from None
        try:
            loaded = bot.load_configured_charters()
        except SourceError as exc:
            raise RunError("invalid charter: {error}", error=exc) from None
        for name in chosen:
            spec = specs[name]
            settings = config.read(spec.settings) if spec.settings is not None else None
            request = StartRequest(bot, secrets, env, settings, options, stdin, stdout)
            try:
                bot.attach(_factory(spec)(request))
            except PlatformStartError as exc:
                raise RunError("{error}", error=exc) from None
        runtime = Runtime(bot, store, chosen)
        _banner(stdout, bot, runtime, loaded, database, store, specs)
    except BaseException:
        await store.close()
        raise
    return runtime


def _factory(spec: PlatformSpec) -> Callable[[StartRequest], Any]:
    module_name, _, function = spec.factory.partition(":")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name is None or not module_name.startswith(exc.name):
            raise
        raise RunError("the {name} platform is not available in this version of Garant; run "
                       "the local console with --platform local", name=spec.name) from None
    found: Callable[[StartRequest], Any] = getattr(module, function)
    return found


def _banner(stdout: TextIO, bot: Bot, runtime: Runtime, loaded: list[str],
            database: Path | str,
            store: Store, specs: Mapping[str, PlatformSpec]) -> None:
    """What was started, in the team's language (the console that follows speaks it)."""
    from bot.store.schema import describe, installed

    language = bot.language

    def tr(template: str, **values: Any) -> str:
        return render(template, values, language)

    available = [n for n in bot.charters.names() if n not in loaded]
    charters = ", ".join(loaded)
    if available:
        charters = tr("{charters} (also available: {available})", charters=charters,
                       available=", ".join(available))
    moderated = ", ".join(f"#{name} → {charter}" for name, charter
                          in bot.config.channels.moderated.items())
    roles = "; ".join(f"{role}: {', '.join(names) or tr('nobody')}"
                      for role, names in bot.config.roles.by_list().items())
    lines = [
        f"Garant {__version__}",
        tr("  platforms: {platforms}",
            platforms=", ".join(render(specs[p].title, {}, language)
                                for p in runtime.platforms)),
        tr("  config: {source}", source=text_of(bot.config.describe_source(), language)),
        tr("  charters: {charters}", charters=charters),
        tr("  charter directories: {directories}",
            directories=", ".join(str(d) for d in bot.charters.directories)),
        tr("  database: {database} (schema {schema})", database=shown(str(database)),
            schema=describe(store.versions, installed())),
        # What garant.yaml was read to mean, so a mistake shows at once (a channel lost
        # to a '#', a role list that is one string).
        tr("  moderated: {channels}", channels=moderated or tr("none")),
        tr("  roles: {roles}", roles=roles),
    ]
    for platform in bot.platforms.values():
        lines += [f"  {line}" for line in platform.banner()]
    stdout.write("\n".join(lines) + "\n")
    stdout.flush()


async def serve(runtime: Runtime, options: RunOptions) -> None:
    """Start every platform; return when the foreground platform ends (the console) or,
    without one, when a platform stops or the task is cancelled."""
    bot = runtime.bot
    background = {name: p for name, p in bot.platforms.items() if not p.foreground}
    foreground = [p for p in bot.platforms.values() if p.foreground]
    tasks: list[asyncio.Task[None]] = []
    loops: list[asyncio.Task[None]] = []
    try:
        for platform in background.values():
            try:
                await platform.prepare()  # channels known before a start-up job posts
            except PlatformStartError as exc:
                raise RunError("{error}", error=exc) from None
        tasks = [asyncio.create_task(platform.run(), name=f"platform:{name}")
                 for name, platform in background.items()]
        # A console with --now is driven line by line; otherwise jobs run and effects are
        # delivered (and retried) as time passes.
        loops = ([asyncio.create_task(bot.scheduler.run_forever(), name="scheduler"),
                  asyncio.create_task(bot.dispatcher.run_forever(), name="outbox"),
                  asyncio.create_task(bot.persist_forever(), name="persist")]
                 if options.now is None else [])
        await bot.start()
        # What start-up made (charters, dictionaries, language detection's models) lives
        # as long as Garant: kept out of the collector's sight, the collections a flood
        # of messages triggers no longer walk millions of objects that never die
        # (measured: Discord from 41–45 % to 53 % of bare discord.py). Its garbage is
        # collected first, so nothing unreachable is kept.
        gc.collect()
        gc.freeze()
        if options.on_ready is not None:
            result = options.on_ready(bot)
            if asyncio.iscoroutine(result):
                await result
        if foreground:
            await foreground[0].run()
        elif tasks:
            done, _ = await asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED)
            for task in done:
                try:
                    task.result()  # a platform that failed reports its error
                except PlatformStartError as exc:
                    raise RunError("{error}", error=exc) from None
    finally:
        for task in [*tasks, *loops]:
            task.cancel()
        for task in [*tasks, *loops]:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        try:
            await bot.persist()  # the last second's counters
        except Exception:
            log.exception("writing buffered counters at stop failed")
        for platform in background.values():
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
