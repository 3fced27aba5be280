"""How review items look: the moderators' card and the /queue lines (pure)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from zoneinfo import ZoneInfo

from bot.i18n import Translator
from bot.model import Button, ButtonStyle, Card
from cogs.moderation.appeals import Appeal
from cogs.moderation.decide import age_text, excerpt
from cogs.moderation.queue import EARLIER_SHOWN, Flag, Item

ACTIONS = ("keep", "remove", "warn", "escalate", "claim")
STYLES: dict[str, ButtonStyle] = {"keep": "success", "remove": "danger", "warn": "primary",
                                  "escalate": "secondary", "claim": "secondary"}


def local(when: datetime, tz: ZoneInfo) -> str:
    return f"{when.astimezone(tz):%Y-%m-%d %H:%M}"


def review_card(t: Translator, item: Item, flags: list[Flag], tz: ZoneInfo,
                warned_by: Sequence[str] = (), earlier: int = 0,
                previous: Sequence[int] = ()) -> Card:
    """The item's card; `warned_by`: who warned its author about it, oldest first;
    `earlier`: how many items its author had before, `previous` the last ones' ids."""
    fields = [
        (t("mod.field.author"), item.author_name),
        (t("mod.field.channel"), f"#{item.channel_name}"),
        (t("mod.field.message"), t(f"mod.state.{item.message_state}")),
    ]
    if item.link:
        fields.append((t("mod.field.link"), item.link))
    findings = [f"{f.rule} « {f.matched} »" if t.language == "fr"
                else f"{f.rule} \u201c{f.matched}\u201d"
                for f in flags if f.source == "charter"]
    if findings:
        fields.append((t("mod.field.findings"), "; ".join(findings)))
    reports = [report_line(t, f) for f in flags if f.source == "member"]
    if reports:
        fields.append((t("mod.field.reports"), f"{len(reports)} — " + "; ".join(reports)))
    if warned_by:
        fields.append((t("mod.field.warned"), ", ".join(warned_by)))
    if item.earlier_texts:
        fields.append((t("mod.field.earlier_texts"), " → ".join(
            t("mod.quoted", text=excerpt(text, 120)) for text in item.earlier_texts[-3:])))
    if earlier:
        shown = ", ".join(t("mod.item_ref", id=i) for i in previous[:5])
        count = f"{EARLIER_SHOWN}+" if earlier > EARLIER_SHOWN else str(earlier)
        fields.append((t("mod.field.previous"), t("mod.previous", count=count,
                                                   items=shown, author=item.author_name)))
    if item.claimed_by and item.is_open:
        fields.append((t("mod.field.claimed"), item.claimed_by_name or item.claimed_by))
    if not item.is_open and item.resolved_by and item.resolved_at:
        reason = f" — {item.reason}" if item.reason else ""
        fields.append((t("mod.field.decision"), t(
            "mod.decision", outcome=t(f"mod.status.{item.status}"),
            actor=item.resolved_by_name or item.resolved_by, when=local(item.resolved_at, tz),
            reason=reason)))
    buttons: tuple[Button, ...] = ()
    if item.is_open:
        buttons = tuple(Button(t(f"mod.button.{a}"), f"review:{a}:{item.id}", STYLES[a])
                        for a in ACTIONS if not (a == "escalate" and item.status == "escalated"))
    if item.is_open and any(f.source == "charter" and f.rule for f in flags):
        # A false positive is fixed in the charter (see `exemptions.py`).
        buttons += (Button(t("mod.button.exception"), f"review:exception:{item.id}"),)
    return Card(t("mod.card.title", id=item.id, status=t(f"mod.status.{item.status}")),
                excerpt(item.text, 500), tuple(fields), buttons, key=f"review:{item.id}")


def report_line(t: Translator, flag: Flag) -> str:
    note = f" ({flag.note})" if flag.note else ""
    return t("mod.report_line", name=flag.reporter_name or "?",
             reason=t(f"mod.reason.{flag.reason or 'other'}"), note=note)


def queue_line(t: Translator, item: Item, flags: list[Flag], now: datetime) -> str:
    rules = sorted({f.rule for f in flags if f.source == "charter" and f.rule})
    reports = sum(1 for f in flags if f.source == "member")
    summary = ", ".join(rules)
    if reports:
        summary += (", " if summary else "") + f"{reports} " + (
            "signalement(s)" if t.language == "fr" else "report(s)")
    summary += f" · « {excerpt(item.text, 60)} »" if t.language == "fr" \
        else f" · \u201c{excerpt(item.text, 60)}\u201d"
    return t("mod.queue.line", id=item.id, age=age_text(now - item.created_at, t.language),
             author=item.author_name, channel=item.channel_name, summary=summary)



def appeal_card(t: Translator, appeal: Appeal, item: Item) -> Card:
    """An appeal's card in the review queue: the item, the author's reason, and (while
    open) the two decisions; once decided, who decided what and why."""
    fields = [(t("mod.field.author"), item.author_name),
              (t("mod.appeal.field.decision"), t(f"mod.status.{appeal.decision}")),
              (t("mod.appeal.field.reason"), appeal.reason)]
    if appeal.status != "open":
        fields.append((t("mod.appeal.field.outcome"), t(
            f"mod.appeal.outcome.{appeal.status}", actor=appeal.decided_by_name or "?",
            reason=appeal.outcome_reason or "—")))
    buttons: tuple[Button, ...] = ()
    if appeal.status == "open":
        buttons = (Button(t("mod.appeal.button.uphold"), f"appeal:uphold:{appeal.id}",
                          "secondary"),
                   Button(t("mod.appeal.button.overturn"), f"appeal:overturn:{appeal.id}",
                          "danger"))
    return Card(t("mod.appeal.title", id=appeal.id, item=item.id,
                  status=t(f"mod.appeal.status.{appeal.status}")),
                excerpt(item.text, 300), tuple(fields), buttons, key=f"appeal:{appeal.id}")
