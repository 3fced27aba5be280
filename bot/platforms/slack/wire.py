"""Slack's messages as the neutral model: pure functions over Slack's JSON.

The adapter uses them for live events and `garant replay` for exported workspaces,
so one place decides what a Slack message means for Garant: its id (the ts), the
text a person typed (entities decoded), when it was posted, its link, whether a
person wrote it. No slack_sdk, no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import UTC, datetime
from typing import Any

NAME = "slack"
#: Message subtypes that are still a person writing (others: joins, topics, bots...).
PERSON_SUBTYPES = ("thread_broadcast", "file_share", "me_message")

_USER_ID = re.compile(r"^[UW][A-Z0-9]{2,}$")
_MESSAGE_LINK = re.compile(
    r"https?://[^/\s]+/archives/(?P<channel>[CDG][A-Z0-9]+)/p(?P<sec>\d{10})(?P<frac>\d{6})")
_CHANNEL_TS = re.compile(r"^(?P<channel>[CDG][A-Z0-9]+)[/:](?P<ts>\d{10}\.\d{6})$")
_TS = re.compile(r"^\d{9,10}\.\d{1,6}$")


def unescape(text: str) -> str:
    """The text a person typed, from Slack's message text (entities decoded; Slack's own
    markup such as `<https://x.y|label>` and `<@U1>` is kept for the charter engine,
    which reads it)."""
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def is_user_id(text: str) -> bool:
    return bool(_USER_ID.match(text))


def ts_to_datetime(ts: str) -> datetime:
    """When a message was posted, from its ts (seconds since the epoch)."""
    return datetime.fromtimestamp(float(ts), UTC)


def permalink(workspace_url: str, channel_id: str, ts: str, thread_ts: str | None = None) -> str:
    """A link to a message, built like Slack's own permalinks (no API call)."""
    base = workspace_url if workspace_url.endswith("/") else workspace_url + "/"
    link = f"{base}archives/{channel_id}/p{ts.replace('.', '')}"
    if thread_ts and thread_ts != ts:
        link += f"?thread_ts={thread_ts}&cid={channel_id}"
    return link


def parse_message_ref(text: str) -> tuple[str | None, str] | None:
    """A message named in a command: a Slack link, `CHANNEL/TS`, or a bare ts."""
    token = text.strip().strip("<>").split("|", 1)[0]
    match = _MESSAGE_LINK.search(token)
    if match:
        return match.group("channel"), f"{match.group('sec')}.{match.group('frac')}"
    match = _CHANNEL_TS.match(token)
    if match:
        return match.group("channel"), match.group("ts")
    if _TS.match(token):
        return None, token
    return None


def display_name(user: Mapping[str, Any]) -> str:
    """How to call a Slack user: display name, else real name, else the handle."""
    profile = user.get("profile") or {}
    for name in (profile.get("display_name"), profile.get("real_name"), user.get("real_name"),
                 user.get("name")):
        if name and str(name).strip():
            return str(name).strip()
    return str(user.get("id", "?"))


def mention_token(text: str) -> str:
    """The user id in a mention as Slack escapes it in a slash command (`<@U1|name>`),
    or the text itself."""
    token = text.strip()
    if token.startswith("<@") and token.endswith(">"):
        token = token[2:-1].split("|", 1)[0]
    return token.lstrip("@")


def is_person(raw: Mapping[str, Any], bot_user_id: str | None = None) -> bool:
    """Whether a message event (or an exported message) is a person writing: a plain
    message or one of `PERSON_SUBTYPES`, with a user, not a bot, not Garant itself."""
    subtype = raw.get("subtype")
    if subtype is not None and subtype not in PERSON_SUBTYPES:
        return False
    return bool(raw.get("user")) and not raw.get("bot_id") and raw.get("user") != bot_user_id


__all__ = ["NAME", "PERSON_SUBTYPES", "display_name", "is_person", "is_user_id",
           "mention_token", "parse_message_ref", "permalink", "ts_to_datetime", "unescape"]
