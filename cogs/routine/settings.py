"""The routine cog's settings: garant.yaml's `routine` section."""

from __future__ import annotations

import dataclasses
import datetime as dt
import re
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING, ClassVar

from bot.located import fields
from bot.located.fields import describe, fail
from bot.located.yamlsrc import SourceError, closest, did_you_mean
from bot.phrases import Phrase
from bot.settings import WEEKDAYS, Section, format_time
from cogs.routine.public_holidays import regions_by_country, split_code

if TYPE_CHECKING:
    from bot.config import Config

DEFAULT_FILE = Path("routines/20-actions.fr.yaml")
_ROUTINE_FILE = Phrase("routine file")


@dataclass(frozen=True, slots=True)
class RoutineSettings:
    """The daily routine ("20 actions").

    file: the routine file as written; relative to `charters_dir`, then to the
        bundled charters (see `routine_path`).
    time: local wall time of the daily prompt.
    days: weekdays (0 = Monday) the prompt is posted.
    review_time: local wall time of the end-of-day review, or None for none.
    reminder_time: local wall time of the reminder sent by direct message to members
        who have ticked nothing yet (they may opt out), or None for none.
    grace: a prompt missed while the bot was down is still posted this late.
    streak_min: actions a day that keep a member's streak going.
    dm_opt_in: members may opt in to get the routine by direct message.
    holidays: the country (and region) whose public holidays have no prompt, as
        `FR` or `FR-57` (see `public_holidays.py`); None for none.
    closed_days: more days without a prompt (the co-op's own: a bridge, a seminar).
    members: who is expected to tick it (names, ids, platform roles or groups, as in
        `roles`); empty: every member. A routine of one client's team lists its people.
    channel: where it is posted; None for `channels.routine` (the team's routine).
    id: None for the team's routine (`routine`), the key under `routines` otherwise.
    """

    SECTION: ClassVar[str] = "routine"
    file: Path = DEFAULT_FILE
    time: dt.time = dt.time(9, 30)
    days: frozenset[int] = WEEKDAYS
    review_time: dt.time | None = dt.time(17, 30)
    reminder_time: dt.time | None = None
    grace: timedelta = timedelta(hours=2)
    streak_min: int = 10
    dm_opt_in: bool = True
    holidays: str | None = "FR"
    closed_days: frozenset[dt.date] = frozenset()
    members: tuple[str, ...] = ()
    _channel: str | None = None
    _id: str | None = None

    @property
    def channel(self) -> str | None:
        return self._channel

    @property
    def id(self) -> str | None:
        return self._id

    @classmethod
    def read(cls, section: Section, base: RoutineSettings | None = None,
             id: str | None = None) -> RoutineSettings:
        """The team's routine (`base` None: the defaults above), or one of `routines`
        (`id`), whose unset values are the team's routine's (`base`)."""
        defaults = base or cls()
        if id is None and "channel" in section:
            raise fail(section.where_key("channel"), "the team's routine is posted in "
                       "'channels.routine'; 'channel' is for the routines under 'routines'")
        file = section.text("file", str(DEFAULT_FILE))
        if not file.strip():
            raise fail(section.where("file"), "'file' must be the path of a routine file")
        at = section.required_time("time", defaults.time)
        review = section.time("review_time", defaults.review_time, nullable=True)
        if review is not None and review <= at:
            raise fail(section.where("review_time" if "review_time" in section else "time"),
                       "'review_time' ({review}) must be later than 'time' ({time}): the "
                       "review closes the day's routine", review=format_time(review),
                       time=format_time(at))
        reminder = section.time("reminder_time", defaults.reminder_time, nullable=True)
        if reminder is not None and not (at < reminder and (review is None or reminder < review)):
            raise fail(section.where("reminder_time"),
                       "'reminder_time' ({reminder}) must be between 'time' ({time}) and "
                       "'review_time': a reminder comes after the prompt and before the review",
                       reminder=format_time(reminder), time=format_time(at))
        channel = None
        if id is not None:
            channel = section.channel(section.get("channel"), section.where("channel"),
                                      "'channel'")
        return cls(
            file=Path(file.strip()),
            time=at,
            days=section.days("days", defaults.days),
            review_time=review,
            reminder_time=reminder,
            grace=section.duration("grace", defaults.grace),
            streak_min=section.integer("streak_min", defaults.streak_min, minimum=1),
            dm_opt_in=section.boolean("dm_opt_in", defaults.dm_opt_in),
            holidays=_holidays(section, defaults.holidays),
            closed_days=_closed_days(section, defaults.closed_days),
            members=section.identifiers("members"),
            _channel=channel,
            _id=id,
        )


