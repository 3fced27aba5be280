"""One configured routine at run time: its settings, calendar, file, channel and names.

A co-op has the team's routine (garant.yaml's `routine`, posted in
`channels.routine`) and may have more, one per client or team (`routines`, by
id). Each is a `RoutineRun`; the cog's handlers take the run they act on.

What tells two routines apart, and why it differs for the first one
    The team's routine existed alone before; its history is stored under its
    file's `name`, its jobs are `routine.prompt`..., its cards `routine:DAY` and
    its buttons `routine:tick:DAY:ACTION`. Those stay as they are, so an upgrade
    keeps every streak, schedule and posted card. Another routine is stored
    under its configured id (two teams may share one file), and its jobs, cards
    and buttons carry that id: `routine.prompt:acme`, `routine:acme:DAY`,
    `routine:acme:tick:DAY:ACTION`.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from bot.config import Roles
from bot.located.yamlsrc import SourceError
from cogs.routine.days import RoutineDays
from cogs.routine.public_holidays import holiday_names
from cogs.routine.routine_file import RoutineFile, load_routine
from cogs.routine.settings import RoutineSettings, routine_path

if TYPE_CHECKING:
    from bot.config import Config
    from bot.host import Bot

log = logging.getLogger(__name__)


class RoutineRun:
    """One routine: `file` is the last valid routine file (None when none could be
    read; `error` says why)."""

    def __init__(self, config: Config, settings: RoutineSettings) -> None:
        self.config = config
        self.settings = settings
        self.days = RoutineDays(settings.days, settings.closed_days,
                                holiday_names(settings.holidays, config.language))
        self.file: RoutineFile | None = None
        self.error: str | None = None

    @property
    def id(self) -> str | None:
        """None for the team's routine, the id under `routines` otherwise."""
        return self.settings.id

    @property
    def key(self) -> str:
        """What its ticks, posts and answers are stored under (see the module doc); only
        asked once the file is loaded."""
        if self.id is not None:
            return self.id
        assert self.file is not None
        return self.file.name

    @property
    def channel(self) -> str:
        return self.settings.channel or self.config.channels.routine

    @property
    def scope(self) -> str:
        """The id carried by its cards and buttons ("" for the team's routine)."""
        return self.id or ""

    def job(self, kind: str) -> str:
        """The id of one of its daily jobs (`kind`: the handler's name)."""
        return kind if self.id is None else f"{kind}:{self.id}"

    def load(self, language: str) -> str | None:
        """(Re)read the routine file; on error keep the previous one and return the error."""
        try:
            self.file = load_routine(routine_path(self.config, self.settings))
            self.error = None
        except SourceError as exc:
            self.error = exc.text(language)
            log.error("routine file%s: %s", f" of {self.id}" if self.id else "", exc)
        return self.error

    def goal(self) -> float | None:
        """The team's daily goal as a rate: the actions that keep a streak, of all."""
        if self.file is None or not self.file.actions:
            return None
        return min(1.0, self.settings.streak_min / len(self.file.actions))

    def title(self) -> str:
        """How people see it named: its file's title, else its id."""
        if self.file is not None:
            return self.file.title
        return self.id or self.settings.file.stem

    async def roster(self, bot: Bot) -> dict[str, str]:
        """Who is expected to tick it: user key -> name; its `members` when it lists
        them, else every configured member (see `stats.resolve_roster`)."""
        if not self.settings.members:
            users = await bot.members("members")
        else:
            users = await bot.people(Roles(members=self.settings.members))
        return {user.key: user.name for user in users if not user.is_bot}


__all__ = ["RoutineRun"]
