"""The drafts workflow against the store: every change is one transaction.

Each public function reads the draft inside a write transaction, asks the pure
rules (`states.refusal`, `votes.outcome`) whether the change is allowed, writes
the new state, the event (in `draft_events` and the audit log) and the
scheduler jobs, then returns a `Change` saying who must be told what. A refusal
is raised as `Refused` inside the transaction, so it rolls back: a refused
action changes nothing. Messages are sent by the caller after the commit, so
nobody is ever told about a change that did not happen.

Transactions are serialised by the store (one writer, BEGIN IMMEDIATE), and the
partial UNIQUE index on current ballots makes a lost or doubled vote impossible
even if two clicks of the same member race.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.scheduler import ACTOR as BOT_ACTOR
from bot.store import dump_json, format_utc, parse_utc
from cogs.drafts.settings import VoteSettings
from cogs.drafts.states import (
    READY,
    Action,
    Actor,
    State,
    after_check,
    after_final_approval,
    after_unveto,
    after_vote,
    plan_edit,
    refusal,
)
from cogs.drafts.votes import Choice, Result, Rules, Tally, decided, outcome

if TYPE_CHECKING:
    import sqlite3

    from bot.host import Bot
    from bot.model import User
    from bot.store import Store, Transaction

#: Closing a vote late is better than never: a deadline missed while the bot was down
#: still closes the vote when it comes back, however long it was away.
LATE_IS_FINE = timedelta(days=3650)
DIRECTOR = "@director"  # a Notice addressed to every publication director


# ---------------------------------------------------------------- values


@dataclass(frozen=True, slots=True)
class Text:
    """A message to translate later: a key of messages.py and its values (which may be
    Texts themselves), so the workflow decides what to say and the caller says it in
    the configured language."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)


def text(key: str, **values: Any) -> Text:
    return Text(key, values)


class Refused(Exception):
    """An action that is not allowed now; raised inside the transaction, so nothing changes."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.text = Text(key, values)


@dataclass(frozen=True, slots=True)
class Person:
    """Who acts, with the roles the rules need (read from the context by the handler)."""

    key: str
    name: str
    member: bool = False
    director: bool = False

    @classmethod
    def bot(cls) -> Person:
        return cls(BOT_ACTOR, "Garant")

    def actor(self, author: str | None = None) -> Actor:
        return Actor(is_author=author == self.key, is_director=self.director,
                     is_member=self.member, is_bot=self.key == BOT_ACTOR)


@dataclass(frozen=True, slots=True)
class Voter:
    """A member of an electorate: the key that identifies them and the name shown."""

    key: str
    name: str


@dataclass(frozen=True, slots=True)
class Fields:
    """What the author writes: the content of one revision."""

    title: str
    client: str | None
    network: str
    planned_at: datetime | None
    text: str


@dataclass(frozen=True, slots=True)
class Revision:
    number: int
    fields: Fields
    charter: str
    findings: tuple[dict[str, Any], ...]
    editor: str
    editor_name: str
    minor: bool
    created_at: datetime

    @property
    def error_rules(self) -> frozenset[str]:
        """The rules whose error-level findings keep the draft from the vote."""
        return frozenset(f["rule"] for f in self.findings if f["level"] == "error")


@dataclass(frozen=True, slots=True)
class Draft:
    """A draft as stored, with its current revision."""

    id: int
    platform: str
    author: str
    author_name: str
    state: State
    current: Revision
    tally_mode: str | None
    rules: Rules | None
    round: int
    opened_at: datetime | None
    deadline_at: datetime | None
    extended: bool
    closed_at: datetime | None
    result: Result | None
    override_rules: frozenset[str] | None
    override_asked: str | None
    veto_by: str | None
    veto_reason: str | None
    approved_by: str | None
    approved_at: datetime | None
    published_url: str | None
    published_at: datetime | None
    created_at: datetime

    @property
    def vetoed(self) -> bool:
        return self.veto_by is not None

    @property
    def revision(self) -> int:
        return self.current.number

    @property
    def vote_closed(self) -> bool:
        """The last vote has a result. A vote paused because an edit brought in a charter
        error is not closed: its tally stays hidden as the rule says."""
        return self.result is not None and self.state is not State.VOTING

    @property
    def blocking_rules(self) -> frozenset[str]:
        """Error-level rules not covered by a director's override."""
        return self.current.error_rules - (self.override_rules or frozenset())


