"""Moderation figures for a period, for the reports cog."""

from __future__ import annotations

import statistics
from datetime import datetime
from typing import Any

from bot.store import Store, format_utc, parse_utc


async def period_stats(store: Store, start: datetime, end: datetime) -> dict[str, Any]:
    """Messages checked, findings per rule, items opened and resolved, and the median
    time from an item's creation to its first moderator action, over [start, end)."""
    day_from, day_to = start.strftime("%Y-%m-%d"), end.strftime("%Y-%m-%d")
    rows = await store.fetchall(
        "SELECT key, SUM(count) AS n FROM moderation_daily WHERE day >= ? AND day < ? "
        "GROUP BY key", (day_from, day_to))
    counts = {r["key"]: r["n"] for r in rows}
    lo, hi = format_utc(start), format_utc(end)
    opened = await store.fetchone(
        "SELECT COUNT(*) AS n FROM review_items WHERE created_at >= ? AND created_at < ?",
        (lo, hi))
    resolved = await store.fetchone(
        "SELECT COUNT(*) AS n FROM review_items WHERE resolved_at >= ? AND resolved_at < ?",
        (lo, hi))
    firsts = await store.fetchall(
        "SELECT created_at, first_action_at FROM review_items WHERE first_action_at >= ? "
        "AND first_action_at < ?", (lo, hi))
    delays = [(parse_utc(r["first_action_at"]) - parse_utc(r["created_at"])).total_seconds()
              for r in firsts]
    return {
        "messages_checked": counts.get("checked", 0),
        "findings_by_rule": {k[5:]: v for k, v in sorted(counts.items()) if k.startswith("rule:")},
        "items_opened": opened["n"],
        "items_resolved": resolved["n"],
        "median_first_action_seconds": statistics.median(delays) if delays else None,
    }
