"""Slack's OAuth installation: one Slack app, installed by each workspace's admin.

A co-op alone pastes the bot token Slack shows on its app's page (SLACK_BOT_TOKEN).
An agency serving many workspaces with one app cannot: each workspace gets its own
bot token when its admin installs the app (OAuth v2). With SLACK_CLIENT_ID,
SLACK_CLIENT_SECRET and SLACK_SIGNING_SECRET instead of a bot token, Garant serves:

* GET /slack/install (`?tenant=NAME` when it serves several teams): a page with an
  "Add to Slack" link. The link carries a fresh *state*, kept in the database and
  in a cookie of the admin's browser.
* GET /slack/oauth_redirect: Slack sends the admin back with a code and the state.
  The state must be the browser's, unused and less than ten minutes old (it is
  deleted as it is taken: a replayed redirect finds nothing); the code is then
  exchanged for the workspace's bot token (`oauth.v2.access`).

The installation (workspace, bot token, bot user) is stored in the team's own
database, not in a file: several instances behind a load balancer may show the
page, take the redirect and receive the events, and a tenant's token never sits
beside another's. One team serves one workspace: installing again on it replaces
the token; another workspace is refused until the app is uninstalled (Slack's
`app_uninstalled` event forgets the installation).

Why not bolt's own OAuth flow: it keeps the installations of every workspace in
one store and authorises each request by team; Garant keeps each team's token in
the team's own store, and routes a request to its team before bolt sees it
(`endpoint.py`). The pieces that are Slack's (the authorize URL, the exchange) are
slack_sdk's.
"""

from __future__ import annotations

import logging
import secrets
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from slack_sdk.errors import SlackApiError
from slack_sdk.oauth import AuthorizeUrlGenerator

from bot.store import format_utc

if TYPE_CHECKING:
    from slack_sdk.web.async_client import AsyncWebClient

    from bot.clock import Clock
    from bot.store import Store, Transaction

log = logging.getLogger("garant.slack")

#: The bot scopes asked at installation: docs/slack-manifest.yaml's (a test keeps them
#: equal). The admin's user token (deleting members' messages) is not asked for: an
#: installed app's moderation asks the author instead.
BOT_SCOPES = ("commands", "chat:write", "chat:write.public", "channels:history",
              "groups:history", "channels:read", "groups:read", "im:write", "users:read",
              "usergroups:read", "files:write")
STATE_TTL = timedelta(minutes=10)
STATE_COOKIE = "garant-slack-oauth-state"
INSTALL_PATH = "/slack/install"
REDIRECT_PATH = "/slack/oauth_redirect"


@dataclass(frozen=True, slots=True)
class OAuthApp:
    """The Slack app's credentials for installations (secrets kept out of the repr)."""

    client_id: str
    client_secret: str = field(repr=False)
    #: Where Slack sends the admin back, when the app's settings list several (else None:
    #: the one they list).
    redirect_uri: str | None = None

    def authorize_url(self, api_base: str, state: str) -> str:
        """Slack's page where the admin approves the installation (beside the API's base:
        https://slack.com/api/ → https://slack.com/oauth/v2/authorize)."""
        site = api_base.rstrip("/").removesuffix("/api")
        generator = AuthorizeUrlGenerator(client_id=self.client_id, scopes=list(BOT_SCOPES),
                                          redirect_uri=self.redirect_uri,
                                          authorization_url=f"{site}/oauth/v2/authorize")
        return generator.generate(state)


@dataclass(frozen=True, slots=True)
class Installation:
    """The app installed on one workspace: what Slack's `oauth.v2.access` answered."""

    team_id: str
    team_name: str
    bot_token: str = field(repr=False)
    bot_user_id: str = ""
    bot_id: str = ""
    enterprise_id: str = ""
    scopes: str = ""
    installed_by: str = ""
    installed_at: str = ""


