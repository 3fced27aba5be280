"""The routine and team figures as a web page: `/stats` for a period, a table per
routine of each member's ticks, rate and streaks, and the weekly chart (the one the
Monday report posts, ending with the current week)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from bot.model import Attachment, Cell, Page, Picture, Table
from bot.stats import format_percent
from cogs.reports.chart import ChartTexts, chart_texts, draw_chart
from cogs.reports.figures import (
    Panel,
    Report,
    Weeks,
    gather,
    goal_of,
    panels_of,
    rolling_period,
    since_first_figure,
    weekly_sections,
)
from cogs.reports.render import report_card

if TYPE_CHECKING:
    from bot.host import Bot, Context
    from bot.i18n import Translator
    from bot.stats import StatsEntry, Value

KINDS = ("week", "month", "year")
#: A member's figures, in the order of the table's columns.
MEMBER_METRICS = ("done", "possible", "completion_rate", "streak", "best_streak", "days_off")


def _shown(language: str, metric: str, value: object) -> str:
    if value is None:
        return "—"
    if metric == "completion_rate":
        return format_percent(float(value), language)  # type: ignore[arg-type]
    return str(value)


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
        rows = tuple(((Cell(name),), *((Cell(_shown(t.language, m, values.get(m))),)
                                       for m in MEMBER_METRICS))
                     for name, values in sorted(members.items()))
        heading = section.lines[0] if section.lines else t(entry.title)
        tables.append(Table(heading, (t("reports.page.member"), *(
            t(f"reports.page.metric.{m}") for m in MEMBER_METRICS)), rows))
    return tables


def member_charts(bot: Bot, charted: list[tuple[StatsEntry, Weeks]]) -> list[Picture]:
    """A chart per member of each routine (a rate panel): their rate week by week, with
    the team's goal, over the weeks of the team's chart."""
    t = bot.t
    pictures = []
    for entry, weeks in charted:
        if entry.chart is None or entry.chart.kind != "rate":
            continue
        names = sorted({f.subject for _, section in weeks if section is not None
                        for f in section.figures if f.metric == "streak"})
        for name in names:
            values: list[tuple[date, tuple[Value, ...] | None]] = []
            for monday, section in weeks:
                rates = [f.value for f in section.figures if f.subject == name
                         and f.metric == "completion_rate"] if section is not None else []
                values.append((monday, (rates[0],) if rates and rates[0] is not None
                               else None))
            title = t("reports.page.member_chart", name=name, routine=t(entry.title))
            panel = Panel(title, "rate", (), t("reports.page.member_none"),
                          since_first_figure(values), *goal_of(bot, weeks))
            png = draw_chart([panel], ChartTexts(title, t.language))
            pictures.append(Picture(Attachment(f"{name}.png", png, "image/png"), title))
    return pictures


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
    texts = chart_texts(t, bot.config.language, monday, monday + timedelta(days=6))
    charted = await weekly_sections(bot, monday)  # both charts' weeks, read once
    png = draw_chart(panels_of(bot, charted), texts)
    chart = Picture(Attachment("garant-chart.png", png, "image/png"),
                    t("reports.page.chart_alt", title=texts.title))
    return Page(t("reports.page.title"),
                (*notes, report_card(t, bot.config.language, report),
                 *member_tables(t, report), chart, *member_charts(bot, charted)),
                links=tuple((t(f"reports.page.period.{k}"), f"stats?period={k}") for k in KINDS))


__all__ = ["stats_page"]
