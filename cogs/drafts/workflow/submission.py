"""Submitting, editing and withdrawing a draft (and undoing a withdrawal after
approval), and the director's override of the charter's blocking findings."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.store import dump_json, format_utc
from cogs.drafts.states import (
    READY,
    Action,
    State,
    after_check,
    plan_edit,
)
from cogs.drafts.workflow.queries import (
    load_locked,
)
from cogs.drafts.workflow.values import (
    DIRECTOR,
    Change,
    Fields,
    Person,
    Refused,
    Text,
    Voter,
    text,
)
from cogs.drafts.workflow.writing import (
    acting,
    cancel_jobs,
    changing,
    expiry_of,
    open_vote,
    record_event,
    schedule_expiry,
    schedule_planned,
    schedule_vote,
    set_columns,
    vote_settings,
)

if TYPE_CHECKING:
    import sqlite3

    from bot.host import Bot
    from bot.store import Transaction


async def submit(bot: Bot, who: Person, platform: str, fields_: Fields, charter: str,
                 findings: list[dict[str, Any]], electorate: list[Voter]) -> Change:
    """A new draft: revision 1, checked; to the vote unless the charter found errors."""
    now = bot.clock.now()
    blocking = any(f["level"] == "error" for f in findings)
    state = after_check(blocking)
    change = Change(0, actor=who.key)  # its draft is numbered inside the transaction
    async with changing(bot, change) as tx:
        result = await tx.execute(
            "INSERT INTO drafts (platform, author, author_name, status, revision, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)",
            (platform, who.key, who.name, State.BLOCKED.value, format_utc(now), format_utc(now)))
        assert result.lastrowid is not None
        draft_id = change.draft_id = result.lastrowid
        await insert_revision(tx, draft_id, 1, fields_, charter, findings, who, False, now)
        draft = await load_locked(tx, draft_id)
        data: dict[str, Any] = {"findings": len(findings)}
        if state is State.VOTING:
            data["deadline"] = await open_vote(bot, tx, draft, electorate, now)
        await record_event(bot, tx, draft_id, who, "submit", None, state, 1, **data)
        await schedule_planned(bot, tx, draft_id, fields_.planned_at)
    change.answer = text("drafts.submitted.blocked" if blocking else "drafts.submitted.voting",
                         id=draft_id)
    return change


async def insert_revision(tx: Transaction, draft_id: int, number: int, fields_: Fields,
                          charter: str, findings: list[dict[str, Any]], who: Person,
                          minor: bool, now: datetime) -> None:
    await tx.execute(
        "INSERT INTO draft_revisions (draft_id, number, title, client, network, planned_at, "
        "text, charter, findings, blocking, editor, editor_name, minor, created_at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        (draft_id, number, fields_.title, fields_.client, fields_.network,
         format_utc(fields_.planned_at) if fields_.planned_at else None, fields_.text, charter,
         dump_json(findings), int(any(f["level"] == "error" for f in findings)), who.key,
         who.name, int(minor), format_utc(now)))


async def edit(bot: Bot, who: Person, draft_id: int, seen_revision: int, fields_: Fields,
               charter: str, findings: list[dict[str, Any]], minor: bool,
               electorate: list[Voter]) -> Change:
    """A new revision. Approvals and abstentions are dismissed (their voters are told),
    objections stay; the deadline is at least `min_revision_window` away. A director's
    minor edit keeps every ballot, the state and the deadline (and says so in the
    history), unless it is the edit that lifts a charter block."""
    now = bot.clock.now()
    votes = vote_settings(bot)
    change = Change(draft_id, actor=who.key)
    async with changing(bot, change) as tx:
        draft = await acting(tx, draft_id, Action.EDIT, who)
        if minor and not who.director:
            raise Refused("drafts.refused.minor", id=draft_id)
        if draft.revision != seen_revision:
            raise Refused("drafts.edit.stale", id=draft_id, revision=draft.revision)
        if fields_ == draft.current.fields:
            raise Refused("drafts.edit.unchanged", id=draft_id)
        number = draft.revision + 1
        errors = frozenset(f["rule"] for f in findings if f["level"] == "error")
        plan = plan_edit(draft.state, minor=minor,
                         blocking=bool(errors - (draft.override_rules or frozenset())))
        if plan is None:
            raise Refused("drafts.edit.minor_blocked", id=draft_id)
        state = plan.state
        await insert_revision(tx, draft_id, number, fields_, charter, findings, who, minor, now)
        await set_columns(tx, draft_id, now, revision=number)
        dismissed = await dismiss_approvals(tx, draft_id, now) if plan.dismiss else []
        data: dict[str, Any] = {"minor": minor, "dismissed": [r["voter"] for r in dismissed],
                                "findings": len(findings)}
        if plan.vote == "continue":
            assert draft.deadline_at is not None
            deadline = max(draft.deadline_at, now + votes.min_revision_window)
            await set_columns(tx, draft_id, now, deadline_at=deadline)
            await schedule_vote(bot, tx, draft_id, deadline)
            data["deadline"] = deadline
        elif plan.vote == "open":
            data["deadline"] = await open_vote(bot, tx, draft, electorate, now,
                                               votes.min_revision_window)
        elif plan.vote == "stop":
            await set_columns(tx, draft_id, now, status=State.BLOCKED.value, override_asked=None)
            await cancel_jobs(bot, tx, draft_id, "deadline", "reminder")
        if draft.state in READY and state not in READY:
            await set_columns(tx, draft_id, now, approved_by=None, approved_at=None)
            await cancel_jobs(bot, tx, draft_id, "expire")
        if fields_.planned_at != draft.current.fields.planned_at:
            await schedule_planned(bot, tx, draft_id, fields_.planned_at)
            if state in READY:
                await schedule_expiry(bot, tx, draft_id, expiry_of(
                    vote_settings(bot), fields_.planned_at, draft.approved_at))
        await record_event(bot, tx, draft, who, "edit", draft.state, state, number, **data)
        for row in dismissed:
            change.tell(row["voter"], "drafts.notice.dismissed", id=draft_id, revision=number,
                        title=fields_.title, choice=Text(f"drafts.choice.{row['choice']}"))
        if not minor:  # objections stand across revisions: their authors should reread
            for row in await tx.fetchall(
                    "SELECT voter, choice FROM draft_ballots WHERE draft_id = ? AND latest = 1 "
                    "AND choice IN ('request_changes', 'reject') ORDER BY id", (draft_id,)):
                change.tell(row["voter"], "drafts.notice.revised", id=draft_id,
                            revision=number, title=fields_.title,
                            choice=Text(f"drafts.choice.{row['choice']}"))
    key = ("drafts.edited.minor" if plan.vote == "keep" else
           "drafts.edited.blocked" if plan.vote == "stop" else
           "drafts.edited.opened" if plan.vote == "open" and not dismissed else
           "drafts.edited")
    change.answer = text(key, id=draft_id, revision=number, dismissed=len(dismissed))
    return change


async def dismiss_approvals(tx: Transaction, draft_id: int, now: datetime) -> list[sqlite3.Row]:
    """Approvals and abstentions stop being current: they were about another text."""
    rows = await tx.fetchall(
        "SELECT id, voter, choice FROM draft_ballots WHERE draft_id = ? AND latest = 1 "
        "AND choice IN ('approve', 'abstain') ORDER BY id", (draft_id,))
    await tx.execute(
        "UPDATE draft_ballots SET latest = 0, ended_at = ?, ended_by = 'dismissed' "
        "WHERE draft_id = ? AND latest = 1 AND choice IN ('approve', 'abstain')",
        (format_utc(now), draft_id))
    return rows


async def withdraw(bot: Bot, who: Person, draft_id: int, reason: str | None) -> Change:
    now = bot.clock.now()
    change = Change(draft_id, answer=text("drafts.withdrawn", id=draft_id), actor=who.key)
    async with changing(bot, change) as tx:
        draft = await acting(tx, draft_id, Action.WITHDRAW, who)
        if draft.state in READY:
            # The director approved it for publication: withdrawing it is a decision of
            # its own, given with a reason, and the director hears of it.
            if not (reason or "").strip():
                raise Refused("drafts.withdraw.reason_needed", id=draft_id)
            change.answer = text("drafts.withdrawn.approved", id=draft_id)
            change.tell(DIRECTOR, "drafts.notice.director.withdrawn", id=draft_id,
                        author=who.name, title=draft.current.fields.title, reason=reason)
        await set_columns(tx, draft_id, now, status=State.WITHDRAWN.value)
        await cancel_jobs(bot, tx, draft_id, "deadline", "reminder", "planned", "expire")
        await record_event(bot, tx, draft, who, "withdraw", draft.state, State.WITHDRAWN,
                           draft.revision, reason=reason)
    return change


async def restore(bot: Bot, who: Person, draft_id: int) -> Change:
    """Undo the withdrawal of an approved draft: it is approved (or scheduled) again, as
    it was; if its publication date has passed meanwhile, it expires at once and can be
    rescheduled. A draft withdrawn during its vote is submitted again instead."""
    now = bot.clock.now()
    change = Change(draft_id, answer=text("drafts.restored", id=draft_id), actor=who.key)
    async with changing(bot, change) as tx:
        draft = await acting(tx, draft_id, Action.RESTORE, who)
        row = await tx.fetchone(
            "SELECT from_status FROM draft_events WHERE draft_id = ? AND action = 'withdraw' "
            "ORDER BY id DESC LIMIT 1", (draft_id,))
        before = State(row["from_status"]) if row and row["from_status"] else None
        if before not in READY:
            raise Refused("drafts.restore.not_approved", id=draft_id)
        assert before is not None
        planned = draft.current.fields.planned_at
        await set_columns(tx, draft_id, now, status=before.value)
        await schedule_planned(bot, tx, draft_id, planned)
        await schedule_expiry(bot, tx, draft_id,
                              expiry_of(vote_settings(bot), planned, draft.approved_at))
        await record_event(bot, tx, draft, who, "restore", draft.state, before, draft.revision)
        change.tell(DIRECTOR, "drafts.notice.director.restored", id=draft_id, who=who.name,
                    title=draft.current.fields.title)
    return change


# ---------------------------------------------------------------- charter override


async def ask_override(bot: Bot, who: Person, draft_id: int, reason: str) -> Change:
    """The author asks the director to let a blocked draft go to the vote anyway."""
    now = bot.clock.now()
    change = Change(draft_id, answer=text("drafts.override.asked", id=draft_id), actor=who.key)
    async with changing(bot, change) as tx:
        draft = await acting(tx, draft_id, Action.OVERRIDE_REQUEST, who)
        await set_columns(tx, draft_id, now, override_asked=reason)
        await record_event(bot, tx, draft, who, "override_request", draft.state, draft.state,
                           draft.revision, reason=reason, rules=sorted(draft.blocking_rules))
        change.tell(DIRECTOR, "drafts.notice.director.override", id=draft_id, author=who.name,
                    title=draft.current.fields.title, reason=reason)
    return change


async def grant_override(bot: Bot, who: Person, draft_id: int, seen_revision: int | None,
                         reason: str | None, electorate: list[Voter]) -> Change:
    """The director overrides the current blocking findings (recorded with their rule
    ids: a later revision with the same errors stays overridden, a new error blocks)."""
    now = bot.clock.now()
    change = Change(draft_id, answer=text("drafts.override.granted", id=draft_id),
                    actor=who.key)
    async with changing(bot, change) as tx:
        draft = await acting(tx, draft_id, Action.OVERRIDE, who, seen_revision)
        reason = reason or draft.override_asked
        if not reason:
            raise Refused("drafts.override.reason", id=draft_id)
        rules = sorted((draft.override_rules or frozenset()) | draft.current.error_rules)
        await set_columns(tx, draft_id, now, override_rules=dump_json(rules), override_asked=None)
        deadline = await open_vote(bot, tx, draft, electorate, now)
        await record_event(bot, tx, draft, who, "override", draft.state, State.VOTING,
                           draft.revision, reason=reason, rules=rules, deadline=deadline)
        change.tell(draft.author, "drafts.notice.override_granted", id=draft_id,
                    title=draft.current.fields.title, reason=reason)
    return change


async def refuse_override(bot: Bot, who: Person, draft_id: int,
                          seen_revision: int | None) -> Change:
    now = bot.clock.now()
    change = Change(draft_id, answer=text("drafts.override.refused", id=draft_id),
                    actor=who.key)
    async with changing(bot, change) as tx:
        draft = await acting(tx, draft_id, Action.OVERRIDE, who, seen_revision)
        if draft.override_asked is None:
            raise Refused("drafts.override.none", id=draft_id)
        await set_columns(tx, draft_id, now, override_asked=None)
        await record_event(bot, tx, draft, who, "override_refused", draft.state, draft.state,
                           draft.revision, reason=draft.override_asked)
        change.tell(draft.author, "drafts.notice.override_refused", id=draft_id,
                    title=draft.current.fields.title)
    return change