#: A routine's id under `routines`: it names the routine in commands and in the store.
_ID = re.compile(r"^[a-z][a-z0-9_-]{0,31}$")
#: Words a button or a command reads in the id's place.
_RESERVED = frozenset({"tick", "note", "me", "today", "done", "undo", "show", "all"})


@dataclass(frozen=True, slots=True)
class MoreRoutines:
    """garant.yaml's `routines` section: more routines (one per client or team), by
    id, each with its own file, channel and schedule; a value not given is the team's
    routine's (`routine`), except `file`, `channel` and `members`.

    Its keys are ids, not fields, so it is read by the routine cog with the team's
    routine at hand (`read(section, base)`), not through `bot.settings`."""

    SECTION: ClassVar[str] = "routines"
    routines: tuple[RoutineSettings, ...] = ()

    @classmethod
    def read(cls, section: Section, base: RoutineSettings | None = None) -> MoreRoutines:
        found: list[RoutineSettings] = []
        channels: dict[str, str] = {}
        for key in section.mapping:
            where = section.where_key(key)
            id = str(key).strip()
            if not _ID.match(id) or id in _RESERVED:
                raise fail(where, "a routine's id must be a short lowercase word (letters, "
                           "digits, '-' or '_'; not {reserved}), like 'acme' or "
                           "'equipe-lyon', got {got}", reserved=", ".join(sorted(_RESERVED)),
                           got=describe(key))
            one = section.sub(key)
            one.check_keys([*(f.name for f in dataclasses.fields(RoutineSettings)
                              if not f.name.startswith("_")), "channel"])
            if "file" not in one:
                raise fail(where, "routine '{id}' needs its own 'file' (a routine file, like "
                           "routines/{id}.yaml)", id=id)
            if "channel" not in one:
                raise fail(where, "routine '{id}' needs its own 'channel' (where its prompt "
                           "is posted)", id=id)
            settings = RoutineSettings.read(one, base, id)
            assert settings.channel is not None
            if settings.channel.lower() in channels:
                raise fail(one.where("channel"), "routine '{id}' is posted in #{channel}, "
                           "like routine '{other}': each routine needs its own channel",
                           id=id, channel=settings.channel,
                           other=channels[settings.channel.lower()])
            channels[settings.channel.lower()] = id
            found.append(settings)
        return cls(tuple(found))


def _holidays(section: Section, default: str | None) -> str | None:
    """`holidays: FR` (the default), `FR-57`, or null / false for none."""
    if "holidays" not in section:
        return default
    value = section.get("holidays")
    if value is None or value is False:
        return None
    where = section.where("holidays")
    if not isinstance(value, str) or not value.strip():
        raise fail(where, "'holidays' must be a country code such as FR (or FR-57 for a "
                   "region), or null for none, got {got}", got=describe(value))
    country, region = split_code(value)
    regions = regions_by_country()
    if country not in regions:
        guess = closest(country, regions)
        raise fail(where, "unknown country '{country}' for public holidays: use a two-letter "
                   "ISO code such as FR, BE, CH{hint}", country=country,
                   hint=did_you_mean(guess))
    if region is not None and region not in regions[country]:
        raise fail(where, "unknown region '{region}' of {country} for public holidays; known: "
                   "{known}", region=region, country=country,
                   known=", ".join(regions[country]) or "none")
    return f"{country}-{region}" if region else country


def _closed_days(section: Section, default: frozenset[dt.date]) -> frozenset[dt.date]:
    """`closed_days: [2026-12-24, 2026-12-31]`: ISO dates."""
    if "closed_days" not in section:
        return default
    if section.get("closed_days") is None:
        return frozenset()
    found = set()
    for item, where in fields.text_list(section.mapping, "closed_days"):
        try:
            found.add(dt.date.fromisoformat(item.strip()))
        except ValueError:
            raise fail(where, "each item of 'closed_days' must be a date like 2026-12-24, "
                       "got {got}", got=describe(item)) from None
    return frozenset(found)


def routine_path(config: Config, settings: RoutineSettings) -> Path:
    """The routine file: an absolute path as is, else looked up in `charters_dir` then
    in the bundled charters; in the bot's language when the config does not name a
    file (an English bot uses `20-actions.en.yaml` rather than the French default).
    Missing everywhere is reported at `routine.file`."""
    file = settings.file
    key = "routine.file" if settings.id is None else f"routines.{settings.id}.file"
    if config.where(key) is None and config.language != "fr" \
            and file.name.endswith(".fr.yaml"):
        variant = file.with_name(file.name[:-len(".fr.yaml")] + f".{config.language}.yaml")
        try:
            return config.find_file(variant, key, _ROUTINE_FILE)
        except SourceError:
            pass
    return config.find_file(file, key, _ROUTINE_FILE)


__all__ = ["MoreRoutines", "RoutineSettings", "routine_path"]
