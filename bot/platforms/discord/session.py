"""One gateway session for the teams of a process that share a Discord bot.

An agency's clients may share one Discord bot, each team with its server in
`discord.guild_id` (`garant run --tenants`). A session each would make every
session receive every server's events, each team dropping the others': N teams,
N times the reading and N identifies (Discord lets a bot identify about once every
five seconds). Here the first team to start opens the session (log in, connect),
the next join it, and the session hands each event to the team of its server:

* a message, an edit, a deletion, a command or a click on a server: that server's
  team (another server's: nobody);
* a click or a form in a direct message, which carries no server: the team whose
  server marks the button (`~g<server>:`, client.py) or which holds the form; a
  button posted before the marks, the first team the person is a member of.

A team without `guild_id` (one team, global commands) has a session of its own,
as before. The session ends with its last team. Its shape is the client's
`Events` protocol: to the client, the session is the platform.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any, Protocol

import discord
import yarl

from bot.platforms.base import PlatformStartError
from bot.platforms.discord.client import (
    FORM_TOKEN,
    SERVER_MARK,
    ActionButton,
    FormButton,
    GarantClient,
    ServerActionButton,
    TeamEvents,
)

log = logging.getLogger("bot.platforms.discord")


class Team(TeamEvents, Protocol):
    """What the session needs of a team's Discord platform (`DiscordPlatform`, which
    joins the session: a protocol, not an import)."""

    token: str
    api_base: str
    guild_id: int | None
    shard: tuple[int, int] | None

    async def sync_commands(self, client: GarantClient) -> None: ...
    def member(self, user_id: int) -> discord.Member | None: ...


#: The open sessions of this process: (token, API base, shard) → session.
_OPEN: dict[tuple[str, str, tuple[int, int] | None], Session] = {}


class Session:
    """A discord.py client shared by the teams of one bot (and one shard)."""

    def __init__(self, token: str, api_base: str, shard: tuple[int, int] | None,
                 default_api_base: str) -> None:
        self.token = token
        self.api_base = api_base
        self.default_api_base = default_api_base
        self.shard = shard
        self.teams: dict[int | None, Team] = {}  # by server id
        self.client: GarantClient | None = None
        self.connection: asyncio.Task[None] | None = None
        self._set_up = False
        self._starting = asyncio.Lock()

    @classmethod
    def of(cls, team: Team, default_api_base: str) -> Session:
        """The session `team` joins: the open one of its bot, or a new one (a team
        without a server of its own never shares)."""
        key = (team.token, team.api_base, team.shard)
        if team.guild_id is None:
            return cls(*key, default_api_base)
        session = _OPEN.get(key)
        if session is None or (session.connection is not None and session.connection.done()):
            session = _OPEN[key] = cls(*key, default_api_base)
        return session

    # ------------------------------------------------------------ teams

    async def join(self, team: Team) -> GarantClient:
        """Add `team`; log in and connect if it is the first. Its client."""
        if team.guild_id in self.teams:
            raise PlatformStartError("two teams serve the Discord server {server} with one bot "
                                     "(discord.guild_id)", server=str(team.guild_id))
        self.teams[team.guild_id] = team
        async with self._starting:
            if self.client is None:
                try:
                    await self._start()
                except BaseException:
                    self.teams.pop(team.guild_id, None)
                    client, self.client, self.connection = self.client, None, None
                    if client is not None and not client.is_closed():
                        with contextlib.suppress(Exception):
                            await client.close()
                    raise  # (a team joining next tries again)
            elif self._set_up:
                await team.sync_commands(self.client)
                team.check_ready(final=self.client.is_ready())
        assert self.client is not None
        return self.client

    async def _start(self) -> None:
        discord.http.Route.BASE = self.api_base
        self.client = GarantClient(self)
        try:
            await self.client.login(self.token)
        except discord.LoginFailure:
            raise PlatformStartError("Discord refused DISCORD_TOKEN: copy the bot token again "
                                     "from the Developer Portal (Bot → Reset Token)") from None
        except (OSError, discord.HTTPException, discord.GatewayNotFound) as exc:
            raise PlatformStartError("cannot reach Discord at {url}: {error}", url=self.api_base,
                                     error=str(exc)) from None
        self.connection = asyncio.create_task(self._connect(), name="discord-gateway")

    async def _connect(self) -> None:
        assert self.client is not None
        try:
            await self.client.connect()
        except discord.PrivilegedIntentsRequired:
            raise PlatformStartError("Discord refused the connection: enable the Message Content "
                                     "and Server Members intents (Developer Portal → Bot → "
                                     "Privileged Gateway Intents); see docs/discord.md") from None

    async def leave(self, team: Team) -> None:
        """Remove `team`; disconnect when it was the last."""
        if self.teams.get(team.guild_id) is team:
            del self.teams[team.guild_id]
        if self.teams:
            return
        self._forget()
        client, connection = self.client, self.connection
        if client is not None:
            await client.intake.close()
        if connection is not None and connection is not asyncio.current_task():
            connection.cancel()
        if client is not None and not client.is_closed():
            await client.close()
        if connection is not None and connection is not asyncio.current_task():
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await connection

    def _forget(self) -> None:
        key = (self.token, self.api_base, self.shard)
        if _OPEN.get(key) is self:
            del _OPEN[key]

    # ------------------------------------------------------------ routing

    def team_of(self, guild_id: int | str | None) -> Team | None:
        """The team of a server (a team without a server of its own: of all of them);
        with no server (a DM), the team when there is one."""
        if None in self.teams:
            return self.teams[None]
        if guild_id is None:
            return next(iter(self.teams.values())) if len(self.teams) == 1 else None
        return self.teams.get(int(guild_id))

    def _team_of_interaction(self, interaction: discord.Interaction[Any]
                             ) -> Team | None:
        if interaction.guild_id is not None:
            return self.team_of(interaction.guild_id)
        data: dict[str, Any] = dict(interaction.data or {})
        return self._team_in_dm(str(data.get("custom_id") or ""), interaction.user.id)

    def _team_in_dm(self, custom_id: str, user_id: int | None) -> Team | None:
        if (marked := SERVER_MARK.match(custom_id)) is not None:
            return self.teams.get(int(marked["guild"]))
        if (form := FORM_TOKEN.match(custom_id)) is not None:
            return next((t for t in self.teams.values() if t.holds_form(form["token"])), None)
        if len(self.teams) <= 1:
            return next(iter(self.teams.values()), None)
        # A button posted before the marks: the first team the person is a member of.
        members = [t for t in self.teams.values()
                   if user_id is not None and t.member(user_id) is not None]
        return (members or list(self.teams.values()))[0]

    def claims(self, data: dict[str, Any]) -> bool:
        """Whether a raw interaction is one of the teams' (the client's parser asks
        before discord.py builds anything for it)."""
        guild = data.get("guild_id")
        if guild is not None:
            return self.team_of(guild) is not None
        custom_id = str((data.get("data") or {}).get("custom_id") or "")
        user = (data.get("user") or {}).get("id")
        return self._team_in_dm(custom_id, int(user) if user else None) is not None

    # ------------------------------------------------------------ the client's events

    async def setup(self, client: GarantClient) -> None:
        """After login, before the gateway: find the gateway, register the buttons,
        sync each team's commands."""
        if self.api_base != self.default_api_base:
            # Asked directly: the helper's signature changed between discord.py versions.
            data = await client.http.request(discord.http.Route("GET", "/gateway/bot"))
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(data["url"])
        client.add_dynamic_items(ActionButton, ServerActionButton, FormButton)
        for team in list(self.teams.values()):
            await team.sync_commands(client)
        self._set_up = True

    def check_ready(self, final: bool = False) -> None:
        for team in list(self.teams.values()):
            team.check_ready(final)

    def server_changed(self) -> None:
        for team in list(self.teams.values()):
            team.server_changed()

    def holds_form(self, token: str) -> bool:
        return any(team.holds_form(token) for team in self.teams.values())

    async def on_message(self, message: discord.Message, edited: bool) -> None:
        team = self.team_of(message.guild.id if message.guild else None)
        if team is not None:
            await team.on_message(message, edited)

    async def on_posted(self, data: dict[str, Any]) -> None:
        team = self.team_of(data.get("guild_id"))
        if team is not None:
            await team.on_posted(data)

    async def on_deleted(self, guild_id: int | None, channel_id: int, message_id: int) -> None:
        team = self.team_of(guild_id)
        if team is not None:
            await team.on_deleted(guild_id, channel_id, message_id)

    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        team = self._team_of_interaction(interaction)
        if team is not None:
            await team.on_interaction(interaction)

    async def on_button(self, interaction: discord.Interaction[Any], action: str) -> None:
        team = self._team_of_interaction(interaction)
        if team is not None:
            await team.on_button(interaction, action)

    async def on_form_button(self, interaction: discord.Interaction[Any], token: str) -> None:
        team = self._team_of_interaction(interaction)
        if team is not None:
            await team.on_form_button(interaction, token)


__all__ = ["Session"]
