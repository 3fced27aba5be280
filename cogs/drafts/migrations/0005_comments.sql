-- The drafts cog, version 5: the discussion of a draft. Replies in the thread of its
-- card (a Slack thread, the Discord thread Garant opens under the card, the
-- console's `:reply`) are kept here, in the draft's history.
CREATE TABLE draft_comments (
    id          INTEGER PRIMARY KEY,
    draft_id    INTEGER NOT NULL REFERENCES drafts (id),
    platform    TEXT NOT NULL,
    message_id  TEXT NOT NULL,
    author      TEXT NOT NULL,
    author_name TEXT NOT NULL,
    text        TEXT NOT NULL,
    at          TEXT NOT NULL,
    UNIQUE (platform, message_id)
);
CREATE INDEX draft_comments_by_draft ON draft_comments (draft_id, id);
CREATE INDEX posted_cards_by_message ON posted_cards (platform, message_id);
