-- The moderation cog, version 3: appeals. The author of a removed message or of a
-- warned one contests the decision once (`/appeal ITEM reason`); another moderator
-- than the one who decided (or the director) upholds or overturns it, with a reason.
CREATE TABLE appeals (
    id              INTEGER PRIMARY KEY,
    item_id         INTEGER NOT NULL UNIQUE REFERENCES review_items (id),  -- once an item
    author          TEXT NOT NULL,
    author_name     TEXT NOT NULL,
    reason          TEXT NOT NULL,
    decision        TEXT NOT NULL,               -- the item's status when contested
    excluded        TEXT,                        -- who decided it: not them
    status          TEXT NOT NULL DEFAULT 'open'
                    CHECK (status IN ('open', 'upheld', 'overturned')),
    decided_by      TEXT,
    decided_by_name TEXT,
    decided_at      TEXT,
    outcome_reason  TEXT,
    created_at      TEXT NOT NULL
);
