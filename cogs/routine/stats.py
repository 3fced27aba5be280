"""Routine figures over a period, for the reports cog and the daily review.

`period_stats(store, start, end)` mirrors the moderation and drafts cogs' functions
of the same name: a plain dict computed from the store alone. Rates are computed
from the routine *as shown on each day* (the snapshot stored with the prompt), so
editing the routine file never rewrites the past.

Who is expected on a day: every member in `roster` (the configured members, as
the reports cog resolves them) and everyone who ticked in the period, except on
their days off, unless they ticked anyway that day.
"""

from __future__ import annotations

import dataclasses
import json
import logging
from collections import defaultdict
from collections.abc import Mapping
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from bot.model import UserRef
from bot.stats import ChartPanel, Figure, Period, StatsSection, format_percent, rate
from bot.store import Store, format_utc
from cogs.routine import store as db
from cogs.routine.streaks import streaks

if TYPE_CHECKING:
    from bot.host import Bot
    from bot.i18n import Translator
    from cogs.routine.runs import RoutineRun

DEFAULT_TZ = ZoneInfo("Europe/Paris")
log = logging.getLogger(__name__)


async def resolve_roster(bot: Bot) -> dict[str, str]:
    """The configured members on every attached platform: user key -> name. They are
    expected every routine day, so a member who ticked nothing shows as 0, not as absent.
    A platform that cannot list its members is left out (and logged) by the host."""
    return {user.key: user.name for user in await bot.members("members") if not user.is_bot}


async def latest_routine(store: Store) -> str | None:
    """The routine whose prompt was posted last (the one in service)."""
    row = await store.fetchone("SELECT routine FROM routine_posts WHERE kind = 'prompt' "
                               "ORDER BY scheduled_for DESC LIMIT 1")
    return None if row is None else row["routine"]


async def period_stats(store: Store, start: datetime, end: datetime, *,
                       routine: str | None = None, streak_min: int = 10,
                       roster: Mapping[str, str] | None = None,
                       tz: ZoneInfo = DEFAULT_TZ) -> dict[str, Any]:
    """The routine's figures for prompts scheduled in [start, end).

    Keys: routine, days (prompts posted), skipped_days, done, possible,
    completion_rate (None when nothing was possible), members (list of dicts:
    user_key, name, done, possible, rate, streak, best_streak, days_off) and
    sections (list of dicts: id, title, done, possible, rate), in routine order.
    Streaks are as of the end of the period (today when the period is not over).
    """
    name = routine or await latest_routine(store)
    empty: dict[str, Any] = {"routine": name, "days": 0, "skipped_days": 0, "done": 0,
                             "possible": 0, "completion_rate": None, "members": [],
                             "sections": []}
    if name is None:
        return empty
    rows = await store.scan(
        "SELECT day, status, sections FROM routine_posts WHERE routine = ? AND kind = 'prompt' "
        "AND scheduled_for >= ? AND scheduled_for < ? ORDER BY day",
        (name, format_utc(start), format_utc(end)))
    days = {date.fromisoformat(r["day"]): json.loads(r["sections"])
            for r in rows if r["status"] == "posted"}
    empty["skipped_days"] = sum(r["status"] == "skipped" for r in rows)
    as_of = _as_of(store, end, tz)
    known = await db.members(store)
    names = {key: name for key, (name, _) in known.items()}
    names.update(roster or {})
    ticks = await _ticks(store, name, days)
    off = await db.days_off(store)
    expected = sorted({*(roster or {}), *{user for user, _, _, _ in ticks}})
    figures = _figures(days, ticks, off, expected)
    counts = await db.counts_by_member(store, name, as_of)
    posted = await db.posted_days(store, name, as_of)
    members = []
    for user in expected:
        streak = streaks(counts.get(user, {}), posted, off.get(user, set()), as_of, streak_min)
        done, possible = figures["members"][user]
        members.append({
            "user_key": user, "name": names.get(user, _id_of(user)), "done": done,
            "possible": possible, "rate": done / possible if possible else None,
            "streak": streak.current, "best_streak": streak.best,
            "days_off": len([d for d in off.get(user, set()) if d in days]),
        })
    members.sort(key=lambda m: (-(m["rate"] or 0), -m["done"], m["name"]))
    done_total = sum(m["done"] for m in members)
    possible_total = sum(m["possible"] for m in members)
    return {**empty, "days": len(days), "done": done_total, "possible": possible_total,
            "completion_rate": done_total / possible_total if possible_total else None,
            "members": members, "sections": figures["sections"]}


def _as_of(store: Store, end: datetime, tz: ZoneInfo) -> date:
    now = store.clock.now()
    last = min(end - timedelta(microseconds=1), now)
    return last.astimezone(tz).date()


async def _ticks(store: Store, routine: str,
                 days: Mapping[date, Any]) -> list[tuple[str, date, str, str]]:
    if not days:
        return []
    first, last = min(days).isoformat(), max(days).isoformat()
    rows = await store.scan(
        "SELECT user_key, day, action_id, section_id FROM routine_ticks WHERE routine = ? "
        "AND day >= ? AND day <= ?", (routine, first, last))
    return [(r["user_key"], date.fromisoformat(r["day"]), r["action_id"], r["section_id"])
            for r in rows if date.fromisoformat(r["day"]) in days]


