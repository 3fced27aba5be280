-- The routine cog, version 2: the afternoon reminder.
--
-- routine_posts learns a third kind of post, 'reminder' (one per routine and day,
-- claimed like the prompt and the review): SQLite cannot change a CHECK, so the
-- table is rebuilt with its rows.  routine_members learns whether a member wants
-- the reminder (they do unless they said no: opt-out).
CREATE TABLE routine_posts_v2 (
    routine       TEXT NOT NULL,
    day           TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('prompt', 'review', 'reminder')),
    status        TEXT NOT NULL CHECK (status IN ('posted', 'skipped')),
    scheduled_for TEXT NOT NULL,
    claimed_at    TEXT NOT NULL,
    copies        INTEGER NOT NULL DEFAULT 0,
    sections      TEXT NOT NULL DEFAULT '[]',
    reason        TEXT,
    PRIMARY KEY (routine, day, kind)
) WITHOUT ROWID;
INSERT INTO routine_posts_v2 SELECT routine, day, kind, status, scheduled_for, claimed_at,
    copies, sections, reason FROM routine_posts;
DROP TABLE routine_posts;
ALTER TABLE routine_posts_v2 RENAME TO routine_posts;

ALTER TABLE routine_members ADD COLUMN reminders INTEGER NOT NULL DEFAULT 1
    CHECK (reminders IN (0, 1));
