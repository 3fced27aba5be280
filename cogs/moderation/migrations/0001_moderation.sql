-- The moderation cog, version 1 (schema version 3 of Garant 0.1): review items,
-- their flags and history, warnings, and daily counters for the reports.

-- One review item per message (Discourse's rule): a new flag or report on the
-- same message adds to the item, and re-opens it if it was resolved.
CREATE TABLE review_items (
    id            INTEGER PRIMARY KEY,
    platform      TEXT NOT NULL,
    channel_id    TEXT NOT NULL,
    channel_name  TEXT NOT NULL,
    message_id    TEXT NOT NULL,
    author_key    TEXT NOT NULL,        -- platform:id
    author_name   TEXT NOT NULL,
    text          TEXT NOT NULL,        -- the message as it was when last flagged
    link          TEXT,
    posted_at     TEXT NOT NULL,
    status        TEXT NOT NULL DEFAULT 'open'
                  CHECK (status IN ('open', 'escalated', 'kept', 'removed', 'warned')),
    -- visible: in the channel; hidden: removed by Garant until reviewed (quiet
    -- hours, reports, block); deleted: removed for good; delete_requested: the
    -- platform refused to delete it and the author was asked to.
    message_state TEXT NOT NULL DEFAULT 'visible'
                  CHECK (message_state IN ('visible', 'hidden', 'deleted', 'delete_requested')),
    claimed_by    TEXT,                 -- user keys (platform:id), and the names to show
    claimed_by_name TEXT,
    resolved_by   TEXT,
    resolved_by_name TEXT,
    resolved_at   TEXT,
    reason        TEXT,
    version       INTEGER NOT NULL DEFAULT 1,   -- bumped by every change: first action wins
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    first_action_at TEXT,               -- first moderator action, for the reports
    UNIQUE (platform, channel_id, message_id)
);
CREATE INDEX review_items_open ON review_items (created_at) WHERE status IN ('open', 'escalated');

-- What put the item in the queue: charter findings and member reports.
CREATE TABLE review_flags (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES review_items (id),
    source      TEXT NOT NULL CHECK (source IN ('charter', 'member')),
    rule        TEXT,                   -- charter: the rule id
    action      TEXT,                   -- charter: the rule's action
    message     TEXT NOT NULL DEFAULT '',
    matched     TEXT NOT NULL DEFAULT '',
    reporter_key TEXT,                  -- member: who reported (never shown to the author)
    reporter_name TEXT,
    reason      TEXT,                   -- member: spam, off_topic, inappropriate, personal_data, other
    note        TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX review_flags_by_item ON review_flags (item_id);
CREATE UNIQUE INDEX review_flags_one_report ON review_flags (item_id, reporter_key)
    WHERE source = 'member';

-- The item's own history (the audit log keeps the same facts for the whole bot).
CREATE TABLE review_events (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES review_items (id),
    at          TEXT NOT NULL,
    actor       TEXT NOT NULL,
    actor_name  TEXT NOT NULL DEFAULT '',
    action      TEXT NOT NULL,
    from_status TEXT,
    to_status   TEXT,
    reason      TEXT
);
CREATE INDEX review_events_by_item ON review_events (item_id, id);

CREATE TABLE warnings (
    id          INTEGER PRIMARY KEY,
    platform    TEXT NOT NULL,
    user_key    TEXT NOT NULL,
    user_name   TEXT NOT NULL,
    moderator   TEXT NOT NULL,          -- user key
    moderator_name TEXT NOT NULL,
    reason      TEXT NOT NULL,
    item_id     INTEGER REFERENCES review_items (id),
    created_at  TEXT NOT NULL,
    expires_at  TEXT NOT NULL
);
CREATE INDEX warnings_by_user ON warnings (user_key, expires_at);

-- Daily counters: messages checked, findings per rule ('rule:<id>').
CREATE TABLE moderation_daily (
    day   TEXT NOT NULL,                -- YYYY-MM-DD, UTC
    key   TEXT NOT NULL,
    count INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (day, key)
) WITHOUT ROWID;
