"""A member's case file (`/case USER`, moderators): everything moderation knows about
one person, in time order — their messages flagged or reported and what was
decided, the reports they made, their warnings (running and expired), timeouts,
their appeals and what came of them, and the moderators' notes (`/note USER text`).

`gather` reads the store; `lines` is pure (tested without I/O through the console).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.store import parse_utc

if TYPE_CHECKING:
    from bot.store import Store

Translate = Callable[..., str]


@dataclass(frozen=True, slots=True, order=True)
class Entry:
    """One line of the file: when, what (a catalogue key) and its values."""

    at: datetime
    key: str = field(compare=False)
    values: dict[str, Any] = field(compare=False, default_factory=dict)


async def gather(store: Store, user_key: str, now: datetime) -> list[Entry]:
    """Every entry about `user_key`, oldest first."""
    entries: list[Entry] = []
    for row in await store.fetchall(
            "SELECT i.*, (SELECT group_concat(coalesce(f.rule, f.reason), ', ') FROM "
            "review_flags f WHERE f.item_id = i.id) AS why FROM review_items i "
            "WHERE i.author_key = ? ORDER BY i.id", (user_key,)):
        values = {"id": row["id"], "channel": row["channel_name"], "why": row["why"] or "—",
                  "excerpt": _excerpt(row["text"])}
        entries.append(Entry(parse_utc(row["created_at"]), "mod.case.flagged", values))
        if row["resolved_at"]:
            entries.append(Entry(parse_utc(row["resolved_at"]), "mod.case.decided", {
                "id": row["id"], "status": row["status"], "by": row["resolved_by_name"] or "?",
                "reason": row["reason"] or "—"}))
    for row in await store.fetchall(
            "SELECT f.created_at, f.reason, f.item_id, i.author_name FROM review_flags f "
            "JOIN review_items i ON i.id = f.item_id WHERE f.source = 'member' "
            "AND f.reporter_key = ? ORDER BY f.id", (user_key,)):
        entries.append(Entry(parse_utc(row["created_at"]), "mod.case.reported", {
            "id": row["item_id"], "author": row["author_name"], "reason": row["reason"] or "—"}))
    for row in await store.fetchall(
            "SELECT * FROM warnings WHERE user_key = ? ORDER BY id", (user_key,)):
        expired = parse_utc(row["expires_at"]) <= now
        entries.append(Entry(parse_utc(row["created_at"]),
                             "mod.case.warning_expired" if expired else "mod.case.warning", {
                                 "by": row["moderator_name"], "reason": row["reason"],
                                 "item": f" (n° {row['item_id']})" if row["item_id"] else ""}))
    for row in await store.fetchall(
            "SELECT at, data FROM audit_log WHERE action = 'moderation.timeout' "
            "AND subject = ? ORDER BY id", (f"member:{user_key}",)):
        data = json.loads(row["data"] or "{}")
        entries.append(Entry(parse_utc(row["at"]), "mod.case.timeout",
                             {"minutes": int(data.get("seconds", 0)) // 60}))
    for row in await store.fetchall(
            "SELECT * FROM appeals WHERE author = ? ORDER BY id", (user_key,)):
        entries.append(Entry(parse_utc(row["created_at"]), "mod.case.appealed", {
            "id": row["item_id"], "reason": row["reason"]}))
        if row["decided_at"]:
            entries.append(Entry(parse_utc(row["decided_at"]), f"mod.case.appeal.{row['status']}",
                                 {"id": row["item_id"], "by": row["decided_by_name"] or "?",
                                  "reason": row["outcome_reason"] or "—"}))
    for row in await store.fetchall(
            "SELECT * FROM moderation_notes WHERE user_key = ? ORDER BY id", (user_key,)):
        entries.append(Entry(parse_utc(row["created_at"]), "mod.case.note", {
            "by": row["author_name"], "text": row["text"]}))
    return sorted(entries)


def _excerpt(text: str, width: int = 60) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= width else flat[:width - 1] + "…"


def lines(t: Translate, when: Callable[[datetime], str], name: str,
          entries: list[Entry]) -> list[str]:
    """The file as text lines (pure)."""
    if not entries:
        return [t("mod.case.empty", user=name)]
    out = [t("mod.case.title", user=name, count=len(entries))]
    for entry in entries:
        values = dict(entry.values)
        if "status" in values:
            values["status"] = t(f"mod.status.{values['status']}")
        out.append(f"  {when(entry.at)} — " + t(entry.key, **values))
    return out


__all__ = ["Entry", "gather", "lines"]
