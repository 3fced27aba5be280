"""Garant on the web: pages for moderators, members and the director (see `server.py`).

`garant run` serves them when `web.listen` is set in garant.yaml or `--web HOST:PORT`
is given, and in the no-token demo at a terminal (on 127.0.0.1:8080, beside the
console). People sign in with one-time links (`/web` in chat, or `garant web link
USER` for an operator); `auth.py` keeps the links and sessions.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

from bot.phrases import add_french
from bot.platforms.base import PlatformSpec
from bot.platforms.web.phrases_fr import FRENCH
from bot.platforms.web.settings import WebSettings

add_french(FRENCH)


def _run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--web", metavar="HOST:PORT",
                        help="serve the web pages there (default: the config's web.listen; "
                             "the demo at a terminal: 127.0.0.1:8080)")


def _requested(settings: WebSettings | None, options: Any, demo: bool) -> bool:
    """Asked by `--web`, by `web.listen` (on the real clock: not in a --now rehearsal),
    or the demo."""
    if (getattr(options, "extra", None) or {}).get("web"):
        return True
    listened = settings is not None and settings.listen is not None
    return demo or (listened and getattr(options, "now", None) is None)


def _add_cli(commands: argparse._SubParsersAction[Any]) -> None:
    web = commands.add_parser("web", help="the web pages: sign-in links",
                              description="Garant's web pages. People sign in with a "
                                          "one-time link: /web in chat, or this command.")
    subcommands = web.add_subparsers(dest="web_command", metavar="SUBCOMMAND")
    link = subcommands.add_parser(
        "link", help="print a one-time sign-in link for a person",
        description="Print a sign-in link for USER (valid once, for 15 minutes), as the "
                    "last line. USER is a stored identity, platform:id (slack:U0123ABCD, "
                    "discord:123456789012345678, local:camille), or a console name.")
    link.add_argument("user", metavar="USER")
    link.add_argument("--name", help="the name shown on the pages (default: the id)")
    link.add_argument("--config", metavar="PATH",
                      help="garant.yaml (default: $GARANT_CONFIG, ./garant.yaml, else the "
                           "bundled example)")
    link.add_argument("--db", metavar="PATH", help="database (default: the config's "
                                                   "'database')")
    link.set_defaults(handler=_link)
    web.set_defaults(handler=lambda args: (web.print_help(sys.stderr), 2)[1])


def _link(args: argparse.Namespace) -> int:
    from bot.platforms.web.cli import print_link

    return print_link(args)


PLATFORM = PlatformSpec(
    name="web",
    title="web pages",
    factory="bot.platforms.web.server:create",
    settings=WebSettings,
    add_cli=_add_cli,
    add_run_options=_run_options,
    requested_by=_requested,
    order=90,
)

__all__ = ["PLATFORM"]
