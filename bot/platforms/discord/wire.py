"""Discord's messages as the neutral model: pure functions over Discord's JSON.

The adapter uses them for the messages an interaction carries (a context-menu
report), and `garant replay` for exported history: one place decides what a
Discord message means for Garant (its id, author, text, link; whether a person
wrote it). No discord.py, no I/O.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from typing import Any

from bot.model import Channel, Message, User

NAME = "discord"
#: Message types that are a person writing (0: default, 19: a reply); the others are
#: joins, pins, boosts, thread starters...
PERSON_TYPES = (0, 19)
#: The same types as DiscordChatExporter names them in its exports.
EXPORTER_PERSON_TYPES = frozenset({"Default", "Reply"})


def jump_url(guild_id: int | str | None, channel_id: str, message_id: str) -> str:
    """The link Discord's clients open for a message."""
    return f"https://discord.com/channels/{guild_id or '@me'}/{channel_id}/{message_id}"


def api_user(raw: Mapping[str, Any]) -> User:
    """A user object of the API (no roles: they come with the server's member)."""
    return User(NAME, str(raw.get("id", "")), str(raw.get("username", "?")),
                is_bot=bool(raw.get("bot")))


def api_message(raw: Mapping[str, Any], at: datetime, guild_id: int | str | None, *,
                author: User | None = None, channel: Channel | None = None,
                default_channel: str = "") -> Message:
    """A message object of the API as the neutral model; `author` and `channel` when
    the caller knows them better (the member with their roles, the channel's name)."""
    channel_id = str(raw.get("channel_id") or default_channel)
    return Message(NAME, str(raw["id"]),
                   channel or Channel(NAME, channel_id, channel_id),
                   author or api_user(raw.get("author") or {}),
                   str(raw.get("content", "")), at,
                   link=jump_url(guild_id, channel_id, str(raw["id"])))


def is_person(raw: Mapping[str, Any]) -> bool:
    """Whether an API message is a person writing (not a bot, a webhook or a system
    message)."""
    author = raw.get("author") or {}
    return (int(raw.get("type", 0)) in PERSON_TYPES and not author.get("bot")
            and raw.get("webhook_id") is None)


__all__ = ["EXPORTER_PERSON_TYPES", "NAME", "PERSON_TYPES", "api_message", "api_user",
           "is_person", "jump_url"]
