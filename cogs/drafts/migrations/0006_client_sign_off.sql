-- The drafts cog, version 6: the client's sign-off.
--
-- A client may require to approve its posts after the co-op's vote and the director's
-- approval (`drafts.client_sign_off` in garant.yaml): such a draft waits in the new
-- state 'awaiting_client' until the client answers from its link, or the link expires
-- at the planned publication time. SQLite cannot change a CHECK constraint, so the
-- table is rebuilt (foreign keys are off during a migration, as SQLite's procedure for
-- schema changes requires, and checked before the commit).
CREATE TABLE drafts_v6 (
    id              INTEGER PRIMARY KEY,
    platform        TEXT NOT NULL,
    author          TEXT NOT NULL,
    author_name     TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN (
                        'blocked', 'voting', 'no_quorum', 'changes_requested',
                        'awaiting_final', 'vetoed', 'awaiting_client', 'approved',
                        'scheduled', 'published', 'rejected', 'withdrawn', 'expired')),
    revision        INTEGER NOT NULL DEFAULT 1,
    tally_mode      TEXT CHECK (tally_mode IN ('always', 'after_vote', 'after_close')),
    quorum          REAL,
    majority        REAL,
    round           INTEGER NOT NULL DEFAULT 0,
    opened_at       TEXT,
    deadline_at     TEXT,
    extended        INTEGER NOT NULL DEFAULT 0,
    closed_at       TEXT,
    result          TEXT CHECK (result IN ('approved', 'changes_requested', 'rejected',
                                           'no_quorum')),
    override_rules  TEXT,
    override_asked  TEXT,
    veto_by         TEXT,
    veto_reason     TEXT,
    veto_at         TEXT,
    approved_by     TEXT,
    approved_at     TEXT,
    published_url   TEXT,
    published_at    TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    consent         INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1)),
    secret          INTEGER NOT NULL DEFAULT 0 CHECK (secret IN (0, 1)),
    secret_tally    TEXT,
    -- The client's sign-off: until when the client may answer (its link expires then),
    -- and the revision the client approved (NULL: not approved, or not asked).
    client_due      TEXT,
    client_approved INTEGER
);
INSERT INTO drafts_v6 (id, platform, author, author_name, status, revision, tally_mode, quorum,
                       majority, round, opened_at, deadline_at, extended, closed_at, result,
                       override_rules, override_asked, veto_by, veto_reason, veto_at,
                       approved_by, approved_at, published_url, published_at, created_at,
                       updated_at, consent, secret, secret_tally)
SELECT id, platform, author, author_name, status, revision, tally_mode, quorum, majority, round,
       opened_at, deadline_at, extended, closed_at, result, override_rules, override_asked,
       veto_by, veto_reason, veto_at, approved_by, approved_at, published_url, published_at,
       created_at, updated_at, consent, secret, secret_tally
FROM drafts;
DROP TABLE drafts;
ALTER TABLE drafts_v6 RENAME TO drafts;
CREATE INDEX drafts_by_status ON drafts (status);
