"""The drafts cog's settings: garant.yaml's `votes` and `drafts` sections."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from types import MappingProxyType
from typing import ClassVar

from bot.located.fields import fail
from bot.located.yamlsrc import Where
from bot.model import identity_key
from bot.phrases import Phrase
from bot.settings import Section, format_duration
from cogs.drafts.votes import Rules

TALLY_MODES = ("always", "after_vote", "after_close")


@dataclass(frozen=True, slots=True)
class VoteSettings:
    """The co-op's votes on drafts (one member, one vote): garant.yaml's `votes`.

    mode: "majority" (quorum and majority below) or "consent" (the draft passes
        unless a member raises a reasoned objection; no quorum).
    quorum: percent of the electorate that must take part; abstentions count.
    majority: approvals must be MORE than this percent of expressed votes
        (approve, request changes, reject; abstentions are not expressed).
    deadline: how long a vote stays open.
    reminder_before: voters who have not voted are reminded this long before the
        deadline.
    tally: when voters see the running tally: always, after_vote (once they have
        voted) or after_close.
    anonymous: every draft is voted by secret ballot (the key avoids the word
        "secret", which garant.yaml refuses: secrets go in the environment).
    anonymous_clients: the clients whose drafts are voted by secret ballot.
    min_revision_window: after an edit the deadline is at least this far away, so
        members can read the new revision.
    expire_after: an approved draft not published this long after its planned
        time expires.
    """

    SECTION: ClassVar[str] = "votes"
    mode: str = "majority"
    quorum: float = 50.0
    majority: float = 50.0
    deadline: timedelta = timedelta(hours=72)
    reminder_before: timedelta = timedelta(hours=24)
    tally: str = "after_vote"
    anonymous: bool = False
    anonymous_clients: tuple[str, ...] = ()
    min_revision_window: timedelta = timedelta(hours=24)
    expire_after: timedelta = timedelta(hours=24)

    def is_secret(self, client: str | None) -> bool:
        """Whether a draft for `client` is voted by secret ballot."""
        return self.anonymous or (client is not None and identity_key(client) in {
            identity_key(c) for c in self.anonymous_clients})

    @property
    def rules(self) -> Rules:
        """The rule a vote opened now is held to."""
        return Rules(self.quorum, self.majority, consent=self.mode == "consent")

    @classmethod
    def read(cls, section: Section) -> VoteSettings:
        majority = section.percent("majority", 50.0)
        if majority >= 100:
            raise fail(section.where("majority"), "'majority' must be below 100: approvals "
                       "must be more than this share of the votes, so no draft could ever "
                       "pass")
        deadline = section.duration("deadline", timedelta(hours=72))
        reminder = section.duration("reminder_before", timedelta(hours=24))
        if reminder >= deadline:
            key = "reminder_before" if "reminder_before" in section else "deadline"
            raise fail(section.where(key), "'reminder_before' ({reminder}) must be shorter than "
                       "'deadline' ({deadline}), or the reminder would come before the vote "
                       "opens", reminder=format_duration(reminder),
                       deadline=format_duration(deadline))
        return cls(
            mode=section.choice("mode", ("majority", "consent"), "majority"),
            quorum=section.percent("quorum", 50.0),
            majority=majority,
            deadline=deadline,
            reminder_before=reminder,
            tally=section.choice("tally", TALLY_MODES, "after_vote"),
            anonymous=section.boolean("anonymous", False),
            anonymous_clients=section.identifiers("anonymous_clients"),
            min_revision_window=section.duration("min_revision_window", timedelta(hours=24)),
            expire_after=section.duration("expire_after", timedelta(hours=24)),
        )


@dataclass(frozen=True, slots=True)
class DraftSettings:
    """Which charter checks the drafts written for clients: garant.yaml's `drafts`.

    charter: the agency's charter for drafts, or None for `default_charter` (ask
        `charter_for()` rather than reading this).
    clients: client name -> that client's charter. A client charter usually
        `extends` the agency's, so the agency rules hold and the client adds its
        own; the charter file says so, not this mapping. Client names are
        compared case-insensitively.
    client_sign_off: the clients who approve their posts themselves, from a link
        Garant makes (the web pages), after the co-op's vote and the director's
        approval; the link expires at the planned publication time.
    client_sign_off_within: how long the client may answer when the draft has no
        planned time (or it has passed).
    """

    SECTION: ClassVar[str] = "drafts"
    charter: str | None = None
    clients: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    client_sign_off: tuple[str, ...] = ()
    client_sign_off_within: timedelta = timedelta(days=7)
    _by_key: Mapping[str, str] = field(
        init=False, repr=False, compare=False, default_factory=lambda: MappingProxyType({}))
    _where: Mapping[str, Where] = field(
        default_factory=lambda: MappingProxyType({}), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "clients", MappingProxyType(dict(self.clients)))
        by_key = {identity_key(name): charter for name, charter in self.clients.items()}
        object.__setattr__(self, "_by_key", MappingProxyType(by_key))

    @classmethod
    def read(cls, section: Section) -> DraftSettings:
        charter = section.name("charter", "") if section.get("charter") is not None else None
        clients, where = section.names_to_charters("clients", Phrase("client"), "coop-fr")
        if charter is not None:
            where = {**where, "": section.where("charter")}
        within = section.duration("client_sign_off_within", timedelta(days=7))
        if within < timedelta(hours=1):
            raise fail(section.where("client_sign_off_within"),
                       "'client_sign_off_within' must be at least 1h: the client needs time "
                       "to read the post")
        return cls(charter=charter, clients=clients,
                   client_sign_off=section.identifiers("client_sign_off"),
                   client_sign_off_within=within, _where=MappingProxyType(where))

    def needs_client(self, client: str | None) -> bool:
        """Whether drafts for `client` wait for its sign-off."""
        return client is not None and identity_key(client) in {
            identity_key(c) for c in self.client_sign_off}

    def client_charter(self, client: str | None) -> str | None:
        """The charter configured for `client` (any case), or None when it has none."""
        if not client:
            return None
        return self._by_key.get(identity_key(client))

    def charter_for(self, client: str | None, default: str) -> str:
        """The charter a draft is checked with: its client's when one is configured,
        else `charter`, else the config's default charter."""
        return self.client_charter(client) or self.charter or default

    def charter_references(self) -> list[tuple[str, Where | None]]:
        """Every charter this section names, with where, to load at start-up."""
        refs: list[tuple[str, Where | None]] = []
        if self.charter is not None:
            refs.append((self.charter, self._where.get("")))
        refs += [(charter, self._where.get(client)) for client, charter in self.clients.items()]
        return refs


__all__ = ["TALLY_MODES", "DraftSettings", "VoteSettings"]
