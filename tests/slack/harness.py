"""Run the real bot (bot.run.build + serve) against the fake Slack, and talk to it the
way Slack does: signed HTTP requests, or envelopes over the Socket Mode websocket."""

from __future__ import annotations

import asyncio
import contextlib
import hashlib
import hmac
import io
import itertools
import json
import textwrap
import time
from collections.abc import Awaitable, Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

import aiohttp

from bot.clock import ManualClock
from bot.host import Bot
from bot.platforms.slack.adapter import SlackPlatform
from bot.run import RunOptions, Runtime, build, serve
from tests.slack.fake_slack import (
    ADMIN_TOKEN,
    APP_TOKEN,
    BOT_TOKEN,
    CLIENT_ID,
    CLIENT_SECRET,
    TEAM,
    FakeSlack,
)

PARIS = ZoneInfo("Europe/Paris")
#: Monday 23 November 2026, 10:00 in Paris: moderators on duty, a working day.
MONDAY_10 = datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)
SECRET = "test-signing-secret"

SOFIA, MALIK, CAMILLE, LEA, YANN = "USOFIA", "UMALIK", "UCAMILLE", "ULEA", "UYANN"
GENERAL, MODERATION, DRAFTS, ROUTINE = "CGENERAL", "CMODERATION", "CDRAFTS", "CROUTINE"

CONFIG = f"""\
language: fr
timezone: Europe/Paris
default_charter: base
roles:
  members: [{SOFIA}, {MALIK}, {CAMILLE}, {LEA}, {YANN}]
  moderators: ["@moderateurs"]
  director: [{CAMILLE}]
channels:
  moderated:
    general: coop-fr
  review_queue: moderation
  drafts: drafts
  routine: routine
moderation:
  quiet_hours: null
"""


def workspace(fake: FakeSlack) -> FakeSlack:
    """The co-op's workspace: five members, a moderators group, four channels."""
    for user_id, name in ((SOFIA, "Sofia"), (MALIK, "Malik"), (CAMILLE, "Camille"),
                          (LEA, "Léa"), (YANN, "Yann")):
        fake.add_user(user_id, name)
    fake.add_user("UGARANT", "garant", is_bot=True)
    fake.add_group("S0MODS", "moderateurs", [MALIK])
    for channel_id, name in ((GENERAL, "general"), (MODERATION, "moderation"),
                             (DRAFTS, "drafts"), (ROUTINE, "routine")):
        fake.add_channel(channel_id, name)
    return fake