@dataclass(frozen=True, slots=True)
class Notice:
    """Someone to tell something after the commit: a user key, or DIRECTOR."""

    to: str
    text: Text


@dataclass(slots=True)
class Change:
    """What a workflow call did: the draft, who to tell, what to answer the actor."""

    draft_id: int
    answer: Text | None = None
    notices: list[Notice] = field(default_factory=list)
    closed: bool = False

    def tell(self, to: str, key: str, **values: Any) -> None:
        self.notices.append(Notice(to, Text(key, values)))


# ---------------------------------------------------------------- reading


_DRAFT_SQL = """
SELECT d.*, r.title, r.client, r.network, r.planned_at, r.text, r.charter, r.findings,
       r.editor, r.editor_name, r.minor, r.created_at AS revised_at
FROM drafts d JOIN draft_revisions r ON r.draft_id = d.id AND r.number = d.revision
"""


def _opt_time(value: str | None) -> datetime | None:
    return parse_utc(value) if value else None


def revision_from_row(row: sqlite3.Row, number_key: str = "number",
                      created_key: str = "created_at") -> Revision:
    fields_ = Fields(row["title"], row["client"], row["network"], _opt_time(row["planned_at"]),
                     row["text"])
    return Revision(row[number_key], fields_, row["charter"], tuple(json.loads(row["findings"])),
                    row["editor"], row["editor_name"], bool(row["minor"]),
                    parse_utc(row[created_key]))


def draft_from_row(row: sqlite3.Row) -> Draft:
    rules = (Rules(row["quorum"], row["majority"])
             if row["quorum"] is not None and row["majority"] is not None else None)
    override = row["override_rules"]
    return Draft(
        id=row["id"], platform=row["platform"], author=row["author"],
        author_name=row["author_name"], state=State(row["status"]),
        current=revision_from_row(row, "revision", "revised_at"),
        tally_mode=row["tally_mode"], rules=rules, round=row["round"],
        opened_at=_opt_time(row["opened_at"]), deadline_at=_opt_time(row["deadline_at"]),
        extended=bool(row["extended"]), closed_at=_opt_time(row["closed_at"]),
        result=Result(row["result"]) if row["result"] else None,
        override_rules=frozenset(json.loads(override)) if override is not None else None,
        override_asked=row["override_asked"], veto_by=row["veto_by"],
        veto_reason=row["veto_reason"], approved_by=row["approved_by"],
        approved_at=_opt_time(row["approved_at"]), published_url=row["published_url"],
        published_at=_opt_time(row["published_at"]), created_at=parse_utc(row["created_at"]),
    )


async def load(store: Store, draft_id: int) -> Draft | None:
    """The committed draft (from the reader: never waits for a writer)."""
    row = await store.fetchone(_DRAFT_SQL + " WHERE d.id = ?", (draft_id,))
    return draft_from_row(row) if row else None


async def _load(tx: Transaction, draft_id: int) -> Draft:
    row = await tx.fetchone(_DRAFT_SQL + " WHERE d.id = ?", (draft_id,))
    if row is None:
        raise Refused("drafts.unknown", id=draft_id)
    return draft_from_row(row)


_TALLY_SQL = """
SELECT b.choice, count(*) AS n FROM draft_ballots b
JOIN draft_electorate e ON e.draft_id = b.draft_id AND e.voter = b.voter
WHERE b.draft_id = ? AND b.latest = 1 GROUP BY b.choice
"""


def _tally(rows: list[sqlite3.Row]) -> Tally:
    counts = {row["choice"]: row["n"] for row in rows}
    return Tally(counts.get("approve", 0), counts.get("request_changes", 0),
                 counts.get("reject", 0), counts.get("abstain", 0))


async def tally_of(store: Store | Transaction, draft_id: int) -> tuple[Tally, int]:
    """Current ballots of the electorate, and the size of the electorate."""
    tally = _tally(await store.fetchall(_TALLY_SQL, (draft_id,)))
    row = await store.fetchone("SELECT count(*) AS n FROM draft_electorate WHERE draft_id = ?",
                               (draft_id,))
    return tally, row["n"] if row else 0


async def in_electorate(store: Store | Transaction, draft_id: int, voter: str) -> bool:
    row = await store.fetchone(
        "SELECT 1 FROM draft_electorate WHERE draft_id = ? AND voter = ?", (draft_id, voter))
    return row is not None


