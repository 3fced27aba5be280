"""What replay reads: exports, message records, the problems met, and the typed
readers of a record's fields (each problem a `BadRecord`, a `Phrase` shown in the
report's language)."""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.phrases import Phrase, PhraseError

EXAMPLES_PER_RULE = 3
TOP_AUTHORS = 10
MAX_ERRORS = 100
MAX_MATCH = 80


class ExportError(PhraseError):
    """An EXPORT argument that cannot be read at all (missing, unknown kind): a usage error."""


class Malformed(PhraseError):
    """A file that stops being readable at `where`; what was read before it is kept."""

    def __init__(self, where: str, message: str | Phrase, **values: Any) -> None:
        super().__init__(message, **values)
        self.where = where

    @property
    def message(self) -> str:
        return self.phrase.render("en")

    def text(self, language: str = "en") -> str:
        return f"{self.where}: {self.phrase.render(language)}"


class BadRecord(PhraseError):
    """One message record that cannot be used; its file goes on being read."""


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
        self.errors: list[tuple[str, Phrase]] = []  # (where, what went wrong)
        self.errors_total = 0
        self.origins: list[tuple[str, str]] = []  # (file name, position template)
        self._strings: dict[str, str] = {}

    def error(self, where: str, problem: Phrase | PhraseError) -> None:
        self.errors_total += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append((where, problem.phrase if isinstance(problem, PhraseError)
                                else problem))

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


def guarded(reading: Reading, name: str, read: Callable[..., None], *args: Any) -> None:
    """Run one file's reader; a file that breaks is one error, and the next file is read."""
    try:
        read(*args)
    except Malformed as exc:
        reading.error(exc.where, exc.phrase)
    except UnicodeDecodeError:
        reading.error(name, Phrase("not UTF-8 text"))
    except OSError as exc:
        reading.error(name, Phrase("cannot read: {reason}", reason=exc.strerror or str(exc)))
    except (zipfile.BadZipFile, zlib.error, EOFError, RuntimeError, NotImplementedError) as exc:
        reading.error(name, Phrase("cannot read this zip member: {error}", error=str(exc)))


def object_of(item: Any) -> dict[str, Any]:
    if not isinstance(item, dict):
        raise BadRecord("expected a message object, found {type}", type=json_type(item))
    return item


def required(message: dict[str, Any], key: str) -> Any:
    if key not in message or message[key] is None:
        raise BadRecord("missing field '{key}'", key=key)
    return message[key]


def text_of(message: dict[str, Any], key: str) -> str:
    value = required(message, key)
    if not isinstance(value, str):
        raise BadRecord("field '{key}' is {type}, expected a string", key=key,
                        type=json_type(value))
    return value


def first_text(*values: Any) -> str:
    return next((v for v in values if isinstance(v, str) and v.strip()), "")


_JSON_TYPES = {dict: Phrase("an object"), list: Phrase("an array"), str: Phrase("a string"),
               bool: Phrase("a boolean"), int: Phrase("a number"), float: Phrase("a number"),
               type(None): Phrase("null")}


def json_type(value: Any) -> Phrase | str:
    """What a JSON value is, as the reader is told ("an array")."""
    return _JSON_TYPES.get(type(value), type(value).__name__)


def json_reason(message: str) -> Phrase:
    """The json module's reason for invalid JSON ("Expecting value"): translated when it
    is one of its fixed sentences (see the French table), else shown as it is."""
    return Phrase(message)


_EPOCH = Phrase("epoch seconds")
_ISO = Phrase("ISO 8601")
_ISO_OR_EPOCH = Phrase("ISO 8601 or epoch seconds")


def bad_time(key: str, value: Any, expected: Phrase) -> BadRecord:
    shown = repr(value)
    if len(shown) > 40:
        shown = shown[:39] + "…"
    return BadRecord("bad timestamp '{key}': {value} (expected {expected})", key=key,
                     value=shown, expected=expected)


def epoch(value: Any, key: str) -> datetime:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise bad_time(key, value, _EPOCH)
    try:
        return datetime.fromtimestamp(float(value), UTC)
    except (ValueError, OverflowError, OSError):
        raise bad_time(key, value, _EPOCH) from None


def iso(value: Any, key: str) -> datetime:
    if not isinstance(value, str):
        raise bad_time(key, value, _ISO)
    try:
        at = datetime.fromisoformat(value)
    except ValueError:
        raise bad_time(key, value, _ISO) from None
    return at.replace(tzinfo=UTC) if at.tzinfo is None else at.astimezone(UTC)


def iso_or_epoch(value: Any) -> datetime:
    if isinstance(value, str):
        try:
            return iso(value, "ts")
        except BadRecord:
            try:
                return epoch(value, "ts")
            except BadRecord:
                raise bad_time("ts", value, _ISO_OR_EPOCH) from None
    try:
        return epoch(value, "ts")
    except BadRecord:
        raise bad_time("ts", value, _ISO_OR_EPOCH) from None
