"""The local console: every Garant feature in a terminal, with no account anywhere.

`garant run` starts it when no chat platform has its secrets (or with
`--platform local`); it runs in the foreground and Garant stops when its input
ends. See `console.py`.
"""

from __future__ import annotations

import argparse

from bot.phrases import add_french
from bot.platforms.base import PlatformSpec
from bot.platforms.local.phrases_fr import FRENCH

add_french(FRENCH)


def _run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--user", metavar="NAME", help="console: who you are at start")
    parser.add_argument("--channel", metavar="NAME", default="general",
                        help="console: the channel at start (default: general)")


PLATFORM = PlatformSpec(
    name="local",
    title="local console",
    factory="bot.platforms.local.console:create",
    add_run_options=_run_options,
    default=True,
    order=0,
)

__all__ = ["PLATFORM"]
