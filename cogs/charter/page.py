"""The charter's web page: its rules with their examples and how often each hit, and a
box to try a text against it (checked as you type where scripts run, on "Vérifier"
elsewhere).

The text is checked exactly as chat or a draft would be (`Charter.check` with the
context and the network chosen); the hits and the precision are the moderation
figures `/charter stats` reads (findings counted per rule, and moderators'
decisions on the items each rule raised), over the last 30 days.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, timedelta
from typing import TYPE_CHECKING, Any

from bot.charter import NETWORKS
from bot.located.yamlsrc import SourceError
from bot.model import Cell, Form, FormField, Mark, MarkedText, Page, Table
from bot.stats import format_percent
from cogs.charter.render import findings_text
from cogs.drafts.settings import DraftSettings
from cogs.moderation.stats import period_stats, precision

if TYPE_CHECKING:
    from bot.charter import Charter, Finding
    from bot.host import Context
    from bot.i18n import Translator

MEASURED = timedelta(days=30)
CHAT = "chat"


def _label(t: Translator, key: str, fallback: str) -> str:
    return t(key) if key in t.catalog else fallback


def _marks(t: Translator, findings: list[Finding]) -> tuple[Mark, ...]:
    return tuple(Mark(f.start, f.end, "finding", t("charter.page.mark", rule=f.label,
                                                   message=f.message))
                 for f in findings if f.end > f.start)


def _rules(t: Translator, charter: Charter, figures: Mapping[str, Any]) -> Table:
    """The rules with their examples and, from `period_stats`, their hits and precision
    (or, in shadow mode, how often they would have acted)."""
    hits: dict[str, int] = figures["findings_by_rule"]
    shadow: dict[str, int] = figures["shadow_by_rule"]
    decided: dict[str, tuple[int, int]] = figures["decisions_by_rule"]
    rows = []
    for rule in charter.rules:
        kind = _label(t, f"charter.kind.{rule.kind}", rule.kind)
        what = t("charter.page.what", level=t(f"charter.level.{rule.level}"),
                 action=t(f"charter.verdict.{rule.action}"),
                 contexts="/".join(t(f"charter.context.{c}") for c in sorted(rule.applies_to)))
        if rule.networks:
            what += f" [{', '.join(sorted(rule.networks))}]"
        examples = tuple(Cell(("✗ " if e.bad else "✓ ") + e.text) for e in rule.examples) \
            or (Cell("—"),)
        right, wrong = decided.get(rule.id, (0, 0))
        measured = precision(right, wrong)
        if rule.id in shadow:
            counted = t("charter.page.shadow", hits=shadow[rule.id])
        else:
            counted = t("charter.page.hits", hits=hits.get(rule.id, 0), precision=format_percent(
                measured, t.language) if measured is not None else "—")
        rows.append(((Cell(rule.title or rule.id), Cell(rule.id), *(
            (Cell(rule.why),) if rule.why else ())),
            (Cell(kind), Cell(what)), examples, (Cell(counted),)))
    return Table(t("charter.page.rules", count=len(charter.rules)),
                 (t("charter.page.rule"), t("charter.page.kind"), t("charter.page.examples"),
                  t("charter.page.measured")), tuple(rows))


async def charter_page(ctx: Context, query: dict[str, str]) -> Page:
    """`/p/charter?name=coop-fr&text=…&context=twitter`: the rules, and the text tried."""
    bot, t = ctx.bot, ctx.t
    names = bot.charters.names()
    drafts = bot.settings(DraftSettings).charter_for(None, bot.config.default_charter)
    name = query.get("name") or (drafts if drafts in names else bot.config.default_charter)
    notes: list[str] = []
    if name not in names:
        notes.append(t("charter.page.unknown", name=name, names=", ".join(names)))
        name = bot.config.default_charter
    try:
        charter = bot.charters.get(name)
    except SourceError as exc:
        return Page(t("charter.page.title", name=name),
                    (t("charter.invalid", error=exc.text(t.language)),))
    context = query.get("context") or CHAT
    if context != CHAT and context not in NETWORKS:
        notes.append(t("charter.page.bad_context", value=context))
        context = CHAT
    tried: list[str | MarkedText] = []
    text = query.get("text", "")
    if text.strip():
        findings = charter.check(text, "chat") if context == CHAT else \
            charter.check(text, "draft", context)
        tried = [findings_text(t, charter, findings, None if context == CHAT else context),
                 MarkedText(t("charter.page.tried"), text, _marks(t, findings))]
    await bot.persist()  # this second's counts too
    end = ctx.now.astimezone(UTC)
    figures = await period_stats(bot.store, end - MEASURED, end + timedelta(days=1))
    form = Form("charter:try", t("charter.page.try"), (
        FormField("text", t("charter.page.text"), multiline=True, required=False,
                  max_length=2000, placeholder=t("charter.page.placeholder")),
        FormField("context", t("charter.page.context"), choices=(CHAT, *sorted(NETWORKS)),
                  default=CHAT),
        FormField("name", t("charter.page.charter"), choices=tuple(names), default=name)),
        submit_label=t("charter.page.check"))
    intro = t("charter.page.intro", title=charter.title or charter.name,
              parents=", ".join(charter.parents) or "—")
    return Page(t("charter.page.title", name=charter.name),
                (*notes, *tried, intro, _rules(t, charter, figures)), form=form)


__all__ = ["charter_page"]
