"""The bot's configuration (`garant.yaml`): the core's keys, and the sections of the rest.

The config is written by the people who deploy Garant, often by copying
`garant.example.yaml` and editing it by hand, so it is read like a charter: every
value keeps its file, line and column, and every mistake is refused as
`PATH:LINE:COL: what is wrong, what was expected`, with the closest known key
for a misspelt one. Nothing here ends in a traceback on bad input: every problem
is a `SourceError`, which the host prints as one line before exiting.

This module reads the core only: language, time zone, roles, channels, database
and charter directories. Every other top-level section belongs to a cog or a
platform, which declares a settings dataclass and reads its section through
`Config.read` (see `bot/settings.py`); `check_sections` then refuses a section
nobody declared, with "did you mean". Secrets live in `bot/credentials.py`;
a token pasted in the file is refused before anything else is read.

Which file is read (`load_config`): the `--config` argument, else `$GARANT_CONFIG`,
else `./garant.yaml` when it exists, else the bundled demo config
(`bot/example_config.yaml`). Every key has a default, so an empty file is a valid
config and `Config.default()` needs no file at all.

Everything returned is frozen: the host builds the config once at start-up and
hands the same object to every cog, and none of them can change it under the
others' feet.
"""

from __future__ import annotations

import difflib
import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal, TypeVar
from zoneinfo import ZoneInfo, available_timezones

from bot.located.fields import describe, fail, require_mapping
from bot.located.yamlsrc import (
    LocatedDict,
    LocatedList,
    SourceError,
    Where,
    did_you_mean,
    load_yaml,
    quoted,
    read_text,
    unknown_key_message,
)
from bot.model import channel_key, identity_key
from bot.phrases import Phrase
from bot.settings import Section, SourceText, empty_mapping, read_settings

__all__ = [
    "BUNDLED_CONFIG",
    "CONFIG_ENV",
    "CORE_KEYS",
    "LANGUAGES",
    "ROLE_NAMES",
    "Channels",
    "Config",
    "Roles",
    "load_config",
    "resolve_config_path",
]

#: The bundled demo config, package data next to this module.
BUNDLED_CONFIG = Path(__file__).with_name("example_config.yaml")
#: The environment variable naming the config file when `--config` is not given.
CONFIG_ENV = "GARANT_CONFIG"
#: Looked for in the current directory when neither `--config` nor $GARANT_CONFIG says.
LOCAL_CONFIG = Path("garant.yaml")

LANGUAGES = ("fr", "en")
ROLE_NAMES = ("member", "moderator", "director", "exempt")
#: The core's top-level keys; every other section is declared by a cog or a platform.
CORE_KEYS = ("language", "timezone", "charters_dir", "database", "default_charter", "roles",
             "channels", "director_title")
#: How the French interface calls the publication director (the title follows the person).
DIRECTOR_TITLES = ("directeur de publication", "directrice de publication")
ROLE_KEYS = ("members", "moderators", "director", "exempt")
CHANNEL_KEYS = ("moderated", "review_queue", "drafts", "routine", "exempt")

Origin = Literal["argument", "environment", "working directory", "bundled", "defaults"]
S = TypeVar("S")

_OFFSET = re.compile(r"^(?:utc|gmt)?\s*[+-]\s*\d{1,2}(?::?\d{2})?$", re.IGNORECASE)
_LANGUAGE_HINTS = {"french": "fr", "francais": "fr", "français": "fr", "english": "en",
                   "anglais": "en"}


# --------------------------------------------------------------------------- roles


_ROLE_FIELDS = (("member", "members"), ("moderator", "moderators"), ("director", "director"),
                ("exempt", "exempt"))
#: `platform:value` in a role list: the platform names Garant knows.
_QUALIFIED = re.compile(r"^(slack|discord|local|web):(.+)$")


def split_platform(entry: str) -> tuple[str | None, str]:
    """A role entry as (its platform, or None; the identifier)."""
    found = _QUALIFIED.match(str(entry).strip())
    return (found.group(1), found.group(2).strip()) if found else (None, str(entry))


