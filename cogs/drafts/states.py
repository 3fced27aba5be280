"""The life of a draft: states, what may happen in each, and who may do it. Pure.

research/decisions.md §5.1, as built:

    new ──submit──▶ blocked (charter errors)  ──edit (fixed) / override (director)──▶ voting
        └─────────▶ voting
    voting ──close (deadline | early)──▶ awaiting_final | changes_requested | rejected | no_quorum
    no_quorum ──extend once (director)──▶ voting
              ──decide (director)──▶ awaiting_final | changes_requested | rejected
    awaiting_final ──approve (director)──▶ scheduled (planned time) | approved
                                        └─▶ awaiting_client (the client signs off)
    awaiting_client ──client approves──▶ scheduled | approved
                    ──client requests changes──▶ changes_requested
                    ──its link expires (the planned time)──▶ expired
                   ──request changes (director)──▶ changes_requested
                   ──veto (director)──▶ vetoed
    vetoed ──unveto (director)──▶ awaiting_final
    any open state ──edit──▶ voting | blocked   (a new revision; a minor edit keeps the state)
    approved | scheduled ──published──▶ published
                         ──planned time + expire_after──▶ expired
    approved | scheduled | expired ──reschedule (author, director)──▶ scheduled
                                    (awaiting_client while the client has not approved)
    expired ──published (late)──▶ published
    any open state ──withdraw (author)──▶ withdrawn
    withdrawn (from approved | scheduled) ──restore (author, director)──▶ what it was

Terminal: published, rejected, withdrawn, expired — except that a missed
publication can be rescheduled and a withdrawal after approval undone: the
approval was the co-op's decision and is not lost to a slip or a missed date.
The veto is a flag as well as a state: it stands across revisions (an edited
vetoed draft is voted on again, but cannot be approved for publication) until
the director lifts it.
Every check returns the key of a message saying why not, so a refusal is
always a clear answer and never a silent no-op.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal

from cogs.drafts.votes import Result


class State(StrEnum):
    BLOCKED = "blocked"
    VOTING = "voting"
    NO_QUORUM = "no_quorum"
    CHANGES = "changes_requested"
    AWAITING_FINAL = "awaiting_final"
    VETOED = "vetoed"
    AWAITING_CLIENT = "awaiting_client"
    APPROVED = "approved"
    SCHEDULED = "scheduled"
    PUBLISHED = "published"
    REJECTED = "rejected"
    WITHDRAWN = "withdrawn"
    EXPIRED = "expired"

    @property
    def terminal(self) -> bool:
        return self in TERMINAL


TERMINAL = frozenset({State.PUBLISHED, State.REJECTED, State.WITHDRAWN, State.EXPIRED})
OPEN = frozenset(State) - TERMINAL
#: Waiting for a publication: what /plan shows as settled, and what may expire.
READY = frozenset({State.APPROVED, State.SCHEDULED})


class Action(StrEnum):
    SUBMIT = "submit"
    EDIT = "edit"
    WITHDRAW = "withdraw"
    OVERRIDE_REQUEST = "override_request"
    OVERRIDE = "override"
    VOTE = "vote"
    CLOSE = "close"
    EXTEND = "extend"
    DECIDE = "decide"
    FINAL_APPROVE = "final_approve"
    FINAL_CHANGES = "final_changes"
    VETO = "veto"
    UNVETO = "unveto"
    PUBLISH = "publish"
    EXPIRE = "expire"
    RESCHEDULE = "reschedule"
    RESTORE = "restore"
    CLIENT_APPROVE = "client_approve"
    CLIENT_CHANGES = "client_changes"


#: The states each action may start from.
FROM: dict[Action, frozenset[State]] = {
    Action.SUBMIT: frozenset(),  # a new draft has no state yet
    Action.EDIT: OPEN,
    Action.WITHDRAW: OPEN,
    Action.OVERRIDE_REQUEST: frozenset({State.BLOCKED}),
    Action.OVERRIDE: frozenset({State.BLOCKED}),
    Action.VOTE: frozenset({State.VOTING}),
    Action.CLOSE: frozenset({State.VOTING}),
    Action.EXTEND: frozenset({State.NO_QUORUM}),
    Action.DECIDE: frozenset({State.NO_QUORUM}),
    Action.FINAL_APPROVE: frozenset({State.AWAITING_FINAL}),
    Action.FINAL_CHANGES: frozenset({State.AWAITING_FINAL}),
    Action.VETO: frozenset({State.AWAITING_FINAL}),
    Action.UNVETO: OPEN,  # wherever the flag is; only `vetoed` changes state
    # An expired draft may still be recorded as published: it went out late, and the
    # record must say so rather than refuse the truth.
    Action.PUBLISH: READY | {State.EXPIRED},
    Action.EXPIRE: READY | {State.AWAITING_CLIENT},
    Action.RESCHEDULE: READY | {State.EXPIRED, State.AWAITING_CLIENT},
    # Only a withdrawal after approval can be undone (`restorable` says so from the
    # history); an open vote withdrawn is submitted again instead.
    Action.RESTORE: frozenset({State.WITHDRAWN}),
    Action.CLIENT_APPROVE: frozenset({State.AWAITING_CLIENT}),
    Action.CLIENT_CHANGES: frozenset({State.AWAITING_CLIENT}),
}


@dataclass(frozen=True, slots=True)
class Actor:
    """Who is acting, as far as the rules care. The bot itself acts on deadlines."""

    is_author: bool = False
    is_director: bool = False
    is_member: bool = False
    is_bot: bool = False
    #: The client answering from its link (no account: the signed link is the proof).
    is_client: bool = False


def _who(action: Action, actor: Actor) -> bool:
    if action in (Action.CLOSE, Action.EXPIRE):
        return actor.is_bot
    if action is Action.SUBMIT:
        return actor.is_member or actor.is_director
    if action in (Action.EDIT, Action.PUBLISH, Action.RESCHEDULE, Action.RESTORE):
        return actor.is_author or actor.is_director
    if action in (Action.WITHDRAW, Action.OVERRIDE_REQUEST):
        return actor.is_author
    if action is Action.VOTE:
        return actor.is_member and not actor.is_author
    if action in (Action.CLIENT_APPROVE, Action.CLIENT_CHANGES):
        # The director may record an answer the client gave by phone or e-mail.
        return actor.is_client or actor.is_director
    return actor.is_director  # override, extend, decide, final say, veto, unveto


def refusal(action: Action, state: State | None, actor: Actor, *, vetoed: bool = False,
            extended: bool = False) -> str | None:
    """Why `actor` may not do `action` on a draft in `state`: a message key, or None.

    The checks run in the order a person needs the answer: first "not you",
    then "not now", then the special cases (a standing veto, a used extension).
    """
    if not _who(action, actor):
        if action is Action.VOTE and actor.is_author:
            return "drafts.refused.own_draft"
        return f"drafts.refused.who.{action.value}"
    if action is not Action.SUBMIT and (state is None or state not in FROM[action]):
        if state is not None and state.terminal:
            return "drafts.refused.terminal"
        return f"drafts.refused.state.{action.value}"
    if action is Action.FINAL_APPROVE and vetoed:
        return "drafts.refused.vetoed"
    if action is Action.UNVETO and not vetoed:
        return "drafts.refused.no_veto"
    if action is Action.EXTEND and extended:
        return "drafts.refused.extended"
    return None


def after_check(blocking: bool) -> State:
    """Where a new revision goes once the charter has looked at it."""
    return State.BLOCKED if blocking else State.VOTING


def after_vote(result: Result) -> State:
    """Where a closed vote (or the director's decision on a vote without quorum) leads."""
    return {
        Result.APPROVED: State.AWAITING_FINAL,
        Result.CHANGES: State.CHANGES,
        Result.REJECTED: State.REJECTED,
        Result.NO_QUORUM: State.NO_QUORUM,
    }[result]


def after_final_approval(planned: bool, client: bool = False) -> State:
    """Approved for publication: `scheduled` when it has a planned time, else `approved`;
    first `awaiting_client` when its client must sign it off (`client`)."""
    if client:
        return State.AWAITING_CLIENT
    return State.SCHEDULED if planned else State.APPROVED


def after_unveto(state: State) -> State:
    """Lifting the veto puts a vetoed draft back before the director; elsewhere it only
    clears the flag."""
    return State.AWAITING_FINAL if state is State.VETOED else state


@dataclass(frozen=True, slots=True)
class EditPlan:
    """What a new revision does to a draft.

    state: the state after the edit.
    dismiss: approvals and abstentions stop counting (they were about another text);
        objections stay until their voter changes them, like Gerrit's -2.
    vote: "keep" the vote as it is (a minor edit), "continue" the open vote (with a
        deadline at least `min_revision_window` away), "open" a new round, or "stop"
        it (the charter blocks the new text).
    """

    state: State
    dismiss: bool
    vote: Literal["keep", "continue", "open", "stop"]


def plan_edit(state: State, *, minor: bool, blocking: bool) -> EditPlan | None:
    """The effect of an edit of a draft in `state`; None when a minor edit would bring in
    a blocking charter error (a typo fix must not slip an error past the vote).

    A minor edit (the director's) keeps the ballots, the state and the deadline, except
    on a blocked draft, where it is the fix that sends it to the vote.
    """
    if minor and state is not State.BLOCKED:
        return None if blocking else EditPlan(state, False, "keep")
    dismiss = not minor
    if blocking:
        return EditPlan(State.BLOCKED, dismiss, "stop")
    return EditPlan(State.VOTING, dismiss, "continue" if state is State.VOTING else "open")
