"""Ballots, closing a vote, the director's decisions on a vote without quorum, and
the director's final say (approval, changes, veto)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.store import format_utc, parse_utc
from cogs.drafts.states import (
    Action,
    State,
    after_final_approval,
    after_unveto,
    after_vote,
)
from cogs.drafts.votes import Choice, Result, decided
from cogs.drafts.workflow.proxying import cast_for_givers
from cogs.drafts.workflow.queries import (
    current_ballot,
    in_electorate,
    load_locked,
    tally_of,
)
from cogs.drafts.workflow.values import (
    Change,
    Person,
    Refused,
    Text,
    text,
)
from cogs.drafts.workflow.writing import (
    acting,
    changing,
    client_due,
    close_vote,
    expiry_of,
    needs_client,
    record_event,
    schedule_expiry,
    schedule_vote,
    set_columns,
    vote_settings,
)

if TYPE_CHECKING:

    from bot.host import Bot


async def cast(bot: Bot, who: Person, draft_id: int, choice: Choice, reason: str | None,
               seen_revision: int | None) -> Change:
    """Record `who`'s ballot (replacing their current one), and close the vote early when
    its result can no longer change."""
    now = bot.clock.now()
    reason = (reason or "").strip() or None
    change = Change(draft_id, actor=who.key)
    async with changing(bot, change) as tx:
        draft = await acting(tx, draft_id, Action.VOTE, who, seen_revision)
        if draft.deadline_at is not None and draft.deadline_at <= now:
            # The deadline has passed and its job has not run yet: the vote closes now,
            # without this ballot.
            await close_vote(bot, tx, draft, "deadline", change)
            late = True
        else:
            late = False
    if late:
        change.answer = text("drafts.vote.too_late", id=draft_id)
        return change
    async with changing(bot, change) as tx:
        draft = await acting(tx, draft_id, Action.VOTE, who, seen_revision)
        if not await in_electorate(tx, draft_id, who.key):
            raise Refused("drafts.refused.not_electorate", id=draft_id)
        if choice.needs_reason and not reason:
            raise Refused("drafts.vote.reason_needed", id=draft_id)
        previous = await current_ballot(tx, draft_id, who.key)
        if previous is not None and previous["choice"] == choice.value \
                and previous["reason"] == reason and previous["revision"] == draft.revision:
            raise Refused("drafts.vote.same", id=draft_id,
                          choice=Text(f"drafts.choice.{choice.value}"))
        if previous is not None:
            await tx.execute("UPDATE draft_ballots SET latest = 0, ended_at = ?, "
                             "ended_by = 'changed' WHERE id = ?", (format_utc(now), previous["id"]))
        await tx.execute(
            "INSERT INTO draft_ballots (draft_id, voter, voter_name, choice, reason, revision, "
            "cast_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (draft_id, who.key, who.name, choice.value, reason, draft.revision, format_utc(now)))
        if draft.secret:  # that they voted is known (the quorum); what, never
            await tx.audit(who.key, "draft.vote", f"draft:{draft_id}", None, secret=True,
                           revision=draft.revision)
        else:
            await tx.audit(who.key, "draft.vote", f"draft:{draft_id}", reason=reason,
                           choice=choice.value, revision=draft.revision,
                           previous=previous["choice"] if previous else None)
        proxied = await cast_for_givers(tx, draft_id, who, choice.value, reason,
                                        draft.revision, now, draft.secret)
        tally, size = await tally_of(tx, draft_id)
        rules = draft.rules or vote_settings(bot).rules
        if decided(tally, size, rules) is not None:
            await close_vote(bot, tx, draft, "early", change)
    key = "drafts.vote.changed" if previous is not None else "drafts.vote.recorded"
    change.answer = text(key, id=draft_id, choice=Text(f"drafts.choice.{choice.value}"),
                         revision=draft.revision)
    if proxied:
        change.answer = text("drafts.vote.with_proxies", vote=change.answer,
                             names=", ".join(proxied))
    return change


async def close_if_due(bot: Bot, draft_id: int) -> Change | None:
    """The deadline job: close the vote if it is still open and its deadline has come
    (an edit may have moved the deadline; the job for the old one then does nothing)."""
    now = bot.clock.now()
    change = Change(draft_id)
    async with changing(bot, change) as tx:
        row = await tx.fetchone("SELECT status, deadline_at FROM drafts WHERE id = ?",
                                (draft_id,))
        if row is None or row["status"] != State.VOTING.value or row["deadline_at"] is None \
                or parse_utc(row["deadline_at"]) > now:
            return None
        await close_vote(bot, tx, await load_locked(tx, draft_id), "deadline", change)
    return change


async def extend(bot: Bot, who: Person, draft_id: int, seen_revision: int | None) -> Change:
    """No quorum: the director reopens the vote once, for another full deadline."""
    now = bot.clock.now()
    change = Change(draft_id, answer=text("drafts.extended", id=draft_id), actor=who.key)
    async with changing(bot, change) as tx:
        draft = await acting(tx, draft_id, Action.EXTEND, who, seen_revision)
        deadline = now + vote_settings(bot).deadline
        await set_columns(tx, draft_id, now, status=State.VOTING.value, extended=1,
                          deadline_at=deadline, closed_at=None, result=None)
        await schedule_vote(bot, tx, draft_id, deadline)
        await record_event(bot, tx, draft, who, "extend", draft.state, State.VOTING, draft.revision,
                           deadline=deadline)
        change.tell(draft.author, "drafts.notice.extended", id=draft_id,
                    title=draft.current.fields.title)
    return change


async def decide(bot: Bot, who: Person, draft_id: int, result: Result, reason: str | None,
                 seen_revision: int | None) -> Change:
    """No quorum: the director decides the vote's result instead of extending it."""
    now = bot.clock.now()
    if result is Result.NO_QUORUM:
        raise ValueError("the director decides a result, not another no-quorum")
    change = Change(draft_id, answer=text("drafts.decided", id=draft_id,
                                          result=Text(f"drafts.result.{result.value}")),
                    actor=who.key)
    async with changing(bot, change) as tx:
        draft = await acting(tx, draft_id, Action.DECIDE, who, seen_revision)
        if result is not Result.APPROVED and not reason:
            raise Refused("drafts.vote.reason_needed", id=draft_id)
        state = after_vote(result)
        await set_columns(tx, draft_id, now, status=state.value, result=result.value)
        await record_event(bot, tx, draft, who, "decide", draft.state, state, draft.revision,
                           reason=reason, result=result.value, opened_at=draft.opened_at)
        change.tell(draft.author, "drafts.notice.decided", id=draft_id,
                    title=draft.current.fields.title,
                    result=Text(f"drafts.result.{result.value}"), reason=reason or "—")
    return change


