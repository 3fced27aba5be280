"""`garant replay`: a charter's chat checks over an exported chat history.

Why: before moderation is switched on in a space, a team wants to know what
its charter would have done there — how many messages it would have flagged or
blocked, for which rules, and who would have been hit — without posting
anything. Replaying an export answers that, and shows which rules are too
eager before anyone is bothered by them.

Every message is checked in the `chat` context with one `FloodTracker` across
the whole history, so `repetition` rules see the message's author, channel and
time. Messages from every file are merged and sorted by time (stable) before
checking: a flood that spans two Slack day files, or two exports, is found.

Inputs, one or more EXPORT arguments, the format detected per argument:

* a Slack workspace export, as a folder or a `.zip`: `CHANNEL/YYYY-MM-DD.json`
  files (a JSON array of messages: `ts`, `user` or `bot_id`, `text`,
  `subtype`, optional `user_profile`), and `users.json` at the root for names.
  System messages (joins, leaves, topics, pins...) and bot messages are
  skipped and counted as such. A single `YYYY-MM-DD.json` file passed alone is
  read as a Slack channel file of its folder. `&lt; &gt; &amp;` are unescaped;
  Slack markup (`<@U123>`, `<https://...|label>`) is kept, the engine reads it.
* a DiscordChatExporter JSON file (`.json` with a `messages` list); bot
  messages and system messages (`type` other than Default and Reply) skipped.
* JSON Lines (`.jsonl`, `.ndjson`): `{"ts": ISO 8601 or epoch seconds,
  "author": str, "channel": str, "text": str}` per line. A time without an
  offset is taken as UTC.

A malformed file or record is reported with its position — `FILE:LINE` for
JSON Lines, `FILE[INDEX]` for a Slack day file, `FILE:messages[INDEX]` for
DiscordChatExporter (0-based, as `jq` counts), `FILE:LINE:COL` for invalid
JSON, `export.zip:general/2026-01-02.json[3]` inside a zip — and the rest is
still read. JSON files are parsed one message at a time (`_JsonStream`), so a
100k-message DiscordChatExporter file never becomes one Python tree: what is
kept is the messages themselves (time, text, author and channel keys, a
position) and capped figures.

`--format json` prints one document:

    {
      "charter": "base",
      "exports": ["slack-export.zip", "chat.jsonl"],
      "messages": {"read": 16, "skipped": 5, "not_ok": 10,
                   "first": "2026-01-02T07:50:00+00:00", "last": "..."},
      "verdicts": {"ok": 6, "suggest": 1, "warn": 0, "flag": 7, "block": 2},
      "findings": 11,
      "per_1000": {"findings": 687.5, "not_ok": 625.0},
      "rules": [                       # rules with findings, most findings first
        {"rule": "coordonnees", "kind": "personal_data", "level": "warning",
         "action": "flag", "findings": 4,
         "examples": [                 # the first 3, in time order
           {"source": "slack-export.zip:general/2026-01-02.json[2]",
            "at": "2026-01-02T08:05:00+00:00", "channel": "general",
            "author": "Bob Durand", "match": "06 12 34 56 78"}, ...]}, ...],
      "authors": [                     # top 10 by findings (authors with none left out)
        {"author": "Bob Durand", "id": "U02BOB", "findings": 4, "messages": 3,
         "not_ok": 3}, ...],
      "errors": [{"source": "broken.jsonl:2:83", "error": "invalid JSON: ..."}],
      "errors_total": 3                # "errors" lists the first 100
    }

`messages.read` counts the messages checked, `not_ok` those whose verdict is
not `ok`; `first`/`last` are null when nothing was read. Times are UTC.
Matches in examples are cut to 80 characters.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
import zlib
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from operator import attrgetter
from pathlib import Path, PurePosixPath
from typing import Any, TextIO

from bot.charter import ACTIONS, Charter, Finding, FloodTracker, verdict

EXAMPLES_PER_RULE = 3
TOP_AUTHORS = 10
MAX_ERRORS = 100
MAX_MATCH = 80

SLACK_DAY = re.compile(r"\d{4}-\d{2}-\d{2}\.json")
# Slack subtypes that are still a person writing; every other subtype is an event
# (channel_join, channel_leave, channel_topic, pinned_item, bot_message...).
SLACK_PERSON_SUBTYPES = frozenset({"thread_broadcast", "file_share", "me_message"})
DISCORD_PERSON_TYPES = frozenset({"Default", "Reply"})
FORMATS = {".zip": "slack-zip", ".json": "json", ".jsonl": "jsonl", ".ndjson": "jsonl"}


class ExportError(Exception):
    """An EXPORT argument that cannot be read at all (missing, unknown kind): a usage error."""


class _Malformed(Exception):
    """A file that stops being readable at `where`; what was read before it is kept."""

    def __init__(self, where: str, message: str) -> None:
        super().__init__(f"{where}: {message}")
        self.where = where
        self.message = message


class _BadRecord(Exception):
    """One message record that cannot be used; its file goes on being read."""


# --------------------------------------------------------------------------- reading


@dataclass(frozen=True, slots=True)
class Export:
    path: Path
    kind: str  # slack-folder, slack-zip, json (DiscordChatExporter or a Slack day), jsonl

    @property
    def name(self) -> str:
        return str(self.path)


@dataclass(slots=True)
class Record:
    """One message to replay: what the checks need, and where it came from."""

    at: datetime
    text: str
    author: str  # a stable key (Slack or Discord id, or the JSONL name), for flood tracking
    channel: str
    origin: int  # index into Reading.origins
    position: int  # line (JSONL) or index in the array (JSON)


class Reading:
    """The messages of all exports, the names of their authors, and what went wrong."""

    def __init__(self) -> None:
        self.records: list[Record] = []
        self.names: dict[str, str] = {}  # author key -> display name
        self.skipped = 0
        self.errors: list[tuple[str, str]] = []
        self.errors_total = 0
        self.origins: list[tuple[str, str]] = []  # (file name, position template)
        self._strings: dict[str, str] = {}

    def error(self, where: str, message: str) -> None:
        self.errors_total += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append((where, message))

    def origin(self, name: str, template: str) -> int:
        self.origins.append((name, template))
        return len(self.origins) - 1

    def where(self, record: Record) -> str:
        name, template = self.origins[record.origin]
        return template.format(name, record.position)

    def add(self, at: datetime, text: str, author: str, channel: str, origin: int,
            position: int) -> None:
        # Authors and channels repeat across 100k messages: keep one copy of each.
        author = self._strings.setdefault(author, author)
        channel = self._strings.setdefault(channel, channel)
        self.records.append(Record(at, text, author, channel, origin, position))

    def name_of(self, author: str) -> str:
        return self.names.get(author) or author


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
            raise ExportError(f"{raw}: no such file or directory")
        kind = FORMATS.get(path.suffix.lower())
        if kind is None:
            raise ExportError(f"{raw}: unknown export format (expected a Slack export folder "
                              "or .zip, a DiscordChatExporter .json or a .jsonl file)")
        exports.append(Export(path, kind))
    return exports


def read_exports(exports: Iterable[Export]) -> Reading:
    """Every message of the exports, in reading order; problems are collected, not raised."""
    reading = Reading()
    for export in exports:
        if export.kind == "slack-folder":
            _read_slack_folder(export.path, reading)
        elif export.kind == "slack-zip":
            _read_slack_zip(export.path, reading)
        elif export.kind == "jsonl":
            _guarded(reading, export.name, _read_jsonl, export.path, reading)
        else:
            _guarded(reading, export.name, _read_json_file, export.path, reading)
    return reading


def _guarded(reading: Reading, name: str, read: Callable[..., None], *args: Any) -> None:
    """Run one file's reader; a file that breaks is one error, and the next file is read."""
    try:
        read(*args)
    except _Malformed as exc:
        reading.error(exc.where, exc.message)
    except UnicodeDecodeError:
        reading.error(name, "not UTF-8 text")
    except OSError as exc:
        reading.error(name, f"cannot read: {exc.strerror or exc}")
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError) as exc:
        reading.error(name, f"cannot read this zip member: {exc}")


