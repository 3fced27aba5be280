"""The routine's persistence: posts claimed per day, ticks, days off, DM opt-ins.

Every write is one transaction with its audit line (`tx.audit`), so a tick and
the record of who ticked are committed together or not at all. Days are local
dates stored as 'YYYY-MM-DD' text; instants are UTC text (`format_utc`).
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from bot.model import User
from bot.store import Store, Transaction, dump_json, format_utc

ACTOR = "garant"


@dataclass(frozen=True, slots=True)
class Tick:
    user_key: str
    action_id: str
    section_id: str
    note: str | None


@dataclass(frozen=True, slots=True)
class Post:
    day: date
    kind: str
    status: str
    scheduled_for: str
    sections: list[list[object]]


# ------------------------------------------------------------------ posts


async def claim_post(store: Store, routine: str, day: date, kind: str, scheduled_for: datetime,
                     *, status: str = "posted", sections: Iterable[object] = (),
                     reason: str | None = None,
                     effects: Callable[[Transaction], Awaitable[None]] | None = None) -> bool:
    """Record the day's prompt or review, and (`effects`) its posts, in one transaction;
    False when that day already has one (posted or skipped), in which case nothing
    is posted."""
    async with store.transaction() as tx:
        inserted = await tx.execute(
            "INSERT INTO routine_posts (routine, day, kind, status, scheduled_for, claimed_at, "
            "sections, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?) "
            "ON CONFLICT (routine, day, kind) DO NOTHING",
            (routine, day.isoformat(), kind, status, format_utc(scheduled_for),
             format_utc(store.clock.now()), dump_json(list(sections)), reason))
        if inserted.rowcount:
            await tx.audit(ACTOR, f"routine.{kind}.{status}", f"routine:{routine}:{day}",
                           reason=reason, scheduled_for=scheduled_for)
            if effects is not None:
                await effects(tx)
        return bool(inserted.rowcount)


async def set_copies(tx: Transaction, routine: str, day: date, kind: str, copies: int) -> None:
    await tx.execute("UPDATE routine_posts SET copies = ? WHERE routine = ? AND day = ? "
                     "AND kind = ?", (copies, routine, day.isoformat(), kind))


async def get_post(store: Store, routine: str, day: date, kind: str) -> Post | None:
    row = await store.fetchone(
        "SELECT day, kind, status, scheduled_for, sections FROM routine_posts "
        "WHERE routine = ? AND day = ? AND kind = ?", (routine, day.isoformat(), kind))
    if row is None:
        return None
    return Post(date.fromisoformat(row["day"]), row["kind"], row["status"],
                row["scheduled_for"], json.loads(row["sections"]))


# ------------------------------------------------------------------ ticks


async def _remember(tx: Transaction, user: User, now: datetime) -> None:
    await tx.execute(
        "INSERT INTO routine_members (user_key, name, updated_at) VALUES (?, ?, ?) "
        "ON CONFLICT (user_key) DO UPDATE SET name = excluded.name, "
        "updated_at = excluded.updated_at", (user.key, user.name, format_utc(now)))


async def tick(store: Store, routine: str, day: date, user: User,
               actions: Iterable[tuple[str, str]], note: str | None = None) -> list[str]:
    """Tick (action id, section id) pairs for a member; the ids newly ticked.

    A note replaces the previous note of each given action (an already ticked
    action keeps its tick).
    """
    now = store.clock.now()
    added = []
    async with store.transaction() as tx:
        await _remember(tx, user, now)
        for action_id, section_id in actions:
            result = await tx.execute(
                "INSERT INTO routine_ticks (routine, day, user_key, action_id, section_id, note, "
                "ticked_at) VALUES (?, ?, ?, ?, ?, ?, ?) "
                "ON CONFLICT (routine, day, user_key, action_id) DO NOTHING",
                (routine, day.isoformat(), user.key, action_id, section_id, note,
                 format_utc(now)))
            if result.rowcount:
                added.append(action_id)
            elif note is not None:
                await tx.execute(
                    "UPDATE routine_ticks SET note = ? WHERE routine = ? AND day = ? "
                    "AND user_key = ? AND action_id = ?",
                    (note, routine, day.isoformat(), user.key, action_id))
            if result.rowcount or note is not None:
                await tx.audit(user.key, "routine.tick", f"routine:{routine}:{day}",
                               action=action_id, note=note)
    return added


async def untick(store: Store, routine: str, day: date, user: User,
                 action_ids: Iterable[str]) -> list[str]:
    """Remove a member's ticks; the ids that were ticked."""
    removed = []
    async with store.transaction() as tx:
        for action_id in action_ids:
            result = await tx.execute(
                "DELETE FROM routine_ticks WHERE routine = ? AND day = ? AND user_key = ? "
                "AND action_id = ?", (routine, day.isoformat(), user.key, action_id))
            if result.rowcount:
                removed.append(action_id)
                await tx.audit(user.key, "routine.untick", f"routine:{routine}:{day}",
                               action=action_id)
    return removed


