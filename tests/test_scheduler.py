"""Clock, schedule arithmetic (DST included) and the persisted scheduler.

Real SQLite files, a ManualClock, no mocks and no real sleeping.
"""

import asyncio
import sqlite3
from bisect import bisect_left
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, time, timedelta
from itertools import accumulate
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.clock import ManualClock, SystemClock
from bot.scheduler import LEASE, MAX_ATTEMPTS, Job, RunRecord, Scheduler, next_daily_run, plan_run
from bot.store import Store

PARIS = ZoneInfo("Europe/Paris")
NEW_YORK = ZoneInfo("America/New_York")
EVERY_DAY = frozenset(range(7))
WORKING_DAYS = frozenset(range(5))


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def local(zone: ZoneInfo, *args: int) -> datetime:
    return datetime(*args, tzinfo=zone)


class Calls:
    """A handler that records what it was asked to run."""

    def __init__(self, effect: Callable[[], Awaitable[None]] | None = None) -> None:
        self.runs: list[tuple[str, datetime]] = []
        self.effect = effect
        self.event = asyncio.Event()

    async def __call__(self, job: Job, scheduled_for: datetime) -> None:
        self.runs.append((job.id, scheduled_for))
        self.event.set()
        if self.effect is not None:
            await self.effect()


def scheduler_with(store: Store, clock: ManualClock, **handlers: Calls) -> Scheduler:
    scheduler = Scheduler(store, clock)
    for name, handler in handlers.items():
        scheduler.register(name, handler)
    return scheduler


async def run_rows(store: Store) -> list[tuple[str, str, str]]:
    rows = await store.fetchall("SELECT job_id, scheduled_for, status FROM job_runs ORDER BY id")
    return [tuple(row) for row in rows]


# --- clock ------------------------------------------------------------------------


async def test_manual_clock_wakes_sleepers_only_when_time_is_reached() -> None:
    clock = ManualClock(utc(2026, 1, 1))
    sleeper = asyncio.create_task(clock.sleep_until(utc(2026, 1, 1, 1)))
    await asyncio.sleep(0)
    clock.advance(timedelta(minutes=59))
    await asyncio.sleep(0)
    assert not sleeper.done()
    clock.advance(timedelta(minutes=1))
    await asyncio.wait_for(sleeper, 1)
    await clock.sleep_until(utc(2025, 1, 1))  # the past: immediate
    clock.set(utc(2025, 6, 1))
    assert clock.now() == utc(2025, 6, 1)


def test_clocks_refuse_naive_times_and_going_back_by_accident() -> None:
    with pytest.raises(ValueError, match="naive"):
        ManualClock(datetime(2026, 1, 1))
    clock = ManualClock(local(PARIS, 2026, 7, 1, 12))
    assert clock.now() == utc(2026, 7, 1, 10) and clock.now().tzinfo is UTC
    with pytest.raises(ValueError, match="set"):
        clock.advance(timedelta(seconds=-1))
    assert SystemClock().now().tzinfo is UTC


async def test_system_clock_does_not_sleep_for_the_past() -> None:
    clock = SystemClock()
    await asyncio.wait_for(clock.sleep_until(clock.now() - timedelta(hours=1)), 0.5)


# --- next_daily_run: known answers --------------------------------------------------------


@pytest.mark.parametrize(
    ("after", "at", "zone", "expected"),
    [
        # Paris, spring forward on Sunday 29 March 2026: 02:00 CET -> 03:00 CEST.
        (utc(2026, 3, 28, 12), time(2, 30), PARIS, utc(2026, 3, 29, 1, 0)),  # 03:00 CEST
        (utc(2026, 3, 28, 12), time(2, 0), PARIS, utc(2026, 3, 29, 1, 0)),
        (utc(2026, 3, 28, 12), time(3, 0), PARIS, utc(2026, 3, 29, 1, 0)),
        (utc(2026, 3, 28, 12), time(1, 59), PARIS, utc(2026, 3, 29, 0, 59)),
        (utc(2026, 3, 29, 1, 0), time(2, 30), PARIS, utc(2026, 3, 30, 0, 30)),
        (utc(2026, 3, 28, 12), time(9, 0), PARIS, utc(2026, 3, 29, 7, 0)),
        # Paris, fall back on Sunday 25 October 2026: 03:00 CEST -> 02:00 CET.
        (utc(2026, 10, 24, 12), time(2, 30), PARIS, utc(2026, 10, 25, 0, 30)),  # first one
        (utc(2026, 10, 25, 0, 30), time(2, 30), PARIS, utc(2026, 10, 26, 1, 30)),  # only once
        (utc(2026, 10, 25, 0, 45), time(2, 30), PARIS, utc(2026, 10, 26, 1, 30)),
        (utc(2026, 10, 24, 12), time(3, 0), PARIS, utc(2026, 10, 25, 2, 0)),
        # New York: 8 March 2026 02:00 EST -> 03:00 EDT; 1 November 02:00 EDT -> 01:00 EST.
        (utc(2026, 3, 7, 12), time(2, 30), NEW_YORK, utc(2026, 3, 8, 7, 0)),  # 03:00 EDT
        (utc(2026, 3, 7, 16), time(9, 0), NEW_YORK, utc(2026, 3, 8, 13, 0)),
        (utc(2026, 10, 31, 12), time(1, 30), NEW_YORK, utc(2026, 11, 1, 5, 30)),  # EDT one
        (utc(2026, 11, 1, 5, 30), time(1, 30), NEW_YORK, utc(2026, 11, 2, 6, 30)),
    ],
)
def test_next_daily_run_known_answers(
    after: datetime, at: time, zone: ZoneInfo, expected: datetime
) -> None:
    assert next_daily_run(after, at, EVERY_DAY, zone) == expected


