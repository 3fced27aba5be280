"""What a moderation change causes, recorded in the change's own transaction, and
what the platform's answer changes in turn.

Why: a decision and its follow-up must not part ways (an item `removed` with the
message still there, `warned` with no warning stored). Each change — a flag, a
moderator's decision — records its effects (the review card, the deletion, the
author's direct message, the warning) in the transaction that stores it
(`bot/effects.py` delivers them after the commit, with retries). A deletion
carries its purpose; its outcome comes back to `deleted()`, in a transaction of
its own, which records what follows: the message state, the author's notice, or
— when the platform refuses — the item reopened and the author asked to delete.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from bot.model import Card, Channel, ChannelRef, Message, User, UserRef
from bot.store import format_utc
from cogs.moderation.cards import review_card
from cogs.moderation.decide import age_text, excerpt, should_hide_for_reports
from cogs.moderation.queue import FlagResult, Item, ReviewQueue
from cogs.moderation.settings import ModerationSettings

if TYPE_CHECKING:
    from bot.effects import EffectResult
    from bot.host import Bot
    from bot.i18n import Translator
    from bot.store import Transaction

GARANT = ("garant", "Garant")
# A deletion carries its purpose — "block" (a blocking rule), "held" (quiet hours),
# "reports" (members' reports) or "remove" (a moderator's decision) — and its outcome
# is heard accordingly (`FollowUp.deleted`).
DELETED = "moderation.deleted"
RESTORED = "moderation.restored"
TIMED_OUT = "moderation.timed_out"


def card_key(item_id: int) -> str:
    return f"review:{item_id}"


class FollowUp:
    """Records the effects of moderation changes, and hears their outcomes."""

    def __init__(self, bot: Bot, queue: ReviewQueue, settings: ModerationSettings) -> None:
        self.bot = bot
        self.queue = queue
        self.settings = settings

    @property
    def t(self) -> Translator:
        return self.bot.t

    def review_queue(self, platform: str | None = None) -> ChannelRef:
        return ChannelRef.named(self.bot.config.channels.review_queue, platform)

    def register(self) -> None:
        self.bot.add_card("review", self.render)
        self.bot.on_effect(DELETED, self.deleted)
        self.bot.on_effect(RESTORED, self.restored)
        self.bot.on_effect(TIMED_OUT, self.timed_out)

    async def render(self, key: str) -> Card | None:
        """The review card of `review:ID`, from the stored item."""
        item = await self.queue.get(int(key.split(":", 1)[1]))
        if item is None:
            return None
        return review_card(self.t, item, await self.queue.flags(item.id), self.bot.config.tz,
                           await self.queue.warned_by(item.id),
                           *await self.queue.earlier_items(item))

    # ------------------------------------------------------------ flags

    async def flagged(self, tx: Transaction, result: FlagResult, message: Message,
                      purpose: str | None, details: str = "") -> None:
        """A message entered (or came back to) the queue: its card, and the deletion
        its rule, the quiet hours or the members' reports call for."""
        item = result.item
        if purpose is None and should_hide_for_reports(
                result.reporters, self.settings.reports_to_hide) and \
                item.message_state == "visible" and result.reporters:
            purpose = "reports"
        if purpose is not None and item.message_state == "visible":
            await self.bot.delete(message, tx=tx, then=DELETED,
                                  data={"item": item.id, "purpose": purpose,
                                        "details": details})
        if result.created:
            await self.bot.post_card(self.review_queue(), card_key(item.id), tx=tx,
                                     key=card_key(item.id))
            if self.settings.escalate_after is not None:  # with the item, or not at all
                await self.bot.scheduler.schedule_at(
                    f"moderation.unattended:{item.id}", "moderation.unattended",
                    self.bot.clock.now() + self.settings.escalate_after, timedelta(days=7),
                    {"item": item.id}, tx=tx)
        else:
            await self.bot.refresh_card(card_key(item.id), tx=tx)

    # ------------------------------------------------------------ decisions

    async def decided(self, tx: Transaction, item: Item, verb: str, actor: tuple[str, str],
                      reason: str | None) -> None:
        """A moderator's decision is stored: record what it causes, in the same commit."""
        if verb == "keep" and item.message_state == "hidden":
            restored = self.t("mod.restored", author=item.author_name, text=item.text)
            await self.bot.send(ChannelRef(item.channel_name, item.platform, item.channel_id),
                                restored, tx=tx, then=RESTORED,
                                data={"item": item.id, "actor": list(actor)})
        elif verb == "remove":
            await self.remove(tx, item, actor, reason)
        elif verb == "warn":
            titles = self.rule_titles(item)
            rules = ", ".join(sorted({titles.get(f.rule, f.rule)
                                      for f in await self.queue.flags(item.id, tx) if f.rule}))
            why = reason or self.t("mod.warning.from_item", excerpt=excerpt(item.text, 80),
                                   channel=item.channel_name, rules=rules or "—")
            await self.warn(tx, item_author(item), why, actor, item.id)
        elif verb == "escalate":
            await self.bot.send_role("director", item.platform, self.t(
                "mod.escalated_dm", id=item.id, author=item.author_name,
                channel=item.channel_name, actor=actor[1], reason=reason or "—"), tx=tx)
        await self.bot.refresh_card(card_key(item.id), tx=tx)

    def rule_titles(self, item: Item) -> dict[str, str]:
        """The titles of the rules of the item's channel charter, for people (the
        flags keep rule ids)."""
        try:
            charter = self.bot.charter_for(Channel(item.platform, item.channel_id,
                                                   item.channel_name))
        except Exception:  # a charter that no longer loads: the ids will do
            return {}
        return {rule.id: rule.title for rule in charter.rules if rule.title}

    async def remove(self, tx: Transaction, item: Item, actor: tuple[str, str],
                     reason: str | None) -> None:
        if item.message_state in ("visible", "delete_requested"):
            await self.bot.delete(item_message(item), tx=tx, then=DELETED, data={
                "item": item.id, "purpose": "remove", "actor": list(actor), "reason": reason})
            return
        if item.message_state == "hidden":  # Garant holds it already: gone for good
            await self.queue.set_message_state(tx, item.id, "deleted", actor,
                                               self.bot.clock.now())
        await self.bot.send(UserRef.parse(item.author_key), self.t(
            "mod.removed_author", channel=item.channel_name, reason=reason or "—"), tx=tx)

    async def warn(self, tx: Transaction, user: User, reason: str, actor: tuple[str, str],
                   item_id: int | None) -> int:
        """Store a warning, tell its person, and past the threshold tell the moderators
        and time the member out; all in `tx`. The number of live warnings."""
        settings = self.settings
        count = await self.queue.warn(tx, user.platform, user.key, user.name, actor, reason,
                                      self.bot.clock.now(), settings.warnings_expire, item_id)
        hint = " " + self.t("mod.appeal.hint", item=item_id) if item_id is not None else ""
        await self.bot.send(user, self.t("mod.warning.dm", reason=reason, count=count) + hint,
                            tx=tx)
        threshold = settings.warnings_threshold
        if threshold and count >= threshold:
            await self.bot.send(self.review_queue(), self.t(
                "mod.warning.threshold", user=user.name, count=count, threshold=threshold),
                tx=tx)
            if settings.threshold_timeout is not None:
                await self.bot.timeout(user, settings.threshold_timeout, tx=tx, then=TIMED_OUT,
                                       data={"name": user.name, "user": user.key})
        return count

    # ------------------------------------------------------------ outcomes

    async def deleted(self, result: EffectResult, tx: Transaction) -> None:
        """A deletion Garant asked for is done, or refused for good."""
        data: dict[str, Any] = result.data
        item = await self.queue.item_in(tx, int(data["item"]))
        if item is None:
            return
        purpose = data.get("purpose")
        now = self.bot.clock.now()
        actor = tuple(data.get("actor") or GARANT)
        assert len(actor) == 2
        author = UserRef.parse(item.author_key)
        if result.outcome == "done":
            if purpose == "remove":
                await self.queue.set_message_state(tx, item.id, "deleted", actor, now)
                await self.bot.send(author, self.t(
                    "mod.removed_author", channel=item.channel_name,
                    reason=data.get("reason") or "—") + " " + self.t(
                        "mod.appeal.hint", item=item.id), tx=tx)
            else:
                await self.queue.set_message_state(tx, item.id, "hidden", GARANT, now)
        elif purpose == "remove":
            # The platform will not let the bot delete it (Slack without an admin token):
            # the author is asked to, and the item stays open until the message is gone.
            if item.status == "removed":
                await self.queue.await_author(tx, item.id, actor, now, data.get("reason"))
            await self.bot.send(author, self.t(
                "mod.please_delete", channel=item.channel_name,
                reason=data.get("reason") or "—"), tx=tx)
        elif purpose == "block":
            await self.queue.set_message_state(tx, item.id, "delete_requested", GARANT, now)
            if result.effect.attempts:  # refused on a later attempt: nobody told them yet
                await self.bot.send(author, self.t(
                    "mod.delete_yourself", channel=item.channel_name,
                    details=data.get("details", "")), tx=tx)
        await self.bot.refresh_card(card_key(item.id), tx=tx)

    async def restored(self, result: EffectResult, tx: Transaction) -> None:
        """A held message was posted again by Garant: it is visible."""
        if result.outcome != "done":
            return
        actor = tuple(result.data.get("actor") or GARANT)
        assert len(actor) == 2
        item_id = int(result.data["item"])
        await self.queue.set_message_state(tx, item_id, "visible", actor, self.bot.clock.now())
        await self.bot.refresh_card(card_key(item_id), tx=tx)

    async def overturned(self, tx: Transaction, item: Item, who: tuple[str, str],
                         now: datetime) -> None:
        """An appeal overturned the decision: what can be restored is. A warning for the
        message expires; a removed message is posted again by Garant, in its author's
        name (a platform cannot bring the original back)."""
        await tx.execute("UPDATE warnings SET expires_at = ? WHERE item_id = ? "
                         "AND expires_at > ?", (format_utc(now), item.id, format_utc(now)))
        if item.status == "removed" and item.message_state in ("deleted", "hidden"):
            restored = self.t("mod.restored", author=item.author_name, text=item.text)
            await self.bot.send(ChannelRef(item.channel_name, item.platform, item.channel_id),
                                restored, tx=tx)
        await tx.execute(
            "INSERT INTO review_events (item_id, at, actor, actor_name, action, from_status, "
            "to_status, reason) VALUES (?, ?, ?, ?, 'appeal.overturned', ?, ?, NULL)",
            (item.id, format_utc(now), who[0], who[1], item.status, item.status))

    async def timed_out(self, result: EffectResult, tx: Transaction) -> None:
        if result.outcome != "done":
            return  # the platform's refusal reached the moderators as a platform problem
        duration = self.settings.threshold_timeout or timedelta()
        if result.data.get("user"):  # for the member's case file
            await tx.audit(GARANT[0], "moderation.timeout", f"member:{result.data['user']}",
                           None, seconds=duration.total_seconds())
        await self.bot.send(self.review_queue(), self.t(
            "mod.warning.timed_out", user=result.data.get("name", "?"),
            duration=age_text(duration, self.t.language)), tx=tx)


def item_author(item: Item) -> User:
    """The author of a flagged message, as stored with the item."""
    return User(item.platform, UserRef.parse(item.author_key).id, item.author_name)


def item_message(item: Item) -> Message:
    """The flagged message as the platform knows it, rebuilt from the stored item."""
    channel = Channel(item.platform, item.channel_id, item.channel_name)
    return Message(item.platform, item.message_id, channel, item_author(item), item.text,
                   item.posted_at, link=item.link)


__all__ = ["GARANT", "FollowUp", "card_key", "item_author", "item_message"]
