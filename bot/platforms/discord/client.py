"""Discord's transport: discord.py's client, the persistent buttons, and one
interaction being answered.

Everything that touches discord.py's event machinery lives here; the platform
(`adapter.py`) receives the events through the small `Events` protocol, so this
module does not import it.
"""

from __future__ import annotations

import asyncio
import logging
import re
from typing import Any, Protocol

import discord

from bot.platforms.discord import wire
from bot.platforms.intake import Intake

log = logging.getLogger("bot.platforms.discord")

#: Custom ids: an action id as the cog wrote it, or our own form buttons (`~f:TOKEN`).
ACTION_TEMPLATE = r"(?P<action>[^~][\s\S]{0,99})"
FORM_BUTTON_TEMPLATE = r"~f:(?P<token>[0-9a-f]{8,32})"
#: An action id marked with the team's server (`~g<server id>:<action>`): a click in a
#: direct message carries no server, and teams sharing one bot (tenants) must answer
#: only the buttons of their own messages.
SERVER_ACTION_TEMPLATE = r"~g(?P<guild>\d{1,20}):(?P<action>[\s\S]{1,99})"
#: The form token in a form button's or a modal's custom id (`forms.py`).
FORM_TOKEN = re.compile(r"~(?:f|m\d+):(?P<token>[0-9a-f]{8,32})(?::|$)")
SERVER_MARK = re.compile(r"~g(?P<guild>\d{1,20}):")


class TeamEvents(Protocol):
    """What a team's platform answers: the events of its server (session.py hands them
    out when teams share the client)."""

    def check_ready(self, final: bool = False) -> None: ...
    def server_changed(self) -> None: ...
    def holds_form(self, token: str) -> bool: ...
    async def on_message(self, message: discord.Message, edited: bool) -> None: ...
    async def on_posted(self, data: dict[str, Any]) -> None: ...
    async def on_deleted(self, guild_id: int | None, channel_id: int,
                         message_id: int) -> None: ...
    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None: ...
    async def on_button(self, interaction: discord.Interaction[Any], action: str) -> None: ...
    async def on_form_button(self, interaction: discord.Interaction[Any],
                             token: str) -> None: ...


class Events(TeamEvents, Protocol):
    """What the client hands its events to (the session of the teams sharing it)."""

    shard: tuple[int, int] | None

    async def setup(self, client: GarantClient) -> None: ...
    def claims(self, data: dict[str, Any]) -> bool: ...


# ---------------------------------------------------------------- buttons


class ActionButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=ACTION_TEMPLATE):
    """A card's button: its custom id is the action id, read back on every click, so a
    card posted before a restart still works after it."""

    def __init__(self, action: str, label: str | None = None,
                 style: discord.ButtonStyle = discord.ButtonStyle.secondary,
                 row: int | None = None) -> None:
        super().__init__(discord.ui.Button(label=label, custom_id=action, style=style, row=row))
        self.action = action

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any],
                             item: discord.ui.Item[Any], match: re.Match[str]) -> ActionButton:
        button = item if isinstance(item, discord.ui.Button) else None
        return cls(match["action"], button.label if button else None,
                   button.style if button else discord.ButtonStyle.secondary)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        platform = _platform_of(interaction)
        if platform is not None:
            await platform.on_button(interaction, self.action)


class ServerActionButton(discord.ui.DynamicItem[discord.ui.Button[Any]],
                         template=SERVER_ACTION_TEMPLATE):
    """A card's button marked with its team's server (`SERVER_ACTION_TEMPLATE`)."""

    def __init__(self, guild: int, action: str, label: str | None = None,
                 style: discord.ButtonStyle = discord.ButtonStyle.secondary,
                 row: int | None = None) -> None:
        super().__init__(discord.ui.Button(label=label, custom_id=f"~g{guild}:{action}",
                                           style=style, row=row))
        self.action = action

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any],
                             item: discord.ui.Item[Any],
                             match: re.Match[str]) -> ServerActionButton:
        button = item if isinstance(item, discord.ui.Button) else None
        return cls(int(match["guild"]), match["action"], button.label if button else None,
                   button.style if button else discord.ButtonStyle.secondary)

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        platform = _platform_of(interaction)
        if platform is not None:
            await platform.on_button(interaction, self.action)


