"""Discord: Garant on a Discord server (discord.py, imported only when it runs).

The package: `adapter.py` (the Platform), `client.py` (discord.py's client, the
persistent buttons, one interaction), `forms.py` (modals in pages), `render.py`
(pure rendering within Discord's limits), `automod.py` and `keyword_filter.py`
(mirroring charters into AutoMod), `wire.py` (Discord's JSON as the neutral
model). This module only declares the platform: its secret, its garant.yaml
section and `garant discord invite-url`.
"""

from __future__ import annotations

import argparse
import re
import sys
from dataclasses import dataclass
from typing import Any, ClassVar

from bot.located.fields import describe, fail
from bot.phrases import Phrase, add_french
from bot.platforms.base import PlatformSpec, Secret
from bot.platforms.discord.phrases_fr import FRENCH
from bot.settings import Section

add_french(FRENCH)


@dataclass(frozen=True, slots=True)
class DiscordConfig:
    """garant.yaml's `discord` section.

    guild_id: the server whose slash commands are synced at start (instant), or None
        to sync them globally (Discord may take up to an hour to show them). When set,
        messages from any other server the bot is in are not read: one bot token may
        serve several teams (`garant run --tenants`), each reading its own server."""

    SECTION: ClassVar[str] = "discord"
    guild_id: int | None = None

    @classmethod
    def read(cls, section: Section) -> DiscordConfig:
        value = section.get("guild_id")
        if value is None:
            return cls()
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise fail(section.where("guild_id"), "'guild_id' must be the server's numeric id "
                       "(Discord: right-click the server, Copy Server ID), got {got}",
                       got=describe(value))
        return cls(guild_id=value)


def shard(text: str) -> tuple[int, int]:
    """`--shard I/N`: this instance connects shard I of N (counted from 0)."""
    number, _, count = text.partition("/")
    if not (number.strip().isdigit() and count.strip().isdigit()) or not \
            0 <= int(number) < int(count):
        raise argparse.ArgumentTypeError(
            f"expected I/N with 0 <= I < N, such as 0/2 and 1/2, not {text!r}")
    return int(number), int(count)


def _run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--shard", type=shard, metavar="I/N",
                        help="Discord: connect shard I of N (0/2 and 1/2 for two instances "
                             "sharing the servers of one bot; default: one shard, all servers)")


def _add_cli(commands: argparse._SubParsersAction[Any]) -> None:
    discord_ = commands.add_parser("discord", help="set up the Discord bot")
    subcommands = discord_.add_subparsers(dest="discord_command", metavar="SUBCOMMAND")
    invite = subcommands.add_parser(
        "invite-url", help="print the link that adds the bot to a Discord server",
        description="Print the OAuth2 link that adds Garant to a Discord server with exactly "
                    "the scopes (bot, applications.commands) and permissions it needs.",
    )
    invite.add_argument("--client-id", metavar="ID",
                        help="the application id (Developer Portal → General Information); "
                             "default: read from DISCORD_TOKEN (environment or .env)")
    invite.set_defaults(handler=_invite_url)
    discord_.set_defaults(handler=lambda args: _usage(discord_))


def _usage(parser: argparse.ArgumentParser) -> int:
    parser.print_help(sys.stderr)
    return 2


def _invite_url(args: argparse.Namespace) -> int:
    from bot.located.yamlsrc import SourceError
    from bot.platforms.discord.render import PERMISSIONS, application_id_from_token, invite_url
    from bot.usage import UsageError

    client_id = args.client_id
    if client_id is None:
        try:
            token = args.load_secrets().get("DISCORD_TOKEN")
        except SourceError as exc:
            raise UsageError("{error}", error=exc) from None
        if not token:
            raise UsageError("give --client-id (Developer Portal → General Information → "
                             "Application ID) or set DISCORD_TOKEN")
        client_id = application_id_from_token(token)
        if client_id is None:
            raise UsageError("DISCORD_TOKEN does not look like a bot token; give --client-id")
    if not str(client_id).isdigit():
        raise UsageError("--client-id {client_id}: expected the numeric application id",
                         client_id=client_id)
    print(invite_url(client_id))
    names = ", ".join(name.replace("_", " ").title() for name in PERMISSIONS)
    print(Phrase("scopes: bot, applications.commands; permissions: {names}", names=names)
          .render(getattr(args, "language", "en")), file=sys.stderr)
    return 0


PLATFORM = PlatformSpec(
    name="discord",
    title="Discord",
    factory="bot.platforms.discord.adapter:create",
    # Snowflakes (user and role ids), bare or as mentions (<@123>, <@&456>).
    identifiers=re.compile(r"<@[!&]?\d{15,21}>|\d{15,21}"),
    secrets=(Secret("DISCORD_TOKEN", "the Discord bot token",
                    looks_like=r"^[A-Za-z0-9_-]{23,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{25,}$"),),
    required=("DISCORD_TOKEN",),
    settings=DiscordConfig,
    add_cli=_add_cli,
    add_run_options=_run_options,
    order=10,
)

__all__ = ["PLATFORM", "DiscordConfig"]