def test_next_daily_run_respects_weekdays_and_is_strict() -> None:
    friday_nine = local(PARIS, 2026, 1, 9, 9).astimezone(UTC)
    monday_nine = local(PARIS, 2026, 1, 12, 9).astimezone(UTC)
    assert next_daily_run(friday_nine, time(9), WORKING_DAYS, PARIS) == monday_nine
    just_before = friday_nine - timedelta(microseconds=1)
    assert next_daily_run(just_before, time(9), WORKING_DAYS, PARIS) == friday_nine
    sundays = frozenset({6})
    assert next_daily_run(friday_nine, time(9), sundays, PARIS) == utc(2026, 1, 11, 8)


def test_next_daily_run_rejects_bad_arguments() -> None:
    with pytest.raises(ValueError, match="weekdays"):
        next_daily_run(utc(2026, 1, 1), time(9), frozenset(), PARIS)
    with pytest.raises(ValueError, match="weekdays"):
        next_daily_run(utc(2026, 1, 1), time(9), frozenset({7}), PARIS)
    with pytest.raises(ValueError, match="wall time"):
        next_daily_run(utc(2026, 1, 1), time(9, tzinfo=UTC), EVERY_DAY, PARIS)
    with pytest.raises(ValueError, match="naive"):
        next_daily_run(datetime(2026, 1, 1), time(9), EVERY_DAY, PARIS)


# --- next_daily_run: exhaustive around the 2026 transitions -----------------------------


class Oracle:
    """Brute force at minute resolution, independent of the code under test.

    A day's occurrence of wall time `at` is the first UTC minute (in time order)
    whose local date is that day and whose local time has reached `at`: that is
    the first occurrence of an ambiguous time, and the end of a gap for a missing one.
    """

    def __init__(self, zone: ZoneInfo, first_day: date, days: int) -> None:
        self.zone = zone
        start = datetime.combine(first_day, time(0), UTC) - timedelta(hours=15)
        per_day: dict[date, tuple[list[datetime], list[int]]] = {}
        for step in range((days + 2) * 24 * 60):
            instant = start + timedelta(minutes=step)
            wall = instant.astimezone(zone)
            instants, minutes = per_day.setdefault(wall.date(), ([], []))
            instants.append(instant)
            minutes.append(wall.hour * 60 + wall.minute)
        # Local time of day is not monotonic on a fall-back day; its running maximum is.
        self.days = {
            day: (instants, list(accumulate(minutes, max)))
            for day, (instants, minutes) in per_day.items()
        }

    def occurrence(self, day: date, at: time) -> datetime | None:
        instants, reached = self.days[day]
        index = bisect_left(reached, at.hour * 60 + at.minute)
        return instants[index] if index < len(instants) else None

    def next_run(self, after: datetime, at: time, weekdays: frozenset[int]) -> datetime:
        day = after.astimezone(self.zone).date()
        for offset in range(8):
            candidate_day = day + timedelta(days=offset)
            if candidate_day.weekday() in weekdays:
                found = self.occurrence(candidate_day, at)
                if found is not None and found > after:
                    return found
        raise AssertionError("oracle found nothing")


TRANSITIONS = [
    ("Europe/Paris", date(2026, 3, 29)),
    ("Europe/Paris", date(2026, 10, 25)),
    ("America/New_York", date(2026, 3, 8)),
    ("America/New_York", date(2026, 11, 1)),
]
NEAR_TRANSITION = [time(h, m) for h in (0, 1, 2, 3) for m in (0, 1, 29, 30, 31, 59)]
AT_TIMES = sorted({*NEAR_TRANSITION, *(time(h, m) for h in range(24) for m in (0, 30))})


