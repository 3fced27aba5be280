"""Optional platform features that cogs may use, named so that a cog can ask for one
without importing the platform (in the spirit of opsdroid's `register_event`).

A platform lists the names it offers in `Platform.capabilities` and implements the
matching protocol; a cog asks `bot.capability(platform_name, KeywordFilter)` and
gets the platform or None, and a command declared with `capability=NAME` exists
only on platforms that offer it. A missing capability degrades gracefully: the
command is not offered there.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar, Protocol

if TYPE_CHECKING:
    from datetime import datetime

    from bot.charter import Charter
    from bot.i18n import Translator
    from bot.model import Attachment, Interaction, User


@dataclass(frozen=True, slots=True)
class KeywordFilterRequest:
    """What a platform needs to mirror charters into its own keyword filter.

    charter_for: channel name -> the charter moderating it (None: not moderated);
    charter: charter name -> the compiled charter; order: charter names in the
    order garant.yaml names them (the first wins when limits force a choice);
    exempt: identifiers of the people and roles never blocked by chat rules;
    alert_channel: where the platform should post its alerts (the review queue)."""

    charter_for: Callable[[str], str | None]
    charter: Callable[[str], Charter]
    order: tuple[str, ...]
    exempt: tuple[str, ...]
    alert_channel: str
    t: Translator


class KeywordFilter(Protocol):
    """A platform-side keyword filter (Discord AutoMod) that blocks words before any
    bot sees them."""

    NAME: ClassVar[str] = "keyword_filter"

    async def sync_keyword_filter(self, request: KeywordFilterRequest) -> str:
        """Create, update or delete the platform's rules to match the charters; the
        report to show the person who asked (already translated)."""
        ...


class LoginLinks(Protocol):
    """A platform people sign in to with a one-time link (the web pages)."""

    NAME: ClassVar[str] = "login_links"

    async def login_link(self, user: User) -> str:
        """A link that signs `user` in, once, for a short while."""
        ...


class GuestLinks(Protocol):
    """A platform that serves guests' pages at signed addresses (the web pages)."""

    NAME: ClassVar[str] = "guest_links"

    def guest_link(self, route: str, subject: str, expires: datetime) -> str:
        """The address of guest page `route` for `subject`, valid until `expires`."""
        ...


class FileAnswers(Protocol):
    """A platform that hands a file to the person who asked, rather than posting it in
    a channel (the web pages: a download on the next page)."""

    NAME: ClassVar[str] = "file_answers"

    async def answer_file(self, interaction: Interaction, attachment: Attachment,
                          text: str) -> None:
        ...


__all__ = ["FileAnswers", "GuestLinks", "KeywordFilter", "KeywordFilterRequest", "LoginLinks"]
