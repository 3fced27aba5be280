"""Discord: every Garant feature on a Discord server, through discord.py 2.x.

`garant run` loads this module when DISCORD_TOKEN is set and calls `create`. The
adapter renders the neutral model natively and knows nothing of any cog:

* commands: the host's command tree as slash commands synced to the configured
  server (`discord.guild_id`), French and English descriptions as Discord
  localisations; message actions as message context menus. Permissions are
  checked by the host on every call, whatever Discord's UI allows.
* cards: embeds whose buttons carry the action id itself as custom id
  (`review:keep:12`), parsed by one `discord.ui.DynamicItem`, so a click works
  after a restart; `edit` updates them in place.
* forms: modals of at most five inputs (longer forms become chained pages); a
  refused submission is answered privately with a button that reopens the form
  as typed.
* answers: every interaction is acknowledged within Discord's three seconds —
  deferred if the handler is still busy after `defer_after` — and private
  answers are ephemeral. Without an interaction (a checked message) a private
  answer is a direct message; direct messages go through a paced queue.
* moderation: messages and edits of the server go to `Bot.handle_message`;
  removals need Manage Messages, timeouts Moderate Members; a missing permission
  is reported in the review queue channel in plain words.
* `/charter automod sync`: mirrors blocking word rules into Discord AutoMod
  (planned in `discord_automod`).

The REST base is `GARANT_DISCORD_API_BASE` (default Discord's); for another base
the gateway address is asked from that API, since discord.py's `Client` would
otherwise connect to Discord's own gateway (research/discord.md §6.1).
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import io
import logging
import re
import secrets as token_bytes
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import discord
import yarl
from discord import app_commands

from bot.config import channel_key, identity_key
from bot.model import (
    Attachment,
    Card,
    Channel,
    Command,
    Content,
    Form,
    FormField,
    Message,
    User,
    Visibility,
)
from bot.platforms import discord_automod as automod
from bot.platforms import discord_render as render
from bot.platforms.base import Platform

if TYPE_CHECKING:
    from bot.config import Secrets
    from bot.host import Bot, Context, Interaction

log = logging.getLogger(__name__)

DEFAULT_API_BASE = "https://discord.com/api/v10"
API_BASE_ENV = "GARANT_DISCORD_API_BASE"
#: Discord closes an interaction that is not acknowledged within 3 s (error 10062).
DEFER_AFTER = 2.0
#: Direct messages: at least this many seconds apart, at most this many a minute.
DM_MIN_INTERVAL = 1.0
DM_PER_MINUTE = 5
DM_QUEUE_MAX = 500
#: Forms typed and not yet accepted, kept for their "fix the form" button.
PENDING_FORMS_MAX = 256
#: The same missing-permission notice is posted at most once in this many seconds.
NOTICE_EVERY = 600.0
TIMEOUT_MAX = timedelta(days=28)
#: How long `close` lets the interactions under way finish.
SHUTDOWN_GRACE = 5.0
#: How long `prepare` waits for the server before letting the host start anyway.
READY_TIMEOUT = 60.0

#: Custom ids: an action id as the cog wrote it, or our own form buttons (`~f:TOKEN`).
ACTION_TEMPLATE = r"(?P<action>[^~][\s\S]{0,99})"
FORM_BUTTON_TEMPLATE = r"~f:(?P<token>[0-9a-f]{8,32})"
_MODAL_ID = re.compile(r"~m(?P<page>\d+):(?P<token>[0-9a-f]{8,32}):(?P<form>[\s\S]*)")
_LINK = re.compile(r"/channels/(?:\d+|@me)/(?P<channel>\d+)/(?P<message>\d+)")
_PAIR = re.compile(r"(?P<channel>\d+)-(?P<message>\d+)")


def create(bot: Bot, secrets: Secrets, env: Mapping[str, str], options: Any = None) -> Platform:
    """The Discord platform for `garant run` (bot/run.py loads it by name)."""
    token = secrets.discord_token
    if not token:
        raise ValueError("Discord needs DISCORD_TOKEN in the environment or in .env")
    base = (env.get(API_BASE_ENV) or DEFAULT_API_BASE).strip().rstrip("/")
    if yarl.URL(base).scheme not in ("http", "https"):
        raise ValueError(f"{API_BASE_ENV}={base}: expected an http(s) URL such as "
                         f"{DEFAULT_API_BASE}")
    return DiscordPlatform(bot, token, base)


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


def _platform_of(interaction: discord.Interaction[Any]) -> DiscordPlatform | None:
    client = interaction.client
    return client.platform if isinstance(client, GarantClient) else None


# ---------------------------------------------------------------- the client


class GarantClient(discord.Client):
    """discord.py's client, forwarding what Garant needs to the platform."""

    def __init__(self, platform: DiscordPlatform) -> None:
        intents = discord.Intents.none()
        intents.guilds = True
        intents.members = True  # roles in garant.yaml name Discord roles: expand them
        intents.guild_messages = True
        intents.message_content = True  # the charter reads what people write
        # Garant has no voice features: no warning about voice libraries at start.
        discord.VoiceClient.warn_nacl = False
        discord.VoiceClient.warn_dave = False
        super().__init__(intents=intents, allowed_mentions=discord.AllowedMentions.none())
        self.platform = platform

    async def setup_hook(self) -> None:
        await self.platform.setup(self)

    async def on_socket_event_type(self, event: str) -> None:
        # Dispatched before the event is parsed, run after: the guild is cached by now.
        if event == "GUILD_CREATE":
            self.platform.check_ready()

    async def on_ready(self) -> None:
        self.platform.check_ready(final=True)

    async def on_message(self, message: discord.Message) -> None:
        await self.platform.on_message(message, edited=False)

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


