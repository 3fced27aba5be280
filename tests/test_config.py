"""garant.yaml and the secrets: every mistake points at the file, line and column, paths
resolve against the config, secrets never leak, quiet hours follow the local clock."""

from __future__ import annotations

import contextlib
import dataclasses
import textwrap
from collections.abc import Callable
from datetime import UTC, datetime, time, timedelta
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

import bot.config
from bot.config import BUNDLED_CONFIG, CORE_KEYS, Config, Roles, load_config
from bot.credentials import Secrets
from bot.credentials import load_secrets as load_declared_secrets
from bot.located.yamlsrc import SourceError
from bot.platforms import discover
from bot.platforms.discord import DiscordConfig
from bot.platforms.slack import SlackConfig
from bot.platforms.web.settings import WebSettings
from cogs.drafts.settings import DraftSettings, VoteSettings
from cogs.moderation.settings import ModerationSettings, QuietHours, QuietWindow
from cogs.privacy.settings import PrivacySettings
from cogs.routine.settings import RoutineSettings, routine_path

#: Every section of garant.yaml besides the core's, in the example file's order.
SECTIONS = (ModerationSettings, VoteSettings, DraftSettings, RoutineSettings, PrivacySettings,
            DiscordConfig, SlackConfig, WebSettings)
DEFAULT_QUIET = ModerationSettings().quiet_hours_in(Config.default().tz)


class Loaded:
    """A config with every section read, as `garant run` reads it."""

    def __init__(self, config: Config) -> None:
        self.config = config
        self.moderation = config.read(ModerationSettings)
        self.votes = config.read(VoteSettings)
        self.drafts = config.read(DraftSettings)
        self.routine = config.read(RoutineSettings)
        self.discord = config.read(DiscordConfig)
        self.slack = config.read(SlackConfig)
        config.check_sections(kind.SECTION for kind in SECTIONS)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.config, name)

    @property
    def quiet_hours(self) -> QuietHours:
        return self.moderation.quiet_hours_in(self.config.tz)

    def drafts_charter(self, client: str | None = None) -> str:
        return self.drafts.charter_for(client, self.config.default_charter)

    def charter_references(self) -> list[Any]:
        return [*self.config.charter_references(), *self.drafts.charter_references()]

    def routine_file(self) -> Path:
        return routine_path(self.config, self.routine)


def load_secrets(env: Any, dotenv: Path | None = None) -> Secrets:
    return load_declared_secrets(discover().values(), env, dotenv)

REPO = Path(__file__).resolve().parent.parent
TOKENS = {
    "DISCORD_TOKEN": "MTIzNDU2Nzg5MDEyMzQ1Njc4.GaBcDe.discord-secret-value-0123456789abc",
    "SLACK_BOT_TOKEN": "xoxb-1111-2222-slackbotsecret",
    "SLACK_APP_TOKEN": "xapp-1-A111-222-appsecret",
    "SLACK_SIGNING_SECRET": "0123456789abcdef-signing",
    "SLACK_ADMIN_USER_TOKEN": "xoxp-3333-4444-adminsecret",
    "SLACK_CLIENT_SECRET": "5f0c1e2d3b4a59687766554433221100",
    "SLACK_CLIENT_ID": "1111.2222",
}


@pytest.fixture
def write_config(tmp_path: Path) -> Callable[..., Path]:
    def write(body: str, name: str = "garant.yaml") -> Path:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(textwrap.dedent(body), encoding="utf-8")
        return path

    return write


def load(write_config: Callable[..., Path], body: str) -> Loaded:
    return Loaded(load_config(write_config(body), env={}))


def load_error(tmp_path: Path, body: str) -> str:
    path = tmp_path / "garant.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        Loaded(load_config(path, env={}))
    return str(caught.value).replace(str(tmp_path) + "/", "")


# --------------------------------------------------------------------------- errors


