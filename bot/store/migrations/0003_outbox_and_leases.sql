-- Core, version 3: the outbox of platform effects, and leases on job runs.

-- Every effect on a platform (a post, a card, an edit, a direct message, a
-- deletion, a timeout, a file) is a row here, written in the same transaction
-- as the state change that causes it, and delivered by the dispatcher
-- (bot/effects.py) with retries and back-off. Nothing waits in memory.
--   dedupe_key:   an effect with a key already in the table is not added again
--                 (a retried job, a repeated click: one reminder, one notice);
--   coalesce_key: while an effect with this key is pending, a new one is not
--                 added (a burst of changes to one card: one edit, rendered from
--                 the stored state when it is delivered).
CREATE TABLE outbox (
    id           INTEGER PRIMARY KEY,
    kind         TEXT NOT NULL,            -- send, card, refresh, dm, delete, timeout, file
    platform     TEXT NOT NULL,
    target       TEXT NOT NULL,            -- JSON: a channel, a person, a message
    content      TEXT,                     -- JSON: the text or card; NULL when rendered at delivery
    card_key     TEXT,                     -- the card a 'card' or 'refresh' effect shows
    dedupe_key   TEXT UNIQUE,
    coalesce_key TEXT,
    then_name    TEXT,                     -- who hears the result (a registered handler)
    then_data    TEXT NOT NULL DEFAULT '{}',
    status       TEXT NOT NULL DEFAULT 'pending'
                 CHECK (status IN ('pending', 'sending', 'done', 'refused', 'dead')),
    attempts     INTEGER NOT NULL DEFAULT 0,
    due_at       TEXT NOT NULL,
    lease_until  TEXT,                     -- 'sending': another dispatcher may not take it before
    lease_owner  TEXT,                     -- the Store instance that took it (host:pid:id)
    error        TEXT,
    result       TEXT,                     -- JSON: what the platform answered (message ids)
    created_at   TEXT NOT NULL,
    finished_at  TEXT
);
CREATE UNIQUE INDEX outbox_coalesce ON outbox (coalesce_key)
    WHERE coalesce_key IS NOT NULL AND status = 'pending';
CREATE INDEX outbox_due ON outbox (due_at) WHERE status IN ('pending', 'sending');
CREATE INDEX outbox_message ON outbox (kind, platform, target) WHERE kind = 'delete';

-- Job runs get leases and retries: a run is 'running' until its lease expires
-- (then another round takes it over: the process died inside the handler), a
-- failed run is retried at retry_at with back-off, and 'dead' after too many.
CREATE TABLE job_runs_new (
    id            INTEGER PRIMARY KEY,
    job_id        TEXT NOT NULL,
    handler       TEXT NOT NULL,
    scheduled_for TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'skipped', 'dead')),
    claimed_at    TEXT NOT NULL,
    finished_at   TEXT,
    error         TEXT,
    attempts      INTEGER NOT NULL DEFAULT 1,
    lease_until   TEXT,
    lease_owner   TEXT,                 -- the Store instance that claimed it (host:pid:id)
    retry_at      TEXT,
    UNIQUE (job_id, scheduled_for)
);
INSERT INTO job_runs_new (id, job_id, handler, scheduled_for, status, claimed_at, finished_at,
                          error)
    SELECT id, job_id, handler, scheduled_for, status, claimed_at, finished_at, error
    FROM job_runs;
DROP TABLE job_runs;
ALTER TABLE job_runs_new RENAME TO job_runs;
CREATE INDEX job_runs_to_retry ON job_runs (retry_at) WHERE status = 'failed';
CREATE INDEX job_runs_leased ON job_runs (lease_until) WHERE status = 'running';
