"""The drafts workflow's values: what a draft is, what a change says, and how a stored
row becomes a draft. Pure: no store, no bot."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.scheduler import ACTOR as BOT_ACTOR
from bot.store import parse_utc
from cogs.drafts.states import Actor, State
from cogs.drafts.votes import Result, Rules

if TYPE_CHECKING:
    import sqlite3

    from bot.i18n import Translator

#: Closing a vote late is better than never: a deadline missed while the bot was down
#: still closes the vote when it comes back, however long it was away.
LATE_IS_FINE = timedelta(days=3650)
DIRECTOR = "@director"  # a Notice addressed to every publication director
TEAM = "@team"  # a Notice posted in the drafts channel


def card_key(draft_id: int) -> str:
    """The key of a draft's card (rendered by the cog from the stored draft)."""
    return f"draft:{draft_id}"


@dataclass(frozen=True, slots=True)
class Text:
    """A message to translate later: a key of messages.py and its values (which may be
    Texts themselves), so the workflow decides what to say and the caller says it in
    the configured language."""

    key: str
    values: dict[str, Any] = field(default_factory=dict)


def text(key: str, **values: Any) -> Text:
    return Text(key, values)


class Refused(Exception):
    """An action that is not allowed now; raised inside the transaction, so nothing changes."""

    def __init__(self, key: str, **values: Any) -> None:
        super().__init__(key)
        self.text = Text(key, values)


@dataclass(frozen=True, slots=True)
class Person:
    """Who acts, with the roles the rules need (read from the context by the handler)."""

    key: str
    name: str
    member: bool = False
    director: bool = False
    client: bool = False  # a client answering from its link

    @classmethod
    def bot(cls) -> Person:
        return cls(BOT_ACTOR, "Garant")

    def actor(self, author: str | None = None) -> Actor:
        return Actor(is_author=author == self.key, is_director=self.director,
                     is_member=self.member, is_bot=self.key == BOT_ACTOR,
                     is_client=self.client)


@dataclass(frozen=True, slots=True)
class Voter:
    """A member of an electorate: the key that identifies them and the name shown."""

    key: str
    name: str


@dataclass(frozen=True, slots=True)
class Fields:
    """What the author writes: the content of one revision."""

    title: str
    client: str | None
    network: str
    planned_at: datetime | None
    text: str


@dataclass(frozen=True, slots=True)
class Revision:
    number: int
    fields: Fields
    charter: str
    findings: tuple[dict[str, Any], ...]
    editor: str
    editor_name: str
    minor: bool
    created_at: datetime

    @property
    def error_rules(self) -> frozenset[str]:
        """The rules whose error-level findings keep the draft from the vote."""
        return frozenset(f["rule"] for f in self.findings if f["level"] == "error")


@dataclass(frozen=True, slots=True)
class Draft:
    """A draft as stored, with its current revision."""

    id: int
    platform: str
    author: str
    author_name: str
    state: State
    current: Revision
    tally_mode: str | None
    rules: Rules | None
    round: int
    opened_at: datetime | None
    deadline_at: datetime | None
    extended: bool
    closed_at: datetime | None
    result: Result | None
    override_rules: frozenset[str] | None
    override_asked: str | None
    veto_by: str | None
    veto_reason: str | None
    approved_by: str | None
    approved_at: datetime | None
    published_url: str | None
    published_at: datetime | None
    created_at: datetime
    secret: bool = False
    secret_tally: dict[str, int] | None = None  # a closed secret vote's tally
    client_due: datetime | None = None  # the client may answer until then
    client_approved: int | None = None  # the revision the client approved

    @property
    def client_signed(self) -> bool:
        """The client approved the current text."""
        return self.client_approved == self.revision

    @property
    def vetoed(self) -> bool:
        return self.veto_by is not None

    @property
    def revision(self) -> int:
        return self.current.number

    @property
    def vote_closed(self) -> bool:
        """The last vote has a result. A vote paused because an edit brought in a charter
        error is not closed: its tally stays hidden as the rule says."""
        return self.result is not None and self.state is not State.VOTING

    @property
    def blocking_rules(self) -> frozenset[str]:
        """Error-level rules not covered by a director's override."""
        return self.current.error_rules - (self.override_rules or frozenset())


def render(t: Translator, value: Text | str) -> str:
    """A workflow Text in the configured language (nested Texts too)."""
    if isinstance(value, str):
        return value
    return t(value.key, **{k: render(t, v) if isinstance(v, Text) else v
                           for k, v in value.values.items()})


@dataclass(frozen=True, slots=True)
class Notice:
    """Someone to tell something after the commit: a user key, or DIRECTOR."""

    to: str
    text: Text


@dataclass(slots=True)
class Change:
    """What a workflow call did: the draft, who to tell, what to answer the actor."""

    draft_id: int
    answer: Text | None = None
    notices: list[Notice] = field(default_factory=list)
    closed: bool = False
    #: Who made the change (a user key): told by the answer, not by a notice.
    actor: str | None = None

    def tell(self, to: str, key: str, **values: Any) -> None:
        self.notices.append(Notice(to, Text(key, values)))


DRAFT_SQL = """
SELECT d.*, r.title, r.client, r.network, r.planned_at, r.text, r.charter, r.findings,
       r.editor, r.editor_name, r.minor, r.created_at AS revised_at
FROM drafts d JOIN draft_revisions r ON r.draft_id = d.id AND r.number = d.revision
"""


def optional_time(value: str | None) -> datetime | None:
    return parse_utc(value) if value else None


def revision_from_row(row: sqlite3.Row, number_key: str = "number",
                      created_key: str = "created_at") -> Revision:
    fields_ = Fields(row["title"], row["client"], row["network"], optional_time(row["planned_at"]),
                     row["text"])
    return Revision(row[number_key], fields_, row["charter"], tuple(json.loads(row["findings"])),
                    row["editor"], row["editor_name"], bool(row["minor"]),
                    parse_utc(row[created_key]))


def draft_from_row(row: sqlite3.Row) -> Draft:
    rules = (Rules(row["quorum"], row["majority"], consent=bool(row["consent"]))
             if row["quorum"] is not None and row["majority"] is not None else None)
    override = row["override_rules"]
    return Draft(
        id=row["id"], platform=row["platform"], author=row["author"],
        author_name=row["author_name"], state=State(row["status"]),
        current=revision_from_row(row, "revision", "revised_at"),
        tally_mode=row["tally_mode"], rules=rules, round=row["round"],
        opened_at=optional_time(row["opened_at"]), deadline_at=optional_time(row["deadline_at"]),
        extended=bool(row["extended"]), closed_at=optional_time(row["closed_at"]),
        result=Result(row["result"]) if row["result"] else None,
        override_rules=frozenset(json.loads(override)) if override is not None else None,
        override_asked=row["override_asked"], veto_by=row["veto_by"],
        veto_reason=row["veto_reason"], approved_by=row["approved_by"],
        approved_at=optional_time(row["approved_at"]), published_url=row["published_url"],
        published_at=optional_time(row["published_at"]), created_at=parse_utc(row["created_at"]),
        secret=bool(row["secret"]),
        secret_tally=json.loads(row["secret_tally"]) if row["secret_tally"] else None,
        client_due=optional_time(row["client_due"]), client_approved=row["client_approved"],
    )
