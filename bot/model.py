"""The platform-neutral model that cogs are written against.

Cogs never import discord or slack_bolt: they declare commands, cards, forms
and listeners with these types, and each platform adapter renders them
natively (slash commands and embeds on Discord, Block Kit on Slack, text in
the local console). Identifiers that must survive a restart — button action
ids, form ids, card keys — are plain strings that carry the id of the stored
object they act on (`review:keep:12`), never a pointer to memory.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING, Any, Literal

if TYPE_CHECKING:
    from bot.host import Context

Visibility = Literal["public", "private", "dm"]
Permission = Literal["anyone", "member", "moderator", "director"]
ButtonStyle = Literal["primary", "secondary", "success", "danger"]


@dataclass(frozen=True, slots=True)
class User:
    """A person on one platform. `groups` are their platform roles or user groups."""

    platform: str
    id: str
    name: str
    groups: frozenset[str] = frozenset()
    is_bot: bool = False

    @property
    def key(self) -> str:
        """Stable identity across the store: `platform:id`."""
        return f"{self.platform}:{self.id}"

    def identifiers(self) -> set[str]:
        """Everything garant.yaml may use to name this user in its role lists."""
        return {self.id, self.name, *self.groups}


@dataclass(frozen=True, slots=True)
class Channel:
    platform: str
    id: str
    name: str
    is_dm: bool = False


@dataclass(frozen=True, slots=True)
class Message:
    """A message posted by a person, as the adapters report it."""

    platform: str
    id: str
    channel: Channel
    author: User
    text: str
    at: datetime
    edited: bool = False
    link: str | None = None

    @property
    def key(self) -> str:
        return f"{self.platform}:{self.channel.id}:{self.id}"


# ---------------------------------------------------------------- what the bot shows


@dataclass(frozen=True, slots=True)
class Button:
    label: str
    action: str  # stable action id, e.g. "review:keep:12"
    style: ButtonStyle = "secondary"


@dataclass(frozen=True, slots=True)
class Card:
    """A titled block with fields and buttons, updated in place when its object changes.

    `key` names the stored object the card shows (e.g. "review:12"); posting a
    card with a key remembers where it went so `Bot.update_card` can edit it.
    """

    title: str
    text: str = ""
    fields: tuple[tuple[str, str], ...] = ()
    buttons: tuple[Button, ...] = ()
    key: str | None = None
    footer: str = ""


Content = str | Card


@dataclass(frozen=True, slots=True)
class Attachment:
    """A file the bot posts (a report's chart, a CSV export)."""

    filename: str
    data: bytes
    mime_type: str = "application/octet-stream"


@dataclass(frozen=True, slots=True)
class FormField:
    name: str
    label: str
    multiline: bool = False
    required: bool = True
    max_length: int = 1000
    placeholder: str = ""
    default: str = ""
    choices: tuple[str, ...] = ()  # when set, the value must be one of them


@dataclass(frozen=True, slots=True)
class Form:
    """A few labelled fields. `form_id` routes the submission, e.g. "draft:new"."""

    form_id: str
    title: str
    fields: tuple[FormField, ...]
    submit_label: str = ""


class FormInvalid(Exception):
    """Raised by a form handler: the form is shown again with these errors by field."""

    def __init__(self, errors: dict[str, str], values: dict[str, str] | None = None) -> None:
        super().__init__(", ".join(f"{k}: {v}" for k, v in errors.items()))
        self.errors = errors
        self.values = values or {}


# ---------------------------------------------------------------- what cogs declare

OptionType = Literal["text", "int", "user", "rest"]


@dataclass(frozen=True, slots=True)
class Option:
    """A typed command option. `rest` takes the remaining words (the last option only)."""

    name: str
    type: OptionType = "text"
    help: str = ""  # i18n key
    required: bool = True
    choices: tuple[str, ...] = ()
    complete: str | None = None  # a completer registered with Bot.add_completer


Handler = Callable[..., Awaitable[Any]]


@dataclass(frozen=True, slots=True)
class Command:
    """A command declared once: `/charter check TEXT` is path ("charter", "check")."""

    path: tuple[str, ...]
    help: str  # i18n key of a one-line description
    handler: Handler
    options: tuple[Option, ...] = ()
    permission: Permission = "anyone"

    @property
    def name(self) -> str:
        return " ".join(self.path)


@dataclass(frozen=True, slots=True)
class MessageAction:
    """An action on someone's message (Discord context menu, Slack message shortcut):
    `handler(ctx, message)`. `label` is an i18n key; `id` is stable."""

    id: str
    label: str
    handler: Handler
    permission: Permission = "anyone"


@dataclass(slots=True)
class Registry:
    """What the cogs registered: commands, listeners, actions, forms, jobs."""

    commands: dict[tuple[str, ...], Command] = field(default_factory=dict)
    message_listeners: list[Callable[[Context, Message], Awaitable[None]]] = field(
        default_factory=list)
    actions: dict[str, Handler] = field(default_factory=dict)  # action id prefix -> handler
    forms: dict[str, Handler] = field(default_factory=dict)  # form id prefix -> handler
    message_actions: dict[str, MessageAction] = field(default_factory=dict)

    def add_command(self, command: Command) -> None:
        if command.path in self.commands:
            raise ValueError(f"command /{command.name} is registered twice")
        rest = [o for o in command.options if o.type == "rest"]
        if rest and command.options[-1].type != "rest":
            raise ValueError(f"/{command.name}: a 'rest' option must come last")
        self.commands[command.path] = command

    def find_action(self, action: str) -> tuple[str, Handler] | None:
        """The handler whose prefix is the longest match of `action`."""
        best = None
        for prefix, handler in self.actions.items():
            matches = action == prefix or action.startswith(prefix + ":")
            if matches and (best is None or len(prefix) > len(best[0])):
                best = (prefix, handler)
        return best

    def find_form(self, form_id: str) -> Handler | None:
        for prefix, handler in sorted(self.forms.items(), key=lambda kv: -len(kv[0])):
            if form_id == prefix or form_id.startswith(prefix + ":"):
                return handler
        return None


def card_to_dict(card: Card) -> dict[str, Any]:
    return {"title": card.title, "text": card.text, "fields": [list(f) for f in card.fields],
            "buttons": [[b.label, b.action, b.style] for b in card.buttons], "key": card.key,
            "footer": card.footer}


def card_from_dict(data: dict[str, Any]) -> Card:
    return Card(
        title=data["title"], text=data.get("text", ""),
        fields=tuple((str(a), str(b)) for a, b in data.get("fields", [])),
        buttons=tuple(Button(label, action, style)
                      for label, action, style in data.get("buttons", [])),
        key=data.get("key"), footer=data.get("footer", ""),
    )