@pytest.mark.parametrize(("zone_name", "transition"), TRANSITIONS)
def test_next_daily_run_matches_brute_force_around_dst(zone_name: str, transition: date) -> None:
    zone = ZoneInfo(zone_name)
    oracle = Oracle(zone, transition - timedelta(days=3), days=14)
    first = datetime.combine(transition - timedelta(days=2), time(0), UTC)
    afters = [first + timedelta(minutes=20 * k) for k in range(4 * 24 * 3)]
    for weekdays in (EVERY_DAY, frozenset({6}), WORKING_DAYS):
        for at in AT_TIMES:
            for after in afters:
                expected = oracle.next_run(after, at, weekdays)
                assert next_daily_run(after, at, weekdays, zone) == expected, (after, at)
            # Exactly at an occurrence: the next one, never the same one again.
            for day_offset in range(-1, 2):
                occurrence = oracle.occurrence(transition + timedelta(days=day_offset), at)
                assert occurrence is not None
                after_it = next_daily_run(occurrence, at, weekdays, zone)
                assert after_it > occurrence
                assert after_it == oracle.next_run(occurrence, at, weekdays)


ZONES = ["Europe/Paris", "America/New_York", "Australia/Lord_Howe", "America/Santiago"]


@settings(max_examples=300, deadline=None)
@given(
    after=st.datetimes(datetime(2020, 1, 1), datetime(2035, 1, 1), timezones=st.just(UTC)),
    at=st.times(),
    weekdays=st.frozensets(st.integers(0, 6), min_size=1),
    zone_name=st.sampled_from(ZONES),
)
def test_next_daily_run_properties(
    after: datetime, at: time, weekdays: frozenset[int], zone_name: str
) -> None:
    zone = ZoneInfo(zone_name)
    result = next_daily_run(after, at, weekdays, zone)
    assert after < result <= after + timedelta(days=8)
    wall = result.astimezone(zone)
    assert wall.weekday() in weekdays
    intended = datetime.combine(wall.date(), at)
    first_occurrence = intended.replace(tzinfo=zone, fold=0).astimezone(UTC)
    if first_occurrence.astimezone(zone).replace(tzinfo=None) == intended:
        assert result == first_occurrence
    else:  # `at` fell in a gap: we run at the first instant after it
        just_before = (result - timedelta(microseconds=1)).astimezone(zone)
        assert just_before.utcoffset() != wall.utcoffset()
        # Compared as wall datetimes: a gap at midnight starts the day before.
        assert just_before.replace(tzinfo=None) < intended < wall.replace(tzinfo=None)


# --- plan_run (pure) ----------------------------------------------------------------


def daily_job(next_run: datetime, grace: timedelta = timedelta(hours=2)) -> Job:
    return Job(
        id="routine",
        handler="prompt",
        kind="daily",
        grace=grace,
        next_run=next_run,
        at=time(9),
        weekdays=WORKING_DAYS,
        tz="Europe/Paris",
    )


def test_plan_run_catches_up_once_with_the_latest_occurrence() -> None:
    monday = local(PARIS, 2026, 1, 5, 9).astimezone(UTC)
    thursday_ten = local(PARIS, 2026, 1, 8, 10).astimezone(UTC)
    plan = plan_run(daily_job(monday), thursday_ten)
    assert plan.scheduled_for == local(PARIS, 2026, 1, 8, 9)
    assert plan.run
    assert plan.next_run == local(PARIS, 2026, 1, 9, 9)
    # Months later: bounded work, skipped, and the next run is in the future.
    much_later = local(PARIS, 2026, 6, 6, 12).astimezone(UTC)  # a Saturday
    plan = plan_run(daily_job(monday), much_later)
    assert plan.scheduled_for == local(PARIS, 2026, 6, 5, 9)
    assert not plan.run
    assert plan.next_run == local(PARIS, 2026, 6, 8, 9)


def test_plan_run_refuses_a_job_that_is_not_due() -> None:
    with pytest.raises(ValueError, match="not due"):
        plan_run(daily_job(utc(2026, 1, 6)), utc(2026, 1, 5))


# --- the persisted scheduler --------------------------------------------------------

NINE = time(9)  # 08:00 UTC in January


