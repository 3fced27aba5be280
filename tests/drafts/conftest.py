"""Helpers for the drafts tests: scripted console sessions on real SQLite files, and a
harness that drives the same bot directly (concurrent clicks, stale buttons)."""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from bot.run import RunOptions, run
from bot.typography import plain

PARIS = ZoneInfo("Europe/Paris")
MONDAY_9 = datetime(2026, 11, 23, 9, 0, tzinfo=PARIS)

#: The bundled demo team, written out so the tests do not depend on ./garant.yaml.
CONFIG = """\
language: {language}
timezone: Europe/Paris
roles:
  members: [camille, malik, sofia, yann, lea]
  moderators: [malik]
  director: [camille]
channels:
  moderated:
    general: coop-fr
  drafts: drafts
votes:
  tally: {tally}
  quorum: {quorum}
drafts:
  charter: coop-fr
  clients:
    Dupont: base
"""

#: A draft that passes the coop-fr charter, typed into the /draft new form.
NEW = """\
/draft new
{title}
{client}
{network}
{planned}
{text}
.
"""


def new_draft(title: str = "Soldes d'hiver", client: str = "", network: str = "twitter",
              planned: str = "", text: str = "Nos soldes commencent mercredi.") -> str:
    return NEW.format(title=title, client=client, network=network, planned=planned, text=text)


@pytest.fixture
def config(tmp_path: Path):
    def write(language: str = "fr", tally: str = "after_vote", quorum: int = 50) -> Path:
        path = tmp_path / f"garant-{language}-{tally}-{quorum}.yaml"
        path.write_text(CONFIG.format(language=language, tally=tally, quorum=quorum),
                        encoding="utf-8")
        return path

    return write


async def session(db: Path, script: str, config: Path, now: datetime = MONDAY_9) -> str:
    """Run the console on `script` (each line stripped, so scripts can be indented and
    embed other snippets) and return everything it printed."""
    out = io.StringIO()
    lines = "\n".join(line.strip() for line in script.splitlines()) + "\n"
    await run(RunOptions(config=config, database=db, now=now), io.StringIO(lines), out, env={})
    return plain(out.getvalue())


def card_of(out: str, draft_id: int) -> int:
    """The console number of the card of draft `draft_id`."""
    match = re.search(rf"▶ (?:Brouillon n° |Draft #){draft_id} — .*?\[(?:carte|card) (\d+)\]",
                      out)
    assert match, f"no card for draft {draft_id}"
    return int(match.group(1))


def after(out: str, marker: str) -> str:
    """The output from the last occurrence of `marker` on."""
    assert marker in out, marker
    return out[out.rindex(marker):]


def last_card(out: str) -> str:
    """The last rendering of a card (posted or updated)."""
    start = out.rindex("▶ ")
    return out[start:].split("\n[", 1)[0]


@dataclass
class Harness:
    """The bot and its console, built as `garant run` builds them, driven by hand."""

    bot: object
    console: object
    out: io.StringIO

    async def lines(self, script: str) -> str:
        start = len(self.out.getvalue())
        for line in textwrap.dedent(script).splitlines():
            await self.console.handle_line(line)  # type: ignore[attr-defined]
            await self.bot.run_due_jobs()  # type: ignore[attr-defined]
        return plain(self.out.getvalue()[start:])

    async def click(self, user: str, action: str) -> str:
        from bot.model import Interaction

        console = self.console
        start = len(self.out.getvalue())
        interaction = Interaction(console.name, console.make_user(user),  # type: ignore[attr-defined]
                                  console.make_channel("drafts"))  # type: ignore[attr-defined]
        await self.bot.handle_action(interaction, action)  # type: ignore[attr-defined]
        return plain(self.out.getvalue()[start:])


@asynccontextmanager
async def harness(db: Path, config: Path, now: datetime = MONDAY_9) -> AsyncIterator[Harness]:
    from bot.clock import ManualClock
    from bot.config import load_config
    from bot.host import Bot
    from bot.platforms.local.console import Console
    from bot.store import Store

    settings = load_config(config, env={})
    clock = ManualClock(now)
    async with Store.open(db, clock) as store:
        bot = Bot(settings, store, clock)
        bot.load_cogs()
        bot.load_configured_charters()
        out = io.StringIO()
        console = Console(bot, io.StringIO(), out)
        bot.attach(console)
        await bot.start()
        yield Harness(bot, console, out)
