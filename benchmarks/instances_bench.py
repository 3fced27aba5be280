"""Two Garant instances on one PostgreSQL database serving ten teams, one instance
killed in the middle.

Starts a throwaway PostgreSQL cluster on 127.0.0.1 (Debian's server programs, as the
tests do) with ten tenants (a schema each, as `garant run --tenants` keeps them),
prepares 50 drafts (5 per tenant) whose 20 voters each cast one ballot (1,000 votes)
and 200 one-off jobs due now (20 per tenant), then starts two worker processes, each
serving every tenant (a Garant bot per tenant: the drafts cog, the scheduler) on the
same database: each casts half of the votes, `--concurrency` at a time, through the
workflow the vote buttons call, while both run the due jobs. When instance A has cast
a quarter of its votes it is killed (SIGKILL: no clean-up). Instance C then starts,
as a restarted process or the load balancer's retry would: it recovers what A held
and is handed all of A's votes again (a platform resends what was not acknowledged).
It checks:

* votes: exactly one current ballot per voter and draft (1,000): 0 lost, 0 doubled
  (a vote A committed before dying is answered "already voted" by C);
* jobs: every job run once (its run recorded `ok` once, its handler's effect once);

and prints the time each phase took, beside the same votes cast by one instance
alone (the baseline). Usage: python benchmarks/instances_bench.py [--tenants N]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.store_bench import started_bot  # noqa: E402
from bot.clock import SystemClock  # noqa: E402
from bot.host import Bot  # noqa: E402
from bot.scheduler import Job  # noqa: E402
from bot.store import Store  # noqa: E402
from cogs.drafts.votes import Choice  # noqa: E402
from cogs.drafts.workflow.submission import submit  # noqa: E402
from cogs.drafts.workflow.values import Fields, Person, Refused, Voter  # noqa: E402
from cogs.drafts.workflow.voting import cast  # noqa: E402

DRAFTS = 50
JOBS = 200
VOTERS = 20


def members(voters: int) -> list[str]:
    """The director, the voters, and as many members who do not vote: no draft can be
    decided before its last voter (a closed vote would refuse the rest)."""
    return ["camille"] + [f"membre{n:02d}" for n in range(2 * voters)]


def config_text(voters: int) -> str:
    names = ", ".join(members(voters))
    return (f"language: fr\ntimezone: Europe/Paris\nroles:\n  members: [{names}]\n"
            "  moderators: [camille]\n  director: [camille]\nchannels:\n  drafts: drafts\n"
            "drafts:\n  charter: base\n")


async def tick(bot: Bot, job: Job, when: datetime) -> None:
    """A job's handler, idempotent as every Garant handler is: its effect (one audit
    line) is written once even if the run is taken over after a crash."""
    async with bot.store.transaction() as tx:
        if not await tx.fetchone("SELECT 1 FROM audit_log WHERE action = 'bench.tick' "
                                 "AND subject = ?", (job.id,)):
            await tx.audit("bench", "bench.tick", job.id)


async def prepare(directory: Path, url: str, drafts: int, jobs: int
                  ) -> list[tuple[int, str]]:
    """One tenant's drafts and jobs; its votes to cast, (draft, voter)."""
    async with started_bot(directory / "garant.yaml", url, SystemClock()) as bot:
        electorate = [Voter(f"local:{m}", m) for m in members(VOTERS)]
        author = Person("local:camille", "camille", member=True, director=True)
        plan = []
        for n in range(drafts):
            change = await submit(bot, author, "local", Fields(
                f"Post {n}", None, "twitter", None, "Nos soldes commencent mercredi."),
                "base", [], electorate)
            plan += [(change.draft_id, m) for m in members(VOTERS)[1:VOTERS + 1]]
        now = bot.clock.now()
        for n in range(jobs):
            await bot.scheduler.schedule_at(f"bench:{n}", "bench.tick", now)
    return plan


async def work(directory: Path, urls: dict[str, str], votes: list[tuple[str, int, str]],
               concurrency: int) -> None:
    """One instance serving every tenant: recover what a dead one held, run the due
    jobs, cast its votes."""
    async with contextlib.AsyncExitStack() as stack:
        config, clock = directory / "garant.yaml", SystemClock()
        bots = {name: await stack.enter_async_context(started_bot(config, url, clock))
                for name, url in urls.items()}
        for bot in bots.values():
            bot.scheduler.register("bench.tick", lambda job, when, bot=bot: tick(bot, job, when))
            await bot.scheduler.recover()
        semaphore = asyncio.Semaphore(concurrency)
        done = 0

        async def one(tenant: str, draft_id: int, who: str) -> None:
            nonlocal done
            async with semaphore:
                # Refused: already cast (a retry of a vote the dead instance committed).
                with contextlib.suppress(Refused):
                    await cast(bots[tenant], Person(f"local:{who}", who, member=True),
                               draft_id, Choice.APPROVE, None, None)
                done += 1
                print(f"voted {done}", flush=True)

        async def jobs(bot: Bot) -> None:
            while await bot.scheduler.run_due():
                pass

        await asyncio.gather(*(jobs(b) for b in bots.values()),
                             *(one(t, d, w) for t, d, w in votes))
        await asyncio.gather(*(jobs(b) for b in bots.values()))
    print("finished", flush=True)