def _read_json_file(path: Path, reading: Reading) -> None:
    """A `.json` argument: a DiscordChatExporter file, or one Slack channel day file."""
    name = str(path)
    with path.open(encoding="utf-8-sig") as stream:
        doc = _JsonStream(stream, name)
        first = doc.peek()
        if first == "{":
            _read_discord(doc, name, path.stem, reading)
        elif first == "[" and SLACK_DAY.fullmatch(path.name):
            folder = path.resolve().parent
            users = folder.parent / "users.json"  # the workspace export's root
            if users.is_file():
                _guarded(reading, str(users), _read_users_file, users, reading)
            _read_slack_day(doc, name, folder.name, reading)
        elif first == "[":
            raise _Malformed(name, "a JSON array, but not a Slack channel file "
                                   "(CHANNEL/YYYY-MM-DD.json)")
        elif not first:
            raise _Malformed(name, "empty file")
        else:
            raise _Malformed(name, "not a DiscordChatExporter or Slack export file")


# --------------------------------------------------------------------------- Slack


def _read_slack_folder(root: Path, reading: Reading) -> None:
    days = sorted(p for p in root.rglob("*.json") if SLACK_DAY.fullmatch(p.name) and p.is_file())
    if not days:
        reading.error(str(root), "no Slack channel files (CHANNEL/YYYY-MM-DD.json) in this "
                                 "folder")
        return
    candidates = [root / "users.json"]
    if any(day.parent == root for day in days):  # a channel folder given on its own
        candidates.append(root.parent / "users.json")
    users = next((c for c in candidates if c.is_file()), None)
    if users is not None:
        _guarded(reading, str(users), _read_users_file, users, reading)
    for day in days:
        _guarded(reading, str(day), _read_slack_day_file, day, reading)


