"""Slack: Garant in a Slack workspace (slack-bolt, imported only when it runs).

The package: `adapter.py` (the Platform), `transport.py` (HTTP, Socket Mode,
dedupe, Web API calls), `listeners.py` (bolt's listeners), `directory.py` (users,
channels, groups), `render.py` (pure Block Kit), `wire.py` (Slack's JSON as the
neutral model), `migrations/` (the event ids already handled). This module only
declares the platform: its secrets, its garant.yaml section and `--port`.
"""

from __future__ import annotations

import argparse
import re
from dataclasses import dataclass
from typing import ClassVar

from bot.phrases import add_french
from bot.platforms.base import PlatformSpec, Secret
from bot.platforms.slack.phrases_fr import FRENCH
from bot.settings import Section

add_french(FRENCH)


@dataclass(frozen=True, slots=True)
class SlackConfig:
    """garant.yaml's `slack` section.

    port: the HTTP port for Slack's Events API when there is no app token (with an
        app token, Socket Mode is used and no port is opened).
    public_url: the address Slack's users reach Garant at (behind a proxy), for the
        OAuth installation's redirect: `{public_url}/slack/oauth_redirect`; when unset,
        Slack uses the redirect URL of the app's settings."""

    SECTION: ClassVar[str] = "slack"
    port: int = 3000
    public_url: str | None = None

    @classmethod
    def read(cls, section: Section) -> SlackConfig:
        return cls(port=section.integer("port", 3000, minimum=1, maximum=65535),
                   public_url=section.url("public_url"))


def _run_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--port", type=int, metavar="PORT",
                        help="Slack HTTP mode: the port of POST /slack/events (default: the "
                             "config's slack.port, 3000)")


_SLACK_TOKEN = r"-[A-Za-z0-9-]{8,}$"

PLATFORM = PlatformSpec(
    name="slack",
    title="Slack",
    factory="bot.platforms.slack.adapter:create",
    # User (U…, W…) and user-group (S…) ids, as Slack writes them: upper case.
    identifiers=re.compile(r"[UWS][A-Z0-9]{6,}"),
    # In the order a secret-looking key in garant.yaml is matched against their words.
    secrets=(
        Secret("SLACK_SIGNING_SECRET", "the signing secret, to verify HTTP requests",
               key_words=("signing",)),
        Secret("SLACK_APP_TOKEN", "an app-level token for Socket Mode (xapp-...)",
               looks_like=r"^xapp" + _SLACK_TOKEN, key_words=("app",)),
        Secret("SLACK_ADMIN_USER_TOKEN", "an admin's user token (xoxp-...), to delete "
               "members' messages", looks_like=r"^xoxp" + _SLACK_TOKEN,
               key_words=("admin", "user")),
        Secret("SLACK_BOT_TOKEN", "the bot token (xoxb-...)",
               looks_like=r"^xox[abeors]" + _SLACK_TOKEN, key_words=("bot",)),
        Secret("SLACK_CLIENT_SECRET", "an app installed on workspaces through OAuth: its "
               "client secret", key_words=("client",)),
        Secret("SLACK_CLIENT_ID", "an app installed on workspaces through OAuth: its "
               "client id"),
    ),
    required=("SLACK_BOT_TOKEN",),
    # One app installed by each workspace's admin (/slack/install): the bot tokens Slack
    # gives at installation are kept in the database (oauth.py).
    alternatively=("SLACK_CLIENT_ID", "SLACK_CLIENT_SECRET", "SLACK_SIGNING_SECRET"),
    settings=SlackConfig,
    add_run_options=_run_options,
    order=20,
)

__all__ = ["PLATFORM", "SlackConfig"]