@dataclass(slots=True)
class PendingForm:
    """A form being filled: its pages still to show and what was typed so far."""

    form: Form
    user_id: str  # only they may reopen it
    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    todo: list[int] = field(default_factory=list)  # pages still to show


# ---------------------------------------------------------------- the platform


class DiscordPlatform(Platform):
    """The Platform the host talks to; owns the discord.py client while it runs."""

    name = "discord"

    def __init__(self, bot: Bot, token: str, api_base: str = DEFAULT_API_BASE) -> None:
        self.bot = bot
        self.token = token
        self.api_base = api_base
        self.guild_id = bot.config.discord.guild_id
        self.client: GarantClient | None = None
        self.tree = render.CommandTree()
        self.defer_after = DEFER_AFTER
        self.dm_min_interval = DM_MIN_INTERVAL
        self.dm_per_minute = DM_PER_MINUTE
        self._ready: asyncio.Event | None = None
        self._pending: collections.OrderedDict[str, PendingForm] = collections.OrderedDict()
        self._notices: dict[str, float] = {}
        self._dm_queue: asyncio.Queue[tuple[str, Content]] | None = None
        self._dm_worker: asyncio.Task[None] | None = None
        self._dm_sent: collections.deque[float] = collections.deque(maxlen=64)
        self._tasks: set[asyncio.Task[Any]] = set()
        self._connection: asyncio.Task[None] | None = None
        self._inflight: set[asyncio.Task[Any]] = set()
        self._keys: set[str] = set()
        bot.add_messages(render.MESSAGES)
        bot.add_messages(automod.MESSAGES)
        bot.add_command(Command(("charter", "automod", "sync"), "discord.automod.help",
                                self.automod_sync, permission="moderator"))

    # ------------------------------------------------------------ life cycle

    async def prepare(self) -> None:
        """Log in and connect until the configured server is known, so that jobs run at
        start-up find its channels; a refused token or intent stops the start with a
        sentence saying what to fix."""
        from bot.run import RunError

        discord.http.Route.BASE = self.api_base
        self.client = GarantClient(self)
        try:
            await self.client.login(self.token)
        except discord.LoginFailure:
            raise RunError("Discord refused DISCORD_TOKEN: copy the bot token again from the "
                           "Developer Portal (Bot → Reset Token)") from None
        except (OSError, discord.HTTPException, discord.GatewayNotFound) as exc:
            raise RunError(f"cannot reach Discord at {self.api_base}: {exc}") from None
        self._connection = asyncio.create_task(self._connect(), name="discord-gateway")
        ready = asyncio.ensure_future(self._ready_event().wait())
        try:
            await asyncio.wait([ready, self._connection], timeout=READY_TIMEOUT,
                               return_when=asyncio.FIRST_COMPLETED)
        finally:
            ready.cancel()
        if self._connection.done():
            self._connection.result()
        if not self._ready_event().is_set():
            log.warning("Discord: server %s not available after %.0f s; starting anyway",
                        self.guild_id, READY_TIMEOUT)

    async def _connect(self) -> None:
        from bot.run import RunError

        assert self.client is not None
        try:
            await self.client.connect()
        except discord.PrivilegedIntentsRequired:
            raise RunError("Discord refused the connection: enable the Message Content and "
                           "Server Members intents (Developer Portal → Bot → Privileged "
                           "Gateway Intents); see docs/discord.md") from None

    async def run(self) -> None:
        """Serve until cancelled or disconnected for good."""
        if self._connection is None:
            await self.prepare()
        assert self._connection is not None
        try:
            await self._connection
        finally:
            await self.close()

    async def close(self) -> None:
        """Finish answering the interactions under way (briefly), then disconnect."""
        busy = [t for t in self._inflight if t is not asyncio.current_task()]
        if busy:
            await asyncio.wait(busy, timeout=SHUTDOWN_GRACE)
        tasks = [*self._tasks, *(t for t in (self._dm_worker, self._connection) if t)]
        for task in tasks:
            task.cancel()
        self._dm_worker = None
        if self.client is not None and not self.client.is_closed():
            await self.client.close()
        for task in tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task

    def _ready_event(self) -> asyncio.Event:
        if self._ready is None:
            self._ready = asyncio.Event()
        return self._ready

    def check_ready(self, final: bool = False) -> None:
        """Ready once the configured server is known (its channels are then cached)."""
        if self._guild() is not None:
            self._ready_event().set()
        elif final:
            log.error("Garant is not a member of the Discord server %s (discord.guild_id): "
                      "invite it with `garant discord invite-url`", self.guild_id)
            self._ready_event().set()

    async def setup(self, client: GarantClient) -> None:
        """After login, before the gateway: find the gateway, register the buttons,
        sync the commands."""
        if self.api_base != DEFAULT_API_BASE:
            # Asked directly: the helper's signature changed between discord.py versions.
            data = await client.http.request(discord.http.Route("GET", "/gateway/bot"))
            discord.gateway.DiscordWebSocket.DEFAULT_GATEWAY = yarl.URL(data["url"])
        client.add_dynamic_items(ActionButton, FormButton)
        await self.sync_commands(client)
        self._dm_queue = asyncio.Queue(DM_QUEUE_MAX)
        self._dm_worker = asyncio.create_task(self._deliver_dms(), name="discord-dms")

    async def sync_commands(self, client: GarantClient) -> None:
        registry = self.bot.registry
        self._keys = set(self.bot.catalog.keys())
        self.tree = render.build_command_tree(registry.commands.values(),
                                              registry.message_actions.values(),
                                              self._text, self.bot.config.language)
        for problem in self.tree.problems:
            log.warning("Discord commands: %s", problem)
        application_id = client.application_id
        if application_id is None:
            return
        try:
            if self.guild_id:
                await client.http.bulk_upsert_guild_commands(application_id, self.guild_id,
                                                             self.tree.payload)
            else:
                await client.http.bulk_upsert_global_commands(application_id, self.tree.payload)
        except discord.Forbidden:
            log.error("Discord refused the slash commands: invite the bot again with the "
                      "applications.commands scope (garant discord invite-url)")
        except discord.HTTPException as exc:
            log.error("Discord refused the slash commands: %s", exc)

    def _text(self, language: str, key: str) -> str | None:
        """A catalog text as written, placeholders kept (`Commandes /{name}`), or None
        for an unknown key: command descriptions come from the cogs' help keys."""
        if not key or key not in self._keys:
            return None
        values: dict[str, str] = {}
        for _ in range(10):
            try:
                return self.bot.catalog.text(language, key, **values)
            except KeyError as missing:
                values[str(missing.args[0])] = "{" + str(missing.args[0]) + "}"
            except (IndexError, ValueError):
                return None
        return None

    def _spawn(self, coro: Awaitable[Any]) -> asyncio.Task[Any]:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return task

    # ------------------------------------------------------------ the model

    def _guild(self) -> discord.Guild | None:
        if self.client is None:
            return None
        if self.guild_id:
            return self.client.get_guild(self.guild_id)
        return self.client.guilds[0] if self.client.guilds else None

    def _member(self, user_id: int) -> discord.Member | None:
        guild = self._guild()
        return guild.get_member(user_id) if guild else None

    def make_user(self, who: discord.abc.User) -> User:
        """A person as the host sees them; their groups are their Discord roles, by name
        and by id, so garant.yaml may name either (DMs carry no roles: the server's
        member is looked up)."""
        member = who if isinstance(who, discord.Member) else self._member(who.id)
        groups: set[str] = set()
        if member is not None:
            for role in member.roles:
                groups.update((role.name, str(role.id)))
        return User("discord", str(who.id), who.name, frozenset(groups), bool(who.bot))

    def make_channel(self, channel: Any) -> Channel:
        if isinstance(channel, discord.DMChannel):
            recipient = channel.recipient
            return Channel("discord", str(channel.id),
                           "@" + (recipient.name if recipient else str(channel.id)), True)
        if isinstance(channel, discord.Thread) and channel.parent is not None:
            # A thread is moderated like the channel it belongs to.
            return Channel("discord", str(channel.id), channel.parent.name)
        name = getattr(channel, "name", None) or str(getattr(channel, "id", ""))
        return Channel("discord", str(channel.id), name)

    def make_message(self, message: discord.Message, edited: bool = False) -> Message:
        # The host's clock dates messages, as on every platform (tests inject it).
        return Message("discord", str(message.id), self.make_channel(message.channel),
                       self.make_user(message.author), message.content, self.bot.clock.now(),
                       edited=edited, link=message.jump_url)

    def channel_named(self, name: str) -> Channel | None:
        guild = self._guild()
        if guild is None:
            return None
        key = channel_key(name)
        for channel in guild.text_channels:
            if channel_key(channel.name) == key:
                return self.make_channel(channel)
        return None

    def _messageable(self, channel_id: str) -> Any:
        assert self.client is not None
        return (self.client.get_channel(int(channel_id))
                or self.client.get_partial_messageable(int(channel_id)))

    async def user_by_id(self, user_id: str) -> User | None:
        """A member by id (or by user name, as commands may name people)."""
        guild = self._guild()
        token = user_id.strip().lstrip("@")
        if not token.isdigit():
            key = identity_key(token)
            found = next((m for m in (guild.members if guild else [])
                          if identity_key(m.name) == key), None)
            return self.make_user(found) if found else None
        member = self._member(int(token))
        if member is not None:
            return self.make_user(member)
        if self.client is None:
            return None
        try:
            if guild is not None:
                return self.make_user(await guild.fetch_member(int(token)))
            return self.make_user(await self.client.fetch_user(int(token)))
        except discord.HTTPException:
            return None

    async def resolve_members(self, identifiers: list[str]) -> list[User]:
        """The people named by role lists: user names or ids, role names or ids."""
        guild = self._guild()
        if guild is None:
            return []
        wanted = {identity_key(i) for i in identifiers} - {""}
        found = []
        for member in guild.members:
            if member.bot:
                continue
            user = self.make_user(member)
            if wanted & {identity_key(i) for i in user.identifiers()}:
                found.append(user)
        return found

    async def fetch_message(self, channel_id: str | None, message_id: str) -> Message | None:
        """A message by id: a link, `CHANNEL-MESSAGE` (Discord's "Copy ID" with Shift),
        or a bare id with its channel (or still in the cache)."""
        text = message_id.strip()
        found = _LINK.search(text) or _PAIR.fullmatch(text)
        if found:
            channel_id, text = found["channel"], found["message"]
        if not text.isdigit() or self.client is None:
            return None
        if channel_id is None:
            cached = discord.utils.get(self.client.cached_messages, id=int(text))
            return self.make_message(cached) if cached else None
        channel = self.client.get_channel(int(channel_id))
        if channel is None or not hasattr(channel, "fetch_message"):
            return None
        try:
            return self.make_message(await channel.fetch_message(int(text)))
        except discord.HTTPException:
            return None

    # ------------------------------------------------------------ posting

    def _view(self, card: Card) -> discord.ui.View | None:
        buttons, problems = render.card_buttons(card)
        for problem in problems:
            log.error("card %s: %s", card.key or card.title, problem)
        if not buttons:
            return None
        view = discord.ui.View(timeout=None)
        for spec in buttons:
            view.add_item(ActionButton(spec.custom_id, spec.label,
                                       discord.ButtonStyle(spec.style), spec.row))
        return view

    def _payloads(self, content: Content) -> list[dict[str, Any]]:
        """What to send for a content: one embed with buttons, or text in ≤2000 parts."""
        if isinstance(content, Card):
            payload: dict[str, Any] = {"embed": discord.Embed.from_dict(render.card_embed(content))}
            view = self._view(content)
            if view is not None:
                payload["view"] = view
            return [payload]
        return [{"content": chunk} for chunk in render.text_chunks(content)]

    async def send(self, channel: Channel, content: Content) -> str | None:
        if self.client is None:
            return None
        target = self._messageable(channel.id)
        first: str | None = None
        try:
            for payload in self._payloads(content):
                message = await target.send(**payload)
                first = first or str(message.id)
        except discord.Forbidden:
            await self.missing_permission("send", channel.name, channel=channel.name)
        except discord.HTTPException as exc:
            log.error("could not post in #%s: %s", channel.name, exc)
        return first

    async def edit(self, channel_id: str, message_id: str, content: Content) -> bool:
        if self.client is None:
            return False
        partial = self._messageable(channel_id).get_partial_message(int(message_id))
        try:
            if isinstance(content, Card):
                await partial.edit(content=None, view=self._view(content),
                                   embed=discord.Embed.from_dict(render.card_embed(content)))
            else:
                await partial.edit(content=render.shorten(content, render.MESSAGE_MAX),
                                   embed=None, view=None)
        except discord.HTTPException as exc:
            log.warning("could not edit message %s in %s: %s", message_id, channel_id, exc)
            return False
        return True

    async def delete_message(self, message: Message) -> bool:
        if self.client is None:
            return False
        try:
            await self.client.http.delete_message(int(message.channel.id), int(message.id),
                                                  reason="Garant: editorial charter")
        except discord.NotFound:
            return True  # already gone: what was wanted
        except discord.Forbidden:
            await self.missing_permission("manage_messages", message.channel.name,
                                          channel=message.channel.name)
            return False
        except discord.HTTPException as exc:
            log.error("could not delete message %s: %s", message.id, exc)
            return False
        return True

    async def timeout(self, user: User, duration: timedelta) -> bool:
        """Time a member out (Moderate Members), at most 28 days; False when refused."""
        guild = self._guild()
        if guild is None or self.client is None or not user.id.isdigit():
            return False
        until = self.bot.clock.now() + min(duration, TIMEOUT_MAX)
        try:
            await self.client.http.edit_member(guild.id, int(user.id),
                                               communication_disabled_until=until.isoformat(),
                                               reason="Garant: warnings threshold")
        except discord.Forbidden:
            await self.missing_permission("moderate_members", "", user=user.name)
            return False
        except discord.HTTPException as exc:
            log.error("could not time %s out: %s", user.name, exc)
            return False
        return True

    async def send_file(self, channel: Channel, attachment: Attachment, text: str = "") -> bool:
        if self.client is None:
            return False
        file = discord.File(io.BytesIO(attachment.data), filename=attachment.filename)
        try:
            await self._messageable(channel.id).send(content=text or None, file=file)
        except discord.Forbidden:
            await self.missing_permission("send", channel.name, channel=channel.name)
            return False
        except discord.HTTPException as exc:
            log.error("could not post %s in #%s: %s", attachment.filename, channel.name, exc)
            return False
        return True

    async def missing_permission(self, what: str, where: str, **values: str) -> None:
        """Tell the moderators, in their channel and in plain words, which permission the
        bot lacks — once in a while, not on every message."""
        log.warning("Discord permission missing: %s %s", what, where)
        key = f"{what}:{where}"
        loop = asyncio.get_running_loop()
        last = self._notices.get(key)
        if last is not None and loop.time() - last < NOTICE_EVERY:
            return
        self._notices[key] = loop.time()
        queue = self.channel_named(self.bot.config.channels.review_queue)
        if queue is None or (what == "send" and channel_key(where) == channel_key(queue.name)):
            return
        await self.send(queue, self.bot.t(f"discord.permission.{what}", **values))

    # ------------------------------------------------------------ direct messages

    async def send_dm(self, user: User, content: Content) -> bool:
        """Queue a direct message; the queue sends them paced (`dm_min_interval`,
        `dm_per_minute`). True once queued: Discord's answer comes later (a member
        whose DMs are closed is logged)."""
        if user.platform != self.name or not user.id.isdigit() or self._dm_queue is None:
            return False
        try:
            self._dm_queue.put_nowait((user.id, content))
        except asyncio.QueueFull:
            log.error("direct message queue full: message to %s dropped", user.name)
            return False
        return True

    async def _deliver_dms(self) -> None:
        assert self._dm_queue is not None
        loop = asyncio.get_running_loop()
        while True:
            user_id, content = await self._dm_queue.get()
            delay = render.dm_delay(self._dm_sent, loop.time(), self.dm_min_interval,
                                    self.dm_per_minute)
            if delay > 0:
                await asyncio.sleep(delay)
            self._dm_sent.append(loop.time())
            try:
                await self._deliver_dm(user_id, content)
            except discord.Forbidden:
                log.info("user %s does not accept direct messages from the bot", user_id)
            except discord.HTTPException as exc:
                log.warning("direct message to %s failed: %s", user_id, exc)

    async def _deliver_dm(self, user_id: str, content: Content) -> None:
        assert self.client is not None
        channel = await self.client.create_dm(discord.Object(int(user_id)))
        for payload in self._payloads(content):
            await channel.send(**payload)

    # ------------------------------------------------------------ answering

    async def reply(self, interaction: Interaction, content: Content,
                    visibility: Visibility) -> None:
        exchange = interaction.handle if isinstance(interaction.handle, Exchange) else None
        if visibility == "dm" or (exchange is None and visibility == "private"):
            await self.send_dm(interaction.user, content)
            if exchange is not None:
                await exchange.send({"content": self.bot.t("discord.dm_sent")}, ephemeral=True)
            return
        if exchange is None:
            await self.send(interaction.channel, content)
            return
        for payload in self._payloads(content):
            if not await exchange.send(payload, ephemeral=visibility == "private") \
                    and visibility == "public":
                with contextlib.suppress(discord.HTTPException):
                    await self._messageable(interaction.channel.id).send(**payload)

    async def open_form(self, interaction: Interaction, form: Form, errors: dict[str, str],
                        values: dict[str, str]) -> None:
        exchange = interaction.handle if isinstance(interaction.handle, Exchange) else None
        if exchange is None:
            log.error("form %s asked outside an interaction: cannot be shown", form.form_id)
            return
        pages = render.modal_pages(form, errors, values)
        todo = sorted({render.page_of(pages, name) for name in errors}) if errors \
            else [p.index for p in pages]
        token = self._keep(PendingForm(form, interaction.user.id, dict(values), dict(errors),
                                       todo))
        if exchange.can_open_modal() and await exchange.send_modal(self._modal(token)):
            return
        await self._offer_form(exchange, token)

    def _keep(self, pending: PendingForm) -> str:
        token = token_bytes.token_hex(8)
        self._pending[token] = pending
        while len(self._pending) > PENDING_FORMS_MAX:
            self._pending.popitem(last=False)
        return token

    def _modal(self, token: str) -> discord.ui.Modal:
        pending = self._pending[token]
        pages = render.modal_pages(pending.form, pending.errors, pending.values)
        page = pages[pending.todo[0] if pending.todo else 0]
        custom_id = f"~m{page.index}:{token}:{pending.form.form_id}"
        if len(custom_id) > render.CUSTOM_ID_MAX:
            custom_id = f"~m{page.index}:{token}:"
        modal = discord.ui.Modal(title=page.title, custom_id=custom_id, timeout=900)
        for item in page.inputs:
            modal.add_item(discord.ui.TextInput(
                label=item.label, custom_id=item.name, required=item.required,
                style=discord.TextStyle.paragraph if item.paragraph else discord.TextStyle.short,
                max_length=item.max_length, placeholder=item.placeholder or None,
                default=item.value or None))
        return modal

    async def _offer_form(self, exchange: Exchange, token: str) -> None:
        """A private message with the errors (if any) and a button that (re)opens the form."""
        pending = self._pending[token]
        pages = render.modal_pages(pending.form, pending.errors, pending.values)
        labels = {f.name: f.label for f in pending.form.fields}
        if pending.errors:
            lines = [self.bot.t("discord.form.errors", title=pending.form.title)]
            lines += [f"• {labels.get(name, name)} : {error}"
                      if self.bot.config.language == "fr" else
                      f"• {labels.get(name, name)}: {error}"
                      for name, error in pending.errors.items()]
            lines.append(self.bot.t("discord.form.kept"))
            label = self.bot.t("discord.form.reopen")
        else:
            done = len(pages) - len(pending.todo)
            lines = [self.bot.t("discord.form.next", page=done, pages=len(pages))]
            label = self.bot.t("discord.form.continue", page=done + 1, pages=len(pages))
        view = discord.ui.View(timeout=None)
        view.add_item(FormButton(token, render.shorten(label, render.BUTTON_LABEL_MAX)))
        await exchange.send({"content": render.shorten("\n".join(lines), render.MESSAGE_MAX),
                             "view": view}, ephemeral=True)

    # ------------------------------------------------------------ events in

    async def on_message(self, message: discord.Message, edited: bool) -> None:
        """A person wrote or edited a message on the server: the cogs check it."""
        if message.author.bot or message.webhook_id is not None or message.guild is None:
            return
        if self.guild_id and message.guild.id != self.guild_id:
            return
        if message.type not in (discord.MessageType.default, discord.MessageType.reply):
            return
        await self.bot.handle_message(self, self.make_message(message, edited))

    async def on_deleted(self, guild_id: int | None, channel_id: int, message_id: int) -> None:
        """A message disappeared (its author, an admin, or Garant removed it): the cogs
        that listen are told."""
        if guild_id is None or (self.guild_id and guild_id != self.guild_id):
            return
        await self.bot.handle_message_deleted(self, str(channel_id), str(message_id))

    async def serve(self, interaction: discord.Interaction[Any], kind: str,
                    work: Callable[[Interaction], Awaitable[Any]]) -> None:
        """Run `work` for an interaction, deferring if it is still busy after
        `defer_after` seconds, and make sure Discord got an answer at the end."""
        from bot.host import Interaction as HostInteraction

        exchange = Exchange(interaction, kind)
        message = interaction.message
        host = HostInteraction(self, self.make_user(interaction.user),
                               self.make_channel(interaction.channel) if interaction.channel
                               else Channel("discord", str(interaction.channel_id), "?"),
                               handle=exchange,
                               message_id=str(message.id) if message is not None else None)
        timer = asyncio.get_running_loop().call_later(
            self.defer_after, lambda: self._spawn(exchange.defer()))
        current = asyncio.current_task()
        if current is not None:
            self._inflight.add(current)
        try:
            await work(host)
        except Exception:
            log.exception("Discord interaction %s failed", interaction.id)
        finally:
            timer.cancel()
            await exchange.finish(self.bot.t("discord.done"))
            self._inflight.discard(current)  # type: ignore[arg-type]

    async def on_interaction(self, interaction: discord.Interaction[Any]) -> None:
        """Slash commands, context menus and form submissions (buttons go through the
        dynamic items)."""
        data: dict[str, Any] = dict(interaction.data or {})
        if interaction.type == discord.InteractionType.application_command:
            if data.get("type") == render.MESSAGE_MENU:
                await self.serve(interaction, "menu", lambda host: self._menu(host, data))
            else:
                await self.serve(interaction, "command", lambda host: self._command(host, data))
        elif interaction.type == discord.InteractionType.modal_submit:
            await self.serve(interaction, "modal", lambda host: self._submitted(host, data))
        elif interaction.type == discord.InteractionType.autocomplete:
            await self._autocomplete(interaction, data)

    async def _autocomplete(self, interaction: discord.Interaction[Any],
                            data: dict[str, Any]) -> None:
        """Suggest draft or review numbers as the person types (answered at once: an
        autocomplete cannot be deferred)."""
        from bot.host import Interaction as HostInteraction

        focused = render.focused_option(data, self.tree)
        choices: list[app_commands.Choice[Any]] = []
        if focused is not None:
            completer, kind, typed = focused
            channel = (self.make_channel(interaction.channel) if interaction.channel
                       else Channel("discord", str(interaction.channel_id), "?"))
            host = HostInteraction(self, self.make_user(interaction.user), channel)
            for label, value in await self.bot.complete(host, completer, typed):
                if kind == "int" and not value.lstrip("-").isdigit():
                    continue
                choices.append(app_commands.Choice(
                    name=render.shorten(label, 100), value=int(value) if kind == "int"
                    else value))
        with contextlib.suppress(discord.HTTPException):
            await interaction.response.autocomplete(choices)

    async def on_button(self, interaction: discord.Interaction[Any], action: str) -> None:
        await self.serve(interaction, "component",
                         lambda host: self.bot.handle_action(host, action))

    async def on_form_button(self, interaction: discord.Interaction[Any], token: str) -> None:
        async def reopen(host: Interaction) -> None:
            pending = self._pending.get(token)
            exchange = host.handle
            if pending is None or pending.user_id != host.user.id:
                await self.reply(host, self.bot.t("host.stale_form"), "private")
            elif not await exchange.send_modal(self._modal(token)):
                await self._offer_form(exchange, token)

        await self.serve(interaction, "component", reopen)

    async def _command(self, host: Interaction, data: dict[str, Any]) -> None:
        call = render.command_call(data, self.tree)
        command = self.bot.registry.commands.get(call[0]) if call else None
        if call is None or command is None:
            await self.reply(host, self.bot.t("cmd.unknown", name=data.get("name", "?")),
                             "private")
            return
        args = {option.name: None for option in command.options} | call[1]
        await self.bot.run_command(self.bot.context(host), command, args)

    async def _menu(self, host: Interaction, data: dict[str, Any]) -> None:
        action = self.tree.menus.get(str(data.get("name", "")))
        raw = (data.get("resolved") or {}).get("messages", {}).get(str(data.get("target_id")))
        if action is None or raw is None:
            await self.reply(host, self.bot.t("host.stale_button"), "private")
            return
        await self.bot.handle_message_action(host, action, self._message_from(raw, host))

    def _message_from(self, raw: Mapping[str, Any], host: Interaction) -> Message:
        """A message as an interaction's `resolved` data carries it."""
        author = raw.get("author") or {}
        member = self._member(int(author["id"])) if str(author.get("id", "")).isdigit() \
            else None
        user = self.make_user(member) if member is not None else User(
            "discord", str(author.get("id", "")), str(author.get("username", "?")),
            is_bot=bool(author.get("bot")))
        channel_id = str(raw.get("channel_id") or host.channel.id)
        known = self.client.get_channel(int(channel_id)) if self.client else None
        channel = host.channel if channel_id == host.channel.id else (
            self.make_channel(known) if known else Channel("discord", channel_id, channel_id))
        guild = self._guild()
        link = f"https://discord.com/channels/{guild.id if guild else '@me'}/{channel_id}/" \
               f"{raw['id']}"
        return Message("discord", str(raw["id"]), channel, user, str(raw.get("content", "")),
                       self.bot.clock.now(), link=link)

    async def _submitted(self, host: Interaction, data: dict[str, Any]) -> None:
        """A modal came back: keep its page, ask for the next one, or hand the whole form
        to the host; a refused form is offered again as typed."""
        match = _MODAL_ID.fullmatch(str(data.get("custom_id", "")))
        if match is None:
            return
        values = render.submitted_values(data.get("components") or [])
        token, page = match["token"], int(match["page"])
        pending = self._pending.get(token)
        if pending is None:  # typed before a restart: rebuild what the submission says
            if page != 0 or not match["form"]:
                await self.reply(host, self.bot.t("host.stale_form"), "private")
                return
            form = Form(match["form"], match["form"],
                        tuple(FormField(name, name, required=False) for name in values))
            pending = PendingForm(form, host.user.id, todo=[0])
            token = self._keep(pending)
        pending.values.update(values)
        for name in values:  # answered again: the host checks it anew
            pending.errors.pop(name, None)
        if page in pending.todo:
            pending.todo.remove(page)
        exchange = host.handle
        if pending.todo:
            await self._offer_form(exchange, token)
            return
        errors = await self.bot.handle_form(host, pending.form, dict(pending.values))
        if not errors:
            self._pending.pop(token, None)
            return
        pages = render.modal_pages(pending.form, errors, pending.values)
        pending.errors = dict(errors)
        pending.todo = sorted({render.page_of(pages, name) for name in errors})
        await self._offer_form(exchange, token)

    # ------------------------------------------------------------ AutoMod

    async def automod_sync(self, ctx: Context) -> None:
        """`/charter automod sync`: mirror blocking word rules into Discord AutoMod."""
        t = ctx.t
        guild = self._guild()
        if ctx.platform is not self or guild is None or self.client is None:
            await ctx.private(t("discord.automod.only_discord"))
            return
        problems: list[automod.Problem] = []
        role_ids, role_names = self._exempt_roles(guild, problems)
        try:
            existing = await self.client.http.get_auto_moderation_rules(guild.id)
        except discord.Forbidden:
            await ctx.private(t("discord.automod.forbidden"))
            await self.missing_permission("manage_guild", "")
            return
        queue = self.channel_named(self.bot.config.channels.review_queue)
        server = automod.Server(
            channels={str(c.id): c.name for c in guild.channels
                      if not isinstance(c, discord.CategoryChannel)},
            coverage=self._coverage(guild), existing=tuple(existing),
            bot_id=str(self.client.user.id if self.client.user else ""),
            alert_channel_id=queue.id if queue else None,
            exempt_role_ids=tuple(role_ids), exempt_role_names=tuple(role_names))
        charters = [automod.charter_words(name, self.bot.charters.get(name).rules)
                    for name in server.coverage]
        plan = automod.plan_automod(charters, server, t("discord.automod.blocked"))
        lines = await self._apply_automod(guild, plan)
        await ctx.private(_automod_report(t, lines, [*problems, *plan.problems]))

    def _coverage(self, guild: discord.Guild) -> dict[str, frozenset[str]]:
        """Charter -> the ids of the channels it moderates, in garant.yaml's order."""
        order = list(dict.fromkeys(self.bot.config.channels.moderated.values()))
        coverage: dict[str, set[str]] = {}
        for channel in guild.channels:
            if isinstance(channel, discord.CategoryChannel):
                continue
            charter = self.bot.config.channels.charter_for(channel.name)
            if charter is not None:
                coverage.setdefault(charter, set()).add(str(channel.id))
        ordered = sorted(coverage, key=lambda n: order.index(n) if n in order else len(order))
        return {name: frozenset(coverage[name]) for name in ordered}

    def _exempt_roles(self, guild: discord.Guild,
                      problems: list[automod.Problem]) -> tuple[list[str], list[str]]:
        """Discord roles for the people garant.yaml exempts from chat rules (exempt, and
        moderators and the director unless `moderation.moderators_exempt` is false)."""
        config = self.bot.config
        names = list(config.roles.exempt)
        if config.moderation.moderators_exempt:
            names += [*config.roles.moderators, *config.roles.director]
        ids: list[str] = []
        labels: list[str] = []
        for name in dict.fromkeys(names):
            key = identity_key(name)
            roles = [r for r in guild.roles if key in (str(r.id), identity_key(r.name))]
            for role in roles:
                if str(role.id) not in ids:
                    ids.append(str(role.id))
                    labels.append(role.name)
            if roles:
                continue
            person = any(key in (str(m.id), identity_key(m.name)) for m in guild.members)
            problems.append(automod.Problem("user_exempt" if person else "unknown_exempt",
                                            {"name": name}))
        return ids, labels

    async def _apply_automod(self, guild: discord.Guild, plan: automod.Plan) -> list[str]:
        assert self.client is not None
        http = self.client.http
        t = self.bot.t
        lines = []
        reason = "Garant: /charter automod sync"
        for planned in [*plan.create, *plan.update]:
            values = {"name": planned.name, "keywords": planned.keywords,
                      "channels": planned.channels}
            try:
                if planned.rule_id is None:
                    await http.create_auto_moderation_rule(guild.id, reason=reason,
                                                           **planned.payload)
                    lines.append(t("discord.automod.created", **values))
                else:
                    await http.edit_auto_moderation_rule(guild.id, int(planned.rule_id),
                                                         reason=reason, **planned.payload)
                    lines.append(t("discord.automod.updated", **values))
            except discord.HTTPException as exc:
                lines.append(t("discord.automod.failed", name=planned.name,
                               error=exc.text or exc.status))
        for rule_id, name in plan.delete:
            try:
                await http.delete_auto_moderation_rule(guild.id, int(rule_id), reason=reason)
                lines.append(t("discord.automod.deleted", name=name))
            except discord.HTTPException as exc:
                lines.append(t("discord.automod.failed", name=name, error=exc.text or exc.status))
        return lines


def _automod_report(t: Any, lines: list[str], problems: list[automod.Problem]) -> str:
    """The sync's answer: what was done, then everything not mirrored and why."""
    out = [f"**{t('discord.automod.title')}**"]
    out += [f"• {line}" for line in lines] or [t("discord.automod.nothing")]
    if problems:
        out.append(t("discord.automod.not_mirrored"))
        out += [f"• {t('discord.automod.problem.' + p.code, **p.values)}" for p in problems]
    out.append(t("discord.automod.evasion"))
    return "\n".join(out)
