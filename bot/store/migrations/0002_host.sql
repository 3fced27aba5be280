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

-- The local console is a platform of its own: its messages live here, as a
-- chat server would keep them, so ids, cards and buttons survive a restart.
CREATE TABLE local_messages (
    id         INTEGER PRIMARY KEY,
    channel    TEXT NOT NULL,          -- channel name, or '@name' for a direct message
    author     TEXT NOT NULL,          -- user name, or '' for the bot
    text       TEXT NOT NULL DEFAULT '',
    card       TEXT,                   -- JSON of a Card when the message is a card
    visible_to TEXT,                   -- a user name for an only-for-you message
    at         TEXT NOT NULL,
    edited_at  TEXT,
    deleted_at TEXT
);
CREATE INDEX local_messages_cards ON local_messages (id) WHERE card IS NOT NULL;