def _read_slack_day_file(path: Path, reading: Reading) -> None:
    with path.open(encoding="utf-8-sig") as stream:
        _read_slack_day(_JsonStream(stream, str(path)), str(path), path.parent.name, reading)


def _read_slack_zip(path: Path, reading: Reading) -> None:
    name = str(path)
    try:
        archive = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as exc:
        reading.error(name, f"not a readable zip file ({exc})")
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
            _guarded(reading, where, _read_users_member, archive, users, where, reading)
        if not days:
            reading.error(name, "no Slack channel files (CHANNEL/YYYY-MM-DD.json) in this zip")
            return
        for info in days:
            where = f"{name}:{info.filename}"
            _guarded(reading, where, _read_slack_day_member, archive, info, where, reading)


def _read_slack_day_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, where: str,
                           reading: Reading) -> None:
    channel = PurePosixPath(info.filename).parent.name
    with archive.open(info) as raw, io.TextIOWrapper(raw, encoding="utf-8-sig") as stream:
        _read_slack_day(_JsonStream(stream, where), where, channel, reading)


def _read_users_member(archive: zipfile.ZipFile, info: zipfile.ZipInfo, where: str,
                       reading: Reading) -> None:
    with archive.open(info) as raw, io.TextIOWrapper(raw, encoding="utf-8-sig") as stream:
        _read_users(stream, where, reading)


def _read_users_file(path: Path, reading: Reading) -> None:
    with path.open(encoding="utf-8-sig") as stream:
        _read_users(stream, str(path), reading)


def _read_users(stream: TextIO, where: str, reading: Reading) -> None:
    """Slack's users.json: ids to the names people see (display name, else real name)."""
    try:
        users = json.load(stream)
    except json.JSONDecodeError as exc:
        raise _Malformed(f"{where}:{exc.lineno}:{exc.colno}", f"invalid JSON: {exc.msg}") from None
    if not isinstance(users, list):
        raise _Malformed(where, "expected a JSON array of users")
    for user in users:
        if not isinstance(user, dict) or not isinstance(user.get("id"), str):
            continue
        profile = user.get("profile")
        profile = profile if isinstance(profile, dict) else {}
        label = _first_text(profile.get("display_name"), profile.get("real_name"),
                            user.get("real_name"), user.get("name"))
        if label:
            reading.names[user["id"]] = label


