"""Store benchmark: votes per second through the real drafts workflow, against raw
aiosqlite on the same kind of file.

Prints, on a fresh SQLite file (WAL, synchronous=NORMAL, as `garant run` opens it):

* Garant: ballots cast through `cogs.drafts.workflow.voting.cast` (the function the
  vote buttons call: the permission checks, the ballot, the audit row, the tally, the
  card refresh and notices recorded in the outbox), `--concurrency` at a time across
  `--drafts` drafts, two voters of five switching between approve and abstain so that no
  vote closes early;
* baseline 1: raw aiosqlite, one transaction per ballot (BEGIN IMMEDIATE, one
  INSERT, COMMIT), one connection guarded by a lock, like Garant's writer;
* baseline 2: raw aiosqlite, the same ballots inserted in one `executemany`
  transaction (the ceiling of batching);

each on asyncio's loop and, when it is installed, on uvloop (what `garant run` uses).

Issue 13's target is >= 3,000 votes/s through the workflow.
Usage: python benchmarks/store_bench.py [--votes N] [--drafts N] [--concurrency N]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import sys
import tempfile
import time
from collections.abc import AsyncIterator, Callable, Coroutine
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import aiosqlite

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.clock import Clock, ManualClock  # noqa: E402
from bot.config import load_config  # noqa: E402
from bot.host import Bot  # noqa: E402
from bot.model import Channel, Interaction, Message, User  # noqa: E402
from bot.platforms.local.console import Console  # noqa: E402
from bot.store import Store  # noqa: E402
from cogs.drafts.votes import Choice  # noqa: E402
from cogs.drafts.workflow.submission import submit  # noqa: E402
from cogs.drafts.workflow.values import Fields, Person, Voter  # noqa: E402
from cogs.drafts.workflow.voting import cast  # noqa: E402

MONDAY_9 = datetime(2026, 11, 23, 9, 0, tzinfo=ZoneInfo("Europe/Paris"))
MEMBERS = ["camille", "malik", "sofia", "yann", "lea"]
CONFIG = """\
language: fr
timezone: Europe/Paris
roles:
  members: [camille, malik, sofia, yann, lea]
  moderators: [malik]
  director: [camille]
channels:
  moderated:
    general: base
  review_queue: moderation
  drafts: drafts
drafts:
  charter: base
