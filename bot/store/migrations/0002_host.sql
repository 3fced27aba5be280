-- Schema version 2: what the host remembers about the messages it posted.

-- Every posted copy of a keyed card (a review item, a draft...), so that the
-- card can be edited in place on every platform after a restart.
CREATE TABLE posted_cards (
    card_key   TEXT NOT NULL,
    platform   TEXT NOT NULL,
    channel_id TEXT NOT NULL,
    message_id TEXT NOT NULL,
    posted_at  TEXT NOT NULL,
    PRIMARY KEY (card_key, platform, channel_id, message_id)
) WITHOUT ROWID;
