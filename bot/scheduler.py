"""Persisted jobs on an injected clock: daily prompts, one-off deadlines.

Guarantees
    * Once per scheduled time, retried until it succeeds.  A run is *claimed* (its
      `job_runs` row inserted, `next_run` advanced) in one transaction before the
      handler is called; `UNIQUE(job_id, scheduled_for)` makes a second claim
      impossible, whether it comes from another `Scheduler` on the same store,
      another process, or this one after a restart.  The claim holds a *lease*: a
      run whose process died inside the handler (its row still `running` past
      `lease_until`) is claimed again and run again.  Handlers are therefore
      idempotent: they check the state they change (a vote already closed, a day's
      prompt already claimed) and record their effects with dedupe keys.
    * A handler that fails (the database locked, a platform down) is retried with
      back-off (`retry_at`), while its occurrence is within its `grace`, at most
      `MAX_ATTEMPTS` times; then the run is `dead`: logged, audited, and told to the
      `on_dead` listeners (the moderators hear of it), never silently dropped.
    * Catch-up after downtime runs a daily job once, for the latest missed
      occurrence, if it is no more than `grace` late; otherwise it is recorded as
      `skipped` and the job moves on.  Nothing piles up.
    * Handler errors are logged and recorded; they never stop the loop.

Job ids are global to the store: two schedulers sharing a store share their jobs,
and whichever has the handler registered and claims first runs it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import sqlite3
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime, time, timedelta
from typing import Any, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot import faults
from bot.clock import Clock, as_utc, sleep_until_or
from bot.effects import backoff
from bot.store import Store, Transaction, dump_json, format_utc, parse_utc

__all__ = [
    "Handler",
    "Job",
    "RunPlan",
    "RunRecord",
    "Scheduler",
    "next_daily_run",
    "plan_run",
]

#: How long a claimed run may take before another round takes it over.
LEASE = timedelta(minutes=10)
#: Attempts of one run before it is given up as dead.
MAX_ATTEMPTS = 6

log = logging.getLogger(__name__)

ACTOR = "garant"
_RESOLUTION = timedelta(microseconds=1)
_MAX_WEEK = timedelta(days=8)  # any window this long holds one occurrence of each weekday


# --- pure schedule arithmetic ------------------------------------------------------


def next_daily_run(after: datetime, at: time, weekdays: frozenset[int], tz: ZoneInfo) -> datetime:
    """The first occurrence of local wall time `at` on one of `weekdays`, strictly after
    `after`, in UTC.

    DST: a wall time skipped by a spring-forward gap runs at the first instant after
    the gap (02:30 in Paris on the last Sunday of March runs at 03:00 CEST), so the
    day's prompt is late rather than lost; a wall time repeated by a fall-back runs
    once, at its first occurrence (fold=0).
    """
    after = as_utc(after)
    _check_daily(at, weekdays)
    day = after.astimezone(tz).date()
    for offset in range(8):
        candidate_day = day + timedelta(days=offset)
        if candidate_day.weekday() not in weekdays:
            continue
        candidate = _wall_time_to_utc(datetime.combine(candidate_day, at), tz)
        if candidate > after:
            return candidate
    raise AssertionError("unreachable: every weekday occurs within 8 days")


def _check_daily(at: time, weekdays: frozenset[int]) -> None:
    if at.tzinfo is not None:
        raise ValueError("`at` is a local wall time: pass it without tzinfo, and the zone apart")
    if not weekdays or not weekdays <= frozenset(range(7)):
        raise ValueError(f"weekdays must be a non-empty subset of 0..6 (0 = Monday): {weekdays}")


def _wall_time_to_utc(wall: datetime, tz: ZoneInfo) -> datetime:
    """Resolve a naive local time to an instant: first occurrence, or end of the gap."""
    first = wall.replace(tzinfo=tz, fold=0).astimezone(UTC)
    if first.astimezone(tz).replace(tzinfo=None) == wall:
        return first
    # In a gap, fold=0 applies the offset from before the transition and lands after
    # it; fold=1 applies the later offset and lands before it.  Bisect for the
    # transition itself: the first instant whose local time is past the gap.
    before = wall.replace(tzinfo=tz, fold=1).astimezone(UTC)
    offset_before = before.astimezone(tz).utcoffset()
    low, high = before, first
    while high - low > _RESOLUTION:
        middle = low + (high - low) / 2
        if middle.astimezone(tz).utcoffset() == offset_before:
            low = middle
        else:
            high = middle
    return high


def _latest_occurrence(
    first_due: datetime, now: datetime, at: time, weekdays: frozenset[int], tz: ZoneInfo
) -> datetime:
    """The last occurrence <= now, starting from a due `first_due` (bounded work even
    after months of downtime)."""
    latest = first_due
    cursor = max(first_due, now - _MAX_WEEK)
    while (following := next_daily_run(cursor, at, weekdays, tz)) <= now:
        latest = cursor = following
    return latest


# --- jobs -----------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    """A scheduled job as stored.  `next_run` is None once a one-off job is done."""

    id: str
    handler: str
    kind: Literal["daily", "once"]
    grace: timedelta
    payload: Mapping[str, Any] = field(default_factory=dict)
    next_run: datetime | None = None
    run_at: datetime | None = None
    at: time | None = None
    weekdays: frozenset[int] | None = None
    tz: str | None = None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Job:
        return cls(
            id=row["id"],
            handler=row["handler"],
            kind=row["kind"],
            grace=timedelta(seconds=row["grace_seconds"]),
            payload=json.loads(row["payload"]),
            next_run=_parse_optional(row["next_run"]),
            run_at=_parse_optional(row["run_at"]),
            at=time.fromisoformat(row["at_time"]) if row["at_time"] else None,
            weekdays=_parse_weekdays(row["weekdays"]),
            tz=row["tz"],
        )


@dataclass(frozen=True)
class RunPlan:
    """What claiming a due job means: which occurrence, run or skip, and what next."""

    scheduled_for: datetime
    run: bool
    next_run: datetime | None


@dataclass(frozen=True)
class RunRecord:
    job_id: str
    handler: str
    scheduled_for: datetime
    status: Literal["ok", "failed", "skipped", "dead"]
    error: str | None = None


Handler = Callable[[Job, datetime], Awaitable[None]]


def plan_run(job: Job, now: datetime) -> RunPlan:
    """Decide what to do with a job whose `next_run` is <= `now` (pure)."""
    if job.next_run is None or job.next_run > now:
        raise ValueError(f"job {job.id!r} is not due at {now}")
    if job.kind == "once":
        return RunPlan(job.next_run, now - job.next_run <= job.grace, None)
    assert job.at is not None and job.weekdays is not None and job.tz is not None
    tz = ZoneInfo(job.tz)
    latest = _latest_occurrence(job.next_run, now, job.at, job.weekdays, tz)
    return RunPlan(latest, now - latest <= job.grace, next_daily_run(now, job.at, job.weekdays, tz))


def _parse_optional(text: str | None) -> datetime | None:
    return parse_utc(text) if text else None


def _parse_weekdays(text: str | None) -> frozenset[int] | None:
    return frozenset(int(day) for day in text.split(",")) if text else None


def _format_weekdays(weekdays: frozenset[int]) -> str:
    return ",".join(str(day) for day in sorted(weekdays))


def _zone(tz_name: str) -> ZoneInfo:
    try:
        return ZoneInfo(tz_name)
    except (ZoneInfoNotFoundError, ValueError) as exc:
        hint = "use an IANA name like 'Europe/Paris'"
        raise ValueError(f"unknown time zone {tz_name!r}; {hint}") from exc


def _check_grace(grace: timedelta) -> None:
    if grace < timedelta(0):
        raise ValueError("grace must not be negative")


# --- the scheduler -----------------------------------------------------------------

_UPSERT = """
INSERT INTO jobs (id, handler, kind, run_at, at_time, weekdays, tz, grace_seconds, payload,
                  next_run, created_at, updated_at)
