-- The moderation cog, version 4: a flagged message edited and flagged again keeps its
-- earlier texts (JSON list, oldest first, the last five) beside the current one, so
-- moderators see what was written before the edit.
ALTER TABLE review_items ADD COLUMN earlier_texts TEXT NOT NULL DEFAULT '[]';
