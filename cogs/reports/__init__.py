"""The `reports` cog: `/stats [week|month]`, `/stats export`, and the weekly report.

The weekly report goes out every Monday at 09:00 (the configured zone) in the
routine channel, about the calendar week that just ended: a card with the
figures, the chart (PNG) and the same figures as CSV. It is claimed like the
routine's prompts: the scheduler's run-once claim, then a `report_posts` row per
week inserted before posting, so a restart never posts it twice; missed by more
than the routine's grace, it is recorded as skipped. A week with nothing at all
to report (a new installation) is recorded as 'empty' and not posted.
"""

from __future__ import annotations

import logging
from collections.abc import Awaitable, Callable
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING

from bot.model import Attachment, ChannelRef, Command, Option, PageRoute
from bot.stats import Period
from bot.store import format_utc
from cogs.reports.chart import chart_texts, draw_chart
from cogs.reports.figures import (
    Report,
    gather,
    previous_week,
    rolling_period,
    weekly_panels,
)
from cogs.reports.messages import MESSAGES
from cogs.reports.page import stats_page
from cogs.reports.render import report_card, short_day, to_csv
from cogs.routine.settings import RoutineSettings

if TYPE_CHECKING:
    from bot.host import Bot, Context
    from bot.scheduler import Job
    from bot.store import Transaction

log = logging.getLogger(__name__)

WEEKLY_JOB = "reports.weekly"
WEEKLY_AT = time(9, 0)
MONDAY = frozenset({0})
CATCH_UP = timedelta(days=7)
#: `/stats PERIOD`, in either language: the rolling period each name means.
PERIOD_NAMES = {"week": "week", "semaine": "week", "month": "month", "mois": "month",
                "year": "year", "annee": "year", "année": "year", "an": "year"}
PERIODS = tuple(PERIOD_NAMES)


def setup(bot: Bot) -> None:
    bot.add_messages(MESSAGES)
    period = Option("period", required=False, choices=PERIODS)
    bot.add_command(Command(("stats",), "reports.stats.help", stats, (period,),
                            permission="member"))
    bot.add_command(Command(("stats", "export"), "reports.export.help", export, (period,),
                            permission="member"))
    bot.add_job(WEEKLY_JOB, weekly_report)
    bot.on_start(schedule)
    bot.add_page(PageRoute("stats", "reports.page.page", stats_page))


def grace(bot: Bot) -> timedelta:
    """A late weekly report is posted within the routine's grace, like its prompts."""
    return bot.settings(RoutineSettings).grace


async def schedule(bot: Bot) -> None:
    horizon = max(grace(bot), CATCH_UP)
    await bot.scheduler.schedule_daily(WEEKLY_JOB, WEEKLY_JOB, WEEKLY_AT, MONDAY,
                                       bot.config.timezone, horizon)


def _period(ctx: Context, period: str | None) -> Period:
    return rolling_period(PERIOD_NAMES[period or "week"], ctx.now, ctx.bot.config.tz)


async def stats(ctx: Context, period: str | None) -> None:
    report = await gather(ctx.bot, _period(ctx, period))
    await ctx.private(report_card(ctx.t, ctx.bot.config.language, report))


def csv_attachment(report: Report, name: str, language: str) -> Attachment:
    return Attachment(f"{name}.csv", to_csv(report, language), "text/csv")


async def export(ctx: Context, period: str | None) -> None:
    chosen = _period(ctx, period)
    report = await gather(ctx.bot, chosen)
    attachment = csv_attachment(report, f"garant-stats-{chosen.last.isoformat()}-"
                                         f"{chosen.kind}", ctx.bot.config.language)
    lang = ctx.bot.config.language
    text = ctx.t("reports.file.csv", first=short_day(chosen.first, lang),
                 last=short_day(chosen.last, lang))
    # Answer where asked, on the platform asked (not in every platform's channel of
    # that name).
    if await ctx.send_file(attachment, text):
        rows = attachment.data.count(b"\n") - 1
        await ctx.private(ctx.t("reports.export.done", rows=rows))
    else:
        await ctx.private(ctx.t("reports.export.failed"))


async def _claim(bot: Bot, period: Period, scheduled_for: datetime, status: str,
                 reason: str | None = None,
                 effects: Callable[[Transaction], Awaitable[None]] | None = None) -> bool:
    """The week's report row and (`effects`) its posts, in one transaction: False when
    it exists already."""
    async with bot.store.transaction() as tx:
        inserted = await tx.execute(
            "INSERT INTO report_posts (kind, period, status, scheduled_for, claimed_at, reason) "
            "VALUES ('weekly', ?, ?, ?, ?, ?) ON CONFLICT (kind, period) DO NOTHING",
            (period.first.isoformat(), status, format_utc(scheduled_for),
             format_utc(bot.clock.now()), reason))
        if inserted.rowcount:
            await tx.audit("garant", f"report.weekly.{status}", f"report:{period.first}",
                           reason=reason, scheduled_for=scheduled_for)
            if effects is not None:
                await effects(tx)
    return bool(inserted.rowcount)


async def weekly_report(bot: Bot, job: Job, scheduled_for: datetime) -> None:
    period = previous_week(scheduled_for, bot.config.tz)
    late = bot.clock.now() - scheduled_for
    if late > grace(bot):
        await _claim(bot, period, scheduled_for, "skipped",
                     f"{int(late.total_seconds() // 60)} min late")
        return
    report = await gather(bot, period)
    if report.empty:
        await _claim(bot, period, scheduled_for, "empty")
        return
    channel, lang = ChannelRef.named(bot.config.channels.routine), bot.config.language
    name = f"garant-report-{period.first.isoformat()}"
    panels = await weekly_panels(bot, period.first)
    png = Attachment(f"{name}.png", draw_chart(panels, chart_texts(
        bot.t, bot.config.language, period.first, period.last)), "image/png")

    async def post(tx: Transaction) -> None:
        # The card, its chart and its table go with the week's claim, or not at all.
        await bot.send(channel, report_card(bot.t, lang, report), tx=tx)
        await bot.send_file(channel, png, bot.t("reports.file.chart"), tx=tx)
        await bot.send_file(channel, csv_attachment(report, name, lang),
                            bot.t("reports.file.csv", first=short_day(period.first, lang),
                                  last=short_day(period.last, lang)), tx=tx)

    if await _claim(bot, period, scheduled_for, "posted", effects=post):
        await bot.flush()