async def current_ballot(store: Store | Transaction, draft_id: int,
                         voter: str) -> sqlite3.Row | None:
    return await store.fetchone(
        "SELECT * FROM draft_ballots WHERE draft_id = ? AND voter = ? AND latest = 1",
        (draft_id, voter))


# ---------------------------------------------------------------- writing helpers


async def _event(bot: Bot, tx: Transaction, draft: Draft | int, actor: Person, action: str,
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


async def _set(tx: Transaction, draft_id: int, now: datetime, **columns: Any) -> None:
    names = ", ".join(f"{name} = ?" for name in columns)
    values = [format_utc(v) if isinstance(v, datetime) else v for v in columns.values()]
    await tx.execute(f"UPDATE drafts SET {names}, updated_at = ? WHERE id = ?",
                     (*values, format_utc(now), draft_id))


def _check(action: Action, draft: Draft, who: Person) -> None:
    key = refusal(action, draft.state, who.actor(draft.author), vetoed=draft.vetoed,
                  extended=draft.extended)
    if key is not None:
        raise Refused(key, id=draft.id, state=Text(f"drafts.state.{draft.state.value}"))


def _votes(bot: Bot) -> VoteSettings:
    return bot.settings(VoteSettings)


def job_id(draft_id: int, kind: str) -> str:
    return f"draft:{draft_id}:{kind}"


async def _schedule_vote(bot: Bot, tx: Transaction, draft_id: int, deadline: datetime) -> None:
    """The deadline and the reminder, as persisted one-off jobs (they survive restarts)."""
    votes = _votes(bot)
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


async def _cancel(bot: Bot, tx: Transaction, draft_id: int, *kinds: str) -> None:
    for kind in kinds:
        await bot.scheduler.cancel(job_id(draft_id, kind), tx=tx)


async def _schedule_planned(bot: Bot, tx: Transaction, draft_id: int,
                            planned_at: datetime | None) -> None:
    """Remind the author at the planned time (only while it is ahead)."""
    if planned_at is None or planned_at <= bot.clock.now():
        await _cancel(bot, tx, draft_id, "planned")
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


async def _schedule_expiry(bot: Bot, tx: Transaction, draft_id: int,
                           expires_at: datetime | None) -> None:
    if expires_at is None:
        await _cancel(bot, tx, draft_id, "expire")
        return
    await bot.scheduler.schedule_at(job_id(draft_id, "expire"), "drafts.expire", expires_at,
                                    LATE_IS_FINE, {"draft": draft_id}, tx=tx)


async def _open_vote(bot: Bot, tx: Transaction, draft: Draft, electorate: list[Voter],
                     now: datetime, minimum: timedelta = timedelta(0)) -> datetime:
    """(Re)open the vote: a fresh electorate snapshot (minus the author) and deadline.

    The tally visibility and the rule are fixed the first time the vote opens, so
    nobody can loosen them once ballots exist. Objections carried from an earlier
    round stay current; the ballots of people no longer in the electorate stop
    counting (the tally joins on the electorate).
    """
    votes = _votes(bot)
    deadline = now + max(votes.deadline, minimum)
    await tx.execute("DELETE FROM draft_electorate WHERE draft_id = ?", (draft.id,))
    await tx.executemany(
        "INSERT OR IGNORE INTO draft_electorate (draft_id, voter, name) VALUES (?, ?, ?)",
        [(draft.id, v.key, v.name) for v in electorate if v.key != draft.author])
    fixed: dict[str, Any] = {}
    if draft.tally_mode is None:
        fixed = {"tally_mode": votes.tally, "quorum": votes.quorum, "majority": votes.majority}
    await _set(tx, draft.id, now, status=State.VOTING.value, round=draft.round + 1,
               opened_at=now, deadline_at=deadline, extended=0, closed_at=None, result=None,
               **fixed)
    await _schedule_vote(bot, tx, draft.id, deadline)
    return deadline


async def _close(bot: Bot, tx: Transaction, draft: Draft, how: str, change: Change) -> State:
    """Close the vote with the current ballots; tell the author (and the director when it
    is their turn)."""
    now = bot.clock.now()
    tally, size = await tally_of(tx, draft.id)
    rules = draft.rules or Rules(_votes(bot).quorum, _votes(bot).majority)
    result = outcome(tally, size, rules)
    state = after_vote(result)
    await _set(tx, draft.id, now, status=state.value, closed_at=now, result=result.value)
    await _cancel(bot, tx, draft.id, "reminder", *(("deadline",) if how == "early" else ()))
    await _event(bot, tx, draft, Person.bot(), "close", State.VOTING, state, draft.revision,
                 reason=how, result=result.value, electorate=size, cast=tally.cast,
                 approve=tally.approve, request_changes=tally.changes, reject=tally.reject,
                 abstain=tally.abstain, opened_at=draft.opened_at)
    result_text = Text(f"drafts.result.{result.value}")
    change.tell(draft.author, "drafts.notice.closed", id=draft.id,
                title=draft.current.fields.title, result=result_text)
    if state in (State.AWAITING_FINAL, State.NO_QUORUM):
        change.tell(DIRECTOR, f"drafts.notice.director.{state.value}", id=draft.id,
                    title=draft.current.fields.title)
    change.closed = True
    return state


# ---------------------------------------------------------------- submitting and editing


async def submit(bot: Bot, who: Person, platform: str, fields_: Fields, charter: str,
                 findings: list[dict[str, Any]], electorate: list[Voter]) -> Change:
    """A new draft: revision 1, checked; to the vote unless the charter found errors."""
    now = bot.clock.now()
    blocking = any(f["level"] == "error" for f in findings)
    state = after_check(blocking)
    async with bot.store.transaction() as tx:
        result = await tx.execute(
            "INSERT INTO drafts (platform, author, author_name, status, revision, created_at, "
            "updated_at) VALUES (?, ?, ?, ?, 1, ?, ?)",
            (platform, who.key, who.name, State.BLOCKED.value, format_utc(now), format_utc(now)))
        assert result.lastrowid is not None
        draft_id = result.lastrowid
        await _insert_revision(tx, draft_id, 1, fields_, charter, findings, who, False, now)
        draft = await _load(tx, draft_id)
        data: dict[str, Any] = {"findings": len(findings)}
        if state is State.VOTING:
            data["deadline"] = await _open_vote(bot, tx, draft, electorate, now)
        await _event(bot, tx, draft_id, who, "submit", None, state, 1, **data)
        await _schedule_planned(bot, tx, draft_id, fields_.planned_at)
    change = Change(draft_id)
    change.answer = text("drafts.submitted.blocked" if blocking else "drafts.submitted.voting",
                         id=draft_id)
    return change


async def _insert_revision(tx: Transaction, draft_id: int, number: int, fields_: Fields,
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
    votes = _votes(bot)
    change = Change(draft_id)
    async with bot.store.transaction() as tx:
        draft = await _acting(tx, draft_id, Action.EDIT, who)
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
        await _insert_revision(tx, draft_id, number, fields_, charter, findings, who, minor, now)
        await _set(tx, draft_id, now, revision=number)
        dismissed = await _dismiss(tx, draft_id, now) if plan.dismiss else []
        data: dict[str, Any] = {"minor": minor, "dismissed": [r["voter"] for r in dismissed],
                                "findings": len(findings)}
        if plan.vote == "continue":
            assert draft.deadline_at is not None
            deadline = max(draft.deadline_at, now + votes.min_revision_window)
            await _set(tx, draft_id, now, deadline_at=deadline)
            await _schedule_vote(bot, tx, draft_id, deadline)
            data["deadline"] = deadline
        elif plan.vote == "open":
            data["deadline"] = await _open_vote(bot, tx, draft, electorate, now,
                                                votes.min_revision_window)
        elif plan.vote == "stop":
            await _set(tx, draft_id, now, status=State.BLOCKED.value, override_asked=None)
            await _cancel(bot, tx, draft_id, "deadline", "reminder")
        if draft.state in READY and state not in READY:
            await _set(tx, draft_id, now, approved_by=None, approved_at=None)
            await _cancel(bot, tx, draft_id, "expire")
        if fields_.planned_at != draft.current.fields.planned_at:
            await _schedule_planned(bot, tx, draft_id, fields_.planned_at)
            if state in READY:
                await _schedule_expiry(bot, tx, draft_id, expiry_of(
                    _votes(bot), fields_.planned_at, draft.approved_at))
        await _event(bot, tx, draft, who, "edit", draft.state, state, number, **data)
    for row in dismissed:
        change.tell(row["voter"], "drafts.notice.dismissed", id=draft_id, revision=number,
                    title=fields_.title, choice=Text(f"drafts.choice.{row['choice']}"))
    key = ("drafts.edited.minor" if plan.vote == "keep" else
           "drafts.edited.blocked" if plan.vote == "stop" else
           "drafts.edited.opened" if plan.vote == "open" and not dismissed else
           "drafts.edited")
    change.answer = text(key, id=draft_id, revision=number, dismissed=len(dismissed))
    return change


async def _dismiss(tx: Transaction, draft_id: int, now: datetime) -> list[sqlite3.Row]:
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
    async with bot.store.transaction() as tx:
        draft = await _acting(tx, draft_id, Action.WITHDRAW, who)
        await _set(tx, draft_id, now, status=State.WITHDRAWN.value)
        await _cancel(bot, tx, draft_id, "deadline", "reminder", "planned", "expire")
        await _event(bot, tx, draft, who, "withdraw", draft.state, State.WITHDRAWN, draft.revision,
                     reason=reason)
    return Change(draft_id, answer=text("drafts.withdrawn", id=draft_id))


# ---------------------------------------------------------------- charter override


async def ask_override(bot: Bot, who: Person, draft_id: int, reason: str) -> Change:
    """The author asks the director to let a blocked draft go to the vote anyway."""
    now = bot.clock.now()
    async with bot.store.transaction() as tx:
        draft = await _acting(tx, draft_id, Action.OVERRIDE_REQUEST, who)
        await _set(tx, draft_id, now, override_asked=reason)
        await _event(bot, tx, draft, who, "override_request", draft.state, draft.state,
                     draft.revision, reason=reason, rules=sorted(draft.blocking_rules))
    change = Change(draft_id, answer=text("drafts.override.asked", id=draft_id))
    change.tell(DIRECTOR, "drafts.notice.director.override", id=draft_id, author=who.name,
                title=draft.current.fields.title, reason=reason)
    return change


async def grant_override(bot: Bot, who: Person, draft_id: int, seen_revision: int | None,
                         reason: str | None, electorate: list[Voter]) -> Change:
    """The director overrides the current blocking findings (recorded with their rule
    ids: a later revision with the same errors stays overridden, a new error blocks)."""
    now = bot.clock.now()
    async with bot.store.transaction() as tx:
        draft = await _acting(tx, draft_id, Action.OVERRIDE, who, seen_revision)
        reason = reason or draft.override_asked
        if not reason:
            raise Refused("drafts.override.reason", id=draft_id)
        rules = sorted((draft.override_rules or frozenset()) | draft.current.error_rules)
        await _set(tx, draft_id, now, override_rules=dump_json(rules), override_asked=None)
        deadline = await _open_vote(bot, tx, draft, electorate, now)
        await _event(bot, tx, draft, who, "override", draft.state, State.VOTING, draft.revision,
                     reason=reason, rules=rules, deadline=deadline)
    change = Change(draft_id, answer=text("drafts.override.granted", id=draft_id))
    change.tell(draft.author, "drafts.notice.override_granted", id=draft_id,
                title=draft.current.fields.title, reason=reason)
    return change


async def refuse_override(bot: Bot, who: Person, draft_id: int,
                          seen_revision: int | None) -> Change:
    now = bot.clock.now()
    async with bot.store.transaction() as tx:
        draft = await _acting(tx, draft_id, Action.OVERRIDE, who, seen_revision)
        if draft.override_asked is None:
            raise Refused("drafts.override.none", id=draft_id)
        await _set(tx, draft_id, now, override_asked=None)
        await _event(bot, tx, draft, who, "override_refused", draft.state, draft.state,
                     draft.revision, reason=draft.override_asked)
    change = Change(draft_id, answer=text("drafts.override.refused", id=draft_id))
    change.tell(draft.author, "drafts.notice.override_refused", id=draft_id,
                title=draft.current.fields.title)
    return change


async def _acting(tx: Transaction, draft_id: int, action: Action, who: Person,
                  seen_revision: int | None = None) -> Draft:
    """The draft `who` wants to act on, once the action is allowed in its state and, for a
    button, on the revision its card showed."""
    draft = await _load(tx, draft_id)
    _check(action, draft, who)
    _same_revision(draft, seen_revision)
    return draft


def _same_revision(draft: Draft, seen: int | None) -> None:
    """A button carries the revision its card showed: acting on a text one has not seen
    is refused (the card has changed under the click)."""
    if seen is not None and seen != draft.revision:
        raise Refused("drafts.refused.stale", id=draft.id, seen=seen, revision=draft.revision)


# ---------------------------------------------------------------- voting


async def cast(bot: Bot, who: Person, draft_id: int, choice: Choice, reason: str | None,
               seen_revision: int | None) -> Change:
    """Record `who`'s ballot (replacing their current one), and close the vote early when
    its result can no longer change."""
    now = bot.clock.now()
    reason = (reason or "").strip() or None
    change = Change(draft_id)
    async with bot.store.transaction() as tx:
        draft = await _acting(tx, draft_id, Action.VOTE, who, seen_revision)
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
        await tx.audit(who.key, "draft.vote", f"draft:{draft_id}", reason=reason,
                       choice=choice.value, revision=draft.revision,
                       previous=previous["choice"] if previous else None)
        tally, size = await tally_of(tx, draft_id)
        rules = draft.rules or Rules(_votes(bot).quorum, _votes(bot).majority)
        if decided(tally, size, rules) is not None:
            await _close(bot, tx, draft, "early", change)
    key = "drafts.vote.changed" if previous is not None else "drafts.vote.recorded"
    change.answer = text(key, id=draft_id, choice=Text(f"drafts.choice.{choice.value}"),
                         revision=draft.revision)
    return change


async def close_if_due(bot: Bot, draft_id: int) -> Change | None:
    """The deadline job: close the vote if it is still open and its deadline has come
    (an edit may have moved the deadline; the job for the old one then does nothing)."""
    now = bot.clock.now()
    change = Change(draft_id)
    async with bot.store.transaction() as tx:
        row = await tx.fetchone("SELECT status, deadline_at FROM drafts WHERE id = ?",
                                (draft_id,))
        if row is None or row["status"] != State.VOTING.value or row["deadline_at"] is None \
                or parse_utc(row["deadline_at"]) > now:
            return None
        await _close(bot, tx, await _load(tx, draft_id), "deadline", change)
    return change


async def extend(bot: Bot, who: Person, draft_id: int, seen_revision: int | None) -> Change:
    """No quorum: the director reopens the vote once, for another full deadline."""
    now = bot.clock.now()
    async with bot.store.transaction() as tx:
        draft = await _acting(tx, draft_id, Action.EXTEND, who, seen_revision)
        deadline = now + _votes(bot).deadline
        await _set(tx, draft_id, now, status=State.VOTING.value, extended=1, deadline_at=deadline,
                   closed_at=None, result=None)
        await _schedule_vote(bot, tx, draft_id, deadline)
        await _event(bot, tx, draft, who, "extend", draft.state, State.VOTING, draft.revision,
                     deadline=deadline)
    change = Change(draft_id, answer=text("drafts.extended", id=draft_id))
    change.tell(draft.author, "drafts.notice.extended", id=draft_id,
                title=draft.current.fields.title)
    return change


async def decide(bot: Bot, who: Person, draft_id: int, result: Result, reason: str | None,
                 seen_revision: int | None) -> Change:
    """No quorum: the director decides the vote's result instead of extending it."""
    now = bot.clock.now()
    if result is Result.NO_QUORUM:
        raise ValueError("the director decides a result, not another no-quorum")
    async with bot.store.transaction() as tx:
        draft = await _acting(tx, draft_id, Action.DECIDE, who, seen_revision)
        if result is not Result.APPROVED and not reason:
            raise Refused("drafts.vote.reason_needed", id=draft_id)
        state = after_vote(result)
        await _set(tx, draft_id, now, status=state.value, result=result.value)
        await _event(bot, tx, draft, who, "decide", draft.state, state, draft.revision,
                     reason=reason, result=result.value, opened_at=draft.opened_at)
    change = Change(draft_id, answer=text("drafts.decided", id=draft_id,
                                          result=Text(f"drafts.result.{result.value}")))
    change.tell(draft.author, "drafts.notice.decided", id=draft_id,
                title=draft.current.fields.title, result=Text(f"drafts.result.{result.value}"),
                reason=reason or "—")
    return change


# ---------------------------------------------------------------- the director's final say


async def final_approve(bot: Bot, who: Person, draft_id: int,
                        seen_revision: int | None) -> Change:
    now = bot.clock.now()
    async with bot.store.transaction() as tx:
        draft = await _acting(tx, draft_id, Action.FINAL_APPROVE, who, seen_revision)
        planned = draft.current.fields.planned_at
        state = after_final_approval(planned is not None)
        await _set(tx, draft_id, now, status=state.value, approved_by=who.key, approved_at=now)
        expires = expiry_of(_votes(bot), planned, now)
        await _schedule_expiry(bot, tx, draft_id, expires)
        await _event(bot, tx, draft, who, "final_approve", draft.state, state, draft.revision,
                     expires=expires)
    change = Change(draft_id, answer=text("drafts.final.approved", id=draft_id))
    change.tell(draft.author, f"drafts.notice.final.{state.value}", id=draft_id,
                title=draft.current.fields.title)
    return change


async def final_changes(bot: Bot, who: Person, draft_id: int, reason: str,
                        seen_revision: int | None) -> Change:
    now = bot.clock.now()
    async with bot.store.transaction() as tx:
        draft = await _acting(tx, draft_id, Action.FINAL_CHANGES, who, seen_revision)
        await _set(tx, draft_id, now, status=State.CHANGES.value)
        await _event(bot, tx, draft, who, "final_changes", draft.state, State.CHANGES,
                     draft.revision, reason=reason)
    change = Change(draft_id, answer=text("drafts.final.changes", id=draft_id))
    change.tell(draft.author, "drafts.notice.final.changes", id=draft_id,
                title=draft.current.fields.title, reason=reason)
    return change


async def veto(bot: Bot, who: Person, draft_id: int, reason: str,
               seen_revision: int | None) -> Change:
    now = bot.clock.now()
    async with bot.store.transaction() as tx:
        draft = await _acting(tx, draft_id, Action.VETO, who, seen_revision)
        await _set(tx, draft_id, now, status=State.VETOED.value, veto_by=who.key,
                   veto_reason=reason, veto_at=now)
        await _event(bot, tx, draft, who, "veto", draft.state, State.VETOED, draft.revision,
                     reason=reason)
    change = Change(draft_id, answer=text("drafts.final.vetoed", id=draft_id))
    change.tell(draft.author, "drafts.notice.vetoed", id=draft_id,
                title=draft.current.fields.title, reason=reason)
    return change


async def unveto(bot: Bot, who: Person, draft_id: int, reason: str | None) -> Change:
    now = bot.clock.now()
    async with bot.store.transaction() as tx:
        draft = await _acting(tx, draft_id, Action.UNVETO, who)
        state = after_unveto(draft.state)
        await _set(tx, draft_id, now, status=state.value, veto_by=None, veto_reason=None,
                   veto_at=None)
        await _event(bot, tx, draft, who, "unveto", draft.state, state, draft.revision,
                     reason=reason, veto=draft.veto_reason)
    change = Change(draft_id, answer=text("drafts.unvetoed", id=draft_id,
                                          state=Text(f"drafts.state.{state.value}")))
    change.tell(draft.author, "drafts.notice.unvetoed", id=draft_id,
                title=draft.current.fields.title)
    return change


# ---------------------------------------------------------------- publication


async def published(bot: Bot, who: Person, draft_id: int, url: str) -> Change:
    now = bot.clock.now()
    async with bot.store.transaction() as tx:
        draft = await _acting(tx, draft_id, Action.PUBLISH, who)
        await _set(tx, draft_id, now, status=State.PUBLISHED.value, published_url=url,
                   published_at=now)
        await _cancel(bot, tx, draft_id, "planned", "expire")
        await _event(bot, tx, draft, who, "publish", draft.state, State.PUBLISHED, draft.revision,
                     url=url)
    return Change(draft_id, answer=text("drafts.published", id=draft_id, url=url))


async def expire_if_due(bot: Bot, draft_id: int) -> Change | None:
    """The expiry job: an approved draft still unpublished past its delay expires."""
    now = bot.clock.now()
    change = Change(draft_id)
    async with bot.store.transaction() as tx:
        row = await tx.fetchone(_DRAFT_SQL + " WHERE d.id = ?", (draft_id,))
        if row is None:
            return None
        draft = draft_from_row(row)
        due = expiry_of(_votes(bot), draft.current.fields.planned_at, draft.approved_at)
        if draft.state not in READY or due is None or due > now:
            return None
        await _set(tx, draft_id, now, status=State.EXPIRED.value)
        await _cancel(bot, tx, draft_id, "planned")
        await _event(bot, tx, draft, Person.bot(), "expire", draft.state, State.EXPIRED,
                     draft.revision, planned_at=draft.current.fields.planned_at)
    for to in (draft.author, DIRECTOR):
        change.tell(to, "drafts.notice.expired", id=draft_id, title=draft.current.fields.title)
    return change


async def electorate_now(bot: Bot, platform_name: str) -> list[Voter]:
    """The members on the draft's platform right now (the snapshot a vote opens with)."""
    users: list[User] = await bot.members("members", platform=platform_name)
    return list({u.key: Voter(u.key, u.name) for u in users if not u.is_bot}.values())


# ---------------------------------------------------------------- reading for people


async def history(store: Store, draft_id: int) -> tuple[list[Revision], list[dict[str, Any]],
                                                         list[dict[str, Any]]]:
    """Revisions, every ballot ever cast, and every event, oldest first."""
    revisions = [revision_from_row(r) for r in await store.fetchall(
        "SELECT * FROM draft_revisions WHERE draft_id = ? ORDER BY number", (draft_id,))]
    ballots = [dict(r) | {"cast_at": parse_utc(r["cast_at"])} for r in await store.fetchall(
        "SELECT * FROM draft_ballots WHERE draft_id = ? ORDER BY id", (draft_id,))]
    events = [dict(r) | {"at": parse_utc(r["at"])} for r in await store.fetchall(
        "SELECT * FROM draft_events WHERE draft_id = ? ORDER BY id", (draft_id,))]
    return revisions, ballots, events


async def drafts_in(store: Store, states: Iterable[State] | None = None) -> list[Draft]:
    """Drafts in these states (all when None), newest first."""
    if states is None:
        rows = await store.fetchall(_DRAFT_SQL + " ORDER BY d.id DESC")
    else:
        wanted = [s.value for s in states]
        marks = ", ".join("?" * len(wanted))
        rows = await store.fetchall(_DRAFT_SQL + f" WHERE d.status IN ({marks}) "
                                    "ORDER BY d.id DESC", wanted)
    return [draft_from_row(r) for r in rows]


async def planned_between(store: Store, start: datetime, end: datetime) -> list[Draft]:
    """Drafts planned in [start, end) that may still be (or were) published."""
    gone = (State.REJECTED.value, State.WITHDRAWN.value, State.EXPIRED.value)
    rows = await store.fetchall(
        _DRAFT_SQL + " WHERE r.planned_at >= ? AND r.planned_at < ? AND d.status NOT IN "
        "(?, ?, ?) ORDER BY r.planned_at, d.id", (format_utc(start), format_utc(end), *gone))
    return [draft_from_row(r) for r in rows]


async def unvoted(store: Store, draft_id: int) -> list[Voter]:
    """Members of the electorate without a current ballot (the reminder's addressees)."""
    rows = await store.fetchall(
        "SELECT e.voter, e.name FROM draft_electorate e WHERE e.draft_id = ? AND NOT EXISTS ("
        "SELECT 1 FROM draft_ballots b WHERE b.draft_id = e.draft_id AND b.voter = e.voter "
        "AND b.latest = 1) ORDER BY e.name", (draft_id,))
    return [Voter(r["voter"], r["name"]) for r in rows]


async def waiting_for_vote(store: Store, voter: str) -> list[Draft]:
    """Drafts in `voting` whose electorate holds `voter` and who has no current ballot
    (what their home view lists), the nearest deadline first."""
    rows = await store.fetchall(
        _DRAFT_SQL + " WHERE d.status = ? AND d.author != ? AND EXISTS ("
        "SELECT 1 FROM draft_electorate e WHERE e.draft_id = d.id AND e.voter = ?) "
        "AND NOT EXISTS (SELECT 1 FROM draft_ballots b WHERE b.draft_id = d.id "
        "AND b.voter = ? AND b.latest = 1) ORDER BY d.deadline_at, d.id",
        (State.VOTING.value, voter, voter, voter))
    return [draft_from_row(r) for r in rows]
