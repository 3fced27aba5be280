"""Which reader each EXPORT argument needs, and reading them all."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from bot.replay.discord_export import read_discord
from bot.replay.jsonl import read_jsonl
from bot.replay.jsonstream import JsonStream
from bot.replay.records import Export, ExportError, Malformed, Reading, guarded
from bot.replay.slack_export import (
    SLACK_DAY,
    read_slack_day,
    read_slack_folder,
    read_slack_zip,
    read_users_file,
)

FORMATS = {".zip": "slack-zip", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}


def find_exports(paths: Iterable[str | Path]) -> list[Export]:
    """The format of each EXPORT argument, from what it is and its suffix.

    Fails fast (before the charter is loaded or anything read) on a path that
    does not exist or cannot be an export: that is a typo, not a bad file.
    """
    exports = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            exports.append(Export(path, "slack-folder"))
            continue
        if not path.exists():
            raise ExportError("{path}: no such file or directory", path=str(raw))
        kind = FORMATS.get(path.suffix.lower())
        if kind is None:
            raise ExportError("{path}: unknown export format (expected a Slack export folder "
                              "or .zip, a DiscordChatExporter .json or a .jsonl file)",
                              path=str(raw))
        exports.append(Export(path, kind))
    return exports


def read_exports(exports: Iterable[Export]) -> Reading:
    """Every message of the exports, in reading order; problems are collected, not raised."""
    reading = Reading()
    for export in exports:
        if export.kind == "slack-folder":
            read_slack_folder(export.path, reading)
        elif export.kind == "slack-zip":
            read_slack_zip(export.path, reading)
        elif export.kind == "jsonl":
            guarded(reading, export.name, read_jsonl, export.path, reading)
        else:
            guarded(reading, export.name, read_json_file, export.path, reading)
    return reading


def read_json_file(path: Path, reading: Reading) -> None:
    """A `.json` argument: a DiscordChatExporter file, or one Slack channel day file."""
    name = str(path)
    with path.open(encoding="utf-8-sig") as stream:
        doc = JsonStream(stream, name)
        first = doc.peek()
        if first == "{":
            read_discord(doc, name, path.stem, reading)
        elif first == "[" and SLACK_DAY.fullmatch(path.name):
            folder = path.resolve().parent
            users = folder.parent / "users.json"  # the workspace export's root
            if users.is_file():
                guarded(reading, str(users), read_users_file, users, reading)
            read_slack_day(doc, name, folder.name, reading)
        elif first == "[":
            raise Malformed(name, "a JSON array, but not a Slack channel file "
                                   "(CHANNEL/YYYY-MM-DD.json)")
        elif not first:
            raise Malformed(name, "empty file")
        else:
            raise Malformed(name, "not a DiscordChatExporter or Slack export file")