@pytest.mark.parametrize("body, expected", [
    # unknown keys suggest the closest known one, at the key
    ("langage: fr\n",
     "garant.yaml:1:1: unknown key 'langage' in the config; did you mean 'language'?"),
    ("moderation:\n  reminder_aftr: 24h\n",
     "garant.yaml:2:3: unknown key 'reminder_aftr' in 'moderation'; did you mean "
     "'reminder_after'?"),
    ("votes:\n  quorom: 50\n",
     "garant.yaml:2:3: unknown key 'quorom' in 'votes'; did you mean 'quorum'?"),
    ("moderation:\n  quiet_hours:\n    - days: [sat]\n      form: '10:00'\n",
     "garant.yaml:4:7: unknown key 'form' in a quiet_hours window; did you mean 'from'?"),
    ("zzz: 1\n", "garant.yaml:1:1: unknown key 'zzz' in the config; expected one of: channels,"),
    # time zones, with the name that was meant
    ("timezone: Paris\n",
     "garant.yaml:1:11: 'timezone' must be an IANA time zone name like 'Europe/Paris', got "
     "'Paris'; did you mean 'Europe/Paris'?"),
    ("timezone: europe/paris\n",
     "garant.yaml:1:11: 'timezone' must be an IANA time zone name like 'Europe/Paris', got "
     "'europe/paris'; did you mean 'Europe/Paris'?"),
    ("timezone: New York\n", "garant.yaml:1:11: 'timezone' must be an IANA time zone name "
     "like 'Europe/Paris', got 'New York'; did you mean 'America/New_York'?"),
    ("timezone: '+02:00'\n", "garant.yaml:1:11: 'timezone' must be an IANA time zone name like "
     "'Europe/Paris', got '+02:00'; a fixed offset ignores daylight saving time"),
    ("timezone: CEST\n", "garant.yaml:1:11: 'timezone' must be an IANA time zone name like "
     "'Europe/Paris', got 'CEST'; abbreviations like CET or CEST change with the season"),
    # language
    ("language: french\n",
     "garant.yaml:1:11: 'language' must be one of fr, en, got 'french'; did you mean 'fr'?"),
    ("language: de\n", "garant.yaml:1:11: 'language' must be one of fr, en, got 'de'"),
    # times: quoted, unquoted (YAML 1.1 sexagesimal integers), out of range
    ("routine:\n  time: 930\n",
     "garant.yaml:2:9: 'time' must be a time like \"09:30\" (hours:minutes), got '930'"),
    ("routine:\n  time: '25:00'\n",
     "garant.yaml:2:9: 'time' must be a time between 00:00 and 23:59, got '25:00'"),
    ("routine:\n  time: 24:00\n", "garant.yaml:2:9: 'time' must be a time between 00:00 and "
     "23:59, got '24:00'; write \"00:00\" for midnight"),
    ("routine:\n  time: 9:30:00\n", "garant.yaml:2:9: 'time' must be a time like \"09:30\": "
     "hours and minutes, without seconds, got '9:30:00'"),
    ("routine:\n  time: matin\n", "garant.yaml:2:9: 'time' must be a time like \"09:30\", "
     "got 'matin'"),
    ("routine:\n  time: 9:30\n  review_time: 8:00\n",
     "garant.yaml:3:16: 'review_time' (08:00) must be later than 'time' (09:30)"),
    # days
    ("routine:\n  days: [mon, tuesday, fir]\n",
     "garant.yaml:2:24: unknown day 'fir' in 'days': use mon, tue, wed, thu, fri, sat, sun "
     "(or lun, mar, mer, jeu, ven, sam, dim); did you mean 'fri'?"),
    ("routine:\n  days: []\n", "garant.yaml:2:9: 'days' must not be empty"),
    ("moderation:\n  quiet_hours:\n    - from: '10:00'\n      to: '11:00'\n",
     "garant.yaml:3:7: missing required key 'days', like days: [sat, sun]"),
    # durations
    ("votes:\n  deadline: bientôt\n",
     "garant.yaml:2:13: 'deadline' must be a duration like 30s, 10m, 2h or 1d, got 'bientôt'"),
    ("votes:\n  deadline: 72\n",
     "garant.yaml:2:13: 'deadline' needs a unit: 72h for hours, 72d for days (or s, m), "
     "got '72'"),
    ("votes:\n  deadline: 0h\n", "garant.yaml:2:13: 'deadline' must be longer than zero"),
    ("votes:\n  reminder_before: 3d\n", "garant.yaml:2:20: 'reminder_before' (3d) must be "
     "shorter than 'deadline' (3d), or the reminder would come before the vote opens"),
    # percentages and numbers
    ("votes:\n  quorum: 150\n",
     "garant.yaml:2:11: 'quorum' must be a percentage from 0 to 100, like 50, got '150'"),
    ("votes:\n  quorum: -1\n", "garant.yaml:2:11: 'quorum' must be a percentage from 0 to 100"),
    ("votes:\n  majority: 100\n", "garant.yaml:2:13: 'majority' must be below 100"),
    ("votes:\n  tally: afterclose\n", "garant.yaml:2:10: 'tally' must be one of always, "
     "after_vote, after_close, got 'afterclose'; did you mean 'after_close'?"),
    ("moderation:\n  reports_to_hide: 0\n",
     "garant.yaml:2:20: 'reports_to_hide' must be >= 1, got 0"),
    ("moderation:\n  moderators_exempt: maybe\n",
     "garant.yaml:2:22: 'moderators_exempt' must be true or false, got 'maybe'"),
    ("slack:\n  port: 70000\n", "garant.yaml:2:9: 'port' must be between 1 and 65535"),
    ("discord:\n  guild_id: abc\n",
     "garant.yaml:2:13: 'guild_id' must be the server's numeric id"),
    # secrets are refused, at the key or at the value
    ("discord_token: abc\n", "garant.yaml:1:1: 'discord_token' looks like a secret, and "
     "secrets never go in the config file: set DISCORD_TOKEN in the environment or in a .env "
     "file; if this file was ever shared, revoke the value written here"),
    ("slack:\n  bot_token: x\n", "garant.yaml:2:3: 'bot_token' looks like a secret, and "
     "secrets never go in the config file: set SLACK_BOT_TOKEN"),
    ("slack:\n  signing_secret:\n", "garant.yaml:2:3: 'signing_secret' looks like a secret, "
     "and secrets never go in the config file: set SLACK_SIGNING_SECRET in the environment or "
     "in a .env file"),
    ("discord:\n  token: x\n", "garant.yaml:2:3: 'token' looks like a secret, and secrets "
     "never go in the config file: set DISCORD_TOKEN"),
    ("roles:\n  members: [xoxb-1234567890-abcdef]\n", "garant.yaml:2:13: this looks like a "
     "Slack token, and secrets never go in the config file: set SLACK_BOT_TOKEN"),
    # structure and syntax
    ("language: fr\nlanguage: en\n",
     "garant.yaml:2:1: duplicate key 'language' (first defined at line 1)"),
    ("- a\n- b\n", "garant.yaml:1:1: the config must be a mapping of keys, got a list"),
    ("hello\n", "garant.yaml:1:1: the config must be a mapping of keys, got 'hello'"),
    ("moderation: [a]\n", "garant.yaml:1:13: 'moderation' must be a mapping of keys, got a list"),
    ("roles:\n  members: [a, b\n",
     "garant.yaml:3:1: invalid YAML: did not find expected ',' or ']'"),
    ("roles: [\n", "garant.yaml:2:1: invalid YAML: did not find expected node content"),
    ("roles:\n  members: [yes]\n", "garant.yaml:2:13: each item of 'members' must be text, got "
     "true/false"),
    ("roles:\n  members: ['@']\n",
     "garant.yaml:2:13: each item of 'members' must be a name or an id, got '@'"),
    ("database: null\n", "garant.yaml:1:11: 'database' must be a path, got nothing"),
    ("default_charter:\n", "garant.yaml:1:17: 'default_charter' must be a name, got nothing"),
    # channels: the YAML comment trap, and combinations that make no sense
    ("channels:\n  review_queue: #moderation\n", "garant.yaml:2:16: 'review_queue' must be a "
     "channel name, got nothing; note that '#' starts a comment in YAML"),
    ("channels:\n  moderated:\n    moderation: base\n", "garant.yaml:3:5: channel 'moderation' "
     "is the review queue: it cannot be moderated"),
    ("channels:\n  moderated:\n    general: coop-fr\n  exempt: ['#General']\n",
     "garant.yaml:4:12: channel 'General' is both moderated (line 3) and exempt; keep one"),
    ("channels:\n  moderated:\n    general: coop-fr\n    General: base\n",
     "garant.yaml:4:5: channel 'General' is already listed at line 3"),
    ("channels:\n  moderated:\n    general:\n", "garant.yaml:3:13: channel 'general' needs the "
     "name of its charter, like 'general: base', got nothing"),
    ("channels:\n  moderated: [general]\n",
     "garant.yaml:2:14: 'moderated' must be a mapping of keys, got a list"),
    ("channels:\n  drafts: 'mes brouillons'\n", "garant.yaml:2:11: 'drafts' must be a channel "
     "name without spaces, got 'mes brouillons'"),
    # quiet hours windows
    ("moderation:\n  quiet_hours:\n    - days: [sat]\n      from: '10:00'\n",
     "garant.yaml:4:13: 'from' needs 'to' too (leave both out for the whole day)"),
    ("moderation:\n  quiet_hours:\n    - days: [sat]\n      from: '10:00'\n      to: 10:00\n",
     "garant.yaml:5:11: 'from' and 'to' are both 10:00; leave both out for the whole day"),
    ("moderation:\n  quiet_hours: 3\n",
     "garant.yaml:2:16: 'quiet_hours' must be a list of windows"),
    ("channels:\n  moderated:\n    #general: coop-fr\n",
     "garant.yaml:3:5: '#general: coop-fr' is a comment in YAML ('#' starts one), so no "
     "channel is moderated; write 'general: coop-fr' without the '#'"),
    ("roles:\n  members: sofia, yann\n",
     "garant.yaml:2:12: 'members' is one text with commas, not a list; write [sofia, yann]"),
    ("roles:\n  members: &team [a, b]\n  moderators: *team\n",
     "garant.yaml:2:12: YAML anchors and aliases (&name, *name) are not supported"),
])
def test_errors_point_at_the_file_line_and_column(tmp_path: Path, body: str,
                                                  expected: str) -> None:
    assert load_error(tmp_path, body).startswith(expected)


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "garant.yaml"
    path.write_bytes(b"language: fran\xe7ais\n")
    with pytest.raises(SourceError, match=r"garant.yaml:1:1: not UTF-8 text"):
        load_config(path, env={})


