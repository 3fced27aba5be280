"""docs/slack-manifest.yaml grants what the adapter uses, and declares what it serves."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import yaml

from bot.clock import ManualClock
from bot.config import Config
from bot.host import Bot
from bot.store import Store

MANIFEST = Path(__file__).resolve().parents[2] / "docs" / "slack-manifest.yaml"


def manifest() -> dict:
    return yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))


async def test_every_message_action_is_a_message_shortcut():
    clock = ManualClock(datetime(2026, 11, 23, tzinfo=UTC))
    async with Store.open(":memory:", clock) as store:
        bot = Bot(Config.default(), store, clock)
        bot.load_cogs()
        shortcuts = manifest()["features"]["shortcuts"]
        assert {s["callback_id"] for s in shortcuts if s["type"] == "message"} == \
            set(bot.registry.message_actions)
    assert all(len(s["name"]) <= 24 for s in shortcuts)  # Slack's limit for a shortcut name


def test_the_command_events_and_scopes_match_the_adapter():
    data = manifest()
    (command,) = data["features"]["slash_commands"]
    assert command["command"] == "/garant" and command["should_escape"] is True
    assert data["features"]["app_home"]["home_tab_enabled"] is True
    events = set(data["settings"]["event_subscriptions"]["bot_events"])
    assert {"message.channels", "message.groups", "app_home_opened", "channel_rename",
            "subteam_members_changed"} <= events
    scopes = set(data["oauth_config"]["scopes"]["bot"])
    # What each Web API method the adapter calls needs (docs.slack.dev/reference/methods).
    needed = {"chat.postMessage": "chat:write", "chat.postEphemeral": "chat:write",
              "chat.update": "chat:write", "conversations.list": "channels:read",
              "conversations.info": "channels:read", "conversations.open": "im:write",
              "conversations.history": "channels:history", "users.info": "users:read",
              "usergroups.list": "usergroups:read", "usergroups.users.list": "usergroups:read",
              "files.getUploadURLExternal": "files:write", "commands": "commands"}
    assert set(needed.values()) <= scopes
    assert data["oauth_config"]["scopes"]["user"] == ["chat:write"]  # the admin token
    assert data["settings"]["interactivity"]["is_enabled"] is True
    assert data["settings"]["socket_mode_enabled"] is True
