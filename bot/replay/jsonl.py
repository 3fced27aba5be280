"""JSON Lines: one `{"ts", "author", "channel", "text"}` message per line."""

from __future__ import annotations

import json
from pathlib import Path

from bot.phrases import Phrase
from bot.replay.records import (
    BadRecord,
    Reading,
    iso_or_epoch,
    json_reason,
    object_of,
    required,
    text_of,
)


def read_jsonl(path: Path, reading: Reading) -> None:
    """One message per line; a bad line (even bad UTF-8) is one error, the next line is read."""
    name = str(path)
    origin = reading.origin(name, "{}:{}")
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8").rstrip("\r\n")
            except UnicodeDecodeError:
                reading.error(f"{name}:{number}", Phrase("not UTF-8 text"))
                continue
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                reading.error(f"{name}:{number}:{exc.colno}",
                              Phrase("invalid JSON: {reason}", reason=json_reason(exc.msg)))
                continue
            try:
                message = object_of(item)
                value = required(message, "ts")
                at = iso_or_epoch(value)
                reading.add(at, text_of(message, "text"), text_of(message, "author"),
                            text_of(message, "channel"), origin, number)
            except BadRecord as exc:
                reading.error(f"{name}:{number}", exc)