def _read_slack_day(doc: _JsonStream, name: str, channel: str, reading: Reading) -> None:
    if doc.peek() != "[":
        raise doc.malformed("expected a JSON array of messages (a Slack channel file)")
    origin = reading.origin(name, "{}[{}]")
    for index, item in doc.array():
        try:
            _slack_message(item, channel, origin, index, reading)
        except _BadRecord as exc:
            reading.error(f"{name}[{index}]", str(exc))
    doc.end()


def _slack_message(item: Any, channel: str, origin: int, index: int,
                   reading: Reading) -> None:
    message = _object(item)
    subtype = message.get("subtype")
    if (subtype is not None and subtype not in SLACK_PERSON_SUBTYPES) or message.get("bot_id"):
        reading.skipped += 1
        return
    at = _epoch(_required(message, "ts"), "ts")
    user = _text(message, "user")
    text = _text(message, "text")
    if user not in reading.names:
        profile = message.get("user_profile")
        if isinstance(profile, dict):
            label = _first_text(profile.get("display_name"), profile.get("real_name"))
            if label:
                reading.names[user] = label
    # Slack escapes exactly these three in message text; its <...> markup stays as is.
    text = text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
    reading.add(at, text, user, channel, origin, index)


# --------------------------------------------------------------------------- Discord


def _read_discord(doc: _JsonStream, name: str, stem: str, reading: Reading) -> None:
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
                        except _BadRecord as exc:
                            reading.error(f"{name}:messages[{index}]", str(exc))
                else:
                    value = doc.value()
                    if key == "channel" and isinstance(value, dict):
                        channel = _first_text(value.get("name"))
                if doc.take(",}") == "}":
                    break
        doc.end()
    finally:
        # The channel is usually before the messages, but JSON keys have no order.
        for record in reading.records[start:]:
            record.channel = channel or stem
    if not has_messages:
        raise _Malformed(name, "no 'messages' list: not a DiscordChatExporter export")


def _discord_message(item: Any, origin: int, index: int, reading: Reading) -> None:
    message = _object(item)
    if message.get("type", "Default") not in DISCORD_PERSON_TYPES:
        reading.skipped += 1
        return
    author = message.get("author")
    if not isinstance(author, dict):
        raise _BadRecord("missing field 'author'")
    if author.get("isBot") is True:
        reading.skipped += 1
        return
    at = _iso(_required(message, "timestamp"), "timestamp")
    text = _text(message, "content")
    author_id = author.get("id")
    if not isinstance(author_id, str | int) or isinstance(author_id, bool):
        raise _BadRecord("missing field 'author.id'")
    key = str(author_id)
    label = _first_text(author.get("nickname"), author.get("name"))
    if label and key not in reading.names:
        reading.names[key] = label
    reading.add(at, text, key, "", origin, index)


# --------------------------------------------------------------------------- JSON Lines


