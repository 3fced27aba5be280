-- The Slack platform, version 2: an app installed through OAuth (oauth.py).

-- When one Slack app serves several workspaces, each workspace's admin installs it
-- (/slack/install) and Slack gives a bot token for that workspace. It is kept here,
-- in the team's own database, so every instance behind a load balancer serves the
-- workspace, and a tenant's token never sits beside another's. One team, one
-- workspace: installing again on the same workspace replaces the row; another
-- workspace is refused while this one is installed. Backups hold the token: keep
-- them as private as the .env file.
CREATE TABLE slack_installation (
    team_id      TEXT PRIMARY KEY,         -- 'T0123ABCD'
    team_name    TEXT NOT NULL DEFAULT '',
    enterprise_id TEXT NOT NULL DEFAULT '', -- Enterprise Grid's organisation, if any
    bot_token    TEXT NOT NULL,            -- 'xoxb-...'
    bot_user_id  TEXT NOT NULL DEFAULT '',
    bot_id       TEXT NOT NULL DEFAULT '',
    scopes       TEXT NOT NULL DEFAULT '', -- as granted, comma-separated
    installed_by TEXT NOT NULL DEFAULT '', -- the admin's user id
    installed_at TEXT NOT NULL             -- UTC
);

-- The OAuth "state" of an installation under way: made when the install page is
-- shown, taken (deleted) when Slack sends the admin back, refused after ten
-- minutes. In the database, not in memory, since the redirect may reach another
-- instance than the page.
CREATE TABLE slack_oauth_states (
    state      TEXT PRIMARY KEY,
    created_at TEXT NOT NULL               -- UTC
) WITHOUT ROWID;