@dataclass(frozen=True, slots=True)
class Roles:
    """Who is who, as lists of platform identifiers.

    An identifier is a user name or id, a Discord role name or id, or a Slack user
    group handle (`@handle`); a user holds a role when any of the identifiers that
    describe them is listed. Lists are kept as written (a Slack group id is
    case-sensitive for the API) and compared case-insensitively.

    members: co-op members: they vote on drafts (one member, one vote) and tick
        the routine.
    moderators: act on the review queue (keep / remove / warn / escalate).
    director: the publication director (directeur de publication): final
        approval of drafts and a veto.
    exempt: never blocked by chat rules (bots, partners).

    Roles are literal: the director is not implicitly a moderator or a member;
    the host decides precedence.

    Identities are per platform. An entry may name its platform (`slack:U0456EFGH`,
    `discord:123456789012345678`, `discord:@Modérateurs`, `local:camille`); an entry
    without one applies on every platform, except an entry shaped like one
    platform's user id (a Slack `U…` id, a Discord snowflake), which applies on that
    platform only — so a Discord user who names themselves `u0456efgh` never gets the
    roles of the Slack member `U0456EFGH`. Which platform owns an id shape is the
    platforms' to say (`PlatformSpec.identifiers`), given to `roles_of` by the host.
    """

    members: tuple[str, ...] = ()
    moderators: tuple[str, ...] = ()
    director: tuple[str, ...] = ()
    exempt: tuple[str, ...] = ()
    #: Each list's entries, parsed once: (platform or None, identifier, identity key).
    _entries: Mapping[str, tuple[tuple[str | None, str, str], ...]] = field(
        init=False, repr=False, compare=False, default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        entries = {name: tuple((where, value, identity_key(value))
                               for where, value in map(split_platform, getattr(self, name)))
                   for _, name in _ROLE_FIELDS}
        object.__setattr__(self, "_entries", MappingProxyType(entries))

    def roles_of(self, identifiers: Iterable[str | int], platform: str | None = None,
                 owner: Callable[[str], str | None] = lambda _: None) -> frozenset[str]:
        """The roles ({"member", "moderator", "director", "exempt"}) of a user of
        `platform` described by `identifiers`: their name, id, and their platform roles
        or groups. `owner(entry)` names the platform an unqualified entry's shape
        belongs to (None: any)."""
        wanted = {identity_key(i) for i in identifiers} - {""}
        return frozenset(
            role for role, name in _ROLE_FIELDS
            if any(key in wanted and (where or owner(value)) in (None, platform)
                   for where, value, key in self._entries[name]))

    def entries_for(self, role_list: str, platform: str,
                    owner: Callable[[str], str | None] = lambda _: None) -> list[str]:
        """The entries of a role list ("members"...) that apply on `platform`, without
        their platform prefix: what that platform resolves to its people."""
        return [value for where, value, _ in self._entries[role_list]
                if (where or owner(value)) in (None, platform)]

    def by_list(self) -> dict[str, tuple[str, ...]]:
        """Each list as written in garant.yaml: "members", "moderators", "director",
        "exempt"."""
        return {name: getattr(self, name) for _, name in _ROLE_FIELDS}


# --------------------------------------------------------------------------- channels


@dataclass(frozen=True, slots=True)
class Channels:
    """Where things happen, by channel name (without '#').

    moderated: channel name -> the charter its messages are checked against. The
        key "*" means every other channel, except the exempt ones and the review
        queue. Ask `charter_for(name)` rather than reading this mapping.
    review_queue: where moderators get review cards.
    drafts: where drafts are submitted and voted on.
    routine: where the daily routine is posted.
    exempt: channels never moderated (useful with "*").
    """

    moderated: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    review_queue: str = "moderation"
    drafts: str = "drafts"
    routine: str = "routine"
    exempt: tuple[str, ...] = ()
    _by_key: Mapping[str, str] = field(
        init=False, repr=False, compare=False, default_factory=lambda: MappingProxyType({}))
    _exempt_keys: frozenset[str] = field(
        init=False, repr=False, compare=False, default=frozenset())

    def __post_init__(self) -> None:
        object.__setattr__(self, "moderated", MappingProxyType(dict(self.moderated)))
        by_key = {channel_key(name): charter for name, charter in self.moderated.items()}
        object.__setattr__(self, "_by_key", MappingProxyType(by_key))
        exempt = {channel_key(name) for name in self.exempt} | {channel_key(self.review_queue)}
        object.__setattr__(self, "_exempt_keys", frozenset(exempt))

    def charter_for(self, channel_name: str) -> str | None:
        """The charter moderating `channel_name` (with or without '#', any case), or None
        when the channel is not moderated."""
        key = channel_key(channel_name)
        if key in self._by_key:
            return self._by_key[key]
        if key in self._exempt_keys:
            return None
        return self._by_key.get("*")


# --------------------------------------------------------------------------- config


@dataclass(frozen=True, slots=True)
class Config:
    """The core of garant.yaml, validated, and the other sections as written.

    language: the bot's language, fr or en.
    timezone: the IANA name of the zone of every wall time in the config (quiet hours,
        routine), validated at load; `tz` is the ZoneInfo. A name rather than a
        ZoneInfo because the scheduler persists job zones by name.
    charters_dir: the team's charters (absolute), looked up before the bundled
        ones; None for the bundled charters only.
    database: the SQLite file (absolute once loaded), or a PostgreSQL database's
        `postgresql://` URL (its password from PGPASSWORD or ~/.pgpass, never the file).
    default_charter: the charter for `/charter check` in channels without one.
    source: the file this config was read from (None for `Config.default()`).
    origin: why that file: "argument" (--config), "environment" ($GARANT_CONFIG),
        "working directory" (./garant.yaml), "bundled" (the demo config), or
        "defaults".
    positions: dotted key ("channels.moderated.general", "routine.file") -> where
        its value is written, so the host can point at the config when a check
        that needs other files fails (an unknown charter, a missing routine file).
    """

    language: str = "fr"
    timezone: str = "Europe/Paris"
    charters_dir: Path | None = None
    database: Path | str = Path("garant.db")
    default_charter: str = "base"
    director_title: str = DIRECTOR_TITLES[0]
    roles: Roles = field(default_factory=Roles)
    channels: Channels = field(default_factory=Channels)
    source: Path | None = None
    origin: Origin = "defaults"
    positions: Mapping[str, Where] = field(
        default_factory=lambda: MappingProxyType({}), repr=False, compare=False)
    document: LocatedDict | None = field(default=None, repr=False, compare=False)
    text: SourceText | None = field(default=None, repr=False, compare=False)

    @classmethod
    def default(cls) -> Config:
        """Every key at its default: what an empty garant.yaml gives, without a file."""
        return cls()

    @property
    def tz(self) -> ZoneInfo:
        """The configured zone (ZoneInfo caches instances, so this is cheap)."""
        return ZoneInfo(self.timezone)

    @property
    def bundled(self) -> bool:
        """True when running on the bundled demo config."""
        return self.source is not None and _is_bundled(self.source)

    def describe_source(self) -> Phrase:
        """One line for the start-up banner: which config is in use, and why."""
        if self.source is None:
            return Phrase("built-in defaults (no config file)")
        why = {
            "argument": Phrase("from --config"),
            "environment": Phrase("from ${variable}", variable=CONFIG_ENV),
            "working directory": Phrase("found in the current directory"),
            "bundled": Phrase("the bundled demo config; copy garant.example.yaml to {local} "
                              "to configure your team", local=LOCAL_CONFIG),
        }.get(self.origin, self.origin)
        return Phrase("{source} ({why})", source=self.source, why=why)

    def where(self, key: str) -> Where | None:
        """Where the dotted `key` is written in the config file, if it is."""
        return self.positions.get(key)

    # -- the sections of cogs and platforms

    def section(self, name: str) -> Section:
        """The top-level section `name` as written (empty when absent)."""
        text = self.text or SourceText("garant.yaml", (), Path.cwd())
        document = self.document
        if document is None:
            return Section(name, empty_mapping(Where(text.path, 1, 1)), text)
        value = document.get(name)
        if value is None:  # absent, or every key under it commented out
            return Section(name, empty_mapping(document.where(name)), text)
        return Section(name, require_mapping(value, document.where(name), quoted(name)), text)

    def read(self, kind: type[S]) -> S:
        """A cog's or a platform's settings, read from its section (`kind.SECTION`)."""
        return read_settings(kind, self.section(kind.SECTION))  # type: ignore[attr-defined]

    def check_sections(self, known: Iterable[str]) -> None:
        """Refuse a top-level key that is neither the core's nor a declared section."""
        if self.document is None:
            return
        allowed = (*CORE_KEYS, *known)
        for key in self.document:
            if key not in allowed:
                raise fail(self.document.where_key(key),
                           unknown_key_message(key, allowed, Phrase("the config")))

    # -- charters

    def charter_references(self) -> list[tuple[str, Where | None]]:
        """The charters the core names (the default, the moderated channels'), with where,
        for the host to check against the charter library at start."""
        refs = [(self.default_charter, self.where("default_charter"))]
        refs += [(charter, self.where(f"channels.moderated.{name}"))
                 for name, charter in self.channels.moderated.items()]
        return refs

    def charter_directories(self) -> list[Path]:
        """Where charters are looked up: `charters_dir` first, then the bundled ones.
        A `charters_dir` that is not a directory is reported at its line."""
        from bot.charter.load import bundled_charters_dir

        dirs = []
        if self.charters_dir is not None:
            if not self.charters_dir.is_dir():
                raise SourceError(self.where("charters_dir"),
                                  "charters_dir {path} is not a directory",
                                  path=self.charters_dir)
            dirs.append(self.charters_dir)
        return [*dirs, bundled_charters_dir()]

    def find_file(self, file: Path, key: str, what: str | Phrase) -> Path:
        """A file named in the config (a routine file): an absolute path as is, else
        looked up in `charters_dir` then in the bundled charters. Missing everywhere is
        reported at `key`."""
        from bot.charter.load import bundled_charters_dir

        file = file.expanduser()
        if file.is_absolute():
            candidates = [file]
        else:
            bases = [self.charters_dir] if self.charters_dir is not None else []
            candidates = [base / file for base in (*bases, bundled_charters_dir())]
        for candidate in candidates:
            if candidate.is_file():
                return candidate
        raise SourceError(self.where(key), "{what} '{file}' not found (looked for {looked})",
                          what=what, file=file, looked=", ".join(map(str, candidates)))


# --------------------------------------------------------------------------- loading


def resolve_config_path(path: Path | str | None,
                        env: Mapping[str, str] = os.environ) -> tuple[Path, Origin]:
    """Which config file to read, and why: `path` (--config), else $GARANT_CONFIG, else
    ./garant.yaml if it exists, else the bundled demo config."""
    if path is not None:
        return Path(path).expanduser(), "argument"
    named = (env.get(CONFIG_ENV) or "").strip()
    if named:
        return Path(named).expanduser(), "environment"
    if LOCAL_CONFIG.exists():
        return LOCAL_CONFIG, "working directory"
    return BUNDLED_CONFIG, "bundled"


def load_config(path: Path | str | None = None, env: Mapping[str, str] = os.environ) -> Config:
    """Find, read and validate the config's core (see `resolve_config_path`).

    Relative paths in it are resolved against the config file's directory, except in
    the bundled demo config (however it was chosen), whose paths (its `./garant.db`)
    are relative to the current directory: the package directory is no place for a
    database.
    Raises SourceError, positioned whenever the problem is in the file.
    """
    from bot.credentials import refuse_secrets
    from bot.platforms import discover

    file, origin = resolve_config_path(path, env)
    raw = _read(file, origin)
    base = Path.cwd() if _is_bundled(file) else file.absolute().parent
    text = SourceText.of(str(file), raw, base)
    document = load_yaml(raw, str(file))
    top = empty_mapping(Where(text.path, 1, 1)) if document is None else require_mapping(
        document, Where(text.path, 1, 1), Phrase("the config"))
    refuse_secrets(top, discover().values())
    return _read_core(Section("config", top, text), file, origin)


def _database(top: Section) -> Path | str:
    """The SQLite file, relative to the config's folder, or a PostgreSQL URL as written."""
    written = top.get("database")
    if isinstance(written, str) and written.startswith(("postgresql://", "postgres://")):
        return written
    return top.path("database", "garant.db")


def _read_core(top: Section, file: Path, origin: Origin) -> Config:
    # The other sections are read by their cogs and platforms (`Config.read`), and
    # unknown ones refused once everything has declared its own (`check_sections`).
    charters_dir = top.path("charters_dir") if top.get("charters_dir") is not None else None
    return Config(
        language=_language(top),
        timezone=_timezone(top),
        charters_dir=charters_dir,
        database=_database(top),
        default_charter=top.name("default_charter", "base"),
        director_title=top.choice("director_title", DIRECTOR_TITLES, DIRECTOR_TITLES[0]),
        roles=_roles(_core_section(top, "roles", ROLE_KEYS)),
        channels=_channels(_core_section(top, "channels", CHANNEL_KEYS)),
        source=file,
        origin=origin,
        positions=MappingProxyType(_positions(top.mapping)),
        document=top.mapping,
        text=top.source,
    )


def _core_section(top: Section, name: str, keys: tuple[str, ...]) -> Section:
    section = top.sub(name)
    section.check_keys(keys)
    return section


def _is_bundled(file: Path) -> bool:
    """Whether `file` is the bundled demo config, however it was chosen."""
    try:
        return file.resolve() == BUNDLED_CONFIG.resolve()
    except OSError:
        return False


_ORIGIN_HINT = {"argument": Phrase("given with --config"),
                "environment": Phrase("named by ${variable}", variable=CONFIG_ENV)}


def _read(file: Path, origin: Origin) -> str:
    if not file.exists():
        if origin == "bundled":
            raise SourceError(None, "no config: pass --config FILE, set {variable} or create "
                                    "./{file} (the bundled demo config is missing from this "
                                    "installation)", variable=CONFIG_ENV, file=LOCAL_CONFIG)
        hint = _ORIGIN_HINT.get(origin)
        if hint is None:
            raise SourceError(None, "{path}: no such config file", path=file)
        raise SourceError(None, "{path}: no such config file ({hint})", path=file, hint=hint)
    if file.is_dir():
        raise SourceError(None, "{path}: is a directory, expected a YAML config file",
                          path=file)
    return read_text(file, encoding="utf-8-sig")


def _positions(top: LocatedDict) -> dict[str, Where]:
    found: dict[str, Where] = {}

    def walk(value: Any, prefix: str) -> None:
        if isinstance(value, LocatedDict):
            for key, item in value.items():
                found[f"{prefix}{key}"] = value.where(key)
                walk(item, f"{prefix}{key}.")
        elif isinstance(value, LocatedList):
            for index, item in enumerate(value):
                found[f"{prefix[:-1]}[{index}]"] = value.where(index)
                walk(item, f"{prefix[:-1]}[{index}].")

    walk(top, "")
    channels = top.get("channels")
    moderated = channels.get("moderated") if isinstance(channels, LocatedDict) else None
    if isinstance(moderated, LocatedDict):  # also by the names charter_for compares
        for key in moderated:
            found.setdefault(f"channels.moderated.{key.strip().lstrip('#').strip()}",
                             moderated.where(key))
    return found


# --------------------------------------------------------------------------- the core keys


def _language(top: Section) -> str:
    value = top.get("language", "fr")
    if isinstance(value, str) and value.strip().lower() in LANGUAGES:
        return value.strip().lower()
    guess = None
    if isinstance(value, str):
        lowered = value.strip().lower()
        guess = _LANGUAGE_HINTS.get(lowered) or (
            lowered[:2] if lowered[:2] in LANGUAGES and lowered[2:3] in ("-", "_") else None)
    raise fail(top.where("language"), "'{key}' must be one of {choices}, got {got}{hint}",
               key="language", choices=", ".join(LANGUAGES), got=describe(value),
               hint=did_you_mean(guess))


def _timezone(top: Section) -> str:
    name = top.text("timezone", "Europe/Paris")
    try:
        if name.strip() == name and name:
            ZoneInfo(name)
            return name
    except (KeyError, ValueError, OSError):
        pass
    hint: Phrase | str
    if re.fullmatch(r"[A-Z]{3,5}", name.strip()):
        hint = Phrase("; abbreviations like CET or CEST change with the season: use the name "
                      "of a place, like 'Europe/Paris'")
    elif _OFFSET.match(name.strip()):
        hint = Phrase("; a fixed offset ignores daylight saving time: use the name of a place, "
                      "like 'Europe/Paris'")
    else:
        hint = did_you_mean(_suggest_zone(name))
    raise fail(top.where("timezone"), "'timezone' must be an IANA time zone name like "
               "'Europe/Paris', got {got}{hint}", got=describe(name), hint=hint)


def _suggest_zone(name: str) -> str | None:
    """The IANA zone someone writing `name` most likely meant: the same name in another
    case ('europe/paris'), a city alone ('Paris', 'New York'), or a close spelling."""
    wanted = name.strip().replace(" ", "_")
    if not wanted:
        return None
    zones = sorted(available_timezones())
    by_fold = {zone.casefold(): zone for zone in zones}
    if wanted.casefold() in by_fold:
        return by_fold[wanted.casefold()]
    cities = [zone for zone in zones if "/" in zone and not zone.startswith("Etc/")
              and zone.rsplit("/", 1)[1].casefold() == wanted.casefold()]
    if cities:
        return cities[0]
    close = difflib.get_close_matches(wanted.casefold(), list(by_fold), n=1, cutoff=0.75)
    return by_fold[close[0]] if close else None


def _roles(section: Section) -> Roles:
    return Roles(*(section.identifiers(key) for key in ROLE_KEYS))


_COMMENTED_CHANNEL = re.compile(r"^(\s+)#\s*([\w.-]+)\s*:\s*(\S.*)$")


def _refuse_commented_channels(section: Section) -> None:
    """`moderated:` followed only by `#general: coop-fr`: YAML read a comment, and
    nothing would be moderated. Say so at that line instead of starting silently."""
    key = section.where_key("moderated")
    for number, line in enumerate(section.source.lines[key.line:], start=key.line + 1):
        if line.strip() and not line.startswith((" ", "\t")):
            return  # the next top-level key: the section is over
        found = _COMMENTED_CHANNEL.match(line)
        if found:
            name, charter = found.group(2), found.group(3).split("#")[0].strip()
            raise fail(Where(key.path, number, len(found.group(1)) + 1),
                       "'#{name}: {charter}' is a comment in YAML ('#' starts one), so no "
                       "channel is moderated; write '{name}: {charter}' without the '#'",
                       name=name, charter=charter)


def _channels(section: Section) -> Channels:
    names = {key: section.channel(section.get(key, key_default), section.where(key),
                                  quoted(key))
             for key, key_default in (("review_queue", "moderation"), ("drafts", "drafts"),
                                      ("routine", "routine"))}
    queue = channel_key(names["review_queue"])

    moderated: dict[str, str] = {}
    lines: dict[str, int] = {}
    raw = section.get("moderated")
    if not raw and "moderated" in section.mapping:
        _refuse_commented_channels(section)
    if raw is not None:
        raw = require_mapping(raw, section.where("moderated"), quoted("moderated"))
        for key, charter in raw.items():
            key_where = raw.where_key(key)
            name = key if key == "*" else section.channel(key, key_where,
                                                          Phrase("a moderated channel"))
            if channel_key(name) in lines:
                raise fail(key_where, "channel '{name}' is already listed at line {line}",
                           name=name, line=lines[channel_key(name)])
            if channel_key(name) == queue:
                raise fail(key_where, "channel '{name}' is the review queue: it cannot be "
                           "moderated (review cards quote the flagged messages)", name=name)
            if charter is None or isinstance(charter, bool | dict | list) or not str(
                    charter).strip():
                raise fail(raw.where(key), "channel '{name}' needs the name of its charter, "
                           "like '{name}: base', got {got}", name=name, got=describe(charter))
            moderated[name] = str(charter).strip()
            lines[channel_key(name)] = key_where.line

    exempt: dict[str, str] = {}
    if section.get("exempt") is not None:
        from bot.located import fields

        for item, where in fields.text_list(section.mapping, "exempt"):
            name = section.channel(item, where, Phrase("each item of '{key}'", key="exempt"))
            if channel_key(name) in lines:
                raise fail(where, "channel '{name}' is both moderated (line {line}) and exempt; "
                           "keep one", name=name, line=lines[channel_key(name)])
            exempt.setdefault(channel_key(name), name)
    return Channels(moderated=moderated, exempt=tuple(exempt.values()), **names)
