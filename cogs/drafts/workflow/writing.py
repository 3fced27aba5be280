"""What every transition writes besides its own columns: the event (history and
audit log together), the scheduler's jobs, opening and closing a vote, and its
effects — the draft's card and the notices — recorded in the same transaction
(`changing`), so that nobody is told of a change that did not happen and no change
happens without its notices."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.model import ChannelRef, UserRef
from bot.store import dump_json, format_utc
from cogs.drafts.settings import DraftSettings, VoteSettings
from cogs.drafts.states import Action, State, after_vote, refusal
from cogs.drafts.votes import Tally, outcome
from cogs.drafts.workflow.queries import load_locked, tally_of
from cogs.drafts.workflow.values import (
    DIRECTOR,
    LATE_IS_FINE,
    TEAM,
    Change,
    Draft,
    Person,
    Refused,
    Text,
    Voter,
    card_key,
    render,
)

if TYPE_CHECKING:
    from bot.host import Bot
    from bot.store import Transaction


@asynccontextmanager
async def changing(bot: Bot, change: Change) -> AsyncIterator[Transaction]:
    """A workflow transaction whose `change` (its card and its notices, complete when
    the block ends) is recorded in the outbox before the commit."""
    async with bot.store.transaction() as tx:
        yield tx
        await record_change(bot, tx, change)


async def record_change(bot: Bot, tx: Transaction, change: Change) -> None:
    """The draft's card (posted the first time, then refreshed) and the notices, as
    effects of `tx`; the actor is answered instead of notified."""
    key = card_key(change.draft_id)
    row = await tx.fetchone("SELECT platform FROM drafts WHERE id = ?", (change.draft_id,))
    if row is None:
        return
    posted = await tx.fetchone("SELECT 1 FROM posted_cards WHERE card_key = ?", (key,))
    # Not posted yet may mean its post is on its way (recorded, or being sent while this
    # change commits): the post's key dedupes it, and then the change is a refresh,
    # delivered after the post, or else a vote cast meanwhile would never show.
    if posted is not None or not await bot.post_card(
            ChannelRef.named(bot.config.channels.drafts), key, tx=tx, key=key):
        await bot.refresh_card(key, tx=tx)
    skip = [change.actor] if change.actor else []
    for notice in change.notices:
        content = render(bot.t, notice.text)
        if notice.to == DIRECTOR:
            await bot.send_role("director", row["platform"], content, tx=tx, exclude=skip)
        elif notice.to == TEAM:
            await bot.send(ChannelRef.named(bot.config.channels.drafts), content, tx=tx)
        elif notice.to not in skip:
            await bot.send(UserRef.parse(notice.to), content, tx=tx)


async def record_event(bot: Bot, tx: Transaction, draft: Draft | int, actor: Person, action: str,
                       from_: State | None, to: State, revision: int, reason: str | None = None,
                       **data: Any) -> None:
    """A transition, in the draft's history and in the store's audit log, together."""
    draft_id = draft if isinstance(draft, int) else draft.id
    now = format_utc(bot.clock.now())
    await tx.execute(
        "INSERT INTO draft_events (draft_id, at, actor, actor_name, action, from_status, "
        "to_status, revision, reason, data) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (draft_id, now, actor.key, actor.name, action, from_.value if from_ else None, to.value,
         revision, reason, dump_json(data)))
    await tx.audit(actor.key, f"draft.{action}", f"draft:{draft_id}", reason=reason,
                   from_status=from_.value if from_ else None, to_status=to.value,
                   revision=revision, **data)


async def set_columns(tx: Transaction, draft_id: int, now: datetime, **columns: Any) -> None:
    names = ", ".join(f"{name} = ?" for name in columns)
    values = [format_utc(v) if isinstance(v, datetime) else v for v in columns.values()]
    await tx.execute(f"UPDATE drafts SET {names}, updated_at = ? WHERE id = ?",
                     (*values, format_utc(now), draft_id))


def check_allowed(action: Action, draft: Draft, who: Person) -> None:
    key = refusal(action, draft.state, who.actor(draft.author), vetoed=draft.vetoed,
                  extended=draft.extended)
    if key is not None:
        raise Refused(key, id=draft.id, state=Text(f"drafts.state.{draft.state.value}"))


def vote_settings(bot: Bot) -> VoteSettings:
    return bot.settings(VoteSettings)


def job_id(draft_id: int, kind: str) -> str:
    return f"draft:{draft_id}:{kind}"


async def schedule_vote(bot: Bot, tx: Transaction, draft_id: int, deadline: datetime) -> None:
    """The deadline and the reminder, as persisted one-off jobs (they survive restarts)."""
    votes = vote_settings(bot)
    payload = {"draft": draft_id}
    await bot.scheduler.schedule_at(job_id(draft_id, "deadline"), "drafts.deadline", deadline,
                                    LATE_IS_FINE, payload, tx=tx)
    remind_at = deadline - votes.reminder_before
    if remind_at > bot.clock.now():
        # A reminder is only useful before the deadline: its grace ends there.
        await bot.scheduler.schedule_at(job_id(draft_id, "reminder"), "drafts.reminder",
                                        remind_at, votes.reminder_before, payload, tx=tx)
    else:
        await bot.scheduler.cancel(job_id(draft_id, "reminder"), tx=tx)


async def cancel_jobs(bot: Bot, tx: Transaction, draft_id: int, *kinds: str) -> None:
    for kind in kinds:
        await bot.scheduler.cancel(job_id(draft_id, kind), tx=tx)


async def schedule_planned(bot: Bot, tx: Transaction, draft_id: int,
                           planned_at: datetime | None) -> None:
    """Remind the author at the planned time (only while it is ahead)."""
    if planned_at is None or planned_at <= bot.clock.now():
        await cancel_jobs(bot, tx, draft_id, "planned")
        return
    await bot.scheduler.schedule_at(job_id(draft_id, "planned"), "drafts.planned", planned_at,
                                    timedelta(hours=12), {"draft": draft_id}, tx=tx)


def expiry_of(votes: VoteSettings, planned_at: datetime | None,
              approved_at: datetime | None) -> datetime | None:
    """When an approved draft expires: `expire_after` past its planned time, or past its
    approval when the director approved it after the planned time (a late approval
    still leaves the author the delay to publish)."""
    if planned_at is None:
        return None
    start = max(planned_at, approved_at) if approved_at else planned_at
    return start + votes.expire_after


def needs_client(bot: Bot, draft: Draft) -> bool:
    """The draft's client signs off its posts and has not approved this text yet."""
    return bot.settings(DraftSettings).needs_client(draft.current.fields.client) \
        and not draft.client_signed