class InstallRefused(Exception):
    """Slack refused to exchange the code; its error code ("invalid_code")."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


async def exchange(client: AsyncWebClient, app: OAuthApp, code: str) -> Installation:
    """The installation Slack grants for `code` (InstallRefused when it does not)."""
    try:
        answer = await client.oauth_v2_access(client_id=app.client_id,
                                              client_secret=app.client_secret, code=code,
                                              redirect_uri=app.redirect_uri)
    except SlackApiError as exc:
        response = getattr(exc, "response", None)
        raise InstallRefused(str(response.get("error") if response is not None else exc)
                             ) from None
    data: dict[str, Any] = dict(answer.data) if isinstance(answer.data, dict) else {}
    team = data.get("team") or {}
    if data.get("is_enterprise_install") or not team.get("id"):
        raise InstallRefused("enterprise_install")
    token = str(data.get("access_token") or "")
    if data.get("token_type", "bot") != "bot" or not token.startswith("xoxb-"):
        raise InstallRefused("no_bot_token")
    return Installation(
        team_id=str(team["id"]), team_name=str(team.get("name") or ""), bot_token=token,
        bot_user_id=str(data.get("bot_user_id") or ""),
        enterprise_id=str((data.get("enterprise") or {}).get("id") or ""),
        scopes=str(data.get("scope") or ""),
        installed_by=str((data.get("authed_user") or {}).get("id") or ""))


# ------------------------------------------------------------ the database

_COLUMNS = ("team_id", "team_name", "bot_token", "bot_user_id", "bot_id", "enterprise_id",
            "scopes", "installed_by", "installed_at")


async def load(store: Store) -> Installation | None:
    row = await store.fetchone(f"SELECT {', '.join(_COLUMNS)} FROM slack_installation")
    return Installation(**{name: row[name] for name in _COLUMNS}) if row else None


async def record(tx: Transaction, installation: Installation) -> None:
    """The team's one installation, replacing any other."""
    await tx.execute("DELETE FROM slack_installation")
    await tx.execute(
        f"INSERT INTO slack_installation ({', '.join(_COLUMNS)}) "
        f"VALUES ({', '.join('?' for _ in _COLUMNS)})",
        tuple(getattr(installation, name) for name in _COLUMNS))


async def forget(store: Store, team_id: str) -> bool:
    """Forget the installation on `team_id` (uninstalled); whether there was one."""
    async with store.transaction() as tx:
        result = await tx.execute("DELETE FROM slack_installation WHERE team_id = ?",
                                  (team_id,))
    return result.rowcount > 0


async def new_state(store: Store, clock: Clock, prefix: str = "") -> str:
    """A fresh state for an installation starting now (`prefix.` names the team whose
    store holds it, when one endpoint serves several). Expired states are pruned."""
    token = secrets.token_urlsafe(24)
    now = clock.now()
    async with store.transaction() as tx:
        await tx.execute("DELETE FROM slack_oauth_states WHERE created_at < ?",
                         (format_utc(now - STATE_TTL),))
        await tx.execute("INSERT INTO slack_oauth_states (state, created_at) VALUES (?, ?)",
                         (token, format_utc(now)))
    return f"{prefix}.{token}" if prefix else token


def split_state(state: str) -> tuple[str, str]:
    """(the team's name, the token) of a state ("" for a Garant serving one team)."""
    name, _, token = state.rpartition(".")
    return name, token


async def take_state(tx: Transaction, token: str, clock: Clock) -> bool:
    """Whether `token` was a state made here less than STATE_TTL ago; taken either way."""
    row = await tx.fetchone("SELECT created_at FROM slack_oauth_states WHERE state = ?",
                            (token,))
    await tx.execute("DELETE FROM slack_oauth_states WHERE state = ?", (token,))
    return row is not None and row["created_at"] >= format_utc(clock.now() - STATE_TTL)


__all__ = ["BOT_SCOPES", "INSTALL_PATH", "REDIRECT_PATH", "STATE_COOKIE", "InstallRefused",
           "Installation", "OAuthApp", "exchange", "forget", "load", "new_state", "record",
           "split_state", "take_state"]
