-- The web platform: one-time login links and the sessions they open. Only hashes of
-- the tokens are stored: a copy of the database opens no session.
CREATE TABLE web_links (
    token_hash TEXT PRIMARY KEY,
    user_key   TEXT NOT NULL,          -- platform:id of the person on their chat platform
    user_name  TEXT NOT NULL,
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    used_at    TEXT                    -- a link works once
);

CREATE TABLE web_sessions (
    token_hash TEXT PRIMARY KEY,
    user_key   TEXT NOT NULL,
    user_name  TEXT NOT NULL,
    csrf       TEXT NOT NULL,          -- every form of the session carries it
    created_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX web_sessions_by_user ON web_sessions (user_key);