"""


@contextlib.asynccontextmanager
async def started_bot(config: Path, database: Path | str, clock: Clock) -> AsyncIterator[Bot]:
    """The bot as `garant run` builds it, on the console (also the instances benchmark's)."""
    settings = load_config(config, env={})
    async with Store.open(database, clock) as store:
        bot = Bot(settings, store, clock)
        bot.load_cogs()
        bot.load_configured_charters()
        bot.attach(Console(bot, io.StringIO(), io.StringIO()))
        await bot.start()
        yield bot


async def garant(directory: Path, votes: int, drafts: int, concurrency: int) -> float:
    (directory / "garant.yaml").write_text(CONFIG, encoding="utf-8")
    async with started_bot(directory / "garant.yaml", directory / "garant.db",
                           ManualClock(MONDAY_9)) as bot:
        electorate = [Voter(f"local:{m}", m) for m in MEMBERS]
        author = Person("local:camille", "camille", member=True, director=True)
        ids = []
        for n in range(drafts):
            change = await submit(bot, author, "local",
                                  Fields(f"Post {n}", None, "twitter", None,
                                         "Nos soldes commencent mercredi."), "base", [],
                                  electorate)
            ids.append(change.draft_id)
        # Two of five voters, switching: the result stays open, no vote closes early.
        voters = [Person(f"local:{m}", m, member=True) for m in MEMBERS[1:3]]
        choices = [Choice.APPROVE, Choice.ABSTAIN]
        plan = [(ids[i % drafts], voters[(i // drafts) % len(voters)],
                 choices[(i // (drafts * len(voters))) % 2]) for i in range(votes)]
        semaphore = asyncio.Semaphore(concurrency)

        async def one(draft_id: int, who: Person, choice: Choice) -> None:
            async with semaphore:
                await cast(bot, who, draft_id, choice, None, None)

        started = time.perf_counter()
        await asyncio.gather(*(one(*step) for step in plan))
        return votes / (time.perf_counter() - started)


async def review(directory: Path, actions: int, concurrency: int) -> float:
    """Review actions per second: a moderator's "Keep" click on flagged messages, through
    the host as a platform hands it over (`Bot.handle_action`: the route, the
    permission check, the item's transaction with its audit line and card refresh in the
    outbox, the delivery, the moderator's private answer)."""
    (directory / "garant.yaml").write_text(CONFIG, encoding="utf-8")
    async with started_bot(directory / "garant.yaml", directory / "review.db",
                           ManualClock(MONDAY_9)) as bot:
        clock, store = bot.clock, bot.store
        general = Channel("local", "general", "general")
        sofia = User("local", "sofia", "sofia")
        for n in range(actions):  # flagged by the charter (a phone number): one item each
            await bot.handle_message("local", Message(
                "local", f"m{n}", general, sofia, f"Mon numéro : 06 12 34 {n // 100:02d} "
                f"{n % 100:02d}", clock.now()))
            await bot.flush()  # its card is posted, as the dispatcher would: it is clicked
        malik = User("local", "malik", "malik")
        queue = Channel("local", "moderation", "moderation")
        semaphore = asyncio.Semaphore(concurrency)

        async def keep(item_id: int) -> None:
            async with semaphore:
                await bot.handle_action(Interaction("local", malik, queue),
                                        f"review:keep:{item_id}")

        started = time.perf_counter()
        await asyncio.gather(*(keep(n + 1) for n in range(actions)))
        rate = actions / (time.perf_counter() - started)
        kept = await store.fetchrow("SELECT count(*) AS n FROM review_items WHERE status = 'kept'")
        assert kept["n"] == actions, f"only {kept['n']} of {actions} items kept"
        return rate


async def raw(path: Path, votes: int, batched: bool) -> float:
    db = await aiosqlite.connect(path, isolation_level=None)
    await db.execute("PRAGMA journal_mode = WAL")
    await db.execute("PRAGMA synchronous = NORMAL")
    await db.execute("CREATE TABLE ballots (id INTEGER PRIMARY KEY, draft_id INTEGER, "
                     "voter TEXT, choice TEXT, cast_at TEXT)")
    rows = [(i % 50, f"local:{MEMBERS[i % 5]}", "approve", "2026-11-23T09:00:00Z")
            for i in range(votes)]
    insert = "INSERT INTO ballots (draft_id, voter, choice, cast_at) VALUES (?, ?, ?, ?)"
    started = time.perf_counter()
    if batched:
        await db.execute("BEGIN IMMEDIATE")
        await db.executemany(insert, rows)
        await db.execute("COMMIT")
    else:
        lock = asyncio.Lock()

        async def one(row: tuple[object, ...]) -> None:
            async with lock:
                await db.execute("BEGIN IMMEDIATE")
                await db.execute(insert, row)
                await db.execute("COMMIT")

        await asyncio.gather(*(one(row) for row in rows))
    rate = votes / (time.perf_counter() - started)
    await db.close()
    return rate


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--votes", type=int, default=2000)
    parser.add_argument("--drafts", type=int, default=50)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--actions", type=int, default=2000, help="review actions")
    args = parser.parse_args()
    loops: dict[str, Callable[[Coroutine[Any, Any, float]], float]] = {"asyncio": asyncio.run}
    try:
        import uvloop
    except ImportError:
        pass
    else:
        loops["uvloop"] = uvloop.run
    print(f"votes: {args.votes} on {args.drafts} drafts, {args.concurrency} at a time")
    for name, run in loops.items():
        with tempfile.TemporaryDirectory() as tmp:
            directory = Path(tmp)
            rate = run(garant(directory, args.votes, args.drafts, args.concurrency))
            actions = run(review(directory, args.actions, args.concurrency))
            one_each = run(raw(directory / "raw1.db", args.votes, batched=False))
            batched = run(raw(directory / "raw2.db", args.votes, batched=True))
        print(f"{name} loop:")
        print(f"  garant (drafts workflow): {rate:,.0f} votes/s (target >= 3,000)")
        print(f"  raw aiosqlite, one transaction per ballot: {one_each:,.0f} ballots/s "
              f"(garant at {100 * rate / one_each:.0f} %)")
        print(f"  raw aiosqlite, one batched transaction: {batched:,.0f} ballots/s")
        print(f"  garant (review queue, Keep clicks): {actions:,.0f} actions/s "
              f"(target >= 3,000; garant at {100 * actions / one_each:.0f} % of one raw "
              "transaction each)")


if __name__ == "__main__":
    main()
