-- The drafts cog, version 2: proxies (procurations).
--
-- A member gives their vote to another member until a date: while it runs, when the
-- holder votes on a draft, the same ballot is cast for the giver, unless the giver
-- voted themselves (their own ballot always wins).  One proxy given and one held
-- per member at a time, and no chains (checked by cogs/drafts/proxies.py, the
-- first also by the index).  A proxy ends at `until`, or when cancelled or replaced
-- (`ended_at`).
CREATE TABLE vote_proxies (
    id          INTEGER PRIMARY KEY,
    giver       TEXT NOT NULL,
    giver_name  TEXT NOT NULL,
    holder      TEXT NOT NULL,
    holder_name TEXT NOT NULL,
    until       TEXT NOT NULL,                 -- UTC: the end of its last day
    created_at  TEXT NOT NULL,
    ended_at    TEXT,
    CHECK (giver != holder)
);
CREATE UNIQUE INDEX vote_proxies_given ON vote_proxies (giver) WHERE ended_at IS NULL;
CREATE INDEX vote_proxies_held ON vote_proxies (holder) WHERE ended_at IS NULL;

-- A ballot cast by a proxy holder for `voter`: who cast it (NULL: the voter).
ALTER TABLE draft_ballots ADD COLUMN by_proxy TEXT;
ALTER TABLE draft_ballots ADD COLUMN by_proxy_name TEXT;
