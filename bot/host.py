"""The bot host: the one object that owns config, store, clock, charters,
scheduler, cogs and platforms, and routes events between them.

Adapters call the `handle_*` methods with neutral events; cogs call the
outbound methods (`post`, `update_card`, `dm`, `delete`) and never see a
platform type. Permissions are checked here, from the configured roles, before
a handler runs, so they hold on every platform whatever its UI allows.
"""

from __future__ import annotations

import importlib
import inspect
import logging
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.charter import Charter, CharterLibrary
from bot.commands import ParseError, parse_command, usage
from bot.i18n import Catalog, Translator
from bot.located.yamlsrc import SourceError
from bot.messages import MESSAGES
from bot.model import (
    Attachment,
    Card,
    Channel,
    Command,
    Content,
    Form,
    FormInvalid,
    Message,
    MessageAction,
    Permission,
    Registry,
    User,
)
from bot.scheduler import Job, Scheduler
from bot.store import format_utc

if TYPE_CHECKING:
    from bot.clock import Clock
    from bot.config import Config
    from bot.platforms.base import Platform
    from bot.store import Store

log = logging.getLogger(__name__)

FIRST_COGS = ("core", "charter")  # then every other package under cogs/, alphabetically


def discover_cogs() -> list[str]:
    import pkgutil

    import cogs

    found = sorted(m.name for m in pkgutil.iter_modules(cogs.__path__) if m.ispkg)
    return [*[c for c in FIRST_COGS if c in found], *[c for c in found if c not in FIRST_COGS]]
ROLE_ORDER = {"anyone": 0, "member": 1, "moderator": 2, "director": 3}


class CharterRegistry:
    """Charters by name, loaded on first use; `reload` keeps the last valid ones."""

    def __init__(self, directories: list[Path]) -> None:
        self.directories = directories
        self._library = CharterLibrary(directories)
        self._loaded: dict[str, Charter] = {}

    def get(self, name: str) -> Charter:
        if name not in self._loaded:
            self._loaded[name] = self._library.load(name)
        return self._loaded[name]

    def names(self) -> list[str]:
        return self._library.names()

    def reload(self) -> tuple[list[str], list[str]]:
        """Re-read every loaded charter from disk: (reloaded names, errors).

        A charter that no longer loads keeps its previous version, so a typo in
        a charter never leaves a channel unmoderated.
        """
        library = CharterLibrary(self.directories)
        reloaded, errors = [], []
        for name in list(self._loaded):
            try:
                self._loaded[name] = library.load(name)
                reloaded.append(name)
            except SourceError as exc:
                errors.append(str(exc))
        self._library = library
        return reloaded, errors


@dataclass(slots=True)
class Interaction:
    """Something a person did that expects an answer: a command, a click, a form."""

    platform: Platform
    user: User
    channel: Channel
    handle: Any = None  # the adapter's own object (discord.Interaction, Slack body...)
    message_id: str | None = None  # the card a button was on


@dataclass(slots=True)
class Context:
    """What a handler gets: who, where, in which language, and how to answer."""

    bot: Bot
    interaction: Interaction
    roles: frozenset[str]
    t: Translator
    answered: list[str] = field(default_factory=list)

    @property
    def user(self) -> User:
        return self.interaction.user

    @property
    def channel(self) -> Channel:
        return self.interaction.channel

    @property
    def platform(self) -> Platform:
        return self.interaction.platform

    @property
    def now(self) -> datetime:
        return self.bot.clock.now()

    def can(self, permission: Permission) -> bool:
        return self.bot.allows(self.roles, permission)

    async def reply(self, content: Content) -> None:
        """A public answer in the channel of the interaction."""
        self.answered.append("public")
        await self.platform.reply(self.interaction, content, "public")

    async def private(self, content: Content) -> None:
        """An answer only the user sees (ephemeral)."""
        self.answered.append("private")
        await self.platform.reply(self.interaction, content, "private")

    async def open_form(self, form: Form, errors: dict[str, str] | None = None,
                        values: dict[str, str] | None = None) -> None:
        self.answered.append("form")
        await self.platform.open_form(self.interaction, form, errors or {}, values or {})


