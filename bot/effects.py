"""The outbox: every effect on a platform is data first, delivered after the commit.

Why: a state change and what it causes must not part ways. A moderator's
decision, a vote closing, a routine prompt claimed for the day: each commits its
state *and* its effects (the card to post or edit, the direct messages, the
deletion) in one transaction, as rows of `outbox`. Nothing waits in memory, so a
crash loses nothing; a platform that answers 500 or 429 is retried with back-off;
one that refuses for good (a missing permission) gets the effect marked
`refused`, and whoever asked hears it (`then`), in a transaction of its own, so
that what follows a refusal (ask the author to delete) is recorded just as
durably.

Delivery. Right after a handler or a job, the host drains the effects that are
due (`Dispatcher.drain`), so people see the result at once; a background loop
(`Dispatcher.run_forever`) takes care of retries and of effects left by a crash.
Each effect is *claimed* before it is delivered (status `sending` with a lease),
so two dispatchers never deliver the same one, and one left `sending` by a crash
is taken over when its lease expires. Effects are delivered in order within a
lane (a platform's channels, a platform's direct messages), lanes in parallel, so
a paced direct message never holds a review card back.

Cards are rendered when delivered: a `card` or `refresh` effect names the card
by key (`review:12`) and the cog that owns the key renders it from the stored
state (`bot.add_card`). A burst of changes to one card is one pending `refresh`
(the `coalesce_key`), so the card shown is never stale and never edited twenty
times. Effects may carry a `dedupe_key`: an effect whose key is already in the
outbox is not added again (a job retried after a crash sends one reminder).

Exactly once, or as close as a chat platform allows: edits and deletions are
idempotent; a post or a direct message is repeated only if the process dies
between the platform's answer and the commit that records it (the effect's
lease then expires and it is delivered again).
"""

from __future__ import annotations

import asyncio
import base64
import contextlib
import contextvars
import json
import logging
from collections.abc import Awaitable, Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Literal

from bot import faults
from bot.clock import sleep_until_or
from bot.model import (
    Attachment,
    Card,
    Channel,
    Content,
    Message,
    User,
    card_from_dict,
    card_to_dict,
)
from bot.phrases import render
from bot.platforms.base import DeliveryError, NotYet, Platform
from bot.store import Transaction, dump_json, format_utc, parse_utc

if TYPE_CHECKING:
    import sqlite3

    from bot.clock import Clock
    from bot.store import Store

log = logging.getLogger(__name__)

Kind = Literal["send", "card", "refresh", "dm", "delete", "timeout", "file"]
#: What each kind is called for people (`Effect.describe`), English with French.
KIND_WORDS = {"send": "post", "card": "card", "refresh": "card update", "dm": "direct message",
              "delete": "deletion", "timeout": "timeout", "file": "file"}
#: Attempts before an effect is given up as dead (about two and a half hours).
MAX_ATTEMPTS = 8
LEASE = timedelta(minutes=5)
#: How long the background loop sleeps when nothing is due.
IDLE = timedelta(seconds=30)


#: Set while this task (and the lanes it runs) delivers effects.
_DRAINING: contextvars.ContextVar[bool] = contextvars.ContextVar("draining", default=False)


def backoff(attempts: int) -> timedelta:
    """The wait before attempt `attempts + 1`: 5 s, 15 s, 45 s... at most an hour."""
    return min(timedelta(seconds=5 * 3 ** max(attempts - 1, 0)), timedelta(hours=1))


