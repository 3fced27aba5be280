"""A fake Slack for end-to-end tests: the Web API and a Socket Mode websocket, on
127.0.0.1 with an ephemeral port, in the test's event loop.

It answers the methods Garant calls with the shapes Slack documents, keeps just
enough state to be believable (the messages the bot posted, so chat.update and
chat.delete can fail like Slack does), and records every call with its arguments
read from the query string AND the body (slack_sdk sends most arguments as a
query string on an empty POST, and blocks/views as JSON). Tests wait on recorded
calls with a timeout; nothing sleeps.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlencode

from aiohttp import WSMsgType, web

from bot.typography import plain

BOT_TOKEN = "xoxb-test-bot"
ADMIN_TOKEN = "xoxp-test-admin"
APP_TOKEN = "xapp-test-app"
BOT_USER = "UGARANT"
BOT_ID = "BGARANT"
TEAM = "T0COOP"
WORKSPACE_URL = "https://coop-test.slack.com/"
#: The Slack app's credentials for installations through OAuth.
CLIENT_ID = "1111.2222"
CLIENT_SECRET = "test-client-secret"

_JSON_KEYS = ("blocks", "view", "attachments", "files", "errors")


@dataclass(slots=True)
class Call:
    """One request the bot made: the Web API method, its arguments and its token."""

    method: str
    args: dict[str, Any]
    token: str | None
    status: int = 200
    response: dict[str, Any] = field(default_factory=dict)
    at: float = field(default_factory=time.monotonic)

    def __getitem__(self, key: str) -> Any:
        return self.args[key]

    def get(self, key: str, default: Any = None) -> Any:
        return self.args.get(key, default)

    def text(self) -> str:
        """Everything a person would read in this message: text and block texts."""
        parts = [str(self.args.get("text") or "")]
        for block in _blocks_of(self.args):
            parts.extend(_texts(block))
        return plain("\n".join(p for p in parts if p))  # French spaces read as plain ones

    def actions(self) -> list[str]:
        """The neutral action ids of the buttons in this message."""
        return [e.get("value") or e.get("action_id")
                for block in _blocks_of(self.args) if block.get("type") == "actions"
                for e in block.get("elements", [])]


def _blocks_of(args: dict[str, Any]) -> list[dict[str, Any]]:
    blocks = args.get("blocks") or []
    if not blocks and isinstance(args.get("view"), dict):
        blocks = args["view"].get("blocks", [])
    return blocks if isinstance(blocks, list) else []


def _texts(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["text"]] if isinstance(node.get("text"), str) else []
        for key, value in node.items():
            if key != "text" or not isinstance(value, str):
                found.extend(_texts(value))
        return found
    if isinstance(node, list):
        return [t for item in node for t in _texts(item)]
    return []


@dataclass(slots=True)
class _Failure:
    status: int
    body: dict[str, Any]
    headers: dict[str, str]
    times: int


class FakeSlack:
    """Start with `await FakeSlack().start()`; `api_base` goes in GARANT_SLACK_API_BASE."""

    def __init__(self) -> None:
        self.calls: list[Call] = []
        self.users: dict[str, dict[str, Any]] = {}
        self.channels: dict[str, dict[str, Any]] = {}
        self.usergroups: list[dict[str, Any]] = []
        self.messages: dict[tuple[str, str], dict[str, Any]] = {}  # (channel, ts) -> message
        self.tokens = {BOT_TOKEN, ADMIN_TOKEN, APP_TOKEN}
        #: The workspace each bot token acts in: one workspace, unless the app is
        #: installed on others (`approve_as`), each with a bot token of its own.
        self.teams: dict[str, dict[str, str]] = {BOT_TOKEN: {
            "team_id": TEAM, "team": "Coop", "url": WORKSPACE_URL}}
        #: Where the authorize page sends the admin back when the app does not say (the
        #: redirect URL of the app's settings).
        self.redirect_uri = ""
        self._approver: dict[str, str] | None = None
        self._held: dict[str, asyncio.Event] = {}
        self.holding: dict[str, int] = {}  # method -> calls waiting for their answer
        self._codes: dict[str, dict[str, str]] = {}
        self._failures: dict[str, list[_Failure]] = {}
        self._changed = asyncio.Condition()
        self._ts = itertools.count(1)
        self._envelopes = itertools.count(1)
        self._acks: dict[str, asyncio.Future[dict[str, Any]]] = {}
        self._sockets: list[web.WebSocketResponse] = []
        self._connected = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.url = ""

    # ------------------------------------------------------------ life cycle

    async def start(self) -> FakeSlack:
        app = web.Application()
        app.router.add_get("/socket", self._socket)
        app.router.add_post("/upload/{file}", self._upload)
        app.router.add_post("/response/{name}", self._response_url)
        app.router.add_get("/oauth/v2/authorize", self._authorize_page)
        app.router.add_route("*", "/api/{method}", self._api)  # users.info etc. are GETs
        self._runner = web.AppRunner(app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def stop(self) -> None:
        for ws in list(self._sockets):
            await ws.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return self.url + "/api/"

    def response_url(self, name: str = "r1") -> str:
        return f"{self.url}/response/{name}"

    # ------------------------------------------------------------ the workspace

    def add_user(self, user_id: str, name: str, *, is_bot: bool = False) -> None:
        self.users[user_id] = {"id": user_id, "team_id": TEAM, "name": name.lower(),
                               "real_name": name, "is_bot": is_bot, "deleted": False,
                               "tz": "Europe/Paris",
                               "profile": {"display_name": name, "real_name": name}}

    def add_channel(self, channel_id: str, name: str, *, private: bool = False) -> None:
        self.channels[channel_id] = {"id": channel_id, "name": name, "is_channel": not private,
                                     "is_private": private, "is_im": False, "is_member": True}

    def add_group(self, group_id: str, handle: str, members: list[str]) -> None:
        self.usergroups.append({"id": group_id, "handle": handle, "name": handle.title(),
                                "users": list(members)})

    def hold(self, method: str) -> asyncio.Event:
        """Calls of `method` wait for their answer until the returned event is set."""
        self._held[method] = asyncio.Event()
        return self._held[method]

    def fail_next(self, method: str, status: int = 429, *, error: str = "ratelimited",
                  headers: dict[str, str] | None = None, times: int = 1) -> None:
        """The next `times` calls of `method` get this answer instead of the normal one."""
        self._failures.setdefault(method, []).append(
            _Failure(status, {"ok": False, "error": error}, headers or {}, times))

    # ------------------------------------------------------------ assertions

    def called(self, method: str, **where: Any) -> list[Call]:
        """Successful calls of `method` whose arguments include `where`."""
        return [c for c in self.calls if c.method == method and c.status == 200
                and all(c.args.get(k) == v for k, v in where.items())]

    async def wait_for(self, method: str, count: int = 1, timeout: float = 5.0,
                       **where: Any) -> list[Call]:
        """Wait until `method` was called `count` times (matching `where`)."""
        async def reached() -> list[Call]:
            async with self._changed:
                await self._changed.wait_for(lambda: len(self.called(method, **where)) >= count)
            return self.called(method, **where)

        try:
            return await asyncio.wait_for(reached(), timeout)
        except TimeoutError:
            seen = [f"{c.method} {c.status} {_short(c.args)}" for c in self.calls]
            raise AssertionError(f"{method} {where} not called {count} time(s); calls:\n  "
                                 + "\n  ".join(seen)) from None

    def methods(self) -> list[str]:
        return [c.method for c in self.calls]

    # ------------------------------------------------------------ Web API

    async def _record(self, call: Call) -> None:
        async with self._changed:
            self.calls.append(call)
            self._changed.notify_all()

    async def _api(self, request: web.Request) -> web.Response:
        method = request.match_info["method"]
        args: dict[str, Any] = dict(request.query)
        if request.content_type == "application/json":
            body = await request.json()
            args.update(body if isinstance(body, dict) else {})
        elif request.can_read_body:
            args.update(dict(await request.post()))
        for key in _JSON_KEYS:
            if isinstance(args.get(key), str) and args[key][:1] in "[{":
                args[key] = json.loads(args[key])
        auth = request.headers.get("Authorization", "")
        token = auth.removeprefix("Bearer ").strip() or args.get("token")
        if method == "oauth.v2.access":  # the app's credentials, not a token
            result = self._oauth_access(args, auth)
            await self._record(Call(method, args, None, 200, result))
            return web.json_response(result)
        if (gate := self._held.get(method)) is not None:
            self.holding[method] = self.holding.get(method, 0) + 1
            await gate.wait()
        failures = self._failures.get(method)
        if failures:
            failure = failures[0]
            failure.times -= 1
            if failure.times <= 0:
                failures.pop(0)
            await self._record(Call(method, args, token, failure.status))
            return web.json_response(failure.body, status=failure.status,
                                     headers=failure.headers)
        if token not in self.tokens:
            await self._record(Call(method, args, token, 200))
            return web.json_response({"ok": False, "error": "invalid_auth"})
        answer = getattr(self, "_" + method.replace(".", "_"), None)
        result = answer(args, token) if answer else {}
        result = {"ok": True, **result}
        await self._record(Call(method, args, token, 200, result))
        return web.json_response(result)

    def _auth_test(self, args: dict[str, Any], token: str) -> dict[str, Any]:
        team = self.teams.get(token, self.teams[BOT_TOKEN])
        return {"url": team["url"], "team": team["team"], "user": "garant",
                "team_id": team["team_id"], "user_id": BOT_USER, "bot_id": BOT_ID}

    # ------------------------------------------------------------ OAuth installation

    def approve_as(self, team_id: str, name: str, *, admin: str = "UADMIN") -> None:
        """Whoever opens the authorize page next is that workspace's admin and approves."""
        self._approver = {"team_id": team_id, "team": name, "admin": admin}

    def token_of(self, team_id: str) -> str:
        """The app's bot token in `team_id`."""
        return next(t for t, team in self.teams.items()
                    if t in self.tokens and team["team_id"] == team_id)

    async def _authorize_page(self, request: web.Request) -> web.Response:
        """Slack's page where an admin approves the app: approved at once (`approve_as`),
        or refused (access_denied), and sent back with the state."""
        query = dict(request.query)
        await self._record(Call("oauth.authorize", query, None))
        if query.get("client_id") != CLIENT_ID:
            return web.Response(status=400, text="invalid client_id")
        target = query.get("redirect_uri") or self.redirect_uri
        if self._approver is None:
            answer = {"error": "access_denied"}
        else:
            code = f"code-{len(self._codes) + 1}"
            self._codes[code] = {**self._approver, "scope": query.get("scope", "")}
            answer = {"code": code}
        location = f"{target}?{urlencode({**answer, 'state': query.get('state', '')})}"
        raise web.HTTPFound(location)

    def _oauth_access(self, args: dict[str, Any], auth: str) -> dict[str, Any]:
        if auth.startswith("Basic "):
            client_id, _, secret = base64.b64decode(auth[6:]).decode().partition(":")
        else:
            client_id, secret = args.get("client_id", ""), args.get("client_secret", "")
        if (client_id, secret) != (CLIENT_ID, CLIENT_SECRET):
            return {"ok": False, "error": "invalid_client_id"}
        grant = self._codes.pop(args.get("code", ""), None)  # a code serves once
        if grant is None:
            return {"ok": False, "error": "invalid_code"}
        # Installed again on a workspace, the app keeps its bot token there (as Slack does
        # without token rotation).
        token = next((t for t, team in self.teams.items() if t in self.tokens
                      and team["team_id"] == grant["team_id"]),
                     f"xoxb-{grant['team_id'].lower()}-{len(self.teams)}")
        self.teams[token] = {"team_id": grant["team_id"], "team": grant["team"],
                             "url": f"https://{grant['team'].lower()}.slack.com/"}
        self.tokens.add(token)
        return {"ok": True, "access_token": token, "token_type": "bot",
                "scope": grant["scope"], "bot_user_id": BOT_USER, "app_id": "A0GARANT",
                "team": {"id": grant["team_id"], "name": grant["team"]}, "enterprise": None,
                "is_enterprise_install": False, "authed_user": {"id": grant["admin"]}}

    def _apps_connections_open(self, args: dict[str, Any], token: str) -> dict[str, Any]:
        if token != APP_TOKEN:
            return {"ok": False, "error": "invalid_auth"}
        return {"url": self.url.replace("http://", "ws://") + "/socket"}

    def _conversations_list(self, args: dict[str, Any], token: str) -> dict[str, Any]:
        return {"channels": list(self.channels.values()),
                "response_metadata": {"next_cursor": ""}}

    def _conversations_info(self, args: dict[str, Any], token: str) -> dict[str, Any]:
        channel = self.channels.get(args.get("channel", ""))
        if channel is None:
            return {"ok": False, "error": "channel_not_found"}
        return {"channel": channel}

    def _conversations_open(self, args: dict[str, Any], token: str) -> dict[str, Any]:
        return {"channel": {"id": "D" + str(args.get("users", "")).lstrip("U")}}

    def _conversations_history(self, args: dict[str, Any], token: str) -> dict[str, Any]:
        message = self.messages.get((args.get("channel", ""), args.get("latest", "")))
        return {"messages": [message] if message else [], "has_more": False}

    def _chat_postMessage(self, args: dict[str, Any], token: str) -> dict[str, Any]:
        ts = f"1800000000.{next(self._ts):06d}"
        message = {"ts": ts, "user": BOT_USER, "bot_id": BOT_ID, "text": args.get("text", ""),
                   "blocks": args.get("blocks", [])}
        self.messages[(args["channel"], ts)] = message
        return {"channel": args["channel"], "ts": ts, "message": message}

    def _chat_update(self, args: dict[str, Any], token: str) -> dict[str, Any]:
        key = (args.get("channel", ""), args.get("ts", ""))
        if key not in self.messages:
            return {"ok": False, "error": "message_not_found"}
        self.messages[key].update(text=args.get("text", ""), blocks=args.get("blocks", []))
        return {"channel": key[0], "ts": key[1]}

    def _chat_delete(self, args: dict[str, Any], token: str) -> dict[str, Any]:
        key = (args.get("channel", ""), args.get("ts", ""))
        message = self.messages.get(key)
        if message is None:
            return {"ok": False, "error": "message_not_found"}
        if token == BOT_TOKEN and message.get("user") != BOT_USER:
            return {"ok": False, "error": "cant_delete_message"}
        del self.messages[key]
        return {"channel": key[0], "ts": key[1]}

    def _chat_postEphemeral(self, args: dict[str, Any], token: str) -> dict[str, Any]:
        return {"message_ts": f"1800000001.{next(self._ts):06d}"}

    def _views_open(self, args: dict[str, Any], token: str) -> dict[str, Any]:
        return {"view": {"id": "V1", **(args.get("view") or {})}}

    _views_publish = _views_open
    _views_update = _views_open

    def _users_info(self, args: dict[str, Any], token: str) -> dict[str, Any]:
        user = self.users.get(args.get("user", ""))
        return {"user": user} if user else {"ok": False, "error": "user_not_found"}

    def _usergroups_list(self, args: dict[str, Any], token: str) -> dict[str, Any]:
        return {"usergroups": [{k: v for k, v in g.items() if k != "users"}
                               for g in self.usergroups]}

    def _usergroups_users_list(self, args: dict[str, Any], token: str) -> dict[str, Any]:
        for group in self.usergroups:
            if group["id"] == args.get("usergroup"):
                return {"users": group["users"]}
        return {"ok": False, "error": "no_such_subteam"}

    def _files_getUploadURLExternal(self, args: dict[str, Any], token: str) -> dict[str, Any]:
        return {"upload_url": f"{self.url}/upload/F1", "file_id": "F1"}

    def _files_completeUploadExternal(self, args: dict[str, Any],
                                      token: str) -> dict[str, Any]:
        return {"files": [{"id": f["id"], "title": f.get("title")}
                          for f in args.get("files") or []]}

    async def _upload(self, request: web.Request) -> web.Response:
        data = await request.read()
        await self._record(Call("upload", {"file": request.match_info["file"], "bytes": data},
                                None))
        return web.Response(text="OK")

    async def _response_url(self, request: web.Request) -> web.Response:
        body = await request.json()
        for key in _JSON_KEYS:
            if isinstance(body.get(key), str) and body[key][:1] in "[{":
                body[key] = json.loads(body[key])
        await self._record(Call("response_url", body, None))
        return web.Response(text="ok")

    # ------------------------------------------------------------ Socket Mode

    async def _socket(self, request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(autoping=True)
        await ws.prepare(request)
        self._sockets.append(ws)
        await ws.send_str(json.dumps({"type": "hello", "num_connections": 1}))
        self._connected.set()
        async for message in ws:
            if message.type != WSMsgType.TEXT:
                continue
            data = json.loads(message.data)
            future = self._acks.get(data.get("envelope_id", ""))
            if future is not None and not future.done():
                future.set_result(data)
        self._sockets.remove(ws)
        return ws

    async def wait_connected(self, timeout: float = 5.0) -> None:
        await asyncio.wait_for(self._connected.wait(), timeout)

    async def push(self, kind: str, payload: dict[str, Any], *, retry_attempt: int = 0,
                   retry_reason: str = "", timeout: float = 5.0) -> dict[str, Any]:
        """Send one envelope (events_api, interactive, slash_commands) and return the
        acknowledgement the app sent back."""
        envelope_id = f"env-{next(self._envelopes)}"
        future: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._acks[envelope_id] = future
        envelope = {"envelope_id": envelope_id, "type": kind, "payload": payload,
                    "accepts_response_payload": kind != "events_api"}
        if kind == "events_api":
            envelope.update(retry_attempt=retry_attempt, retry_reason=retry_reason)
        await self._sockets[-1].send_str(json.dumps(envelope))
        return await asyncio.wait_for(future, timeout)


def _short(args: dict[str, Any]) -> str:
    text = json.dumps({k: v for k, v in args.items() if k not in ("blocks", "view")},
                      ensure_ascii=False, default=str)
    return text if len(text) < 200 else text[:200] + "…"
