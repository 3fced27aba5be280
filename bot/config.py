"""The bot's configuration (`garant.yaml`) and its secrets (the environment and `.env`).

The config is written by the people who deploy Garant, often by copying
`garant.example.yaml` and editing it by hand, so it is read like a charter: every
value keeps its file, line and column, and every mistake is refused as
`PATH:LINE:COL: what is wrong, what was expected`, with the closest known key
for a misspelt one. Nothing here ends in a traceback on bad input: every problem
is a `SourceError`, which the host prints as one line before exiting.

Which file is read (`load_config`): the `--config` argument, else `$GARANT_CONFIG`,
else `./garant.yaml` when it exists, else the bundled demo config
(`bot/example_config.yaml`). Every key has a default, so an empty file is a valid
config and `Config.default()` needs no file at all.

Secrets (chat platform tokens) never live in the config: the file is shared,
copied and committed, tokens must not be. `load_secrets` reads them from the
environment and from `.env`; a key or a value in the YAML that looks like a
token is refused with a message saying where it belongs.

Everything returned is a frozen dataclass: the host builds the config once at
start-up and hands the same object to every cog, and none of them can change it
under the others' feet.
"""

from __future__ import annotations

import datetime as dt
import difflib
import os
import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, time, timedelta
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal
from zoneinfo import ZoneInfo, available_timezones

from bot.located import fields
from bot.located.fields import describe, fail, require_mapping
from bot.located.yamlsrc import (
    LocatedDict,
    LocatedList,
    SourceError,
    Where,
    closest,
    load_yaml,
    unknown_key_message,
)

__all__ = [
    "BUNDLED_CONFIG",
    "CONFIG_ENV",
    "DAY_NAMES",
    "LANGUAGES",
    "ROLE_NAMES",
    "SECRET_VARIABLES",
    "SECTION_KEYS",
    "TALLY_MODES",
    "TOP_KEYS",
    "Channels",
    "Config",
    "DiscordConfig",
    "Drafts",
    "Moderation",
    "QuietHours",
    "QuietWindow",
    "Roles",
    "Routine",
    "Secrets",
    "SlackConfig",
    "Votes",
    "channel_key",
    "identity_key",
    "load_config",
    "load_secrets",
    "resolve_config_path",
]

#: The bundled demo config, package data next to this module.
BUNDLED_CONFIG = Path(__file__).with_name("example_config.yaml")
#: The environment variable naming the config file when `--config` is not given.
CONFIG_ENV = "GARANT_CONFIG"
#: Looked for in the current directory when neither `--config` nor $GARANT_CONFIG says.
LOCAL_CONFIG = Path("garant.yaml")
#: The secrets file read by `load_secrets`, in the current directory.
DOTENV = Path(".env")

LANGUAGES = ("fr", "en")
TALLY_MODES = ("always", "after_vote", "after_close")
ROLE_NAMES = ("member", "moderator", "director", "exempt")
#: Canonical day names; index = `datetime.weekday()` (0 = Monday).
DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
_DAY_SPELLINGS = (
    ("mon", "monday", "lun", "lundi"),
    ("tue", "tuesday", "mar", "mardi"),
    ("wed", "wednesday", "mer", "mercredi"),
    ("thu", "thursday", "jeu", "jeudi"),
    ("fri", "friday", "ven", "vendredi"),
    ("sat", "saturday", "sam", "samedi"),
    ("sun", "sunday", "dim", "dimanche"),
)
_DAYS = {spelling: index for index, names in enumerate(_DAY_SPELLINGS) for spelling in names}
DEFAULT_TIMEZONE = ZoneInfo("Europe/Paris")
WEEKDAYS = frozenset(range(5))
WEEKEND = frozenset({5, 6})

#: Secret attribute -> environment variable.
SECRET_VARIABLES: Mapping[str, str] = MappingProxyType({
    "discord_token": "DISCORD_TOKEN",
    "slack_bot_token": "SLACK_BOT_TOKEN",
    "slack_app_token": "SLACK_APP_TOKEN",
    "slack_signing_secret": "SLACK_SIGNING_SECRET",
    "slack_admin_user_token": "SLACK_ADMIN_USER_TOKEN",
})

TOP_KEYS = ("language", "timezone", "charters_dir", "database", "default_charter", "roles",
            "channels", "moderation", "votes", "drafts", "routine", "discord", "slack")
SECTION_KEYS: Mapping[str, tuple[str, ...]] = MappingProxyType({
    "roles": ("members", "moderators", "director", "exempt"),
    "channels": ("moderated", "review_queue", "drafts", "routine", "exempt"),
    "moderation": ("moderators_exempt", "quiet_hours", "reminder_after", "reports_to_hide",
                   "warnings_expire", "warnings_threshold", "threshold_timeout"),
    "votes": ("quorum", "majority", "deadline", "reminder_before", "tally",
              "min_revision_window", "expire_after"),
    "drafts": ("charter", "clients"),
    "routine": ("file", "time", "days", "review_time", "grace", "streak_min", "dm_opt_in"),
    "discord": ("guild_id",),
    "slack": ("port",),
})
QUIET_WINDOW_KEYS = ("days", "from", "to")

Origin = Literal["argument", "environment", "working directory", "bundled", "defaults"]


# --------------------------------------------------------------------------- names


def identity_key(identifier: str | int) -> str:
    """How a user, role or group identifier is compared: case-insensitively, without a
    leading @ or #, and with Discord mention syntax (`<@123>`, `<@&456>`) reduced to the
    id, because people paste whatever their client shows them."""
    key = unicodedata.normalize("NFC", str(identifier)).strip()
    mention = re.fullmatch(r"<[@#][!&]?(\d+)>", key)
    if mention:
        return mention.group(1)
    if key[:1] in ("@", "#"):
        key = key[1:].strip()
    return key.casefold()