def _read_jsonl(path: Path, reading: Reading) -> None:
    """One message per line; a bad line (even bad UTF-8) is one error, the next line is read."""
    name = str(path)
    origin = reading.origin(name, "{}:{}")
    with path.open("rb") as stream:
        for number, raw in enumerate(stream, start=1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8").rstrip("\r\n")
            except UnicodeDecodeError:
                reading.error(f"{name}:{number}", "not UTF-8 text")
                continue
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except json.JSONDecodeError as exc:
                reading.error(f"{name}:{number}:{exc.colno}", f"invalid JSON: {exc.msg}")
                continue
            try:
                message = _object(item)
                value = _required(message, "ts")
                at = _iso_or_epoch(value)
                reading.add(at, _text(message, "text"), _text(message, "author"),
                            _text(message, "channel"), origin, number)
            except _BadRecord as exc:
                reading.error(f"{name}:{number}", str(exc))


# --------------------------------------------------------------------------- fields


def _object(item: Any) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise _BadRecord(f"expected a message object, found {_json_type(item)}")
    return item


def _required(message: dict[str, Any], key: str) -> Any:
    if key not in message or message[key] is None:
        raise _BadRecord(f"missing field '{key}'")
    return message[key]


def _text(message: dict[str, Any], key: str) -> str:
    value = _required(message, key)
    if not isinstance(value, str):
        raise _BadRecord(f"field '{key}' is {_json_type(value)}, expected a string")
    return value


def _first_text(*values: Any) -> str:
    return next((v for v in values if isinstance(v, str) and v.strip()), "")


def _json_type(value: Any) -> str:
    names = {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
             int: "a number", float: "a number", type(None): "null"}
    return names.get(type(value), type(value).__name__)


def _bad_time(key: str, value: Any, expected: str) -> _BadRecord:
    shown = repr(value)
    if len(shown) > 40:
        shown = shown[:39] + "…"
    return _BadRecord(f"bad timestamp '{key}': {shown} (expected {expected})")


def _epoch(value: Any, key: str) -> datetime:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise _bad_time(key, value, "epoch seconds")
    try:
        return datetime.fromtimestamp(float(value), UTC)
    except (ValueError, OverflowError, OSError):
        raise _bad_time(key, value, "epoch seconds") from None


def _iso(value: Any, key: str) -> datetime:
    if not isinstance(value, str):
        raise _bad_time(key, value, "ISO 8601")
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        raise _bad_time(key, value, "ISO 8601") from None
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def _iso_or_epoch(value: Any) -> datetime:
    if isinstance(value, str):
        try:
            return _iso(value, "ts")
        except _BadRecord:
            try:
                return _epoch(value, "ts")
            except _BadRecord:
                raise _bad_time("ts", value, "ISO 8601 or epoch seconds") from None
    try:
        return _epoch(value, "ts")
    except _BadRecord:
        raise _bad_time("ts", value, "ISO 8601 or epoch seconds") from None


# --------------------------------------------------------------------------- JSON stream

_NON_BLANK = re.compile(r"[^ \t\n\r]")


class _JsonStream:
    """One JSON document read a piece at a time.

    `json.load` on a 100k-message DiscordChatExporter file builds the whole tree
    (several times the file's size) only to throw most of it away; this reads
    the file in chunks and decodes one value (one message) at a time with
    `raw_decode`, so what stays is the messages kept. Errors carry the file's
    line and column.
    """

    def __init__(self, stream: TextIO, name: str, chunk: int = 1 << 20) -> None:
        self._stream = stream
        self._name = name
        self._chunk = chunk
        self._buf = ""
        self._pos = 0
        self._eof = False
        self._line = 0  # newlines in the text already dropped from the buffer
        self._col = 0  # characters of the current line already dropped
        self._decode = json.JSONDecoder().raw_decode

    def _more(self) -> bool:
        """Drop what was read, append the next chunk (bigger when a value is big)."""
        if self._eof:
            return False
        done = self._buf[:self._pos]
        newlines = done.count("\n")
        if newlines:
            self._line += newlines
            self._col = len(done) - done.rfind("\n") - 1
        else:
            self._col += len(done)
        rest = self._buf[self._pos:]
        data = self._stream.read(max(self._chunk, len(rest)))
        self._buf = rest + data
        self._pos = 0
        self._eof = not data
        return bool(data)

    def _where(self, pos: int) -> str:
        buf = self._buf
        line = self._line + buf.count("\n", 0, pos) + 1
        newline = buf.rfind("\n", 0, pos)
        col = pos - newline if newline >= 0 else self._col + pos + 1
        return f"{self._name}:{line}:{col}"

    def malformed(self, message: str) -> _Malformed:
        return _Malformed(self._where(self._pos), message)

    def peek(self) -> str:
        """The next non-blank character, not consumed; '' at the end of the file."""
        while True:
            found = _NON_BLANK.search(self._buf, self._pos)
            if found:
                self._pos = found.start()
                return self._buf[self._pos]
            self._pos = len(self._buf)
            if not self._more():
                return ""

    def take(self, expected: str) -> str:
        char = self.peek()
        if not char or char not in expected:
            found = repr(char) if char else "the end of the file"
            wanted = " or ".join(repr(c) for c in expected)
            raise self.malformed(f"invalid JSON: expected {wanted}, found {found}")
        self._pos += 1
        return char

    def value(self) -> Any:
        self.peek()
        while True:
            try:
                value, end = self._decode(self._buf, self._pos)
            except json.JSONDecodeError as exc:
                if self._eof:
                    raise _Malformed(self._where(exc.pos), f"invalid JSON: {exc.msg}") from None
                self._more()  # cut by the end of the chunk, most likely: retry with more
                continue
            if end == len(self._buf) and self._more():
                continue  # a number at the end of the chunk may go on in the next one
            self._pos = end
            return value

    def array(self) -> Iterator[tuple[int, Any]]:
        """(index, value) of each element of the array that starts here."""
        self.take("[")
        if self.peek() == "]":
            self._pos += 1
            return
        index = 0
        while True:
            yield index, self.value()
            index += 1
            if self.take(",]") == "]":
                return

    def end(self) -> None:
        if self.peek():
            raise self.malformed("invalid JSON: extra data after the document")


# --------------------------------------------------------------------------- replay


@dataclass(slots=True)
class Example:
    source: str
    at: datetime
    channel: str
    author: str
    match: str


@dataclass(slots=True)
class RuleTally:
    rule: str
    kind: str
    level: str
    action: str
    findings: int = 0
    examples: list[Example] = field(default_factory=list)


@dataclass(slots=True)
class AuthorTally:
    id: str
    name: str
    messages: int = 0
    not_ok: int = 0
    findings: int = 0


@dataclass
class Report:
    """The figures of one replay; only counters and capped examples, whatever the export size."""

    charter: str
    exports: list[str]
    read: int = 0
    skipped: int = 0
    first: datetime | None = None
    last: datetime | None = None
    verdicts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(("ok", *ACTIONS), 0))
    findings: int = 0
    not_ok: int = 0
    rules: dict[str, RuleTally] = field(default_factory=dict)
    authors: dict[str, AuthorTally] = field(default_factory=dict)
    errors: list[tuple[str, str]] = field(default_factory=list)
    errors_total: int = 0

    def add(self, record: Record, findings: list[Finding], reading: Reading) -> None:
        message_verdict = verdict(findings)
        self.read += 1
        if self.first is None:
            self.first = record.at
        self.last = record.at
        self.verdicts[message_verdict] = self.verdicts.get(message_verdict, 0) + 1
        author = self.authors.get(record.author)
        if author is None:
            author = self.authors[record.author] = AuthorTally(
                record.author, reading.name_of(record.author))
        author.messages += 1
        if message_verdict != "ok":
            self.not_ok += 1
            author.not_ok += 1
        for finding in findings:
            self.findings += 1
            author.findings += 1
            tally = self.rules.get(finding.rule)
            if tally is None:
                tally = self.rules[finding.rule] = RuleTally(
                    finding.rule, finding.kind, finding.level, finding.action)
            tally.findings += 1
            if len(tally.examples) < EXAMPLES_PER_RULE:
                tally.examples.append(Example(reading.where(record), record.at, record.channel,
                                              author.name, _cut(finding.match, MAX_MATCH)))

    def per_1000(self, count: int) -> float:
        return round(count * 1000 / self.read, 1) if self.read else 0.0

    def ranked_rules(self) -> list[RuleTally]:
        return sorted(self.rules.values(), key=lambda t: -t.findings)  # stable: first seen

    def busiest_authors(self) -> list[AuthorTally]:
        hit = [a for a in self.authors.values() if a.findings]
        hit.sort(key=lambda a: (-a.findings, -a.not_ok, a.name.casefold(), a.id))
        return hit[:TOP_AUTHORS]

    def as_dict(self) -> dict[str, Any]:
        """The `--format json` document (its shape is in the module docstring)."""
        return {
            "charter": self.charter,
            "exports": self.exports,
            "messages": {"read": self.read, "skipped": self.skipped, "not_ok": self.not_ok,
                         "first": _iso_text(self.first), "last": _iso_text(self.last)},
            "verdicts": dict(self.verdicts),
            "findings": self.findings,
            "per_1000": {"findings": self.per_1000(self.findings),
                         "not_ok": self.per_1000(self.not_ok)},
            "rules": [{"rule": t.rule, "kind": t.kind, "level": t.level, "action": t.action,
                       "findings": t.findings,
                       "examples": [{"source": e.source, "at": _iso_text(e.at),
                                     "channel": e.channel, "author": e.author, "match": e.match}
                                    for e in t.examples]}
                      for t in self.ranked_rules()],
            "authors": [{"author": a.name, "id": a.id, "findings": a.findings,
                         "messages": a.messages, "not_ok": a.not_ok}
                        for a in self.busiest_authors()],
            "errors": [{"source": where, "error": message} for where, message in self.errors],
            "errors_total": self.errors_total,
        }

    def as_text(self) -> str:
        """The `--format text` report, for a person reading a terminal."""
        lines = [f"Replay with charter {self.charter} of {', '.join(self.exports)}"]
        period = (f", {_short_time(self.first)} to {_short_time(self.last)} UTC"
                  if self.first and self.last else "")
        lines.append(f"Messages: {self.read} read, {self.skipped} skipped (system and bot "
                     f"messages){period}")
        lines.append("Verdicts: " + ", ".join(f"{v} {n}" for v, n in self.verdicts.items()))
        lines.append(f"Findings: {self.findings} ({self.per_1000(self.findings):,.1f} per 1,000 "
                     f"messages); messages not ok: {self.not_ok} "
                     f"({self.per_1000(self.not_ok):,.1f} per 1,000)")
        if self.rules:
            lines += ["", "Findings per rule:"]
            for tally in self.ranked_rules():
                lines.append(f"  {tally.rule} ({tally.kind}, {tally.level}, {tally.action}): "
                             f"{tally.findings}")
                for e in tally.examples:
                    match = " ".join(e.match.split())
                    lines.append(f"    {e.source}  {_short_time(e.at)}  #{e.channel}  "
                                 f"{e.author}: \"{match}\"")
        authors = self.busiest_authors()
        if authors:
            lines += ["", "Busiest authors (by findings):"]
            width = max(len(a.name) for a in authors)
            for a in authors:
                lines.append(f"  {a.name:<{width}}  {a.findings} finding"
                             f"{'s' if a.findings != 1 else ''}, {a.not_ok} not ok of "
                             f"{a.messages} message{'s' if a.messages != 1 else ''}")
        if self.errors_total:
            lines += ["", f"Problems while reading ({self.errors_total}):"]
            lines += [f"  {where}: {message}" for where, message in self.errors]
            if self.errors_total > len(self.errors):
                lines.append(f"  ... and {self.errors_total - len(self.errors)} more")
        return "\n".join(lines) + "\n"


def _cut(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[:limit - 1] + "…"


def _iso_text(at: datetime | None) -> str | None:
    return at.isoformat() if at is not None else None


def _short_time(at: datetime | None) -> str:
    return at.strftime("%Y-%m-%d %H:%M:%S") if at is not None else ""


def replay(charter: Charter, exports: list[Export]) -> Report:
    """Read the exports, sort their messages by time, check each one as a chat message.

    One FloodTracker for the whole history, fed in time order, is what lets a
    `repetition` rule see a flood that spans days, files or exports.
    """
    reading = read_exports(exports)
    records = reading.records
    records.sort(key=attrgetter("at"))  # stable: equal times keep their reading order
    report = Report(charter.name, [e.name for e in exports], skipped=reading.skipped,
                    errors=reading.errors, errors_total=reading.errors_total)
    tracker = FloodTracker()
    for record in records:
        findings = charter.check(record.text, "chat", None, flood=tracker,
                                 author=record.author, channel=record.channel, at=record.at)
        report.add(record, findings, reading)
    return report
