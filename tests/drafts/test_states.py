"""The state machine: who may do what, in which state — checked for every combination."""

from __future__ import annotations

import itertools

import pytest

from cogs.drafts.messages import MESSAGES
from cogs.drafts.states import (
    FROM,
    OPEN,
    READY,
    TERMINAL,
    Action,
    Actor,
    State,
    after_check,
    after_final_approval,
    after_unveto,
    after_vote,
    refusal,
)
from cogs.drafts.votes import Result

ACTORS = [Actor(*flags) for flags in itertools.product((False, True), repeat=5)]
AUTHOR = Actor(is_author=True, is_member=True)
MEMBER = Actor(is_member=True)
DIRECTOR = Actor(is_director=True, is_member=True)
BOT = Actor(is_bot=True)
CLIENT = Actor(is_client=True)


def test_every_refusal_has_a_message_in_both_languages() -> None:
    for action, state, actor in itertools.product(Action, [None, *State], ACTORS):
        for vetoed, extended in itertools.product((False, True), repeat=2):
            key = refusal(action, state, actor, vetoed=vetoed, extended=extended)
            if key is not None:
                assert set(MESSAGES[key]) == {"fr", "en"}, key


def test_terminal_states_refuse_everything_but_a_late_publication_and_undoing() -> None:
    # An expired draft can be published late or rescheduled, a withdrawn one restored
    # (the workflow then checks it was approved): by its author or the director only.
    second_chances = {(Action.PUBLISH, State.EXPIRED), (Action.RESCHEDULE, State.EXPIRED),
                      (Action.RESTORE, State.WITHDRAWN)}
    for action, state, actor in itertools.product(Action, TERMINAL, ACTORS):
        if action is Action.SUBMIT:
            continue
        allowed = (action, state) in second_chances and (actor.is_author or actor.is_director)
        assert (refusal(action, state, actor) is None) == allowed, (action, state, actor)


def test_an_action_is_allowed_exactly_in_its_states() -> None:
    allowed_actor = {Action.VOTE: MEMBER, Action.CLOSE: BOT, Action.EXPIRE: BOT,
                     Action.WITHDRAW: AUTHOR, Action.OVERRIDE_REQUEST: AUTHOR}
    for action in Action:
        if action is Action.SUBMIT:
            continue
        actor = allowed_actor.get(action, DIRECTOR)
        for state in State:
            key = refusal(action, state, actor, vetoed=action is Action.UNVETO)
            assert (key is None) == (state in FROM[action]), (action, state, key)


@pytest.mark.parametrize("state", sorted(OPEN))
def test_who_may_act(state: State) -> None:
    assert refusal(Action.VOTE, State.VOTING, AUTHOR) == "drafts.refused.own_draft"
    assert refusal(Action.VOTE, State.VOTING, Actor()) == "drafts.refused.who.vote"
    assert refusal(Action.EDIT, state, AUTHOR) is None
    assert refusal(Action.EDIT, state, DIRECTOR) is None
    assert refusal(Action.EDIT, state, MEMBER) == "drafts.refused.who.edit"
    assert refusal(Action.WITHDRAW, state, DIRECTOR) == "drafts.refused.who.withdraw"
    for action in (Action.FINAL_APPROVE, Action.VETO, Action.EXTEND, Action.OVERRIDE,
                   Action.UNVETO):
        assert refusal(action, state, AUTHOR) == f"drafts.refused.who.{action.value}"
    assert refusal(Action.CLOSE, State.VOTING, DIRECTOR) == "drafts.refused.who.close"


def test_special_cases() -> None:
    assert refusal(Action.FINAL_APPROVE, State.AWAITING_FINAL, DIRECTOR, vetoed=True) \
        == "drafts.refused.vetoed"
    assert refusal(Action.UNVETO, State.VOTING, DIRECTOR) == "drafts.refused.no_veto"
    assert refusal(Action.UNVETO, State.VOTING, DIRECTOR, vetoed=True) is None
    assert refusal(Action.EXTEND, State.NO_QUORUM, DIRECTOR, extended=True) \
        == "drafts.refused.extended"
    assert refusal(Action.VOTE, State.PUBLISHED, MEMBER) == "drafts.refused.terminal"
    assert refusal(Action.VOTE, State.AWAITING_FINAL, MEMBER) == "drafts.refused.state.vote"


def test_next_states() -> None:
    assert after_check(True) is State.BLOCKED and after_check(False) is State.VOTING
    assert [after_vote(r) for r in Result] == [State.AWAITING_FINAL, State.CHANGES,
                                               State.REJECTED, State.NO_QUORUM]
    assert after_final_approval(True) is State.SCHEDULED
    assert after_final_approval(False) is State.APPROVED
    assert after_final_approval(True, client=True) is State.AWAITING_CLIENT
    assert after_final_approval(False, client=True) is State.AWAITING_CLIENT
    assert after_unveto(State.VETOED) is State.AWAITING_FINAL
    assert after_unveto(State.VOTING) is State.VOTING
    assert READY <= OPEN and not (TERMINAL & OPEN)


def test_what_an_edit_does_in_every_open_state() -> None:
    from cogs.drafts.states import EditPlan, plan_edit

    for state in OPEN:
        # An ordinary edit: approvals dismissed; to the vote, or blocked by the charter.
        assert plan_edit(state, minor=False, blocking=True) == EditPlan(State.BLOCKED, True,
                                                                        "stop")
        expected = "continue" if state is State.VOTING else "open"
        assert plan_edit(state, minor=False, blocking=False) == EditPlan(State.VOTING, True,
                                                                         expected)
        if state is State.BLOCKED:
            continue
        # A minor edit keeps everything, and may not bring in a blocking error.
        assert plan_edit(state, minor=True, blocking=False) == EditPlan(state, False, "keep")
        assert plan_edit(state, minor=True, blocking=True) is None
    # A minor fix of a blocked draft sends it to the vote without dismissing anything.
    assert plan_edit(State.BLOCKED, minor=True, blocking=False) == EditPlan(State.VOTING,
                                                                           False, "open")


def test_only_the_client_or_the_director_answers_for_the_client() -> None:
    for action in (Action.CLIENT_APPROVE, Action.CLIENT_CHANGES):
        assert refusal(action, State.AWAITING_CLIENT, CLIENT) is None
        assert refusal(action, State.AWAITING_CLIENT, DIRECTOR) is None
        assert refusal(action, State.AWAITING_CLIENT, AUTHOR) == f"drafts.refused.who.{action}"
        assert refusal(action, State.SCHEDULED, CLIENT) == f"drafts.refused.state.{action}"
    # Waiting for the client is not approved: nothing goes out before it answers.
    assert refusal(Action.PUBLISH, State.AWAITING_CLIENT, AUTHOR) == "drafts.refused.state.publish"
    assert refusal(Action.EXPIRE, State.AWAITING_CLIENT, BOT) is None
    # A client acts on nothing else.
    for action in set(Action) - {Action.CLIENT_APPROVE, Action.CLIENT_CHANGES, Action.SUBMIT}:
        for state in State:
            assert refusal(action, state, CLIENT) is not None, (action, state)
