"""The vote arithmetic, exhaustively on small electorates and by properties on larger ones.

Every assignment of ballots (approve, request changes, reject, abstain, or not
voting) to electorates of 0 to 5 members is checked, under a range of quorum
and majority rules, against a reference written the slow obvious way.
"""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cogs.drafts.votes import (
    Choice,
    Result,
    Rules,
    Tally,
    decided,
    outcome,
    passes,
    possible_outcomes,
    quorum_needed,
    tally_visible,
)

OPTIONS = (*Choice, None)  # None: the member did not vote (absent, not abstaining)
RULES = [*(Rules(q, m) for q in (0, 25, 33.5, 50, 66.7, 100) for m in (0, 50, 66.7, 75)),
         Rules(consent=True)]


def rules_id(rules: Rules) -> str:
    return "consent" if rules.consent else f"q{rules.quorum}-m{rules.majority}"


def reference(ballots: list[Choice | None], rules: Rules) -> Result:
    """The issue's rule, read literally, on the list of ballots."""
    electorate = len(ballots)
    cast = [b for b in ballots if b is not None]
    approve = cast.count(Choice.APPROVE)
    changes = cast.count(Choice.CHANGES)
    reject = cast.count(Choice.REJECT)
    expressed = approve + changes + reject
    if rules.consent:  # passes unless someone objects; the objections decide which way
        if not changes + reject:
            return Result.APPROVED
        return Result.REJECTED if reject > changes else Result.CHANGES
    if not cast or Fraction(len(cast)) < Fraction(str(rules.quorum)) / 100 * electorate:
        return Result.NO_QUORUM
    if Fraction(approve) > Fraction(str(rules.majority)) / 100 * expressed:
        return Result.APPROVED
    return Result.CHANGES if changes > reject else Result.REJECTED


def all_ballots(max_size: int = 5):
    for size in range(max_size + 1):
        yield from itertools.product(OPTIONS, repeat=size)


def tally(ballots) -> Tally:
    return Tally.of(b for b in ballots if b is not None)


@pytest.mark.parametrize("rules", RULES, ids=rules_id)
def test_outcome_matches_the_reference_on_every_small_electorate(rules: Rules) -> None:
    for ballots in all_ballots():
        assert outcome(tally(ballots), len(ballots), rules) == reference(list(ballots), rules), \
            ballots


@pytest.mark.parametrize("rules", RULES, ids=rules_id)
def test_possible_outcomes_and_early_close_match_brute_force(rules: Rules) -> None:
    """Whatever the members who have not voted do, the closed form finds exactly the
    reachable results, so an early close never pre-empts a result still possible."""
    for size in range(6):
        seen: set[Tally] = set()
        for ballots in itertools.product(OPTIONS, repeat=size):
            now = tally(ballots)
            if now in seen:
                continue
            seen.add(now)
            remaining = size - now.cast
            reachable = {outcome(Tally.of([*_choices(now), *extra]), size, rules)
                         for k in range(remaining + 1)
                         for extra in itertools.combinations_with_replacement(list(Choice), k)}
            assert possible_outcomes(now, size, rules) == reachable, (now, size)
            early = decided(now, size, rules)
            if len(reachable) == 1 or remaining == 0:
                assert early == outcome(now, size, rules)
            else:
                assert early is None


def _choices(t: Tally) -> list[Choice]:
    return ([Choice.APPROVE] * t.approve + [Choice.CHANGES] * t.changes
            + [Choice.REJECT] * t.reject + [Choice.ABSTAIN] * t.abstain)


def test_the_issue_defaults() -> None:
    rules = Rules()  # quorum 50 %, approvals more than half of the expressed votes
    a, c, r, s = Choice.APPROVE, Choice.CHANGES, Choice.REJECT, Choice.ABSTAIN
    assert quorum_needed(4, rules) == 2 and quorum_needed(5, rules) == 3
    assert outcome(Tally.of([a]), 4, rules) is Result.NO_QUORUM
    assert outcome(Tally.of([a, s]), 4, rules) is Result.APPROVED  # abstentions make quorum
    assert outcome(Tally.of([a, r]), 4, rules) is Result.REJECTED  # a tie does not pass
    assert outcome(Tally.of([a, c]), 4, rules) is Result.CHANGES
    assert outcome(Tally.of([a, a, c, r]), 4, rules) is Result.REJECTED  # 2 of 4: a tie
    assert outcome(Tally.of([c, c, r]), 4, rules) is Result.CHANGES
    assert outcome(Tally.of([c, r]), 4, rules) is Result.REJECTED  # objections tied: rejected
    assert outcome(Tally.of([s, s]), 4, rules) is Result.REJECTED  # nobody for it
    assert outcome(Tally(), 0, rules) is Result.NO_QUORUM  # nobody could vote
    assert decided(Tally(), 0, rules) is Result.NO_QUORUM
    assert decided(Tally.of([a, a, a]), 4, rules) is Result.APPROVED  # 4th cannot change it
    assert decided(Tally.of([a, a]), 4, rules) is None  # two rejections would tie it
    assert decided(Tally.of([r, r, c]), 5, rules) is None  # approvals could still... not pass
    assert possible_outcomes(Tally.of([r, r, c]), 5, rules) == {Result.REJECTED,
                                                               Result.CHANGES}


