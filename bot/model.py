"""The platform-neutral model that cogs are written against.

Cogs never import discord or slack_bolt: they declare commands, cards, forms
and listeners with these types, and each platform adapter renders them
natively (slash commands and embeds on Discord, Block Kit on Slack, text in
the local console). Identifiers that must survive a restart — button action
ids, form ids, card keys — are plain strings that carry the id of the stored
object they act on (`review:keep:12`), never a pointer to memory.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal

Visibility = Literal["public", "private", "dm"]
Permission = Literal["anyone", "member", "moderator", "director"]
ButtonStyle = Literal["primary", "secondary", "success", "danger"]


# ---------------------------------------------------------------- identities


@functools.lru_cache(maxsize=16384)  # every message's author and roles, every time
def identity_key(identifier: str | int) -> str:
    """How a user, role or group identifier is compared: case-insensitively, without a
    leading @ or #, and with Discord mention syntax (`<@123>`, `<@&456>`) reduced to the
    id, because people paste whatever their client shows them."""
    key = unicodedata.normalize("NFC", str(identifier)).strip()
    mention = re.fullmatch(r"<[@#][!&]?(\d+)>", key)
    if mention:
        return mention.group(1)
    if key[:1] in ("@", "#"):
        key = key[1:].strip()
    return key.casefold()


def channel_key(name: str) -> str:
    """How channel names are compared: without '#', case-insensitively."""
    return identity_key(name)


@dataclass(frozen=True, slots=True)
class UserRef:
    """A person as stored: the platform and the platform's id, nothing else.

    Cogs keep people as refs (or their `key`, "platform:id") and ask the host for
    the rest (`bot.user(ref)`, `bot.send(ref, ...)`), so no cog splits keys by hand.
    """

    platform: str
    id: str

    @property
    def key(self) -> str:
        return f"{self.platform}:{self.id}"

    @classmethod
    def parse(cls, key: str) -> UserRef:
        """The ref a stored key names; ValueError for a text that is not `platform:id`."""
        platform, sep, user_id = key.partition(":")
        if not sep or not platform or not user_id:
            raise ValueError(f"not a user key (platform:id): {key!r}")
        return cls(platform, user_id)


@dataclass(frozen=True, slots=True)
class ChannelRef:
    """Where to post: a channel by name on every platform that has it (`platform`
    None), or one platform's channel by id or by name."""

    name: str = ""
    platform: str | None = None
    id: str | None = None

    @classmethod
    def named(cls, name: str, platform: str | None = None) -> ChannelRef:
        return cls(name.lstrip("#"), platform)


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

    @property
    def ref(self) -> UserRef:
        return UserRef(self.platform, self.id)

    def identifiers(self) -> set[str]:
        """Everything garant.yaml may use to name this user in its role lists."""
        return {self.id, self.name, *self.groups}


@dataclass(frozen=True, slots=True)
class Channel:
    platform: str
    id: str
    name: str
    is_dm: bool = False

    @property
    def ref(self) -> ChannelRef:
        return ChannelRef(self.name, self.platform, self.id)


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
    #: The platform id of the message this one answers in a thread: Slack's thread_ts,
    #: the message a Discord thread was started from, the console's `:reply N`.
    thread: str | None = None

    @property
    def key(self) -> str:
        return f"{self.platform}:{self.channel.id}:{self.id}"


@dataclass(slots=True)
class Interaction:
    """Something a person did that expects an answer: a command, a click, a form.

    `platform` is the name of the platform it came from (the host answers through
    it); `handle` is that platform's own object for answering (a discord.py
    interaction, a Slack response URL...), opaque to everyone else.
    """

    platform: str
    user: User
    channel: Channel
    handle: Any = None
    message_id: str | None = None  # the card a button was on


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
    card with a key remembers where it went so `Bot.refresh_card` (or `update_card`) can edit it.
    """

    title: str
    text: str = ""
    fields: tuple[tuple[str, str], ...] = ()
    buttons: tuple[Button, ...] = ()
    key: str | None = None
    footer: str = ""
    #: A discussion's name: where threads must be opened (Discord), the platform opens
    #: one under the posted card; elsewhere replies thread under it anyway.
    discussion: str = ""


Content = str | Card


# ---------------------------------------------------------------- pages (the web)


@dataclass(frozen=True, slots=True)
class Cell:
    """One line of a table's cell; `link` is another page of the site ("calendar?month=
    2026-12"), shown as a link where the platform has pages."""

    text: str
    link: str | None = None