async def test_jobs_survive_a_restart(db_path: Path, clock: ManualClock) -> None:
    async with Store.open(db_path, clock) as store:
        scheduler = Scheduler(store, clock)
        daily = await scheduler.schedule_daily(
            "routine:main",
            "prompt",
            NINE,
            WORKING_DAYS,
            "Europe/Paris",
            grace=timedelta(minutes=90),
            payload={"routine": "main", "channel": "C1"},
        )
        once = await scheduler.schedule_at(
            "draft:42:deadline", "close_vote", utc(2026, 1, 7, 17), payload={"draft": 42}
        )
    async with Store.open(db_path, clock) as store:
        scheduler = Scheduler(store, clock)
        assert await scheduler.get("routine:main") == daily
        assert await scheduler.get("draft:42:deadline") == once
        assert await scheduler.pending() == [daily, once]
    assert daily.next_run == utc(2026, 1, 5, 8)
    assert daily.payload == {"routine": "main", "channel": "C1"}
    assert daily.grace == timedelta(minutes=90)


async def test_due_job_runs_once_across_restart(db_path: Path, clock: ManualClock) -> None:
    prompt = Calls()
    async with Store.open(db_path, clock) as store:
        scheduler = scheduler_with(store, clock, prompt=prompt)
        await scheduler.schedule_daily("routine", "prompt", NINE, WORKING_DAYS, "Europe/Paris")
        clock.set(utc(2026, 1, 5, 8, 5))
        [record] = await scheduler.run_due()
        assert (record.status, record.scheduled_for) == ("ok", utc(2026, 1, 5, 8))
    async with Store.open(db_path, clock) as store:
        scheduler = scheduler_with(store, clock, prompt=prompt)
        await scheduler.schedule_daily("routine", "prompt", NINE, WORKING_DAYS, "Europe/Paris")
        assert await scheduler.run_due() == []
        assert await run_rows(store) == [("routine", "2026-01-05T08:00:00.000000Z", "ok")]
    assert prompt.runs == [("routine", utc(2026, 1, 5, 8))]


async def test_a_run_cut_by_a_crash_is_taken_again_when_its_lease_expires(
    db_path: Path, clock: ManualClock
) -> None:
    async def die() -> None:
        raise SystemExit("power cut")

    async with Store.open(db_path, clock) as store:
        scheduler = scheduler_with(store, clock, publish=Calls(die))
        await scheduler.schedule_at("post:1", "publish", clock.now())
        with pytest.raises(SystemExit):
            await scheduler.run_due()
    publish = Calls()
    async with Store.open(db_path, clock) as store:
        scheduler = scheduler_with(store, clock, publish=publish)
        await scheduler.schedule_at("post:1", "publish", clock.now())  # startup re-registration
        # The dead process's lease still holds: another process may be running it.
        assert await scheduler.run_due() == []
        assert publish.runs == []
        clock.advance(LEASE + timedelta(seconds=1))
        [record] = await scheduler.run_due()
        assert (record.job_id, record.status) == ("post:1", "ok")
        assert await run_rows(store) == [("post:1", "2026-01-05T07:00:00.000000Z", "ok")]
        assert await scheduler.run_due() == []  # done once, not again
    assert publish.runs == [("post:1", utc(2026, 1, 5, 7))]


async def test_a_run_cut_by_a_crash_is_run_again_at_the_next_start(
    db_path: Path, clock: ManualClock
) -> None:
    async def die() -> None:
        raise SystemExit("power cut")

    async with Store.open(db_path, clock) as store:
        scheduler = scheduler_with(store, clock, close=Calls(die))
        await scheduler.schedule_at("draft:3:deadline", "close", clock.now())
        with pytest.raises(SystemExit):
            await scheduler.run_due()
    close = Calls()
    async with Store.open(db_path, clock) as store:
        scheduler = scheduler_with(store, clock, close=close)
        assert await scheduler.recover() == 1  # what `garant run` does first
        [record] = await scheduler.run_due()
        assert record.status == "ok"
        row = await store.fetchone("SELECT status, attempts FROM job_runs")
        assert row is not None and (row["status"], row["attempts"]) == ("ok", 2)
    assert close.runs == [("draft:3:deadline", utc(2026, 1, 5, 7))]


async def test_a_run_cancelled_by_a_shutdown_is_run_again_at_the_next_round(
    store: Store, clock: ManualClock
) -> None:
    started = asyncio.Event()
    attempts = []

    async def hang_once() -> None:
        attempts.append(clock.now())
        if len(attempts) == 1:
            started.set()
            await asyncio.Event().wait()

    scheduler = scheduler_with(store, clock, publish=Calls(hang_once))
    await scheduler.schedule_at("post:1", "publish", clock.now())
    task = asyncio.create_task(scheduler.run_due())
    await started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task
    assert await run_rows(store) == [("post:1", "2026-01-05T07:00:00.000000Z", "failed")]
    [record] = await scheduler.run_due()
    assert record.status == "ok" and len(attempts) == 2


