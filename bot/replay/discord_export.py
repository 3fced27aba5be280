"""DiscordChatExporter files: a JSON object with a `channel` and a `messages` list,
streamed one message at a time. Which message types are a person writing is the
Discord platform's rule (`bot.platforms.discord.wire`)."""

from __future__ import annotations

from typing import Any

from bot.platforms.discord import wire
from bot.replay.jsonstream import JsonStream
from bot.replay.records import (
    BadRecord,
    Malformed,
    Reading,
    first_text,
    iso,
    object_of,
    required,
    text_of,
)


def read_discord(doc: JsonStream, name: str, stem: str, reading: Reading) -> None:
    """A DiscordChatExporter file, streamed: the `messages` list one message at a time."""
    origin = reading.origin(name, "{}:messages[{}]")
    start = len(reading.records)
    channel: str | None = None
    has_messages = False
    try:
        doc.take("{")
        if doc.peek() == "}":
            doc.take("}")
        else:
            while True:
                key = doc.value()
                if not isinstance(key, str):
                    raise doc.malformed("invalid JSON: expected a key")
                doc.take(":")
                if key == "messages":
                    if doc.peek() != "[":
                        raise doc.malformed("'messages' is not a list")
                    has_messages = True
                    for index, item in doc.array():
                        try:
                            _discord_message(item, origin, index, reading)
                        except BadRecord as exc:
                            reading.error(f"{name}:messages[{index}]", exc)
                else:
                    value = doc.value()
                    if key == "channel" and isinstance(value, dict):
                        channel = first_text(value.get("name"))
                if doc.take(",}") == "}":
                    break
        doc.end()
    finally:
        # The channel is usually before the messages, but JSON keys have no order.
        for record in reading.records[start:]:
            record.channel = channel or stem
    if not has_messages:
        raise Malformed(name, "no 'messages' list: not a DiscordChatExporter export")


def _discord_message(item: Any, origin: int, index: int, reading: Reading) -> None:
    message = object_of(item)
    if message.get("type", "Default") not in wire.EXPORTER_PERSON_TYPES:
        reading.skipped += 1
        return
    author = message.get("author")
    if not isinstance(author, dict):
        raise BadRecord("missing field '{key}'", key="author")
    if author.get("isBot") is True:
        reading.skipped += 1
        return
    at = iso(required(message, "timestamp"), "timestamp")
    text = text_of(message, "content")
    author_id = author.get("id")
    if not isinstance(author_id, str | int) or isinstance(author_id, bool):
        raise BadRecord("missing field '{key}'", key="author.id")
    key = str(author_id)
    label = first_text(author.get("nickname"), author.get("name"))
    if label and key not in reading.names:
        reading.names[key] = label
    reading.add(at, text, key, "", origin, index)