def test_percentages_are_exact() -> None:
    # 33.5 % of 200 is 67 exactly: with floats 0.335 * 200 = 67.00000000000001 -> 68.
    assert quorum_needed(200, Rules(33.5)) == 67
    assert passes(Tally(approve=2, reject=1), Rules(majority=66.6))
    assert not passes(Tally(approve=2, reject=1), Rules(majority=66.7))


def test_rules_are_validated() -> None:
    with pytest.raises(ValueError):
        Rules(quorum=101)
    with pytest.raises(ValueError):
        Rules(majority=100)
    with pytest.raises(ValueError):
        outcome(Tally(approve=3), 2, Rules())


def test_tally_visibility() -> None:
    assert tally_visible("always", closed=False, has_voted=False)
    assert not tally_visible("after_vote", closed=False, has_voted=False)
    assert tally_visible("after_vote", closed=False, has_voted=True)
    assert not tally_visible("after_close", closed=False, has_voted=True)
    assert all(tally_visible(mode, closed=True, has_voted=False)
               for mode in ("always", "after_vote", "after_close"))


# --------------------------------------------------------------- properties

ballot_lists = st.lists(st.sampled_from(OPTIONS), max_size=40)
rules_st = st.builds(Rules, st.sampled_from([0, 10, 33.5, 50, 66.7, 90, 100]),
                     st.sampled_from([0, 33.3, 50, 60, 66.7, 90, 99]))


@settings(max_examples=400, deadline=None)
@given(ballot_lists, rules_st, st.randoms(use_true_random=False))
def test_outcome_does_not_depend_on_the_order_of_ballots(ballots, rules, rnd) -> None:
    shuffled = list(ballots)
    rnd.shuffle(shuffled)
    assert outcome(tally(ballots), len(ballots), rules) == \
        outcome(tally(shuffled), len(shuffled), rules)


@settings(max_examples=400, deadline=None)
@given(ballot_lists, rules_st, st.data())
def test_more_approval_never_turns_a_pass_into_a_fail(ballots, rules, data) -> None:
    if not ballots:
        return
    before = outcome(tally(ballots), len(ballots), rules)
    index = data.draw(st.integers(0, len(ballots) - 1))
    changed = [*ballots[:index], Choice.APPROVE, *ballots[index + 1:]]
    after = outcome(tally(changed), len(changed), rules)
    if before is Result.APPROVED:
        assert after is Result.APPROVED
    grown = [*ballots, Choice.APPROVE]  # one more member, who approves
    if before is Result.APPROVED:
        assert outcome(tally(grown), len(grown), rules) is Result.APPROVED


@settings(max_examples=400, deadline=None)
@given(ballot_lists, rules_st)
def test_a_tie_never_passes_under_the_default_majority(ballots, rules) -> None:
    t = tally(ballots)
    if t.expressed and 2 * t.approve == t.expressed:
        assert outcome(t, len(ballots), Rules(rules.quorum, 50)) is not Result.APPROVED


@settings(max_examples=300, deadline=None)
@given(ballot_lists, rules_st, st.randoms(use_true_random=False))
def test_an_early_close_is_never_contradicted_by_the_remaining_votes(ballots, rules,
                                                                       rnd) -> None:
    now = tally(ballots)
    size = len(ballots) + rnd.randint(0, 10)
    result = decided(now, size, rules)
    assert outcome(now, size, rules) in possible_outcomes(now, size, rules)
    for _ in range(20):
        extra = [rnd.choice(OPTIONS) for _ in range(size - now.cast)]
        final = tally([*_choices(now), *extra])
        if result is not None:
            assert outcome(final, size, rules) is result
        assert outcome(final, size, rules) in possible_outcomes(now, size, rules)