VALUES (:id, :handler, :kind, :run_at, :at_time, :weekdays, :tz, :grace_seconds, :payload,
        :next_run, :now, :now)
ON CONFLICT (id) DO UPDATE SET
    handler = excluded.handler, kind = excluded.kind, run_at = excluded.run_at,
    at_time = excluded.at_time, weekdays = excluded.weekdays, tz = excluded.tz,
    grace_seconds = excluded.grace_seconds, payload = excluded.payload,
    next_run = excluded.next_run, updated_at = excluded.updated_at
"""


class Scheduler:
    """Runs registered handlers for the jobs persisted in `store`, on `clock` time."""

    def __init__(self, store: Store, clock: Clock, *, idle: timedelta = timedelta(seconds=60)):
        self._store = store
        self._clock = clock
        self._idle = idle
        self._handlers: dict[str, Handler] = {}
        self._changed = asyncio.Event()
        self._round_failed = False
        self._dead_listeners: list[Callable[[RunRecord], Awaitable[None]]] = []

    def on_dead(self, listener: Callable[[RunRecord], Awaitable[None]]) -> None:
        """Hear of a run given up after its retries (to tell people)."""
        self._dead_listeners.append(listener)

    def register(self, handler_name: str, fn: Handler) -> None:
        """Make `handler_name` runnable here.  Jobs whose handler is not registered
        are left alone for another scheduler (or a later start) to run."""
        if handler_name in self._handlers:
            raise ValueError(f"handler {handler_name!r} is already registered")
        self._handlers[handler_name] = fn
        self._changed.set()

    # -- defining jobs

    async def schedule_daily(
        self,
        job_id: str,
        handler_name: str,
        at: time,
        weekdays: frozenset[int],
        tz_name: str,
        grace: timedelta = timedelta(hours=2),
        payload: Mapping[str, Any] | None = None,
        *,
        tx: Transaction | None = None,
    ) -> Job:
        """Create or update a daily job; safe to call at every start.

        With the same time, days and zone, `next_run` is kept: an occurrence missed
        while the bot was down is still caught up, and one already run is not rerun.
        A changed schedule starts from the next occurrence after now.
        """
        tz = _zone(tz_name)
        _check_daily(at, weekdays)
        _check_grace(grace)
        definition = {
            "kind": "daily",
            "at_time": at.isoformat(),
            "run_at": None,
            "weekdays": _format_weekdays(weekdays),
            "tz": tz_name,
        }
        async with self._transaction(tx) as t:
            existing = await self._load(t, job_id)
            if (
                existing is not None
                and existing.next_run is not None
                and _same(existing, definition)
            ):
                next_run = existing.next_run
            else:
                next_run = next_daily_run(self._clock.now(), at, weekdays, tz)
            return await self._upsert(t, job_id, handler_name, definition, grace, payload, next_run)

    async def schedule_at(
        self,
        job_id: str,
        handler_name: str,
        when: datetime,
        grace: timedelta = timedelta(hours=2),
        payload: Mapping[str, Any] | None = None,
        *,
        tx: Transaction | None = None,
    ) -> Job:
        """Create or update a one-off job.  Re-scheduling the same id at the same
        instant changes nothing (in particular, a job already run stays done)."""
        when = as_utc(when)
        _check_grace(grace)
        definition = {
            "kind": "once",
            "run_at": format_utc(when),
            "at_time": None,
            "weekdays": None,
            "tz": None,
        }
        async with self._transaction(tx) as t:
            existing = await self._load(t, job_id)
            next_run: datetime | None = when
            if existing is not None and _same(existing, definition):
                next_run = existing.next_run
            return await self._upsert(t, job_id, handler_name, definition, grace, payload, next_run)

    async def cancel(self, job_id: str, *, tx: Transaction | None = None) -> bool:
        """Forget a job (its run history stays).  Returns whether it existed."""
        async with self._transaction(tx) as t:
            result = await t.execute("DELETE FROM jobs WHERE id = ?", (job_id,))
            return result.rowcount > 0

    async def get(self, job_id: str) -> Job | None:
        row = await self._store.fetchone("SELECT * FROM jobs WHERE id = ?", (job_id,))
        return None if row is None else Job.from_row(row)

    async def pending(self) -> list[Job]:
        """Jobs that will run again, soonest first (whatever their handler)."""
        rows = await self._store.fetchall(
            "SELECT * FROM jobs WHERE next_run IS NOT NULL ORDER BY next_run, id"
        )
        return [Job.from_row(row) for row in rows]

    @asynccontextmanager
    async def _transaction(self, tx: Transaction | None) -> AsyncIterator[Transaction]:
        if tx is not None:
            tx.after_commit(self._changed.set)
            yield tx
            return
        async with self._store.transaction() as own:
            own.after_commit(self._changed.set)
            yield own

    async def _load(self, tx: Transaction, job_id: str) -> Job | None:
        row = await tx.fetchone("SELECT * FROM jobs WHERE id = ?", (job_id,))
        return None if row is None else Job.from_row(row)

    async def _upsert(
        self,
        tx: Transaction,
        job_id: str,
        handler_name: str,
        definition: Mapping[str, Any],
        grace: timedelta,
        payload: Mapping[str, Any] | None,
        next_run: datetime | None,
    ) -> Job:
        await tx.execute(
            _UPSERT,
            {
                "id": job_id,
                "handler": handler_name,
                **definition,
                "grace_seconds": grace.total_seconds(),
                "payload": dump_json(dict(payload or {})),
                "next_run": format_utc(next_run) if next_run else None,
                "now": format_utc(self._clock.now()),
            },
        )
        job = await self._load(tx, job_id)
        assert job is not None
        return job

    # -- running jobs

    async def run_due(self) -> list[RunRecord]:
        """Run (or skip, if too late) every due job with a registered handler, in
        time order; one at a time, so a slow handler delays the next.

        A job whose claim or bookkeeping fails (storage trouble, a damaged row) is
        logged and left for a later round, so that it cannot block the others.
        """
        records = []
        self._round_failed = False
        try:
            retries = await self._retry_ids()
        except Exception:
            log.exception("could not read the runs to retry; will try again")
            self._round_failed, retries = True, []
        for run_id in retries:
            try:
                record = await self._retry_one(run_id)
            except Exception:
                log.exception("could not retry job run %s; will retry", run_id)
                self._round_failed = True
                continue
            if record is not None:
                records.append(record)
        for job_id in await self._due_ids():
            try:
                record = await self._run_one(job_id)
            except Exception:
                log.exception("could not run job %s; will retry", job_id)
                self._round_failed = True
                continue
            if record is not None:
                records.append(record)
        return records

    async def run_forever(self) -> None:
        """Run due jobs, sleep until the next one (or `idle`), repeat; stop by
        cancelling the task.

        After a round with errors it waits `idle` before retrying: the failing job
        is still due, and waking "at its next run" would spin on it.
        """
        while True:
            self._changed.clear()
            try:
                await self.run_due()
                failed = self._round_failed
                wake = self._clock.now() + self._idle if failed else await self._next_wake()
            except Exception:
                log.exception("scheduler round failed; retrying later")
                wake = self._clock.now() + self._idle
            await self._sleep_until(wake)

    def _registered(self) -> tuple[str, list[str]]:
        names = sorted(self._handlers)
        return ", ".join("?" * len(names)), names

    async def _due_ids(self) -> list[str]:
        if not self._handlers:
            return []
        marks, names = self._registered()
        rows = await self._store.fetchall(
            "SELECT id FROM jobs WHERE next_run IS NOT NULL AND next_run <= ?"
            f" AND handler IN ({marks}) ORDER BY next_run, id",
            (format_utc(self._clock.now()), *names),
        )
        return [row["id"] for row in rows]

    async def recover(self) -> int:
        """At start: runs left `running` by a process that is gone are due for a retry at
        once; those of a live process are left to it. How many."""
        now = format_utc(self._clock.now())
        count = 0
        async with self._store.transaction() as tx:
            for owner in await self._store.gone_holders(tx, "job_runs", "running"):
                result = await tx.execute(
                    "UPDATE job_runs SET lease_until = ? WHERE status = 'running' "
                    "AND lease_owner IS ?", (now, owner))
                count += result.rowcount
        if count:
            log.warning("%d job run(s) interrupted by a stop are run again", count)
        return count

    async def _retry_ids(self) -> list[int]:
        """Runs to take again: failed ones whose retry time has come, and running ones
        whose lease ran out (their process died)."""
        if not self._handlers:
            return []
        marks, names = self._registered()
        now = format_utc(self._clock.now())
        rows = await self._store.fetchall(
            "SELECT id FROM job_runs WHERE ((status = 'failed' AND retry_at <= ?) OR"
            " (status = 'running' AND lease_until <= ?))"
            f" AND handler IN ({marks}) ORDER BY scheduled_for, id",
            (now, now, *names),
        )
        return [row["id"] for row in rows]

    async def _next_wake(self) -> datetime:
        latest = self._clock.now() + self._idle
        if not self._handlers:
            return latest
        marks, names = self._registered()
        row = await self._store.fetchone(
            f"SELECT min(next_run) AS soonest FROM jobs WHERE handler IN ({marks})", names
        )
        retry = await self._store.fetchone(
            "SELECT min(CASE status WHEN 'failed' THEN retry_at ELSE lease_until END) AS soonest"
            f" FROM job_runs WHERE status IN ('failed', 'running') AND handler IN ({marks})",
            names,
        )
        found = [_parse_optional(r["soonest"]) for r in (row, retry) if r is not None]
        return min([latest, *(when for when in found if when is not None)])

    async def _sleep_until(self, wake: datetime) -> None:
        """Sleep until `wake`, or until a job is (re)scheduled here."""
        await sleep_until_or(self._clock, wake, self._changed)

    async def _run_one(self, job_id: str) -> RunRecord | None:
        claimed = await self._claim(job_id)
        if claimed is None:
            return None
        job, plan = claimed
        if not plan.run:
            return RunRecord(job.id, job.handler, plan.scheduled_for, "skipped")
        faults.hit("job.claimed")
        return await self._call(job, plan.scheduled_for)

    async def _claim(self, job_id: str) -> tuple[Job, RunPlan] | None:
        """Take the job's current occurrence, or return None if someone else has."""
        async with self._store.transaction() as tx:
            job = await self._load(tx, job_id)
            now = self._clock.now()
            if job is None or job.next_run is None or job.next_run > now:
                return None
            plan = plan_run(job, now)
            status = "running" if plan.run else "skipped"
            inserted = await tx.execute(
                "INSERT INTO job_runs (job_id, handler, scheduled_for, status, claimed_at,"
                " finished_at, lease_until, lease_owner) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
                " ON CONFLICT (job_id, scheduled_for) DO NOTHING",
                (
                    job.id,
                    job.handler,
                    format_utc(plan.scheduled_for),
                    status,
                    format_utc(now),
                    None if plan.run else format_utc(now),
                    format_utc(now + LEASE) if plan.run else None,
                    self._store.instance,
                ),
            )
            await tx.execute(
                "UPDATE jobs SET next_run = ?, updated_at = ? WHERE id = ?",
                (format_utc(plan.next_run) if plan.next_run else None, format_utc(now), job.id),
            )
            if inserted.rowcount == 0:  # that occurrence already ran (job re-scheduled onto it)
                return None
            if not plan.run:
                await tx.audit(
                    ACTOR,
                    "job.skipped",
                    f"job:{job.id}",
                    reason=f"{now - plan.scheduled_for} late, grace is {job.grace}",
                    handler=job.handler,
                    scheduled_for=plan.scheduled_for,
                )
                log.warning("job %s skipped: %s was past its grace", job.id, plan.scheduled_for)
            return replace(job, next_run=plan.next_run), plan

    async def _retry_one(self, run_id: int) -> RunRecord | None:
        """Take a failed or abandoned run again, if it is still ours to take and its
        occurrence is still within its grace."""
        async with self._store.transaction() as tx:
            now = self._clock.now()
            stamp = format_utc(now)
            taken = await tx.execute(
                "UPDATE job_runs SET status = 'running', attempts = attempts + 1,"
                " lease_until = ?, lease_owner = ?, retry_at = NULL, claimed_at = ? WHERE id = ?"
                " AND"
                " ((status = 'failed' AND retry_at <= ?) OR"
                " (status = 'running' AND lease_until <= ?))",
                (format_utc(now + LEASE), self._store.instance, stamp, run_id, stamp, stamp),
            )
            if not taken.rowcount:
                return None  # another round (or process) took it
            run = await tx.fetchrow("SELECT * FROM job_runs WHERE id = ?", (run_id,))
            job = await self._load(tx, run["job_id"])
        scheduled_for = parse_utc(run["scheduled_for"])
        if job is None:  # cancelled since (a draft deleted): nothing left to do
            await self._finish(run["job_id"], run["handler"], scheduled_for, "skipped",
                               "the job was cancelled", run["attempts"])
            return RunRecord(run["job_id"], run["handler"], scheduled_for, "skipped")
        if now - scheduled_for > job.grace:
            error = f"{run['error'] or 'interrupted'}; past its grace ({job.grace})"
            return await self._give_up(job.id, job.handler, scheduled_for, error,
                                       run["attempts"])
        log.warning("job %s: attempt %d for %s", job.id, run["attempts"], scheduled_for)
        return await self._call(job, scheduled_for, run["attempts"])

    async def _call(self, job: Job, scheduled_for: datetime, attempts: int = 1) -> RunRecord:
        handler = self._handlers.get(job.handler)
        try:
            if handler is None:
                raise LookupError(f"no handler {job.handler!r} registered")
            await handler(job, scheduled_for)
        except asyncio.CancelledError:
            # Shut down mid-run: the lease lets the next start take it again at once.
            await asyncio.shield(self._finish(job.id, job.handler, scheduled_for, "failed",
                                              "cancelled", attempts, retry_at=self._clock.now()))
            raise
        except Exception as exc:
            log.exception("job %s (%s) failed", job.id, job.handler)
            error = f"{type(exc).__name__}: {exc}"
            if attempts >= MAX_ATTEMPTS:
                return await self._give_up(job.id, job.handler, scheduled_for, error, attempts)
            retry_at = self._clock.now() + backoff(attempts)
            await self._finish(job.id, job.handler, scheduled_for, "failed", error, attempts,
                               retry_at=retry_at)
            return RunRecord(job.id, job.handler, scheduled_for, "failed", error)
        await self._finish(job.id, job.handler, scheduled_for, "ok", None, attempts)
        return RunRecord(job.id, job.handler, scheduled_for, "ok")

    async def _give_up(self, job_id: str, handler: str, scheduled_for: datetime, error: str,
                       attempts: int) -> RunRecord:
        log.error("job %s (%s) for %s given up after %d attempts: %s", job_id, handler,
                  scheduled_for, attempts, error)
        await self._finish(job_id, handler, scheduled_for, "dead", error, attempts)
        record = RunRecord(job_id, handler, scheduled_for, "dead", error)
        for listener in self._dead_listeners:
            try:
                await listener(record)
            except Exception:
                log.exception("dead-job listener failed")
        return record

    async def _finish(self, job_id: str, handler: str, scheduled_for: datetime, status: str,
                      error: str | None, attempts: int, *,
                      retry_at: datetime | None = None) -> None:
        async with self._store.transaction() as tx:
            now = self._clock.now()
            await tx.execute(
                "UPDATE job_runs SET status = ?, finished_at = ?, error = ?, retry_at = ?,"
                " lease_until = NULL WHERE job_id = ? AND scheduled_for = ?",
                (status, format_utc(now), error, format_utc(retry_at) if retry_at else None,
                 job_id, format_utc(scheduled_for)),
            )
            await tx.audit(
                ACTOR,
                "job.run",
                f"job:{job_id}",
                reason=error,
                handler=handler,
                scheduled_for=scheduled_for,
                status=status,
                attempts=attempts,
            )
        if retry_at is not None:
            self._changed.set()


def _same(job: Job, definition: Mapping[str, Any]) -> bool:
    """Does the stored job have this schedule (ignoring handler, grace, payload)?"""
    stored = {
        "kind": job.kind,
        "run_at": format_utc(job.run_at) if job.run_at else None,
        "at_time": job.at.isoformat() if job.at else None,
        "weekdays": _format_weekdays(job.weekdays) if job.weekdays else None,
        "tz": job.tz,
    }
    return stored == dict(definition)