async def is_ticked(store: Store, routine: str, day: date, user_key: str, action_id: str) -> bool:
    row = await store.fetchone(
        "SELECT 1 FROM routine_ticks WHERE routine = ? AND day = ? AND user_key = ? "
        "AND action_id = ?", (routine, day.isoformat(), user_key, action_id))
    return row is not None


async def day_ticks(store: Store, routine: str, day: date) -> list[Tick]:
    """Every tick of a day, in the order they were made."""
    rows = await store.fetchall(
        "SELECT user_key, action_id, section_id, note FROM routine_ticks "
        "WHERE routine = ? AND day = ? ORDER BY ticked_at, user_key, action_id",
        (routine, day.isoformat()))
    return [Tick(r["user_key"], r["action_id"], r["section_id"], r["note"]) for r in rows]


async def counts_by_member(store: Store, routine: str,
                           until: date) -> dict[str, dict[date, int]]:
    """Actions done per member and day, up to `until` included (for streaks)."""
    rows = await store.fetchall(
        "SELECT user_key, day, count(*) AS done FROM routine_ticks WHERE routine = ? "
        "AND day <= ? GROUP BY user_key, day", (routine, until.isoformat()))
    found: dict[str, dict[date, int]] = defaultdict(dict)
    for row in rows:
        found[row["user_key"]][date.fromisoformat(row["day"])] = row["done"]
    return dict(found)


async def posted_days(store: Store, routine: str, until: date) -> set[date]:
    """Days whose prompt was posted, up to `until` included: the days that count."""
    rows = await store.fetchall(
        "SELECT day FROM routine_posts WHERE routine = ? AND kind = 'prompt' "
        "AND status = 'posted' AND day <= ?", (routine, until.isoformat()))
    return {date.fromisoformat(r["day"]) for r in rows}


# ------------------------------------------------------------------ days off


async def set_off(store: Store, user: User, days: list[date], off: bool) -> int:
    """Mark (or unmark) days off, in one transaction; how many changed. One audit line
    (an absence of three weeks is one decision)."""
    now = store.clock.now()
    changed = 0
    async with store.transaction() as tx:
        await _remember(tx, user, now)
        for day in days:
            if off:
                result = await tx.execute(
                    "INSERT INTO routine_days_off (user_key, day, created_at) VALUES (?, ?, ?) "
                    "ON CONFLICT (user_key, day) DO NOTHING",
                    (user.key, day.isoformat(), format_utc(now)))
            else:
                result = await tx.execute(
                    "DELETE FROM routine_days_off WHERE user_key = ? AND day = ?",
                    (user.key, day.isoformat()))
            changed += result.rowcount
        if changed:
            span: dict[str, Any] = {"day": days[0]}
            if len(days) > 1:
                span["until"] = days[-1]
            await tx.audit(user.key, "routine.off" if off else "routine.on",
                           f"member:{user.key}", None, **span)
    return changed