def channel_key(name: str) -> str:
    """How channel names are compared: without '#', case-insensitively."""
    return identity_key(name)


# --------------------------------------------------------------------------- roles


_ROLE_FIELDS = (("member", "members"), ("moderator", "moderators"), ("director", "director"),
                ("exempt", "exempt"))


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
    """

    members: tuple[str, ...] = ()
    moderators: tuple[str, ...] = ()
    director: tuple[str, ...] = ()
    exempt: tuple[str, ...] = ()
    _keys: Mapping[str, frozenset[str]] = field(
        init=False, repr=False, compare=False, default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        keys = {role: frozenset(identity_key(i) for i in getattr(self, name))
                for role, name in _ROLE_FIELDS}
        object.__setattr__(self, "_keys", MappingProxyType(keys))

    def roles_of(self, identifiers: Iterable[str | int]) -> frozenset[str]:
        """The roles ({"member", "moderator", "director", "exempt"}) of a user described by
        `identifiers`: their name, id, and their platform roles or groups."""
        wanted = {identity_key(i) for i in identifiers} - {""}
        return frozenset(role for role, keys in self._keys.items() if keys & wanted)


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


# --------------------------------------------------------------------------- quiet hours


@dataclass(frozen=True, slots=True)
class QuietWindow:
    """One line of the quiet-hours schedule.

    days: weekdays (0 = Monday) the window applies to.
    start, end: the YAML `from` and `to`, local wall times; both None means the
        whole day. When `start` is later than `end` the range crosses midnight:
        on each listed day it covers the hours before `end` and from `start` on.
        So "mon–fri, 19:00 to 09:00" plus "sat, sun" leaves exactly Monday to
        Friday 09:00–19:00 staffed, Monday morning included.
    """

    days: frozenset[int]
    start: time | None = None
    end: time | None = None

    def covers(self, local: datetime) -> bool:
        """Whether the local wall time `local` (already in the configured zone) is quiet."""
        if local.weekday() not in self.days:
            return False
        if self.start is None or self.end is None:
            return True
        now = local.time()
        if self.start < self.end:
            return self.start <= now < self.end
        return now >= self.start or now < self.end


DEFAULT_QUIET_HOURS = (
    QuietWindow(WEEKDAYS, time(19, 0), time(9, 0)),
    QuietWindow(WEEKEND),
)


@dataclass(frozen=True, slots=True)
class QuietHours:
    """When nobody is on duty: flagged messages are hidden until a moderator reviews them.

    Pure: it needs the instant and nothing else; wall times are read in `timezone`,
    so DST changes move the quiet hours with the local clock.
    """

    windows: tuple[QuietWindow, ...] = DEFAULT_QUIET_HOURS
    timezone: ZoneInfo = DEFAULT_TIMEZONE

    def is_quiet(self, when: datetime) -> bool:
        """Whether the instant `when` (timezone-aware) falls in quiet hours."""
        if when.tzinfo is None or when.utcoffset() is None:
            raise ValueError(f"naive datetime {when!r}: pass a timezone-aware datetime")
        local = when.astimezone(self.timezone)
        return any(window.covers(local) for window in self.windows)


# --------------------------------------------------------------------------- sections


@dataclass(frozen=True, slots=True)
class Moderation:
    """How chat moderation behaves.

    moderators_exempt: moderators and the director are not blocked by chat rules
        (unless false); their messages are still checked and may be flagged.
    quiet_hours: the weekly schedule of hours nobody is on duty, in the config's
        timezone (see `Config.quiet_hours` for the `is_quiet` helper).
    reminder_after: open review items older than this are listed once a day.
    reports_to_hide: distinct members reporting a message hide it until reviewed.
    warnings_expire: a warning stops counting after this long.
    warnings_threshold: this many live warnings escalate to the moderators.
    threshold_timeout: on platforms that have timeouts (Discord), a member reaching
        the threshold is also timed out this long; None (the default) for no timeout.
    """

    moderators_exempt: bool = True
    quiet_hours: tuple[QuietWindow, ...] = DEFAULT_QUIET_HOURS
    reminder_after: timedelta = timedelta(hours=24)
    reports_to_hide: int = 3
    warnings_expire: timedelta = timedelta(days=90)
    warnings_threshold: int = 3
    threshold_timeout: timedelta | None = None


@dataclass(frozen=True, slots=True)
class Votes:
    """The co-op's votes on drafts (one member, one vote).

    quorum: percent of the electorate that must take part; abstentions count.
    majority: approvals must be MORE than this percent of expressed votes
        (approve, request changes, reject; abstentions are not expressed).
    deadline: how long a vote stays open.
    reminder_before: voters who have not voted are reminded this long before the
        deadline.
    tally: when voters see the running tally: always, after_vote (once they have
        voted) or after_close.
    min_revision_window: after an edit the deadline is at least this far away, so
        members can read the new revision.
    expire_after: an approved draft not published this long after its planned
        time expires.
    """

    quorum: float = 50.0
    majority: float = 50.0
    deadline: timedelta = timedelta(hours=72)
    reminder_before: timedelta = timedelta(hours=24)
    tally: str = "after_vote"
    min_revision_window: timedelta = timedelta(hours=24)
    expire_after: timedelta = timedelta(hours=24)


@dataclass(frozen=True, slots=True)
class Drafts:
    """Which charter checks the drafts written for clients.

    charter: the agency's charter for drafts, or None for `default_charter` (ask
        `Config.drafts_charter()` rather than reading this).
    clients: client name -> that client's charter. A client charter usually
        `extends` the agency's, so the agency rules hold and the client adds its
        own; the charter file says so, not this mapping. Client names are
        compared case-insensitively (`client_charter`).
    """

    charter: str | None = None
    clients: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    _by_key: Mapping[str, str] = field(
        init=False, repr=False, compare=False, default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        object.__setattr__(self, "clients", MappingProxyType(dict(self.clients)))
        by_key = {identity_key(name): charter for name, charter in self.clients.items()}
        object.__setattr__(self, "_by_key", MappingProxyType(by_key))

    def client_charter(self, client: str | None) -> str | None:
        """The charter configured for `client` (any case), or None when it has none."""
        if not client:
            return None
        return self._by_key.get(identity_key(client))


@dataclass(frozen=True, slots=True)
class Routine:
    """The daily routine ("20 actions").

    file: the routine file as written; relative to `charters_dir`, then to the
        bundled charters (see `Config.routine_file()`).
    time: local wall time of the daily prompt.
    days: weekdays (0 = Monday) the prompt is posted.
    review_time: local wall time of the end-of-day review, or None for none.
    grace: a prompt missed while the bot was down is still posted this late.
    streak_min: actions a day that keep a member's streak going.
    dm_opt_in: members may opt in to get the routine by direct message.
    """

    file: Path = Path("routines/20-actions.fr.yaml")
    time: dt.time = dt.time(9, 30)
    days: frozenset[int] = WEEKDAYS
    review_time: dt.time | None = dt.time(17, 30)
    grace: timedelta = timedelta(hours=2)
    streak_min: int = 10
    dm_opt_in: bool = True


@dataclass(frozen=True, slots=True)
class DiscordConfig:
    """guild_id: the server whose slash commands are synced at start (instant), or None
    to sync them globally (Discord may take up to an hour to show them)."""

    guild_id: int | None = None


@dataclass(frozen=True, slots=True)
class SlackConfig:
    """port: the HTTP port for Slack's Events API when there is no app token (with an
    app token, Socket Mode is used and no port is opened)."""

    port: int = 3000


# --------------------------------------------------------------------------- config


@dataclass(frozen=True, slots=True)
class Config:
    """Everything in garant.yaml, validated.

    language: the bot's language, fr or en.
    timezone: the IANA name of the zone of every wall time in the config (quiet hours,
        routine), validated at load; `tz` is the ZoneInfo. A name rather than a
        ZoneInfo because the scheduler persists job zones by name.
    charters_dir: the team's charters (absolute), looked up before the bundled
        ones; None for the bundled charters only.
    database: the SQLite file (absolute once loaded).
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
    database: Path = Path("garant.db")
    default_charter: str = "base"
    roles: Roles = field(default_factory=Roles)
    channels: Channels = field(default_factory=Channels)
    moderation: Moderation = field(default_factory=Moderation)
    votes: Votes = field(default_factory=Votes)
    drafts: Drafts = field(default_factory=Drafts)
    routine: Routine = field(default_factory=Routine)
    discord: DiscordConfig = field(default_factory=DiscordConfig)
    slack: SlackConfig = field(default_factory=SlackConfig)
    source: Path | None = None
    origin: Origin = "defaults"
    positions: Mapping[str, Where] = field(
        default_factory=lambda: MappingProxyType({}), repr=False, compare=False)

    @classmethod
    def default(cls) -> Config:
        """Every key at its default: what an empty garant.yaml gives, without a file."""
        return cls()

    @property
    def tz(self) -> ZoneInfo:
        """The configured zone (ZoneInfo caches instances, so this is cheap)."""
        return ZoneInfo(self.timezone)

    @property
    def quiet_hours(self) -> QuietHours:
        """The quiet-hours schedule bound to the configured timezone."""
        return QuietHours(self.moderation.quiet_hours, self.tz)

    @property
    def bundled(self) -> bool:
        """True when running on the bundled demo config."""
        return self.source is not None and _is_bundled(self.source)

    def describe_source(self) -> str:
        """One line for the start-up banner: which config is in use, and why."""
        if self.source is None:
            return "built-in defaults (no config file)"
        why = {
            "argument": "from --config",
            "environment": f"from ${CONFIG_ENV}",
            "working directory": "found in the current directory",
            "bundled": f"the bundled demo config; copy garant.example.yaml to {LOCAL_CONFIG} "
                       "to configure your team",
        }.get(self.origin, self.origin)
        return f"{self.source} ({why})"

    def where(self, key: str) -> Where | None:
        """Where the dotted `key` is written in the config file, if it is."""
        return self.positions.get(key)

    def chat_rules_exempt(self, roles: frozenset[str]) -> bool:
        """Whether a user with `roles` (from `roles.roles_of`) is never blocked by chat
        rules: exempt users, and moderators and the director unless
        `moderation.moderators_exempt` is false."""
        if "exempt" in roles:
            return True
        return self.moderation.moderators_exempt and bool(roles & {"moderator", "director"})

    def charter_references(self) -> list[tuple[str, Where | None]]:
        """Every charter the config names, with where, for the host to check against the
        charter library (which needs files, so it is not checked at load)."""
        refs = [(self.default_charter, self.where("default_charter"))]
        refs += [(charter, self.where(f"channels.moderated.{name}"))
                 for name, charter in self.channels.moderated.items()]
        if self.drafts.charter is not None:
            refs.append((self.drafts.charter, self.where("drafts.charter")))
        refs += [(charter, self.where(f"drafts.clients.{client}"))
                 for client, charter in self.drafts.clients.items()]
        return refs

    def drafts_charter(self, client: str | None = None) -> str:
        """The charter a draft is checked with: its client's when one is configured, else
        `drafts.charter`, else `default_charter`."""
        return (self.drafts.client_charter(client) or self.drafts.charter
                or self.default_charter)

    def charter_directories(self) -> list[Path]:
        """Where charters are looked up: `charters_dir` first, then the bundled ones.
        A `charters_dir` that is not a directory is reported at its line."""
        from bot.charter.load import bundled_charters_dir

        dirs = []
        if self.charters_dir is not None:
            if not self.charters_dir.is_dir():
                raise SourceError(self.where("charters_dir"),
                                  f"charters_dir {self.charters_dir} is not a directory")
            dirs.append(self.charters_dir)
        return [*dirs, bundled_charters_dir()]

    def routine_file(self) -> Path:
        """The routine file: an absolute path as is, else looked up in `charters_dir` then
        in the bundled charters. Missing everywhere is reported at `routine.file`."""
        from bot.charter.load import bundled_charters_dir

        file = self.routine.file.expanduser()
        if file.is_absolute():
            candidates = [file]
        else:
            bases = [self.charters_dir] if self.charters_dir is not None else []
            candidates = [base / file for base in (*bases, bundled_charters_dir())]
        for candidate in candidates:
            if candidate.is_file():
                return candidate
        raise SourceError(self.where("routine.file"), f"routine file '{self.routine.file}' "
                          f"not found (looked for {', '.join(map(str, candidates))})")


