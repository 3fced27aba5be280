-- The drafts cog, version 1 (schema version 4 of Garant 0.1): drafts, their
-- revisions, the electorate of their votes, the ballots and the history of every
-- transition.
-- Users are stored by key ('platform:id') with the name shown at the time.

-- One row per draft: its current state. The texts live in draft_revisions.
CREATE TABLE drafts (
    id              INTEGER PRIMARY KEY,
    platform        TEXT NOT NULL,              -- where it was submitted (its electorate)
    author          TEXT NOT NULL,              -- user key
    author_name     TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN (
                        'blocked', 'voting', 'no_quorum', 'changes_requested',
                        'awaiting_final', 'vetoed', 'approved', 'scheduled',
                        'published', 'rejected', 'withdrawn', 'expired')),
    revision        INTEGER NOT NULL DEFAULT 1, -- the current revision's number
    -- The vote, as fixed when it first opened (config changes do not move it).
    tally_mode      TEXT CHECK (tally_mode IN ('always', 'after_vote', 'after_close')),
    quorum          REAL,
    majority        REAL,
    round           INTEGER NOT NULL DEFAULT 0, -- how many times voting (re)opened
    opened_at       TEXT,
    deadline_at     TEXT,
    extended        INTEGER NOT NULL DEFAULT 0, -- the one extension after no quorum is used
    closed_at       TEXT,
    result          TEXT CHECK (result IN ('approved', 'changes_requested', 'rejected',
                                           'no_quorum')),
    -- A director's override of blocking charter findings: the rule ids it covers.
    override_rules  TEXT,                       -- JSON list, NULL when none
    override_asked  TEXT,                       -- reason the author gave, while pending
    -- The director's veto stands across revisions until lifted.
    veto_by         TEXT,
    veto_reason     TEXT,
    veto_at         TEXT,
    approved_by     TEXT,                       -- final approval for publication
    approved_at     TEXT,
    published_url   TEXT,
    published_at    TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX drafts_by_status ON drafts (status);

-- Every version of a draft; number 1 is the submission. Never updated.
CREATE TABLE draft_revisions (
    draft_id    INTEGER NOT NULL REFERENCES drafts (id),
    number      INTEGER NOT NULL CHECK (number >= 1),
    title       TEXT NOT NULL,
    client      TEXT,
    network     TEXT NOT NULL,
    planned_at  TEXT,                           -- planned publication instant, or NULL
    text        TEXT NOT NULL,
    charter     TEXT NOT NULL,                  -- the charter that checked it
    findings    TEXT NOT NULL DEFAULT '[]',     -- JSON list of findings
    blocking    INTEGER NOT NULL DEFAULT 0,     -- error-level findings were found
    editor      TEXT NOT NULL,
    editor_name TEXT NOT NULL,
    minor       INTEGER NOT NULL DEFAULT 0,     -- a director's minor edit: votes kept
    created_at  TEXT NOT NULL,
    PRIMARY KEY (draft_id, number)
) WITHOUT ROWID;

-- Who may vote: the members when voting (re)opens, minus the author.
CREATE TABLE draft_electorate (
    draft_id INTEGER NOT NULL REFERENCES drafts (id),
    voter    TEXT NOT NULL,
    name     TEXT NOT NULL,
    PRIMARY KEY (draft_id, voter)
) WITHOUT ROWID;

-- Every ballot ever cast. A member's current ballot has latest = 1; a change
-- adds a row and sets the previous one's latest to 0, an edit dismisses
-- approvals and abstentions the same way. The partial UNIQUE index is what
-- guarantees one current ballot per member, however many clicks race.
CREATE TABLE draft_ballots (
    id           INTEGER PRIMARY KEY,
    draft_id     INTEGER NOT NULL REFERENCES drafts (id),
    voter        TEXT NOT NULL,
    voter_name   TEXT NOT NULL,
    choice       TEXT NOT NULL CHECK (choice IN ('approve', 'request_changes', 'reject',
                                                 'abstain')),
    reason       TEXT,
    revision     INTEGER NOT NULL,              -- the revision the ballot was cast on
    cast_at      TEXT NOT NULL,
    latest       INTEGER NOT NULL DEFAULT 1 CHECK (latest IN (0, 1)),
    ended_at     TEXT,                          -- when it stopped being current
    ended_by     TEXT CHECK (ended_by IN ('changed', 'dismissed')),
    CHECK (choice NOT IN ('request_changes', 'reject') OR length(trim(coalesce(reason, ''))) > 0)
);
CREATE UNIQUE INDEX draft_ballots_current ON draft_ballots (draft_id, voter) WHERE latest = 1;
CREATE INDEX draft_ballots_by_draft ON draft_ballots (draft_id, id);

-- Every transition (actor, from, to, revision, reason). Append-only, like the
-- audit log, where each event is also written.
CREATE TABLE draft_events (
    id          INTEGER PRIMARY KEY,
    draft_id    INTEGER NOT NULL REFERENCES drafts (id),
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,                  -- user key, or 'garant' for the bot
    actor_name  TEXT NOT NULL,
    action      TEXT NOT NULL,
    from_status TEXT,
    to_status   TEXT NOT NULL,
    revision    INTEGER NOT NULL,
    reason      TEXT,
    data        TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX draft_events_by_draft ON draft_events (draft_id, id);

CREATE TRIGGER draft_events_no_update BEFORE UPDATE ON draft_events
BEGIN
    SELECT RAISE(ABORT, 'draft_events is append-only');
END;

CREATE TRIGGER draft_events_no_delete BEFORE DELETE ON draft_events
BEGIN
    SELECT RAISE(ABORT, 'draft_events is append-only');
END;
