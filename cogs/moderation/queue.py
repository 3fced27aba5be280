"""The review queue and warnings in the store.

Every change happens in one transaction that also writes the item's event and
an audit line; actions check the item's status inside that transaction, so
when two moderators press a button at once the first wins and the second is
told what happened.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from bot.charter import Finding
from bot.model import Message
from bot.store import Store, format_utc, parse_utc
from bot.store.db import Transaction
from cogs.moderation.counters import DailyCounters
from cogs.moderation.decide import check_transition


@dataclass(frozen=True, slots=True)
class Item:
    id: int
    platform: str
    channel_id: str
    channel_name: str
    message_id: str
    author_key: str
    author_name: str
    text: str
    link: str | None
    posted_at: datetime
    status: str
    message_state: str
    claimed_by: str | None
    claimed_by_name: str | None
    resolved_by: str | None
    resolved_by_name: str | None
    resolved_at: datetime | None
    reason: str | None
    version: int
    created_at: datetime
    #: What the message said before its edits, oldest first (the last five).
    earlier_texts: tuple[str, ...] = ()

    @property
    def is_open(self) -> bool:
        return self.status in ("open", "escalated")

    @classmethod
    def from_row(cls, row: Any) -> Item:
        return cls(
            id=row["id"], platform=row["platform"], channel_id=row["channel_id"],
            channel_name=row["channel_name"], message_id=row["message_id"],
            author_key=row["author_key"], author_name=row["author_name"], text=row["text"],
            link=row["link"], posted_at=parse_utc(row["posted_at"]), status=row["status"],
            message_state=row["message_state"], claimed_by=row["claimed_by"],
            claimed_by_name=row["claimed_by_name"], resolved_by=row["resolved_by"],
            resolved_by_name=row["resolved_by_name"],
            resolved_at=parse_utc(row["resolved_at"]) if row["resolved_at"] else None,
            reason=row["reason"], version=row["version"],
            created_at=parse_utc(row["created_at"]),
            earlier_texts=tuple(json.loads(row["earlier_texts"] or "[]")),
        )


@dataclass(frozen=True, slots=True)
class Flag:
    source: str
    rule: str | None
    action: str | None
    message: str
    matched: str
    reporter_name: str | None
    reason: str | None
    note: str | None


@dataclass(frozen=True, slots=True)
class Event:
    at: datetime
    actor: str  # the name to show
    action: str
    from_status: str | None
    to_status: str | None
    reason: str | None


@dataclass(frozen=True, slots=True)
class Outcome:
    """The result of a moderator action: done, or refused with the item as it is."""

    done: bool
    item: Item


@dataclass(frozen=True, slots=True)
class FlagResult:
    item: Item
    created: bool
    reopened: bool
    reporters: int  # distinct members who reported the message


#: What a change causes, recorded in the change's own transaction (the cog's effects:
#: cards, direct messages, deletions), given the item as it now is.
Effects = Callable[[Transaction, "Item"], Awaitable[None]]


#: How many texts of an edited message an item keeps.
MAX_EARLIER_TEXTS = 5
#: How many of an author's earlier items a review card counts exactly.
EARLIER_SHOWN = 20


#: What a message without findings adds to the counters.
CHECKED = ("checked",)


class ReviewQueue:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.counters = DailyCounters(store)
        self._counted_day: date | None = None
        self._counted_as = ""

    # ---------------------------------------------------------------- reading

    async def get(self, item_id: int) -> Item | None:
        row = await self.store.fetchone("SELECT * FROM review_items WHERE id = ?", (item_id,))
        return Item.from_row(row) if row else None

    async def by_message(self, platform: str, channel_id: str, message_id: str) -> Item | None:
        row = await self.store.fetchone(
            "SELECT * FROM review_items WHERE platform = ? AND channel_id = ? AND message_id = ?",
            (platform, channel_id, message_id))
        return Item.from_row(row) if row else None

    async def open_items(self) -> list[Item]:
        rows = await self.store.fetchall(
            "SELECT * FROM review_items WHERE status IN ('open', 'escalated') "
            "ORDER BY created_at, id")
        return [Item.from_row(r) for r in rows]

    async def flags(self, item_id: int, tx: Transaction | None = None) -> list[Flag]:
        """What put the item in the queue (read in `tx` when one is open)."""
        sql = "SELECT * FROM review_flags WHERE item_id = ? ORDER BY id"
        rows = await (tx.fetchall(sql, (item_id,)) if tx else
                      self.store.fetchall(sql, (item_id,)))
        return [Flag(r["source"], r["rule"], r["action"], r["message"], r["matched"],
                     r["reporter_name"], r["reason"], r["note"]) for r in rows]

    async def events(self, item_id: int) -> list[Event]:
        rows = await self.store.fetchall(
            "SELECT * FROM review_events WHERE item_id = ? ORDER BY id", (item_id,))
        return [Event(parse_utc(r["at"]), r["actor_name"] or r["actor"], r["action"],
                      r["from_status"],
                      r["to_status"], r["reason"]) for r in rows]

    # ---------------------------------------------------------------- flagging

    async def flag(self, message: Message, now: datetime, *, findings: Sequence[Finding] = (),
                   reporter: tuple[str, str] | None = None, reason: str | None = None,
                   note: str | None = None, message_state: str | None = None,
                   effects: Callable[[Transaction, FlagResult], Awaitable[None]] | None = None,
                   ) -> FlagResult:
        """Add charter findings or a member report to the message's item (made or reopened);
        `effects` records what follows in the same transaction."""
        async with self.store.transaction() as tx:
            row = await tx.fetchone(
                "SELECT * FROM review_items WHERE platform = ? AND channel_id = ? "
                "AND message_id = ?", (message.platform, message.channel.id, message.id))
            created = row is None
            reopened = False
            stamp = format_utc(now)
            if created:
                result = await tx.execute(
                    "INSERT INTO review_items (platform, channel_id, channel_name, message_id, "
                    "author_key, author_name, text, link, posted_at, created_at, updated_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (message.platform, message.channel.id, message.channel.name, message.id,
                     message.author.key, message.author.name, message.text, message.link,
                     format_utc(message.at), stamp, stamp))
                assert result.lastrowid is not None
                item_id = result.lastrowid
                await _event(tx, item_id, now, ("garant", "Garant"), "created", None, "open",
                             None)
            else:
                assert row is not None
                item_id = row["id"]
                if row["status"] not in ("open", "escalated"):
                    reopened = True
                    await tx.execute(
                        "UPDATE review_items SET status = 'open', resolved_by = NULL, "
                        "resolved_at = NULL, reason = NULL, version = version + 1, "
                        "updated_at = ? WHERE id = ?", (stamp, item_id))
                    await _event(tx, item_id, now, ("garant", "Garant"), "reopened",
                                 row["status"], "open", None)
                earlier = json.loads(row["earlier_texts"] or "[]")
                if message.text != row["text"]:  # edited: the text before is kept
                    earlier = [*earlier, row["text"]][-MAX_EARLIER_TEXTS:]
                await tx.execute("UPDATE review_items SET text = ?, earlier_texts = ?, "
                                 "updated_at = ? WHERE id = ?",
                                 (message.text, json.dumps(earlier, ensure_ascii=False), stamp,
                                  item_id))
            for finding in findings:
                await tx.execute(
                    "INSERT INTO review_flags (item_id, source, rule, action, message, matched, "
                    "created_at) SELECT ?, 'charter', ?, ?, ?, ?, ? WHERE NOT EXISTS (SELECT 1 "
                    "FROM review_flags WHERE item_id = ? AND rule = ? AND matched = ?)",
                    (item_id, finding.rule, finding.action, finding.message, finding.match, stamp,
                     item_id, finding.rule, finding.match))
            if reporter is not None:
                await tx.execute(
                    "INSERT INTO review_flags (item_id, source, reporter_key, reporter_name, "
                    "reason, note, created_at) VALUES (?, 'member', ?, ?, ?, ?, ?) "
                    "ON CONFLICT (item_id, reporter_key) WHERE source = 'member' "
                    "DO UPDATE SET reason = excluded.reason, note = excluded.note",
                    (item_id, reporter[0], reporter[1], reason, note, stamp))
                await _event(tx, item_id, now, reporter, "reported", None, None, reason)
            if message_state is not None:
                await tx.execute("UPDATE review_items SET message_state = ? WHERE id = ?",
                                 (message_state, item_id))
            await tx.audit(reporter[0] if reporter else "garant",
                           "review.report" if reporter else "review.flag", f"review:{item_id}",
                           reason, rules=[f.rule for f in findings], created=created)
            count = await tx.fetchrow(
                "SELECT COUNT(*) AS n FROM review_flags WHERE item_id = ? AND source = 'member'",
                (item_id,))
            item_row = await tx.fetchrow("SELECT * FROM review_items WHERE id = ?", (item_id,))
            flagged = FlagResult(Item.from_row(item_row), created, reopened, count["n"])
            if effects is not None:
                await effects(tx, flagged)
        return flagged

    # ---------------------------------------------------------------- acting

    async def act(self, item_id: int, action: str, actor: tuple[str, str], now: datetime,
                  reason: str | None = None, effects: Effects | None = None) -> Outcome | None:
        """Apply a moderator action if the item's status still allows it (first wins);
        `actor` is (user key, name to show). `effects` records what the decision causes
        in the same transaction: a decision is never stored without its follow-up."""
        async with self.store.transaction() as tx:
            row = await tx.fetchone("SELECT * FROM review_items WHERE id = ?", (item_id,))
            if row is None:
                return None
            status = row["status"]
            target = check_transition(action, status)
            if target is None:
                return Outcome(False, Item.from_row(row))
            stamp = format_utc(now)
            changes = ["version = version + 1", "updated_at = ?",
                       "first_action_at = COALESCE(first_action_at, ?)"]
            params: list[Any] = [stamp, stamp]
            if action == "claim":
                changes += ["claimed_by = ?", "claimed_by_name = ?"]
                params += list(actor)
            else:
                changes.append("status = ?")
                params.append(target)
            if target in ("kept", "removed", "warned"):
                changes += ["resolved_by = ?", "resolved_by_name = ?", "resolved_at = ?",
                            "reason = ?"]
                params += [*actor, stamp, reason]
            updated = Item.from_row(await tx.fetchrow(
                f"UPDATE review_items SET {', '.join(changes)} WHERE id = ? RETURNING *",
                (*params, item_id)))
            await _event(tx, item_id, now, actor, action, status, target, reason)
            await tx.audit(actor[0], f"review.{action}", f"review:{item_id}", reason,
                           from_status=status, to_status=target)
            if effects is not None:
                await effects(tx, updated)
        return Outcome(True, updated)

    @staticmethod
    async def await_author(tx: Transaction, item_id: int, actor: tuple[str, str],
                           now: datetime, reason: str | None) -> None:
        """Remove was decided but the platform refused to delete: the item opens again,
        waiting for the author to delete the message (or a moderator to keep it)."""
        stamp = format_utc(now)
        row = await tx.fetchrow("SELECT status FROM review_items WHERE id = ?", (item_id,))
        await tx.execute(
            "UPDATE review_items SET status = 'open', message_state = 'delete_requested', "
            "resolved_by = NULL, resolved_by_name = NULL, resolved_at = NULL, reason = ?, "
            "version = version + 1, updated_at = ? WHERE id = ?", (reason, stamp, item_id))
        await _event(tx, item_id, now, actor, "delete.requested", row["status"], "open", reason)
        await tx.audit(actor[0], "review.delete_requested", f"review:{item_id}", reason)

    @staticmethod
    async def set_message_state(tx: Transaction, item_id: int, state: str,
                                actor: tuple[str, str], now: datetime) -> None:
        await tx.execute("UPDATE review_items SET message_state = ?, updated_at = ? "
                         "WHERE id = ?", (state, format_utc(now), item_id))
        await _event(tx, item_id, now, actor, f"message.{state}", None, None, None)

    @staticmethod
    async def item_in(tx: Transaction, item_id: int) -> Item | None:
        row = await tx.fetchone("SELECT * FROM review_items WHERE id = ?", (item_id,))
        return Item.from_row(row) if row else None

    # ---------------------------------------------------------------- warnings

    @staticmethod
    async def warn(tx: Transaction, platform: str, user_key: str, user_name: str,
                   moderator: tuple[str, str], reason: str, now: datetime, expire: timedelta,
                   item_id: int | None = None) -> int:
        """Record a warning in `tx`; return the user's number of live warnings."""
        await tx.execute(
            "INSERT INTO warnings (platform, user_key, user_name, moderator, moderator_name, "
            "reason, item_id, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (platform, user_key, user_name, *moderator, reason, item_id, format_utc(now),
             format_utc(now + expire)))
        await tx.audit(moderator[0], "warning.add", f"user:{user_key}", reason, item=item_id)
        row = await tx.fetchrow(
            "SELECT COUNT(*) AS n FROM warnings WHERE user_key = ? AND expires_at > ?",
            (user_key, format_utc(now)))
        return int(row["n"])

    async def earlier_items(self, item: Item) -> tuple[int, list[int]]:
        """How many items the author had before this one (counted up to `EARLIER_SHOWN`,
        past which the card says "20+"), and their ids, newest first: one read of the
        (author, id) index, whatever the author's history."""
        rows = await self.store.fetchall(
            "SELECT id FROM review_items WHERE author_key = ? AND id < ? ORDER BY id DESC "
            "LIMIT ?", (item.author_key, item.id, EARLIER_SHOWN + 1))
        return len(rows), [r["id"] for r in rows]

    async def warned_by(self, item_id: int) -> list[str]:
        """Who warned the author about this item, oldest first (names to show)."""
        rows = await self.store.fetchall(
            "SELECT moderator_name FROM warnings WHERE item_id = ? ORDER BY id", (item_id,))
        return [r["moderator_name"] for r in rows]

    async def warnings_of(self, user_key: str) -> list[dict[str, Any]]:
        rows = await self.store.fetchall(
            "SELECT * FROM warnings WHERE user_key = ? ORDER BY created_at DESC", (user_key,))
        return [dict(r) for r in rows]

    # ---------------------------------------------------------------- counters

    def count(self, now: datetime, findings: list[Finding]) -> None:
        """One more message checked, and its findings per rule (for the reports): in
        memory, written by `counters.flush` (see `cogs/moderation/counters.py`)."""
        day = now.date()
        if day != self._counted_day:  # the day's name, made once a day
            self._counted_day, self._counted_as = day, day.isoformat()
        keys = ["checked", *(f"{'shadow' if f.shadow else 'rule'}:{f.rule}"
                             for f in findings)] if findings else CHECKED
        self.counters.add(self._counted_as, keys)


async def record_event(tx: Transaction, item_id: int, now: datetime, actor: tuple[str, str],
                       action: str, reason: str | None) -> None:
    """An event in an item's history that does not change its status (an exception
    written into the charter from it)."""
    await _event(tx, item_id, now, actor, action, None, None, reason)


async def _event(tx: Transaction, item_id: int, now: datetime, actor: tuple[str, str],
                 action: str, from_status: str | None, to_status: str | None,
                 reason: str | None) -> None:
    await tx.execute(
        "INSERT INTO review_events (item_id, at, actor, actor_name, action, from_status, "
        "to_status, reason) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        (item_id, format_utc(now), actor[0], actor[1], action, from_status, to_status, reason))