def client_due(bot: Bot, planned_at: datetime | None, now: datetime) -> datetime:
    """Until when the client may answer: the planned publication time, or
    `client_sign_off_within` from now when there is none ahead."""
    if planned_at is not None and planned_at > now:
        return planned_at
    return now + bot.settings(DraftSettings).client_sign_off_within


async def schedule_expiry(bot: Bot, tx: Transaction, draft_id: int,
                          expires_at: datetime | None) -> None:
    if expires_at is None:
        await cancel_jobs(bot, tx, draft_id, "expire")
        return
    await bot.scheduler.schedule_at(job_id(draft_id, "expire"), "drafts.expire", expires_at,
                                    LATE_IS_FINE, {"draft": draft_id}, tx=tx)


async def open_vote(bot: Bot, tx: Transaction, draft: Draft, electorate: list[Voter],
                    now: datetime, minimum: timedelta = timedelta(0)) -> datetime:
    """(Re)open the vote: a fresh electorate snapshot (minus the author) and deadline.

    The tally visibility and the rule are fixed the first time the vote opens, so
    nobody can loosen them once ballots exist. Objections carried from an earlier
    round stay current; the ballots of people no longer in the electorate stop
    counting (the tally joins on the electorate).
    """
    votes = vote_settings(bot)
    deadline = now + max(votes.deadline, minimum)
    await tx.execute("DELETE FROM draft_electorate WHERE draft_id = ?", (draft.id,))
    await tx.executemany(
        "INSERT INTO draft_electorate (draft_id, voter, name) VALUES (?, ?, ?) "
        "ON CONFLICT DO NOTHING",
        [(draft.id, v.key, v.name) for v in electorate if v.key != draft.author])
    fixed: dict[str, Any] = {}
    if draft.tally_mode is None:
        fixed = {"tally_mode": votes.tally, "quorum": votes.quorum, "majority": votes.majority,
                 "consent": int(votes.mode == "consent")}
    # Secret once, secret for good (a later round cannot reveal anything either).
    secret = draft.secret or votes.is_secret(draft.current.fields.client)
    await set_columns(tx, draft.id, now, status=State.VOTING.value, round=draft.round + 1,
                      opened_at=now, deadline_at=deadline, extended=0, closed_at=None, result=None,
                      secret=int(secret), secret_tally=None, **fixed)
    await schedule_vote(bot, tx, draft.id, deadline)
    return deadline


