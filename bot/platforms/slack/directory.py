"""Who and where on Slack: users, channels and user groups, cached, and the role
checks Slack needs (people by id, groups by handle: never display names).

A mixin of `SlackPlatform`; every lookup goes through the Web API client and
never raises (see `transport.call`).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from slack_sdk.web.async_client import AsyncWebClient

from bot.model import Channel, Message, User, identity_key
from bot.platforms.slack.render import FormContext
from bot.platforms.slack.transport import NETWORK_ERRORS, call, error_code
from bot.platforms.slack.wire import display_name, is_user_id, permalink, ts_to_datetime, unescape

if TYPE_CHECKING:
    from bot.platforms.base import Host
    from bot.platforms.kit import TaskSet

log = logging.getLogger("garant.slack")

USER_TTL = 3600.0
GROUPS_TTL = 600.0
CHANNELS_REFRESH = 60.0


class SlackUser(User):
    """A Slack user whose role identifiers are their id and their user groups only.

    Anyone may rename themself "camille" on Slack: if display names counted, that
    would make them the publication director. garant.yaml names Slack users by id
    (U...) and groups by handle (@coop) or id (S...).
    """

    __slots__ = ()

    def identifiers(self) -> set[str]:
        return {self.id, *self.groups}


@dataclass(slots=True)
class _Group:
    id: str
    handle: str
    members: frozenset[str]


class SlackDirectory:
    """Users, channels and groups as Garant needs them, from Slack's Web API."""

    name: str
    host: Host
    client: AsyncWebClient
    tasks: TaskSet
    workspace_url: str
    _channels: dict[str, Channel]
    _channel_keys: dict[str, Channel]
    _channels_loaded: float
    _users: dict[str, tuple[float, dict[str, Any]]]
    _groups: list[_Group]
    _groups_loaded: float
    _groups_lock: asyncio.Lock
    _dm_channels: dict[str, str]
    _messages: OrderedDict[tuple[str, str], Message]
    _warned: set[str]

    # ------------------------------------------------------------ the neutral model

    async def _message(self, raw: Mapping[str, Any], channel: Channel,
                       edited: bool = False, when: str | None = None) -> Message:
        """A Slack message as the neutral model: its id is its ts, its text decoded."""
        ts = str(raw.get("ts", ""))
        if raw.get("user"):
            author = await self._user(raw["user"], raw.get("user_profile"))
        else:
            author = SlackUser(self.name, str(raw.get("bot_id") or "?"),
                               str(raw.get("username") or "bot"), is_bot=True)
        message = Message(self.name, ts, channel, author, unescape(raw.get("text") or ""),
                          ts_to_datetime(when or ts), edited=edited,
                          link=permalink(self.workspace_url, channel.id, ts,
                                         raw.get("thread_ts"))
                          if self.workspace_url else None,
                          # A reply in a thread (not the thread's first message).
                          thread=str(raw["thread_ts"]) if raw.get("thread_ts")
                          and raw.get("thread_ts") != ts else None)
        self._messages[(channel.id, ts)] = message
        while len(self._messages) > 500:
            self._messages.popitem(last=False)
        return message

    async def _user(self, user_id: str, profile: Mapping[str, Any] | None = None) -> User:
        """A Slack user; when users.info fails, the profile a message event carries
        names them (never a raw id on a card, if Slack told us the name at all)."""
        info = await self._user_info(user_id)
        groups = await self._groups_of(user_id)
        if info is None and profile:
            info = {"id": user_id, "profile": dict(profile)}
        if info is None:
            return SlackUser(self.name, user_id, user_id, groups)
        return SlackUser(self.name, user_id, display_name(info), groups,
                         is_bot=bool(info.get("is_bot")) or user_id == "USLACKBOT")

    async def _user_info(self, user_id: str) -> dict[str, Any] | None:
        cached = self._users.get(user_id)
        if cached and time.monotonic() - cached[0] < USER_TTL:
            return cached[1]
        found, _ = await call(f"users.info {user_id}", self.client.users_info(user=user_id))
        if found is None:
            return cached[1] if cached else None
        info: dict[str, Any] = found["user"]
        self._users[user_id] = (time.monotonic(), info)
        return info

    async def user_timezone(self, user_id: str) -> str | None:
        """The time zone of the person's Slack profile (users.info `tz`)."""
        info = await self._user_info(user_id)
        zone = info.get("tz") if info else None
        return zone if isinstance(zone, str) and zone else None

    async def _channel(self, channel_id: str, name_hint: str | None = None) -> Channel:
        if channel_id in self._channels:
            return self._channels[channel_id]
        found, _ = await call(f"conversations.info {channel_id}",
                               self.client.conversations_info(channel=channel_id))
        if found is None:
            hint = name_hint if name_hint not in ("directmessage", "privategroup") else ""
            return Channel(self.name, channel_id, hint or "", is_dm=channel_id.startswith("D"))
        return self._remember_channel(found["channel"])

    def _remember_channel(self, info: Mapping[str, Any]) -> Channel:
        """A channel from conversations.list/info; only named channels are looked up by
        name (a group DM is not a direct message: others would see a "private" answer)."""
        channel = Channel(self.name, str(info["id"]), str(info.get("name") or ""),
                          is_dm=bool(info.get("is_im")))
        if not info.get("is_im") and not info.get("is_mpim") and channel.name:
            old = self._channels.get(channel.id)
            if old is not None:
                self._channel_keys.pop(identity_key(old.name), None)
            self._channels[channel.id] = channel
            self._channel_keys[identity_key(channel.name)] = channel
        return channel

    def _forget_channel(self, channel_id: str) -> None:
        old = self._channels.pop(channel_id, None)
        if old is not None:
            self._channel_keys.pop(identity_key(old.name), None)

    async def _load_channels(self) -> None:
        """Every channel the app can see, so that `channel_named` answers at once."""
        self._channels_loaded = time.monotonic()
        cursor = None
        try:
            while True:
                page = await self.client.conversations_list(
                    types="public_channel,private_channel", exclude_archived=True, limit=200,
                    cursor=cursor)
                channels: list[dict[str, Any]] = page.get("channels", [])
                for info in channels:
                    self._remember_channel(info)
                cursor = (page.get("response_metadata") or {}).get("next_cursor")
                if not cursor:
                    break
        except NETWORK_ERRORS as exc:
            log.warning("Slack: conversations.list failed (%s); channels will be learnt as "
                        "messages arrive", error_code(exc))

    async def _dm_channel(self, user: User) -> Channel:
        channel_id = await self._dm_channel_id(user.id)
        return Channel(self.name, channel_id or "", "", is_dm=True)

    async def _dm_channel_id(self, user_id: str) -> str | None:
        if user_id in self._dm_channels:
            return self._dm_channels[user_id]
        opened, _ = await call(f"conversations.open with {user_id}",
                                self.client.conversations_open(users=user_id))
        if opened is None:
            return None
        channel_id = str(opened["channel"]["id"])
        self._dm_channels[user_id] = channel_id
        return channel_id

    async def _form_channel(self, where: FormContext, user: User) -> Channel:
        if where.channel_id:
            return self._channels.get(where.channel_id) or Channel(
                self.name, where.channel_id, where.channel_name, is_dm=where.is_dm)
        return await self._dm_channel(user)

    # ------------------------------------------------------------ groups and roles

    def _role_identifiers(self) -> Mapping[str, tuple[str, ...]]:
        return self.host.role_identifiers()

    async def _load_groups(self, force: bool = True) -> None:
        """The user groups garant.yaml names, with their members (usergroups:read)."""
        async with self._groups_lock:
            if not force and time.monotonic() - self._groups_loaded < GROUPS_TTL:
                return  # another event reloaded them while this one waited
            wanted = {identity_key(i) for ids in self._role_identifiers().values() for i in ids}
            try:
                listed = (await self.client.usergroups_list(include_disabled=False))
                groups: list[_Group] = []
                found: list[dict[str, Any]] = listed.get("usergroups", [])
                for raw in found:
                    keys = {identity_key(raw.get("id", "")), identity_key(raw.get("handle", ""))}
                    if not keys & wanted:
                        continue
                    members: list[str] = (await self.client.usergroups_users_list(
                        usergroup=raw["id"])).get("users", [])
                    groups.append(_Group(raw["id"], raw.get("handle", ""), frozenset(members)))
            except NETWORK_ERRORS as exc:
                self._warn_once("groups", "Slack: cannot read user groups (%s); roles can only "
                                "name user ids", error_code(exc))
                self._groups_loaded = time.monotonic()
                return
            self._groups = groups
            self._groups_loaded = time.monotonic()

    async def _current_groups(self) -> list[_Group]:
        if time.monotonic() - self._groups_loaded >= GROUPS_TTL:
            await self._load_groups(force=False)
        return self._groups

    async def _groups_of(self, user_id: str) -> frozenset[str]:
        """A user's groups as role identifiers: handle and id of each."""
        names: set[str] = set()
        for group in await self._current_groups():
            if user_id in group.members:
                names.update(n for n in (group.handle, group.id) if n)
        return frozenset(names)

    def _check_roles(self) -> None:
        """Say at start which role entries can never match on Slack."""
        groups = {identity_key(n) for g in self._groups for n in (g.id, g.handle) if n}
        for role, identifiers in self._role_identifiers().items():
            for identifier in identifiers:
                if _user_id_in(identifier) is None and identity_key(identifier) not in groups:
                    log.warning("Slack: roles.%s: %r is neither a user id (U...) nor a user group "
                                "this app can read; on Slack, name people by id and groups by "
                                "handle", role, identifier)

    def _warn_once(self, key: str, message: str, *args: Any) -> None:
        if key not in self._warned:
            self._warned.add(key)
            log.warning(message, *args)


def _user_id_in(identifier: str) -> str | None:
    """The Slack user id a role entry names (`U0123ABC`, `@u0123abc`), or None."""
    token = identifier.strip().lstrip("@").upper()
    return token if is_user_id(token) else None