# --------------------------------------------------------------------------- secrets


@dataclass(frozen=True, slots=True, repr=False)
class Secrets:
    """Platform credentials, from the environment and `.env`, never from garant.yaml.

    `repr` and `str` only say which are set, so a secret cannot leak into a log line,
    a traceback or an error report.

    discord_token: DISCORD_TOKEN, the Discord bot token.
    slack_bot_token: SLACK_BOT_TOKEN (xoxb-...).
    slack_app_token: SLACK_APP_TOKEN (xapp-...), for Socket Mode.
    slack_signing_secret: SLACK_SIGNING_SECRET, to verify HTTP requests.
    slack_admin_user_token: SLACK_ADMIN_USER_TOKEN (xoxp-...), lets the bot delete
        other people's messages on Slack.
    """

    discord_token: str | None = None
    slack_bot_token: str | None = None
    slack_app_token: str | None = None
    slack_signing_secret: str | None = None
    slack_admin_user_token: str | None = None

    def __repr__(self) -> str:
        states = ", ".join(f"{name}={'set' if getattr(self, name) else 'unset'}"
                           for name in SECRET_VARIABLES)
        return f"Secrets({states})"

    def __str__(self) -> str:
        return self.__repr__()

    def platforms(self) -> tuple[str, ...]:
        """The chat platforms that have what they need to start, in a stable order."""
        found = []
        if self.discord_token:
            found.append("discord")
        if self.slack_bot_token:
            found.append("slack")
        return tuple(found)

    @property
    def slack_mode(self) -> Literal["socket", "http"] | None:
        """How Slack connects: Socket Mode with an app token, else HTTP (on `slack.port`);
        None without a bot token."""
        if not self.slack_bot_token:
            return None
        return "socket" if self.slack_app_token else "http"


