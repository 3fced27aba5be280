"""Platform credentials: from the environment and `.env`, never from garant.yaml.

The config file is shared, copied and committed; tokens must not be. Each
platform declares the variables it reads (`Secret` in its `PLATFORM` spec);
`load_secrets` reads them from the environment, then from `.env` for those the
environment lacks, and `refuse_secrets` stops a config file that holds one (a key
named like a secret, or a value shaped like a token), saying which variable it
belongs in.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from bot.located.fields import fail
from bot.located.yamlsrc import LocatedDict, LocatedList, SourceError, Where, read_text
from bot.phrases import Phrase
from bot.platforms.base import PlatformSpec, Secret

#: The secrets file read by `load_secrets`, in the current directory.
DOTENV = Path(".env")

_SECRET_KEY = re.compile(r"token|secret|password|passwd|api_?key|credential", re.IGNORECASE)


class Secrets(Mapping[str, str | None]):
    """Values by variable name (None when unset). `repr` and `str` only say which are
    set, so a secret cannot leak into a log line, a traceback or an error report."""

    def __init__(self, values: Mapping[str, str | None] | None = None) -> None:
        self._values = dict(values or {})

    def __getitem__(self, variable: str) -> str | None:
        return self._values[variable]

    def get(self, variable: str, default: Any = None) -> Any:
        return self._values.get(variable, default)

    def __iter__(self) -> Any:
        return iter(self._values)

    def __len__(self) -> int:
        return len(self._values)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Secrets) and self._values == other._values

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        states = ", ".join(f"{name}={'set' if value else 'unset'}"
                           for name, value in self._values.items())
        return f"Secrets({states})"

    __str__ = __repr__

    def ready(self, specs: Iterable[PlatformSpec]) -> tuple[str, ...]:
        """The platforms whose required secrets are all set, in the specs' order."""
        return tuple(spec.name for spec in specs if spec.ready(self))


def declared(specs: Iterable[PlatformSpec]) -> list[Secret]:
    found: dict[str, Secret] = {}
    for spec in specs:
        for secret in spec.secrets:
            found.setdefault(secret.variable, secret)
    return list(found.values())


def read_dotenv(path: Path) -> Mapping[str, str | None]:
    """The variables of a `.env` file, taken literally (no `${VAR}` expansion: a token
    is not a template); none when it does not exist; SourceError when it is unreadable."""
    if not path.exists():
        return {}
    from dotenv import dotenv_values

    if path.is_dir():
        raise SourceError(None, "{path}: is a directory, expected a .env file", path=path)
    return dotenv_values(stream=io.StringIO(read_text(path)), interpolate=False)


def load_secrets(specs: Iterable[PlatformSpec], env: Mapping[str, str] = os.environ,
                 dotenv_path: Path | None = DOTENV) -> Secrets:
    """Read the declared variables from `env`, then from `dotenv_path` for those `env`
    lacks (the environment wins). An empty variable counts as unset, so a compose
    file's `DISCORD_TOKEN=${DISCORD_TOKEN}` does not hide the .env value. `.env`
    values are taken literally (no `${VAR}` expansion: a token is not a template)."""
    from_file = read_dotenv(dotenv_path) if dotenv_path is not None else {}
    values: dict[str, str | None] = {}
    for secret in declared(specs):
        variable = secret.variable
        value = (env.get(variable) or "").strip() or (from_file.get(variable) or "").strip()
        values[variable] = value or None
    return Secrets(values)


def refuse_secrets(document: Any, specs: Iterable[PlatformSpec]) -> None:
    """Refuse anything in a config document that looks like a credential, wherever it
    is: a token in a shared file is the most urgent thing to hear about."""
    specs = list(specs)
    _walk(document, None, (), specs)


def _walk(value: Any, where: Where | None, trail: tuple[str, ...],
          specs: list[PlatformSpec]) -> None:
    if isinstance(value, LocatedDict):
        for key, item in value.items():
            # Channel names may say anything ("tokens-nft: base" moderates a channel).
            if trail != ("channels", "moderated") and _SECRET_KEY.search(key):
                raise fail(value.where_key(key), _key_message(key, trail, item, specs))
            _walk(item, value.where(key), (*trail, key), specs)
    elif isinstance(value, LocatedList):
        for index, item in enumerate(value):
            _walk(item, value.where(index), trail, specs)
    elif isinstance(value, str) and where is not None:
        token = value.strip()
        for spec in specs:
            for secret in spec.secrets:
                if secret.looks_like and re.match(secret.looks_like, token):
                    raise fail(where, "this looks like a {platform} token, and secrets never "
                               "go in the config file: set {variable} in the environment or "
                               "in a .env file; if this file was ever shared, revoke it",
                               platform=spec.title, variable=secret.variable)


def _key_message(key: str, trail: tuple[str, ...], value: Any,
                 specs: list[PlatformSpec]) -> Phrase:
    """Which variable a secret-looking key most likely meant: among the platforms named
    in the key's path (all when none is), the first secret whose words the key holds,
    else the named platform's main secret."""
    lowered, context = key.lower(), " ".join((*trail, key)).lower()
    named = [spec for spec in specs if spec.name in context]
    candidates = [s for spec in (named or specs) for s in spec.secrets]
    variable = next((s.variable for s in candidates
                     if any(word in lowered for word in s.key_words)), None)
    if variable is None and named:
        spec = named[0]
        variable = spec.required[0] if spec.required else (
            spec.secrets[0].variable if spec.secrets else None)
    if variable:
        where_to = Phrase("set {variable}", variable=variable)
    else:
        where_to = Phrase("set the matching variable ({names})",
                          names=", ".join(s.variable for s in declared(specs)))
    if isinstance(value, str) and value.strip():
        return Phrase("'{key}' looks like a secret, and secrets never go in the config file: "
                      "{where_to} in the environment or in a .env file; if this file was ever "
                      "shared, revoke the value written here", key=key, where_to=where_to)
    return Phrase("'{key}' looks like a secret, and secrets never go in the config file: "
                  "{where_to} in the environment or in a .env file", key=key, where_to=where_to)


__all__ = ["DOTENV", "Secrets", "declared", "load_secrets", "refuse_secrets"]
