-- The routine cog, version 4: a member's own time zone (IANA name), for the
-- reminder: it comes at `reminder_time` on their clock. NULL: the team's zone.
ALTER TABLE routine_members ADD COLUMN tz TEXT;
