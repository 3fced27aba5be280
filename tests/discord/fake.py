"""A fake Discord on 127.0.0.1: the REST API and the gateway websocket, just enough of
them for the real discord.py client to log in, connect, receive events and act.

The tests drive it from the outside: they dispatch gateway events (messages,
edits, interactions) and wait for the REST calls the bot makes, which are all
recorded. Faults (a 429, a 403) are injected per route. The server keeps the
messages the bot posts, so a button click can carry the message it was on, as
Discord does, and a test can read a card after the bot edited it.

Gateway frames are JSON, compressed as one zlib stream per connection when the
client asks for `compress=zlib-stream` (discord.py does, as Discord's gateway
does): the client under test decompresses what it would in production.
Shards: a client identifying as shard I of N gets the server (and its events) only
when the server is on that shard, by Discord's rule (guild id >> 22) % N.
Known shortcuts: one server, no rate-limit headers unless a fault adds them, and
only the routes Garant uses.
"""

from __future__ import annotations

import asyncio
import itertools
import json
import re
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

TOKEN_ID = "900000000000000001"  # the bot user, and its application
GUILD_ID = "800000000000000001"


@dataclass(slots=True)
class Recorded:
    """One REST call the bot made."""

    method: str
    path: str  # without the /api/v10 prefix
    query: dict[str, str]
    body: Any  # parsed JSON, the payload_json of a multipart body, or None
    files: list[tuple[str, bytes]] = field(default_factory=list)
    headers: dict[str, str] = field(default_factory=dict)


@dataclass(slots=True)
class Fault:
    method: str
    path: re.Pattern[str]
    status: int
    body: Any
    headers: dict[str, str]
    times: int


def _json(data: Any, status: int = 200, headers: dict[str, str] | None = None) -> web.Response:
    # Exactly "application/json": with a charset discord.py reads the body as text.
    return web.Response(body=json.dumps(data).encode(), status=status,
                        headers={"Content-Type": "application/json", **(headers or {})})


