-- The drafts cog, version 4: secret ballots.
--
-- A secret draft's ballots are counted but nobody sees who voted what; when its vote
-- closes, its tally is kept on the draft (`secret_tally`, JSON), who took part is
-- kept apart (`draft_participation`, for the quorum), and the ballots lose their
-- voters: nothing links a person to a choice any more.
ALTER TABLE drafts ADD COLUMN secret INTEGER NOT NULL DEFAULT 0 CHECK (secret IN (0, 1));
ALTER TABLE drafts ADD COLUMN secret_tally TEXT;
CREATE TABLE draft_participation (
    draft_id INTEGER NOT NULL REFERENCES drafts (id),
    round    INTEGER NOT NULL,
    voter    TEXT NOT NULL,
    name     TEXT NOT NULL,
    PRIMARY KEY (draft_id, round, voter)
) WITHOUT ROWID;