@dataclass(frozen=True, slots=True)
class Effect:
    """One row of the outbox, as the dispatcher sees it."""

    id: int
    kind: str
    platform: str
    target: dict[str, Any]
    content: Any
    card_key: str | None
    dedupe_key: str | None
    then_name: str | None
    then_data: dict[str, Any]
    attempts: int
    status: str
    error: str | None
    created_at: datetime

    @property
    def is_personal_dm(self) -> bool:
        """A direct message to one person (a role's DM fans out into these)."""
        return self.kind == "dm" and "user_id" in self.target

    @classmethod
    def from_row(cls, row: sqlite3.Row) -> Effect:
        return cls(row["id"], row["kind"], row["platform"], json.loads(row["target"]),
                   json.loads(row["content"]) if row["content"] is not None else None,
                   row["card_key"], row["dedupe_key"], row["then_name"],
                   json.loads(row["then_data"]),
                   row["attempts"], row["status"], row["error"], parse_utc(row["created_at"]))

    @property
    def lane(self) -> str:
        """Effects of one lane are delivered in order; lanes run side by side."""
        return f"{self.platform}:{'dm' if self.kind == 'dm' else 'chat'}"

    def describe(self, language: str = "en") -> str:
        """One line for people, in their language: what this effect does, and where."""
        where = (self.target.get("channel_name") or self.target.get("name")
                 or self.target.get("user_id") or self.target.get("role") or "?")
        what = self.card_key or (self.content if isinstance(self.content, str) else "")
        what = " ".join(str(what).split())[:60]
        line = render(KIND_WORDS.get(self.kind, self.kind), {}, language)
        line += f" {self.platform} {where}"
        return line + (f" · {what}" if what else "")


@dataclass(frozen=True, slots=True)
class EffectResult:
    """What happened to an effect, for its `then` handler."""

    effect: Effect
    outcome: Literal["done", "refused", "dead"]
    value: dict[str, Any] = field(default_factory=dict)
    reason: str = ""

    @property
    def data(self) -> dict[str, Any]:
        return self.effect.then_data


#: Renders a card from the stored state when it is delivered; None: the object is gone.
CardRenderer = Callable[[str], Awaitable[Card | None]]
#: Hears an effect's outcome, in a transaction of its own (to record what follows).
ResultHandler = Callable[[EffectResult, Transaction], Awaitable[None]]