def load_secrets(env: Mapping[str, str] = os.environ,
                 dotenv_path: Path | None = DOTENV) -> Secrets:
    """Read the platform secrets from `env`, then from `dotenv_path` for those `env`
    lacks (the environment wins). An empty variable counts as unset, so a compose file's
    `DISCORD_TOKEN=${DISCORD_TOKEN}` does not hide the .env value. `.env` values are
    taken literally (no `${VAR}` expansion: a token is not a template)."""
    from_file: Mapping[str, str | None] = {}
    if dotenv_path is not None and dotenv_path.exists():
        from dotenv import dotenv_values

        if dotenv_path.is_dir():
            raise SourceError(None, f"{dotenv_path}: is a directory, expected a .env file")

        try:
            from_file = dotenv_values(dotenv_path, interpolate=False, encoding="utf-8")
        except UnicodeDecodeError as exc:
            raise SourceError(Where(str(dotenv_path), 1, 1),
                              f"not UTF-8 text ({exc.reason})") from None
        except OSError as exc:
            raise SourceError(None, f"{dotenv_path}: cannot read: {exc.strerror or exc}") from None
    values = {}
    for attribute, variable in SECRET_VARIABLES.items():
        value = (env.get(variable) or "").strip() or (from_file.get(variable) or "").strip()
        values[attribute] = value or None
    return Secrets(**values)


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
    """Find, read and validate the config (see `resolve_config_path`).

    Relative paths in it are resolved against the config file's directory, except in
    the bundled demo config (however it was chosen), whose paths (its `./garant.db`)
    are relative to the current directory: the package directory is no place for a
    database.
    Raises SourceError, positioned whenever the problem is in the file.
    """
    file, origin = resolve_config_path(path, env)
    text = _read(file, origin)
    base = Path.cwd() if _is_bundled(file) else file.absolute().parent
    document = load_yaml(text, str(file))
    return _Reader(str(file), text, base).config(document, file, origin)


def _is_bundled(file: Path) -> bool:
    """Whether `file` is the bundled demo config, however it was chosen."""
    try:
        return file.resolve() == BUNDLED_CONFIG.resolve()
    except OSError:
        return False


_ORIGIN_HINT = {"argument": "given with --config", "environment": f"named by ${CONFIG_ENV}"}


def _read(file: Path, origin: Origin) -> str:
    try:
        return file.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        if origin == "bundled":
            raise SourceError(None, f"no config: pass --config FILE, set {CONFIG_ENV} or create "
                                    f"./{LOCAL_CONFIG} (the bundled demo config is missing "
                                    "from this installation)") from None
        hint = _ORIGIN_HINT.get(origin, "")
        raise SourceError(None, f"{file}: no such config file"
                                f"{f' ({hint})' if hint else ''}") from None
    except IsADirectoryError:
        raise SourceError(None, f"{file}: is a directory, expected a YAML config file") from None
    except UnicodeDecodeError as exc:
        raise SourceError(Where(str(file), 1, 1), f"not UTF-8 text ({exc.reason})") from None
    except OSError as exc:
        raise SourceError(None, f"{file}: cannot read: {exc.strerror or exc}") from None


