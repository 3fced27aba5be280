"""Stands in for `cogs.moderation.stats` (written concurrently): same signature and keys,
figures that vary by week so the chart has something to draw."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from bot.store import Store


async def period_stats(store: Store, start: datetime, end: datetime) -> dict[str, Any]:
    week = start.isocalendar().week
    return {"messages_checked": 100 + week, "findings_by_rule": {"insultes": week % 5,
                                                                 "liens": 2},
            "items_opened": week % 4 + 1, "items_resolved": week % 3,
            "median_first_action_seconds": 4800.0}
