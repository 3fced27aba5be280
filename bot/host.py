"""The bot host: the one object that owns config, store, clock, charters,
scheduler, cogs and platforms, and routes events between them.

Adapters call the `handle_*` methods with neutral events (they see the host only
through the narrow `Host` protocol of `bot/platforms/base.py`); cogs declare what
they add (`add_command`, `on_action`, `settings`, `add_stats`...) and act through
the outbound methods inherited from `Delivery` (`send`, `refresh_card`, `members`,
`delete`), never through a platform. Permissions are checked here, from the
configured roles, before a handler runs, so they hold on every platform whatever
its UI allows.
"""

from __future__ import annotations

import functools
import importlib
import importlib.util
import inspect
import logging
import pkgutil
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal, TypeVar
from zoneinfo import ZoneInfo

from bot.charters import CharterRegistry
from bot.commands import ParseError, parse_command, usage
from bot.delivery import Delivery
from bot.i18n import DIRECTRICE, Catalog, Translator
from bot.messages import MESSAGES
from bot.model import (
    Attachment,
    Channel,
    Command,
    Content,
    Form,
    FormInvalid,
    GuestRoute,
    Interaction,
    Message,
    MessageAction,
    Page,
    PageRoute,
    Permission,
    User,
    Visibility,
)
from bot.platforms.base import PlatformProblem
from bot.platforms.capabilities import FileAnswers, GuestLinks
from bot.registry import ListenerFn, Registry, Route, compile_route
from bot.scheduler import Job, Scheduler
from bot.stats import ChartPanel, StatsEntry, StatsSource
from bot.store.schema import Component
from bot.store.trouble import failure_key, retry_when_locked, trouble_of

if TYPE_CHECKING:
    from bot.charter import Charter
    from bot.clock import Clock
    from bot.config import Config
    from bot.store import Store

log = logging.getLogger(__name__)

FIRST_COGS = ("core", "charter")  # then every other package under cogs/, alphabetically
ROLE_ORDER = {"anyone": 0, "member": 1, "moderator": 2, "director": 3}
#: People whose roles are remembered at once (a server's active members fit).
ROLES_REMEMBERED = 10_000
S = TypeVar("S")


#: The namespace package where installed cogs live (a plug-in namespace: the host finds
#: its packages by name, it does not import them until it loads them).
COGS_PACKAGE = "cogs"


def discover_cogs() -> list[str]:
    """The installed cogs: `core` and `charter` first, then the others by name."""
    spec = importlib.util.find_spec(COGS_PACKAGE)
    locations = list(spec.submodule_search_locations or []) if spec else []
    found = sorted(m.name for m in pkgutil.iter_modules(locations) if m.ispkg)
    return [*[c for c in FIRST_COGS if c in found], *[c for c in found if c not in FIRST_COGS]]


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
    def platform(self) -> str:
        """The name of the platform the person is on ("local", "discord", "slack")."""
        return self.interaction.platform

    @property
    def now(self) -> datetime:
        return self.bot.clock.now()

    def can(self, permission: Permission) -> bool:
        return self.bot.allows(self.roles, permission)

    async def reply(self, content: Content) -> None:
        """A public answer in the channel of the interaction."""
        self.answered.append("public")
        await self.bot.answer(self.interaction, content, "public")

    async def private(self, content: Content) -> None:
        """An answer only the user sees (ephemeral)."""
        self.answered.append("private")
        await self.bot.answer(self.interaction, content, "private")

    async def open_form(self, form: Form, errors: dict[str, str] | None = None,
                        values: dict[str, str] | None = None) -> None:
        self.answered.append("form")
        platform = self.bot.platforms.get(self.platform)
        if platform is not None:
            await platform.open_form(self.interaction, form, errors or {}, values or {})

    async def find_user(self, text: str) -> User | None:
        """The person a command argument names, on the person's chat platform (the
        interaction's; on the web, the platform they signed in from)."""
        return await self.bot.find_user(self.user.platform, text)

    async def fetch_message(self, message_id: str, channel_id: str | None = None
                            ) -> Message | None:
        """A message on the person's chat platform, by id or link."""
        return await self.bot.fetch_message(self.user.platform, channel_id, message_id)

    async def send_file(self, attachment: Attachment, text: str = "") -> bool:
        """Post a file where the person asked (this channel, this platform only); on a
        platform without channels (the web), hand it to them."""
        handing: FileAnswers | None = self.bot.capability(self.platform, FileAnswers.NAME)
        if handing is not None:
            await handing.answer_file(self.interaction, attachment, text)
            return True
        to = self.channel.ref
        return bool(await self.bot.send_file(to, attachment, text))


