"""The publication calendar as pages (a month, a week) and as an iCal feed.

The same plan as `/plan`, read from the store when a page is shown: each planned
draft under its day, with its time, network, client and state, linked to its page.
Month and weekday names come from Babel's CLDR data ("décembre 2026", "lun."), so
they are right in any language Garant speaks, rather than tables of our own.

The feed is the plan in iCalendar (RFC 5545, written by the `icalendar` library):
from two months back to a year ahead, one event per planned draft, tentative until
the director approves it. Calendars subscribe to it at a private address the web
pages give each person (`Page.feed`).
"""

from __future__ import annotations

import calendar as gregorian
from datetime import UTC, date, datetime, time, timedelta
from typing import TYPE_CHECKING

import icalendar
from babel.dates import format_date, get_day_names

from bot.model import Attachment, Cell, Page, Table
from cogs.drafts.cards import settled_mark, state_label
from cogs.drafts.states import READY, State
from cogs.drafts.workflow import Draft, planned_between

if TYPE_CHECKING:
    from zoneinfo import ZoneInfo

    from bot.host import Bot, Context
    from bot.i18n import Translator

FEED = "plan"
#: A post takes no time; calendars draw it as half an hour.
SHOWN_AS = timedelta(minutes=30)
#: The feed covers the recent past (what went out) and the year ahead.
FEED_BACK, FEED_AHEAD = timedelta(days=62), timedelta(days=366)
CONFIRMED = READY | {State.PUBLISHED}


def _locale(t: Translator) -> str:
    return "fr_FR" if t.language == "fr" else "en_GB"


def _start(day: date, tz: ZoneInfo) -> datetime:
    return datetime.combine(day, time(0), tz)


def _month(value: str | None, today: date) -> date | None:
    """"2026-12" -> the 1st of that month; None when it is not a month."""
    if not value:
        return today.replace(day=1)
    try:
        year, month = (int(part) for part in value.split("-"))
        return date(year, month, 1)
    except ValueError:
        return None


def _day(value: str | None, today: date) -> date | None:
    if not value:
        return today
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def _line(t: Translator, tz: ZoneInfo, draft: Draft) -> Cell:
    f = draft.current.fields
    assert f.planned_at is not None
    text = t("drafts.calendar.line", mark=settled_mark(draft),
             time=f"{f.planned_at.astimezone(tz):%H:%M}", network=f.network,
             client=f.client or t("drafts.plan.no_client"), id=draft.id, title=f.title,
             state=state_label(t, draft.state))
    return Cell(text, f"draft?id={draft.id}")


async def _by_day(bot: Bot, first: date, last: date) -> dict[date, list[Draft]]:
    tz = bot.config.tz
    drafts = await planned_between(bot.store, _start(first, tz),
                                   _start(last + timedelta(days=1), tz))
    days: dict[date, list[Draft]] = {}
    for draft in drafts:
        assert draft.current.fields.planned_at is not None
        days.setdefault(draft.current.fields.planned_at.astimezone(tz).date(), []).append(draft)
    return days


async def calendar_page(ctx: Context, query: dict[str, str]) -> Page:
    """`/p/calendar?month=2026-12` (the default: this month) or `?view=week&day=2026-12-07`
    (the week of that day)."""
    if query.get("view") == "week":
        return await _week(ctx, query.get("day"))
    return await _month_page(ctx, query.get("month"))


