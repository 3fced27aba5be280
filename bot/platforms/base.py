"""What every platform adapter provides to the host."""

from __future__ import annotations

from abc import ABC, abstractmethod
from datetime import timedelta
from typing import TYPE_CHECKING

from bot.model import Attachment, Channel, Content, Form, Message, User, Visibility

if TYPE_CHECKING:
    from bot.host import Interaction


class Platform(ABC):
    """One chat platform. Methods return False/None instead of raising when the
    platform refuses (missing permission, deleted channel): the caller decides
    what to tell people."""

    name: str

    async def prepare(self) -> None:
        """Log in and learn what the synchronous lookups need (channel names...) before
        the host starts: start-up jobs may post at once. Raise RunError for a problem the
        person running Garant must fix (a refused token)."""
        return None

    async def run(self) -> None:
        """Connect and serve until cancelled (chat platforms); the console runs itself."""
        return None

    async def close(self) -> None:
        """Disconnect cleanly."""
        return None

    @abstractmethod
    def channel_named(self, name: str) -> Channel | None:
        """The channel with this name (without '#'), if the bot can post there."""

    @abstractmethod
    async def send(self, channel: Channel, content: Content) -> str | None:
        """Post publicly; the new message's id, or None when it could not be posted."""

    @abstractmethod
    async def edit(self, channel_id: str, message_id: str, content: Content) -> bool:
        """Replace the content of one of the bot's own messages."""

    @abstractmethod
    async def delete_message(self, message: Message) -> bool:
        """Remove a person's message (moderation); False when the platform refuses."""

    @abstractmethod
    async def send_dm(self, user: User, content: Content) -> bool:
        """A direct message to one person."""

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
    async def send_file(self, channel: Channel, attachment: Attachment, text: str = "") -> bool:
        """Post a file (with a short text) in a channel; platforms without files may
        store it and post where it is."""

    async def timeout(self, user: User, duration: timedelta) -> bool:
        """Keep a member from posting for a while (Discord's timeouts); False where the
        platform has no such thing."""
        return False

    async def fetch_message(self, channel_id: str | None, message_id: str) -> Message | None:
        """A person's message by id (for reports typed as commands); None if unknown."""
        return None

    async def find_user(self, text: str) -> User | None:
        """The user a command argument names: a mention, an id or a name."""
        token = text.strip()
        if token.startswith("<@") and token.endswith(">"):
            token = token[2:-1].lstrip("!&")
        return await self.user_by_id(token.lstrip("@"))
