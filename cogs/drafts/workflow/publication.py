"""Publication and expiry of approved drafts, and the electorate a vote opens with."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from bot.store import format_utc
from cogs.drafts.states import (
    READY,
    Action,
    State,
)
from cogs.drafts.workflow.values import (
    DIRECTOR,
    DRAFT_SQL,
    Change,
    Person,
    Refused,
    Voter,
    draft_from_row,
    text,
)
from cogs.drafts.workflow.writing import (
    acting,
    cancel_jobs,
    changing,
    expiry_of,
    needs_client,
    record_event,
    schedule_expiry,
    schedule_planned,
    set_columns,
    vote_settings,
)

if TYPE_CHECKING:

    from bot.host import Bot
    from bot.model import User


async def published(bot: Bot, who: Person, draft_id: int, url: str) -> Change:
    now = bot.clock.now()
    change = Change(draft_id, answer=text("drafts.published", id=draft_id, url=url),
                    actor=who.key)
    async with changing(bot, change) as tx:
        draft = await acting(tx, draft_id, Action.PUBLISH, who)
        await set_columns(tx, draft_id, now, status=State.PUBLISHED.value, published_url=url,
                          published_at=now)
        await cancel_jobs(bot, tx, draft_id, "planned", "expire")
        await record_event(bot, tx, draft, who, "publish", draft.state, State.PUBLISHED,
                           draft.revision, url=url)
    return change


async def reschedule(bot: Bot, who: Person, draft_id: int, planned_at: datetime) -> Change:
    """A new publication time for an approved draft, or for one that expired unpublished
    (a missed date): scheduled again, with its reminder and expiry. The text and its
    approval are unchanged, so there is no new revision and no new vote; the history
    and the director say who moved it, from when to when."""
    now = bot.clock.now()
    if planned_at <= now:
        raise Refused("drafts.reschedule.past", id=draft_id)
    shown = f"{planned_at.astimezone(bot.config.tz):%Y-%m-%d %H:%M}"
    change = Change(draft_id, answer=text("drafts.rescheduled", id=draft_id, when=shown),
                    actor=who.key)
    async with changing(bot, change) as tx:
        draft = await acting(tx, draft_id, Action.RESCHEDULE, who)
        before = draft.current.fields.planned_at
        await tx.execute("UPDATE draft_revisions SET planned_at = ? WHERE draft_id = ? AND "
                         "number = ?", (format_utc(planned_at), draft_id, draft.revision))
        # Without the client's approval of this text, the client is asked (again) until
        # the new time; otherwise the delay to publish runs from the new time (an
        # expired draft's approval is old).
        client = needs_client(bot, draft)
        state = State.AWAITING_CLIENT if client else State.SCHEDULED
        await set_columns(tx, draft_id, now, status=state.value,
                          client_due=planned_at if client else None)
        await schedule_planned(bot, tx, draft_id, planned_at)
        await schedule_expiry(bot, tx, draft_id, planned_at if client else
                              expiry_of(vote_settings(bot), planned_at, None))
        await record_event(bot, tx, draft, who, "reschedule", draft.state, state,
                           draft.revision, planned_at=planned_at, previous=before)
        if not who.director:
            change.tell(DIRECTOR, "drafts.notice.director.rescheduled", id=draft_id,
                        who=who.name, title=draft.current.fields.title, when=shown)
    return change


async def expire_if_due(bot: Bot, draft_id: int) -> Change | None:
    """The expiry job: an approved draft still unpublished past its delay expires."""
    now = bot.clock.now()
    change = Change(draft_id)
    async with changing(bot, change) as tx:
        row = await tx.fetchone(DRAFT_SQL + " WHERE d.id = ?", (draft_id,))
        if row is None:
            return None
        draft = draft_from_row(row)
        waiting = draft.state is State.AWAITING_CLIENT
        due = draft.client_due if waiting else expiry_of(
            vote_settings(bot), draft.current.fields.planned_at, draft.approved_at)
        if (draft.state not in READY and not waiting) or due is None or due > now:
            return None
        await set_columns(tx, draft_id, now, status=State.EXPIRED.value)
        await cancel_jobs(bot, tx, draft_id, "planned")
        await record_event(bot, tx, draft, Person.bot(), "expire", draft.state, State.EXPIRED,
                           draft.revision, planned_at=draft.current.fields.planned_at,
                           client=waiting or None)
        key = "drafts.notice.client.expired" if waiting else "drafts.notice.expired"
        for to in (draft.author, DIRECTOR):
            change.tell(to, key, id=draft_id, title=draft.current.fields.title,
                        client=draft.current.fields.client or "")
    return change


async def electorate_now(bot: Bot, platform_name: str) -> list[Voter]:
    """The members on the draft's platform right now (the snapshot a vote opens with)."""
    users: list[User] = await bot.members("members", platform=platform_name)
    return list({u.key: Voter(u.key, u.name) for u in users if not u.is_bot}.values())
