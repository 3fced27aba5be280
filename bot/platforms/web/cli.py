"""`garant web link USER`: a one-time sign-in link, printed as the last line."""

from __future__ import annotations

import argparse
import asyncio
import os
from pathlib import Path

from bot.model import User, UserRef


def person_of(text: str, name: str | None) -> User:
    """`platform:id` as given, or a bare name: a console person (`local:NAME`)."""
    value = text.strip().lstrip("@")
    try:
        ref = UserRef.parse(value)
    except ValueError:
        ref = UserRef("local", value)
    return User(ref.platform, ref.id, name or ref.id)


def print_link(args: argparse.Namespace) -> int:
    from bot.clock import SystemClock
    from bot.config import load_config
    from bot.located.yamlsrc import SourceError
    from bot.platforms.web import auth
    from bot.platforms.web.settings import DEFAULT_HOST, DEFAULT_PORT, WebSettings
    from bot.store import Store
    from bot.usage import UsageError

    if not args.user.strip().lstrip("@"):
        raise UsageError("web link: say who the link is for (platform:id, or a console name)")
    try:
        config = load_config(Path(args.config) if args.config else None, os.environ)
        settings = config.read(WebSettings)
    except SourceError as exc:
        raise UsageError("invalid configuration: {error}", error=exc) from None
    host, port = settings.listen or (DEFAULT_HOST, DEFAULT_PORT)
    base = settings.public_url or f"http://{host}:{port}"
    user = person_of(args.user, args.name)

    async def make() -> str:
        clock = SystemClock()
        async with Store.open(Path(args.db) if args.db else config.database, clock) as store:
            return await auth.new_link(store, user, clock.now())

    token = asyncio.run(make())
    print(f"{base}/login/{token}")
    return 0


__all__ = ["person_of", "print_link"]