class Outbox:
    """Writing effects (in the caller's transaction) and reading them back."""

    def __init__(self, store: Store, clock: Clock) -> None:
        self.store = store
        self.clock = clock
        self.woken = asyncio.Event()
        #: Nothing pending or being sent, as far as this process knows: the drain after
        #: every message can skip its query (the hot path). Any recorded effect clears it.
        self.idle = False
        self.generation = 0

    def changed(self) -> None:
        """An effect was recorded or queued again (after its commit): wake the dispatcher."""
        self.generation += 1
        self.idle = False
        self.woken.set()

    async def record(self, tx: Transaction, kind: Kind, platform: str, target: Mapping[str, Any],
                     content: Any = None, *, card_key: str | None = None,
                     dedupe_key: str | None = None, coalesce_key: str | None = None,
                     then: str | None = None, data: Mapping[str, Any] | None = None,
                     due: datetime | None = None) -> int | None:
        """Add one effect in `tx`; its id, or None when its dedupe or coalesce key says
        it is already there."""
        now = self.clock.now()
        result = await tx.execute(
            "INSERT INTO outbox (kind, platform, target, content, card_key, dedupe_key, "
            "coalesce_key, then_name, then_data, due_at, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
            (kind, platform, dump_json(dict(target)),
             None if content is None else dump_json(content), card_key, dedupe_key,
             coalesce_key, then, dump_json(dict(data or {})), format_utc(due or now),
             format_utc(now)))
        if not result.rowcount:
            return None
        tx.after_commit(self.changed)
        return result.lastrowid

    @staticmethod
    async def card_pending(tx: Transaction, platform: str, card_key: str) -> bool:
        """Whether a post of this card on `platform` waits for delivery (it renders the
        state as it is when delivered, so no refresh is needed)."""
        row = await tx.fetchone(
            "SELECT 1 FROM outbox WHERE card_key = ? AND platform = ? AND kind = 'card' "
            "AND status = 'pending'", (card_key, platform))  # index outbox_pending_cards
        return row is not None

    async def due(self, limit: int = 200) -> list[Effect]:
        """Pending effects whose time has come, and `sending` ones whose lease ran out."""
        now = format_utc(self.clock.now())
        # `status IN (...)` and `+id` keep SQLite on the partial index outbox_due (the few
        # effects not yet delivered) instead of scanning every effect ever delivered.
        # A `sending` effect was due when claimed, so `due_at <= now` holds for both: the
        # index reads only what is due, never the direct messages waiting for their turn.
        rows = await self.store.fetchall(
            "SELECT * FROM outbox WHERE status IN ('pending', 'sending') AND due_at <= ? "
            "AND (status = 'pending' OR lease_until < ?) ORDER BY +id LIMIT ?",
            (now, now, limit))
        return [Effect.from_row(row) for row in rows]

    async def next_due(self) -> datetime | None:
        pending = await self.store.fetchone(
            "SELECT due_at FROM outbox WHERE status IN ('pending', 'sending') "
            "AND status = 'pending' ORDER BY due_at LIMIT 1")
        leased = await self.store.fetchone(
            "SELECT min(lease_until) AS until FROM outbox WHERE status = 'sending'")
        times = [parse_utc(t) for t in (pending and pending["due_at"], leased and leased["until"])
                 if t]
        return min(times, default=None)

    async def claim(self, effect: Effect) -> bool:
        """Take an effect for delivery; False when another dispatcher has it."""
        now = self.clock.now()
        async with self.store.transaction() as tx:
            result = await tx.execute(
                "UPDATE outbox SET status = 'sending', lease_until = ?, lease_owner = ?, "
                "attempts = attempts + 1 WHERE id = ? AND ((status = 'pending' AND due_at <= ?) "
                "OR (status = 'sending' AND lease_until < ?))",
                (format_utc(now + LEASE), self.store.instance, effect.id, format_utc(now),
                 format_utc(now)))
        return bool(result.rowcount)

    async def recover(self) -> int:
        """At start: effects left `sending` by a process that is gone are due again at
        once (delivered a second time only if the platform had done it just before the
        stop); those of a live process (another `garant run` on this database) are left
        to it."""
        now = format_utc(self.clock.now())
        async with self.store.transaction() as tx:
            count = 0
            for owner in await self.store.gone_holders(tx, "outbox", "sending"):
                result = await tx.execute(
                    "UPDATE outbox SET status = 'pending', due_at = ?, lease_until = NULL "
                    "WHERE status = 'sending' AND lease_owner IS ?", (now, owner))
                count += result.rowcount
        if count:
            log.warning("%d delivery(ies) interrupted by a stop are sent again", count)
        return count

    async def listing(self, statuses: Iterable[str], limit: int = 50) -> list[Effect]:
        wanted = list(statuses)
        marks = ", ".join("?" * len(wanted))
        rows = await self.store.fetchall(
            f"SELECT * FROM outbox WHERE status IN ({marks}) ORDER BY id DESC LIMIT ?",
            (*wanted, limit))
        return [Effect.from_row(row) for row in rows]

    async def retry(self, effect_id: int | None, actor: str) -> int:
        """Put a dead (or refused) effect, or all dead ones, back in the queue."""
        now = format_utc(self.clock.now())
        async with self.store.transaction() as tx:
            where = "status = 'dead'" if effect_id is None else \
                "id = ? AND status IN ('dead', 'refused')"
            params: tuple[Any, ...] = () if effect_id is None else (effect_id,)
            result = await tx.execute(
                f"UPDATE outbox SET status = 'pending', attempts = 0, due_at = ?, error = NULL, "
                f"lease_until = NULL WHERE {where}", (now, *params))
            if result.rowcount:
                await tx.audit(actor, "outbox.retry", "outbox", count=result.rowcount,
                               effect=effect_id)
                tx.after_commit(self.changed)
        return result.rowcount

    async def own_deletion(self, platform: str, channel_id: str, message_id: str) -> bool:
        """Whether Garant itself deleted (or is deleting) this message, so that its
        deletion event is Garant's own action, not the author's. A deletion the
        platform refused does not count: the author then deleted it."""
        row = await self.store.fetchone(
            "SELECT 1 FROM outbox WHERE kind = 'delete' AND platform = ? AND target = ? "
            "AND status IN ('pending', 'sending', 'done')",
            (platform, dump_json(message_target_of(channel_id, message_id))))
        return row is not None


def message_target_of(channel_id: str, message_id: str) -> dict[str, Any]:
    """The target of a `delete` effect, as stored (also how own deletions are found)."""
    return {"channel_id": channel_id, "message_id": message_id}


def encode_content(content: Content) -> Any:
    return card_to_dict(content) if isinstance(content, Card) else content


def decode_content(value: Any) -> Content:
    return card_from_dict(value) if isinstance(value, dict) else str(value)


def encode_file(attachment: Attachment, text: str) -> dict[str, str]:
    return {"filename": attachment.filename, "mime": attachment.mime_type, "text": text,
            "data": base64.b64encode(attachment.data).decode("ascii")}


