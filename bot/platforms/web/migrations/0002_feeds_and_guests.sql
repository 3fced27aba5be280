-- The web platform, version 2: private calendar feeds and the key of guests' links.
--
-- A feed's address is a read-only capability a person pastes into their calendar: it
-- is kept as is (the page shows it again) and replaced on demand, which revokes it.
CREATE TABLE web_feeds (
    user_key   TEXT NOT NULL,
    user_name  TEXT NOT NULL,
    feed       TEXT NOT NULL,          -- the feed's name ("plan": the publication calendar)
    token      TEXT NOT NULL UNIQUE,
    created_at TEXT NOT NULL,
    PRIMARY KEY (user_key, feed)
) WITHOUT ROWID;

-- Guests (a client signing off a post) open signed links: nothing is stored per link,
-- the signature and the expiry inside it are the proof. The key is made once.
CREATE TABLE web_keys (
    name       TEXT PRIMARY KEY,
    key        TEXT NOT NULL,          -- hex
    created_at TEXT NOT NULL
) WITHOUT ROWID;
