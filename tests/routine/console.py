"""Scripted console sessions for the routine and reports tests.

A session is `garant run --platform local` on a real SQLite file, with the clock
injected (`now=`) and moved by `:time` lines: no sleeping, no mocks of the store.
Only the cogs under test are loaded, so the transcripts do not depend on the
moderation and drafts cogs (their figures are supplied explicitly where needed).
"""

from __future__ import annotations

import io
import textwrap
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.host import Bot
from bot.run import RunOptions, run
from bot.typography import plain
from tests import database

PARIS = ZoneInfo("Europe/Paris")
COGS = ("core", "charter", "routine", "reports")

CONFIG = """\
language: {language}
timezone: Europe/Paris
roles:
  members: [sofia, malik, yann]
  moderators: [malik]
channels:
  routine: routine
routine:
  time: "{time}"
  days: {days}
  review_time: "{review}"
  streak_min: {streak_min}
{extra}"""


def paris(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


def write_config(folder: Path, *, language: str = "fr", time: str = "09:30",
                 days: str = "[lun, mar, mer, jeu, ven]", review: str = "17:30",
                 streak_min: int = 10, extra: str = "") -> Path:
    path = folder / "garant.yaml"
    path.write_text(CONFIG.format(language=language, time=time, days=days, review=review,
                                  streak_min=streak_min, extra=extra), encoding="utf-8")
    return path


async def session(folder: Path, script: str, now: datetime, **config: object) -> str:
    """Run one console session in `folder` (its garant.yaml is written on first use, or
    rewritten when `config` options are given) and return the transcript."""
    path = folder / "garant.yaml"
    if config or not path.exists():
        write_config(folder, **config)  # type: ignore[arg-type]
    out = io.StringIO()
    await run(RunOptions(config=path, database=folder / "g.db", now=now),
              io.StringIO(textwrap.dedent(script)), out, env={})
    return plain(out.getvalue())


def rows(folder: Path, sql: str, params: tuple = ()) -> list[tuple]:
    """Read the session's database directly (after the session has closed it)."""
    connection = database.connect(folder / "g.db")
    try:
        return [tuple(r) for r in connection.execute(sql, params)]
    finally:
        connection.close()


def prompts(out: str) -> int:
    """How many daily prompts a transcript shows (not counting card updates)."""
    return out.count("[#routine] Garant: ▶ ☀ ")


@pytest.fixture(autouse=True)
def only_cogs_under_test(monkeypatch: pytest.MonkeyPatch) -> None:
    original = Bot.load_cogs

    def load_cogs(self: Bot, names: object = None) -> None:
        original(self, COGS)

    monkeypatch.setattr(Bot, "load_cogs", load_cogs)