@dataclass(frozen=True, slots=True)
class Table:
    """Rows under headers (a month's calendar: seven columns); each cell is lines."""

    caption: str
    headers: tuple[str, ...]
    rows: tuple[tuple[tuple[Cell, ...], ...], ...]


@dataclass(frozen=True, slots=True)
class Mark:
    """A marked part of a text, `text[start:end]`: a charter's finding (`note` says
    which rule and why), or what a revision added or removed."""

    start: int
    end: int
    kind: Literal["finding", "added", "removed"]
    note: str = ""


@dataclass(frozen=True, slots=True)
class MarkedText:
    """A text with parts marked (a draft with its findings, a revision's changes), under
    a title. Marks do not overlap; a platform without marks shows the text alone."""

    title: str
    text: str
    marks: tuple[Mark, ...] = ()

    def segments(self) -> list[tuple[str, Mark | None]]:
        """The text cut at its marks, in order: (part, its mark or None)."""
        parts: list[tuple[str, Mark | None]] = []
        at = 0
        for mark in sorted(self.marks, key=lambda m: (m.start, m.end)):
            if mark.start < at or mark.end <= mark.start or mark.end > len(self.text):
                continue  # overlapping or outside the text: shown unmarked
            if mark.start > at:
                parts.append((self.text[at:mark.start], None))
            parts.append((self.text[mark.start:mark.end], mark))
            at = mark.end
        if at < len(self.text):
            parts.append((self.text[at:], None))
        return parts


@dataclass(frozen=True, slots=True)
class Picture:
    """An image shown on a page (the weekly chart): `alt` says what it shows."""

    attachment: Attachment
    alt: str


@dataclass(frozen=True, slots=True)
class PostPreview:
    """A post as its network shows it (the client's sign-off): who posts, the text with
    its hashtags, mentions and links, where the feed folds it behind "see more"
    (`fold`, in characters) and the network's limit; `facts` are lines under it."""

    network: str
    author: str
    text: str
    fold: int | None = None
    limit: int | None = None
    facts: tuple[tuple[str, str], ...] = ()


@dataclass(frozen=True, slots=True)
class Page:
    """A page of a cog's own (the publication calendar), where a platform has pages.

    `links`: navigation, (label, page link) — the previous month, the week view;
    `feed`: the name of a feed the page offers (`Bot.add_feed`): the platform shows
    its private address;
    `form`: fields shown under the contents. On a member's page it only reads (a text
    to try against the charter: its values come back as the query); on a guest's page
    it is their answer (`GuestRoute.answer`)."""

    title: str
    contents: tuple[Content | Table | MarkedText | Picture | PostPreview, ...] = ()
    links: tuple[tuple[str, str], ...] = ()
    feed: str | None = None
    form: Form | None = None


@dataclass(frozen=True, slots=True)
class PageRoute:
    """A page a cog offers: `name` in its address (`/p/calendar`), `title` a catalogue
    key, `handler(ctx, query)` the Page for the query's parameters."""

    name: str
    title: str
    handler: Callable[..., Awaitable[Page]]
    permission: Permission = "member"
    #: In the site's navigation; a page reached from others (a draft's) is not.
    listed: bool = True


@dataclass(frozen=True, slots=True)
class GuestRoute:
    """A page for someone without an account — the client signing off a post — at a
    signed address that names `subject` and expires (`Bot.guest_link`).

    `page(subject)`: the Page, or None when there is nothing to answer any more;
    `answer(subject, values)`: the page form's values — field errors to show again,
    or the text thanking the guest."""

    name: str
    page: Callable[[str], Awaitable[Page | None]]
    answer: Callable[[str, dict[str, str]], Awaitable[dict[str, str] | str]]


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
    #: A platform capability the command needs (`bot/platforms/capabilities.py`); the
    #: command exists only on platforms that offer it.
    capability: str | None = None

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


def card_to_dict(card: Card) -> dict[str, Any]:
    data = {"title": card.title, "text": card.text, "fields": [list(f) for f in card.fields],
            "buttons": [[b.label, b.action, b.style] for b in card.buttons], "key": card.key,
            "footer": card.footer}
    if card.discussion:
        data["discussion"] = card.discussion
    return data


def card_from_dict(data: dict[str, Any]) -> Card:
    return Card(
        title=data["title"], text=data.get("text", ""),
        fields=tuple((str(a), str(b)) for a, b in data.get("fields", [])),
        buttons=tuple(Button(label, action, style)
                      for label, action, style in data.get("buttons", [])),
        key=data.get("key"), footer=data.get("footer", ""),
        discussion=data.get("discussion", ""),
    )