async def test_a_failing_handler_is_retried_with_back_off_then_given_up_and_told(
    store: Store, clock: ManualClock
) -> None:
    async def locked() -> None:
        raise sqlite3.OperationalError("database is locked")

    broken = Calls(locked)
    scheduler = scheduler_with(store, clock, broken=broken)
    dead: list[str] = []

    async def told(record: RunRecord) -> None:
        dead.append(record.job_id)

    scheduler.on_dead(told)
    await scheduler.schedule_at("report", "broken", clock.now(), timedelta(days=1))
    [first] = await scheduler.run_due()
    assert first.status == "failed"
    assert await scheduler.run_due() == []  # not before its retry time
    waits = []
    for _ in range(MAX_ATTEMPTS - 1):
        row = await store.fetchone("SELECT retry_at FROM job_runs")
        assert row is not None and row["retry_at"] is not None
        wait = datetime.fromisoformat(row["retry_at"].replace("Z", "+00:00")) - clock.now()
        waits.append(wait)
        clock.advance(wait)
        [record] = await scheduler.run_due()
    assert waits == sorted(waits) and waits[0] < waits[-1]  # backing off
    assert record.status == "dead" and dead == ["report"]
    assert len(broken.runs) == MAX_ATTEMPTS
    row = await store.fetchone("SELECT status, attempts, error FROM job_runs")
    assert row is not None
    assert (row["status"], row["attempts"]) == ("dead", MAX_ATTEMPTS)
    assert "database is locked" in row["error"]
    clock.advance(timedelta(hours=2))
    assert await scheduler.run_due() == []  # dead stays dead


async def test_a_failed_run_past_its_grace_is_given_up_not_run_late(
    store: Store, clock: ManualClock
) -> None:
    calls = 0

    async def fail_once() -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise RuntimeError("Slack is down")

    scheduler = scheduler_with(store, clock, prompt=Calls(fail_once))
    await scheduler.schedule_at("prompt", "prompt", clock.now(), timedelta(seconds=2))
    await scheduler.run_due()
    clock.advance(timedelta(minutes=1))  # the retry comes after the prompt's grace
    [record] = await scheduler.run_due()
    assert record.status == "dead" and "past its grace" in (record.error or "")
    assert calls == 1


@pytest.mark.parametrize("separate_connections", [False, True])
async def test_racing_schedulers_run_a_job_once(
    db_path: Path, clock: ManualClock, separate_connections: bool
) -> None:
    prompt = Calls(lambda: asyncio.sleep(0))
    async with Store.open(db_path, clock) as first, Store.open(db_path, clock) as other:
        second = other if separate_connections else first
        slack = scheduler_with(first, clock, prompt=prompt)
        discord = scheduler_with(second, clock, prompt=prompt)
        await slack.schedule_daily("routine", "prompt", NINE, EVERY_DAY, "Europe/Paris")
        await discord.schedule_daily("routine", "prompt", NINE, EVERY_DAY, "Europe/Paris")
        for day in range(3):
            clock.set(utc(2026, 1, 5 + day, 8, 1))
            results = await asyncio.gather(*(s.run_due() for s in (slack, discord) * 5))
            assert sum(len(records) for records in results) == 1
        assert len(await run_rows(first)) == 3
    assert [when for _, when in prompt.runs] == [utc(2026, 1, d, 8) for d in (5, 6, 7)]


async def test_catch_up_within_grace_runs_latest_once(store: Store, clock: ManualClock) -> None:
    prompt = Calls()
    scheduler = scheduler_with(store, clock, prompt=prompt)
    await scheduler.schedule_daily("routine", "prompt", NINE, WORKING_DAYS, "Europe/Paris")
    clock.set(local(PARIS, 2026, 1, 8, 10, 30))  # down since Monday; Thursday 10:30
    [record] = await scheduler.run_due()
    assert record.status == "ok"
    assert prompt.runs == [("routine", local(PARIS, 2026, 1, 8, 9))]
    assert (await scheduler.get("routine")).next_run == local(PARIS, 2026, 1, 9, 9)
    assert await scheduler.run_due() == []
    [entry] = await store.audit_entries("job:routine")
    assert (entry.actor, entry.action, entry.data["status"]) == ("garant", "job.run", "ok")


