"""How cogs reach people and channels: through the host and its outbox.

Cogs hold people as `UserRef`s (or their stored keys, "platform:id") and channels
as `ChannelRef`s, and call `bot.send(...)`, `bot.post_card(...)`,
`bot.refresh_card(...)`, `bot.delete(...)`: each records effects in the outbox
(`bot/effects.py`), in the caller's transaction when one is given — so the state
change and its effects commit together — and they are delivered after the
commit. Without a transaction, the effect is recorded and delivered at once.

No cog reaches into a platform, splits a user key by hand, or needs to know that
a channel name exists on two platforms at once (a keyed card posted on both is
then refreshed on both).

The host (`bot.host.Bot`) is a `Delivery`; this part knows nothing of cogs,
commands or routes.
"""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import AsyncIterator, Iterable, Mapping
from contextlib import asynccontextmanager
from datetime import timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from bot.effects import (
    CardRenderer,
    Dispatcher,
    Kind,
    Outbox,
    ResultHandler,
    encode_content,
    encode_file,
    message_target_of,
)
from bot.model import (
    Attachment,
    Card,
    Channel,
    ChannelRef,
    Content,
    Message,
    User,
    UserRef,
)
from bot.platforms.base import Platform

if TYPE_CHECKING:
    from bot.clock import Clock
    from bot.config import Roles
    from bot.store import Store, Transaction

log = logging.getLogger("bot.host")

#: The role names `members` takes: the lists of garant.yaml's `roles` section.
ROLE_LISTS = ("members", "moderators", "director", "exempt")


