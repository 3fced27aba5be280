"""The minutes (procès-verbal) of the co-op's decisions over a period.

`/minutes FROM TO` gathers every draft on which something was decided in the
period — a vote closed (its tally, the reasons given), the director's decisions
(after a vote without quorum, the final approval or changes, a veto and its
lifting), a publication, a withdrawal, an expiry — and writes them once as
blocks (`Block`), which two renderers turn into Markdown (to paste into the
co-op's records) and PDF (to file and sign).

The PDF is drawn by fpdf2 (pure Python, maintained, Unicode with a TrueType font):
with DejaVu Sans, found among the system's fonts as the weekly chart finds it,
every French character prints; without it, fpdf2's built-in Helvetica is used and
the few characters Latin-1 lacks (œ, the typographic apostrophe and dashes, the
narrow no-break space) are written with their nearest Latin-1 equivalents.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal
from zoneinfo import ZoneInfo

from bot.store import format_utc, parse_utc

if TYPE_CHECKING:
    from bot.store import Store

Translate = Callable[..., str]

#: The events of a draft's history that are decisions, in the minutes' words.
DECISIONS = ("close", "decide", "extend", "final_approve", "final_changes", "veto", "unveto",
             "client_approve", "client_changes", "publish", "withdraw", "expire")


@dataclass(frozen=True, slots=True)
class Block:
    """One piece of the minutes: the title, a line under it, a draft's heading, an item."""

    kind: Literal["title", "subtitle", "heading", "item"]
    text: str


async def gather(store: Store, start: datetime, end: datetime) -> list[dict[str, Any]]:
    """Each draft with a decision in [start, end): its row, its decisions in order, and
    the ballots current when its vote closed (with their reasons)."""
    events = await store.fetchall(
        "SELECT * FROM draft_events WHERE at >= ? AND at < ? AND action IN "
        f"({', '.join('?' * len(DECISIONS))}) ORDER BY draft_id, id",
        (format_utc(start), format_utc(end), *DECISIONS))
    found: dict[int, dict[str, Any]] = {}
    for event in events:
        record = found.get(event["draft_id"])
        if record is None:
            draft = await store.fetchone(
                "SELECT d.id, d.author_name, d.created_at, r.title, r.client, r.network "
                "FROM drafts d JOIN draft_revisions r ON r.draft_id = d.id "
                "AND r.number = d.revision WHERE d.id = ?", (event["draft_id"],))
            if draft is None:
                continue
            record = found[event["draft_id"]] = {"draft": dict(draft), "events": [],
                                                 "ballots": []}
        record["events"].append(dict(event) | {"data": json.loads(event["data"] or "{}")})
    for draft_id, record in found.items():
        closes = [e for e in record["events"] if e["action"] == "close"]
        if closes:  # the ballots in force when the (last) vote of the period closed
            record["ballots"] = [dict(b) for b in await store.fetchall(
                "SELECT voter_name, choice, reason, by_proxy_name FROM draft_ballots "
                "WHERE draft_id = ? AND cast_at <= ? AND (ended_at IS NULL OR ended_at > ?) "
                "ORDER BY id", (draft_id, closes[-1]["at"], closes[-1]["at"]))]
    return list(found.values())


def blocks(t: Translate, tz: ZoneInfo, records: Sequence[dict[str, Any]], first: str,
           last: str, made: datetime) -> list[Block]:
    """The minutes as blocks, in the language of `t` (pure)."""
    def when(text: str) -> str:
        return f"{parse_utc(text).astimezone(tz):%d/%m/%Y %H:%M}"

    out = [Block("title", t("drafts.minutes.title", first=first, last=last)),
           Block("subtitle", t("drafts.minutes.made", at=f"{made.astimezone(tz):%d/%m/%Y %H:%M}",
                               count=len(records)))]
    if not records:
        out.append(Block("item", t("drafts.minutes.none")))
    for record in records:
        draft = record["draft"]
        where = ", ".join(x for x in (draft["client"], draft["network"]) if x)
        out.append(Block("heading", t("drafts.minutes.draft", id=draft["id"],
                                      title=draft["title"], where=where)))
        out.append(Block("item", t("drafts.minutes.submitted", author=draft["author_name"],
                                   at=when(draft["created_at"]))))
        for event in record["events"]:
            out.append(Block("item", _event(t, event, when(event["at"]))))
            if event["action"] == "close":
                out += [Block("item", "    " + _ballot(t, b)) for b in record["ballots"]]
    return out


