"""The routine cog's settings: garant.yaml's `routine` section."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from datetime import time, timedelta
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

    @classmethod
    def read(cls, section: Section) -> RoutineSettings:
        file = section.text("file", str(DEFAULT_FILE))
        if not file.strip():
            raise fail(section.where("file"), "'file' must be the path of a routine file")
        at = section.required_time("time", time(9, 30))
        review = section.time("review_time", time(17, 30), nullable=True)
        if review is not None and review <= at:
            raise fail(section.where("review_time" if "review_time" in section else "time"),
                       "'review_time' ({review}) must be later than 'time' ({time}): the "
                       "review closes the day's routine", review=format_time(review),
                       time=format_time(at))
        reminder = section.time("reminder_time", None, nullable=True)
        if reminder is not None and not (at < reminder and (review is None or reminder < review)):
            raise fail(section.where("reminder_time"),
                       "'reminder_time' ({reminder}) must be between 'time' ({time}) and "
                       "'review_time': a reminder comes after the prompt and before the review",
                       reminder=format_time(reminder), time=format_time(at))
        return cls(
            file=Path(file.strip()),
            time=at,
            days=section.days("days", WEEKDAYS),
            review_time=review,
            reminder_time=reminder,
            grace=section.duration("grace", timedelta(hours=2)),
            streak_min=section.integer("streak_min", 10, minimum=1),
            dm_opt_in=section.boolean("dm_opt_in", True),
            holidays=_holidays(section),
            closed_days=_closed_days(section),
        )


def _holidays(section: Section) -> str | None:
    """`holidays: FR` (the default), `FR-57`, or null / false for none."""
    if "holidays" not in section:
        return "FR"
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


def _closed_days(section: Section) -> frozenset[dt.date]:
    """`closed_days: [2026-12-24, 2026-12-31]`: ISO dates."""
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
    if config.where("routine.file") is None and config.language != "fr" \
            and file.name.endswith(".fr.yaml"):
        variant = file.with_name(file.name[:-len(".fr.yaml")] + f".{config.language}.yaml")
        try:
            return config.find_file(variant, "routine.file", _ROUTINE_FILE)
        except SourceError:
            pass
    return config.find_file(file, "routine.file", _ROUTINE_FILE)


__all__ = ["RoutineSettings", "routine_path"]