# Keys that name a secret, and values that are one (Slack prefixes; Discord's three
# base64url parts).
_SECRET_KEY = re.compile(r"token|secret|password|passwd|api_?key|credential", re.IGNORECASE)
_SLACK_TOKEN = re.compile(r"^(xox[abeoprs]|xapp)-[A-Za-z0-9-]{8,}$")
_DISCORD_TOKEN = re.compile(r"^[A-Za-z0-9_-]{23,}\.[A-Za-z0-9_-]{6,}\.[A-Za-z0-9_-]{25,}$")
_SLACK_PREFIX_VARIABLE = {"xoxb": "SLACK_BOT_TOKEN", "xapp": "SLACK_APP_TOKEN",
                          "xoxp": "SLACK_ADMIN_USER_TOKEN"}

_TIME = re.compile(r"^(\d{1,2})\s*(?::\s*(\d{2})|[hH]\s*(\d{2})?)$")
_RAW_SEXAGESIMAL = re.compile(r"^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+")
_PERCENT = re.compile(r"^(\d+(?:[.,]\d+)?)\s*%$")
_OFFSET = re.compile(r"^(?:utc|gmt)?\s*[+-]\s*\d{1,2}(?::?\d{2})?$", re.IGNORECASE)
_LANGUAGE_HINTS = {"french": "fr", "francais": "fr", "français": "fr", "english": "en",
                   "anglais": "en"}
_LINE_BREAK = re.compile(r"\r\n|[\r\n\x85\u2028\u2029]")


def _empty_mapping(where: Where) -> LocatedDict:
    mapping = LocatedDict()
    mapping.where_self = where
    mapping.key_where, mapping.value_where = {}, {}
    return mapping


def _check_keys(mapping: LocatedDict, known: Iterable[str], what: str) -> None:
    known = tuple(known)
    for key in mapping:
        if key not in known:
            raise fail(mapping.where_key(key), unknown_key_message(key, known, what))


def _format_time(value: time) -> str:
    return value.strftime("%H:%M")


def _format_duration(value: timedelta) -> str:
    seconds = int(value.total_seconds())
    for unit, size in (("d", 86400), ("h", 3600), ("m", 60)):
        if seconds % size == 0:
            return f"{seconds // size}{unit}"
    return f"{seconds}s"


