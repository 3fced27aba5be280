-- The reports cog (schema version 5 of Garant 0.1 held it with the routine's
-- tables; moved here when each cog got its own migrations).

-- The weekly report, claimed like the routine's posts: once per reported week.
-- 'empty' means a week with nothing to report (no routine, no moderation, no draft).
CREATE TABLE report_posts (
    kind          TEXT NOT NULL CHECK (kind IN ('weekly')),
    period        TEXT NOT NULL,             -- the Monday starting the reported week
    status        TEXT NOT NULL CHECK (status IN ('posted', 'skipped', 'empty')),
    scheduled_for TEXT NOT NULL,
    claimed_at    TEXT NOT NULL,
    reason        TEXT,
    PRIMARY KEY (kind, period)
) WITHOUT ROWID;