# ---------------------------------------------------------------- the director's final say


async def final_approve(bot: Bot, who: Person, draft_id: int,
                        seen_revision: int | None) -> Change:
    """The director approves for publication: scheduled (or approved), or first sent to
    the client when the client signs its posts off and has not approved this text."""
    now = bot.clock.now()
    change = Change(draft_id, answer=text("drafts.final.approved", id=draft_id), actor=who.key)
    async with changing(bot, change) as tx:
        draft = await acting(tx, draft_id, Action.FINAL_APPROVE, who, seen_revision)
        planned = draft.current.fields.planned_at
        client = needs_client(bot, draft)
        state = after_final_approval(planned is not None, client)
        due = client_due(bot, planned, now) if client else None
        expires = due if client else expiry_of(vote_settings(bot), planned, now)
        await set_columns(tx, draft_id, now, status=state.value, approved_by=who.key,
                          approved_at=now, client_due=due)
        await schedule_expiry(bot, tx, draft_id, expires)
        await record_event(bot, tx, draft, who, "final_approve", draft.state, state, draft.revision,
                           expires=expires)
        change.tell(draft.author, f"drafts.notice.final.{state.value}", id=draft_id,
                    title=draft.current.fields.title)
        if client:
            change.answer = text("drafts.final.approved_client", id=draft_id,
                                 client=draft.current.fields.client)
    return change


async def final_changes(bot: Bot, who: Person, draft_id: int, reason: str,
                        seen_revision: int | None) -> Change:
    now = bot.clock.now()
    change = Change(draft_id, answer=text("drafts.final.changes", id=draft_id), actor=who.key)
    async with changing(bot, change) as tx:
        draft = await acting(tx, draft_id, Action.FINAL_CHANGES, who, seen_revision)
        await set_columns(tx, draft_id, now, status=State.CHANGES.value)
        await record_event(bot, tx, draft, who, "final_changes", draft.state, State.CHANGES,
                           draft.revision, reason=reason)
        change.tell(draft.author, "drafts.notice.final.changes", id=draft_id,
                    title=draft.current.fields.title, reason=reason)
    return change


async def veto(bot: Bot, who: Person, draft_id: int, reason: str,
               seen_revision: int | None) -> Change:
    now = bot.clock.now()
    change = Change(draft_id, answer=text("drafts.final.vetoed", id=draft_id), actor=who.key)
    async with changing(bot, change) as tx:
        draft = await acting(tx, draft_id, Action.VETO, who, seen_revision)
        await set_columns(tx, draft_id, now, status=State.VETOED.value, veto_by=who.key,
                          veto_reason=reason, veto_at=now)
        await record_event(bot, tx, draft, who, "veto", draft.state, State.VETOED, draft.revision,
                           reason=reason)
        change.tell(draft.author, "drafts.notice.vetoed", id=draft_id,
                    title=draft.current.fields.title, reason=reason)
    return change


async def unveto(bot: Bot, who: Person, draft_id: int, reason: str | None) -> Change:
    now = bot.clock.now()
    change = Change(draft_id, actor=who.key)
    async with changing(bot, change) as tx:
        draft = await acting(tx, draft_id, Action.UNVETO, who)
        state = after_unveto(draft.state)
        await set_columns(tx, draft_id, now, status=state.value, veto_by=None, veto_reason=None,
                          veto_at=None)
        await record_event(bot, tx, draft, who, "unveto", draft.state, state, draft.revision,
                           reason=reason, veto=draft.veto_reason)
        change.tell(draft.author, "drafts.notice.unvetoed", id=draft_id,
                    title=draft.current.fields.title)
    change.answer = text("drafts.unvetoed", id=draft_id,
                         state=Text(f"drafts.state.{state.value}"))
    return change