class FormButton(discord.ui.DynamicItem[discord.ui.Button[Any]], template=FORM_BUTTON_TEMPLATE):
    """"Fix the form" / "Continue": reopens a form kept in memory (a modal cannot open
    another modal, so Discord needs a click in between)."""

    def __init__(self, token: str, label: str | None = None,
                 style: discord.ButtonStyle = discord.ButtonStyle.primary) -> None:
        super().__init__(discord.ui.Button(label=label, custom_id=f"~f:{token}", style=style))
        self.token = token

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction[Any],
                             item: discord.ui.Item[Any], match: re.Match[str]) -> FormButton:
        return cls(match["token"])

    async def callback(self, interaction: discord.Interaction[Any]) -> None:
        platform = _platform_of(interaction)
        if platform is not None:
            await platform.on_form_button(interaction, self.token)


def _platform_of(interaction: discord.Interaction[Any]) -> Events | None:
    client = interaction.client
    return client.platform if isinstance(client, GarantClient) else None


# ---------------------------------------------------------------- the client


#: Gateway events that go through the intake, in order per channel, rather than each in
#: a task of its own: what a person writes, edits and deletes.
_INTAKE_EVENTS = frozenset({"raw_message_edit", "raw_message_delete"})
#: Events that may rename or remove channels, threads and roles (and a server's
#: whole state, at a reconnection).
_NAMING_EVENTS = ("guild_channel_", "thread_", "guild_role_", "guild_update", "guild_join",
                  "guild_available", "guild_remove", "ready", "resumed")


class GarantClient(discord.Client):
    """discord.py's client, forwarding what Garant needs to the platform.

    Messages, edits and deletions go through an `Intake` (bot/platforms/intake.py):
    handled in order per channel, and, when its backlog is full, the gateway is not
    read until there is room (`ws` below), so a burst slows the socket instead of
    becoming thousands of tasks.
    """

    def __init__(self, platform: Events) -> None:
        self.intake: Intake[tuple[str, tuple[Any, ...]]] = Intake("discord", self._from_intake)
        intents = discord.Intents.none()
        intents.guilds = True
        intents.members = True  # roles in garant.yaml name Discord roles: expand them
        intents.guild_messages = True
        intents.message_content = True  # the charter reads what people write
        # Garant has no voice features: no warning about voice libraries at start.
        discord.VoiceClient.warn_nacl = False
        discord.VoiceClient.warn_dave = False
        shard = platform.shard
        sharding: dict[str, Any] = {"shard_id": shard[0], "shard_count": shard[1]} \
            if shard else {}
        super().__init__(intents=intents, allowed_mentions=discord.AllowedMentions.none(),
                         **sharding)
        self.platform = platform

    async def setup_hook(self) -> None:
        # What people write is read from the gateway's payload: discord.py's `Message`
        # (its objects, its cache) would cost more than the charter's whole check,
        # and Garant reads edits and deletions from raw events already.
        self._connection.parsers["MESSAGE_CREATE"] = self._message_created
        # Buttons and commands of a server no team here serves are left alone.
        parse = self._connection.parsers["INTERACTION_CREATE"]

        def interaction_created(data: dict[str, Any]) -> None:
            if self._ours(data):
                parse(data)

        self._connection.parsers["INTERACTION_CREATE"] = interaction_created
        await self.platform.setup(self)

    def _ours(self, data: dict[str, Any]) -> bool:
        """Whether an interaction is a team's here (`Session.claims`): on its server; in a
        direct message, a button marked with its server or a form it holds."""
        return self.platform.claims(data)

    def _message_created(self, data: dict[str, Any]) -> None:
        """A MESSAGE_CREATE payload: a person's message on a server goes to the intake,
        in order per channel (bots, webhooks, system messages and DMs are not read)."""
        if data.get("guild_id") is not None and wire.is_person(data):
            self.intake.submit(str(data["channel_id"]), ("posted", (data,)))

    def dispatch(self, event: str, /, *args: Any, **kwargs: Any) -> None:
        if event in _INTAKE_EVENTS:
            # The raw edit and delete payloads carry their channel's id.
            self.intake.submit(str(args[0].channel_id), (event, args))
            return
        if event == "socket_event_type" and args[0] != "GUILD_CREATE":
            return  # sent for every frame: a task each, for the one Garant waits for
        if event.startswith(_NAMING_EVENTS):
            self.platform.server_changed()
        super().dispatch(event, *args, **kwargs)

    async def _from_intake(self, item: tuple[str, tuple[Any, ...]]) -> None:
        event, args = item
        await getattr(self, f"on_{event}")(*args)

    @property
    def ws(self) -> Any:
        return self._gateway

    @ws.setter
    def ws(self, gateway: Any) -> None:
        """discord.py sets this at each (re)connection: its reading loop awaits
        `received_message` for every frame, the one place a wait slows the reading."""
        self._gateway = gateway
        if gateway is None:
            return
        received = gateway.received_message
        intake = self.intake

        async def received_message(message: Any, /) -> None:
            await intake.room()
            await received(message)

        gateway.received_message = received_message

    async def on_socket_event_type(self, event: str) -> None:
        # Dispatched before the event is parsed, run after: the guild is cached by now.
        if event == "GUILD_CREATE":
            self.platform.check_ready()

    async def on_ready(self) -> None:
        self.platform.check_ready(final=True)

    async def on_posted(self, data: dict[str, Any]) -> None:
        await self.platform.on_posted(data)

    async def on_raw_message_edit(self, payload: discord.RawMessageUpdateEvent) -> None:
        """Edits of messages sent before a restart too (not only those in the cache)."""
        before = payload.cached_message
        if before is None and not payload.data.get("edited_timestamp"):
            return  # an embed unfurled, a pin: not an edit
        after = getattr(payload, "message", None)  # discord.py 2.5+
        if after is None:
            channel = self.get_channel(payload.channel_id)
            try:
                after = await channel.fetch_message(payload.message_id)  # type: ignore
            except (AttributeError, discord.HTTPException):
                return
        if before is not None and before.content == after.content:
            return
        await self.platform.on_message(after, edited=True)

    async def on_raw_message_delete(self, payload: discord.RawMessageDeleteEvent) -> None:
        await self.platform.on_deleted(payload.guild_id, payload.channel_id, payload.message_id)

    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        await self.platform.on_interaction(interaction)


