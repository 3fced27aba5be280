-- The drafts cog, version 6, as PostgreSQL runs it: the client's sign-off (see
-- 0006_client_sign_off.sql). PostgreSQL changes a CHECK constraint in place, where
-- SQLite rebuilds the table; the constraint's name is PostgreSQL's default one.
ALTER TABLE drafts DROP CONSTRAINT drafts_status_check;
ALTER TABLE drafts ADD CONSTRAINT drafts_status_check CHECK (status IN (
    'blocked', 'voting', 'no_quorum', 'changes_requested', 'awaiting_final', 'vetoed',
    'awaiting_client', 'approved', 'scheduled', 'published', 'rejected', 'withdrawn',
    'expired'));
-- The client's sign-off: until when the client may answer (its link expires then), and
-- the revision the client approved (NULL: not approved, or not asked).
ALTER TABLE drafts ADD COLUMN client_due TEXT COLLATE "C";
ALTER TABLE drafts ADD COLUMN client_approved BIGINT;
