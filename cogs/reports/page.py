"""The routine and team figures as a web page: `/stats` for a period, a table per
routine of each member's ticks, rate and streaks, and the weekly chart (the one the
Monday report posts, ending with the current week)."""

from __future__ import annotations

from datetime import timedelta
from typing import TYPE_CHECKING

from bot.model import Attachment, Cell, Page, Picture, Table
from bot.stats import days_period, format_percent
from cogs.reports.chart import ChartTexts, draw_chart
from cogs.reports.figures import Report, gather, rolling_period, weekly_panels
from cogs.reports.render import report_card

if TYPE_CHECKING:
    from bot.host import Bot, Context
    from bot.i18n import Translator
    from bot.stats import Period

KINDS = ("week", "month", "year")
#: A member's figures, in the order of the table's columns.
MEMBER_METRICS = ("done", "possible", "completion_rate", "streak", "best_streak", "days_off")


def chart_texts(bot: Bot, period: Period) -> ChartTexts:
    """The chart's title names the week the report is about (the last one drawn)."""
    shown = "%d/%m/%Y" if bot.config.language == "fr" else "%Y-%m-%d"
    return ChartTexts(bot.t("reports.chart.title", first=period.first.strftime(shown),
                            last=period.last.strftime(shown)), bot.config.language)


def member_tables(t: Translator, report: Report) -> list[Table]:
    """One table per section that has members' streaks (each routine)."""
    tables = []
    for entry, section in report.sections:
        if section is None:
            continue
        by_member: dict[str, dict[str, object]] = {}
        for figure in section.figures:
            if figure.subject and figure.subject != "team" and figure.metric in MEMBER_METRICS:
                by_member.setdefault(figure.subject, {})[figure.metric] = figure.value
        members = {name: values for name, values in by_member.items() if "streak" in values}
        if not members:
            continue

        def shown(metric: str, value: object) -> str:
            if value is None:
                return "—"
            if metric == "completion_rate":
                return format_percent(float(value), t.language)  # type: ignore[arg-type]
            return str(value)

        rows = tuple(((Cell(name),), *((Cell(shown(m, values.get(m))),) for m in MEMBER_METRICS))
                     for name, values in sorted(members.items()))
        heading = section.lines[0] if section.lines else t(entry.title)
        tables.append(Table(heading, (t("reports.page.member"), *(
            t(f"reports.page.metric.{m}") for m in MEMBER_METRICS)), rows))
    return tables


async def stats_page(ctx: Context, query: dict[str, str]) -> Page:
    """`/p/stats?period=week|month|year`."""
    bot, t = ctx.bot, ctx.t
    tz = bot.config.tz
    kind = query.get("period") or "week"
    notes: tuple[str, ...] = ()
    if kind not in KINDS:
        notes, kind = (t("reports.page.bad_period", value=kind),), "week"
    report = await gather(bot, rolling_period(kind, ctx.now, tz))
    today = ctx.now.astimezone(tz).date()
    monday = today - timedelta(days=today.weekday())
    texts = chart_texts(bot, days_period("weekly", monday, monday + timedelta(days=6), tz))
    png = draw_chart(await weekly_panels(bot, monday), texts)
    chart = Picture(Attachment("garant-chart.png", png, "image/png"),
                    t("reports.page.chart_alt", title=texts.title))
    return Page(t("reports.page.title"),
                (*notes, report_card(t, bot.config.language, report),
                 *member_tables(t, report), chart),
                links=tuple((t(f"reports.page.period.{k}"), f"stats?period={k}") for k in KINDS))


__all__ = ["chart_texts", "stats_page"]