async def _month_page(ctx: Context, asked: str | None) -> Page:
    t, tz = ctx.t, ctx.bot.config.tz
    today = ctx.now.astimezone(tz).date()
    first = _month(asked, today)
    notes: tuple[str, ...] = ()
    if first is None:
        notes, first = (t("drafts.calendar.bad_month", value=asked or ""),), today.replace(day=1)
    locale = _locale(t)
    weeks = gregorian.Calendar(firstweekday=0).monthdatescalendar(first.year, first.month)
    days = await _by_day(ctx.bot, weeks[0][0], weeks[-1][-1])
    rows = tuple(
        tuple(() if day.month != first.month else (
            Cell(str(day.day) + (" •" if day == today else ""),
                 f"calendar?view=week&day={day.isoformat()}"),
            *(_line(t, tz, draft) for draft in days.get(day, ())))
            for day in week)
        for week in weeks)
    names = get_day_names("abbreviated", locale=locale)
    before = (first - timedelta(days=1)).replace(day=1)
    after = (first + timedelta(days=32)).replace(day=1)
    title = format_date(first, "LLLL y", locale=locale)
    table = Table(t("drafts.calendar.month_caption", month=title),
                  tuple(names[i] for i in range(7)), rows)
    planned = sum(len(found) for day, found in days.items() if day.month == first.month)
    summary = t("drafts.calendar.count", count=planned)
    return Page(t("drafts.calendar.title_month", month=title), (*notes, summary, table),
                links=(("‹ " + format_date(before, "LLLL y", locale=locale),
                        f"calendar?month={before:%Y-%m}"),
                       (format_date(after, "LLLL y", locale=locale) + " ›",
                        f"calendar?month={after:%Y-%m}"),
                       (t("drafts.calendar.this_week"), "calendar?view=week")),
                feed=FEED)


async def _week(ctx: Context, asked: str | None) -> Page:
    t, tz = ctx.t, ctx.bot.config.tz
    today = ctx.now.astimezone(tz).date()
    day = _day(asked, today)
    notes: tuple[str, ...] = ()
    if day is None:
        notes, day = (t("drafts.calendar.bad_day", value=asked or ""),), today
    monday = day - timedelta(days=day.weekday())
    sunday = monday + timedelta(days=6)
    days = await _by_day(ctx.bot, monday, sunday)
    locale = _locale(t)
    rows = tuple(
        ((Cell(format_date(d, "EEEE d MMMM", locale=locale) + (" •" if d == today else "")),),
         tuple(_line(t, tz, draft) for draft in days.get(d, ()))
         or (Cell(t("drafts.calendar.none")),))
        for d in (monday + timedelta(days=i) for i in range(7)))
    week_of = format_date(monday, "d MMMM y", locale=locale)
    table = Table(t("drafts.calendar.week_caption", day=week_of),
                  (t("drafts.calendar.day"), t("drafts.calendar.posts")), rows)
    return Page(t("drafts.calendar.title_week", day=week_of), (*notes, table),
                links=(("‹ " + t("drafts.calendar.week_before"),
                        f"calendar?view=week&day={monday - timedelta(days=7)}"),
                       (t("drafts.calendar.week_after") + " ›",
                        f"calendar?view=week&day={monday + timedelta(days=7)}"),
                       (t("drafts.calendar.month_view"), f"calendar?month={monday:%Y-%m}")),
                feed=FEED)


async def plan_feed(bot: Bot) -> Attachment:
    """The plan as an iCalendar file."""
    now, t = bot.clock.now(), bot.t
    feed = icalendar.Calendar()
    feed.add("prodid", "-//Garant//publication plan//FR")
    feed.add("version", "2.0")
    feed.add("x-wr-calname", t("drafts.calendar.feed_name"))
    for draft in await planned_between(bot.store, now - FEED_BACK, now + FEED_AHEAD):
        f = draft.current.fields
        assert f.planned_at is not None
        event = icalendar.Event()
        event.add("uid", f"draft-{draft.id}@garant")
        event.add("dtstamp", now)
        event.add("dtstart", f.planned_at.astimezone(UTC))
        event.add("duration", SHOWN_AS)
        event.add("summary", t("drafts.calendar.event", network=f.network,
                               client=f.client or t("drafts.plan.no_client"), title=f.title))
        event.add("description", t("drafts.calendar.event_text", id=draft.id,
                                   state=state_label(t, draft.state), text=f.text))
        event.add("status", "CONFIRMED" if draft.state in CONFIRMED else "TENTATIVE")
        event.add("categories", [f.network])
        feed.add_component(event)
    return Attachment("garant-plan.ics", feed.to_ical(), "text/calendar; charset=utf-8")


__all__ = ["FEED", "calendar_page", "plan_feed"]