async def test_catch_up_outside_grace_is_skipped(store: Store, clock: ManualClock) -> None:
    prompt = Calls()
    scheduler = scheduler_with(store, clock, prompt=prompt)
    await scheduler.schedule_daily("routine", "prompt", NINE, WORKING_DAYS, "Europe/Paris")
    clock.set(local(PARIS, 2026, 1, 8, 11, 0, 1))  # two hours and a second late
    [record] = await scheduler.run_due()
    assert (record.status, record.scheduled_for) == ("skipped", local(PARIS, 2026, 1, 8, 9))
    assert prompt.runs == []
    assert await run_rows(store) == [("routine", "2026-01-08T08:00:00.000000Z", "skipped")]
    assert (await scheduler.get("routine")).next_run == local(PARIS, 2026, 1, 9, 9)
    [entry] = await store.audit_entries("job:routine")
    assert entry.action == "job.skipped"
    assert entry.data["scheduled_for"] == "2026-01-08T08:00:00.000000Z"
    clock.set(local(PARIS, 2026, 1, 9, 9, 30))
    assert [r.status for r in await scheduler.run_due()] == ["ok"]


async def test_restart_after_missed_prompt_still_catches_up(
    db_path: Path, clock: ManualClock
) -> None:
    async with Store.open(db_path, clock) as store:
        await Scheduler(store, clock).schedule_daily(
            "routine", "prompt", NINE, WORKING_DAYS, "Europe/Paris"
        )
    clock.set(local(PARIS, 2026, 1, 5, 9, 40))  # the bot was down at 09:00
    prompt = Calls()
    async with Store.open(db_path, clock) as store:
        scheduler = scheduler_with(store, clock, prompt=prompt)
        await scheduler.schedule_daily("routine", "prompt", NINE, WORKING_DAYS, "Europe/Paris")
        assert [r.status for r in await scheduler.run_due()] == ["ok"]
    assert prompt.runs == [("routine", local(PARIS, 2026, 1, 5, 9))]


async def drive(scheduler: Scheduler, clock: ManualClock, until: datetime) -> None:
    while clock.now() < until:
        clock.advance(timedelta(minutes=15))
        await scheduler.run_due()


@pytest.mark.parametrize(
    ("start", "expected_utc"),
    [
        (  # spring forward: 02:30 does not exist on the 29th, so 03:00 CEST
            utc(2026, 3, 26),
            [
                utc(2026, 3, 26, 1, 30),
                utc(2026, 3, 27, 1, 30),
                utc(2026, 3, 28, 1, 30),
                utc(2026, 3, 29, 1, 0),
                utc(2026, 3, 30, 0, 30),
                utc(2026, 3, 31, 0, 30),
            ],
        ),
        (  # fall back: 02:30 happens twice on the 25th, runs once, at the first
            utc(2026, 10, 22),
            [
                utc(2026, 10, 22, 0, 30),
                utc(2026, 10, 23, 0, 30),
                utc(2026, 10, 24, 0, 30),
                utc(2026, 10, 25, 0, 30),
                utc(2026, 10, 26, 1, 30),
                utc(2026, 10, 27, 1, 30),
            ],
        ),
    ],
)
async def test_dst_weeks_run_once_a_day(
    store: Store, clock: ManualClock, start: datetime, expected_utc: list[datetime]
) -> None:
    clock.set(start)
    prompt = Calls()
    scheduler = scheduler_with(store, clock, prompt=prompt)
    await scheduler.schedule_daily("night", "prompt", time(2, 30), EVERY_DAY, "Europe/Paris")
    await scheduler.schedule_daily("office", "prompt", NINE, WORKING_DAYS, "Europe/Paris")
    await drive(scheduler, clock, start + timedelta(days=6))
    night = [when for job_id, when in prompt.runs if job_id == "night"]
    office = [when.astimezone(PARIS) for job_id, when in prompt.runs if job_id == "office"]
    assert night == expected_utc
    assert [(w.weekday(), w.time()) for w in office] == [(d, NINE) for d in (3, 4, 0, 1)]