def _figures(days: Mapping[date, list[Any]], ticks: list[tuple[str, date, str, str]],
             off: Mapping[str, set[date]], expected: list[str]) -> dict[str, Any]:
    """Done and possible per member and per section (pure)."""
    shown: dict[date, dict[str, str]] = {}  # day -> action id -> section id
    titles: dict[str, str] = {}
    order: list[str] = []
    for day in sorted(days):
        shown[day] = {}
        for section_id, title, action_ids in days[day]:
            titles[section_id] = title
            if section_id not in order:
                order.append(section_id)
            for action_id in action_ids:
                shown[day][action_id] = section_id
    done_by: dict[tuple[str, date], list[str]] = defaultdict(list)
    for user, day, action_id, _ in ticks:
        if action_id in shown[day]:
            done_by[user, day].append(shown[day][action_id])
    members: dict[str, tuple[int, int]] = {}
    section_done: dict[str, int] = defaultdict(int)
    section_possible: dict[str, int] = defaultdict(int)
    for user in expected:
        done = possible = 0
        for day, actions in shown.items():
            did = done_by.get((user, day), [])
            if day in off.get(user, set()) and not did:
                continue
            done += len(did)
            possible += len(actions)
            for section_id in actions.values():
                section_possible[section_id] += 1
            for section_id in did:
                section_done[section_id] += 1
        members[user] = (done, possible)
    sections = [{"id": s, "title": titles[s], "done": section_done[s],
                 "possible": section_possible[s],
                 "rate": section_done[s] / section_possible[s] if section_possible[s] else None}
                for s in order]
    return {"members": members, "sections": sections}


def _id_of(user_key: str) -> str:
    """A person never named anywhere is shown by their platform id."""
    try:
        return UserRef.parse(user_key).id
    except ValueError:
        return user_key


#: The routine panel of the weekly chart.
CHART = ChartPanel("routine.stats.chart.title", "rate")


class RoutineStats:
    """One routine's section of `/stats` and the weekly report, with its goal (the
    actions that keep a streak, of the routine's actions) drawn on the weekly chart."""

    def __init__(self, bot: Bot, run: RoutineRun) -> None:
        self.bot = bot
        self.run = run

    async def section(self, period: Period) -> StatsSection:
        run = self.run
        # The team's routine without a readable file: the one posted last.
        key = run.key if run.file is not None or run.id is not None else None
        figures = await period_stats(self.bot.store, period.start, period.end, routine=key,
                                     streak_min=run.settings.streak_min,
                                     roster=await run.roster(self.bot),
                                     tz=self.bot.config.tz)
        name = run.title() if run.id is not None else None
        return dataclasses.replace(render(self.bot.t, figures, name), goal=run.goal())


def render(t: Translator, figures: dict[str, Any], name: str | None = None) -> StatsSection:
    """Card lines, CSV rows and the chart's rate from the figures (pure); `name` heads
    the lines of a routine other than the team's."""
    language = t.language
    lines = []
    heading = name or t("routine.stats.title")
    if figures["days"]:
        lines.append(t("routine.stats.days", name=heading, days=figures["days"],
                       rate=format_percent(figures["completion_rate"], language)))
    else:
        lines.append(t("routine.stats.none", name=heading))
    if figures["skipped_days"]:
        lines.append(t("routine.stats.skipped", count=figures["skipped_days"]))
    if figures["members"]:
        lines.append(t("routine.stats.members"))
        lines += [t("routine.stats.member", name=m["name"],
                    rate=format_percent(m["rate"], language), done=m["done"],
                    possible=m["possible"], streak=m["streak"], best=m["best_streak"])
                  + (t("routine.stats.away", present=figures["days"] - m["days_off"],
                       days=figures["days"]) if m["days_off"] else "")
                  for m in figures["members"]]
    if figures["sections"]:
        sections = " · ".join(f"{s['title']} {format_percent(s['rate'], language)}"
                              for s in figures["sections"])
        lines.append(t("routine.stats.sections", sections=sections))
    rows = [Figure("days", figures["days"]), Figure("skipped_days", figures["skipped_days"]),
            Figure("done", figures["done"], "team"),
            Figure("possible", figures["possible"], "team"),
            Figure("completion_rate", rate(figures["completion_rate"]), "team")]
    for member in figures["members"]:
        name = member["name"]
        rows += [Figure("done", member["done"], name),
                 Figure("possible", member["possible"], name),
                 Figure("completion_rate", rate(member["rate"]), name),
                 Figure("streak", member["streak"], name),
                 Figure("best_streak", member["best_streak"], name),
                 Figure("days_off", member["days_off"], name)]
    for section in figures["sections"]:
        title = section["title"]
        rows += [Figure("section_done", section["done"], title),
                 Figure("section_possible", section["possible"], title),
                 Figure("section_completion_rate", rate(section["rate"]), title)]
    return StatsSection(tuple(lines), tuple(rows), bool(figures["days"]),
                        (figures["completion_rate"],))
