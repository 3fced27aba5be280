-- Schema version 1: the audit log, settings, and the scheduler's jobs.
--
-- Rules for every migration file (bot/store/migrations/NNNN_name.sql):
--   * Numbers run 1, 2, 3... without gaps; the runner applies each missing file
--     in one transaction and records its number in PRAGMA user_version.
--   * No BEGIN/COMMIT and no PRAGMA foreign_keys here: the runner owns the
--     transaction and turns foreign keys off during it (so a table can be
--     rebuilt), then refuses to commit if PRAGMA foreign_key_check finds anything.
--   * A released file is never edited: fix it with a new file.
--   * Instants are TEXT in UTC, 'YYYY-MM-DDTHH:MM:SS.ffffffZ' (see
--     bot.store.db.format_utc), so text order is time order; JSON is TEXT.

-- Who did what, when and why.  Append-only: the triggers below make UPDATE and
-- DELETE fail, so a mistake is corrected by a new line, never by rewriting one.
CREATE TABLE audit_log (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,
    actor   TEXT NOT NULL,
    action  TEXT NOT NULL,
    subject TEXT NOT NULL,
    reason  TEXT,
    data    TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_by_subject ON audit_log (subject, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- INSERT OR REPLACE deletes the old row without firing DELETE triggers (unless
-- recursive_triggers is on), so a replacing insert is refused up front.
CREATE TRIGGER audit_log_no_replace BEFORE INSERT ON audit_log
WHEN EXISTS (SELECT 1 FROM audit_log WHERE id = NEW.id)
BEGIN
    SELECT RAISE(ABORT, 'audit_log is append-only');
END;

-- Host settings changed at run time (values are JSON).
CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
) WITHOUT ROWID;

-- Scheduled jobs.  next_run is NULL once a one-off job has run or been skipped;
-- the row stays so that re-scheduling the same id at the same instant is a no-op.
CREATE TABLE jobs (
    id            TEXT PRIMARY KEY,
    handler       TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('daily', 'once')),
    run_at        TEXT,            -- once: the requested instant
    at_time       TEXT,            -- daily: local wall time, 'HH:MM:SS[.ffffff]'
    weekdays      TEXT,            -- daily: e.g. '0,1,2,3,4' (0 = Monday)
    tz            TEXT,            -- daily: IANA zone name
    grace_seconds REAL NOT NULL CHECK (grace_seconds >= 0),
    payload       TEXT NOT NULL DEFAULT '{}',
    next_run      TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    CHECK (
        (kind = 'once' AND run_at IS NOT NULL)
        OR (kind = 'daily' AND at_time IS NOT NULL AND weekdays IS NOT NULL AND tz IS NOT NULL)
    )
);
CREATE INDEX jobs_by_next_run ON jobs (next_run) WHERE next_run IS NOT NULL;

-- One row per (job, scheduled time), inserted BEFORE the handler runs: the
-- UNIQUE constraint is what guarantees a job never runs twice for the same
-- time.  No foreign key to jobs: the history outlives a cancelled job.
-- A row left at 'running' means the process stopped during the handler.
CREATE TABLE job_runs (
    id            INTEGER PRIMARY KEY,
    job_id        TEXT NOT NULL,
    handler       TEXT NOT NULL,
    scheduled_for TEXT NOT NULL,
    status        TEXT NOT NULL CHECK (status IN ('running', 'ok', 'failed', 'skipped')),
    claimed_at    TEXT NOT NULL,
    finished_at   TEXT,
    error         TEXT,
    UNIQUE (job_id, scheduled_for)
);
