"""The vote arithmetic of a draft: pure functions, no I/O, tested exhaustively.

One member, one vote (loi 47-1775, art. 1). The rule, from the config
(`votes:`), follows research/decisions.md §5.2, itself modelled on Loomio:

1. Quorum: ballots cast (abstentions included) must reach `quorum` percent of
   the electorate, and at least one ballot must be cast — a vote nobody took
   part in never decides anything, whatever the quorum.
2. Expressed votes are approve + request changes + reject. The draft passes
   when approvals are MORE than `majority` percent of them (strictly: a tie
   does not pass; the status quo is that nothing is published).
3. Otherwise it is `changes_requested` when request-changes outnumber
   rejections, else `rejected` (so a tie between the two objections, or a vote
   where everyone abstained, rejects).

Percentages are compared as exact fractions, never floats, so 33.5 % of 200
members is exactly 67 and no rounding can flip a result.

Consent (`votes.mode: consent`, sociocracy's rule): the draft passes unless a
member raises a reasoned objection — silence is consent, so there is no quorum.
Any objection (request changes or reject, both need a reason) stops it: it is
`changes_requested` unless rejections outnumber change requests, then
`rejected`. Abstentions and approvals both consent.

Early close: a vote may close before its deadline when everyone has voted or
the result can no longer change. "Can no longer change" is judged over the
members who have not voted yet, whatever they vote (`possible_outcomes`);
members who did vote could still have changed their mind, but closing a vote
that is already decided is what the co-operative asked for.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from fractions import Fraction


class Choice(StrEnum):
    """A ballot (the Loomio proposal options, without block: the director holds the veto)."""

    APPROVE = "approve"
    CHANGES = "request_changes"
    REJECT = "reject"
    ABSTAIN = "abstain"

    @property
    def needs_reason(self) -> bool:
        """Objections must say why, so the author knows what to change."""
        return self in (Choice.CHANGES, Choice.REJECT)

    @property
    def objection(self) -> bool:
        """Objections survive a new revision (like Gerrit's -2); approvals do not."""
        return self in (Choice.CHANGES, Choice.REJECT)


class Result(StrEnum):
    """How a closed vote ended."""

    APPROVED = "approved"
    CHANGES = "changes_requested"
    REJECTED = "rejected"
    NO_QUORUM = "no_quorum"


@dataclass(frozen=True, slots=True)
class Rules:
    """The config's rule, snapshotted on the draft when its vote opens."""

    quorum: float = 50.0  # percent of the electorate
    majority: float = 50.0  # approvals must be MORE than this percent of expressed votes
    consent: bool = False  # consent mode: passes unless someone objects (no quorum)

    def __post_init__(self) -> None:
        if not 0 <= self.quorum <= 100:
            raise ValueError(f"quorum must be 0..100, got {self.quorum}")
        if not 0 <= self.majority < 100:
            raise ValueError(f"majority must be 0..<100, got {self.majority}")


@dataclass(frozen=True, slots=True)
class Tally:
    """Current ballots of the electorate (members who did not vote are absent, not abstaining)."""

    approve: int = 0
    changes: int = 0
    reject: int = 0
    abstain: int = 0
    proxied: int = 0  # of the ballots above, those cast by a proxy holder (shown, not weighed)

    @classmethod
    def of(cls, choices: Iterable[Choice | str]) -> Tally:
        counts = {choice: 0 for choice in Choice}
        for choice in choices:
            counts[Choice(choice)] += 1
        return cls(counts[Choice.APPROVE], counts[Choice.CHANGES], counts[Choice.REJECT],
                   counts[Choice.ABSTAIN])

    @property
    def cast(self) -> int:
        return self.approve + self.changes + self.reject + self.abstain

    @property
    def expressed(self) -> int:
        return self.approve + self.changes + self.reject

    def add(self, choice: Choice, count: int = 1) -> Tally:
        return Tally(
            self.approve + count * (choice is Choice.APPROVE),
            self.changes + count * (choice is Choice.CHANGES),
            self.reject + count * (choice is Choice.REJECT),
            self.abstain + count * (choice is Choice.ABSTAIN),
        )


def _fraction(percent: float) -> Fraction:
    # str() first: Fraction(33.5) is exact but Fraction(0.1) is not what people wrote.
    return Fraction(str(percent)) / 100


def quorum_needed(electorate: int, rules: Rules) -> int:
    """Ballots needed for quorum: ceil(quorum × electorate), and never fewer than one
    (none in consent mode: silence consents)."""
    if rules.consent:
        return 0
    return max(1, math.ceil(_fraction(rules.quorum) * electorate))


def _objected(tally: Tally) -> Result:
    """What objections make of a consent vote."""
    return Result.REJECTED if tally.reject > tally.changes else Result.CHANGES


def passes(tally: Tally, rules: Rules) -> bool:
    """Approvals are more than `majority` of the expressed votes (a tie does not pass)."""
    return tally.approve > _fraction(rules.majority) * tally.expressed


def outcome(tally: Tally, electorate: int, rules: Rules) -> Result:
    """The result of a vote that closes with `tally`."""
    if tally.cast > electorate:
        raise ValueError(f"{tally.cast} ballots for an electorate of {electorate}")
    if rules.consent:
        return _objected(tally) if tally.changes + tally.reject else Result.APPROVED
    if tally.cast < quorum_needed(electorate, rules):
        return Result.NO_QUORUM
    if passes(tally, rules):
        return Result.APPROVED
    return Result.CHANGES if tally.changes > tally.reject else Result.REJECTED


def possible_outcomes(tally: Tally, electorate: int, rules: Rules) -> frozenset[Result]:
    """Every result the vote can still reach, whatever the members who have not voted do.

    Closed form instead of enumerating: each outcome other than no-quorum is
    favoured by every extra ballot of one kind (approvals for a pass, request
    changes or rejections for the two objections), and those extra ballots also
    help reach quorum, so "all remaining members vote X" is the best case for X.
    `tests/drafts/test_votes.py` checks this against brute force.
    """
    remaining = electorate - tally.cast
    if remaining < 0:
        raise ValueError(f"{tally.cast} ballots for an electorate of {electorate}")
    if rules.consent:  # each remaining member may object either way, or consent
        return frozenset({outcome(tally.add(extra, remaining), electorate, rules)
                          for extra in (Choice.APPROVE, Choice.CHANGES, Choice.REJECT)}
                         | {outcome(tally, electorate, rules)})
    needed = quorum_needed(electorate, rules)
    found = set()
    if tally.cast < needed:
        found.add(Result.NO_QUORUM)  # nobody else votes
    if tally.cast + remaining >= needed:
        if passes(tally.add(Choice.APPROVE, remaining), rules):
            found.add(Result.APPROVED)
        all_changes = tally.add(Choice.CHANGES, remaining)
        if not passes(all_changes, rules) and all_changes.changes > all_changes.reject:
            found.add(Result.CHANGES)
        all_rejects = tally.add(Choice.REJECT, remaining)
        if not passes(all_rejects, rules) and all_rejects.reject >= all_rejects.changes:
            found.add(Result.REJECTED)
    return frozenset(found)


def decided(tally: Tally, electorate: int, rules: Rules) -> Result | None:
    """The result if the vote can close early (everyone voted, or nothing can change it)."""
    possible = possible_outcomes(tally, electorate, rules)
    if tally.cast == electorate or len(possible) == 1:
        return outcome(tally, electorate, rules)
    return None


TallyMode = str  # "always" | "after_vote" | "after_close" (bot.config.TALLY_MODES)


def tally_visible(mode: TallyMode, closed: bool, has_voted: bool) -> bool:
    """Whether someone may see the running tally: hiding it until one's own vote (or the
    close) keeps early ballots from steering later ones (Loomio's `hide_results`)."""
    if closed or mode == "always":
        return True
    return mode == "after_vote" and has_voted