@pytest.mark.parametrize("section, key", [
    *((kind.SECTION, f.name) for kind in SECTIONS
      for f in dataclasses.fields(kind) if not f.name.startswith("_")),
    *(("roles", k) for k in bot.config.ROLE_KEYS),
    *(("channels", k) for k in bot.config.CHANNEL_KEYS),
    *((None, k) for k in (*CORE_KEYS, *(kind.SECTION for kind in SECTIONS)))])
@pytest.mark.parametrize("value", [None, True, 0, -5, 1.5, "", "x y", [], [1, None], {"a": 1},
                                   "19:00", "xoxb-1234567890-abc"])
def test_any_wrong_value_is_a_source_error_not_a_crash(
        tmp_path: Path, section: str | None, key: str, value: Any) -> None:
    document = {key: value} if section is None else {section: {key: value}}
    path = tmp_path / "garant.yaml"
    path.write_text(yaml.safe_dump(document), encoding="utf-8")
    try:
        Loaded(load_config(path, env={}))
    except SourceError as exc:
        assert str(exc).startswith(f"{path}:")


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet="abc:-[]{}#'\"\n 19\t&*!|>@%,?", max_size=60))
def test_random_text_never_crashes(tmp_path_factory: pytest.TempPathFactory, text: str) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "garant.yaml"
    path.write_text(text, encoding="utf-8")
    with contextlib.suppress(SourceError):
        Loaded(load_config(path, env={}))