class _Reader:
    """Reads one config document. Holds the source text, because an unquoted `19:00` is
    a YAML 1.1 sexagesimal integer (1140) and only the text tells it from a plain 1140."""

    def __init__(self, path: str, text: str, base: Path) -> None:
        self.path = path
        self.lines = _LINE_BREAK.split(text)
        self.base = base

    # -- whole document

    def config(self, document: Any, file: Path, origin: Origin) -> Config:
        top = _empty_mapping(Where(self.path, 1, 1)) if document is None else require_mapping(
            document, Where(self.path, 1, 1), "the config")
        self._refuse_secrets(top, top.where_self, ())
        _check_keys(top, TOP_KEYS, "the config")
        sections = {name: self._section(top, name) for name in SECTION_KEYS}
        charters_dir = (self._path(top, "charters_dir")
                        if top.get("charters_dir") is not None else None)
        return Config(
            language=self._language(top),
            timezone=self._timezone(top),
            charters_dir=charters_dir,
            database=self._path(top, "database", "garant.db"),
            default_charter=self._name(top, "default_charter", "base"),
            roles=self._roles(sections["roles"]),
            channels=self._channels(sections["channels"]),
            moderation=self._moderation(sections["moderation"]),
            votes=self._votes(sections["votes"]),
            drafts=self._drafts(sections["drafts"]),
            routine=self._routine(sections["routine"]),
            discord=self._discord(sections["discord"]),
            slack=self._slack(sections["slack"]),
            source=file,
            origin=origin,
            positions=MappingProxyType(self._positions(top)),
        )

    def _section(self, top: LocatedDict, name: str) -> LocatedDict:
        value = top.get(name)
        if value is None:  # absent, or every key under it commented out
            return _empty_mapping(top.where(name))
        section = require_mapping(value, top.where(name), f"'{name}'")
        _check_keys(section, SECTION_KEYS[name], f"'{name}'")
        return section

    def _refuse_secrets(self, value: Any, where: Where, trail: tuple[str, ...]) -> None:
        """Refuse anything that looks like a credential, wherever it is, before any other
        check: a token in a shared file is the most urgent thing to hear about."""
        if isinstance(value, LocatedDict):
            for key, item in value.items():
                if trail != ("channels", "moderated") and _SECRET_KEY.search(key):
                    raise fail(value.where_key(key), _secret_key_message(key, trail, item))
                self._refuse_secrets(item, value.where(key), (*trail, key))
        elif isinstance(value, LocatedList):
            for index, item in enumerate(value):
                self._refuse_secrets(item, value.where(index), trail)
        elif isinstance(value, str):
            token = value.strip()
            if _SLACK_TOKEN.match(token):
                variable = _SLACK_PREFIX_VARIABLE.get(token.split("-", 1)[0], "SLACK_BOT_TOKEN")
                raise fail(where, _secret_value_message("a Slack token", variable))
            if _DISCORD_TOKEN.match(token):
                raise fail(where, _secret_value_message("a Discord token", "DISCORD_TOKEN"))

    def _positions(self, top: LocatedDict) -> dict[str, Where]:
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

    # -- scalars

    def _language(self, top: LocatedDict) -> str:
        value = top.get("language", "fr")
        if isinstance(value, str) and value.strip().lower() in LANGUAGES:
            return value.strip().lower()
        guess = None
        if isinstance(value, str):
            lowered = value.strip().lower()
            guess = _LANGUAGE_HINTS.get(lowered) or (
                lowered[:2] if lowered[:2] in LANGUAGES and lowered[2:3] in ("-", "_") else None)
        hint = f"; did you mean '{guess}'?" if guess else ""
        raise fail(top.where("language"),
                   f"'language' must be one of {', '.join(LANGUAGES)}, got {describe(value)}{hint}")

    def _timezone(self, top: LocatedDict) -> str:
        name = fields.text(top, "timezone", "Europe/Paris") or ""
        try:
            if name.strip() == name and name:
                ZoneInfo(name)
                return name
        except (KeyError, ValueError, OSError):
            pass
        if re.fullmatch(r"[A-Z]{3,5}", name.strip()):
            hint = ("; abbreviations like CET or CEST change with the season: use the name of a "
                    "place, like 'Europe/Paris'")
        elif _OFFSET.match(name.strip()):
            hint = ("; a fixed offset ignores daylight saving time: use the name of a place, "
                    "like 'Europe/Paris'")
        else:
            guess = _suggest_zone(name)
            hint = f"; did you mean '{guess}'?" if guess else ""
        raise fail(top.where("timezone"), "'timezone' must be an IANA time zone name like "
                   f"'Europe/Paris', got {describe(name)}{hint}")

    def _name(self, d: LocatedDict, key: str, default: str) -> str:
        """A non-empty word: a charter or channel name."""
        value = d.get(key, default)
        if value is None:
            hint = ("; note that '#' starts a comment in YAML: write the name without it"
                    if self._hash_after(d.where(key)) else "")
            raise fail(d.where(key), f"'{key}' must be a name, got nothing{hint}")
        name = (fields.text(d, key, default) or "").strip()
        if not name:
            raise fail(d.where(key), f"'{key}' must not be empty")
        return name

    def _hash_after(self, where: Where) -> bool:
        """Whether the line of an empty value goes on with a '#' (a comment YAML ate)."""
        if where.line - 1 >= len(self.lines):
            return False
        return "#" in self.lines[where.line - 1][where.col - 1:]

    def _path(self, d: LocatedDict, key: str, default: str = "") -> Path:
        """A path, relative to the config's directory (or the current one for the demo)."""
        if d.get(key, default) is None:
            raise fail(d.where(key), f"'{key}' must be a path, got nothing")
        text = (fields.text(d, key, default) or "").strip()
        if not text:
            raise fail(d.where(key), f"'{key}' must be a path, got an empty text")
        return Path(os.path.normpath(self.base / Path(text).expanduser()))

    def _integer(self, d: LocatedDict, key: str, default: int, minimum: int,
                 maximum: int | None = None) -> int:
        value = fields.integer(d, key, minimum, maximum)
        return default if value is None else value

    def _boolean(self, d: LocatedDict, key: str, default: bool) -> bool:
        return fields.boolean(d, key, default)

    def _duration(self, d: LocatedDict, key: str, default: timedelta) -> timedelta:
        if key not in d:
            return default
        value = d[key]
        if isinstance(value, int) and not isinstance(value, bool):
            raise fail(d.where(key), f"'{key}' needs a unit: {value}h for hours, {value}d for "
                       f"days (or s, m), got {describe(value)}")
        if isinstance(value, float):
            raise fail(d.where(key), f"'{key}' must be a whole number with a unit, like 90m, "
                       f"2h or 3d, got {describe(value)}")
        if isinstance(value, str) and re.fullmatch(r"\s*0+\s*[a-zA-Z]*\s*", value):
            raise fail(d.where(key), f"'{key}' must be longer than zero, got {describe(value)}")
        return fields.duration(d, key) or default

    def _percent(self, d: LocatedDict, key: str, default: float) -> float:
        if key not in d:
            return default
        value = d[key]
        number: float | None = None
        if isinstance(value, int | float) and not isinstance(value, bool):
            number = float(value)
        elif isinstance(value, str) and (match := _PERCENT.match(value.strip())):
            number = float(match.group(1).replace(",", "."))
        if number is None or not 0 <= number <= 100:
            raise fail(d.where(key), f"'{key}' must be a percentage from 0 to 100, like 50, "
                       f"got {describe(value)}")
        return number

    def _time(self, d: LocatedDict, key: str, default: time | None,
              nullable: bool = False) -> time | None:
        if key not in d:
            return default
        value, where = d[key], d.where(key)
        expected = f"'{key}' must be a time like \"09:30\""
        if value is None:
            if nullable:
                return None
            raise fail(where, f"{expected}, got nothing")
        if isinstance(value, int) and not isinstance(value, bool):
            # An unquoted 19:00 arrives as the sexagesimal integer 1140: read its text.
            raw = self._raw(where)
            if raw is None or ":" not in raw:
                raise fail(where, f"{expected} (hours:minutes), got {describe(value)}")
            if raw.count(":") > 1:
                raise fail(where, f"{expected}: hours and minutes, without seconds, "
                           f"got {describe(raw)}")
            value = raw
        if not isinstance(value, str):
            raise fail(where, f"{expected}, got {describe(value)}")
        match = _TIME.match(value.strip())
        if not match:
            raise fail(where, f"{expected}, got {describe(value)}")
        hour, minute = int(match.group(1)), int(match.group(2) or match.group(3) or 0)
        if hour > 23 or minute > 59:
            hint = "; write \"00:00\" for midnight" if (hour, minute) == (24, 0) else ""
            raise fail(where, f"'{key}' must be a time between 00:00 and 23:59, "
                       f"got {describe(value)}{hint}")
        return time(hour, minute)

    def _raw(self, where: Where) -> str | None:
        if not 0 < where.line <= len(self.lines):
            return None
        match = _RAW_SEXAGESIMAL.match(self.lines[where.line - 1][where.col - 1:])
        return match.group(0) if match else None

    def _days(self, d: LocatedDict, key: str, default: frozenset[int] | None) -> frozenset[int]:
        if key not in d:
            if default is not None:
                return default
            raise fail(d.where_self, f"missing required key '{key}', like {key}: [sat, sun]")
        items = fields.text_list(d, key, required=True)
        days = set()
        for item, where in items:
            day = _DAYS.get(item.strip().lower())
            if day is None:
                guess = closest(item.strip().lower(), _DAYS)
                hint = f"; did you mean '{guess}'?" if guess else ""
                raise fail(where, f"unknown day {describe(item)} in '{key}': use mon, tue, wed, "
                           f"thu, fri, sat, sun (or lun, mar, mer, jeu, ven, sam, dim){hint}")
            days.add(day)
        return frozenset(days)

    def _identifiers(self, d: LocatedDict, key: str) -> tuple[str, ...]:
        if d.get(key) is None:
            return ()
        seen: dict[str, str] = {}
        for item, where in fields.text_list(d, key):
            name = item.strip()
            if not identity_key(name):
                raise fail(where, f"each item of '{key}' must be a name or an id, got "
                           f"{describe(item)}")
            seen.setdefault(identity_key(name), name)
        return tuple(seen.values())

    def _channel(self, value: Any, where: Where, what: str) -> str:
        if value is None:
            hint = ("; note that '#' starts a comment in YAML: write the name without it"
                    if self._hash_after(where) else "")
            raise fail(where, f"{what} must be a channel name, got nothing{hint}")
        if isinstance(value, bool | dict | list):
            raise fail(where, f"{what} must be a channel name, got {describe(value)}")
        name = str(value).strip()
        if name.startswith("#"):
            name = name[1:].strip()
        if not name or any(c.isspace() for c in name):
            raise fail(where, f"{what} must be a channel name without spaces, "
                       f"got {describe(value)}")
        return name

    # -- sections

    def _roles(self, section: LocatedDict) -> Roles:
        return Roles(*(self._identifiers(section, key) for key in SECTION_KEYS["roles"]))

    def _channels(self, section: LocatedDict) -> Channels:
        names = {key: self._channel(section.get(key, key_default), section.where(key),
                                    f"'{key}'")
                 for key, key_default in (("review_queue", "moderation"), ("drafts", "drafts"),
                                          ("routine", "routine"))}
        queue = channel_key(names["review_queue"])

        moderated: dict[str, str] = {}
        lines: dict[str, int] = {}
        raw = section.get("moderated")
        if raw is not None:
            raw = require_mapping(raw, section.where("moderated"), "'moderated'")
            for key, charter in raw.items():
                key_where = raw.where_key(key)
                name = key if key == "*" else self._channel(key, key_where, "a moderated channel")
                if channel_key(name) in lines:
                    raise fail(key_where, f"channel '{name}' is already listed at line "
                               f"{lines[channel_key(name)]}")
                if channel_key(name) == queue:
                    raise fail(key_where, f"channel '{name}' is the review queue: it cannot be "
                               "moderated (review cards quote the flagged messages)")
                if charter is None or isinstance(charter, bool | dict | list) or not str(
                        charter).strip():
                    raise fail(raw.where(key), f"channel '{name}' needs the name of its "
                               f"charter, like '{name}: base', got {describe(charter)}")
                moderated[name] = str(charter).strip()
                lines[channel_key(name)] = key_where.line

        exempt: dict[str, str] = {}
        if section.get("exempt") is not None:
            for item, where in fields.text_list(section, "exempt"):
                name = self._channel(item, where, "each item of 'exempt'")
                if channel_key(name) in lines:
                    raise fail(where, f"channel '{name}' is both moderated (line "
                               f"{lines[channel_key(name)]}) and exempt; keep one")
                exempt.setdefault(channel_key(name), name)
        return Channels(moderated=moderated, exempt=tuple(exempt.values()), **names)

    def _moderation(self, section: LocatedDict) -> Moderation:
        return Moderation(
            moderators_exempt=self._boolean(section, "moderators_exempt", True),
            quiet_hours=self._quiet_hours(section),
            reminder_after=self._duration(section, "reminder_after", timedelta(hours=24)),
            reports_to_hide=self._integer(section, "reports_to_hide", 3, minimum=1),
            warnings_expire=self._duration(section, "warnings_expire", timedelta(days=90)),
            warnings_threshold=self._integer(section, "warnings_threshold", 3, minimum=1),
            threshold_timeout=self._optional_timeout(section),
        )

    def _optional_timeout(self, section: LocatedDict) -> timedelta | None:
        if section.get("threshold_timeout") is None:
            return None
        timeout = self._duration(section, "threshold_timeout", timedelta(0))
        if timeout > timedelta(days=28):
            raise fail(section.where("threshold_timeout"),
                       "'threshold_timeout' can be at most 28d (Discord's longest timeout)")
        return timeout

    def _quiet_hours(self, section: LocatedDict) -> tuple[QuietWindow, ...]:
        if "quiet_hours" not in section:
            return DEFAULT_QUIET_HOURS
        value = section["quiet_hours"]
        if value is None:
            return ()
        if isinstance(value, LocatedDict):  # one window written without the list dash
            items: list[tuple[Any, Where]] = [(value, value.where_self)]
        elif isinstance(value, LocatedList):
            items = [(item, value.where(i)) for i, item in enumerate(value)]
        else:
            raise fail(section.where("quiet_hours"), "'quiet_hours' must be a list of windows "
                       f"(each with days, and from/to), got {describe(value)}")
        windows = []
        for item, where in items:
            window = require_mapping(item, where, "each quiet_hours window")
            _check_keys(window, QUIET_WINDOW_KEYS, "a quiet_hours window")
            days = self._days(window, "days", None)
            start, end = self._time(window, "from", None), self._time(window, "to", None)
            if (start is None) != (end is None):
                given, missing = ("from", "to") if start is not None else ("to", "from")
                raise fail(window.where(given), f"'{given}' needs '{missing}' too (leave both "
                           "out for the whole day)")
            if start is not None and start == end:
                raise fail(window.where("to"), f"'from' and 'to' are both {_format_time(start)}; "
                           "leave both out for the whole day")
            windows.append(QuietWindow(days, start, end))
        return tuple(windows)

    def _votes(self, section: LocatedDict) -> Votes:
        majority = self._percent(section, "majority", 50.0)
        if majority >= 100:
            raise fail(section.where("majority"), "'majority' must be below 100: approvals must "
                       "be more than this share of the votes, so no draft could ever pass")
        deadline = self._duration(section, "deadline", timedelta(hours=72))
        reminder = self._duration(section, "reminder_before", timedelta(hours=24))
        if reminder >= deadline:
            key = "reminder_before" if "reminder_before" in section else "deadline"
            raise fail(section.where(key), f"'reminder_before' ({_format_duration(reminder)}) "
                       f"must be shorter than 'deadline' ({_format_duration(deadline)}), or the "
                       "reminder would come before the vote opens")
        return Votes(
            quorum=self._percent(section, "quorum", 50.0),
            majority=majority,
            deadline=deadline,
            reminder_before=reminder,
            tally=fields.choice(section, "tally", TALLY_MODES, "after_vote"),
            min_revision_window=self._duration(section, "min_revision_window",
                                               timedelta(hours=24)),
            expire_after=self._duration(section, "expire_after", timedelta(hours=24)),
        )

    def _drafts(self, section: LocatedDict) -> Drafts:
        charter = (self._name(section, "charter", "")
                   if section.get("charter") is not None else None)
        clients: dict[str, str] = {}
        lines: dict[str, int] = {}
        raw = section.get("clients")
        if raw is not None:
            raw = require_mapping(raw, section.where("clients"), "'clients'")
            for key, value in raw.items():
                key_where = raw.where_key(key)
                name = str(key).strip()
                if not identity_key(name):
                    raise fail(key_where, "each client in 'clients' needs a name, got "
                               f"{describe(key)}")
                if identity_key(name) in lines:
                    raise fail(key_where, f"client '{name}' is already listed at line "
                               f"{lines[identity_key(name)]}")
                if value is None or isinstance(value, bool | dict | list) or not str(
                        value).strip():
                    raise fail(raw.where(key), f"client '{name}' needs the name of its charter, "
                               f"like '{name}: coop-fr', got {describe(value)}")
                clients[name] = str(value).strip()
                lines[identity_key(name)] = key_where.line
        return Drafts(charter=charter, clients=clients)

    def _routine(self, section: LocatedDict) -> Routine:
        file = fields.text(section, "file", "routines/20-actions.fr.yaml") or ""
        if not file.strip():
            raise fail(section.where("file"), "'file' must be the path of a routine file")
        at = self._time(section, "time", time(9, 30)) or time(9, 30)
        review = self._time(section, "review_time", time(17, 30), nullable=True)
        if review is not None and review <= at:
            raise fail(section.where("review_time" if "review_time" in section else "time"),
                       f"'review_time' ({_format_time(review)}) must be later than 'time' "
                       f"({_format_time(at)}): the review closes the day's routine")
        return Routine(
            file=Path(file.strip()),
            time=at,
            days=self._days(section, "days", WEEKDAYS),
            review_time=review,
            grace=self._duration(section, "grace", timedelta(hours=2)),
            streak_min=self._integer(section, "streak_min", 10, minimum=1),
            dm_opt_in=self._boolean(section, "dm_opt_in", True),
        )

    def _discord(self, section: LocatedDict) -> DiscordConfig:
        value = section.get("guild_id")
        if value is None:
            return DiscordConfig()
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value.strip())
        if isinstance(value, bool) or not isinstance(value, int) or value <= 0:
            raise fail(section.where("guild_id"), "'guild_id' must be the server's numeric id "
                       "(Discord: right-click the server, Copy Server ID), got "
                       f"{describe(value)}")
        return DiscordConfig(guild_id=value)

    def _slack(self, section: LocatedDict) -> SlackConfig:
        return SlackConfig(port=self._integer(section, "port", 3000, minimum=1, maximum=65535))


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


def _secret_key_message(key: str, trail: tuple[str, ...], value: Any) -> str:
    lowered, context = key.lower(), " ".join((*trail, key)).lower()
    if "discord" in context:
        variable = "DISCORD_TOKEN"
    elif "signing" in lowered:
        variable = "SLACK_SIGNING_SECRET"
    elif "app" in lowered:
        variable = "SLACK_APP_TOKEN"
    elif "admin" in lowered or "user" in lowered:
        variable = "SLACK_ADMIN_USER_TOKEN"
    elif "slack" in context or "bot" in lowered:
        variable = "SLACK_BOT_TOKEN"
    else:
        variable = ""
    where_to = (f"set {variable}" if variable else
                f"set the matching variable ({', '.join(SECRET_VARIABLES.values())})")
    message = (f"'{key}' looks like a secret, and secrets never go in the config file: "
               f"{where_to} in the environment or in a .env file")
    if isinstance(value, str) and value.strip():
        message += "; if this file was ever shared, revoke the value written here"
    return message


def _secret_value_message(kind: str, variable: str) -> str:
    return (f"this looks like {kind}, and secrets never go in the config file: set {variable} "
            "in the environment or in a .env file; if this file was ever shared, revoke it")
