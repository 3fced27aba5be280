"""What a platform is, and the narrow host it talks to.

A platform package (`bot/platforms/<name>/`) declares a `PLATFORM = PlatformSpec(...)`
in its `__init__.py` — its name, the secrets it needs from the environment, its
`garant.yaml` section, the module that builds it, and any command-line
subcommands — without importing its chat library, so `garant check` and the
console never load discord.py or slack-bolt. `run.py`, `cli.py` and `config.py`
discover the specs; none of them lists platforms.

The adapter it builds is a `Platform`: it renders the neutral model
(`bot/model.py`) natively and turns platform events into calls on a `Host`, the
small typed interface below. Adapters never see the whole bot, the cogs or the
config: whatever they need is on `Host`.
"""

from __future__ import annotations

import argparse
import re
from abc import ABC, abstractmethod
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, Any, ClassVar, Protocol, TextIO
from zoneinfo import ZoneInfo

from bot.model import (
    Attachment,
    Channel,
    Command,
    Content,
    Form,
    Interaction,
    Message,
    MessageAction,
    Page,
    PageRoute,
    User,
    Visibility,
)
from bot.phrases import PhraseError

if TYPE_CHECKING:
    from bot.clock import Clock
    from bot.i18n import Translator
    from bot.store import Store, Transaction


class PlatformStartError(PhraseError):
    """A platform cannot start for a reason the person running Garant can fix (a refused
    token, a port in use): one clear line, exit status 2."""


class DeliveryError(Exception):
    """An effect the platform did not perform. `permanent`: it never will (a missing
    permission, a channel or person that does not exist, no admin token): the effect
    is refused and whoever asked is told. Otherwise (a 500, a 429 after its retries,
    the network) the outbox tries again later."""

    def __init__(self, reason: str, permanent: bool) -> None:
        super().__init__(reason)
        self.permanent = permanent


class NotYet(DeliveryError):
    """An effect the platform cannot perform yet (its pace for direct messages): the
    outbox tries it again in `after` seconds, without counting a failed attempt."""

    def __init__(self, reason: str, after: float) -> None:
        super().__init__(reason, permanent=False)
        self.after = after


@dataclass(frozen=True, slots=True)
class PlatformProblem:
    """Something moderators should know about the platform (a missing permission),
    already in words (`text`, translated). The platform throttles repeats; the host
    hands it to whoever listens (the moderation cog posts it in the review queue).

    channel: the channel it is about, if any; cannot_post: the bot cannot post there
    (so the problem must not be reported *there*)."""

    platform: str
    key: str
    text: str
    channel: str | None = None
    cannot_post: bool = False


class Host(Protocol):
    """What an adapter may ask of the host: the `handle_*` entry points, answers for
    completions and home views, read-only views of what cogs declared, the
    catalogue, and a few values (clock, store, language, zone)."""

    @property
    def clock(self) -> Clock: ...
    @property
    def store(self) -> Store: ...
    @property
    def t(self) -> Translator: ...
    @property
    def language(self) -> str: ...
    @property
    def timezone(self) -> ZoneInfo: ...

    def add_messages(self, messages: Mapping[str, Mapping[str, str]]) -> None: ...
    def catalogue_template(self, language: str, key: str) -> str | None: ...
    def commands(self, platform: str) -> Mapping[tuple[str, ...], Command]: ...
    def message_actions(self) -> Mapping[str, MessageAction]: ...
    def roles_of(self, user: User) -> frozenset[str]: ...
    async def user(self, who: str) -> User | None:
        """The person a stored key (`platform:id`) names, as their platform knows them
        now; None when that platform is not running."""
        ...
    def role_identifiers(self) -> Mapping[str, tuple[str, ...]]: ...
    async def send(self, to: User, content: Content, *, tx: Transaction | None = None) -> int:
        """A direct message through the outbox; recorded in `tx` (delivered by the
        dispatcher after its commit) or, without one, recorded and delivered at once."""
        ...

    async def handle_message(self, platform: str, message: Message) -> None: ...
    async def handle_message_deleted(self, platform: str, channel_id: str,
                                     message_id: str) -> None: ...
    async def handle_command_text(self, interaction: Interaction, text: str) -> None: ...
    async def handle_command(self, interaction: Interaction, path: tuple[str, ...],
                             args: Mapping[str, Any]) -> None: ...
    async def handle_action(self, interaction: Interaction, action: str) -> None: ...
    async def handle_form(self, interaction: Interaction, form: Form,
                          values: dict[str, str]) -> dict[str, str]: ...
    async def handle_message_action(self, interaction: Interaction, action_id: str,
                                    message: Message) -> None: ...
    async def complete(self, interaction: Interaction, completer: str,
                       typed: str) -> list[tuple[str, str]]: ...
    async def home_contents(self, interaction: Interaction) -> list[Content]: ...
    def pages_for(self, user: User) -> list[PageRoute]: ...
    async def page(self, interaction: Interaction, name: str,
                   query: Mapping[str, str]) -> Page | None: ...
    async def feed(self, name: str) -> Attachment | None: ...
    async def guest_page(self, route: str, subject: str) -> Page | None: ...
    async def guest_answer(self, route: str, subject: str,
                           values: dict[str, str]) -> dict[str, str] | str | None: ...
    async def report_platform_problem(self, problem: PlatformProblem) -> None: ...
    async def run_due_jobs(self) -> None: ...