def decode_file(value: Mapping[str, str]) -> tuple[Attachment, str]:
    return (Attachment(value["filename"], base64.b64decode(value["data"]), value["mime"]),
            value.get("text", ""))


Platforms = Callable[[], Mapping[str, Platform]]
Members = Callable[[str, str], Awaitable[list[User]]]


class Dispatcher:
    """Delivers the outbox: claims each due effect, performs it on its platform,
    records the outcome and tells whoever asked."""

    def __init__(self, outbox: Outbox, platforms: Platforms, members: Members) -> None:
        self.outbox = outbox
        self.store = outbox.store
        self.clock = outbox.clock
        self._platforms = platforms
        self._members = members
        self._renderers: dict[str, CardRenderer] = {}
        self._handlers: dict[str, ResultHandler] = {}
        self._dead_listeners: list[Callable[[Effect], Awaitable[None]]] = []
        self._draining = asyncio.Lock()
        #: platform -> when its next direct message may go (its pace, `NotYet`)
        self._paced_until: dict[str, datetime] = {}

    # -- what others declare

    def add_renderer(self, prefix: str, renderer: CardRenderer) -> None:
        self._renderers[prefix] = renderer

    def add_handler(self, name: str, handler: ResultHandler) -> None:
        if name in self._handlers:
            raise ValueError(f"effect handler {name!r} is registered twice")
        self._handlers[name] = handler

    def on_dead(self, listener: Callable[[Effect], Awaitable[None]]) -> None:
        self._dead_listeners.append(listener)

    # -- delivering

    async def drain(self) -> int:
        """Deliver everything due now, lanes in parallel; how many were handled.

        Called from inside a delivery (a platform reporting a problem, whose listener
        posts a notice), it returns at once: the drain under way delivers the new
        effects before it ends."""
        if _DRAINING.get():
            return 0
        async with self._draining:
            token = _DRAINING.set(True)
            try:
                return await self._drain()
            finally:
                _DRAINING.reset(token)

    async def _drain(self) -> int:
        handled = 0
        while True:
            generation = self.outbox.generation
            effects = await self.outbox.due()
            if not effects:
                # Nothing recorded meanwhile, no retry waiting either: idle. The count is
                # read again after `next_due`, whose read may yield (PostgreSQL) to a
                # handler recording an effect, which a stale "idle" would leave unflushed.
                if generation == self.outbox.generation and \
                        await self.outbox.next_due() is None and \
                        generation == self.outbox.generation:
                    self.outbox.idle = True
                return handled
            effects = await self._not_paced(effects)
            lanes: dict[str, list[Effect]] = {}
            for effect in effects:
                lanes.setdefault(effect.lane, []).append(effect)
            done = await asyncio.gather(*(self._lane(lane) for lane in lanes.values()))
            handled += sum(done)
            if not sum(done):
                return handled

    async def _lane(self, effects: list[Effect]) -> int:
        handled = 0
        for effect in effects:
            if await self.outbox.claim(effect):
                await self._deliver_through_a_stop(effect)
                handled += 1
        return handled

    #: How long a stop waits for the delivery under way to be recorded.
    STOP_GRACE = 10.0

    async def _deliver_through_a_stop(self, effect: Effect) -> None:
        """`deliver`, which a stop does not cut between the platform's answer and its
        record: cut there, the effect would stay `sending` and be sent again at the next
        start (a card posted twice). The stop waits for it, `STOP_GRACE` at most."""
        delivery = asyncio.ensure_future(self.deliver(effect))
        try:
            await asyncio.shield(delivery)
        except asyncio.CancelledError:
            with contextlib.suppress(Exception):
                await asyncio.wait_for(delivery, self.STOP_GRACE)
            raise

    async def run_forever(self) -> None:
        """Drain, sleep until the next effect is due (or one is recorded), repeat."""
        while True:
            self.outbox.woken.clear()
            try:
                await self.drain()
                soonest = await self.outbox.next_due()
            except Exception:
                log.exception("outbox round failed; retrying later")
                soonest = None
            wake = self.clock.now() + IDLE
            if soonest is not None:
                wake = min(wake, max(soonest, self.clock.now()))
            await sleep_until_or(self.clock, wake, self.outbox.woken)

    async def deliver(self, effect: Effect) -> None:
        """Perform one claimed effect and record what happened."""
        platform = self._platforms().get(effect.platform)
        try:
            if platform is None:
                raise DeliveryError(f"the {effect.platform} platform is not running",
                                    permanent=False)
            value = await self._perform(platform, effect)
            faults.hit("outbox.performed")
        except NotYet as exc:
            await self._later(effect, exc.after)
            return
        except DeliveryError as exc:
            if exc.permanent:
                await self._finish(effect, "refused", reason=str(exc))
            else:
                await self._retry(effect, str(exc))
            return
        except Exception as exc:  # a bug or an unexpected answer: retried, then dead
            log.exception("effect %s (%s) failed", effect.id, effect.describe())
            await self._retry(effect, f"{type(exc).__name__}: {exc}")
            return
        await self._finish(effect, "done", value=value)

    async def _retry(self, effect: Effect, reason: str) -> None:
        attempts = effect.attempts + 1  # the claim counted this attempt
        if attempts >= MAX_ATTEMPTS:
            log.error("effect %s given up after %d attempts: %s", effect.id, attempts, reason)
            await self._finish(effect, "dead", reason=reason)
            return
        due = self.clock.now() + backoff(attempts)
        log.warning("effect %s (%s) failed, attempt %d, retry at %s: %s", effect.id,
                    effect.describe(), attempts, due.isoformat(timespec="seconds"), reason)
        async with self.store.transaction() as tx:
            await tx.execute(
                "UPDATE outbox SET status = 'pending', due_at = ?, lease_until = NULL, "
                "error = ? WHERE id = ?", (format_utc(due), reason[:500], effect.id))

    async def _not_paced(self, effects: list[Effect]) -> list[Effect]:
        """The effects to try now: direct messages of a platform whose pace says wait
        (a DM of it was `NotYet`) are rescheduled to their turn, all in one statement."""
        now = self.clock.now()
        paced = {platform for platform, until in self._paced_until.items() if until > now}
        waiting = {e.id: e.platform for e in effects if e.is_personal_dm and e.platform in paced}
        for platform in set(waiting.values()):
            await self._defer_dms(platform, self._paced_until[platform])
        return [e for e in effects if e.id not in waiting]

    async def _defer_dms(self, platform: str, until: datetime) -> None:
        async with self.store.transaction() as tx:
            await tx.execute(
                "UPDATE outbox SET due_at = ? WHERE status IN ('pending', 'sending') "
                "AND status = 'pending' AND kind = 'dm' AND platform = ? AND due_at < ? "
                "AND json_extract(target, '$.user_id') IS NOT NULL",
                (format_utc(until), platform, format_utc(until)))

    async def _later(self, effect: Effect, after: float) -> None:
        """Not a failure: the effect waits for its turn, its attempt given back, and the
        platform's other direct messages due before then wait with it (one statement,
        not one round each)."""
        due = self.clock.now() + timedelta(seconds=after)
        self._paced_until[effect.platform] = due
        async with self.store.transaction() as tx:
            await tx.execute(
                "UPDATE outbox SET status = 'pending', due_at = ?, lease_until = NULL, "
                "attempts = CASE WHEN attempts > 1 THEN attempts - 1 ELSE 0 END WHERE id = ?",
                (format_utc(due), effect.id))
        await self._defer_dms(effect.platform, due)

    async def _finish(self, effect: Effect, outcome: Literal["done", "refused", "dead"], *,
                      value: dict[str, Any] | None = None, reason: str = "") -> None:
        result = EffectResult(effect, outcome, value or {}, reason)
        async with self.store.transaction() as tx:
            await tx.execute(
                "UPDATE outbox SET status = ?, finished_at = ?, lease_until = NULL, error = ?, "
                "result = ? WHERE id = ?",
                (outcome, format_utc(self.clock.now()), reason[:500] or None,
                 dump_json(value or {}), effect.id))
            if effect.kind in ("send", "card") and effect.card_key and value:
                await tx.execute(
                    "INSERT INTO posted_cards (card_key, platform, channel_id, "
                    "message_id, posted_at) VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    (effect.card_key, effect.platform, value["channel_id"], value["message_id"],
                     format_utc(self.clock.now())))
            if outcome != "done":
                await tx.audit("garant", f"outbox.{outcome}", f"outbox:{effect.id}", reason,
                               kind=effect.kind, platform=effect.platform, target=effect.target)
            handler = self._handlers.get(effect.then_name or "")
            if handler is not None:
                await handler(result, tx)
        if outcome == "dead":
            for listener in self._dead_listeners:
                try:
                    await listener(effect)
                except Exception:
                    log.exception("dead-letter listener failed")

    # -- performing, by kind

    async def _perform(self, platform: Platform, effect: Effect) -> dict[str, Any]:
        target = effect.target
        if effect.kind in ("send", "card"):
            content = await self._content(effect)
            if content is None:
                return {}
            channel = Channel(platform.name, target["channel_id"], target.get("channel_name", ""))
            message_id = await platform.send(channel, content)
            return {"channel_id": channel.id, "message_id": message_id}
        if effect.kind == "refresh":
            return await self._refresh(platform, effect)
        if effect.kind == "dm":
            return await self._dm(platform, effect)
        if effect.kind == "delete":
            info = effect.content or {}
            channel = Channel(platform.name, target["channel_id"], info.get("channel_name", ""))
            author = User(platform.name, info.get("author_id", ""), info.get("author_name", ""))
            message = Message(platform.name, target["message_id"], channel, author, "",
                              self.clock.now())
            await platform.delete_message(message)
            return {}
        if effect.kind == "timeout":
            user = User(platform.name, target["user_id"], target.get("name", ""))
            await platform.timeout(user, timedelta(seconds=float(effect.content)))
            return {}
        if effect.kind == "file":
            attachment, text = decode_file(effect.content)
            channel = Channel(platform.name, target["channel_id"], target.get("channel_name", ""))
            await platform.send_file(channel, attachment, text)
            return {}
        raise DeliveryError(f"unknown effect kind {effect.kind!r}", permanent=True)

    async def _content(self, effect: Effect) -> Content | None:
        if effect.kind == "card" and effect.card_key:
            return await self.render(effect.card_key)
        return decode_content(effect.content)

    async def render(self, key: str) -> Card | None:
        prefix = key.split(":", 1)[0]
        renderer = self._renderers.get(prefix)
        if renderer is None:
            raise DeliveryError(f"no renderer for cards {prefix!r}", permanent=True)
        return await renderer(key)

    async def _refresh(self, platform: Platform, effect: Effect) -> dict[str, Any]:
        assert effect.card_key is not None
        rows = await self.store.fetchall(
            "SELECT channel_id, message_id FROM posted_cards WHERE card_key = ? AND platform = ?",
            (effect.card_key, platform.name))
        if not rows:
            return {"copies": 0}
        card = (decode_content(effect.content) if effect.content is not None
                else await self.render(effect.card_key))
        if card is None:
            return {"copies": 0}
        for row in rows:
            await platform.edit(row["channel_id"], row["message_id"], card)
        return {"copies": len(rows)}

    async def _dm(self, platform: Platform, effect: Effect) -> dict[str, Any]:
        target = effect.target
        content = decode_content(effect.content)
        if "role" in target:
            # Everyone holding the role now, each their own effect (one refusal does
            # not resend the others' messages).
            skip = set(target.get("except", ()))
            users = [u for u in await self._members(target["role"], platform.name)
                     if u.key not in skip]
            async with self.store.transaction() as tx:
                for user in users:
                    await self.outbox.record(tx, "dm", platform.name, {"user_id": user.id},
                                             effect.content,
                                             dedupe_key=f"outbox:{effect.id}:{user.key}")
            return {"recipients": len(users)}
        found = await platform.user_by_id(target["user_id"])
        if found is None:
            raise DeliveryError(f"no user {target['user_id']} on {platform.name}",
                                permanent=True)
        delay = platform.dm_delay()
        if delay > 0:  # rescheduled, not waited for: a delivery round never sleeps
            raise NotYet("direct messages are paced", delay)
        await platform.send_dm(found, content)
        return {}


__all__ = ["MAX_ATTEMPTS", "CardRenderer", "Dispatcher", "Effect", "EffectResult", "Outbox",
           "ResultHandler", "backoff", "decode_content", "decode_file", "encode_content",
           "encode_file", "message_target_of"]
