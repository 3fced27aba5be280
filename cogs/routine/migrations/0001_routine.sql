-- The routine cog, version 1 (schema version 5 of Garant 0.1, without the reports
-- cog's table): the daily routine ("20 actions").

-- One row per routine, local day and kind of post ('prompt' in the morning,
-- 'review' at the end of the day), inserted BEFORE posting.  The scheduler's
-- run-once claim stops a job from running twice for one occurrence, and this
-- primary key stops a second post for the same day whatever the job: a schedule
-- changed during the day, a re-created job, two bots sharing the database.
-- 'skipped' rows record a post that was missed by more than the grace period.
CREATE TABLE routine_posts (
    routine       TEXT NOT NULL,             -- the routine file's name
    day           TEXT NOT NULL,             -- local date 'YYYY-MM-DD' (configured zone)
    kind          TEXT NOT NULL CHECK (kind IN ('prompt', 'review')),
    status        TEXT NOT NULL CHECK (status IN ('posted', 'skipped')),
    scheduled_for TEXT NOT NULL,             -- the occurrence, UTC
    claimed_at    TEXT NOT NULL,
    copies        INTEGER NOT NULL DEFAULT 0,  -- platforms that got the post
    sections      TEXT NOT NULL DEFAULT '[]',  -- prompt: the routine as shown, JSON
    reason        TEXT,
    PRIMARY KEY (routine, day, kind)
) WITHOUT ROWID;

-- What each member did: one row per routine, day, member and action.  Unticking
-- deletes the row (the audit log keeps the history).  section_id is copied so
-- that statistics by section do not need the routine file.
CREATE TABLE routine_ticks (
    routine    TEXT NOT NULL,
    day        TEXT NOT NULL,
    user_key   TEXT NOT NULL,                -- 'platform:id'
    action_id  TEXT NOT NULL,
    section_id TEXT NOT NULL,
    note       TEXT,
    ticked_at  TEXT NOT NULL,
    PRIMARY KEY (routine, day, user_key, action_id)
) WITHOUT ROWID;
CREATE INDEX routine_ticks_by_user ON routine_ticks (user_key, day);

-- Members known to the routine: their display name and whether they want the
-- prompt by direct message (opt-in).
CREATE TABLE routine_members (
    user_key   TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    dm         INTEGER NOT NULL DEFAULT 0 CHECK (dm IN (0, 1)),
    updated_at TEXT NOT NULL
) WITHOUT ROWID;

-- Days a member is off: they neither count nor break a streak.
CREATE TABLE routine_days_off (
    user_key   TEXT NOT NULL,
    day        TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_key, day)
) WITHOUT ROWID;
