-- The Slack platform, version 1 (schema version 6 of Garant 0.1): what the adapter
-- remembers between two deliveries of the same event.

-- Slack delivers an event again when it thinks the first delivery failed (no
-- answer within 3 seconds, an error status), and Socket Mode marks even first
-- deliveries as attempt 0, so the only safe test for "already handled" is the
-- event id.  The adapter inserts the id BEFORE handling the event: a second
-- delivery finds it and is acknowledged without being handled (at most once;
-- a crash half-way loses that one event rather than flagging a message twice).
-- Slack stops retrying after about five minutes; the adapter deletes rows
-- older than a day.
CREATE TABLE slack_events (
    event_id    TEXT PRIMARY KEY,         -- the envelope's event_id, e.g. 'Ev0123ABCD'
    event_type  TEXT NOT NULL DEFAULT '', -- 'message', 'app_home_opened'... (for debugging)
    received_at TEXT NOT NULL             -- first delivery, UTC
) WITHOUT ROWID;
CREATE INDEX slack_events_by_time ON slack_events (received_at);