JobHandler = Callable[["Bot", Job, datetime], Awaitable[None]]
#: Suggestions for an option as the person types: [(label shown, value)], best first.
Completer = Callable[["Context", str], Awaitable[list[tuple[str, str]]]]
#: A cog's part of a person's home view: the cards and texts for `ctx.user` ([] for none).
HomeSection = Callable[[Context], "Awaitable[list[Content]] | list[Content]"]
#: Told that a person's message is gone from the platform: (platform, channel id, message id).
DeletedListener = Callable[["Platform", str, str], Awaitable[None]]


class Bot:
    """The host. Build it with `Bot.create(...)`, add platforms, then `start()`."""

    def __init__(self, config: Config, store: Store, clock: Clock) -> None:
        self.config = config
        self.store = store
        self.clock = clock
        self.registry = Registry()
        self.catalog = Catalog()
        self.catalog.add(MESSAGES)
        self.t = Translator(self.catalog, config.language)
        self.charters = CharterRegistry(config.charter_directories())
        self.scheduler = Scheduler(store, clock)
        self.platforms: dict[str, Platform] = {}
        self.cogs: list[str] = []
        self._startup: list[Callable[[Bot], Awaitable[None]]] = []
        self._home_sections: list[HomeSection] = []
        self._completers: dict[str, Completer] = {}
        self._deleted_listeners: list[DeletedListener] = []

    # ------------------------------------------------------------ cogs declare

    def load_cogs(self, names: Iterable[str] | None = None) -> None:
        for name in discover_cogs() if names is None else names:
            module = importlib.import_module(f"cogs.{name}")
            module.setup(self)
            self.cogs.append(name)

    def add_messages(self, messages: dict[str, dict[str, str]]) -> None:
        self.catalog.add(messages)

    def add_command(self, command: Command) -> None:
        self.registry.add_command(command)

    def on_message(self, listener: Callable[[Context, Message], Awaitable[None]]) -> None:
        self.registry.message_listeners.append(listener)

    def on_action(self, prefix: str, handler: Callable[..., Awaitable[Any]]) -> None:
        self.registry.actions[prefix] = handler

    def on_form(self, prefix: str, handler: Callable[..., Awaitable[Any]]) -> None:
        self.registry.forms[prefix] = handler

    def add_message_action(self, action: MessageAction) -> None:
        self.registry.message_actions[action.id] = action

    def add_completer(self, name: str, completer: Completer) -> None:
        """Suggest values for options declared with `Option(..., complete=name)` (Discord
        autocomplete): `completer(ctx, typed)` returns (label, value) pairs."""
        self._completers[name] = completer

    async def complete(self, interaction: Interaction, name: str,
                       typed: str) -> list[tuple[str, str]]:
        """Up to 25 suggestions; none when the completer is unknown or fails."""
        completer = self._completers.get(name)
        if completer is None:
            return []
        try:
            return (await completer(self.context(interaction), typed))[:25]
        except Exception:
            log.exception("completer %s failed", name)
            return []

    def add_home_section(self, section: HomeSection) -> None:
        """Contribute to each person's home view (Slack's App Home): `section(ctx)` returns
        the cards and texts for `ctx.user` (e.g. the drafts waiting for their vote), or []
        to show nothing. Sections are shown in the order they were added; the adapter
        renders them and never needs to know which cog they come from."""
        self._home_sections.append(section)

    def on_message_deleted(self, listener: DeletedListener) -> None:
        """Be told when a person's message disappears from the platform (deleted by its
        author or an admin), e.g. to close a review item waiting for the author."""
        self._deleted_listeners.append(listener)

    def on_start(self, hook: Callable[[Bot], Awaitable[None]]) -> None:
        """Run once the platforms are attached (e.g. to schedule a daily job)."""
        self._startup.append(hook)

    async def start(self) -> None:
        for hook in self._startup:
            await hook(self)
        await self.run_due_jobs()

    async def run_due_jobs(self) -> None:
        """Run the jobs that are due now (after start, after :time, on each tick)."""
        await self.scheduler.run_due()

    def add_job(self, name: str, handler: JobHandler) -> None:
        async def run(job: Job, scheduled_for: datetime) -> None:
            await handler(self, job, scheduled_for)

        self.scheduler.register(name, run)

    # ------------------------------------------------------------ roles

    def roles_of(self, user: User) -> frozenset[str]:
        return self.config.roles.roles_of(user.identifiers())

    @staticmethod
    def allows(roles: frozenset[str], permission: Permission) -> bool:
        """Directors may do what moderators may; both may do what members may."""
        if permission == "anyone":
            return True
        level = max((ROLE_ORDER.get(r, 0) for r in roles), default=0)
        return level >= ROLE_ORDER[permission]

    def context(self, interaction: Interaction) -> Context:
        return Context(self, interaction, self.roles_of(interaction.user), self.t)

    # ------------------------------------------------------------ charters

    def load_configured_charters(self) -> list[str]:
        """Load every charter the config names, so a broken one stops the start-up
        with its error rather than surfacing on the first message."""
        names = [name for name, _ in self.config.charter_references()]
        loaded = []
        for name in dict.fromkeys(names):
            self.charters.get(name)
            loaded.append(name)
        return loaded

    def charter_name_for(self, channel: Channel) -> str | None:
        """The charter that moderates a channel, or None when it is not moderated."""
        return self.config.channels.charter_for(channel.name)

    def charter_for(self, channel: Channel) -> Charter:
        """The channel's charter, or the default charter for channels without one."""
        return self.charters.get(self.charter_name_for(channel) or self.config.default_charter)

    # ------------------------------------------------------------ adapters call

    async def handle_message(self, platform: Platform, message: Message) -> None:
        if message.author.is_bot:
            return
        ctx = self.context(Interaction(platform, message.author, message.channel))
        for listener in self.registry.message_listeners:
            try:
                await listener(ctx, message)
            except Exception:
                log.exception("message listener %s failed", getattr(listener, "__name__", "?"))

    async def home_contents(self, interaction: Interaction) -> list[Content]:
        """What `interaction.user` sees on their home view: every section's contents, in
        order. A failing section is logged and left out, so one cog's bug never blanks
        the whole view."""
        ctx = self.context(interaction)
        contents: list[Content] = []
        for section in self._home_sections:
            try:
                result = section(ctx)
                if inspect.isawaitable(result):
                    result = await result
                contents.extend(result or [])
            except Exception:
                log.exception("home section %s failed", getattr(section, "__name__", "?"))
        return contents

    async def handle_message_deleted(self, platform: Platform, channel_id: str,
                                     message_id: str) -> None:
        """A person's message was deleted on the platform: tell the listeners."""
        for listener in self._deleted_listeners:
            try:
                await listener(platform, channel_id, message_id)
            except Exception:
                log.exception("message-deleted listener %s failed",
                              getattr(listener, "__name__", "?"))

    async def handle_command_text(self, interaction: Interaction, text: str) -> None:
        """A command typed as text (`/charter check ...`): console and Slack."""
        ctx = self.context(interaction)
        try:
            command, args = parse_command(self.registry, text, self.t)
        except ParseError as exc:
            await ctx.private(str(exc))
            return
        await self.run_command(ctx, command, args)

    async def run_command(self, ctx: Context, command: Command, args: dict[str, Any]) -> None:
        if not ctx.can(command.permission):
            await ctx.private(self.t("host.refused", command=command.name,
                                     role=self.t(f"role.{command.permission}")))
            return
        await self._guarded(ctx, command.handler, args, what=f"/{command.name}")

    async def handle_message_action(self, interaction: Interaction, action_id: str,
                                    message: Message) -> None:
        """A message action chosen on `message` (context menu, shortcut)."""
        ctx = self.context(interaction)
        action = self.registry.message_actions.get(action_id)
        if action is None:
            await ctx.private(self.t("host.stale_button"))
            return
        if not ctx.can(action.permission):
            await ctx.private(self.t("host.refused", command=self.t(action.label),
                                     role=self.t(f"role.{action.permission}")))
            return
        await self._guarded(ctx, action.handler, {"message": message}, what=action_id)

    async def handle_action(self, interaction: Interaction, action: str) -> None:
        ctx = self.context(interaction)
        found = self.registry.find_action(action)
        if found is None:
            await ctx.private(self.t("host.stale_button"))
            return
        _, handler = found
        await self._guarded(ctx, handler, {"action": action}, what=action)

    async def handle_form(self, interaction: Interaction, form: Form,
                          values: dict[str, str]) -> dict[str, str]:
        """Route a submitted form; return the errors by field (empty when accepted)."""
        ctx = self.context(interaction)
        errors = _required_errors(form, values, self.t)
        if errors:
            return errors
        handler = self.registry.find_form(form.form_id)
        if handler is None:
            await ctx.private(self.t("host.stale_form"))
            return {}
        try:
            await handler(ctx, form_id=form.form_id, values=values)
        except FormInvalid as invalid:
            return invalid.errors
        except Exception:
            log.exception("form handler for %s failed", form.form_id)
            await ctx.private(self.t("host.failed"))
        return {}

    async def _guarded(self, ctx: Context, handler: Callable[..., Awaitable[Any]],
                       args: dict[str, Any], what: str) -> None:
        try:
            await handler(ctx, **args)
        except Exception:
            log.exception("%s failed", what)
            await ctx.private(self.t("host.failed"))

    # ------------------------------------------------------------ cogs call

    def channel_named(self, name: str) -> list[tuple[Platform, Channel]]:
        found = []
        for platform in self.platforms.values():
            channel = platform.channel_named(name)
            if channel is not None:
                found.append((platform, channel))
        return found

    async def post(self, channel_name: str, content: Content) -> int:
        """Post in the named channel on every platform that has it; how many got it."""
        sent = 0
        for platform, channel in self.channel_named(channel_name):
            message_id = await platform.send(channel, content)
            if message_id is not None:
                sent += 1
                if isinstance(content, Card) and content.key:
                    await self._remember_card(content.key, platform.name, channel.id, message_id)
        if not sent:
            log.warning("no platform has a channel named #%s", channel_name)
        return sent

    async def post_file(self, channel_name: str, attachment: Attachment, text: str = "") -> int:
        """Post a file in the named channel on every platform that has it."""
        sent = 0
        for platform, channel in self.channel_named(channel_name):
            sent += bool(await platform.send_file(channel, attachment, text))
        return sent

    async def update_card(self, card: Card) -> int:
        """Edit every posted copy of the card with the same key; how many were edited."""
        assert card.key, "only keyed cards can be updated"
        rows = await self.store.fetchall(
            "SELECT platform, channel_id, message_id FROM posted_cards WHERE card_key = ?",
            (card.key,))
        edited = 0
        for row in rows:
            platform = self.platforms.get(row["platform"])
            if platform and await platform.edit(row["channel_id"], row["message_id"], card):
                edited += 1
        return edited

    async def dm(self, user: User, content: Content) -> bool:
        platform = self.platforms.get(user.platform)
        return bool(platform) and await platform.send_dm(user, content)

    async def dm_key(self, user_key: str, content: Content) -> bool:
        """A direct message to a user known by their stored key (`platform:id`)."""
        platform_name, _, user_id = user_key.partition(":")
        platform = self.platforms.get(platform_name)
        if platform is None:
            return False
        user = await platform.user_by_id(user_id)
        return user is not None and await platform.send_dm(user, content)

    async def members_on(self, platform: Platform, role: str = "members") -> list[User]:
        """The people holding a configured role (`members`, `moderators`, `director`) on a
        platform, with platform roles and groups expanded to their members."""
        identifiers = getattr(self.config.roles, role)
        return await platform.resolve_members(list(identifiers))

    async def delete(self, message: Message) -> bool:
        platform = self.platforms.get(message.platform)
        return bool(platform) and await platform.delete_message(message)

    async def _remember_card(self, key: str, platform: str, channel_id: str,
                             message_id: str) -> None:
        async with self.store.transaction() as tx:
            await tx.execute(
                "INSERT OR IGNORE INTO posted_cards (card_key, platform, channel_id, message_id, "
                "posted_at) VALUES (?, ?, ?, ?, ?)",
                (key, platform, channel_id, message_id, format_utc(self.clock.now())))

    # ------------------------------------------------------------ life cycle

    def help_lines(self, roles: frozenset[str], prefix: tuple[str, ...] = ()) -> list[str]:
        lines = []
        for path, command in sorted(self.registry.commands.items()):
            if path[:len(prefix)] != prefix or not self.allows(roles, command.permission):
                continue
            lines.append(f"{usage(command)} — {self.t(command.help)}")
        return lines


def _required_errors(form: Form, values: dict[str, str], t: Translator) -> dict[str, str]:
    errors = {}
    for field_ in form.fields:
        value = values.get(field_.name, "").strip()
        if field_.required and not value:
            errors[field_.name] = t("form.required")
        elif len(value) > field_.max_length:
            errors[field_.name] = t("form.too_long", max=field_.max_length)
        elif field_.choices and value and value not in field_.choices:
            errors[field_.name] = t("form.choice", choices=", ".join(field_.choices))
    return errors