# --------------------------------------------------------------------------- values


def test_empty_and_comment_only_files_are_the_defaults(write_config: Callable[..., Path]) -> None:
    for body in ("", "# nothing yet\n", "{}\n", "moderation:\nvotes:\n"):
        config = load(write_config, body)
        assert config.config == Config(database=config.database, source=config.source,
                                       origin="argument")
        assert config.moderation == ModerationSettings() and config.votes == VoteSettings()


def test_a_full_config_is_read(write_config: Callable[..., Path], tmp_path: Path) -> None:
    config = load(write_config, """\
        language: en
        timezone: America/Montreal
        default_charter: coop-fr
        roles:
          members: [sofia, 123456789012345678, "@coop"]
          director: camille
        channels:
          moderated:
            "#General": coop-fr
            annonces: base
          review_queue: modo
          exempt: [bots]
        moderation:
          moderators_exempt: false
          quiet_hours:
            - days: [lun, mardi, Wednesday]
              from: 20:00
              to: 8h
          reminder_after: 12h
          reports_to_hide: 2
          warnings_expire: 30j
          warnings_threshold: 5
        votes:
          quorum: 33.5
          majority: "66%"
          deadline: 2d
          reminder_before: 6h
          tally: always
          min_revision_window: 30m
          expire_after: 1d
        routine:
          file: routines/mine.yaml
          time: 8:15
          days: [mon, wed, fri]
          review_time: null
          grace: 90m
          streak_min: 5
          dm_opt_in: no
        discord:
          guild_id: "987654321098765432"
        slack:
          port: 8080
        """)
    assert config.language == "en" and config.timezone == "America/Montreal"
    assert config.roles.members == ("sofia", "123456789012345678", "@coop")
    assert config.roles.director == ("camille",)
    assert dict(config.channels.moderated) == {"General": "coop-fr", "annonces": "base"}
    assert config.channels.review_queue == "modo" and config.channels.exempt == ("bots",)
    moderation = config.moderation
    assert moderation.quiet_hours == (QuietWindow(frozenset({0, 1, 2}), time(20), time(8)),)
    assert (moderation.moderators_exempt, moderation.reports_to_hide,
            moderation.warnings_threshold) == (False, 2, 5)
    assert moderation.reminder_after == timedelta(hours=12)
    assert moderation.warnings_expire == timedelta(days=30)
    votes = config.votes
    assert (votes.quorum, votes.majority, votes.tally) == (33.5, 66.0, "always")
    assert (votes.deadline, votes.reminder_before) == (timedelta(days=2), timedelta(hours=6))
    assert votes.min_revision_window == timedelta(minutes=30)
    routine = config.routine
    assert routine.file == Path("routines/mine.yaml")
    assert (routine.time, routine.days, routine.review_time) == (time(8, 15),
                                                                 frozenset({0, 2, 4}), None)
    assert (routine.grace, routine.streak_min, routine.dm_opt_in) == (timedelta(minutes=90),
                                                                      5, False)
    assert config.discord.guild_id == 987654321098765432 and config.slack.port == 8080
    where = config.where("channels.moderated.General")
    assert where is not None and (where.line, where.col) == (9, 17)
    assert config.charter_references()[0][0] == "coop-fr"


