"""The client's sign-off: a draft its client must approve waits in `awaiting_client`
after the director's approval, until the client answers from its link (or the
director records an answer the client gave by phone or e-mail), or the link expires
at the planned publication time (`publication.expire_if_due`)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from cogs.drafts.states import Action, State, after_final_approval
from cogs.drafts.workflow.values import DIRECTOR, TEAM, Change, Person, Refused, text
from cogs.drafts.workflow.writing import (
    acting,
    cancel_jobs,
    changing,
    expiry_of,
    record_event,
    schedule_expiry,
    set_columns,
    vote_settings,
)

if TYPE_CHECKING:
    from bot.host import Bot


def client_person(client: str) -> Person:
    """The client as an actor of the history: no account, its name."""
    return Person(f"client:{client}", client, client=True)


async def client_answer(bot: Bot, who: Person, draft_id: int, revision: int, approve: bool,
                        comment: str | None) -> Change:
    """The client's answer on revision `revision`: approved (scheduled, or approved
    without a planned time) or changes requested (a comment is required). `who` is
    the client (`client_person`) or a director answering for them."""
    now = bot.clock.now()
    comment = (comment or "").strip() or None
    if not approve and comment is None:
        raise Refused("drafts.client.comment_needed", id=draft_id)
    action = Action.CLIENT_APPROVE if approve else Action.CLIENT_CHANGES
    change = Change(draft_id, actor=who.key)
    async with changing(bot, change) as tx:
        draft = await acting(tx, draft_id, action, who)
        if draft.revision != revision:
            raise Refused("drafts.client.stale", id=draft_id)
        if draft.client_due is not None and draft.client_due <= now:
            raise Refused("drafts.client.too_late", id=draft_id)
        f = draft.current.fields
        on_behalf = not who.client
        if approve:
            state = after_final_approval(f.planned_at is not None)
            await set_columns(tx, draft_id, now, status=state.value, client_approved=revision,
                              client_due=None)
            await schedule_expiry(bot, tx, draft_id,
                                  expiry_of(vote_settings(bot), f.planned_at, now))
        else:
            state = State.CHANGES
            await set_columns(tx, draft_id, now, status=state.value, client_due=None)
            await cancel_jobs(bot, tx, draft_id, "expire")
        await record_event(bot, tx, draft, who, action.value, draft.state, state, revision,
                           reason=comment, client=f.client, on_behalf=on_behalf or None)
        key = "drafts.notice.client." + ("approved" if approve else "changes")
        for to in (draft.author, DIRECTOR, TEAM):
            change.tell(to, key, id=draft_id, title=f.title, client=f.client or "",
                        comment=comment or "—")
        change.answer = text("drafts.client.recorded" if on_behalf else key + ".answer",
                             id=draft_id, title=f.title, client=f.client or "",
                             state=text(f"drafts.state.{state.value}"))
    return change


__all__ = ["client_answer", "client_person"]
