-- The moderation cog, version 2: moderators' notes about a member (`/note USER
-- text`), shown in the member's case file (`/case USER`), never to the member.
CREATE TABLE moderation_notes (
    id          INTEGER PRIMARY KEY,
    user_key    TEXT NOT NULL,
    user_name   TEXT NOT NULL,
    author      TEXT NOT NULL,
    author_name TEXT NOT NULL,
    text        TEXT NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX moderation_notes_by_user ON moderation_notes (user_key, id);
CREATE INDEX review_items_by_author ON review_items (author_key, id);
CREATE INDEX review_flags_by_reporter ON review_flags (reporter_key) WHERE source = 'member';