def test_example_files_load_and_document_every_key(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    example = load_config(REPO / "garant.example.yaml", env={})
    assert example == Config(database=REPO / "garant.db", source=REPO / "garant.example.yaml",
                             origin="argument"), "garant.example.yaml shows the defaults"
    full = Loaded(example)
    assert (full.moderation, full.votes, full.routine) == (ModerationSettings(), VoteSettings(),
                                                           RoutineSettings())
    raw = yaml.safe_load((REPO / "garant.example.yaml").read_text(encoding="utf-8"))
    assert tuple(raw) == (*CORE_KEYS, *(kind.SECTION for kind in SECTIONS))
    for kind in SECTIONS:
        keys = tuple(f.name for f in dataclasses.fields(kind) if not f.name.startswith("_"))
        assert tuple(raw[kind.SECTION]) == keys, kind.SECTION
    assert tuple(raw["roles"]) == bot.config.ROLE_KEYS
    assert tuple(raw["channels"]) == bot.config.CHANNEL_KEYS

    demo = load_config(BUNDLED_CONFIG, env={})
    assert demo.language == "fr" and demo.timezone == "Europe/Paris"
    assert demo.database == tmp_path / "garant.db"
    assert demo.channels.charter_for("general") == "coop-fr"
    assert (demo.channels.review_queue, demo.channels.drafts, demo.channels.routine) == (
        "moderation", "drafts", "routine")
    assert demo.roles.roles_of(["camille"]) == {"member", "director"}
    assert demo.roles.roles_of(["malik"]) == {"member", "moderator"}
    assert all(demo.roles.roles_of([n]) == {"member"} for n in ("sofia", "yann", "lea"))


# --------------------------------------------------------------------------- which file


@pytest.fixture
def three_configs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> dict[str, Path]:
    files = {}
    for name, language in (("explicit", "en"), ("env", "en"), ("local", "fr")):
        folder = tmp_path / name
        folder.mkdir()
        files[name] = folder / "garant.yaml"
        files[name].write_text(f"language: {language}\ndefault_charter: {name}\n",
                               encoding="utf-8")
    monkeypatch.chdir(tmp_path / "local")
    return files


def test_explicit_path_wins(three_configs: dict[str, Path]) -> None:
    env = {"GARANT_CONFIG": str(three_configs["env"])}
    config = load_config(three_configs["explicit"], env=env)
    assert (config.default_charter, config.origin) == ("explicit", "argument")
    assert config.source == three_configs["explicit"]


def test_then_garant_config(three_configs: dict[str, Path]) -> None:
    config = load_config(None, env={"GARANT_CONFIG": str(three_configs["env"])})
    assert (config.default_charter, config.origin) == ("env", "environment")
    assert "from $GARANT_CONFIG" in str(config.describe_source())


def test_then_the_current_directory(three_configs: dict[str, Path]) -> None:
    config = load_config(None, env={"GARANT_CONFIG": "  "})
    assert (config.default_charter, config.origin) == ("local", "working directory")
    assert config.source == Path("garant.yaml")
    assert config.database == three_configs["local"].parent / "garant.db"


def test_then_the_bundled_demo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    config = load_config(None, env={})
    assert (config.source, config.origin, config.bundled) == (BUNDLED_CONFIG, "bundled", True)
    assert config.database == tmp_path / "garant.db"  # the current directory, not the package
    assert "copy garant.example.yaml" in str(config.describe_source())
    assert "copiez garant.example.yaml" in config.describe_source().render("fr")


def test_missing_files_say_where_the_name_came_from(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with pytest.raises(SourceError, match=r"^nope.yaml: no such config file \(given with "
                                          r"--config\)$"):
        load_config(Path("nope.yaml"), env={})
    with pytest.raises(SourceError, match=r"^env.yaml: no such config file \(named by "
                                          r"\$GARANT_CONFIG\)$"):
        load_config(None, env={"GARANT_CONFIG": "env.yaml"})
    with pytest.raises(SourceError, match=r"is a directory, expected a YAML config file"):
        load_config(tmp_path, env={})
    monkeypatch.setattr(bot.config, "BUNDLED_CONFIG", tmp_path / "gone.yaml")
    with pytest.raises(SourceError, match=r"^no config: pass --config FILE, set GARANT_CONFIG"):
        load_config(None, env={})


def test_paths_are_relative_to_the_config_directory(
        write_config: Callable[..., Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    monkeypatch.chdir(elsewhere)
    path = write_config("""\
        charters_dir: charters
        database: ../data/garant.db
        routine:
          file: routines/ours.yaml
        """, "deploy/garant.yaml")
    config = Loaded(load_config(Path("..") / "deploy" / "garant.yaml", env={}))
    assert config.charters_dir == tmp_path / "deploy" / "charters"
    assert config.database == tmp_path / "data" / "garant.db"

    with pytest.raises(SourceError, match=r"garant.yaml:1:15: charters_dir .* is not a directory"):
        config.charter_directories()
    routine = tmp_path / "deploy" / "charters" / "routines" / "ours.yaml"
    routine.parent.mkdir(parents=True)
    routine.write_text("x: 1\n", encoding="utf-8")
    assert config.charter_directories()[0] == tmp_path / "deploy" / "charters"
    assert config.routine_file() == routine

    absolute = write_config(f"database: {tmp_path / 'abs.db'}\n", "abs/garant.yaml")
    assert load_config(absolute, env={}).database == tmp_path / "abs.db"
    assert path.exists()


def test_routine_file_falls_back_to_the_bundled_charters(
        write_config: Callable[..., Path], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    bundled = tmp_path / "bundled"
    (bundled / "routines").mkdir(parents=True)
    (bundled / "routines" / "20-actions.fr.yaml").write_text("x: 1\n", encoding="utf-8")
    monkeypatch.setattr("bot.charter.load.bundled_charters_dir", lambda: bundled)
    config = load(write_config, "routine:\n  days: [mon]\n")
    assert config.routine_file() == bundled / "routines" / "20-actions.fr.yaml"
    missing = load(write_config, "routine:\n  file: routines/nope.yaml\n")
    with pytest.raises(SourceError, match=r"garant.yaml:2:9: routine file 'routines/nope.yaml' "
                                          r"not found \(looked for "):
        missing.routine_file()


# --------------------------------------------------------------------------- secrets


def test_secrets_from_env_and_dotenv_env_wins(tmp_path: Path) -> None:
    dotenv = tmp_path / ".env"
    dotenv.write_text(
        f"DISCORD_TOKEN={TOKENS['DISCORD_TOKEN']}\n"
        "SLACK_BOT_TOKEN=xoxb-from-the-file\n"
        f"export SLACK_APP_TOKEN=\"{TOKENS['SLACK_APP_TOKEN']}\"\n"
        "SLACK_SIGNING_SECRET=${NOT_EXPANDED}\n"
        "UNRELATED=1\n", encoding="utf-8")
    env = {"SLACK_BOT_TOKEN": TOKENS["SLACK_BOT_TOKEN"], "SLACK_ADMIN_USER_TOKEN": "",
           "DISCORD_TOKEN": ""}
    secrets = load_secrets(env, dotenv)
    assert secrets["SLACK_BOT_TOKEN"] == TOKENS["SLACK_BOT_TOKEN"]  # environment wins
    assert secrets["DISCORD_TOKEN"] == TOKENS["DISCORD_TOKEN"]  # empty variable: .env used
    assert secrets["SLACK_APP_TOKEN"] == TOKENS["SLACK_APP_TOKEN"]
    assert secrets["SLACK_SIGNING_SECRET"] == "${NOT_EXPANDED}"  # taken literally
    assert secrets["SLACK_ADMIN_USER_TOKEN"] is None
    assert secrets.ready(discover().values()) == ("discord", "slack")


def test_secrets_without_dotenv(tmp_path: Path) -> None:
    assert load_secrets({}, tmp_path / "missing.env") == Secrets(dict.fromkeys(TOKENS))
    assert load_secrets({}, None).ready(discover().values()) == ()
    slack = load_secrets({"SLACK_BOT_TOKEN": "xoxb-1"}, None)
    assert slack.ready(discover().values()) == ("slack",)
    assert load_secrets({"DISCORD_TOKEN": " tok \n"}, None)["DISCORD_TOKEN"] == "tok"
    with pytest.raises(SourceError, match=r"is a directory, expected a \.env file"):
        load_secrets({}, tmp_path)


def test_secrets_never_show_their_values() -> None:
    secrets = load_secrets(TOKENS, None)
    shown = [repr(secrets), str(secrets), f"{secrets}", f"{secrets!r}", repr([secrets]),
             repr({"s": secrets})]
    for text in shown:
        for value in TOKENS.values():
            assert value not in text
    assert repr(secrets) == ("Secrets(DISCORD_TOKEN=set, SLACK_SIGNING_SECRET=set, "
                             "SLACK_APP_TOKEN=set, SLACK_ADMIN_USER_TOKEN=set, "
                             "SLACK_BOT_TOKEN=set, SLACK_CLIENT_SECRET=set, "
                             "SLACK_CLIENT_ID=set)")
    assert "DISCORD_TOKEN=unset" in str(load_secrets({}, None))


# --------------------------------------------------------------------------- quiet hours


def paris(*args: int) -> datetime:
    """A Paris wall time, as the UTC instant a platform would give."""
    from zoneinfo import ZoneInfo

    return datetime(*args, tzinfo=ZoneInfo("Europe/Paris")).astimezone(UTC)


@pytest.mark.parametrize("when, quiet", [
    (paris(2026, 1, 5, 8, 59), True),    # Monday morning, before 09:00
    (paris(2026, 1, 5, 9, 0), False),
    (paris(2026, 1, 5, 18, 59), False),
    (paris(2026, 1, 5, 19, 0), True),
    (paris(2026, 1, 6, 0, 30), True),    # across midnight
    (paris(2026, 1, 9, 23, 0), True),    # Friday night
    (paris(2026, 1, 10, 12, 0), True),   # Saturday
    (paris(2026, 1, 11, 23, 59), True),  # Sunday night
    (paris(2026, 1, 12, 9, 30), False),
])
def test_default_quiet_hours(when: datetime, quiet: bool) -> None:
    assert DEFAULT_QUIET.is_quiet(when) is quiet


def test_quiet_hours_follow_the_local_clock_across_dst() -> None:
    hours = DEFAULT_QUIET
    # 07:30 UTC on a Monday: 08:30 in winter (CET, quiet), 09:30 in summer (CEST, staffed).
    assert hours.is_quiet(datetime(2026, 3, 23, 7, 30, tzinfo=UTC))
    assert not hours.is_quiet(datetime(2026, 3, 30, 7, 30, tzinfo=UTC))
    assert not hours.is_quiet(datetime(2026, 10, 19, 7, 30, tzinfo=UTC))
    assert hours.is_quiet(datetime(2026, 10, 26, 7, 30, tzinfo=UTC))


def test_quiet_hours_on_the_dst_days(write_config: Callable[..., Path]) -> None:
    config = load(write_config, """\
        moderation:
          quiet_hours:
            - days: [lun, mar, mer, jeu, ven, sam, dim]
              from: 19:00
              to: 9:00
        """)
    hours = config.quiet_hours
    # Sunday 29 March 2026: clocks go from 02:00 to 03:00 in Paris.
    assert hours.is_quiet(datetime(2026, 3, 28, 7, 30, tzinfo=UTC))      # 08:30 CET
    assert not hours.is_quiet(datetime(2026, 3, 29, 7, 30, tzinfo=UTC))  # 09:30 CEST
    assert hours.is_quiet(datetime(2026, 3, 29, 1, 0, tzinfo=UTC))       # 03:00 CEST
    assert not hours.is_quiet(datetime(2026, 3, 29, 16, 59, tzinfo=UTC))  # 18:59 CEST
    # Sunday 25 October 2026: 03:00 CEST becomes 02:00 CET; 02:30 happens twice.
    assert hours.is_quiet(datetime(2026, 10, 25, 0, 30, tzinfo=UTC))     # 02:30 CEST
    assert hours.is_quiet(datetime(2026, 10, 25, 1, 30, tzinfo=UTC))     # 02:30 CET
    assert not hours.is_quiet(datetime(2026, 10, 25, 8, 0, tzinfo=UTC))  # 09:00 CET
    assert hours.is_quiet(datetime(2026, 10, 25, 7, 59, tzinfo=UTC))     # 08:59 CET


@settings(max_examples=300, deadline=None)
@given(st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2100, 1, 1),
                    timezones=st.just(UTC)))
def test_default_quiet_hours_are_the_complement_of_office_hours(when: datetime) -> None:
    from zoneinfo import ZoneInfo

    local = when.astimezone(ZoneInfo("Europe/Paris"))
    staffed = local.weekday() < 5 and time(9) <= local.time() < time(19)
    assert DEFAULT_QUIET.is_quiet(when) is not staffed


def test_quiet_windows_within_a_day_and_naive_datetimes() -> None:
    from zoneinfo import ZoneInfo

    hours = QuietHours((QuietWindow(frozenset({5}), time(10), time(12)),), ZoneInfo("UTC"))
    assert hours.is_quiet(datetime(2026, 1, 10, 10, 0, tzinfo=UTC))
    assert not hours.is_quiet(datetime(2026, 1, 10, 12, 0, tzinfo=UTC))
    assert not hours.is_quiet(datetime(2026, 1, 11, 11, 0, tzinfo=UTC))
    assert not QuietHours((), ZoneInfo("UTC")).is_quiet(datetime(2026, 1, 10, tzinfo=UTC))
    with pytest.raises(ValueError, match="naive datetime"):
        hours.is_quiet(datetime(2026, 1, 10, 10, 0))


def test_quiet_hours_can_be_switched_off(write_config: Callable[..., Path]) -> None:
    assert load(write_config, "moderation:\n  quiet_hours: []\n").moderation.quiet_hours == ()
    assert load(write_config, "moderation:\n  quiet_hours:\n").moderation.quiet_hours == ()


# --------------------------------------------------------------------------- roles, channels


def test_roles_of_matches_names_ids_and_handles() -> None:
    roles = Roles(members=("Sofia", "123456789012345678", "@Coop-Team"), moderators=("Malik",),
                  director=("camille",), exempt=("#bots", "<@&555>"))
    assert roles.roles_of(["sofia"]) == {"member"}
    assert roles.roles_of(["@SOFIA"]) == {"member"}
    assert roles.roles_of(["someone", 123456789012345678]) == {"member"}
    assert roles.roles_of(["<@123456789012345678>"]) == {"member"}
    assert roles.roles_of(["yann", "coop-team"]) == {"member"}
    assert roles.roles_of(["@coop-team"]) == {"member"}
    assert roles.roles_of(["malik", "MALIK"]) == {"moderator"}
    assert roles.roles_of(["Camille"]) == {"director"}  # literal: not a member nor moderator
    assert roles.roles_of(["bots"]) == {"exempt"}
    assert roles.roles_of(["555"]) == {"exempt"}
    assert roles.roles_of(["stranger", "", "@"]) == frozenset()
    assert roles.roles_of([]) == frozenset()


def test_roles_from_yaml_keep_ids_as_text(write_config: Callable[..., Path]) -> None:
    config = load(write_config, "roles:\n  members: [123456789012345678, sofia, Sofia]\n"
                                "  exempt: '@bots'\n")
    assert config.roles.members == ("123456789012345678", "sofia")
    assert config.roles.roles_of(["123456789012345678"]) == {"member"}
    assert config.roles.roles_of(["BOTS"]) == {"exempt"}


def test_chat_rules_exemption() -> None:
    settings = ModerationSettings()
    assert settings.chat_rules_exempt(frozenset({"exempt"}))
    assert settings.chat_rules_exempt(frozenset({"moderator"}))
    assert not settings.chat_rules_exempt(frozenset({"member"}))
    strict = ModerationSettings(moderators_exempt=False)
    assert not strict.chat_rules_exempt(frozenset({"moderator"}))


def test_charter_for(write_config: Callable[..., Path]) -> None:
    config = load(write_config, """\
        channels:
          moderated:
            general: coop-fr
            "*": base
          exempt: [bots]
        """)
    channels = config.channels
    assert channels.charter_for("general") == "coop-fr"
    assert channels.charter_for("#General") == "coop-fr"
    assert channels.charter_for("random") == "base"
    assert channels.charter_for("#bots") is None
    assert channels.charter_for("moderation") is None  # the review queue
    plain = load(write_config, "channels:\n  moderated:\n    general: coop-fr\n").channels
    assert plain.charter_for("random") is None
    assert Config.default().channels.charter_for("general") is None


# --------------------------------------------------------------------------- drafts


@pytest.mark.parametrize("body, expected", [
    ("drafts:\n  chartre: coop-fr\n",
     "garant.yaml:2:3: unknown key 'chartre' in 'drafts'; did you mean 'charter'?"),
    ("drafts:\n  charter: ''\n", "garant.yaml:2:12: 'charter' must not be empty"),
    ("drafts:\n  charter: [a, b]\n", "garant.yaml:2:12: 'charter' must be text, got a list"),
    ("drafts:\n  clients: [dupont]\n",
     "garant.yaml:2:12: 'clients' must be a mapping of keys, got a list"),
    ("drafts:\n  clients:\n    Dupont:\n",
     "garant.yaml:3:12: client 'Dupont' needs the name of its charter, like 'Dupont: "
     "coop-fr', got nothing"),
    ("drafts:\n  clients:\n    Dupont: dupont\n    dupont: autre\n",
     "garant.yaml:4:5: client 'dupont' is already listed at line 3"),
])
def test_drafts_errors_point_at_the_file_line_and_column(tmp_path: Path, body: str,
                                                         expected: str) -> None:
    assert load_error(tmp_path, body).startswith(expected)


def test_drafts_charters(write_config: Callable[..., Path]) -> None:
    config = load(write_config, """\
        default_charter: base
        drafts:
          charter: coop-fr
          clients:
            Boulangerie Dupont: dupont
            "@Acme": acme
        """)
    assert config.drafts.charter == "coop-fr"
    assert dict(config.drafts.clients) == {"Boulangerie Dupont": "dupont", "@Acme": "acme"}
    assert config.drafts_charter() == "coop-fr"
    assert config.drafts_charter("boulangerie dupont") == "dupont"  # any case
    assert config.drafts_charter("acme") == "acme"
    assert config.drafts_charter("Inconnu") == "coop-fr"  # a client without its own charter
    refs = {name: (where.line, where.col) for name, where in config.charter_references()
            if where is not None}
    assert refs == {"base": (1, 18), "coop-fr": (3, 12), "dupont": (5, 25), "acme": (6, 14)}
    # Without drafts.charter, drafts use the default charter.
    plain = load(write_config, "default_charter: coop-fr\n")
    assert plain.drafts_charter() == plain.drafts_charter("Dupont") == "coop-fr"
    assert [name for name, _ in plain.charter_references()] == ["coop-fr"]
    demo = Loaded(load_config(BUNDLED_CONFIG, env={}))
    assert demo.drafts_charter() == "coop-fr"
