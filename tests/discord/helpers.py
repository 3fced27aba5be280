"""Small readers of what the bot sent to the fake Discord."""

from __future__ import annotations

import re
from typing import Any

from bot.typography import plain
from tests.discord.fake import Recorded

EPHEMERAL = 64


def raw_custom_ids(message: dict[str, Any]) -> list[str]:
    """The custom ids of a message's buttons, row by row, as Discord keeps them."""
    return [c["custom_id"] for row in message.get("components") or []
            for c in row.get("components", []) if "custom_id" in c]


def custom_ids(message: dict[str, Any]) -> list[str]:
    """The action ids of a message's buttons (without the team's server mark,
    `~g<server>:`, which `FakeDiscord.click` puts back as Discord would send it)."""
    return [re.sub(r"^~g\d+:", "", i) for i in raw_custom_ids(message)]


def button(message: dict[str, Any], prefix: str) -> str:
    """The custom id of the message's button starting with `prefix`."""
    return next(i for i in custom_ids(message) if i.startswith(prefix))


def text_of(request: Recorded) -> str:
    """What an answer says: its content and its embeds' text, in one string."""
    body = request.body or {}
    data = body.get("data", body) if isinstance(body, dict) else {}
    parts = [data.get("content") or ""]
    for embed in data.get("embeds") or []:
        parts += [embed.get("title", ""), embed.get("description", "")]
        parts += [f"{f['name']}: {f['value']}" for f in embed.get("fields", [])]
        parts.append((embed.get("footer") or {}).get("text", ""))
    return plain("\n".join(p for p in parts if p))  # French spaces read as plain ones


def is_ephemeral(request: Recorded) -> bool:
    body = request.body or {}
    data = body.get("data", body)
    return bool((data.get("flags") or 0) & EPHEMERAL)


def modal_inputs(request: Recorded) -> dict[str, dict[str, Any]]:
    """A modal callback's text inputs by custom id."""
    rows = request.body["data"]["components"]
    inputs = {}
    for row in rows:
        for item in [*(row.get("components") or []), *([row["component"]]
                                                        if row.get("component") else [])]:
            inputs[item["custom_id"]] = item
    return inputs