class Delivery:
    """The attached platforms, the outbox, and every outbound operation cogs use."""

    def __init__(self, store: Store, clock: Clock, roles: Roles) -> None:
        self.store = store
        self.clock = clock
        self._roles = roles
        self._platforms: dict[str, Platform] = {}
        self.outbox = Outbox(store, clock)
        self.dispatcher = Dispatcher(self.outbox, lambda: self._platforms, self._members_on)

    # ------------------------------------------------------------ platforms

    def attach(self, platform: Platform) -> None:
        """Serve a platform: its events come in, cogs' effects go out to it."""
        self._platforms[platform.name] = platform

    @property
    def platforms(self) -> Mapping[str, Platform]:
        """The attached platforms by name (read-only; for `garant run` and tests)."""
        return MappingProxyType(self._platforms)

    def capability(self, platform: str, name: str) -> Any:
        """The platform, when it offers the capability `name` (a protocol of
        `bot/platforms/capabilities.py`, whose NAME it is), else None: a missing
        capability degrades gracefully. Annotate the result with the protocol."""
        found = self._platforms.get(platform)
        if found is None or name not in found.capabilities:
            return None
        return found

    def offers(self, platform: str, capability: str) -> bool:
        found = self._platforms.get(platform)
        return found is not None and capability in found.capabilities

    # ------------------------------------------------------------ what cogs declare

    def add_card(self, prefix: str, renderer: CardRenderer) -> None:
        """Render the cards whose key starts with `prefix:` from the stored state, when
        they are posted or refreshed: `renderer(key)` returns the card, or None when
        its object is gone."""
        self.dispatcher.add_renderer(prefix, renderer)

    def on_effect(self, name: str, handler: ResultHandler) -> None:
        """Hear the outcome of the effects recorded with `then=name` (done, refused by
        the platform, or dead after its retries), in a transaction of its own."""
        self.dispatcher.add_handler(name, handler)

    # ------------------------------------------------------------ people

    async def user(self, who: UserRef | str) -> User | None:
        """The person a ref (or a stored key) names, as their platform knows them now."""
        ref = who if isinstance(who, UserRef) else _parse(who)
        platform = self._platforms.get(ref.platform) if ref else None
        if ref is None or platform is None:
            return None
        return await platform.user_by_id(ref.id)

    async def user_timezone(self, who: UserRef | str) -> str | None:
        """The time zone a person's platform profile gives, if it gives one."""
        ref = who if isinstance(who, UserRef) else _parse(who)
        platform = self._platforms.get(ref.platform) if ref else None
        if ref is None or platform is None:
            return None
        return await platform.user_timezone(ref.id)

    def identifier_owner(self, entry: str) -> str | None:
        """The platform whose id shape an unqualified role entry has, if any (among
        every installed platform, running or not)."""
        return _owner_of(entry)

    async def find_user(self, platform: str, text: str) -> User | None:
        """The person a command argument names on `platform`: a mention, an id, a name."""
        found = self._platforms.get(platform)
        return await found.find_user(text) if found else None

    async def members(self, role: str = "members", platform: str | None = None) -> list[User]:
        """The people holding a configured role ("members", "moderators", "director",
        "exempt"), with platform roles and groups expanded to their members; on one
        platform, or on every attached one. A platform that cannot list its members is
        logged and left out."""
        if role not in ROLE_LISTS:
            raise ValueError(f"unknown role list {role!r}; expected one of {ROLE_LISTS}")
        return await self._people(self._roles, role, platform)

    async def people(self, listed: Roles, platform: str | None = None) -> list[User]:
        """The people a list written like the roles names (`listed.members`: names, ids,
        platform roles and groups), such as the members of one client's routine."""
        return await self._people(listed, "members", platform)

    async def _members_on(self, role: str, platform: str) -> list[User]:
        return await self._people(self._roles, role, platform)

    async def _people(self, roles: Roles, role: str, platform: str | None) -> list[User]:
        found: list[User] = []
        for name, attached in self._platforms.items():
            if platform is not None and name != platform:
                continue
            try:
                found += await attached.resolve_members(
                    roles.entries_for(role, name, self.identifier_owner))
            except Exception:
                log.exception("could not list the %s on %s", role, name)
        return found

    async def fetch_message(self, platform: str, channel_id: str | None,
                            message_id: str) -> Message | None:
        """A person's message still on the platform (a report typed as a command)."""
        found = self._platforms.get(platform)
        return await found.fetch_message(channel_id, message_id) if found else None

    # ------------------------------------------------------------ recording effects

    @asynccontextmanager
    async def _recording(self, tx: Transaction | None) -> AsyncIterator[Transaction]:
        """The caller's transaction (its effects go out after its commit), or one of our
        own, delivered as soon as it commits."""
        if tx is not None:
            yield tx
            return
        async with self.store.transaction() as own:
            yield own
        await self.flush()

    async def flush(self) -> None:
        """Deliver the effects that are due now (the host does after every handler and
        job); retries are the background dispatcher's. Free when nothing was recorded
        (most messages): no query."""
        if not self.outbox.idle:
            await self.dispatcher.drain()

    def _channels(self, to: ChannelRef) -> list[tuple[str, Channel]]:
        found = []
        for name, platform in self._platforms.items():
            if to.platform is not None and name != to.platform:
                continue
            if to.id is not None:
                found.append((name, Channel(name, to.id, to.name)))
                continue
            channel = platform.channel_named(to.name)
            if channel is not None:
                found.append((name, channel))
        if not found:
            log.warning("no platform has a channel named #%s", to.name or to.id)
        return found

    async def send(self, to: ChannelRef | UserRef | User, content: Content, *,
                   tx: Transaction | None = None, key: str | None = None,
                   then: str | None = None, data: Mapping[str, Any] | None = None) -> int:
        """Post in a channel (on every platform that has it, unless the ref names one)
        or write to a person (a direct message); how many effects were recorded. `key`
        makes it idempotent (a second effect with the same key is dropped); `then`
        names the handler that hears the outcome."""
        async with self._recording(tx) as writing:
            if isinstance(to, User | UserRef):
                recorded = await self.outbox.record(
                    writing, "dm", to.platform, {"user_id": to.id}, encode_content(content),
                    dedupe_key=key, then=then, data=data)
                return int(recorded is not None)
            return await self._in_channels(
                writing, "send", to, encode_content(content), key,
                card_key=content.key if isinstance(content, Card) else None, then=then,
                data=data)

    async def send_role(self, role: str, platform: str, content: Content, *,
                        tx: Transaction | None = None, key: str | None = None,
                        exclude: Iterable[str] = ()) -> int:
        """A direct message to everyone holding `role` on `platform` when it is
        delivered (the directors of a draft's platform), except the people in
        `exclude` (user keys)."""
        async with self._recording(tx) as writing:
            recorded = await self.outbox.record(
                writing, "dm", platform, {"role": role, "except": sorted(exclude)},
                encode_content(content), dedupe_key=key)
            return int(recorded is not None)

    async def post_card(self, to: ChannelRef, card_key: str, *, tx: Transaction | None = None,
                        key: str | None = None) -> int:
        """Post the card `card_key` (rendered from the stored state when delivered, by
        the cog that owns its prefix) and remember where it went."""
        async with self._recording(tx) as writing:
            return await self._in_channels(writing, "card", to, None, key, card_key=card_key)

    async def refresh_card(self, card_key: str, *, tx: Transaction | None = None) -> int:
        """Edit every posted copy of a card, rendered from the stored state when the
        edit is delivered; a burst of refreshes of one card is one edit."""
        async with self._recording(tx) as writing:
            count = 0
            for platform in self._platforms:
                if await self.outbox.card_pending(writing, platform, card_key):
                    continue  # its post, not yet delivered, will show the state then
                recorded = await self.outbox.record(
                    writing, "refresh", platform, {}, card_key=card_key,
                    coalesce_key=f"refresh:{platform}:{card_key}")
                count += recorded is not None
            return count

    async def update_card(self, card: Card, *, tx: Transaction | None = None) -> int:
        """Edit every posted copy of the card with the same key to show `card` (for
        cards with no renderer)."""
        if not card.key:
            raise ValueError("only keyed cards can be updated")
        async with self._recording(tx) as writing:
            count = 0
            for platform in self._platforms:
                recorded = await self.outbox.record(
                    writing, "refresh", platform, {}, encode_content(card), card_key=card.key)
                count += recorded is not None
            return count

    async def send_file(self, to: ChannelRef, attachment: Attachment, text: str = "", *,
                        tx: Transaction | None = None, key: str | None = None) -> int:
        """Post a file in a channel (every platform that has it, unless the ref names one)."""
        async with self._recording(tx) as writing:
            return await self._in_channels(writing, "file", to, encode_file(attachment, text),
                                           key)

    async def _in_channels(self, tx: Transaction, kind: Kind, to: ChannelRef, content: Any,
                           key: str | None, **options: Any) -> int:
        """One effect per platform that has the channel (a key made per platform); how
        many were recorded."""
        count = 0
        for platform, channel in self._channels(to):
            recorded = await self.outbox.record(
                tx, kind, platform, _channel_target(channel), content,
                dedupe_key=f"{key}@{platform}" if key else None, **options)
            count += recorded is not None
        return count

    # ------------------------------------------------------------ moderation effects

    async def delete(self, message: Message, *, tx: Transaction | None = None,
                     then: str | None = None, data: Mapping[str, Any] | None = None) -> int:
        """Remove a person's message. Recorded before it happens, so the platform's
        deletion event is known for Garant's own (`own_deletion`)."""
        async with self._recording(tx) as writing:
            author = {"author_id": message.author.id, "author_name": message.author.name,
                      "channel_name": message.channel.name}
            recorded = await self.outbox.record(
                writing, "delete", message.platform,
                message_target_of(message.channel.id, message.id), author,
                dedupe_key=f"delete:{message.key}:{self.clock.now().isoformat()}",
                then=then, data=data)
            return int(recorded is not None)

    async def own_deletion(self, platform: str, channel_id: str, message_id: str) -> bool:
        return await self.outbox.own_deletion(platform, channel_id, message_id)

    async def timeout(self, who: UserRef | User, duration: timedelta, *,
                      tx: Transaction | None = None, then: str | None = None,
                      data: Mapping[str, Any] | None = None) -> int:
        """Keep a member from posting for a while where the platform can (Discord)."""
        async with self._recording(tx) as writing:
            name = who.name if isinstance(who, User) else ""
            recorded = await self.outbox.record(
                writing, "timeout", who.platform, {"user_id": who.id, "name": name},
                duration.total_seconds(), then=then, data=data)
            return int(recorded is not None)


@functools.cache
def _identifier_shapes() -> dict[str, re.Pattern[str]]:
    from bot.platforms import discover

    return {name: spec.identifiers for name, spec in discover().items() if spec.identifiers}


@functools.lru_cache(maxsize=4096)
def _owner_of(entry: str) -> str | None:
    """The one platform whose id shape `entry` has (asked on every message: cached)."""
    owners = [name for name, shape in _identifier_shapes().items()
              if shape.fullmatch(entry.strip())]
    return owners[0] if len(owners) == 1 else None


def _channel_target(channel: Channel) -> dict[str, str]:
    return {"channel_id": channel.id, "channel_name": channel.name}


def _parse(key: str) -> UserRef | None:
    try:
        return UserRef.parse(key)
    except ValueError:
        return None


__all__ = ["ROLE_LISTS", "Delivery"]
