"""How cogs reach people and channels: through the host, never through a platform.

Cogs hold people as `UserRef`s (or their stored keys, "platform:id") and channels
as `ChannelRef`s, and call `bot.send(...)`, `bot.members(role)`, `bot.user(ref)`:
this class resolves them on the attached platforms. So no cog reaches into a
platform, splits a user key by hand, or needs to know that a channel name exists
on two platforms at once (a keyed card posted on both is then edited on both).

The host (`bot.host.Bot`) is a `Delivery`; this part knows nothing of cogs,
commands or routes.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from datetime import timedelta
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

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
from bot.store import format_utc

if TYPE_CHECKING:
    from bot.clock import Clock
    from bot.config import Roles
    from bot.store import Store

log = logging.getLogger("bot.host")

#: The role names `members` takes: the lists of garant.yaml's `roles` section.
ROLE_LISTS = ("members", "moderators", "director", "exempt")


class Delivery:
    """The attached platforms, and every outbound operation cogs use."""

    def __init__(self, store: Store, clock: Clock, roles: Roles) -> None:
        self.store = store
        self.clock = clock
        self._roles = roles
        self._platforms: dict[str, Platform] = {}

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

    # ------------------------------------------------------------ people

    async def user(self, who: UserRef | str) -> User | None:
        """The person a ref (or a stored key) names, as their platform knows them now."""
        ref = who if isinstance(who, UserRef) else _parse(who)
        platform = self._platforms.get(ref.platform) if ref else None
        if ref is None or platform is None:
            return None
        return await platform.user_by_id(ref.id)

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
        identifiers = list(getattr(self._roles, role))
        found: list[User] = []
        for name, attached in self._platforms.items():
            if platform is not None and name != platform:
                continue
            try:
                found += await attached.resolve_members(identifiers)
            except Exception:
                log.exception("could not list the %s on %s", role, name)
        return found

    async def fetch_message(self, platform: str, channel_id: str | None,
                            message_id: str) -> Message | None:
        """A person's message still on the platform (a report typed as a command)."""
        found = self._platforms.get(platform)
        return await found.fetch_message(channel_id, message_id) if found else None

    # ------------------------------------------------------------ posting

    def _channels(self, to: ChannelRef) -> list[tuple[Platform, Channel]]:
        found = []
        for name, platform in self._platforms.items():
            if to.platform is not None and name != to.platform:
                continue
            if to.id is not None:
                found.append((platform, Channel(name, to.id, to.name)))
                continue
            channel = platform.channel_named(to.name)
            if channel is not None:
                found.append((platform, channel))
        return found

    async def send(self, to: ChannelRef | UserRef | User, content: Content) -> int:
        """Post in a channel (on every platform that has it, unless the ref names one) or
        write to a person (a direct message); how many deliveries were accepted. A keyed
        card is remembered where it went, so `update_card` edits every copy."""
        if isinstance(to, User | UserRef):
            return int(await self._dm(to, content))
        sent = 0
        for platform, channel in self._channels(to):
            message_id = await platform.send(channel, content)
            if message_id is None:
                continue
            sent += 1
            if isinstance(content, Card) and content.key:
                await self._remember_card(content.key, platform.name, channel.id, message_id)
        if not sent:
            log.warning("no platform could post in #%s", to.name or to.id)
        return sent

    async def _dm(self, to: User | UserRef, content: Content) -> bool:
        user = to if isinstance(to, User) else await self.user(to)
        platform = self._platforms.get(user.platform) if user else None
        if user is None or platform is None:
            return False
        return await platform.send_dm(user, content)

    async def send_file(self, to: ChannelRef, attachment: Attachment, text: str = "") -> int:
        """Post a file in a channel (every platform that has it, unless the ref names one)."""
        sent = 0
        for platform, channel in self._channels(to):
            sent += bool(await platform.send_file(channel, attachment, text))
        return sent

    async def update_card(self, card: Card) -> int:
        """Edit every posted copy of the card with the same key; how many were edited."""
        if not card.key:
            raise ValueError("only keyed cards can be updated")
        rows = await self.store.fetchall(
            "SELECT platform, channel_id, message_id FROM posted_cards WHERE card_key = ?",
            (card.key,))
        edited = 0
        for row in rows:
            platform = self._platforms.get(row["platform"])
            if platform and await platform.edit(row["channel_id"], row["message_id"], card):
                edited += 1
        return edited

    async def _remember_card(self, key: str, platform: str, channel_id: str,
                             message_id: str) -> None:
        async with self.store.transaction() as tx:
            await tx.execute(
                "INSERT OR IGNORE INTO posted_cards (card_key, platform, channel_id, message_id, "
                "posted_at) VALUES (?, ?, ?, ?, ?)",
                (key, platform, channel_id, message_id, format_utc(self.clock.now())))

    # ------------------------------------------------------------ moderation effects

    async def delete(self, message: Message) -> bool:
        """Remove a person's message; False when the platform refuses (or cannot)."""
        platform = self._platforms.get(message.platform)
        return platform is not None and await platform.delete_message(message)

    async def timeout(self, who: UserRef | User, duration: timedelta) -> bool:
        """Keep a member from posting for a while where the platform can (Discord)."""
        user = who if isinstance(who, User) else await self.user(who)
        platform = self._platforms.get(user.platform) if user else None
        if user is None or platform is None:
            return False
        return await platform.timeout(user, duration)


def _parse(key: str) -> UserRef | None:
    try:
        return UserRef.parse(key)
    except ValueError:
        return None


__all__ = ["ROLE_LISTS", "Delivery"]