JobHandler = Callable[["Bot", Job, datetime], Awaitable[None]]
#: Suggestions for an option as the person types: [(label shown, value)], best first.
Completer = Callable[[Context, str], Awaitable[list[tuple[str, str]]]]
#: A cog's part of a person's home view: the cards and texts for `ctx.user` ([] for none).
HomeSection = Callable[[Context], "Awaitable[list[Content]] | list[Content]"]
#: Told that a person's message is gone from the platform: (platform, channel id, message
#: id, own) where `own` says Garant deleted it itself (an effect it recorded).
DeletedListener = Callable[[str, str, str, bool], Awaitable[None]]
ProblemListener = Callable[[PlatformProblem], Awaitable[None]]



@dataclass(frozen=True, slots=True)
class PersonalData:
    """A place where a cog stores people (see `Bot.add_personal_data`)."""

    table: str
    key: str
    name: str | None
    texts: tuple[str, ...]
    erase: Literal["pseudonymise", "delete", "keep"]

class Bot(Delivery):
    """The host. Build it, `load_cogs()`, `attach` platforms, then `await start()`."""

    def __init__(self, config: Config, store: Store, clock: Clock) -> None:
        super().__init__(store, clock, config.roles)
        self.config = config
        self.registry = Registry()
        self.catalog = Catalog()
        self.catalog.add(MESSAGES)
        self.t = Translator(self.catalog, config.language,
                            DIRECTRICE if config.director_title.startswith("directrice") else None)
        self.charters = CharterRegistry(config.charter_directories())
        for name, where in config.charter_references():
            self.charters.require(name, where)
        self.scheduler = Scheduler(store, clock)
        self.cogs: list[str] = []
        self._startup: list[Callable[[Bot], Awaitable[None]]] = []
        self._persisters: list[Callable[[], Awaitable[None]]] = []
        self._storage_told: datetime | None = None
        self._home_sections: list[HomeSection] = []
        self._pages: dict[str, PageRoute] = {}
        self._feeds: dict[str, Callable[[], Awaitable[Attachment]]] = {}
        self._guest_pages: dict[str, GuestRoute] = {}
        self._roles_for: object = None  # the role lists `_roles_known` was read from
        self._roles_known: dict[tuple[str, str, str, frozenset[str]], frozenset[str]] = {}
        self._completers: dict[str, Completer] = {}
        self._deleted_listeners: list[DeletedListener] = []
        self._problem_listeners: list[ProblemListener] = []
        self._stats: list[StatsEntry] = []
        self._personal: list[PersonalData] = []
        self._settings: dict[type[Any], Any] = {}
        self._components: list[Component] = []

    # ------------------------------------------------------------ values adapters read

    @property
    def language(self) -> str:
        return self.config.language

    @property
    def timezone(self) -> ZoneInfo:
        return self.config.tz

    def catalogue_template(self, language: str, key: str) -> str | None:
        """A catalogue text as written, placeholders kept (`Commandes /{name}`), or None
        for an unknown key (Discord's command localisations)."""
        return self.catalog.template(language, key)

    def commands(self, platform: str) -> Mapping[tuple[str, ...], Command]:
        """The commands a person on `platform` may see: those needing a capability the
        platform lacks are left out (e.g. `/charter automod sync` outside Discord)."""
        return {path: command for path, command in self.registry.commands.items()
                if command.capability is None or self.offers(platform, command.capability)}

    def message_actions(self) -> Mapping[str, MessageAction]:
        return self.registry.message_action_view()

    def role_identifiers(self) -> Mapping[str, tuple[str, ...]]:
        return self.config.roles.by_list()

    # ------------------------------------------------------------ cogs declare

    def load_cogs(self, names: Iterable[str] | None = None) -> None:
        """Load the installed cogs (`cogs/<name>`), or the ones named."""
        for name in discover_cogs() if names is None else names:
            self.load_cog(f"{COGS_PACKAGE}.{name}", name)

    def load_cog(self, module_name: str, name: str | None = None) -> None:
        """Load one cog package by module path: its `setup(bot)` declares what it adds,
        and its `migrations/` folder, if any, is applied at `start`."""
        module = importlib.import_module(module_name)
        label = name or module_name.rsplit(".", 1)[-1]
        if not module_name.startswith(f"{COGS_PACKAGE}."):  # installed: migrated at open
            component = Component.of_package(f"cog.{label}", module_name)
            if component is not None:
                self._components.append(component)
        module.setup(self)
        self.cogs.append(label)

    def settings(self, kind: type[S]) -> S:
        """A cog's (or platform's) settings from its garant.yaml section, read once."""
        if kind not in self._settings:
            self._settings[kind] = self.config.read(kind)
        found: S = self._settings[kind]
        return found

    def sections(self) -> list[str]:
        """The garant.yaml sections cogs own: those the loaded cogs read, and those every
        installed cog declares in its `SETTINGS` (a cog not loaded in this run still owns
        its section: it is not a typo)."""
        found = [kind.SECTION for kind in self._settings]
        for name in discover_cogs():
            module = importlib.import_module(f"{COGS_PACKAGE}.{name}")
            found += [kind.SECTION for kind in getattr(module, "SETTINGS", ())]
        return list(dict.fromkeys(found))

    def add_messages(self, messages: Mapping[str, Mapping[str, str]]) -> None:
        self.catalog.add(messages)

    def add_command(self, command: Command) -> None:
        self.registry.add_command(command)

    def on_message(self, listener: ListenerFn) -> None:
        self.registry.message_listeners.append(listener)

    def on_action(self, template: str, handler: Callable[..., Awaitable[Any]],
                  permission: Permission = "anyone",
                  refused: str = "host.refused_action") -> None:
        """Route the buttons whose action id fits `template` ("review:{verb}:{id:int}") to
        `handler(ctx, **placeholders)`, for people with `permission` (else the catalogue
        text `refused`). A malformed or stale id gets the host's "stale button" answer."""
        self.registry.add_action(compile_route(template, handler, permission, refused))

    def on_form(self, template: str, handler: Callable[..., Awaitable[Any]],
                permission: Permission = "anyone",
                refused: str = "host.refused_action") -> None:
        """Route submitted forms like buttons: `handler(ctx, values, **placeholders)`."""
        self.registry.add_form(compile_route(template, handler, permission, refused,
                                             extra=("values",)))

    def add_message_action(self, action: MessageAction) -> None:
        self.registry.add_message_action(action)

    def add_completer(self, name: str, completer: Completer) -> None:
        """Suggest values for options declared with `Option(..., complete=name)` (Discord
        autocomplete): `completer(ctx, typed)` returns (label, value) pairs."""
        self._completers[name] = completer

    def add_home_section(self, section: HomeSection) -> None:
        """Contribute to each person's home view (Slack's App Home): `section(ctx)` returns
        the cards and texts for `ctx.user`, or [] to show nothing. Sections are shown in
        the order they were added."""
        self._home_sections.append(section)

    def add_page(self, page: PageRoute) -> None:
        """A page of the cog's own where a platform has pages (the web): the publication
        calendar. Its handler gets the context and the address's parameters."""
        if page.name in self._pages:
            raise ValueError(f"page {page.name!r} is added twice")
        self._pages[page.name] = page

    def add_feed(self, name: str, feed: Callable[[], Awaitable[Attachment]]) -> None:
        """A file served at a private address (the plan as iCal): `feed()` makes it."""
        if name in self._feeds:
            raise ValueError(f"feed {name!r} is added twice")
        self._feeds[name] = feed

    def pages_for(self, user: User) -> list[PageRoute]:
        """The listed pages `user` may open, in the order cogs added them."""
        roles = self.roles_of(user)
        return [page for page in self._pages.values()
                if page.listed and self.allows(roles, page.permission)]

    async def page(self, interaction: Interaction, name: str,
                   query: Mapping[str, str]) -> Page | None:
        """Page `name` for the person of `interaction`; None when there is none, or they
        may not see it."""
        route = self._pages.get(name)
        ctx = self.context(interaction)
        if route is None or not ctx.can(route.permission):
            return None
        return await route.handler(ctx, dict(query))

    async def feed(self, name: str) -> Attachment | None:
        found = self._feeds.get(name)
        return None if found is None else await found()

    def add_guest_page(self, route: GuestRoute) -> None:
        """A page for people without an account, at signed addresses (`guest_link`)."""
        if route.name in self._guest_pages:
            raise ValueError(f"guest page {route.name!r} is added twice")
        self._guest_pages[route.name] = route

    def guest_link(self, route: str, subject: str, expires: datetime) -> str | None:
        """The signed address of guest page `route` for `subject`, valid until `expires`;
        None when no platform here serves guests' pages (the web is not running)."""
        serving: GuestLinks | None = self.capability("web", GuestLinks.NAME)
        return None if serving is None else serving.guest_link(route, subject, expires)

    async def guest_page(self, route: str, subject: str) -> Page | None:
        found = self._guest_pages.get(route)
        return None if found is None else await found.page(subject)

    async def guest_answer(self, route: str, subject: str,
                           values: dict[str, str]) -> dict[str, str] | str | None:
        found = self._guest_pages.get(route)
        return None if found is None else await found.answer(subject, values)

    def add_stats(self, name: str, title: str, source: StatsSource, position: int = 50,
                  chart: ChartPanel | None = None) -> None:
        """Contribute figures to `/stats` and the weekly report (see `bot/stats.py`):
        `name` is the CSV category, `title` the catalogue key of the section heading,
        `chart` the panel the source draws on the weekly chart, if any."""
        self._stats.append(StatsEntry(name, title, source, position, chart))
        self._stats.sort(key=lambda entry: entry.position)

    def stats_sources(self) -> list[StatsEntry]:
        return list(self._stats)

    def add_personal_data(self, table: str, key: str, name: str | None = None, *,
                          texts: tuple[str, ...] = (),
                          erase: Literal["pseudonymise", "delete", "keep"] = "pseudonymise",
                          ) -> None:
        """Declare where a cog stores people: `key`, a column of `table` holding a user
        key (`platform:id`), with the `name` column shown beside it and the `texts` the
        person wrote there. `/privacy export` reads every declared place; `/privacy
        erase` pseudonymises the rows (key and name replaced, texts emptied), deletes
        them, or keeps them (records kept for legal reasons: see docs/privacy.md)."""
        self._personal.append(PersonalData(table, key, name, texts, erase))

    def personal_data(self) -> list[PersonalData]:
        return list(self._personal)

    def require_charter(self, name: str, where: Any = None) -> None:
        """A charter a cog's settings name: loaded (and checked) at start-up."""
        self.charters.require(name, where)

    def on_message_deleted(self, listener: DeletedListener) -> None:
        """Be told when a person's message disappears from the platform."""
        self._deleted_listeners.append(listener)

    def on_platform_problem(self, listener: ProblemListener) -> None:
        """Be told of problems moderators should know about (see `PlatformProblem`)."""
        self._problem_listeners.append(listener)

    def on_start(self, hook: Callable[[Bot], Awaitable[None]]) -> None:
        """Run once the platforms are attached (e.g. to schedule a daily job)."""
        self._startup.append(hook)

    def on_persist(self, hook: Callable[[], Awaitable[None]]) -> None:
        """Write state a cog buffers in memory (counters) to the store: called every
        second while Garant runs, before figures are read, and when it stops."""
        self._persisters.append(hook)

    async def persist(self) -> None:
        """Run every persist hook; one that fails does not stop the others (its data
        stays buffered for the next call), and the first failure is raised after."""
        failure: Exception | None = None
        for hook in self._persisters:
            try:
                await hook()
            except Exception as exc:  # kept, raised after the others ran
                failure = failure or exc
        if failure is not None:
            raise failure

    async def persist_forever(self, every: timedelta = timedelta(seconds=1)) -> None:
        """The persist loop of `garant run` (on the bot's clock)."""
        while True:
            await self.clock.sleep_until(self.clock.now() + every)
            try:
                await self.persist()
            except Exception:
                log.exception("writing buffered counters failed; retrying in a second")

    def add_job(self, name: str, handler: JobHandler) -> None:
        async def run(job: Job, scheduled_for: datetime) -> None:
            await handler(self, job, scheduled_for)
            await self._flush_quietly()

        self.scheduler.register(name, run)

    # ------------------------------------------------------------ life cycle

    def load_configured_charters(self) -> list[str]:
        """Load every charter the config and the cogs name, so a broken one stops the
        start-up with its error rather than surfacing on the first message."""
        return self.charters.load_required()

    async def start(self) -> None:
        if self._components:
            await self.store.migrate(self._components)
        # One process per database (until PostgreSQL and several instances): what a
        # previous process left half-done is taken over now, not when its lease ends.
        await self.scheduler.recover()
        await self.outbox.recover()
        for hook in self._startup:
            await hook(self)
        await self.run_due_jobs()

    async def run_due_jobs(self) -> None:
        """Run the jobs that are due now and deliver the effects that are due (after
        start, after :time, after each console line)."""
        await self.scheduler.run_due()
        await self._flush_quietly()

    async def _flush_quietly(self) -> None:
        """Deliver what is due; a failure here is the outbox's to retry, never the
        handler's (its state is committed)."""
        try:
            await self.flush()
        except Exception:
            log.exception("delivering the outbox failed; the background loop retries")

    # ------------------------------------------------------------ roles

    def roles_of(self, user: User) -> frozenset[str]:
        """A person's roles from garant.yaml's lists, remembered per identity as the
        platform describes it (name, id, groups) and per configuration: every message
        asks, and the same people write again and again."""
        config = self.config.roles
        key = (user.platform, user.id, user.name, user.groups)
        if self._roles_for is not config:
            self._roles_for, self._roles_known = config, {}
        found = self._roles_known.get(key)
        if found is None:
            if len(self._roles_known) >= ROLES_REMEMBERED:
                self._roles_known.clear()
            found = self._roles_known[key] = config.roles_of(
                user.identifiers(), user.platform, self.identifier_owner)
        return found

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

    def charter_name_for(self, channel: Channel) -> str | None:
        """The charter that moderates a channel, or None when it is not moderated."""
        return self.config.channels.charter_for(channel.name)

    def charter_for(self, channel: Channel) -> Charter:
        """The channel's charter, or the default charter for channels without one."""
        return self.charters.get(self.charter_name_for(channel) or self.config.default_charter)

    # ------------------------------------------------------------ adapters call

    async def answer(self, interaction: Interaction, content: Content,
                     visibility: Visibility) -> None:
        platform = self.platforms.get(interaction.platform)
        if platform is not None:
            await platform.reply(interaction, content, visibility)

    async def handle_message(self, platform: str, message: Message) -> None:
        if message.author.is_bot:
            return
        ctx = self.context(Interaction(platform, message.author, message.channel))
        for listener in self.registry.message_listeners:
            try:
                await listener(ctx, message)
            except Exception as exc:  # the rare path: tried again if the file was locked
                name = getattr(listener, "__name__", "?")
                try:
                    if trouble_of(exc) != "locked":
                        raise
                    await retry_when_locked(functools.partial(listener, ctx, message),
                                            f"message listener {name}")
                except Exception as failed:
                    log.exception("message listener %s failed", name)
                    await self._storage_notice(failed)
        # No flush here: the dispatcher, woken by each commit, delivers what the
        # listeners recorded, and the channel's next message need not wait for it.

    async def complete(self, interaction: Interaction, completer: str,
                       typed: str) -> list[tuple[str, str]]:
        """Up to 25 suggestions; none when the completer is unknown or fails."""
        found = self._completers.get(completer)
        if found is None:
            return []
        try:
            return (await found(self.context(interaction), typed))[:25]
        except Exception:
            log.exception("completer %s failed", completer)
            return []

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

    async def handle_message_deleted(self, platform: str, channel_id: str,
                                     message_id: str) -> None:
        """A message was deleted on the platform: tell the listeners, and whether Garant
        deleted it itself (an effect it had recorded before acting)."""
        own = await self.own_deletion(platform, channel_id, message_id)
        for listener in self._deleted_listeners:
            try:
                await listener(platform, channel_id, message_id, own)
            except Exception:
                log.exception("message-deleted listener %s failed",
                              getattr(listener, "__name__", "?"))
        await self._flush_quietly()

    async def report_platform_problem(self, problem: PlatformProblem) -> None:
        log.warning("%s: %s", problem.platform, problem.key)
        for listener in self._problem_listeners:
            try:
                await listener(problem)
            except Exception:
                log.exception("platform-problem listener failed")

    async def handle_command_text(self, interaction: Interaction, text: str) -> None:
        """A command typed as text (`/charter check ...`): console and Slack."""
        ctx = self.context(interaction)
        try:
            command, args = parse_command(self.commands(interaction.platform), text, self.t)
        except ParseError as exc:
            await ctx.private(str(exc))
            return
        await self._run_command(ctx, command, args)

    async def handle_command(self, interaction: Interaction, path: tuple[str, ...],
                             args: Mapping[str, Any]) -> None:
        """A command whose options the platform already parsed (Discord)."""
        ctx = self.context(interaction)
        command = self.commands(interaction.platform).get(path)
        if command is None:
            await ctx.private(self.t("cmd.unknown", name=" ".join(path) or "?"))
            return
        given = {option.name: None for option in command.options} | dict(args)
        await self._run_command(ctx, command, given)

    async def _run_command(self, ctx: Context, command: Command, args: dict[str, Any]) -> None:
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
        """A button: its route parses the id, checks the permission, runs the handler."""
        ctx = self.context(interaction)
        found = self.registry.find_action(action)
        if not isinstance(found, tuple):
            await ctx.private(self.t("host.stale_button"))
            return
        route, args = found
        if await self._refused(ctx, route):
            return
        await self._guarded(ctx, route.handler, args, what=action)

    async def handle_form(self, interaction: Interaction, form: Form,
                          values: dict[str, str]) -> dict[str, str]:
        """Route a submitted form; return the errors by field (empty when accepted)."""
        ctx = self.context(interaction)
        errors = _required_errors(form, values, self.t)
        if errors:
            return errors
        found = self.registry.find_form(form.form_id)
        if not isinstance(found, tuple):
            await ctx.private(self.t("host.stale_form"))
            return {}
        route, args = found
        if await self._refused(ctx, route):
            return {}
        try:
            await retry_when_locked(lambda: route.handler(ctx, values=values, **args),
                                    f"form {form.form_id}")
        except FormInvalid as invalid:
            return invalid.errors
        except Exception as exc:
            log.exception("form handler for %s failed", form.form_id)
            await ctx.private(self.t(failure_key(exc)))
        await self._flush_quietly()
        return {}

    async def _refused(self, ctx: Context, route: Route) -> bool:
        if ctx.can(route.permission):
            return False
        await ctx.private(self.t(route.refused, role=self.t(f"role.{route.permission}")))
        return True

    async def _guarded(self, ctx: Context, handler: Callable[..., Awaitable[Any]],
                       args: dict[str, Any], what: str) -> None:
        try:
            await retry_when_locked(lambda: handler(ctx, **args), what)
        except Exception as exc:
            log.exception("%s failed", what)
            await ctx.private(self.t(failure_key(exc)))
        await self._flush_quietly()

    async def _storage_notice(self, exc: Exception) -> None:
        """A full disk or a read-only database while a message was checked: the
        moderators hear it, once an hour at most. Posted directly, not through the
        outbox, since nothing can be stored; the log has it if the post fails too."""
        trouble = trouble_of(exc)
        if trouble not in ("full", "read_only"):
            return
        now = self.clock.now()
        if self._storage_told is not None and now - self._storage_told < STORAGE_NOTICE_EVERY:
            return
        self._storage_told = now
        text = self.t(f"host.storage.{trouble}")
        for platform in self.platforms.values():
            channel = platform.channel_named(self.config.channels.review_queue)
            if channel is None:
                continue
            try:
                await platform.send(channel, text)
            except Exception:
                log.exception("could not tell the moderators on %s: %s", platform.name, text)

    # ------------------------------------------------------------ help

    def help_lines(self, roles: frozenset[str], platform: str,
                   prefix: tuple[str, ...] = ()) -> list[str]:
        lines = []
        for path, command in sorted(self.commands(platform).items()):
            if path[:len(prefix)] != prefix or not self.allows(roles, command.permission):
                continue
            lines.append(f"{usage(command, self.t)} — {self.t(command.help)}")
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


#: How often moderators are told the database cannot be written (a full disk).
STORAGE_NOTICE_EVERY = timedelta(hours=1)
