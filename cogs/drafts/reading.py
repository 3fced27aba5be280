"""Reading a draft for people: its snapshot (the draft, its tally, its client link) and
its whole story, shared by the chat commands and the web pages."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.store import parse_utc
from cogs.drafts import cards, sign_off, workflow
from cogs.drafts.cards import Snapshot
from cogs.drafts.states import State
from cogs.drafts.votes import Tally

if TYPE_CHECKING:
    from bot.host import Bot


async def snapshot(bot: Bot, draft_id: int) -> Snapshot | None:
    draft = await workflow.load(bot.store, draft_id)
    if draft is None:
        return None
    if draft.secret_tally is not None and draft.state is not State.VOTING:
        kept = draft.secret_tally  # the ballots no longer name anyone: the kept count
        return Snapshot(draft, Tally(kept["approve"], kept["changes"], kept["reject"],
                                     kept["abstain"], kept.get("proxied", 0)),
                        kept["electorate"], sign_off.link_for(bot, draft))
    tally, size = await workflow.tally_of(bot.store, draft_id)
    return Snapshot(draft, tally, size, sign_off.link_for(bot, draft))


async def history_text(bot: Bot, found: Snapshot, viewer: str) -> str:
    """A draft's whole story for `viewer` (`/draft show`, a draft's page): revisions,
    the ballots they may see, events, the discussion."""
    id = found.draft.id
    revisions, ballots, events = await workflow.history(bot.store, id)
    comments = [dict(r) | {"at": parse_utc(r["at"])} for r in await bot.store.fetchall(
        "SELECT author_name, text, at FROM draft_comments WHERE draft_id = ? ORDER BY id", (id,))]
    voted: list[str] = []
    if found.draft.secret and found.draft.state is State.VOTING:
        voted = [b["voter_name"] for b in ballots if b["latest"]]
    elif found.draft.secret:
        voted = [r["name"] for r in await bot.store.fetchall(
            "SELECT name FROM draft_participation WHERE draft_id = ? AND round = ?",
            (id, found.draft.round))]
    return cards.show_text(bot.t, bot.config.tz, found, revisions, ballots, events, viewer,
                           voted, comments)


__all__ = ["history_text", "snapshot"]
