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

The package follows the workflow's parts: `values` (what a draft and a change
are), `queries` (reading), `writing` (events, jobs, opening and closing votes),
then the transitions: `submission`, `voting`, `publication`. Callers use the
names re-exported here (`workflow.cast(...)`).
"""

from bot.scheduler import ACTOR as BOT_ACTOR
from cogs.drafts.workflow.client import client_answer, client_person
from cogs.drafts.workflow.publication import (
    electorate_now,
    expire_if_due,
    published,
    reschedule,
)
from cogs.drafts.workflow.queries import (
    current_ballot,
    drafts_in,
    history,
    in_electorate,
    load,
    planned_between,
    tally_of,
    unvoted,
    waiting_for_vote,
)
from cogs.drafts.workflow.submission import (
    ask_override,
    edit,
    grant_override,
    refuse_override,
    restore,
    submit,
    withdraw,
)
from cogs.drafts.workflow.values import (
    DIRECTOR,
    Change,
    Draft,
    Fields,
    Notice,
    Person,
    Refused,
    Revision,
    Text,
    Voter,
    text,
)
from cogs.drafts.workflow.voting import (
    cast,
    close_if_due,
    decide,
    extend,
    final_approve,
    final_changes,
    unveto,
    veto,
)
from cogs.drafts.workflow.writing import expiry_of, job_id

__all__ = [
    "BOT_ACTOR", "DIRECTOR", "Change", "Draft", "Fields", "Notice", "Person", "Refused",
    "Revision", "Text", "Voter", "ask_override", "cast", "client_answer", "client_person",
    "close_if_due", "current_ballot",
    "decide", "drafts_in", "edit", "electorate_now", "expire_if_due", "expiry_of", "extend",
    "final_approve", "final_changes", "grant_override", "history", "in_electorate", "job_id",
    "load", "planned_between", "published", "refuse_override", "reschedule", "restore",
    "submit", "tally_of", "text",
    "unveto", "unvoted", "veto", "waiting_for_vote", "withdraw",
]
