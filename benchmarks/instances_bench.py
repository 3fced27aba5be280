"""Two Garant instances on one PostgreSQL database, one killed in the middle.

Starts a throwaway PostgreSQL cluster on 127.0.0.1 (Debian's server programs, as the
tests do), prepares 50 drafts whose 20 voters each cast one ballot (1,000 votes) and
200 one-off jobs due now, then starts two worker processes, each a Garant bot (the
drafts cog, the scheduler) on the same database: each casts half of the votes,
`--concurrency` at a time, through the workflow the vote buttons call, while both
run the due jobs. When instance A has cast a quarter of its votes it is killed
(SIGKILL: no clean-up). Instance C then starts, as a restarted process or the load
balancer's retry would: it recovers what A held and is handed all of A's votes again
(a platform resends what was not acknowledged). It checks:

* votes: exactly one current ballot per voter and draft (1,000): 0 lost, 0 doubled
  (a vote A committed before dying is answered "already voted" by C);
* jobs: every job run once (its run recorded `ok` once, its handler's effect once);

and prints the time each phase took, beside the same votes cast by one instance
alone (the baseline). Usage: python benchmarks/instances_bench.py [--votes-per-draft N]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import io
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.clock import SystemClock  # noqa: E402
from bot.config import load_config  # noqa: E402
from bot.host import Bot  # noqa: E402
from bot.platforms.local.console import Console  # noqa: E402
from bot.scheduler import Job  # noqa: E402
from bot.store import Store  # noqa: E402
from cogs.drafts.votes import Choice  # noqa: E402
from cogs.drafts.workflow.submission import submit  # noqa: E402
from cogs.drafts.workflow.values import Fields, Person, Refused, Voter  # noqa: E402
from cogs.drafts.workflow.voting import cast  # noqa: E402

DRAFTS = 50
JOBS = 200


def members(voters: int) -> list[str]:
    """The director, the voters, and as many members who do not vote: no draft can be
    decided before its last voter (a closed vote would refuse the rest)."""
    return ["camille"] + [f"membre{n:02d}" for n in range(2 * voters)]


def config_text(voters: int) -> str:
    names = ", ".join(members(voters))
    return (f"language: fr\ntimezone: Europe/Paris\nroles:\n  members: [{names}]\n"
            "  moderators: [camille]\n  director: [camille]\nchannels:\n  drafts: drafts\n"
            "drafts:\n  charter: base\n")


@contextlib.asynccontextmanager
async def started_bot(directory: Path, url: str) -> AsyncIterator[Bot]:
    settings = load_config(directory / "garant.yaml", env={})
    clock = SystemClock()
    async with Store.open(url, clock) as store:
        bot = Bot(settings, store, clock)
        bot.load_cogs()
        bot.load_configured_charters()
        bot.attach(Console(bot, io.StringIO(), io.StringIO()))
        await bot.start()
        yield bot


async def tick(bot: Bot, job: Job, when: datetime) -> None:
    """A job's handler, idempotent as every Garant handler is: its effect (one audit
    line) is written once even if the run is taken over after a crash."""
    async with bot.store.transaction() as tx:
        if not await tx.fetchone("SELECT 1 FROM audit_log WHERE action = 'bench.tick' "
                                 "AND subject = ?", (job.id,)):
            await tx.audit("bench", "bench.tick", job.id)


async def prepare(directory: Path, url: str, voters: int) -> list[tuple[int, str]]:
    async with started_bot(directory, url) as bot:
        electorate = [Voter(f"local:{m}", m) for m in members(voters)]
        author = Person("local:camille", "camille", member=True, director=True)
        plan = []
        for n in range(DRAFTS):
            change = await submit(bot, author, "local", Fields(
                f"Post {n}", None, "twitter", None, "Nos soldes commencent mercredi."),
                "base", [], electorate)
            plan += [(change.draft_id, m) for m in members(voters)[1:voters + 1]]
        now = bot.clock.now()
        for n in range(JOBS):
            await bot.scheduler.schedule_at(f"bench:{n}", "bench.tick", now)
    return plan


async def work(directory: Path, url: str, votes: list[tuple[int, str]],
               concurrency: int) -> None:
    """One instance: recover what a dead one held, run the due jobs, cast its votes."""
    async with started_bot(directory, url) as bot:
        scheduler = bot.scheduler
        scheduler.register("bench.tick", lambda job, when: tick(bot, job, when))
        await scheduler.recover()
        semaphore = asyncio.Semaphore(concurrency)
        done = 0

        async def one(draft_id: int, who: str) -> None:
            nonlocal done
            async with semaphore:
                # Refused: already cast (a retry of a vote the dead instance committed).
                with contextlib.suppress(Refused):
                    await cast(bot, Person(f"local:{who}", who, member=True), draft_id,
                               Choice.APPROVE, None, None)
                done += 1
                print(f"voted {done}", flush=True)

        async def jobs() -> None:
            while await scheduler.run_due():
                pass

        await asyncio.gather(jobs(), *(one(d, w) for d, w in votes))
        await jobs()
    print("finished", flush=True)


def start_worker(directory: Path, url: str, votes: list[tuple[int, str]],
                 concurrency: int) -> subprocess.Popen[str]:
    votes_file = directory / f"votes-{len(list(directory.iterdir()))}.json"
    votes_file.write_text(json.dumps(votes), encoding="utf-8")
    return subprocess.Popen(
        [sys.executable, __file__, "--worker", url, "--dir", str(directory), "--votes",
         str(votes_file), "--concurrency", str(concurrency)],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "GARANT_LOOP": "asyncio"})


def wait_for(worker: subprocess.Popen[str], line: str) -> None:
    assert worker.stdout is not None
    for got in worker.stdout:
        if got.strip() == line:
            return
    raise SystemExit(f"a worker stopped before printing {line!r} (status {worker.wait()})")


async def verdict(url: str, voters: int) -> dict[str, int]:
    async with Store.open(url, SystemClock()) as store:
        current = await store.fetchrow(
            "SELECT count(*) AS n, count(DISTINCT draft_id || ':' || voter) AS distinct_ "
            "FROM draft_ballots WHERE latest = 1")
        runs = await store.fetchrow(
            "SELECT count(*) AS n, count(DISTINCT job_id) AS jobs FROM job_runs "
            "WHERE status = 'ok' AND job_id LIKE 'bench:%'")
        effects = await store.fetchrow(
            "SELECT count(*) AS n FROM audit_log WHERE action = 'bench.tick'")
    return {"ballots": current["n"], "distinct_ballots": current["distinct_"],
            "runs_ok": runs["n"], "jobs_run": runs["jobs"], "job_effects": effects["n"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--votes-per-draft", type=int, default=20)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--dir", help=argparse.SUPPRESS)
    parser.add_argument("--votes", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        votes = [tuple(v) for v in json.loads(Path(args.votes).read_text(encoding="utf-8"))]
        asyncio.run(work(Path(args.dir), args.worker, votes,  # type: ignore[arg-type]
                         args.concurrency))
        return

    from tests.postgres import cluster

    server = cluster()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            directory = Path(tmp)
            (directory / "garant.yaml").write_text(config_text(args.votes_per_draft),
                                                   encoding="utf-8")
            # The baseline: one instance alone casts the same 1,000 votes.
            solo_url = f"{server.url}?search_path=solo"
            plan = asyncio.run(prepare(directory, solo_url, args.votes_per_draft))
            started = time.perf_counter()
            solo = start_worker(directory, solo_url, plan, args.concurrency)
            wait_for(solo, "finished")
            solo_seconds = time.perf_counter() - started

            url = f"{server.url}?search_path=shared"
            plan = asyncio.run(prepare(directory, url, args.votes_per_draft))
            half = len(plan) // 2
            started = time.perf_counter()
            a = start_worker(directory, url, plan[:half], args.concurrency)
            b = start_worker(directory, url, plan[half:], args.concurrency)
            wait_for(a, f"voted {half // 4}")
            a.send_signal(signal.SIGKILL)
            a.wait()
            killed_at = time.perf_counter() - started
            c = start_worker(directory, url, plan[:half], args.concurrency)  # A's votes again
            wait_for(b, "finished")
            wait_for(c, "finished")
            both_seconds = time.perf_counter() - started
            found = asyncio.run(verdict(url, args.votes_per_draft))
    finally:
        server.stop()
    votes = len(plan)
    print(f"votes: {votes} on {DRAFTS} drafts; jobs: {JOBS}; concurrency {args.concurrency} "
          "per instance")
    print(f"one instance alone (baseline): {solo_seconds:.1f} s, {votes / solo_seconds:,.0f} "
          "votes/s (process start included)")
    print(f"two instances, A killed at {killed_at:.1f} s, C started with A's votes: "
          f"{both_seconds:.1f} s in all")
    lost = votes - found["distinct_ballots"]
    doubled = found["ballots"] - found["distinct_ballots"]
    print(f"ballots: {found['ballots']} current, {lost} lost, {doubled} doubled")
    print(f"jobs: {found['jobs_run']} of {JOBS} run, {found['runs_ok'] - found['jobs_run']} "
          f"run twice; handler effects: {found['job_effects']}")
    ok = lost == 0 and doubled == 0 and found["jobs_run"] == JOBS and \
        found["runs_ok"] == JOBS and found["job_effects"] == JOBS
    print("verdict:", "every guarantee held" if ok else "A GUARANTEE FAILED")
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    main()