async def seal_ballots(tx: Transaction, draft: Draft, tally: Tally, size: int) -> None:
    """A secret vote has closed: keep its tally on the draft and who took part, then
    take the voters off the ballots, so no person stays linked to a choice."""
    await tx.execute("UPDATE drafts SET secret_tally = ? WHERE id = ?", (dump_json({
        "approve": tally.approve, "changes": tally.changes, "reject": tally.reject,
        "abstain": tally.abstain, "proxied": tally.proxied, "electorate": size}), draft.id))
    await tx.execute(
        "INSERT INTO draft_participation (draft_id, round, voter, name) "
        "SELECT b.draft_id, ?, b.voter, b.voter_name FROM draft_ballots b "
        "JOIN draft_electorate e ON e.draft_id = b.draft_id AND e.voter = b.voter "
        "WHERE b.draft_id = ? AND b.latest = 1 ON CONFLICT DO NOTHING", (draft.round, draft.id))
    await tx.execute(
        "UPDATE draft_ballots SET voter = 'secret:' || id, voter_name = '', by_proxy = NULL, "
        "by_proxy_name = NULL WHERE draft_id = ? AND voter NOT LIKE 'secret:%'", (draft.id,))


async def close_vote(bot: Bot, tx: Transaction, draft: Draft, how: str, change: Change) -> State:
    """Close the vote with the current ballots; tell the author (and the director when it
    is their turn)."""
    now = bot.clock.now()
    tally, size = await tally_of(tx, draft.id)
    rules = draft.rules or vote_settings(bot).rules
    result = outcome(tally, size, rules)
    state = after_vote(result)
    await set_columns(tx, draft.id, now, status=state.value, closed_at=now, result=result.value)
    await cancel_jobs(bot, tx, draft.id, "reminder", *(("deadline",) if how == "early" else ()))
    await record_event(bot, tx, draft, Person.bot(), "close", State.VOTING, state, draft.revision,
                       reason=how, result=result.value, electorate=size, cast=tally.cast,
                       approve=tally.approve, request_changes=tally.changes, reject=tally.reject,
                       abstain=tally.abstain, opened_at=draft.opened_at)
    if draft.secret:
        await seal_ballots(tx, draft, tally, size)
    result_text = Text(f"drafts.result.{result.value}")
    change.tell(draft.author, "drafts.notice.closed", id=draft.id,
                title=draft.current.fields.title, result=result_text)
    if state in (State.AWAITING_FINAL, State.NO_QUORUM):
        change.tell(DIRECTOR, f"drafts.notice.director.{state.value}", id=draft.id,
                    title=draft.current.fields.title)
    change.closed = True
    return state


async def acting(tx: Transaction, draft_id: int, action: Action, who: Person,
                 seen_revision: int | None = None) -> Draft:
    """The draft `who` wants to act on, once the action is allowed in its state and, for a
    button, on the revision its card showed."""
    draft = await load_locked(tx, draft_id)
    check_allowed(action, draft, who)
    same_revision(draft, seen_revision)
    return draft


def same_revision(draft: Draft, seen: int | None) -> None:
    """A button carries the revision its card showed: acting on a text one has not seen
    is refused (the card has changed under the click)."""
    if seen is not None and seen != draft.revision:
        raise Refused("drafts.refused.stale", id=draft.id, seen=seen, revision=draft.revision)