class Platform(ABC):
    """One chat platform.

    The effects (`send`, `edit`, `delete_message`, `send_dm`, `timeout`,
    `send_file`) are performed by the outbox's dispatcher (`bot/effects.py`): they
    return on success and raise `DeliveryError` otherwise, saying whether trying
    again may help. Answers to an interaction (`reply`, `open_form`) are not
    effects: they never raise, a failure is logged. Lookups return None when the
    platform does not know."""

    name: str
    #: Optional features other parts may use through `bot.capability(...)`; see
    #: `bot/platforms/capabilities.py`.
    capabilities: ClassVar[frozenset[str]] = frozenset()
    #: Garant stops when `run()` returns (the console); chat platforms serve until
    #: cancelled.
    foreground: ClassVar[bool] = False

    async def prepare(self) -> None:
        """Log in and learn what the synchronous lookups need (channel names...) before
        the host starts: start-up jobs may post at once. Raise PlatformStartError for a
        problem the person running Garant must fix (a refused token)."""
        return None

    async def run(self) -> None:
        """Connect and serve until cancelled (chat platforms); the console runs itself."""
        return None

    async def close(self) -> None:
        """Disconnect cleanly."""
        return None

    def banner(self) -> list[str]:
        """Lines for the start-up banner (where to reach the platform, its clock...)."""
        return []

    @abstractmethod
    def channel_named(self, name: str) -> Channel | None:
        """The channel with this name (without '#'), if the bot can post there."""

    @abstractmethod
    async def send(self, channel: Channel, content: Content) -> str:
        """Post publicly; the new message's id."""

    @abstractmethod
    async def edit(self, channel_id: str, message_id: str, content: Content) -> None:
        """Replace the content of one of the bot's own messages (a message that is gone
        is not an error: there is nothing left to show)."""

    @abstractmethod
    async def delete_message(self, message: Message) -> None:
        """Remove a person's message (moderation); one already gone is not an error."""

    def dm_delay(self) -> float:
        """Seconds before this platform may send another direct message (its pace)."""
        return 0.0

    @abstractmethod
    async def send_dm(self, user: User, content: Content) -> None:
        """A direct message to one person, delivered (paced where the platform needs it:
        `bot/platforms/kit.py`, `DmPacer`)."""

    @abstractmethod
    async def reply(self, interaction: Interaction, content: Content,
                    visibility: Visibility) -> None:
        """Answer an interaction publicly, privately (ephemeral) or by DM."""

    @abstractmethod
    async def open_form(self, interaction: Interaction, form: Form, errors: dict[str, str],
                        values: dict[str, str]) -> None:
        """Ask the user to fill a form (again, with errors by field when not empty)."""

    @abstractmethod
    async def user_by_id(self, user_id: str) -> User | None:
        """The user with this platform id, if known."""

    @abstractmethod
    async def resolve_members(self, identifiers: list[str]) -> list[User]:
        """The users named by role-list identifiers (user names or ids, platform roles or
        groups expanded to their members), each once."""

    @abstractmethod
    async def send_file(self, channel: Channel, attachment: Attachment, text: str = "") -> None:
        """Post a file (with a short text) in a channel; platforms without files may
        store it and post where it is."""

    async def timeout(self, user: User, duration: timedelta) -> None:
        """Keep a member from posting for a while (Discord's timeouts); refused where the
        platform has no such thing."""
        raise DeliveryError(f"{self.name} has no timeouts", permanent=True)

    async def fetch_message(self, channel_id: str | None, message_id: str) -> Message | None:
        """A person's message by id (for reports typed as commands); None if unknown."""
        return None

    async def user_timezone(self, user_id: str) -> str | None:
        """The IANA time zone a person's profile gives (Slack's does); None where the
        platform does not say."""
        return None

    async def find_user(self, text: str) -> User | None:
        """The user a command argument names: a mention, an id or a name."""
        token = text.strip()
        if token.startswith("<@") and token.endswith(">"):
            token = token[2:-1].lstrip("!&")
        return await self.user_by_id(token.lstrip("@"))


