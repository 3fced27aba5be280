"""Slack workspace exports: a folder or a .zip of `CHANNEL/YYYY-MM-DD.json` day files
and `users.json`. What counts as a person writing, and how Slack escapes text, are
the Slack platform's own rules (`bot.platforms.slack.wire`), shared with the live
adapter.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from operator import attrgetter
from pathlib import Path, PurePosixPath
from typing import Any, TextIO

from bot.phrases import Phrase
from bot.platforms.slack import wire
from bot.replay.jsonstream import JsonStream
from bot.replay.records import (
    BadRecord,
    Malformed,
    Reading,
    epoch,
    first_text,
    guarded,
    json_reason,
    object_of,
    required,
    text_of,
)

SLACK_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\.json")


def read_slack_folder(root: Path, reading: Reading) -> None:
    days = sorted(p for p in root.rglob("*.json") if SLACK_DAY.fullmatch(p.name) and p.is_file())
    if not days:
        reading.error(str(root), Phrase("no Slack channel files (CHANNEL/YYYY-MM-DD.json) in "
                                        "this folder"))
        return
    candidates = [root / "users.json"]
    if any(day.parent == root for day in days):  # a channel folder given on its own
        candidates.append(root.parent / "users.json")
    users = next((c for c in candidates if c.is_file()), None)
    if users is not None:
        guarded(reading, str(users), read_users_file, users, reading)
    for day in days:
        guarded(reading, str(day), read_slack_day_file, day, reading)


def read_slack_day_file(path: Path, reading: Reading) -> None:
    with path.open(encoding="utf-8-sig") as stream:
        read_slack_day(JsonStream(stream, str(path)), str(path), path.parent.name, reading)


def read_slack_zip(path: Path, reading: Reading) -> None:
    name = str(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        reading.error(name, Phrase("not a readable zip file ({error})", error=str(exc)))
        return
    with archive:
        members = [info for info in archive.infolist() if not info.is_dir()]
        days = sorted((info for info in members if "/" in info.filename
                       and SLACK_DAY.fullmatch(PurePosixPath(info.filename).name)),
                      key=attrgetter("filename"))
        users = min((info for info in members
                     if PurePosixPath(info.filename).name == "users.json"),
                    key=lambda info: info.filename.count("/"), default=None)
        if users is not None:
            where = f"{name}:{users.filename}"
            guarded(reading, where, _read_users_member, archive, users, where, reading)
        if not days:
            reading.error(name, Phrase("no Slack channel files (CHANNEL/YYYY-MM-DD.json) in "
                                       "this zip"))
            return
        for info in days:
            where = f"{name}:{info.filename}"
            guarded(reading, where, _read_slack_day_member, archive, info, where, reading)


def _read_slack_day_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, where: str,
                           reading: Reading) -> None:
    channel = PurePosixPath(info.filename).parent.name
    with archive.open(info) as raw, io.TextIOWrapper(raw, encoding="utf-8-sig") as stream:
        read_slack_day(JsonStream(stream, where), where, channel, reading)


def _read_users_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, where: str,
                       reading: Reading) -> None:
    with archive.open(info) as raw, io.TextIOWrapper(raw, encoding="utf-8-sig") as stream:
        _read_users(stream, where, reading)


def read_users_file(path: Path, reading: Reading) -> None:
    with path.open(encoding="utf-8-sig") as stream:
        _read_users(stream, str(path), reading)


def _read_users(stream: TextIO, where: str, reading: Reading) -> None:
    """Slack's users.json: ids to the names people see (display name, else real name)."""
    try:
        users = json.load(stream)
    except json.JSONDecodeError as exc:
        raise Malformed(f"{where}:{exc.lineno}:{exc.colno}", "invalid JSON: {reason}",
                        reason=json_reason(exc.msg)) from None
    if not isinstance(users, list):
        raise Malformed(where, "expected a JSON array of users")
    for user in users:
        if not isinstance(user, dict) or not isinstance(user.get("id"), str):
            continue
        profile = user.get("profile")
        profile = profile if isinstance(profile, dict) else {}
        label = first_text(profile.get("display_name"), profile.get("real_name"),
                            user.get("real_name"), user.get("name"))
        if label:
            reading.names[user["id"]] = label


def read_slack_day(doc: JsonStream, name: str, channel: str, reading: Reading) -> None:
    if doc.peek() != "[":
        raise doc.malformed("expected a JSON array of messages (a Slack channel file)")
    origin = reading.origin(name, "{}[{}]")
    for index, item in doc.array():
        try:
            _slack_message(item, channel, origin, index, reading)
        except BadRecord as exc:
            reading.error(f"{name}[{index}]", exc)
    doc.end()


def _slack_message(item: Any, channel: str, origin: int, index: int,
                   reading: Reading) -> None:
    message = object_of(item)
    subtype = message.get("subtype")
    if (subtype is not None and subtype not in wire.PERSON_SUBTYPES) or message.get("bot_id"):
        reading.skipped += 1
        return
    at = epoch(required(message, "ts"), "ts")
    user = text_of(message, "user")
    text = text_of(message, "text")
    if user not in reading.names:
        profile = message.get("user_profile")
        if isinstance(profile, dict):
            label = first_text(profile.get("display_name"), profile.get("real_name"))
            if label:
                reading.names[user] = label
    # Slack escapes exactly three characters in message text; its <...> markup stays.
    text = wire.unescape(text)
    reading.add(at, text, user, channel, origin, index)
