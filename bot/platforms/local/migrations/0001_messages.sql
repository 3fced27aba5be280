-- The local console's messages (schema version 2 of Garant 0.1, moved here when
-- each platform got its own migrations).

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
