"""Text commands: `/charter check Some text` parsed against the declared tree.

The console and Slack receive commands as text; Discord receives them typed.
Parsing lives here, once, so both text platforms accept exactly the same
syntax: words for `text`/`int`/`user` options (double quotes group words, since
apostrophes are everywhere in French), and the rest of the line for `rest`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Mapping
from typing import Any

from bot.i18n import Translator
from bot.model import Command, Option

Commands = Mapping[tuple[str, ...], Command]

_TOKEN = re.compile(r'"([^"]*)"|(\S+)')

#: The longest whole number a command option takes.
MAX_INT_DIGITS = 12


class ParseError(Exception):
    """A command line that does not fit the declared command: shown to the user."""


def option_label(option: Option, t: Translator | None) -> str:
    """How an option is shown in help and errors: in the reader's language ("TEXTE",
    "RAISON") when the catalogue names it (`option.NAME`), else its name in capitals."""
    key = f"option.{option.name}"
    if t is not None and key in t.catalog:
        return str(t(key))
    return option.name.upper()


def usage(command: Command, t: Translator | None = None) -> str:
    parts = ["/" + command.name]
    more = "…" if t is not None and t.language == "fr" else "..."  # French typography
    for option in command.options:
        name = option_label(option, t) + (more if option.type == "rest" else "")
        parts.append(name if option.required else f"[{name}]")
    return " ".join(parts)


def parse_command(commands: Commands, text: str, t: Translator) -> tuple[Command, dict[str, Any]]:
    line = text.strip()
    if line.startswith("/"):
        line = line[1:]
    words = line.split()
    if not words:
        raise ParseError(t("cmd.empty"))
    command, used = _longest_path(commands, words)
    if command is None:
        raise ParseError(_unknown(commands, words, t))
    rest = line
    for _ in range(used):  # drop the command words, keep the spacing of the rest
        rest = rest.lstrip()[len(rest.lstrip().split(maxsplit=1)[0]):]
    return command, _parse_options(command, rest, t)


def _longest_path(commands: Commands, words: list[str]) -> tuple[Command | None, int]:
    lowered = [w.lower() for w in words]
    for size in range(min(len(words), 4), 0, -1):
        command = commands.get(tuple(lowered[:size]))
        if command is not None:
            return command, size
    return None, 0


def _unknown(commands: Commands, words: list[str], t: Translator) -> str:
    group = [path for path in commands if path[0] == words[0].lower()]
    if group:
        subs = sorted(" ".join(p) for p in group)
        return t("cmd.unknown_sub", group=words[0], subs=", ".join("/" + s for s in subs))
    names = sorted({path[0] for path in commands})
    guess = difflib.get_close_matches(words[0].lower(), names, n=1)
    hint = t("cmd.did_you_mean", guess="/" + guess[0]) if guess else ""
    return t("cmd.unknown", name=words[0]) + hint


def _parse_options(command: Command, rest: str, t: Translator) -> dict[str, Any]:
    args: dict[str, Any] = {}
    remaining = rest.strip()
    for option in command.options:
        if option.type == "rest":
            value: Any = remaining.strip()
            remaining = ""
        else:
            match = _TOKEN.match(remaining)
            if match is None:
                value = ""
            else:
                value = match.group(1) if match.group(1) is not None else match.group(2)
                remaining = remaining[match.end():].lstrip()
        if value == "":
            if option.required:
                raise ParseError(t("cmd.missing", option=option_label(option, t),
                                   usage=usage(command, t)))
            args[option.name] = None
            continue
        if option.type == "int":
            if not re.fullmatch(r"[+-]?\d+", value):
                raise ParseError(t("cmd.not_int", option=option_label(option, t),
                                   value=value))
            if len(value.lstrip("+-")) > MAX_INT_DIGITS:
                # No number Garant stores is that long; SQLite's integers end at 19 digits.
                raise ParseError(t("cmd.int_too_large", option=option_label(option, t),
                                   digits=MAX_INT_DIGITS))
            value = int(value)
        if option.choices and value not in option.choices:
            raise ParseError(t("cmd.choice", option=option_label(option, t),
                               choices=", ".join(option.choices)))
        args[option.name] = value
    if remaining:
        raise ParseError(t("cmd.extra", extra=remaining, usage=usage(command, t)))
    return args
