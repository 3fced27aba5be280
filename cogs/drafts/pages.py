"""The drafts' web pages: the board (drafts by where they stand) and a draft's page.

A draft's page holds what chat spreads over a card and `/draft show`: the card with
its buttons (a vote or the director's approval from the page, checked as in chat),
the text with the charter's findings marked, each revision's changes word by word,
and the whole story as `/draft show` tells it — the same visibility rules for the
tally and for secret ballots, since it is the same function.
"""

from __future__ import annotations

import difflib
import itertools
import re
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from bot.model import Cell, Mark, MarkedText, Page, Table
from cogs.drafts import cards
from cogs.drafts.reading import history_text, snapshot
from cogs.drafts.states import State
from cogs.drafts.workflow import Draft, Revision, drafts_in, history

if TYPE_CHECKING:
    from bot.host import Context
    from bot.i18n import Translator

#: The board's columns: a title key and the states it gathers, in the order a draft
#: moves; published drafts of the last PUBLISHED_SHOWN days close it.
COLUMNS: tuple[tuple[str, tuple[State, ...]], ...] = (
    ("rework", (State.BLOCKED, State.CHANGES)),
    ("vote", (State.VOTING, State.NO_QUORUM)),
    ("director", (State.AWAITING_FINAL, State.VETOED)),
    ("client", (State.AWAITING_CLIENT,)),
    ("ready", (State.APPROVED, State.SCHEDULED)),
    ("published", (State.PUBLISHED,)),
)
PUBLISHED_SHOWN = timedelta(days=30)
_TOKENS = re.compile(r"\s+|\w+|[^\w\s]")


def _entry(t: Translator, draft: Draft) -> Cell:
    f = draft.current.fields
    text = t("drafts.board.entry", id=draft.id, title=f.title,
             client=f.client or t("drafts.plan.no_client"), network=f.network,
             state=cards.state_label(t, draft.state))
    return Cell(text, f"draft?id={draft.id}")


async def board_page(ctx: Context, query: dict[str, str]) -> Page:
    """`/p/drafts`: every open draft in the column of where it stands."""
    t = ctx.t
    states = [state for _, column in COLUMNS for state in column]
    drafts = await drafts_in(ctx.bot.store, states)
    recent = ctx.now - PUBLISHED_SHOWN
    shown = [d for d in drafts if d.state is not State.PUBLISHED
             or (d.published_at is not None and d.published_at >= recent)]
    cells = tuple(
        tuple(_entry(t, d) for d in reversed(shown) if d.state in column)
        or (Cell(t("drafts.calendar.none")),)
        for _, column in COLUMNS)
    table = Table(t("drafts.board.caption"),
                  tuple(t(f"drafts.board.column.{name}") for name, _ in COLUMNS), (cells,))
    return Page(t("drafts.board.title"), (t("drafts.board.intro"), table),
                links=((t("drafts.calendar.page"), "calendar"),))


def finding_marks(t: Translator, findings: tuple[dict[str, Any], ...]) -> tuple[Mark, ...]:
    return tuple(Mark(f["start"], f["end"], "finding", t(
        "drafts.page.finding", level=t(f"drafts.level.{f['level']}"),
        rule=f.get("title") or f["rule"], message=f["message"]))
        for f in findings if "start" in f and "end" in f)


def changes(before: str, after: str) -> tuple[str, tuple[Mark, ...]]:
    """The words `after` added and those `before` had that it removed, as one text with
    marks (a diff by words: a sentence reworded reads as such, not as two lines)."""
    old, new = _TOKENS.findall(before), _TOKENS.findall(after)
    text: list[str] = []
    marks: list[Mark] = []
    at = 0

    def put(tokens: list[str], kind: str | None) -> None:
        nonlocal at
        part = "".join(tokens)
        if not part:
            return
        if kind is not None:
            marks.append(Mark(at, at + len(part), kind))  # type: ignore[arg-type]
        text.append(part)
        at += len(part)

    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, old, new,
                                                      autojunk=False).get_opcodes():
        if op == "equal":
            put(old[i1:i2], None)
            continue
        put(old[i1:i2], "removed")
        put(new[j1:j2], "added")
    return "".join(text), tuple(marks)


def revision_changes(t: Translator, ctx: Context, revisions: list[Revision]) -> list[MarkedText]:
    """Each revision after the first, with what it changed in the text."""
    shown = []
    for old, new in itertools.pairwise(revisions):
        text, marks = changes(old.fields.text, new.fields.text)
        title = t("drafts.page.revision", number=new.number, editor=new.editor_name,
                  at=cards.when(t, new.created_at, ctx.bot.config.tz),
                  minor=t("drafts.page.minor") if new.minor else "")
        shown.append(MarkedText(title, text, marks))
    return shown


async def draft_page(ctx: Context, query: dict[str, str]) -> Page:
    """`/p/draft?id=N`: the card, the text with its findings, the changes, the story."""
    t = ctx.t
    number = query.get("id", "").strip().lstrip("#")
    found = await snapshot(ctx.bot, int(number)) if number.isdigit() else None
    if found is None:
        return Page(t("drafts.page.none_title"), (t("drafts.unknown", id=number or "?"),),
                    links=((t("drafts.board.title"), "drafts"),))
    draft = found.draft
    card = cards.draft_card(t, ctx.bot.config.tz, found)
    current = MarkedText(t("drafts.page.text", count=len(draft.current.findings)),
                         draft.current.fields.text, finding_marks(t, draft.current.findings))
    revisions, _, _ = await history(ctx.bot.store, draft.id)
    story = await history_text(ctx.bot, found, ctx.user.key)
    return Page(t("drafts.page.title", id=draft.id, title=draft.current.fields.title),
                (card, current, *reversed(revision_changes(t, ctx, revisions)),
                 MarkedText(t("drafts.page.history"), story)),
                links=((t("drafts.board.title"), "drafts"), (t("drafts.calendar.page"),
                                                            "calendar")))


__all__ = ["board_page", "changes", "draft_page"]
