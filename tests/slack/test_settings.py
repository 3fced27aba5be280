"""How `create` reads the secrets and the environment (no server needed)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.clock import ManualClock
from bot.config import Config
from bot.credentials import Secrets
from bot.host import Bot
from bot.platforms.base import PlatformStartError, StartRequest
from bot.platforms.slack import SlackConfig
from bot.platforms.slack.adapter import SlackUser
from bot.platforms.slack.adapter import create as create_platform
from bot.run import RunOptions
from bot.store import Store


def create(bot: Bot, secrets: dict[str, str], env: dict[str, str], options: RunOptions):
    """The Slack platform as `garant run` builds it (its section at the defaults)."""
    return create_platform(StartRequest(bot, Secrets(secrets), env, SlackConfig(), options))


@pytest.fixture
async def bot():
    clock = ManualClock(datetime(2026, 11, 23, tzinfo=UTC))
    async with Store.open(":memory:", clock) as store:
        yield Bot(Config.default(), store, clock)


async def test_socket_mode_with_an_app_token_else_http_on_the_port(bot):
    socket = create(bot, {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"}, {},
                    RunOptions())
    assert socket.settings.mode == "socket"
    assert socket.settings.api_base == "https://slack.com/api/"
    assert socket.settings.port == 3000  # slack.port's default
    http = create(bot, {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "s"},
                  {"GARANT_SLACK_API_BASE": "http://127.0.0.1:9/api/"}, RunOptions(port=8080))
    assert (http.settings.mode, http.settings.port) == ("http", 8080)
    assert http.settings.api_base == "http://127.0.0.1:9/api/"
    assert http.client.base_url == "http://127.0.0.1:9/api/"


async def test_secrets_never_show_in_the_settings_repr(bot):
    platform = create(bot, {"SLACK_BOT_TOKEN": "xoxb-very-secret",
                             "SLACK_SIGNING_SECRET": "sh",
                             "SLACK_ADMIN_USER_TOKEN": "xoxp-admin-secret"}, {},
                      RunOptions())
    shown = repr(platform.settings)
    assert "very-secret" not in shown and "admin-secret" not in shown and "sh'" not in shown
    assert platform.admin_client is not None


async def test_clear_errors_for_settings_that_cannot_work(bot):
    with pytest.raises(PlatformStartError, match="HTTP mode needs SLACK_SIGNING_SECRET"):
        create(bot, {"SLACK_BOT_TOKEN": "xoxb-1"}, {}, RunOptions())
    with pytest.raises(PlatformStartError, match="GARANT_SLACK_DM_INTERVAL must be a number"):
        create(bot, {"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1"},
               {"GARANT_SLACK_DM_INTERVAL": "soon"}, RunOptions())


def test_a_slack_user_holds_roles_by_id_and_groups_never_by_name():
    user = SlackUser("slack", "U1", "camille", frozenset({"moderateurs", "S1"}))
    assert user.identifiers() == {"U1", "moderateurs", "S1"}
    assert user.key == "slack:U1"
