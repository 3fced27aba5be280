"""Reading typed values out of located YAML, with errors that say where and what.

Each reader takes the mapping, the key and a human description of what is
expected, and either returns a clean Python value or raises SourceError at the
value's position: `coop-fr.yaml:12:14: 'max' must be a whole number, got 'dix'`.

Messages are English templates with their values (`bot.phrases`), French in
`bot/located/phrases_fr.py`; a description (`what`) may be a `Phrase`, rendered in
the error's language, or a plain string, shown as written.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from bot.located.yamlsrc import (
    LocatedDict,
    LocatedList,
    SourceError,
    Where,
    closest,
    did_you_mean,
    quoted,
    where_of,
)
from bot.phrases import Phrase


def fail(where: Where | None, message: str | Phrase, **values: Any) -> SourceError:
    """A SourceError at `where`: an English template and its values."""
    return SourceError(where, message, **values)


def describe(value: Any) -> Phrase:
    """What was written, as errors name it after "got": a quoted value, or in words."""
    if value is None:
        return Phrase("nothing")
    if isinstance(value, bool):
        return Phrase("true/false (put words like yes, no, on, off in quotes)")
    if isinstance(value, dict):
        return Phrase("a mapping")
    if isinstance(value, list):
        return Phrase("a list")
    text = str(value)
    return Phrase("'{value}…'", value=text[:40]) if len(text) > 40 else quoted(text)


def require_mapping(value: Any, where: Where, what: str | Phrase) -> LocatedDict:
    if not isinstance(value, LocatedDict):
        raise fail(where_of(value, where), "{what} must be a mapping of keys, got {got}",
                   what=what, got=describe(value))
    return value


def text(d: LocatedDict, key: str, default: str | None = None,
         required: bool = False) -> str | None:
    if key not in d:
        if required:
            raise fail(d.where_self, "missing required key '{key}'", key=key)
        return default
    value = d[key]
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        raise fail(d.where(key), "'{key}' must be text, got {got}", key=key, got=describe(value))
    return str(value)


def boolean(d: LocatedDict, key: str, default: bool) -> bool:
    if key not in d:
        return default
    value = d[key]
    if not isinstance(value, bool):
        raise fail(d.where(key), "'{key}' must be true or false, got {got}", key=key,
                   got=describe(value))
    return value


def integer(d: LocatedDict, key: str, minimum: int = 0, maximum: int | None = None) -> int | None:
    if key not in d:
        return None
    value = d[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise fail(d.where(key), "'{key}' must be a whole number, got {got}", key=key,
                   got=describe(value))
    if maximum is not None and not minimum <= value <= maximum:
        raise fail(d.where(key), "'{key}' must be between {minimum} and {maximum}, got {got}",
                   key=key, minimum=minimum, maximum=maximum, got=value)
    if value < minimum:
        raise fail(d.where(key), "'{key}' must be >= {minimum}, got {got}", key=key,
                   minimum=minimum, got=value)
    return value


def choice(d: LocatedDict, key: str, choices: Iterable[str], default: str | None = None) -> str:
    choices = list(choices)
    if key not in d:
        if default is None:
            raise fail(d.where_self, "missing required key '{key}' (one of: {choices})",
                       key=key, choices=", ".join(choices))
        return default
    return one_of(d[key], d.where(key), key, choices)


def one_of(value: Any, where: Where, key: str, choices: list[str]) -> str:
    if not isinstance(value, str) or value not in choices:
        guess = closest(str(value), choices) if isinstance(value, str) else None
        raise fail(where, "'{key}' must be one of {choices}, got {got}{hint}", key=key,
                   choices=", ".join(choices), got=describe(value), hint=did_you_mean(guess))
    return value


def text_list(d: LocatedDict, key: str, required: bool = False) -> list[tuple[str, Where]]:
    """A list of texts (a single text is accepted as a list of one)."""
    if key not in d:
        if required:
            raise fail(d.where_self, "missing required key '{key}' (a list of terms)", key=key)
        return []
    value = d[key]
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return [(str(value), d.where(key))]
    if not isinstance(value, LocatedList):
        raise fail(d.where(key), "'{key}' must be a list, got {got}", key=key,
                   got=describe(value))
    out = []
    for i, item in enumerate(value):
        if isinstance(item, bool) or item is None or isinstance(item, dict | list):
            raise fail(value.where(i), "each item of '{key}' must be text, got {got}", key=key,
                       got=describe(item))
        out.append((str(item), value.where(i)))
    if required and not out:
        raise fail(d.where(key), "'{key}' must not be empty", key=key)
    return out


def choice_list(d: LocatedDict, key: str, choices: list[str], required: bool = False) -> list[str]:
    items = text_list(d, key, required=required)
    return [one_of(item, where, key, choices) for item, where in items]


_DURATION = re.compile(r"^\s*(\d+)\s*(s|sec|m|min|h|d|j)\s*$", re.IGNORECASE)
_UNITS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400, "j": 86400}


def duration(d: LocatedDict, key: str, required: bool = False) -> timedelta | None:
    if key not in d:
        if required:
            raise fail(d.where_self,
                       "missing required key '{key}' (a duration like 30s, 10m, 2h)", key=key)
        return None
    value = d[key]
    match = _DURATION.match(str(value)) if isinstance(value, str | int) else None
    if isinstance(value, int) and not isinstance(value, bool):
        return timedelta(seconds=value)
    if not match or int(match.group(1)) == 0:
        raise fail(d.where(key), "'{key}' must be a duration like 30s, 10m, 2h or 1d, got {got}",
                   key=key, got=describe(value))
    return timedelta(seconds=int(match.group(1)) * _UNITS[match.group(2).lower()])
