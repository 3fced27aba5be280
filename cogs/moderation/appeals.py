"""Appeals: a member contests a moderation decision about their own message, once.

The rules (who may appeal, who may decide) are `may_appeal` and `may_decide`, pure;
the rest records the appeal and its outcome in one transaction each, with what
follows (the card, the author's notice, the restoring of an overturned decision).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from bot.store import format_utc, parse_utc

if TYPE_CHECKING:
    import sqlite3

    from bot.store import Store, Transaction
    from cogs.moderation.queue import Item

#: The decisions an author may contest: their message removed, or a warning for it.
CONTESTABLE = ("removed", "warned")


@dataclass(frozen=True, slots=True)
class Appeal:
    id: int
    item_id: int
    author: str
    author_name: str
    reason: str
    decision: str
    excluded: str | None
    status: str
    decided_by_name: str | None
    decided_at: datetime | None
    outcome_reason: str | None

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Appeal:
        return cls(row["id"], row["item_id"], row["author"], row["author_name"], row["reason"],
                   row["decision"], row["excluded"], row["status"], row["decided_by_name"],
                   parse_utc(row["decided_at"]) if row["decided_at"] else None,
                   row["outcome_reason"])


def may_appeal(item: Item, user_key: str, warned_by: str | None) -> str | None:
    """Why `user_key` may not appeal `item` (a message key), or None when they may:
    its message was removed, or its author warned for it (`warned_by`: the moderator
    who gave the last warning; a warned item may stay open)."""
    if item.author_key != user_key:
        return "mod.appeal.not_yours"
    if item.status not in CONTESTABLE and warned_by is None:
        return "mod.appeal.not_contestable"
    return None


def contested(item: Item, warned_by: str | None) -> tuple[str, str | None]:
    """The decision an appeal is about, and who made it (who must not judge it)."""
    if item.status == "removed":
        return "removed", item.resolved_by
    return "warned", warned_by


def may_decide(appeal: Appeal, user_key: str, director: bool) -> bool:
    """Another moderator than the one who decided, or the director, decides."""
    return director or appeal.excluded != user_key


async def get(store: Store | Transaction, appeal_id: int) -> Appeal | None:
    row = await store.fetchone("SELECT * FROM appeals WHERE id = ?", (appeal_id,))
    return Appeal.from_row(row) if row else None


async def of_item(store: Store | Transaction, item_id: int) -> Appeal | None:
    row = await store.fetchone("SELECT * FROM appeals WHERE item_id = ?", (item_id,))
    return Appeal.from_row(row) if row else None


async def last_warner(store: Store | Transaction, item_id: int) -> str | None:
    """Who gave the latest warning for this item, if anyone did."""
    row = await store.fetchone("SELECT moderator FROM warnings WHERE item_id = ? "
                               "ORDER BY id DESC LIMIT 1", (item_id,))
    return row["moderator"] if row else None


async def record(tx: Transaction, item: Item, author_name: str, reason: str,
                 warned_by: str | None, now: datetime) -> int:
    decision, excluded = contested(item, warned_by)
    result = await tx.execute(
        "INSERT INTO appeals (item_id, author, author_name, reason, decision, excluded, "
        "created_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
        (item.id, item.author_key, author_name, reason, decision, excluded, format_utc(now)))
    assert result.lastrowid is not None
    await tx.audit(item.author_key, "review.appeal", f"review:{item.id}", reason)
    return result.lastrowid


async def decide(tx: Transaction, appeal_id: int, outcome: str, who: tuple[str, str],
                 reason: str, now: datetime) -> bool:
    """Record the outcome if the appeal is still open (the first decision wins)."""
    result = await tx.execute(
        "UPDATE appeals SET status = ?, decided_by = ?, decided_by_name = ?, decided_at = ?, "
        "outcome_reason = ? WHERE id = ? AND status = 'open'",
        (outcome, who[0], who[1], format_utc(now), reason, appeal_id))
    if result.rowcount:
        await tx.audit(who[0], f"review.appeal.{outcome}", f"appeal:{appeal_id}", reason)
    return bool(result.rowcount)


__all__ = ["CONTESTABLE", "Appeal", "contested", "decide", "get", "last_warner", "may_appeal",
           "may_decide", "of_item", "record"]