async def days_off(store: Store, until: date | None = None) -> dict[str, set[date]]:
    """Every member's days off (up to `until` when given)."""
    rows = await store.fetchall(
        "SELECT user_key, day FROM routine_days_off WHERE ? IS NULL OR day <= ?",
        (until and until.isoformat(), until and until.isoformat()))
    found: dict[str, set[date]] = defaultdict(set)
    for row in rows:
        found[row["user_key"]].add(date.fromisoformat(row["day"]))
    return dict(found)


# ------------------------------------------------------------------ members


async def set_dm(store: Store, user: User, on: bool) -> None:
    now = store.clock.now()
    async with store.transaction() as tx:
        await _remember(tx, user, now)
        await tx.execute("UPDATE routine_members SET dm = ? WHERE user_key = ?",
                         (int(on), user.key))
        await tx.audit(user.key, "routine.dm", f"member:{user.key}", on=on)


async def answer(store: Store, routine: str, day: date, user: User, question_id: str,
                 text: str) -> None:
    """Record (or replace) a member's answer to a question of the day."""
    now = store.clock.now()
    async with store.transaction() as tx:
        await _remember(tx, user, now)
        await tx.execute(
            "INSERT INTO routine_answers (routine, day, user_key, name, question_id, answer, "
            "answered_at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (routine, day, question_id, "
            "user_key) DO UPDATE SET answer = excluded.answer, name = excluded.name, "
            "answered_at = excluded.answered_at",
            (routine, day.isoformat(), user.key, user.name, question_id, text, format_utc(now)))
        await tx.audit(user.key, "routine.answer", f"routine:{routine}:{day}", None,
                       question=question_id)


async def day_answers(store: Store, routine: str, day: date) -> dict[str, list[tuple[str, str]]]:
    """The day's answers by question: (name, answer), in the order they were given."""
    rows = await store.fetchall(
        "SELECT question_id, name, answer FROM routine_answers WHERE routine = ? AND day = ? "
        "ORDER BY answered_at, name", (routine, day.isoformat()))
    found: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for row in rows:
        found[row["question_id"]].append((row["name"], row["answer"]))
    return dict(found)


async def set_reminders(store: Store, user: User, on: bool) -> None:
    now = store.clock.now()
    async with store.transaction() as tx:
        await _remember(tx, user, now)
        await tx.execute("UPDATE routine_members SET reminders = ? WHERE user_key = ?",
                         (int(on), user.key))
        await tx.audit(user.key, "routine.reminders", f"member:{user.key}", None, on=on)


async def set_timezone(store: Store, user: User, tz: str | None) -> None:
    now = store.clock.now()
    async with store.transaction() as tx:
        await _remember(tx, user, now)
        await tx.execute("UPDATE routine_members SET tz = ? WHERE user_key = ?", (tz, user.key))
        await tx.audit(user.key, "routine.tz", f"member:{user.key}", None, tz=tz)


async def timezones(store: Store) -> dict[str, str]:
    """The members who set their own time zone: key -> IANA name."""
    rows = await store.fetchall("SELECT user_key, tz FROM routine_members WHERE tz IS NOT NULL")
    return {r["user_key"]: r["tz"] for r in rows}


async def without_reminders(store: Store) -> set[str]:
    """The members who said no to the reminder."""
    rows = await store.fetchall("SELECT user_key FROM routine_members WHERE reminders = 0")
    return {r["user_key"] for r in rows}


async def members(store: Store) -> dict[str, tuple[str, bool]]:
    """Members the routine knows: key -> (name, wants the prompt by DM)."""
    rows = await store.fetchall("SELECT user_key, name, dm FROM routine_members")
    return {r["user_key"]: (r["name"], bool(r["dm"])) for r in rows}
