"""Settings sections of `garant.yaml`, read with positions, owned by whoever uses them.

The core reads its own keys (language, time zone, roles, channels, database,
charter directories: `bot/config.py`); every other top-level section belongs to a
cog or a platform, which declares it as a frozen dataclass with defaults and a
`read` class method (in the spirit of Red-DiscordBot's per-cog Config):

    @dataclass(frozen=True, slots=True)
    class HelloSettings:
        SECTION: ClassVar[str] = "hello"
        greeting: str = "Bonjour"

        @classmethod
        def read(cls, section: Section) -> HelloSettings:
            return cls(greeting=section.text("greeting", cls.greeting))

The cog asks the host for it (`bot.settings(HelloSettings)`): the section is
checked against the dataclass's fields (an unknown key gets "did you mean"), then
read; every mistake is a `SourceError` at `garant.yaml:LINE:COL`. An absent
section gives the defaults, so an empty file is a valid config.

`Section` carries the readers every section needs (durations, percentages,
times, days, names, channels, identifiers), so two cogs never write the same
validation twice and their messages read the same.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time, timedelta
from pathlib import Path
from typing import Any, ClassVar, Protocol, TypeVar

from bot.located import fields
from bot.located.fields import describe, fail, require_mapping
from bot.located.yamlsrc import (
    LocatedDict,
    LocatedList,
    Where,
    closest,
    did_you_mean,
    quoted,
    unknown_key_message,
)
from bot.model import identity_key
from bot.phrases import Phrase
from bot.timeparse import CLOCK, WEEKDAY_SPELLINGS, WEEKDAYS_BY_NAME

#: Canonical day names; index = `datetime.weekday()` (0 = Monday).
DAY_NAMES = tuple(names[0] for names in WEEKDAY_SPELLINGS)
_DAYS = WEEKDAYS_BY_NAME
WEEKDAYS = frozenset(range(5))
WEEKEND = frozenset({5, 6})

_RAW_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+")
_PERCENT = re.compile(r"^(\d+(?:[.,]\d+)?)\s*%$")
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


@dataclass(frozen=True, slots=True)
class SourceText:
    """The file a config came from: its text, for what YAML loses (an unquoted `19:00`
    is the sexagesimal integer 1140; a `#` after a key is a comment), and the
    directory relative paths are resolved against."""

    path: str
    lines: tuple[str, ...]
    base: Path

    @classmethod
    def of(cls, path: str, text: str, base: Path) -> SourceText:
        return cls(path, tuple(_LINE_BREAK.split(text)), base)

    def raw_time(self, where: Where) -> str | None:
        """The text of an unquoted `H:MM` value as written."""
        if not 0 < where.line <= len(self.lines):
            return None
        match = _RAW_SEXAGESIMAL.match(self.lines[where.line - 1][where.col - 1:])
        return match.group(0) if match else None

    def comment_after(self, where: Where) -> bool:
        """Whether the line of an empty value goes on with a '#' (a comment YAML ate)."""
        if where.line - 1 >= len(self.lines):
            return False
        return "#" in self.lines[where.line - 1][where.col - 1:]


def empty_mapping(where: Where) -> LocatedDict:
    mapping = LocatedDict()
    mapping.where_self = where
    mapping.key_where, mapping.value_where = {}, {}
    return mapping


def format_time(value: time) -> str:
    return value.strftime("%H:%M")


def format_duration(value: timedelta) -> str:
    seconds = int(value.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


class Section:
    """One mapping of a config file (a top-level section or a nested one) and the
    readers for its values. Every reader returns the default when the key is absent
    and raises `SourceError` at the value when it is wrong."""

    def __init__(self, label: str, mapping: LocatedDict, source: SourceText) -> None:
        self.label = label  # the section's key, named in errors
        self.mapping = mapping
        self.source = source

    # -- structure

    def __contains__(self, key: str) -> bool:
        return key in self.mapping

    def get(self, key: str, default: Any = None) -> Any:
        return self.mapping.get(key, default)

    def where(self, key: str) -> Where:
        return self.mapping.where(key)

    def where_key(self, key: str) -> Where:
        return self.mapping.where_key(key)

    @property
    def where_self(self) -> Where:
        return self.mapping.where_self

    def check_keys(self, known: Iterable[str], what: str | Phrase | None = None) -> None:
        """Refuse a key not in `known`; `what` names this mapping in the error (a Phrase,
        to be shown in French), by default its key in quotes."""
        known = tuple(known)
        for key in self.mapping:
            if key not in known:
                raise fail(self.mapping.where_key(key),
                           unknown_key_message(key, known, what or quoted(self.label)))

    def sub(self, key: str, what: str | Phrase | None = None) -> Section:
        """The mapping under `key` (empty when absent or null)."""
        value = self.mapping.get(key)
        if value is None:
            return Section(key, empty_mapping(self.mapping.where(key)), self.source)
        return Section(key, require_mapping(value, self.mapping.where(key),
                                            what or quoted(key)), self.source)

    def items(self, key: str, what: str | Phrase, each: str | Phrase) -> list[Section]:
        """A list of mappings under `key` (one mapping without the list dash is a list
        of one); `what` names the list's items, `each` one of them in errors."""
        value = self.mapping[key]
        if isinstance(value, LocatedDict):
            found: list[tuple[Any, Where]] = [(value, value.where_self)]
        elif isinstance(value, LocatedList):
            found = [(item, value.where(i)) for i, item in enumerate(value)]
        else:
            raise fail(self.mapping.where(key), "'{key}' must be a list of {what}, got {got}",
                       key=key, what=what, got=describe(value))
        return [Section(key, require_mapping(item, where, each), self.source)
                for item, where in found]

    # -- scalars

    def text(self, key: str, default: str) -> str:
        return fields.text(self.mapping, key, default) or ""

    def boolean(self, key: str, default: bool) -> bool:
        return fields.boolean(self.mapping, key, default)

    def integer(self, key: str, default: int, minimum: int,
                maximum: int | None = None) -> int:
        value = fields.integer(self.mapping, key, minimum, maximum)
        return default if value is None else value

    def choice(self, key: str, choices: Iterable[str], default: str) -> str:
        return fields.choice(self.mapping, key, choices, default)

    def name(self, key: str, default: str) -> str:
        """A non-empty word: a charter or channel name."""
        value = self.mapping.get(key, default)
        if value is None:
            raise fail(self.mapping.where(key), "'{key}' must be a name, got nothing{hint}",
                       key=key, hint=self._comment_hint(self.mapping.where(key)))
        name = (fields.text(self.mapping, key, default) or "").strip()
        if not name:
            raise fail(self.mapping.where(key), "'{key}' must not be empty", key=key)
        return name

    def url(self, key: str) -> str | None:
        """An http(s) address without its final '/' (a public URL), or None when unset."""
        value = self.mapping.get(key)
        if value is None:
            return None
        url = str(value).strip().rstrip("/")
        if not url.startswith(("http://", "https://")):
            raise fail(self.mapping.where(key), "'{key}' must start with https:// (or "
                       "http://), got {got}", key=key, got=describe(value))
        return url

    def path(self, key: str, default: str = "") -> Path:
        """A path, relative to the config's directory."""
        if self.mapping.get(key, default) is None:
            raise fail(self.mapping.where(key), "'{key}' must be a path, got nothing", key=key)
        text = (fields.text(self.mapping, key, default) or "").strip()
        if not text:
            raise fail(self.mapping.where(key), "'{key}' must be a path, got an empty text",
                       key=key)
        return Path(os.path.normpath(self.source.base / Path(text).expanduser()))

    def duration(self, key: str, default: timedelta) -> timedelta:
        if key not in self.mapping:
            return default
        value, where = self.mapping[key], self.mapping.where(key)
        if isinstance(value, int) and not isinstance(value, bool):
            raise fail(where, "'{key}' needs a unit: {value}h for hours, {value}d for days "
                       "(or s, m), got {got}", key=key, value=value, got=describe(value))
        if isinstance(value, float):
            raise fail(where, "'{key}' must be a whole number with a unit, like 90m, 2h or 3d, "
                       "got {got}", key=key, got=describe(value))
        if isinstance(value, str) and re.fullmatch(r"\s*0+\s*[a-zA-Z]*\s*", value):
            raise fail(where, "'{key}' must be longer than zero, got {got}", key=key,
                       got=describe(value))
        return fields.duration(self.mapping, key) or default

    def percent(self, key: str, default: float) -> float:
        if key not in self.mapping:
            return default
        value = self.mapping[key]
        number: float | None = None
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = float(value)
        elif isinstance(value, str) and (match := _PERCENT.match(value.strip())):
            number = float(match.group(1).replace(",", "."))
        if number is None or not 0 <= number <= 100:
            raise fail(self.mapping.where(key), "'{key}' must be a percentage from 0 to 100, "
                       "like 50, got {got}", key=key, got=describe(value))
        return number

    def time(self, key: str, default: dt.time | None,
             nullable: bool = False) -> dt.time | None:
        if key not in self.mapping:
            return default
        value, where = self.mapping[key], self.mapping.where(key)
        if value is None:
            if nullable:
                return None
            raise fail(where, "'{key}' must be a time like \"09:30\", got nothing", key=key)
        if isinstance(value, int) and not isinstance(value, bool):
            # An unquoted 19:00 arrives as the sexagesimal integer 1140: read its text.
            raw = self.source.raw_time(where)
            if raw is None or ":" not in raw:
                raise fail(where, "'{key}' must be a time like \"09:30\" (hours:minutes), "
                           "got {got}", key=key, got=describe(value))
            if raw.count(":") > 1:
                raise fail(where, "'{key}' must be a time like \"09:30\": hours and minutes, "
                           "without seconds, got {got}", key=key, got=describe(raw))
            value = raw
        match = CLOCK.match(value.strip()) if isinstance(value, str) else None
        if not match:
            raise fail(where, "'{key}' must be a time like \"09:30\", got {got}", key=key,
                       got=describe(value))
        hour, minute = int(match.group(1)), int(match.group(2) or match.group(3) or 0)
        if hour > 23 or minute > 59:
            hint = Phrase("; write \"00:00\" for midnight") if (hour, minute) == (24, 0) else ""
            raise fail(where, "'{key}' must be a time between 00:00 and 23:59, got {got}{hint}",
                       key=key, got=describe(value), hint=hint)
        return time(hour, minute)

    def required_time(self, key: str, default: dt.time) -> dt.time:
        return self.time(key, default) or default

    def days(self, key: str, default: frozenset[int] | None) -> frozenset[int]:
        if key not in self.mapping:
            if default is not None:
                return default
            raise fail(self.mapping.where_self,
                       "missing required key '{key}', like {key}: [sat, sun]", key=key)
        found = set()
        for item, where in fields.text_list(self.mapping, key, required=True):
            day = _DAYS.get(item.strip().lower())
            if day is None:
                guess = closest(item.strip().lower(), _DAYS)
                raise fail(where, "unknown day {got} in '{key}': use mon, tue, wed, thu, fri, "
                           "sat, sun (or lun, mar, mer, jeu, ven, sam, dim){hint}",
                           got=describe(item), key=key, hint=did_you_mean(guess))
            found.add(day)
        return frozenset(found)

    def identifiers(self, key: str) -> tuple[str, ...]:
        """A list of names or ids (people, roles, groups), each once, as written."""
        if self.mapping.get(key) is None:
            return ()
        seen: dict[str, str] = {}
        single = isinstance(self.mapping.get(key), str)
        for item, where in fields.text_list(self.mapping, key):
            name = item.strip()
            if single and "," in name:  # `members: sofia, yann`: one name with a comma
                listed = ", ".join(part.strip() for part in name.split(",") if part.strip())
                raise fail(where, "'{key}' is one text with commas, not a list; write "
                           "[{listed}]", key=key, listed=listed)
            if not identity_key(name):
                raise fail(where, "each item of '{key}' must be a name or an id, got {got}",
                           key=key, got=describe(item))
            seen.setdefault(identity_key(name), name)
        return tuple(seen.values())

    def channel(self, value: Any, where: Where, what: str | Phrase) -> str:
        """A channel name as written (without '#'); `what` names it in errors."""
        if value is None:
            raise fail(where, "{what} must be a channel name, got nothing{hint}", what=what,
                       hint=self._comment_hint(where))
        if isinstance(value, bool | dict | list):
            raise fail(where, "{what} must be a channel name, got {got}", what=what,
                       got=describe(value))
        name = str(value).strip()
        if name.startswith("#"):
            name = name[1:].strip()
        if not name or any(c.isspace() for c in name):
            raise fail(where, "{what} must be a channel name without spaces, got {got}",
                       what=what, got=describe(value))
        return name

    def _comment_hint(self, where: Where) -> Phrase | str:
        """Why an empty value may be empty: a '#' after it, which YAML read as a comment."""
        if not self.source.comment_after(where):
            return ""
        return Phrase("; note that '#' starts a comment in YAML: write the name without it")

    def names_to_charters(self, key: str, what: str | Phrase, example: str) -> tuple[
            dict[str, str], dict[str, Where]]:
        """A mapping name -> charter name (clients...): names compared case-insensitively,
        each once, each with a charter. Returns the mapping and where each name is."""
        found: dict[str, str] = {}
        lines: dict[str, int] = {}
        where_of: dict[str, Where] = {}
        raw = self.mapping.get(key)
        if raw is None:
            return found, where_of
        raw = require_mapping(raw, self.mapping.where(key), quoted(key))
        for name_, value in raw.items():
            key_where = raw.where_key(name_)
            name = str(name_).strip()
            if not identity_key(name):
                raise fail(key_where, "each {what} in '{key}' needs a name, got {got}",
                           what=what, key=key, got=describe(name_))
            if identity_key(name) in lines:
                raise fail(key_where, "{what} '{name}' is already listed at line {line}",
                           what=what, name=name, line=lines[identity_key(name)])
            if value is None or isinstance(value, bool | dict | list) or not str(value).strip():
                raise fail(raw.where(name_), "{what} '{name}' needs the name of its charter, "
                           "like '{name}: {example}', got {got}", what=what, name=name,
                           example=example, got=describe(value))
            found[name] = str(value).strip()
            lines[identity_key(name)] = key_where.line
            where_of[name] = raw.where(name_)
        return found, where_of


class Settings(Protocol):
    """What a settings dataclass provides: the section it reads and a reader."""

    SECTION: ClassVar[str]

    @classmethod
    def read(cls, section: Section) -> Any: ...


S = TypeVar("S")


def read_settings(kind: type[S], section: Section) -> S:
    """Check `section` against `kind`'s public fields, then read it with `kind.read`."""
    known = [f.name for f in dataclasses.fields(kind)  # type: ignore[arg-type]
             if not f.name.startswith("_")]
    section.check_keys(known)
    result: S = kind.read(section)  # type: ignore[attr-defined]
    return result


__all__ = ["DAY_NAMES", "WEEKDAYS", "WEEKEND", "Section", "Settings", "SourceText",
           "empty_mapping", "format_duration", "format_time", "read_settings"]
