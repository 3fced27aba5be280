"""Discord: every Garant feature on a Discord server, through discord.py 2.x.

`garant run` builds it when DISCORD_TOKEN is set (`create`). The adapter renders
the neutral model natively and knows nothing of any cog:

* commands: the host's command tree as slash commands synced to the configured
  server (`discord.guild_id`), French and English descriptions as Discord
  localisations; message actions as message context menus. Permissions are
  checked by the host on every call, whatever Discord's UI allows.
* cards: embeds whose buttons carry the action id itself as custom id
  (`review:keep:12`), parsed by one `discord.ui.DynamicItem` (`client.py`), so a
  click works after a restart; `edit` updates them in place.
* forms: modals of at most five inputs, in pages (`forms.py`).
* answers: every interaction is acknowledged within Discord's three seconds —
  deferred if the handler is still busy after `defer_after` — and private
  answers are ephemeral. Without an interaction (a checked message) a private
  answer is a direct message; direct messages go through the kit's paced queue.
* moderation: messages and edits of the server go to the host; removals need
  Manage Messages, timeouts Moderate Members; a missing permission is reported to
  the host as a platform problem (the moderation cog posts it for moderators).
* the keyword-filter capability (`keyword_filter.py`) behind the charter cog's
  `/charter automod sync`.

The REST base is `GARANT_DISCORD_API_BASE` (default Discord's); for another base
the gateway address is asked from that API, since discord.py's `Client` would
otherwise connect to Discord's own gateway (research/discord.md §6.1).
"""

from __future__ import annotations

import asyncio
import contextlib
import io
import logging
import re
from collections.abc import Awaitable, Callable, Iterable
from datetime import timedelta
from typing import Any, ClassVar

import aiohttp
import discord
import yarl
from discord import app_commands

from bot.model import (
    Attachment,
    Card,
    Channel,
    Content,
    Interaction,
    Message,
    User,
    Visibility,
    channel_key,
    identity_key,
)
from bot.platforms.base import DeliveryError, Host, Platform, PlatformStartError, StartRequest
from bot.platforms.discord import automod, render, wire
from bot.platforms.discord.client import (
    ActionButton,
    Exchange,
    GarantClient,
    ServerActionButton,
)
from bot.platforms.discord.forms import PENDING_FORMS_MAX, ModalForms, PendingForm
from bot.platforms.discord.keyword_filter import AutoModFilter
from bot.platforms.discord.session import Session
from bot.platforms.kit import DmPacer, PendingForms, ProblemReports, TaskSet

log = logging.getLogger("bot.platforms.discord")

DEFAULT_API_BASE = "https://discord.com/api/v10"
API_BASE_ENV = "GARANT_DISCORD_API_BASE"
#: Discord closes an interaction that is not acknowledged within 3 s (error 10062).
DEFER_AFTER = 2.0
#: Direct messages: at least this many seconds apart, at most this many a minute.
DM_MIN_INTERVAL = 1.0
DM_PER_MINUTE = 5
#: The same missing-permission notice is posted at most once in this many seconds.
NOTICE_EVERY = 600.0
TIMEOUT_MAX = timedelta(days=28)
#: How long `close` lets the interactions under way finish.
SHUTDOWN_GRACE = 5.0
#: How long `prepare` waits for the server before letting the host start anyway.
READY_TIMEOUT = 60.0

_LINK = re.compile(r"/channels/(?:\d+|@me)/(?P<channel>\d+)/(?P<message>\d+)")
_PAIR = re.compile(r"(?P<channel>\d+)-(?P<message>\d+)")


def create(request: StartRequest) -> DiscordPlatform:
    """The Discord platform for `garant run`; PlatformStartError (one line) when the
    secrets or the environment cannot work."""
    token = request.secrets.get("DISCORD_TOKEN")
    if not token:
        raise PlatformStartError("Discord needs DISCORD_TOKEN in the environment or in .env")
    base = (request.env.get(API_BASE_ENV) or DEFAULT_API_BASE).strip().rstrip("/")
    if yarl.URL(base).scheme not in ("http", "https"):
        raise PlatformStartError("{variable}={value}: expected an http(s) URL such as {example}",
                                 variable=API_BASE_ENV, value=base, example=DEFAULT_API_BASE)
    guild_id = getattr(request.settings, "guild_id", None)
    shard = getattr(request.options, "extra", {}).get("shard")
    return DiscordPlatform(request.host, token, base, guild_id, shard)