def start_worker(directory: Path, urls: dict[str, str], votes: list[tuple[str, int, str]],
                 concurrency: int) -> subprocess.Popen[str]:
    plan = directory / f"plan-{len(list(directory.iterdir()))}.json"
    plan.write_text(json.dumps({"urls": urls, "votes": votes}), encoding="utf-8")
    return subprocess.Popen(
        [sys.executable, __file__, "--worker", str(plan), "--dir", str(directory),
         "--concurrency", str(concurrency)],
        stdout=subprocess.PIPE, text=True, env={**os.environ, "GARANT_LOOP": "asyncio"})


def wait_for(worker: subprocess.Popen[str], line: str) -> None:
    assert worker.stdout is not None
    for got in worker.stdout:
        if got.strip() == line:
            return
    raise SystemExit(f"a worker stopped before printing {line!r} (status {worker.wait()})")


async def verdict(urls: dict[str, str]) -> dict[str, int]:
    found = {"ballots": 0, "distinct_ballots": 0, "runs_ok": 0, "jobs_run": 0,
             "job_effects": 0}
    for url in urls.values():
        async with Store.open(url, SystemClock()) as store:
            current = await store.fetchrow(
                "SELECT count(*) AS n, count(DISTINCT draft_id || ':' || voter) AS distinct_ "
                "FROM draft_ballots WHERE latest = 1")
            runs = await store.fetchrow(
                "SELECT count(*) AS n, count(DISTINCT job_id) AS jobs FROM job_runs "
                "WHERE status = 'ok' AND job_id LIKE 'bench:%'")
            effects = await store.fetchrow(
                "SELECT count(*) AS n FROM audit_log WHERE action = 'bench.tick'")
        found["ballots"] += current["n"]
        found["distinct_ballots"] += current["distinct_"]
        found["runs_ok"] += runs["n"]
        found["jobs_run"] += runs["jobs"]
        found["job_effects"] += effects["n"]
    return found


def prepare_all(directory: Path, base: str, tenants: int, prefix: str
                ) -> tuple[dict[str, str], list[tuple[str, int, str]]]:
    """Every tenant's schema, drafts and jobs; the votes to cast, (tenant, draft, voter)."""
    urls = {f"{prefix}{n}": f"{base}?search_path={prefix}{n}" for n in range(tenants)}
    votes: list[tuple[str, int, str]] = []
    for name, url in urls.items():
        plan = asyncio.run(prepare(directory, url, DRAFTS // tenants, JOBS // tenants))
        votes += [(name, d, w) for d, w in plan]
    return urls, votes


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tenants", type=int, default=10, choices=(1, 2, 5, 10))
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    parser.add_argument("--dir", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        plan = json.loads(Path(args.worker).read_text(encoding="utf-8"))
        votes = [(t, int(d), w) for t, d, w in plan["votes"]]
        asyncio.run(work(Path(args.dir), plan["urls"], votes, args.concurrency))
        return

    from tests.postgres import cluster

    server = cluster()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            directory = Path(tmp)
            (directory / "garant.yaml").write_text(config_text(VOTERS), encoding="utf-8")
            # The baseline: one instance alone casts the same votes for the same tenants.
            urls, plan = prepare_all(directory, server.url, args.tenants, "solo")
            started = time.perf_counter()
            solo = start_worker(directory, urls, plan, args.concurrency)
            wait_for(solo, "finished")
            solo_seconds = time.perf_counter() - started

            urls, plan = prepare_all(directory, server.url, args.tenants, "tenant")
            half = len(plan) // 2
            started = time.perf_counter()
            a = start_worker(directory, urls, plan[:half], args.concurrency)
            b = start_worker(directory, urls, plan[half:], args.concurrency)
            wait_for(a, f"voted {half // 4}")
            a.send_signal(signal.SIGKILL)
            a.wait()
            killed_at = time.perf_counter() - started
            c = start_worker(directory, urls, plan[:half], args.concurrency)  # A's votes again
            wait_for(b, "finished")
            wait_for(c, "finished")
            both_seconds = time.perf_counter() - started
            found = asyncio.run(verdict(urls))
    finally:
        server.stop()
    votes = len(plan)
    print(f"tenants: {args.tenants} (a schema each); votes: {votes} on {DRAFTS} drafts; "
          f"jobs: {JOBS}; concurrency {args.concurrency} per instance")
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
