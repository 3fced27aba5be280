"""Named points where a test makes Garant fail as a crash, a full disk or a lost
connection would: the step boundaries of a workflow.

Why: "nothing lost, nothing half-done" is a claim about what happens *between*
steps — after a commit and before the platform call, after the platform answered
and before that is recorded. Tests arm a point with the exception to raise
(`SystemExit` for a crash, SQLite's own `OperationalError` for a full disk); the
code calls `hit(point)` there. Unarmed, a hit is one dictionary lookup.

Points
    store.commit       a transaction is about to commit (it rolls back instead)
    outbox.performed   the platform did an effect; its outcome is not yet recorded
    job.claimed        a job run is claimed; its handler has not run
"""

from __future__ import annotations

POINTS = frozenset({"store.commit", "outbox.performed", "job.claimed"})

_armed: dict[str, list[BaseException | None]] = {}


def arm(point: str, error: BaseException, times: int = 1, *, after: int = 0) -> None:
    """Make `times` hits of `point` raise `error`, once `after` hits have passed."""
    if point not in POINTS:
        raise ValueError(f"unknown fault point {point!r}; known: {', '.join(sorted(POINTS))}")
    _armed.setdefault(point, []).extend([None] * after + [error] * times)


def disarm() -> None:
    _armed.clear()


def hit(point: str) -> None:
    """Raise what `point` is armed with, if anything."""
    pending = _armed.get(point)
    if pending:
        error = pending.pop(0)
        if error is not None:
            raise error


__all__ = ["POINTS", "arm", "disarm", "hit"]