# ---------------------------------------------------------------- one interaction


class Exchange:
    """One Discord interaction being answered: one initial response (a message, a
    modal or a deferral), then follow-ups. A lock makes "respond or defer" atomic,
    since the deferral timer and the handler race for the first response."""

    def __init__(self, interaction: discord.Interaction[Any], kind: str) -> None:
        self.interaction = interaction
        self.kind = kind  # command, menu, component, modal
        self.lock = asyncio.Lock()
        self.thinking = False  # deferred with "Garant is thinking…" (commands)
        self.thinking_used = False

    @property
    def responded(self) -> bool:
        return self.interaction.response.is_done()

    def can_open_modal(self) -> bool:
        return self.kind != "modal" and not self.responded

    async def defer(self) -> None:
        """Acknowledge now; the answers will be follow-ups."""
        async with self.lock:
            if self.responded:
                return
            try:
                if self.kind in ("component", "modal"):
                    await self.interaction.response.defer()
                else:
                    await self.interaction.response.defer(ephemeral=True, thinking=True)
                    self.thinking = True
            except discord.HTTPException as exc:
                log.warning("could not defer interaction %s: %s", self.interaction.id, exc)

    async def send(self, payload: dict[str, Any], ephemeral: bool) -> bool:
        """Answer; False when this interaction cannot carry the answer (the caller then
        posts it in the channel)."""
        async with self.lock:
            response = self.interaction.response
            try:
                if not response.is_done():
                    await response.send_message(**payload, ephemeral=ephemeral)
                    return True
                if self.thinking and not self.thinking_used:
                    if not ephemeral:
                        return False  # the deferral is private: a public answer goes apart
                    self.thinking_used = True  # the first follow-up replaces "thinking…"
                await self.interaction.followup.send(**payload, ephemeral=ephemeral)
                return True
            except discord.HTTPException as exc:
                log.warning("could not answer interaction %s: %s", self.interaction.id, exc)
                return False

    async def send_modal(self, modal: discord.ui.Modal) -> bool:
        async with self.lock:
            if not self.can_open_modal():
                return False
            try:
                await self.interaction.response.send_modal(modal)
                return True
            except discord.HTTPException as exc:
                log.warning("could not open a form on %s: %s", self.interaction.id, exc)
                return False

    async def finish(self, done_text: str) -> None:
        """Make sure Discord got an answer, so nobody sees "the application did not
        respond"; clear a "thinking…" nobody replaced."""
        async with self.lock:
            try:
                if not self.responded:
                    if self.kind in ("component", "modal"):
                        await self.interaction.response.defer()
                    else:
                        await self.interaction.response.send_message(done_text, ephemeral=True)
                elif self.thinking and not self.thinking_used:
                    await self.interaction.delete_original_response()
            except discord.HTTPException as exc:
                log.warning("could not close interaction %s: %s", self.interaction.id, exc)