async def test_one_off_job_runs_at_its_instant_once(store: Store, clock: ManualClock) -> None:
    close_vote = Calls()
    scheduler = scheduler_with(store, clock, close_vote=close_vote)
    deadline = utc(2026, 1, 7, 17)
    await scheduler.schedule_at("draft:42", "close_vote", deadline, payload={"draft": 42})
    clock.set(deadline - timedelta(microseconds=1))
    assert await scheduler.run_due() == []
    clock.set(deadline)
    [record] = await scheduler.run_due()
    assert (record.job_id, record.status, record.scheduled_for) == ("draft:42", "ok", deadline)
    job = await scheduler.get("draft:42")
    assert job is not None and job.next_run is None and job.payload == {"draft": 42}
    assert await scheduler.pending() == []
    # Re-scheduling the same instant is a no-op; a new instant runs again.
    await scheduler.schedule_at("draft:42", "close_vote", deadline)
    assert await scheduler.run_due() == []
    await scheduler.schedule_at("draft:42", "close_vote", deadline + timedelta(hours=1))
    clock.advance(timedelta(hours=1))
    assert [r.status for r in await scheduler.run_due()] == ["ok"]
    assert [when for _, when in close_vote.runs] == [deadline, deadline + timedelta(hours=1)]


async def test_one_off_job_past_grace_is_skipped_and_done(store: Store, clock: ManualClock) -> None:
    close_vote = Calls()
    scheduler = scheduler_with(store, clock, close_vote=close_vote)
    await scheduler.schedule_at("draft:7", "close_vote", clock.now(), grace=timedelta(minutes=5))
    clock.advance(timedelta(minutes=6))
    [record] = await scheduler.run_due()
    assert record.status == "skipped"
    assert close_vote.runs == []
    assert (await scheduler.get("draft:7")).next_run is None
    assert [e.action for e in await store.audit_entries("job:draft:7")] == ["job.skipped"]


async def test_failing_handler_is_recorded_and_others_still_run(
    store: Store, clock: ManualClock
) -> None:
    async def explode() -> None:
        raise RuntimeError("Slack said no")

    fine = Calls()
    scheduler = scheduler_with(store, clock, broken=Calls(explode), fine=fine)
    await scheduler.schedule_at("a", "broken", clock.now())
    await scheduler.schedule_at("b", "fine", clock.now() + timedelta(seconds=1))
    clock.advance(timedelta(seconds=1))
    records = await scheduler.run_due()
    assert [(r.job_id, r.status, r.error) for r in records] == [
        ("a", "failed", "RuntimeError: Slack said no"),
        ("b", "ok", None),
    ]
    [entry] = await store.audit_entries("job:a")
    assert (entry.action, entry.reason, entry.data["status"]) == (
        "job.run",
        "RuntimeError: Slack said no",
        "failed",
    )


async def test_schedule_daily_is_idempotent(store: Store, clock: ManualClock) -> None:
    prompt = Calls()
    scheduler = scheduler_with(store, clock, prompt=prompt)
    for _ in range(3):
        await scheduler.schedule_daily("routine", "prompt", NINE, WORKING_DAYS, "Europe/Paris")
    clock.set(utc(2026, 1, 5, 8))
    await scheduler.run_due()
    for _ in range(3):
        await scheduler.schedule_daily("routine", "prompt", NINE, WORKING_DAYS, "Europe/Paris")
        assert await scheduler.run_due() == []
    assert len(await scheduler.pending()) == 1
    assert len(prompt.runs) == 1
    # A changed schedule starts from the next occurrence after now.
    job = await scheduler.schedule_daily(
        "routine", "prompt", time(9, 30), WORKING_DAYS, "Europe/Paris", payload={"v": 2}
    )
    assert job.next_run == utc(2026, 1, 5, 8, 30)
    assert job.payload == {"v": 2}


async def test_schedule_inside_a_rolled_back_transaction_leaves_nothing(
    store: Store, clock: ManualClock
) -> None:
    scheduler = Scheduler(store, clock)
    with pytest.raises(RuntimeError):
        async with store.transaction() as tx:
            await scheduler.schedule_at("draft:1", "publish", clock.now(), tx=tx)
            await tx.audit("alice", "draft.approved", "draft:1")
            raise RuntimeError("approval failed")
    assert await scheduler.pending() == []
    async with store.transaction() as tx:
        await scheduler.schedule_at("draft:1", "publish", clock.now(), tx=tx)
        assert await scheduler.cancel("draft:1", tx=tx) is True
    assert await scheduler.cancel("draft:1") is False


async def test_jobs_wait_for_their_handler(store: Store, clock: ManualClock) -> None:
    scheduler = Scheduler(store, clock)
    await scheduler.schedule_at("later", "not_yet", clock.now())
    assert await scheduler.run_due() == []
    assert [job.id for job in await scheduler.pending()] == ["later"]
    handler = Calls()
    scheduler.register("not_yet", handler)
    assert [r.status for r in await scheduler.run_due()] == ["ok"]
    with pytest.raises(ValueError, match="already registered"):
        scheduler.register("not_yet", handler)