class DiscordPlatform(ModalForms, AutoModFilter, Platform):
    """The Platform the host talks to; owns the discord.py client while it runs."""

    name = "discord"
    capabilities: ClassVar[frozenset[str]] = frozenset({"keyword_filter"})

    def __init__(self, host: Host, token: str, api_base: str = DEFAULT_API_BASE,
                 guild_id: int | None = None, shard: tuple[int, int] | None = None) -> None:
        self.host = host
        self.token = token
        self.api_base = api_base
        self.guild_id = guild_id
        #: (I, N): this instance connects shard I of N (`--shard`); None: one shard.
        self.shard = shard
        self.client: GarantClient | None = None
        self.session: Session | None = None
        #: Remembered for the messages of the flood (`server_changed` forgets them):
        #: a channel id's neutral channel and thread, a role-id list's groups.
        self._where: dict[str, tuple[Channel, str | None]] = {}
        self._groups: dict[tuple[str, ...], frozenset[str]] = {}
        self.tree = render.CommandTree()
        self.defer_after = DEFER_AFTER
        self.dms = DmPacer(host.clock, DM_MIN_INTERVAL, DM_PER_MINUTE)
        self.problems = ProblemReports(host, self.name, NOTICE_EVERY)
        self.tasks = TaskSet("discord")
        self._ready: asyncio.Event | None = None
        self._pending: PendingForms[PendingForm] = PendingForms(PENDING_FORMS_MAX)
        self._inflight: set[asyncio.Task[Any]] = set()
        host.add_messages(render.MESSAGES)
        host.add_messages(automod.MESSAGES)

    # ------------------------------------------------------------ life cycle

    async def prepare(self) -> None:
        """Log in and connect (or join the session of teams sharing this bot,
        `session.py`) until the configured server is known, so that jobs run at start-up
        find its channels; a refused token or intent stops the start with a sentence
        saying what to fix."""
        self.session = Session.of(self, DEFAULT_API_BASE)
        self.client = await self.session.join(self)
        connection = self.session.connection
        assert connection is not None
        ready = asyncio.ensure_future(self._ready_event().wait())
        try:
            await asyncio.wait([ready, connection], timeout=READY_TIMEOUT,
                               return_when=asyncio.FIRST_COMPLETED)
        finally:
            ready.cancel()
        if connection.done():
            await self.session.leave(self)
            connection.result()
        if not self._ready_event().is_set():
            log.warning("Discord: server %s not available after %.0f s; starting anyway",
                        self.guild_id, READY_TIMEOUT)

    async def run(self) -> None:
        """Serve until cancelled or disconnected for good."""
        if self.session is None:
            await self.prepare()
        assert self.session is not None and self.session.connection is not None
        try:
            await asyncio.shield(self.session.connection)  # the other teams' too
        finally:
            await self.close()

    async def close(self) -> None:
        """Finish answering the interactions under way (briefly), then leave the session
        (the last team to leave disconnects)."""
        busy = [t for t in self._inflight if t is not asyncio.current_task()]
        if busy:
            await asyncio.wait(busy, timeout=SHUTDOWN_GRACE)
        await self.tasks.close()
        session, self.session = self.session, None
        if session is not None:
            await session.leave(self)

    def _ready_event(self) -> asyncio.Event:
        if self._ready is None:
            self._ready = asyncio.Event()
        return self._ready

    def check_ready(self, final: bool = False) -> None:
        """Ready once the configured server is known (its channels are then cached)."""
        if (guild := self._guild()) is not None:
            if not self._ready_event().is_set():
                log.info("Discord: connected to the server %s (%s)", guild.name, guild.id)
            self._ready_event().set()
        elif final and self.guild_id is not None and not self._on_this_shard(self.guild_id):
            log.info("Discord: server %s is on shard %d of %d; this instance connects shard "
                     "%d, another serves it", self.guild_id,
                     *self._shard_of(self.guild_id), self.shard[0] if self.shard else 0)
            self._ready_event().set()
        elif final:
            log.error("Garant is not a member of the Discord server %s (discord.guild_id): "
                      "invite it with `garant discord invite-url`", self.guild_id)
            self._ready_event().set()

    def _shard_of(self, guild_id: int) -> tuple[int, int]:
        """(the shard of `guild_id`, the number of shards): Discord's rule."""
        count = self.shard[1] if self.shard else 1
        return (guild_id >> 22) % count, count

    def _on_this_shard(self, guild_id: int) -> bool:
        return self._shard_of(guild_id)[0] == (self.shard[0] if self.shard else 0)

    def holds_form(self, token: str) -> bool:
        return self._pending.get(token) is not None

    async def sync_commands(self, client: GarantClient) -> None:
        self.tree = render.build_command_tree(self.host.commands(self.name).values(),
                                              self.host.message_actions().values(),
                                              self._text, self.host.language)
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
        """A catalogue text as written, placeholders kept (`Commandes /{name}`), or None
        for an unknown key: command descriptions come from the cogs' help keys."""
        return self.host.catalogue_template(language, key) if key else None

    # ------------------------------------------------------------ the model

    def _guild(self) -> discord.Guild | None:
        if self.client is None:
            return None
        if self.guild_id:
            return self.client.get_guild(self.guild_id)
        return self.client.guilds[0] if self.client.guilds else None

    def member(self, user_id: int) -> discord.Member | None:
        guild = self._guild()
        return guild.get_member(user_id) if guild else None

    def make_user(self, who: discord.abc.User) -> User:
        """A person as the host sees them; their groups are their Discord roles, by name
        and by id, so garant.yaml may name either (DMs carry no roles: the server's
        member is looked up)."""
        member = who if isinstance(who, discord.Member) else self.member(who.id)
        groups = role_groups(member.roles) if member is not None else frozenset()
        return User("discord", str(who.id), who.name, groups, bool(who.bot))

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
        # A thread started from a message has that message's id: the card it discusses.
        thread = str(message.channel.id) if isinstance(message.channel, discord.Thread) \
            else None
        return Message("discord", str(message.id), self.make_channel(message.channel),
                       self.make_user(message.author), message.content, self.host.clock.now(),
                       edited=edited, link=message.jump_url, thread=thread)

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
        member = self.member(int(token))
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
            style = discord.ButtonStyle(spec.style)
            marked = f"~g{self.guild_id}:{spec.custom_id}" if self.guild_id else ""
            # Marked with the team's server, a button in a direct message is answered by
            # this team only, however many teams share the bot (client.py `_ours`).
            view.add_item(ServerActionButton(self.guild_id, spec.custom_id, spec.label, style,
                                             spec.row)
                          if self.guild_id and len(marked) <= render.CUSTOM_ID_MAX else
                          ActionButton(spec.custom_id, spec.label, style, spec.row))
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

    async def send(self, channel: Channel, content: Content) -> str:
        target = self._messageable(channel.id)
        first: str | None = None
        try:
            for payload in self._payloads(content):
                message = await target.send(**payload)
                first = first or str(message.id)
        except discord.Forbidden:
            await self.missing_permission("send", channel.name, channel=channel.name)
            raise DeliveryError(f"no permission to post in #{channel.name}", True) from None
        except (discord.HTTPException, aiohttp.ClientError, OSError) as exc:
            raise _failure(exc, f"posting in #{channel.name}") from None
        assert first is not None
        if isinstance(content, Card) and content.discussion and not channel.is_dm:
            await self._open_thread(channel, first, content.discussion)
        return first

    async def _open_thread(self, channel: Channel, message_id: str, name: str) -> None:
        """A card that carries a discussion gets its thread (one week before Discord
        archives it when quiet). The card is posted whatever happens here: without
        the permission to create threads, members can still start one themselves."""
        assert self.client is not None
        try:
            await self.client.http.start_thread_with_message(
                int(channel.id), int(message_id), name=name[:100], auto_archive_duration=10080)
        except discord.Forbidden:
            await self.missing_permission("threads", channel.name, channel=channel.name)
        except (discord.HTTPException, aiohttp.ClientError, OSError) as exc:
            log.warning("Discord: no thread under the card in #%s: %s", channel.name, exc)

    async def edit(self, channel_id: str, message_id: str, content: Content) -> None:
        partial = self._messageable(channel_id).get_partial_message(int(message_id))
        try:
            if isinstance(content, Card):
                await partial.edit(content=None, view=self._view(content),
                                   embed=discord.Embed.from_dict(render.card_embed(content)))
            else:
                await partial.edit(content=render.shorten(content, render.MESSAGE_MAX),
                                   embed=None, view=None)
        except discord.NotFound:
            return  # the card was deleted: nothing left to show
        except (discord.HTTPException, aiohttp.ClientError, OSError) as exc:
            raise _failure(exc, f"editing message {message_id}") from None

    async def delete_message(self, message: Message) -> None:
        try:
            await self._client().http.delete_message(int(message.channel.id), int(message.id),
                                                      reason="Garant: editorial charter")
        except discord.NotFound:
            return  # already gone: what was wanted
        except discord.Forbidden:
            await self.missing_permission("manage_messages", message.channel.name,
                                          channel=message.channel.name)
            raise DeliveryError(f"no permission to delete in #{message.channel.name}",
                                True) from None
        except (discord.HTTPException, aiohttp.ClientError, OSError) as exc:
            raise _failure(exc, f"deleting message {message.id}") from None

    async def timeout(self, user: User, duration: timedelta) -> None:
        """Time a member out (Moderate Members), at most 28 days."""
        guild = self._guild()
        if guild is None or not user.id.isdigit():
            raise DeliveryError(f"{user.name or user.id} is not a member of the server", True)
        until = self.host.clock.now() + min(duration, TIMEOUT_MAX)
        try:
            await self._client().http.edit_member(
                guild.id, int(user.id), communication_disabled_until=until.isoformat(),
                reason="Garant: warnings threshold")
        except discord.Forbidden:
            await self.missing_permission("moderate_members", "", user=user.name)
            raise DeliveryError("no permission to time members out", True) from None
        except (discord.HTTPException, aiohttp.ClientError, OSError) as exc:
            raise _failure(exc, f"timing {user.name} out") from None

    async def send_file(self, channel: Channel, attachment: Attachment, text: str = "") -> None:
        file = discord.File(io.BytesIO(attachment.data), filename=attachment.filename)
        try:
            await self._messageable(channel.id).send(content=text or None, file=file)
        except discord.Forbidden:
            await self.missing_permission("send", channel.name, channel=channel.name)
            raise DeliveryError(f"no permission to post in #{channel.name}", True) from None
        except (discord.HTTPException, aiohttp.ClientError, OSError) as exc:
            raise _failure(exc, f"posting {attachment.filename}") from None

    async def missing_permission(self, what: str, where: str, **values: str) -> None:
        """Tell the host, in plain words, which permission the bot lacks — once in a
        while, not on every message (the moderation cog posts it for moderators)."""
        log.warning("Discord permission missing: %s %s", what, where)
        await self.problems.report(f"missing_permission:{what}:{channel_key(where)}",
                                   self.host.t(f"discord.permission.{what}", **values),
                                   channel=where or None, cannot_post=what == "send")

    def _client(self) -> GarantClient:
        if self.client is None:
            raise DeliveryError("not connected to Discord yet", False)
        return self.client

    # ------------------------------------------------------------ direct messages

    def dm_delay(self) -> float:
        return self.dms.delay()

    async def send_dm(self, user: User, content: Content) -> None:
        """A direct message, paced (`dms`): Discord quarantines bots that open many DM
        channels quickly."""
        if user.platform != self.name or not user.id.isdigit():
            raise DeliveryError(f"{user.name or user.id} is not a Discord user", True)
        await self.dms.wait()
        try:
            channel = await self._client().create_dm(discord.Object(int(user.id)))
            for payload in self._payloads(content):
                await channel.send(**payload)
        except discord.Forbidden:
            raise DeliveryError(f"{user.name or user.id} does not accept direct messages "
                                "from the bot", True) from None
        except (discord.HTTPException, aiohttp.ClientError, OSError) as exc:
            raise _failure(exc, f"a direct message to {user.name or user.id}") from None

    # ------------------------------------------------------------ answering

    async def reply(self, interaction: Interaction, content: Content,
                    visibility: Visibility) -> None:
        exchange = interaction.handle if isinstance(interaction.handle, Exchange) else None
        if exchange is None and visibility != "public":
            # Answering a message someone wrote: no one waits on it, and DMs are paced
            # (research/perf.md §5): through the outbox, so the channel's intake is not
            # held up by the pacing and the DM survives a restart.
            async with self.host.store.transaction() as tx:
                await self.host.send(interaction.user, content, tx=tx)
            return
        try:
            if visibility == "dm":
                await self.send_dm(interaction.user, content)
                if exchange is not None:
                    await exchange.send({"content": self.host.t("discord.dm_sent")},
                                        ephemeral=True)
                return
            if exchange is None:
                await self.send(interaction.channel, content)
                return
        except DeliveryError as exc:  # an answer is not an effect: logged, not retried
            log.warning("could not answer %s: %s", interaction.user.name, exc)
            return
        for payload in self._payloads(content):
            if not await exchange.send(payload, ephemeral=visibility == "private") \
                    and visibility == "public":
                with contextlib.suppress(discord.HTTPException):
                    await self._messageable(interaction.channel.id).send(**payload)

    # ------------------------------------------------------------ events in

    async def on_message(self, message: discord.Message, edited: bool) -> None:
        """A person wrote or edited a message on the server: the cogs check it."""
        if message.author.bot or message.webhook_id is not None or message.guild is None:
            return
        if self.guild_id and message.guild.id != self.guild_id:
            return
        if message.type.value not in wire.PERSON_TYPES:  # joins, pins, boosts...
            return
        await self.host.handle_message(self.name, self.make_message(message, edited))

    async def on_posted(self, data: dict[str, Any]) -> None:
        """A person wrote on the server (a MESSAGE_CREATE payload, read without
        discord.py's `Message`): the cogs check it."""
        if self.guild_id and int(data["guild_id"]) != self.guild_id:
            return
        await self.host.handle_message(self.name, self.posted_message(data))

    def posted_message(self, data: dict[str, Any]) -> Message:
        """The neutral message of a MESSAGE_CREATE payload: its channel as the server
        knows it (a thread is moderated as its parent), its author with their roles by
        name and id as the payload's member lists them (and @everyone, as
        `Member.roles` has it), dated by the host's clock."""
        channel_id = str(data["channel_id"])
        where = self._where.get(channel_id)
        if where is None:
            known = self.client.get_channel(int(channel_id)) if self.client else None
            where = (self.make_channel(known) if known is not None else
                     Channel("discord", channel_id, channel_id),
                     channel_id if isinstance(known, discord.Thread) else None)
            if known is not None:
                self._where[channel_id] = where
        author = data.get("author") or {}
        role_ids = tuple((data.get("member") or {}).get("roles", ()))
        groups = self._groups.get(role_ids)
        if groups is None:
            groups = self._groups[role_ids] = self._role_groups(role_ids)
        user = User("discord", str(author.get("id", "")), str(author.get("username", "")),
                    groups, bool(author.get("bot")))
        return Message("discord", str(data["id"]), where[0], user, str(data.get("content", "")),
                       self.host.clock.now(),
                       link=wire.jump_url(data["guild_id"], channel_id, str(data["id"])),
                       thread=where[1])

    def _role_groups(self, role_ids: tuple[str, ...]) -> frozenset[str]:
        """The groups of a payload's role ids, with @everyone as `Member.roles` has it."""
        guild = self._guild()
        if guild is None:
            return frozenset()
        found = (guild.get_role(int(role_id)) for role_id in role_ids)
        return role_groups([guild.default_role, *(role for role in found if role is not None)])

    def server_changed(self) -> None:
        """A channel, thread or role was created, renamed or deleted: what
        `posted_message` remembered of names is read again."""
        self._where.clear()
        self._groups.clear()

    async def on_deleted(self, guild_id: int | None, channel_id: int, message_id: int) -> None:
        """A message disappeared (its author, an admin, or Garant removed it): the cogs
        that listen are told."""
        if guild_id is None or (self.guild_id and guild_id != self.guild_id):
            return
        await self.host.handle_message_deleted(self.name, str(channel_id), str(message_id))

    async def serve(self, interaction: discord.Interaction[Any], kind: str,
                    work: Callable[[Interaction], Awaitable[Any]]) -> None:
        """Run `work` for an interaction, deferring if it is still busy after
        `defer_after` seconds, and make sure Discord got an answer at the end."""
        exchange = Exchange(interaction, kind)
        message = interaction.message
        host = Interaction(self.name, self.make_user(interaction.user),
                               self.make_channel(interaction.channel) if interaction.channel
                               else Channel("discord", str(interaction.channel_id), "?"),
                               handle=exchange,
                               message_id=str(message.id) if message is not None else None)
        timer = asyncio.get_running_loop().call_later(
            self.defer_after, lambda: self.tasks.spawn(exchange.defer()))
        current = asyncio.current_task()
        if current is not None:
            self._inflight.add(current)
        try:
            await work(host)
        except Exception:
            log.exception("Discord interaction %s failed", interaction.id)
        finally:
            timer.cancel()
            await exchange.finish(self.host.t("discord.done"))
            if current is not None:
                self._inflight.discard(current)

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
        focused = render.focused_option(data, self.tree)
        choices: list[app_commands.Choice[Any]] = []
        if focused is not None:
            completer, kind, typed = focused
            channel = (self.make_channel(interaction.channel) if interaction.channel
                       else Channel("discord", str(interaction.channel_id), "?"))
            host = Interaction(self.name, self.make_user(interaction.user), channel)
            for label, value in await self.host.complete(host, completer, typed):
                if kind == "int" and not value.lstrip("-").isdigit():
                    continue
                choices.append(app_commands.Choice(
                    name=render.shorten(label, 100), value=int(value) if kind == "int"
                    else value))
        with contextlib.suppress(discord.HTTPException):
            await interaction.response.autocomplete(choices)

    async def on_button(self, interaction: discord.Interaction[Any], action: str) -> None:
        await self.serve(interaction, "component",
                         lambda host: self.host.handle_action(host, action))

    async def _command(self, host: Interaction, data: dict[str, Any]) -> None:
        call = render.command_call(data, self.tree)
        if call is None:
            await self.reply(host, self.host.t("cmd.unknown", name=data.get("name", "?")),
                             "private")
            return
        await self.host.handle_command(host, call[0], call[1])

    async def _menu(self, host: Interaction, data: dict[str, Any]) -> None:
        action = self.tree.menus.get(str(data.get("name", "")))
        raw = (data.get("resolved") or {}).get("messages", {}).get(str(data.get("target_id")))
        if action is None or raw is None:
            await self.reply(host, self.host.t("host.stale_button"), "private")
            return
        await self.host.handle_message_action(host, action, self._message_from(raw, host))

    def _message_from(self, raw: dict[str, Any], host: Interaction) -> Message:
        """A message as an interaction's `resolved` data carries it (see `wire`): its
        author as the server knows them, its channel by name when the bot sees it."""
        author = raw.get("author") or {}
        member = self.member(int(author["id"])) if str(author.get("id", "")).isdigit() \
            else None
        channel_id = str(raw.get("channel_id") or host.channel.id)
        known = self.client.get_channel(int(channel_id)) if self.client else None
        channel = host.channel if channel_id == host.channel.id else (
            self.make_channel(known) if known else None)
        guild = self._guild()
        return wire.api_message(raw, self.host.clock.now(), guild.id if guild else None,
                                author=self.make_user(member) if member is not None else None,
                                channel=channel, default_channel=host.channel.id)


def role_groups(roles: Iterable[discord.Role]) -> frozenset[str]:
    """A person's groups: their Discord roles by name and by id, so garant.yaml may name
    either."""
    return frozenset(part for role in roles for part in (role.name, str(role.id)))


def _failure(exc: BaseException, what: str) -> DeliveryError:
    """What an HTTP or network error means for an effect: a server error, a rate limit
    or the network may pass (try again later); any other refusal will not."""
    status = getattr(exc, "status", None)
    passing = status is None or status == 429 or status >= 500
    return DeliveryError(f"Discord: {what}: {exc}", not passing)
