"""Moderation figures for a period: the moderation section of `/stats` and of the
weekly report (registered with `bot.add_stats`)."""

from __future__ import annotations

import statistics
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.stats import (
    ChartPanel,
    Figure,
    Period,
    StatsSection,
    format_duration,
    format_percent,
)
from bot.store import Store, format_utc, parse_utc

if TYPE_CHECKING:
    from bot.host import Bot
    from bot.i18n import Translator


async def period_stats(store: Store, start: datetime, end: datetime) -> dict[str, Any]:
    """Messages checked, findings per rule, items opened and resolved, and the median
    time from an item's creation to its first moderator action, over [start, end)."""
    day_from, day_to = start.strftime("%Y-%m-%d"), end.strftime("%Y-%m-%d")
    rows = await store.scan(
        "SELECT key, SUM(count) AS n FROM moderation_daily WHERE day >= ? AND day < ? "
        "GROUP BY key", (day_from, day_to))
    counts = {r["key"]: r["n"] for r in rows}
    lo, hi = format_utc(start), format_utc(end)
    (opened,) = await store.scan(
        "SELECT COUNT(*) AS n FROM review_items WHERE created_at >= ? AND created_at < ?",
        (lo, hi))
    (resolved,) = await store.scan(
        "SELECT COUNT(*) AS n FROM review_items WHERE resolved_at >= ? AND resolved_at < ?",
        (lo, hi))
    firsts = await store.scan(
        "SELECT created_at, first_action_at FROM review_items WHERE first_action_at >= ? "
        "AND first_action_at < ?", (lo, hi))
    delays = [(parse_utc(r["first_action_at"]) - parse_utc(r["created_at"])).total_seconds()
              for r in firsts]
    return {
        "messages_checked": counts.get("checked", 0),
        "findings_by_rule": {k[5:]: v for k, v in sorted(counts.items()) if k.startswith("rule:")},
        "shadow_by_rule": {k[7:]: v for k, v in sorted(counts.items())
                           if k.startswith("shadow:")},
        "items_opened": opened["n"],
        "items_resolved": resolved["n"],
        "median_first_action_seconds": statistics.median(delays) if delays else None,
        "decisions_by_rule": await decisions_by_rule(store, start, end),
    }


async def decisions_by_rule(store: Store, start: datetime, end: datetime
                            ) -> dict[str, tuple[int, int]]:
    """For each rule, what moderators made of the items it raised in [start, end):
    (removed or warned — it was right; kept — a false alarm). Items still open without
    a warning are not counted."""
    rows = await store.scan(
        "SELECT f.rule, i.status, EXISTS (SELECT 1 FROM warnings w WHERE w.item_id = i.id) "
        "AS warned FROM review_flags f JOIN review_items i ON i.id = f.item_id "
        "WHERE f.source = 'charter' AND f.rule IS NOT NULL AND f.created_at >= ? "
        "AND f.created_at < ? GROUP BY f.rule, i.id", (format_utc(start), format_utc(end)))
    found: dict[str, tuple[int, int]] = {}
    for row in rows:
        right, wrong = found.get(row["rule"], (0, 0))
        if row["status"] in ("removed", "warned") or row["warned"]:
            right += 1
        elif row["status"] == "kept":
            wrong += 1
        else:
            continue
        found[row["rule"]] = (right, wrong)
    return found


#: Below this precision, with at least `MIN_DECISIONS` decided items, a rule is named in
#: the weekly report as one to review.
LOW_PRECISION = 0.8
MIN_DECISIONS = 5


def precision(right: int, wrong: int) -> float | None:
    return right / (right + wrong) if right + wrong else None


def rules_to_review(decisions: dict[str, tuple[int, int]]) -> list[tuple[str, float, int, int]]:
    """The rules measured below `LOW_PRECISION` on enough decisions, worst first."""
    low = [(rule, right / (right + wrong), right, right + wrong)
           for rule, (right, wrong) in decisions.items()
           if right + wrong >= MIN_DECISIONS and right / (right + wrong) < LOW_PRECISION]
    return sorted(low, key=lambda r: (r[1], r[0]))


#: The moderation panel of the weekly chart.
CHART = ChartPanel("mod.stats.chart.title", "counts",
                   ("mod.stats.chart.findings", "mod.stats.chart.opened",
                    "mod.stats.chart.resolved"), "mod.stats.chart.unavailable")


class ModerationStats:
    """The moderation section of `/stats` and the weekly report."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    async def section(self, period: Period) -> StatsSection:
        await self.bot.persist()  # this second's counts too
        figures = await period_stats(self.bot.store, period.start, period.end)
        return render(self.bot.t, figures)


def render(t: Translator, figures: dict[str, Any]) -> StatsSection:
    """Card lines, CSV rows and chart values from the figures (pure)."""
    by_rule: dict[str, int] = figures["findings_by_rule"]
    rules = ", ".join(f"{rule} {count}" for rule, count in
                      sorted(by_rule.items(), key=lambda kv: (-kv[1], kv[0]))) \
        or t("mod.stats.none")
    lines: tuple[str, ...] = (
        t("mod.stats.title"),
        t("mod.stats.checked", checked=figures["messages_checked"],
          opened=figures["items_opened"], resolved=figures["items_resolved"]),
        t("mod.stats.rules", rules=rules),
        t("mod.stats.median", median=format_duration(figures["median_first_action_seconds"],
                                                     t.language)),
    )
    low = rules_to_review(figures.get("decisions_by_rule", {}))
    if low:
        lines += (t("mod.stats.review_rules", rules=", ".join(
            t("mod.stats.precision", rule=rule, rate=format_percent(rate, t.language),
              right=right, decided=decided) for rule, rate, right, decided in low)),)
    rows = [Figure(key, figures[key]) for key in ("messages_checked", "items_opened",
                                                  "items_resolved",
                                                  "median_first_action_seconds")]
    rows += [Figure("findings", count, rule) for rule, count in sorted(by_rule.items())]
    active = bool(figures["messages_checked"] or figures["items_opened"]
                  or figures["items_resolved"] or any(by_rule.values()))
    return StatsSection(lines, tuple(rows), active,
                        (sum(by_rule.values()), figures["items_opened"],
                         figures["items_resolved"]))
