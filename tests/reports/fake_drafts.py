"""Stands in for `cogs.drafts.stats` (written concurrently)."""

from __future__ import annotations

from datetime import datetime
from typing import Any


def period_stats(store: object, start: datetime, end: datetime) -> dict[str, Any]:
    # Synchronous on purpose: the reports cog accepts both kinds.
    return {"submitted": 5, "passed": 3, "published": 2, "rejected": 1,
            "median_decision_seconds": 72000.0, "vote_participation": 0.8}
