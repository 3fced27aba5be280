"""Figures about drafts over a period: the drafts section of `/stats` and of the
weekly report (registered with `bot.add_stats`).

Everything is computed from `draft_events`, the append-only history, so a
report for last month says the same thing whenever it is run: a draft's later
fate does not rewrite what happened in the period.

Definitions (all over events whose time is in [start, end)):
  submitted              drafts submitted
  passed                 votes that passed (closed as approved, or decided so by the
                         director after no quorum): drafts sent to the final say
  published              publications recorded
  rejected               drafts rejected (by the vote or the director's decision)
  median_decision_seconds  median time from the opening of a vote to its decision
                         (closing with a result other than no quorum, or the
                         director's decision); None when nothing was decided
  vote_participation     ballots cast / electorate, summed over the votes that
                         closed in the period (each closing counts, a re-vote
                         after an edit too); None when no vote closed with an
                         electorate
"""

from __future__ import annotations

import json
import statistics
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.stats import (
    Figure,
    Period,
    StatsSection,
    format_duration,
    format_number,
    format_percent,
)
from bot.store import format_utc, parse_utc

if TYPE_CHECKING:
    from bot.host import Bot
    from bot.i18n import Translator
    from bot.store import Store


async def period_stats(store: Store, start: datetime, end: datetime) -> dict[str, Any]:
    """The drafts figures for [start, end) (timezone-aware instants)."""
    rows = await store.scan(
        "SELECT draft_id, at, action, to_status, data FROM draft_events "
        "WHERE at >= ? AND at < ? AND action IN ('submit', 'close', 'decide', 'publish') "
        "ORDER BY id", (format_utc(start), format_utc(end)))
    submitted = passed = published = rejected = 0
    decisions: list[float] = []
    cast = electorate = 0
    for row in rows:
        action, to = row["action"], row["to_status"]
        data = json.loads(row["data"])
        if action == "submit":
            submitted += 1
        elif action == "publish":
            published += 1
        else:
            passed += to == "awaiting_final"
            rejected += to == "rejected"
            if to != "no_quorum" and data.get("opened_at"):
                decisions.append((parse_utc(row["at"]) - parse_utc(data["opened_at"]))
                                 .total_seconds())
            if action == "close":
                cast += int(data.get("cast", 0))
                electorate += int(data.get("electorate", 0))
    return {
        "submitted": submitted,
        "passed": passed,
        "published": published,
        "rejected": rejected,
        "median_decision_seconds": float(statistics.median(decisions)) if decisions else None,
        "vote_participation": cast / electorate if electorate else None,
    }


class DraftStats:
    """The drafts section of `/stats` and the weekly report."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def section(self, period: Period) -> StatsSection:
        return render(self.bot.t, await period_stats(self.bot.store, period.start, period.end))


def render(t: Translator, figures: dict[str, Any]) -> StatsSection:
    """Card lines and CSV rows from the figures (pure)."""
    counts = ("submitted", "passed", "published", "rejected")
    lines = (
        t("drafts.stats.title"),
        t("drafts.stats.counts", **{k: format_number(figures[k]) for k in counts}),
        t("drafts.stats.timing",
          median=format_duration(figures["median_decision_seconds"], t.language),
          turnout=format_percent(figures["vote_participation"], t.language)),
    )
    rows = tuple(Figure(key, figures[key]) for key in (*counts, "median_decision_seconds",
                                                       "vote_participation"))
    return StatsSection(lines, rows, any(figures[k] for k in counts))
