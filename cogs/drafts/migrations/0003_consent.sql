-- The drafts cog, version 3: the consent rule (`votes.mode: consent`), snapshotted
-- on the draft when its vote first opens, as the quorum and majority are.
ALTER TABLE drafts ADD COLUMN consent INTEGER NOT NULL DEFAULT 0 CHECK (consent IN (0, 1));