def _event(t: Translate, event: dict[str, Any], at: str) -> str:
    data, action = event["data"], event["action"]
    reason = t("drafts.minutes.reason", reason=event["reason"]) \
        if event["reason"] and action != "close" else ""
    values = {"at": at, "actor": event["actor_name"], "reason": reason}
    if action == "close":
        how = t(f"drafts.minutes.close.{event['reason'] or 'deadline'}")
        return t("drafts.minutes.close", **values, how=how,
                 result=t(f"drafts.result.{data.get('result', 'rejected')}"),
                 approve=data.get("approve", 0), changes=data.get("request_changes", 0),
                 reject=data.get("reject", 0), abstain=data.get("abstain", 0),
                 cast=data.get("cast", 0), electorate=data.get("electorate", 0))
    if action == "decide":
        return t("drafts.minutes.decide", **values,
                 result=t(f"drafts.result.{data.get('result', 'rejected')}"))
    return t(f"drafts.minutes.{action}", **values)


def _ballot(t: Translate, ballot: dict[str, Any]) -> str:
    voter = ballot["voter_name"] if not ballot["by_proxy_name"] else t(
        "drafts.show.by_proxy", voter=ballot["voter_name"], holder=ballot["by_proxy_name"])
    if not voter:  # a secret ballot, sealed at the close
        return t("drafts.show.secret_ballot", mark="", choice=t(
            f"drafts.choice.{ballot['choice']}"), reason=f" — {ballot['reason']}"
            if ballot["reason"] else "").strip()
    reason = f" — {ballot['reason']}" if ballot["reason"] else ""
    return t("drafts.minutes.ballot", voter=voter, choice=t(f"drafts.choice.{ballot['choice']}"),
             reason=reason)


def markdown(parts: Sequence[Block]) -> str:
    marks = {"title": "# ", "subtitle": "", "heading": "## ", "item": "- "}
    lines: list[str] = []
    for block in parts:
        text = block.text
        if block.kind == "heading" and lines and lines[-1]:
            lines.append("")
        if block.kind == "item" and text.startswith("    "):
            lines.append("  - " + text.strip())
        else:
            lines.append(marks[block.kind] + text)
        if block.kind in ("title", "subtitle"):
            lines.append("")
    return "\n".join(lines).rstrip() + "\n"


#: Where the weekly chart also looks for a font with every French character.
FONT_DIRS = ("/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu",
             "/usr/local/share/fonts", "/Library/Fonts")
_LATIN1 = str.maketrans({"\u0153": "oe", "\u0152": "OE", "\u2019": "'", "\u2018": "'",
                         "\u201c": '"', "\u201d": '"', "\u2014": "-", "\u2013": "-",
                         "\u2026": "...", "\u202f": " ", "\u2009": " ", "\u2713": "v"})


def _font() -> Path | None:
    for folder in FONT_DIRS:
        path = Path(folder) / "DejaVuSans.ttf"
        if path.exists():
            return path
    return None


def pdf(parts: Sequence[Block]) -> bytes:
    """The minutes as an A4 PDF."""
    from fpdf import FPDF  # only when minutes are asked for

    document = FPDF(format="A4")
    document.set_auto_page_break(auto=True, margin=15)
    document.add_page()
    font = _font()
    if font is not None:
        document.add_font("body", fname=str(font))
        family = "body"
    else:
        family = "helvetica"
    sizes = {"title": 15, "subtitle": 9, "heading": 12, "item": 10}
    for block in parts:
        text = block.text if font is not None else \
            block.text.translate(_LATIN1).encode("latin-1", "replace").decode("latin-1")
        document.set_font(family, size=sizes[block.kind])
        if block.kind == "heading":
            document.ln(3)
        indent = 10 if block.kind == "item" and text.startswith("    ") else \
            5 if block.kind == "item" else 0
        document.set_x(document.l_margin + indent)
        bullet = "- " if block.kind == "item" else ""
        document.multi_cell(0, sizes[block.kind] * 0.55, bullet + text.strip(),
                            new_x="LMARGIN", new_y="NEXT")
        if block.kind in ("title", "subtitle"):
            document.ln(2)
    return bytes(document.output())


__all__ = ["Block", "blocks", "gather", "markdown", "pdf"]