async def test_bad_schedules_are_refused(store: Store, clock: ManualClock) -> None:
    scheduler = Scheduler(store, clock)
    with pytest.raises(ValueError, match="unknown time zone 'Europe/Lyon'"):
        await scheduler.schedule_daily("x", "h", NINE, EVERY_DAY, "Europe/Lyon")
    with pytest.raises(ValueError, match="weekdays"):
        await scheduler.schedule_daily("x", "h", NINE, frozenset(), "Europe/Paris")
    with pytest.raises(ValueError, match="naive"):
        await scheduler.schedule_at("x", "h", datetime(2026, 1, 1))
    with pytest.raises(ValueError, match="grace"):
        await scheduler.schedule_at("x", "h", clock.now(), grace=timedelta(minutes=-1))
    with pytest.raises(TypeError):
        await scheduler.schedule_at("x", "h", clock.now(), payload={"when": object()})
    assert await scheduler.pending() == []


async def test_run_forever_wakes_on_clock_and_on_new_jobs(store: Store, clock: ManualClock) -> None:
    prompt, publish = Calls(), Calls()
    scheduler = scheduler_with(store, clock, prompt=prompt, publish=publish)
    await scheduler.schedule_daily("routine", "prompt", NINE, WORKING_DAYS, "Europe/Paris")
    loop = asyncio.create_task(scheduler.run_forever())
    try:
        await asyncio.sleep(0.01)
        assert prompt.runs == []
        clock.set(utc(2026, 1, 5, 8))  # 09:00 in Paris
        await asyncio.wait_for(prompt.event.wait(), 5)
        # Scheduled while the loop sleeps: it runs without the clock moving.
        await scheduler.schedule_at("post", "publish", clock.now())
        await asyncio.wait_for(publish.event.wait(), 5)
    finally:
        loop.cancel()
        with pytest.raises(asyncio.CancelledError):
            await loop
    assert prompt.runs == [("routine", utc(2026, 1, 5, 8))]
    assert publish.runs == [("post", utc(2026, 1, 5, 8))]
    async with store.transaction() as tx:  # the store is left usable
        await tx.audit("test", "after.loop", "x")


async def test_run_forever_survives_storage_errors(
    store: Store, clock: ManualClock, caplog: pytest.LogCaptureFixture
) -> None:
    prompt = Calls()
    scheduler = scheduler_with(store, clock, prompt=prompt)
    await scheduler.schedule_at("post", "prompt", clock.now() + timedelta(minutes=5))
    async with store.transaction() as tx:
        await tx.execute("ALTER TABLE job_runs RENAME TO job_runs_away")
    loop = asyncio.create_task(scheduler.run_forever())
    try:
        clock.advance(timedelta(minutes=5))
        await asyncio.sleep(0.05)
        assert prompt.runs == [] and not loop.done()
        failures = [r for r in caplog.records if "could not run job post" in r.getMessage()]
        assert len(failures) == 1  # waits before retrying instead of spinning
        async with store.transaction() as tx:
            await tx.execute("ALTER TABLE job_runs_away RENAME TO job_runs")
        clock.advance(timedelta(minutes=1))
        await asyncio.wait_for(prompt.event.wait(), 5)
    finally:
        loop.cancel()
        with pytest.raises(asyncio.CancelledError):
            await loop


@pytest.mark.sqlite
def test_job_runs_table_forbids_duplicate_claims(db_path: Path) -> None:
    """The last line of defence is the schema itself, whatever the code does."""

    async def make() -> None:
        async with Store.open(db_path, ManualClock(utc(2026, 1, 1))):
            pass

    asyncio.run(make())
    with sqlite3.connect(db_path) as conn:
        insert = (
            "INSERT INTO job_runs (job_id, handler, scheduled_for, status, claimed_at)"
            " VALUES ('j', 'h', '2026-01-01T00:00:00.000000Z', 'running', 'now')"
        )
        conn.execute(insert)
        with pytest.raises(sqlite3.IntegrityError, match="UNIQUE"):
            conn.execute(insert)
    conn.close()


async def test_a_damaged_job_does_not_block_the_others(store: Store, clock: ManualClock) -> None:
    fine = Calls()
    scheduler = scheduler_with(store, clock, fine=fine)
    await scheduler.schedule_at("damaged", "fine", clock.now())
    await scheduler.schedule_at("healthy", "fine", clock.now() + timedelta(seconds=1))
    async with store.transaction() as tx:
        await tx.execute("UPDATE jobs SET payload = 'not json' WHERE id = 'damaged'")
    clock.advance(timedelta(seconds=1))
    assert [r.job_id for r in await scheduler.run_due()] == ["healthy"]
    assert fine.runs == [("healthy", clock.now())]
