"""Reading drafts, ballots and electorates: for a transaction about to change them,
and for people (lists, history, the plan, what waits for someone's vote)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.store import format_utc, parse_utc
from cogs.drafts.states import State
from cogs.drafts.votes import Tally
from cogs.drafts.workflow.values import (
    DRAFT_SQL,
    Draft,
    Refused,
    Revision,
    Voter,
    draft_from_row,
    revision_from_row,
)

if TYPE_CHECKING:
    import sqlite3

    from bot.store import Store, Transaction


async def load(store: Store, draft_id: int) -> Draft | None:
    """The committed draft (from the reader: never waits for a writer)."""
    row = await store.fetchone(DRAFT_SQL + " WHERE d.id = ?", (draft_id,))
    return draft_from_row(row) if row else None


async def load_locked(tx: Transaction, draft_id: int) -> Draft:
    row = await tx.fetchone(DRAFT_SQL + " WHERE d.id = ?", (draft_id,))
    if row is None:
        raise Refused("drafts.unknown", id=draft_id)
    return draft_from_row(row)


TALLY_SQL = """
SELECT b.choice, count(*) AS n, count(b.by_proxy) AS proxied FROM draft_ballots b
JOIN draft_electorate e ON e.draft_id = b.draft_id AND e.voter = b.voter
WHERE b.draft_id = ? AND b.latest = 1 GROUP BY b.choice
"""


def tally_from_rows(rows: list[sqlite3.Row]) -> Tally:
    counts = {row["choice"]: row["n"] for row in rows}
    return Tally(counts.get("approve", 0), counts.get("request_changes", 0),
                 counts.get("reject", 0), counts.get("abstain", 0),
                 proxied=sum(row["proxied"] or 0 for row in rows))


async def tally_of(store: Store | Transaction, draft_id: int) -> tuple[Tally, int]:
    """Current ballots of the electorate, and the size of the electorate."""
    tally = tally_from_rows(await store.fetchall(TALLY_SQL, (draft_id,)))
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
        rows = await store.fetchall(DRAFT_SQL + " ORDER BY d.id DESC")
    else:
        wanted = [s.value for s in states]
        marks = ", ".join("?" * len(wanted))
        rows = await store.fetchall(DRAFT_SQL + f" WHERE d.status IN ({marks}) "
                                    "ORDER BY d.id DESC", wanted)
    return [draft_from_row(r) for r in rows]


async def planned_between(store: Store, start: datetime, end: datetime) -> list[Draft]:
    """Drafts planned in [start, end) that may still be (or were) published."""
    gone = (State.REJECTED.value, State.WITHDRAWN.value, State.EXPIRED.value)
    rows = await store.fetchall(
        DRAFT_SQL + " WHERE r.planned_at >= ? AND r.planned_at < ? AND d.status NOT IN "
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
        DRAFT_SQL + " WHERE d.status = ? AND d.author != ? AND EXISTS ("
        "SELECT 1 FROM draft_electorate e WHERE e.draft_id = d.id AND e.voter = ?) "
        "AND NOT EXISTS (SELECT 1 FROM draft_ballots b WHERE b.draft_id = d.id "
        "AND b.voter = ? AND b.latest = 1) ORDER BY d.deadline_at, d.id",
        (State.VOTING.value, voter, voter, voter))
    return [draft_from_row(r) for r in rows]