class FakeDiscord:
    """The fake server. `await start()`, point the bot at `api_base`, `await close()`."""

    def __init__(self) -> None:
        self._ids = itertools.count(1_000_000_000_000_000_000)
        self.app_id = TOKEN_ID
        self.bot_user = {"id": TOKEN_ID, "username": "garant", "discriminator": "0",
                         "global_name": "Garant", "avatar": None, "bot": True, "flags": 0}
        self.guild_id = GUILD_ID
        self.roles: dict[str, dict[str, Any]] = {}
        self.channels: dict[str, dict[str, Any]] = {}
        self.members: dict[str, dict[str, Any]] = {}
        self.dm_channels: dict[str, dict[str, Any]] = {}  # user id -> channel
        self.messages: dict[str, dict[str, Any]] = {}  # message id -> payload
        self.commands: list[dict[str, Any]] = []
        self.automod: dict[str, dict[str, Any]] = {}
        self.requests: list[Recorded] = []
        self.faults: list[Fault] = []
        self.identified: list[dict[str, Any]] = []
        self._interaction_channels: dict[str, str] = {}  # interaction token -> channel id
        self.refuse_intents = False  # close the gateway with 4014, as Discord does
        self._sockets: list[web.WebSocketResponse] = []
        self._elsewhere: set[int] = set()  # sockets of shards the server is not on
        #: Each compressed connection's zlib stream (one per connection, as Discord).
        self._streams: dict[int, Any] = {}
        self._seq = 0
        self._changed = asyncio.Condition()
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._routes: list[tuple[str, re.Pattern[str], Callable[..., Any]]] = []
        self._add_routes()
        self.add_role(GUILD_ID, "@everyone")

    # ------------------------------------------------------------ the server's world

    def snowflake(self) -> str:
        return str(next(self._ids))

    def add_role(self, role_id: str | None, name: str) -> str:
        role_id = role_id or self.snowflake()
        self.roles[role_id] = {"id": role_id, "name": name, "color": 0, "hoist": False,
                               "position": len(self.roles), "permissions": "0",
                               "managed": False, "mentionable": False, "flags": 0}
        return role_id

    def add_channel(self, name: str, kind: int = 0) -> str:
        channel_id = self.snowflake()
        self.channels[channel_id] = {"id": channel_id, "type": kind, "guild_id": self.guild_id,
                                     "name": name, "position": len(self.channels),
                                     "permission_overwrites": [], "parent_id": None,
                                     "nsfw": False, "topic": None, "last_message_id": None,
                                     "rate_limit_per_user": 0, "flags": 0}
        return channel_id

    def add_member(self, name: str, roles: tuple[str, ...] = (), bot: bool = False) -> str:
        user_id = self.snowflake()
        role_ids = [r for r in self.roles if self.roles[r]["name"] in roles]
        self.members[user_id] = {
            # The fields Discord sends, so frames weigh what they do in production.
            "user": {"id": user_id, "username": name, "discriminator": "0",
                     "global_name": name.title(), "avatar": None, "bot": bot, "flags": 0,
                     "public_flags": 0, "banner": None, "accent_color": None,
                     "banner_color": None, "avatar_decoration_data": None,
                     "collectibles": None, "display_name_styles": None, "clan": None,
                     "primary_guild": None},
            "roles": role_ids, "joined_at": "2025-01-01T00:00:00+00:00", "deaf": False,
            "mute": False, "flags": 0, "nick": None, "avatar": None, "banner": None,
            "premium_since": None, "pending": False, "communication_disabled_until": None}
        return user_id

    def user_id(self, name: str) -> str:
        return next(i for i, m in self.members.items() if m["user"]["username"] == name)

    def channel_id(self, name: str) -> str:
        return next(i for i, c in self.channels.items() if c["name"] == name)

    def guild_payload(self) -> dict[str, Any]:
        members = [self.members[m] for m in self.members]
        bot_member = {"user": self.bot_user, "roles": [], "joined_at": "2025-01-01T00:00:00+00:00",
                      "deaf": False, "mute": False, "flags": 0}
        return {"id": self.guild_id, "name": "Coopérative", "icon": None, "splash": None,
                "discovery_splash": None, "owner_id": self.user_id_or_bot(),
                "afk_channel_id": None, "afk_timeout": 300, "verification_level": 0,
                "default_message_notifications": 0, "explicit_content_filter": 0,
                "roles": list(self.roles.values()), "emojis": [], "stickers": [],
                "features": [], "mfa_level": 0, "system_channel_id": None,
                "system_channel_flags": 0, "rules_channel_id": None, "vanity_url_code": None,
                "description": None, "banner": None, "premium_tier": 0,
                "preferred_locale": "fr", "public_updates_channel_id": None,
                "nsfw_level": 0, "premium_progress_bar_enabled": False,
                "joined_at": "2025-01-01T00:00:00+00:00", "large": False,
                "unavailable": False, "member_count": len(members) + 1,
                "members": [*members, bot_member], "channels": list(self.channels.values()),
                "threads": [], "presences": [], "voice_states": [], "stage_instances": [],
                "guild_scheduled_events": [], "soundboard_sounds": []}

    def user_id_or_bot(self) -> str:
        return next(iter(self.members), TOKEN_ID)

    # ------------------------------------------------------------ life cycle

    async def start(self) -> None:
        app = web.Application()
        app.router.add_get("/gateway-ws", self._gateway)
        app.router.add_route("*", "/api/v10/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]

    async def close(self) -> None:
        for socket in list(self._sockets):
            await socket.close()
        if self._runner is not None:
            await self._runner.cleanup()

    @property
    def api_base(self) -> str:
        return f"http://127.0.0.1:{self.port}/api/v10"

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway-ws"

    # ------------------------------------------------------------ the gateway

    async def _gateway(self, request: web.Request) -> web.WebSocketResponse:
        socket = web.WebSocketResponse()
        await socket.prepare(request)
        self._sockets.append(socket)
        if request.query.get("compress") == "zlib-stream":
            self._streams[id(socket)] = zlib.compressobj()
        await self._frame(socket, {"op": 10, "d": {"heartbeat_interval": 45000},
                                   "s": None, "t": None})
        try:
            async for frame in socket:
                if frame.type != WSMsgType.TEXT:
                    continue
                await self._gateway_op(socket, json.loads(frame.data))
        finally:
            self._sockets.remove(socket)
            self._streams.pop(id(socket), None)
            self._elsewhere.discard(id(socket))
        return socket

    async def _gateway_op(self, socket: web.WebSocketResponse, data: dict[str, Any]) -> None:
        op = data.get("op")
        if op == 1:
            await self._frame(socket, {"op": 11, "d": None, "s": None, "t": None})
        elif op == 2:
            self.identified.append(data["d"])
            if self.refuse_intents:
                await socket.close(code=4014, message=b"Disallowed intent(s).")
                return
            shard, count = data["d"].get("shard") or (0, 1)
            if (int(self.guild_id) >> 22) % count != shard:  # the server is another shard's
                self._elsewhere.add(id(socket))
                await self._send(socket, "READY", {
                    "v": 10, "user": self.bot_user, "guilds": [],
                    "session_id": f"session-{len(self.identified)}",
                    "resume_gateway_url": self.gateway_url, "private_channels": [],
                    "relationships": [], "application": {"id": self.app_id, "flags": 0}})
                return
            await self._send(socket, "READY", {
                "v": 10, "user": self.bot_user, "guilds": [{"id": self.guild_id,
                                                            "unavailable": True}],
                "session_id": f"session-{len(self.identified)}",
                "resume_gateway_url": self.gateway_url, "private_channels": [],
                "relationships": [], "application": {"id": self.app_id, "flags": 0}})
            await self._send(socket, "GUILD_CREATE", self.guild_payload())
        elif op == 6:  # resume: not kept, start again
            await self._frame(socket, {"op": 9, "d": False, "s": None, "t": None})
        elif op == 8:
            await self._send(socket, "GUILD_MEMBERS_CHUNK", {
                "guild_id": self.guild_id, "members": list(self.members.values()),
                "chunk_index": 0, "chunk_count": 1, "nonce": data["d"].get("nonce")})

    async def _send(self, socket: web.WebSocketResponse, event: str, data: Any) -> None:
        self._seq += 1
        await self._frame(socket, {"op": 0, "t": event, "s": self._seq, "d": data})

    async def _frame(self, socket: web.WebSocketResponse, payload: dict[str, Any]) -> None:
        text = json.dumps(payload)
        stream = self._streams.get(id(socket))
        if stream is None:
            await socket.send_str(text)
        else:  # a chunk of the connection's zlib stream, ended by a sync flush
            chunk = stream.compress(text.encode()) + stream.flush(zlib.Z_SYNC_FLUSH)
            await socket.send_bytes(chunk)

    async def dispatch(self, event: str, data: Any) -> None:
        """Send a gateway event to every connected client of the server's shard."""
        for socket in list(self._sockets):
            if id(socket) not in self._elsewhere:
                await self._send(socket, event, data)

    # ------------------------------------------------------------ what tests send

    def member_payload(self, user_id: str, with_user: bool = True) -> dict[str, Any]:
        member = dict(self.members[user_id])
        if not with_user:
            member.pop("user")
        return member

    def message_payload(self, channel_id: str, author: dict[str, Any], content: str = "",
                        **extra: Any) -> dict[str, Any]:
        message_id = extra.pop("id", None) or self.snowflake()
        payload = {"id": message_id, "channel_id": channel_id, "author": author,
                   "content": content, "timestamp": "2026-11-23T09:00:00+00:00",
                   "edited_timestamp": None, "tts": False, "mention_everyone": False,
                   "mentions": [], "mention_roles": [], "attachments": [], "embeds": [],
                   "pinned": False, "type": 0, "flags": 0, "components": [],
                   "channel_type": 0}
        if channel_id in self.channels:
            payload["guild_id"] = self.guild_id
        payload.update(extra)
        return payload

    async def user_says(self, name: str, channel: str, content: str) -> dict[str, Any]:
        """A member posts a message (MESSAGE_CREATE)."""
        user_id = self.user_id(name)
        channel_id = self.channel_id(channel)
        payload = self.message_payload(channel_id, self.members[user_id]["user"], content,
                                       member=self.member_payload(user_id, with_user=False))
        self.messages[payload["id"]] = payload
        await self.dispatch("MESSAGE_CREATE", payload)
        return payload

    async def user_edits(self, message: dict[str, Any], content: str) -> dict[str, Any]:
        payload = {**message, "content": content,
                   "edited_timestamp": "2026-11-23T09:05:00+00:00"}
        self.messages[payload["id"]] = payload
        await self.dispatch("MESSAGE_UPDATE", payload)
        return payload

    def interaction(self, kind: int, name: str, channel_id: str, data: dict[str, Any],
                    message: dict[str, Any] | None = None) -> dict[str, Any]:
        interaction_id = self.snowflake()
        user_id = self.user_id(name)
        payload: dict[str, Any] = {
            "id": interaction_id, "application_id": self.app_id, "type": kind,
            "token": f"itoken-{interaction_id}", "version": 1, "data": data,
            "channel_id": channel_id, "locale": "fr", "app_permissions": "0",
            "entitlements": [], "authorizing_integration_owners": {"0": self.guild_id},
            "attachment_size_limit": 10_485_760}
        if channel_id in self.channels:
            payload.update(guild_id=self.guild_id, channel=self.channels[channel_id],
                           guild_locale="fr", context=0,
                           member={**self.member_payload(user_id), "permissions": "0"})
        else:
            payload.update(user=self.members[user_id]["user"], context=1,
                           channel=self.dm_channels.get(user_id) or {"id": channel_id,
                                                                      "type": 1})
        if message is not None:
            payload["message"] = message
        self._interaction_channels[payload["token"]] = channel_id
        return payload

    def command_id(self, name: str) -> str:
        return next(c["id"] for c in self.commands if c["name"] == name)

    async def slash(self, name: str, channel: str, *path: str, guild_id: str | None = None,
                    **options: Any) -> dict[str, Any]:
        """A member runs a slash command, e.g. slash("malik", "general", "charter", "check",
        text="...")."""
        top = next(c for c in self.commands if c["name"] == path[0] and c["type"] == 1)
        declared = top
        nested: list[dict[str, Any]] = []
        holder = nested
        for word in path[1:]:
            declared = next(o for o in declared["options"] if o["name"] == word)
            entry = {"type": declared["type"], "name": word, "options": []}
            holder.append(entry)
            holder = entry["options"]
        types = {o["name"]: o["type"] for o in declared.get("options", [])}
        holder.extend({"type": types[k], "name": k, "value": v} for k, v in options.items())
        data = {"id": top["id"], "name": path[0], "type": 1, "options": nested,
                "guild_id": self.guild_id}
        payload = self.interaction(2, name, self.channel_id(channel), data)
        if guild_id is not None:  # from another server the bot is in
            payload["guild_id"] = data["guild_id"] = guild_id
        await self.dispatch("INTERACTION_CREATE", payload)
        return payload

    async def context_menu(self, name: str, menu: str, message: dict[str, Any]) -> dict[str, Any]:
        data = {"id": self.command_id(menu), "name": menu, "type": 3,
                "target_id": message["id"], "guild_id": self.guild_id,
                "resolved": {"messages": {message["id"]: message}}}
        payload = self.interaction(2, name, message["channel_id"], data)
        await self.dispatch("INTERACTION_CREATE", payload)
        return payload

    async def click(self, name: str, message: dict[str, Any], custom_id: str) -> dict[str, Any]:
        """A member clicks a button of a message the bot posted: the one whose custom id
        is `custom_id`, or the action `custom_id` marked with its server (`~g<id>:`)."""
        message = self.messages.get(message["id"], message)
        ids = [c.get("custom_id") for row in message.get("components") or []
               for c in row.get("components", [])]
        if custom_id not in ids:
            custom_id = next((i for i in ids if isinstance(i, str) and i.startswith("~g")
                              and i.endswith(":" + custom_id)), custom_id)
        data = {"custom_id": custom_id, "component_type": 2}
        payload = self.interaction(3, name, message["channel_id"], data, message=message)
        await self.dispatch("INTERACTION_CREATE", payload)
        return payload

    async def submit(self, name: str, channel_id: str, custom_id: str,
                     values: dict[str, str], message: dict[str, Any] | None = None
                     ) -> dict[str, Any]:
        """A member submits a modal."""
        rows = [{"type": 1, "components": [{"type": 4, "custom_id": k, "value": v}]}
                for k, v in values.items()]
        payload = self.interaction(5, name, channel_id, {"custom_id": custom_id,
                                                         "components": rows}, message=message)
        await self.dispatch("INTERACTION_CREATE", payload)
        return payload

    def bot_messages(self, channel: str) -> list[dict[str, Any]]:
        """What the bot has posted in a channel (by name, or a DM channel by user name)."""
        if channel in {m["user"]["username"] for m in self.members.values()}:
            channel_id = self.dm_channels.get(self.user_id(channel), {}).get("id")
        else:
            channel_id = self.channel_id(channel)
        return [m for m in self.messages.values() if m["channel_id"] == channel_id
                and m["author"]["id"] == self.app_id and "interaction_token" not in m]

    def card(self, channel: str, title_starts: str) -> dict[str, Any]:
        """The bot's latest card in a channel whose title starts with this text."""
        return next(m for m in reversed(self.bot_messages(channel))
                    if m["embeds"] and m["embeds"][0].get("title", "").startswith(title_starts))

    # ------------------------------------------------------------ waiting and faults

    def mark(self) -> int:
        """The number of requests so far: wait for what comes after it."""
        return len(self.requests)

    async def wait_for(self, predicate: Callable[[Recorded], bool], after: int = 0,
                       timeout: float = 10.0) -> Recorded:
        """The first request since `after` matching `predicate`, waiting for it."""
        def found() -> Recorded | None:
            return next((r for r in self.requests[after:] if predicate(r)), None)

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: found() is not None), timeout)
        result = found()
        assert result is not None
        return result

    async def wait_request(self, method: str, pattern: str, after: int = 0,
                           timeout: float = 10.0) -> Recorded:
        regex = re.compile(pattern)
        return await self.wait_for(lambda r: r.method == method and bool(regex.fullmatch(r.path)),
                                   after, timeout)

    def calls(self, method: str, pattern: str, after: int = 0) -> list[Recorded]:
        regex = re.compile(pattern)
        return [r for r in self.requests[after:] if r.method == method
                and regex.fullmatch(r.path)]

    def fail(self, method: str, pattern: str, status: int, body: Any,
             headers: dict[str, str] | None = None, times: int = 1) -> None:
        """Answer the next `times` matching requests with this error."""
        self.faults.append(Fault(method, re.compile(pattern), status, body, headers or {},
                                 times))

    def callback(self, interaction: dict[str, Any]) -> str:
        return f"/interactions/{interaction['id']}/{interaction['token']}/callback"

    async def answer(self, interaction: dict[str, Any], after: int = 0,
                     timeout: float = 10.0) -> Recorded:
        """The bot's first answer to an interaction: its callback."""
        return await self.wait_request("POST", re.escape(self.callback(interaction)), after,
                                       timeout)

    async def replies(self, interaction: dict[str, Any], count: int = 1,
                      after: int = 0) -> list[Recorded]:
        """The callback and follow-ups of an interaction, once there are `count` of them."""
        token = interaction["token"]
        pattern = re.compile(rf"/interactions/{interaction['id']}/{token}/callback|"
                             rf"/webhooks/{self.app_id}/{token}(/messages/@original)?")

        def matching() -> list[Recorded]:
            return [r for r in self.requests[after:] if pattern.fullmatch(r.path)
                    and r.method in ("POST", "PATCH")]

        async with self._changed:
            await asyncio.wait_for(self._changed.wait_for(lambda: len(matching()) >= count),
                                   10.0)
        return matching()

    # ------------------------------------------------------------ REST

    def _add_routes(self) -> None:
        snow = r"(\d+)"
        table: list[tuple[str, str, Callable[..., Any]]] = [
            ("GET", "/users/@me", lambda r, b: _json(self.bot_user)),
            ("GET", "/oauth2/applications/@me", self._app_info),
            ("GET", "/gateway/bot", lambda r, b: _json({
                "url": self.gateway_url, "shards": 1, "session_start_limit": {
                    "total": 1000, "remaining": 999, "reset_after": 0,
                    "max_concurrency": 1}})),
            ("GET", "/gateway", lambda r, b: _json({"url": self.gateway_url})),
            ("PUT", f"/applications/{snow}/guilds/{snow}/commands", self._put_commands),
            ("PUT", f"/applications/{snow}/commands", self._put_commands),
            ("POST", f"/channels/{snow}/messages", self._create_message),
            ("POST", f"/channels/{snow}/messages/{snow}/threads", self._start_thread),
            ("GET", f"/channels/{snow}/messages/{snow}", self._get_message),
            ("PATCH", f"/channels/{snow}/messages/{snow}", self._edit_message),
            ("DELETE", f"/channels/{snow}/messages/{snow}", self._delete_message),
            ("POST", "/users/@me/channels", self._open_dm),
            ("GET", f"/guilds/{snow}/members/{snow}", self._get_member),
            ("PATCH", f"/guilds/{snow}/members/{snow}", self._edit_member),
            ("GET", f"/guilds/{snow}/auto-moderation/rules", lambda r, b, g: _json(
                list(self.automod.values()))),
            ("POST", f"/guilds/{snow}/auto-moderation/rules", self._create_rule),
            ("PATCH", f"/guilds/{snow}/auto-moderation/rules/{snow}", self._edit_rule),
            ("DELETE", f"/guilds/{snow}/auto-moderation/rules/{snow}", self._delete_rule),
            ("POST", f"/interactions/{snow}/([^/]+)/callback", self._callback),
            ("POST", f"/webhooks/{snow}/([^/]+)", self._followup),
            ("PATCH", f"/webhooks/{snow}/([^/]+)/messages/([^/]+)", self._edit_followup),
            ("DELETE", f"/webhooks/{snow}/([^/]+)/messages/([^/]+)",
             lambda r, b, *_: web.Response(status=204)),
        ]
        self._routes = [(m, re.compile(p), h) for m, p, h in table]

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        body, files = await _read_body(request)
        recorded = Recorded(request.method, path, dict(request.query), body, files,
                            dict(request.headers))
        async with self._changed:
            self.requests.append(recorded)
            self._changed.notify_all()
        for fault in self.faults:
            if fault.times > 0 and fault.method == request.method \
                    and fault.path.fullmatch(path):
                fault.times -= 1
                return _json(fault.body, fault.status, fault.headers)
        for method, pattern, handler in self._routes:
            match = pattern.fullmatch(path)
            if match and method == request.method:
                response = handler(recorded, body, *match.groups())
                return await response if asyncio.iscoroutine(response) else response
        return _json({"message": "404: Not Found", "code": 0}, 404)

    def _app_info(self, request: Recorded, body: Any) -> web.Response:
        return _json({"id": self.app_id, "name": "Garant", "description": "", "icon": None,
                      "bot_public": False, "bot_require_code_grant": False,
                      "owner": {**self.bot_user, "bot": False, "id": "1"},
                      "verify_key": "0" * 64, "flags": 0, "summary": "", "team": None})

    def _put_commands(self, request: Recorded, body: Any, *ids: str) -> web.Response:
        self.commands = [{**c, "id": self.snowflake(), "application_id": self.app_id,
                          "version": self.snowflake(), "guild_id": self.guild_id,
                          "default_member_permissions": None, "nsfw": False}
                         for c in body]
        return _json(self.commands)

    def bot_message(self, channel_id: str, body: dict[str, Any],
                    **extra: Any) -> dict[str, Any]:
        payload = self.message_payload(
            channel_id, self.bot_user, body.get("content") or "",
            embeds=body.get("embeds") or [], components=body.get("components") or [],
            flags=body.get("flags") or 0, **extra)
        self.messages[payload["id"]] = payload
        return payload

    def _create_message(self, request: Recorded, body: Any, channel_id: str) -> web.Response:
        if request.files:
            body = {**(body or {}), "attachments": [
                {"id": self.snowflake(), "filename": name, "size": len(data),
                 "url": "http://127.0.0.1/x", "proxy_url": "http://127.0.0.1/x"}
                for name, data in request.files]}
        return _json(self.bot_message(channel_id, body or {}))

    async def _start_thread(self, request: Recorded, body: Any, channel_id: str,
                            message_id: str) -> web.Response:
        """A thread started from a message: it takes the message's id, as on Discord."""
        thread = {"id": message_id, "type": 11, "guild_id": self.guild_id,
                  "name": body["name"], "parent_id": channel_id, "owner_id": TOKEN_ID,
                  "message_count": 0, "member_count": 1, "rate_limit_per_user": 0, "flags": 0,
                  "thread_metadata": {"archived": False, "locked": False,
                                      "auto_archive_duration": body.get(
                                          "auto_archive_duration", 10080),
                                      "archive_timestamp": "2026-11-23T09:00:00+00:00"}}
        self.channels[message_id] = thread
        await self.dispatch("THREAD_CREATE", {**thread, "newly_created": True})
        return _json(thread, 201)

    def _get_message(self, request: Recorded, body: Any, channel_id: str,
                     message_id: str) -> web.Response:
        message = self.messages.get(message_id)
        if message is None or message["channel_id"] != channel_id:
            return _json({"message": "Unknown Message", "code": 10008}, 404)
        return _json(message)

    def _edit_message(self, request: Recorded, body: Any, channel_id: str,
                      message_id: str) -> web.Response:
        message = self.messages.get(message_id)
        if message is None:
            return _json({"message": "Unknown Message", "code": 10008}, 404)
        for key in ("content", "embeds", "components"):
            if key in body:
                message[key] = body[key] if body[key] is not None else (
                    "" if key == "content" else [])
        message["edited_timestamp"] = "2026-11-23T09:10:00+00:00"
        return _json(message)

    async def _delete_message(self, request: Recorded, body: Any, channel_id: str,
                              message_id: str) -> web.Response:
        await self.user_deletes({"id": message_id, "channel_id": channel_id})
        return web.Response(status=204)

    async def user_deletes(self, message: dict[str, Any]) -> None:
        """A message disappears (MESSAGE_DELETE), as Discord tells every bot."""
        self.messages.pop(message["id"], None)
        await self.dispatch("MESSAGE_DELETE", {"id": message["id"],
                                               "channel_id": message["channel_id"],
                                               "guild_id": self.guild_id})

    def _open_dm(self, request: Recorded, body: Any) -> web.Response:
        user_id = str(body["recipient_id"])
        if user_id not in self.dm_channels:
            self.dm_channels[user_id] = {"id": self.snowflake(), "type": 1,
                                         "recipients": [self.members[user_id]["user"]],
                                         "last_message_id": None}
        return _json(self.dm_channels[user_id])

    def _get_member(self, request: Recorded, body: Any, guild_id: str,
                    user_id: str) -> web.Response:
        if user_id not in self.members:
            return _json({"message": "Unknown Member", "code": 10007}, 404)
        return _json(self.members[user_id])

    def _edit_member(self, request: Recorded, body: Any, guild_id: str,
                     user_id: str) -> web.Response:
        self.members[user_id].update(body)
        return _json(self.members[user_id])

    def _create_rule(self, request: Recorded, body: Any, guild_id: str) -> web.Response:
        rule = {**body, "id": self.snowflake(), "guild_id": guild_id,
                "creator_id": self.app_id}
        self.automod[rule["id"]] = rule
        return _json(rule)

    def _edit_rule(self, request: Recorded, body: Any, guild_id: str,
                   rule_id: str) -> web.Response:
        self.automod[rule_id].update(body)
        return _json(self.automod[rule_id])

    def _delete_rule(self, request: Recorded, body: Any, guild_id: str,
                     rule_id: str) -> web.Response:
        self.automod.pop(rule_id, None)
        return web.Response(status=204)

    def _callback(self, request: Recorded, body: Any, interaction_id: str,
                  token: str) -> web.Response:
        kind = body["type"]
        data = body.get("data") or {}
        interaction = {"id": interaction_id, "type": 2,
                       "response_message_loading": kind == 5,
                       "response_message_ephemeral": bool((data.get("flags") or 0) & 64)}
        resource: dict[str, Any] = {"type": kind}
        if kind in (4, 7):
            message = self.bot_message(self._interaction_channels.get(token, ""), data,
                                       interaction_token=token)
            interaction["response_message_id"] = message["id"]
            resource["message"] = message
        return _json({"interaction": interaction, "resource": resource})

    def _followup(self, request: Recorded, body: Any, app_id: str, token: str) -> web.Response:
        return _json(self.bot_message(self._interaction_channels.get(token, ""), body or {},
                                      interaction_token=token))

    def _edit_followup(self, request: Recorded, body: Any, app_id: str, token: str,
                       message_id: str) -> web.Response:
        return _json(self.bot_message(self._interaction_channels.get(token, ""), body or {}))


async def _read_body(request: web.Request) -> tuple[Any, list[tuple[str, bytes]]]:
    if not request.can_read_body:
        return None, []
    if request.content_type.startswith("multipart/"):
        body: Any = None
        files = []
        reader = await request.multipart()
        async for part in reader:
            if part.name == "payload_json":  # type: ignore[union-attr]
                body = json.loads(await part.text())  # type: ignore[union-attr]
            else:
                files.append((part.filename or "", await part.read()))  # type: ignore
        return body, files
    raw = await request.read()
    return (json.loads(raw) if raw else None), []