# --------------------------------------------------------------------------- declaring


@dataclass(frozen=True, slots=True)
class Secret:
    """An environment variable a platform reads (never garant.yaml).

    looks_like: a regex of the value's shape, so that a token pasted in garant.yaml
    is refused with the variable it belongs in; key_words: words in a YAML key that
    point at this variable (`signing_secret` -> SLACK_SIGNING_SECRET)."""

    variable: str
    description: str
    looks_like: str | None = None
    key_words: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StartRequest:
    """What `create` gets to build a platform: the host, the secrets by variable, the
    environment (for the GARANT_* overrides tests and proxies use), the platform's
    own settings (its garant.yaml section) and the `garant run` options."""

    host: Host
    secrets: Mapping[str, str | None]
    env: Mapping[str, str]
    settings: Any
    options: Any
    stdin: TextIO | None = None
    stdout: TextIO | None = None


@dataclass(frozen=True, slots=True)
class PlatformSpec:
    """A platform as `garant run` and the command line see it, before it is loaded.

    required: the variables that must be set for the platform to start; their
        presence is what selects it when no --platform is given (none: the platform
        runs only when asked, like the console).
    alternatively: another set of variables that, all set, selects it too (Slack: an
        app installed on workspaces through OAuth, whose tokens are in the database).
    settings: the dataclass reading its garant.yaml section (see `bot/settings.py`),
        or None.
    factory: "module:function" building the Platform from a StartRequest; imported
        only when the platform runs.
    add_cli: adds the platform's own subcommands under `garant NAME ...`.
    add_run_options: adds the platform's options to `garant run` (e.g. --port).
    default: run when no chat platform is selected (the console).
    identifiers: the shape of the platform's user and group ids as written in role
        lists. An unqualified role entry of that shape applies on this platform only:
        a Slack `U…` id never gives roles to a Discord user who took that text as
        their name, whether or not Slack is running."""

    name: str
    title: str
    factory: str
    secrets: tuple[Secret, ...] = ()
    required: tuple[str, ...] = ()
    alternatively: tuple[str, ...] = ()
    settings: type[Any] | None = None
    add_cli: Callable[[argparse._SubParsersAction[Any]], None] | None = None
    add_run_options: Callable[[argparse.ArgumentParser], None] | None = None
    default: bool = False
    order: int = 50
    identifiers: re.Pattern[str] | None = None
    #: Whether the platform runs beside the selected ones, given its settings, the
    #: `garant run` options and whether this is the no-token demo (the web pages: when
    #: `web.listen` or `--web` asks, and in the demo).
    requested_by: Callable[[Any, Any, bool], bool] | None = None

    def ready(self, secrets: Mapping[str, str | None]) -> bool:
        """Whether every required secret is set (or every one of the alternative set)."""
        return any(names and all(secrets.get(v) for v in names)
                   for names in (self.required, self.alternatively))


__all__ = ["DeliveryError", "Host", "Platform", "PlatformProblem", "PlatformSpec",
           "PlatformStartError", "Secret", "StartRequest"]
