"""Reading typed values out of located YAML, with errors that say where and what.

Each reader takes the mapping, the key and a human description of what is
expected, and either returns a clean Python value or raises SourceError at the
value's position: `coop-fr.yaml:12:14: 'max' must be a whole number, got 'dix'`.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from bot.located.yamlsrc import LocatedDict, LocatedList, SourceError, Where, closest, where_of


def fail(where: Where, message: str) -> SourceError:
    return SourceError(where, message)


def describe(value: Any) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true/false (put words like yes, no, on, off in quotes)"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list):
        return "a list"
    text = str(value)
    return f"'{text[:40]}…'" if len(text) > 40 else f"'{text}'"


def require_mapping(value: Any, where: Where, what: str) -> LocatedDict:
    if not isinstance(value, LocatedDict):
        raise fail(where_of(value, where),
                   f"{what} must be a mapping of keys, got {describe(value)}")
    return value


def text(d: LocatedDict, key: str, default: str | None = None,
         required: bool = False) -> str | None:
    if key not in d:
        if required:
            raise fail(d.where_self, f"missing required key '{key}'")
        return default
    value = d[key]
    if isinstance(value, bool) or value is None or isinstance(value, dict | list):
        raise fail(d.where(key), f"'{key}' must be text, got {describe(value)}")
    return str(value)


def boolean(d: LocatedDict, key: str, default: bool) -> bool:
    if key not in d:
        return default
    value = d[key]
    if not isinstance(value, bool):
        raise fail(d.where(key), f"'{key}' must be true or false, got {describe(value)}")
    return value


def integer(d: LocatedDict, key: str, minimum: int = 0, maximum: int | None = None) -> int | None:
    if key not in d:
        return None
    value = d[key]
    if isinstance(value, bool) or not isinstance(value, int):
        raise fail(d.where(key), f"'{key}' must be a whole number, got {describe(value)}")
    if value < minimum or (maximum is not None and value > maximum):
        bounds = f"between {minimum} and {maximum}" if maximum is not None else f">= {minimum}"
        raise fail(d.where(key), f"'{key}' must be {bounds}, got {value}")
    return value


def choice(d: LocatedDict, key: str, choices: Iterable[str], default: str | None = None) -> str:
    choices = list(choices)
    if key not in d:
        if default is None:
            raise fail(d.where_self, f"missing required key '{key}' (one of: {', '.join(choices)})")
        return default
    return one_of(d[key], d.where(key), key, choices)


def one_of(value: Any, where: Where, key: str, choices: list[str]) -> str:
    if not isinstance(value, str) or value not in choices:
        guess = closest(str(value), choices) if isinstance(value, str) else None
        hint = f"; did you mean '{guess}'?" if guess else ""
        raise fail(
            where, f"'{key}' must be one of {', '.join(choices)}, got {describe(value)}{hint}"
        )
    return value


def text_list(d: LocatedDict, key: str, required: bool = False) -> list[tuple[str, Where]]:
    """A list of texts (a single text is accepted as a list of one)."""
    if key not in d:
        if required:
            raise fail(d.where_self, f"missing required key '{key}' (a list of terms)")
        return []
    value = d[key]
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return [(str(value), d.where(key))]
    if not isinstance(value, LocatedList):
        raise fail(d.where(key), f"'{key}' must be a list, got {describe(value)}")
    out = []
    for i, item in enumerate(value):
        if isinstance(item, bool) or item is None or isinstance(item, dict | list):
            raise fail(value.where(i), f"each item of '{key}' must be text, got {describe(item)}")
        out.append((str(item), value.where(i)))
    if required and not out:
        raise fail(d.where(key), f"'{key}' must not be empty")
    return out


def choice_list(d: LocatedDict, key: str, choices: list[str], required: bool = False) -> list[str]:
    items = text_list(d, key, required=required)
    return [one_of(item, where, key, choices) for item, where in items]


_DURATION = re.compile(r"^\s*(\d+)\s*(s|sec|m|min|h|d|j)\s*$", re.IGNORECASE)
_UNITS = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400, "j": 86400}


def duration(d: LocatedDict, key: str, required: bool = False) -> timedelta | None:
    if key not in d:
        if required:
            raise fail(d.where_self, f"missing required key '{key}' (a duration like 30s, 10m, 2h)")
        return None
    value = d[key]
    match = _DURATION.match(str(value)) if isinstance(value, str | int) else None
    if isinstance(value, int) and not isinstance(value, bool):
        return timedelta(seconds=value)
    if not match or int(match.group(1)) == 0:
        raise fail(
            d.where(key),
            f"'{key}' must be a duration like 30s, 10m, 2h or 1d, got {describe(value)}",
        )
    return timedelta(seconds=int(match.group(1)) * _UNITS[match.group(2).lower()])