def sign(body: str, secret: str = SECRET, timestamp: int | None = None) -> dict[str, str]:
    """Slack's request signature: v0=HMAC-SHA256(secret, "v0:{ts}:{body}")."""
    stamp = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256)
    return {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": "v0=" + digest.hexdigest()}


class SlackBot:
    """The real Garant on Slack, started by `garant run`'s own code."""

    def __init__(self, fake: FakeSlack, tmp_path: Path, *, socket_mode: bool = False,
                 admin_token: bool = False, config: str = CONFIG, clock: ManualClock | None = None,
                 env: dict[str, str] | None = None,
                 on_ready: Callable[[Bot], Awaitable[None] | None] | None = None,
                 web: str | None = None, oauth: bool = False) -> None:
        self.fake = fake
        #: The workspace the requests come from.
        self.team = TEAM
        self.tmp_path = tmp_path
        self.socket_mode = socket_mode
        self.clock = clock or ManualClock(MONDAY_10)
        self.config_path = tmp_path / "garant.yaml"
        self.config_path.write_text(textwrap.dedent(config), encoding="utf-8")
        self.database = tmp_path / "garant.db"
        token = {"SLACK_CLIENT_ID": CLIENT_ID, "SLACK_CLIENT_SECRET": CLIENT_SECRET} if oauth \
            else {"SLACK_BOT_TOKEN": BOT_TOKEN}
        self.env = {**token, "GARANT_SLACK_API_BASE": fake.api_base,
                    "GARANT_SLACK_HOST": "127.0.0.1", "GARANT_SLACK_DM_INTERVAL": "0",
                    **({"SLACK_APP_TOKEN": APP_TOKEN} if socket_mode
                       else {"SLACK_SIGNING_SECRET": SECRET}),
                    **({"SLACK_ADMIN_USER_TOKEN": ADMIN_TOKEN} if admin_token else {}),
                    **(env or {})}
        self.on_ready = on_ready
        #: HOST:PORT where the web pages are served beside Slack (None: not served).
        self.web = web
        self.runtime: Runtime | None = None
        self.task: asyncio.Task[None] | None = None
        self.port: int | None = None
        self.output = io.StringIO()
        self._ids = itertools.count(1)
        self._session: aiohttp.ClientSession | None = None

    @property
    def bot(self) -> Bot:
        assert self.runtime is not None
        return self.runtime.bot

    @property
    def platform(self) -> SlackPlatform:
        platform = self.bot.platforms["slack"]
        assert isinstance(platform, SlackPlatform)
        return platform

    async def start(self) -> SlackBot:
        ready = asyncio.Event()

        async def on_ready(bot: Bot) -> None:
            if self.on_ready is not None:
                result = self.on_ready(bot)
                if asyncio.iscoroutine(result):
                    await result
            ready.set()

        options = RunOptions(config=self.config_path, database=self.database, clock=self.clock,
                             port=0, on_ready=on_ready, platforms=("slack",),
                             extra={"web": self.web} if self.web else {})
        self.runtime = await build(options, io.StringIO(), self.output, self.env)
        self.task = asyncio.create_task(serve(self.runtime, options))
        waiting = asyncio.ensure_future(ready.wait())
        done, _ = await asyncio.wait({waiting, self.task}, timeout=10,
                                     return_when=asyncio.FIRST_COMPLETED)
        if self.task in done:
            waiting.cancel()
            self.task.result()  # serve failed: raise its error
        assert waiting in done, "the bot did not start"
        self.port = await self.platform.wait_listening()
        if self.socket_mode:
            await self.fake.wait_connected()
        self._session = aiohttp.ClientSession()
        return self

    async def stop(self) -> None:
        if self._session is not None:
            await self._session.close()
        if self.task is not None:
            self.task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self.task  # a start-up error was raised by start() already
        if self.runtime is not None:
            await self.runtime.store.close()

    async def __aenter__(self) -> SlackBot:
        return await self.start()

    async def __aexit__(self, *exc: object) -> None:
        await self.stop()

    # ------------------------------------------------------------ HTTP, as Slack sends it

    async def post(self, body: str, content_type: str,
                   headers: dict[str, str] | None = None) -> tuple[int, str]:
        assert self._session is not None and self.port is not None
        sent = {"Content-Type": content_type, **(sign(body) if headers is None else headers)}
        async with self._session.post(f"http://127.0.0.1:{self.port}/slack/events", data=body,
                                      headers=sent) as response:
            return response.status, await response.text()

    def next_id(self, prefix: str) -> str:
        return f"{prefix}{next(self._ids):04d}"

    def ts(self) -> str:
        """A message ts at the bot's clock (moderation reads the time from it)."""
        return f"{self.clock.now().timestamp():.0f}.{next(self._ids):06d}"

    def command_body(self, text: str, user: str = SOFIA, channel: str = GENERAL,
                     command: str = "/garant") -> str:
        return urlencode({
            "token": "legacy", "team_id": self.team, "team_domain": "coop-test",
            "channel_id": channel, "channel_name": channel.lower().removeprefix("c"),
            "user_id": user, "user_name": user.lower(), "command": command, "text": text,
            "api_app_id": "A0GARANT", "response_url": self.fake.response_url(),
            "trigger_id": self.next_id("trigger-")})

    def event_body(self, event: dict[str, Any], event_id: str | None = None) -> str:
        return json.dumps({
            "token": "legacy", "team_id": self.team, "api_app_id": "A0GARANT",
            "type": "event_callback", "event_id": event_id or self.next_id("Ev"),
            "event_time": int(time.time()),
            "authorizations": [{"team_id": self.team, "user_id": "UGARANT", "is_bot": True}],
            "event": event})

    async def send(self, kind: str, payload: dict[str, Any] | str) -> tuple[int, str]:
        """Deliver a request the way the bot's mode receives it; (status, body) in HTTP
        mode, (200, ack payload as JSON) in Socket Mode."""
        if self.socket_mode:
            data = payload if isinstance(payload, dict) else json.loads(payload)
            ack = await self.fake.push(kind, data)
            return 200, json.dumps(ack.get("payload") or {})
        if kind == "slash_commands":
            assert isinstance(payload, str)
            return await self.post(payload, "application/x-www-form-urlencoded")
        if kind == "events_api":
            body = payload if isinstance(payload, str) else json.dumps(payload)
            return await self.post(body, "application/json")
        body = urlencode({"payload": json.dumps(payload)})
        return await self.post(body, "application/x-www-form-urlencoded")

    async def command(self, text: str, user: str = SOFIA,
                      channel: str = GENERAL) -> tuple[int, str]:
        body = self.command_body(text, user, channel)
        if self.socket_mode:
            from urllib.parse import parse_qsl

            return await self.send("slash_commands", dict(parse_qsl(body)))
        return await self.send("slash_commands", body)

    async def event(self, event: dict[str, Any], event_id: str | None = None) -> tuple[int, str]:
        body = self.event_body(event, event_id)
        return await self.send("events_api", json.loads(body) if self.socket_mode else body)

    async def say(self, text: str, user: str = SOFIA, channel: str = GENERAL,
                  event_id: str | None = None, thread_ts: str | None = None) -> str:
        """A person posts in a channel (in the thread of `thread_ts`); the message's ts."""
        ts = self.ts()
        event = {"type": "message", "channel": channel, "user": user, "text": text, "ts": ts,
                 "channel_type": "channel", "event_ts": ts}
        if thread_ts:
            event["thread_ts"] = thread_ts
        self.fake.messages[(channel, ts)] = {"type": "message", "user": user, "text": text,
                                             "ts": ts}
        status, _ = await self.event(event, event_id)
        assert status == 200
        return ts

    async def click(self, action: str, user: str, channel: str, message_ts: str,
                    label: str = "") -> tuple[int, str]:
        """A button with the neutral action `action`, on the message `message_ts`."""
        return await self.send("interactive", {
            "type": "block_actions", "team": {"id": self.team}, "user": {"id": user},
            "api_app_id": "A0GARANT", "trigger_id": self.next_id("trigger-"),
            "container": {"type": "message", "message_ts": message_ts, "channel_id": channel,
                          "is_ephemeral": False},
            "channel": {"id": channel}, "message": {"ts": message_ts, "type": "message"},
            "response_url": self.fake.response_url(),
            "actions": [{"type": "button", "action_id": action[:255], "value": action,
                         "block_id": "b", "text": {"type": "plain_text", "text": label or action},
                         "action_ts": "1"}]})

    async def submit(self, view: dict[str, Any], values: dict[str, str],
                     user: str, trigger: str | None = None) -> tuple[int, str]:
        """Fill the modal `view` (as the bot opened it) with `values` and submit it
        (`trigger`: the same trigger id again, as when Slack delivers it twice)."""
        state: dict[str, Any] = {}
        for block in view["blocks"]:
            if block.get("type") != "input":
                continue
            name, element = block["block_id"], block["element"]
            value = values.get(name, "")
            if element["type"] == "static_select":
                option = next((o for o in element["options"] if o["value"] == value), None)
                state[name] = {"value": {"type": "static_select", "selected_option": option}}
            else:
                state[name] = {"value": {"type": "plain_text_input", "value": value or None}}
        submitted = {**view, "id": "V1", "state": {"values": state}}
        return await self.send("interactive", {
            "type": "view_submission", "team": {"id": self.team}, "user": {"id": user},
            "api_app_id": "A0GARANT", "trigger_id": trigger or self.next_id("trigger-"),
            "view": submitted})

    async def shortcut(self, callback_id: str, user: str, channel: str, message_ts: str,
                       author: str, text: str) -> tuple[int, str]:
        return await self.send("interactive", {
            "type": "message_action", "callback_id": callback_id, "team": {"id": self.team},
            "user": {"id": user}, "channel": {"id": channel, "name": channel.lower()},
            "trigger_id": self.next_id("trigger-"), "response_url": self.fake.response_url(),
            "message_ts": message_ts,
            "message": {"type": "message", "user": author, "text": text, "ts": message_ts}})

    async def rows(self, sql: str, params: tuple[Any, ...] = ()) -> list[dict[str, Any]]:
        return [dict(r) for r in await self.bot.store.fetchall(sql, params)]
