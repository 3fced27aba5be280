"""The `moderation` cog: live charter checks, the review queue, reports and warnings.

Written once against the neutral model: the same handlers run in the local
console, on Discord and on Slack. Decisions are plain functions (`decide`),
state lives in the store (`queue`), cards are rendered by `cards`.
"""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING

from bot.charter import Finding, FloodTracker
from bot.model import (
    Channel,
    ChannelRef,
    Command,
    Content,
    Form,
    FormField,
    FormInvalid,
    Message,
    MessageAction,
    Option,
    User,
    UserRef,
    channel_key,
)
from bot.platforms.base import PlatformProblem
from cogs.moderation.cards import local, queue_line, report_line, review_card
from cogs.moderation.decide import (
    REPORT_REASONS,
    age_text,
    live_action,
    parse_reason,
    should_hide_for_reports,
)
from cogs.moderation.messages import MESSAGES
from cogs.moderation.queue import FlagResult, Item, ReviewQueue
from cogs.moderation.settings import ModerationSettings
from cogs.moderation.stats import CHART, ModerationStats

if TYPE_CHECKING:
    from bot.host import Bot, Context
    from bot.i18n import Translator
    from bot.scheduler import Job

REASON_FORM_ACTIONS = ("remove", "escalate")
GARANT = ("garant", "Garant")


def actor(ctx: Context) -> tuple[str, str]:
    """Who acts, as stored: the user key, and the name people see."""
    return ctx.user.key, ctx.user.name


#: The garant.yaml sections this cog reads (see `bot/settings.py`).
SETTINGS = (ModerationSettings,)


def setup(bot: Bot) -> None:
    cog = Moderation(bot)
    bot.add_messages(MESSAGES)
    bot.on_message(cog.on_message)
    bot.on_action("review:{verb}:{id:int}", cog.on_review_button, permission="moderator",
                  refused="mod.refused")
    bot.on_form("review:{verb}:{id:int}", cog.on_review_form, permission="moderator",
                refused="mod.refused")
    bot.add_command(Command(("queue",), "mod.queue.help", cog.list_queue,
                            permission="moderator"))
    bot.add_command(Command(("queue", "show"), "mod.queue.show.help", cog.show_item,
                            (Option("id", "int", complete="review.open"),),
                            permission="moderator"))
    bot.add_completer("review.open", cog.complete_open_items)
    bot.add_command(Command(("report",), "mod.report.help", cog.report_command,
                            (Option("message"), Option("reason"),
                             Option("note", "rest", required=False)), permission="member"))
    bot.add_command(Command(("warn",), "mod.warn.help", cog.warn_command,
                            (Option("user", "user"), Option("reason", "rest")),
                            permission="moderator"))
    bot.add_command(Command(("warnings",), "mod.warnings.help", cog.list_warnings,
                            (Option("user", "user"),), permission="moderator"))
    bot.add_message_action(MessageAction("report", "mod.report.action", cog.open_report_form,
                                         permission="member"))
    bot.on_form("report:{channel}:{message:rest}", cog.on_report_form, permission="member")
    bot.on_message_deleted(cog.on_message_deleted)
    bot.on_platform_problem(cog.on_platform_problem)
    bot.add_stats("moderation", "mod.stats.title", ModerationStats(bot).section, position=20,
                  chart=CHART)
    bot.add_home_section(cog.home)
    bot.add_job("moderation.reminder", cog.remind_open_items)
    bot.on_start(cog.schedule_reminder)


class Moderation:
    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self.settings = bot.settings(ModerationSettings)
        self.quiet_hours = self.settings.quiet_hours_in(bot.config.tz)
        self.queue = ReviewQueue(bot.store)
        self.flood = FloodTracker()

    @property
    def t(self) -> Translator:
        return self.bot.t

    # ------------------------------------------------------------ live checks

    async def on_message(self, ctx: Context, message: Message) -> None:
        charter_name = self.bot.charter_name_for(message.channel)
        if charter_name is None or "exempt" in ctx.roles:
            return
        charter = self.bot.charters.get(charter_name)
        findings = charter.check(message.text, "chat", flood=self.flood,
                                 author=message.author.key, channel=message.channel.id,
                                 at=message.at)
        await self.queue.count(message.at.astimezone(UTC), findings)
        action = live_action(findings, self.settings.chat_rules_exempt(ctx.roles))
        if action is None:
            return
        details = " ".join(dict.fromkeys(f.message for f in findings if f.action == action))
        if action == "suggest":
            await ctx.private(self.t("mod.hint", details=details))
        elif action == "warn":
            await ctx.reply(self.t("mod.warn", author=message.author.name, details=details))
        elif action == "flag":
            await self.flag(ctx, message, findings)
        else:
            await self.block(ctx, message, findings, details)

    async def flag(self, ctx: Context, message: Message, findings: list[Finding]) -> None:
        state = None
        if self.quiet_hours.is_quiet(message.at) and await self.bot.delete(message):
            state = "hidden"  # nobody is on duty: hold the message until reviewed
            await ctx.private(self.t("mod.held", channel=message.channel.name))
        await self.show(await self.queue.flag(message, self.bot.clock.now(), findings=findings,
                                              message_state=state))

    async def block(self, ctx: Context, message: Message, findings: list[Finding],
                    details: str) -> None:
        deleted = await self.bot.delete(message)
        key = "mod.blocked" if deleted else "mod.delete_yourself"
        await ctx.private(self.t(key, channel=message.channel.name, details=details))
        result = await self.queue.flag(message, self.bot.clock.now(), findings=findings,
                                       message_state="hidden" if deleted else "delete_requested")
        await self.show(result)

    async def show(self, result: FlagResult) -> None:
        """Post the item's card in the review queue, or update it in place."""
        card = review_card(self.t, result.item, await self.queue.flags(result.item.id),
                           self.bot.config.tz)
        if result.created:
            await self.bot.send(self.review_queue(), card)
        else:
            await self.bot.update_card(card)

    def review_queue(self, platform: str | None = None) -> ChannelRef:
        return ChannelRef.named(self.bot.config.channels.review_queue, platform)

    async def refresh(self, item: Item) -> None:
        card = review_card(self.t, item, await self.queue.flags(item.id), self.bot.config.tz)
        await self.bot.update_card(card)

    async def on_message_deleted(self, platform: str, channel_id: str,
                                 message_id: str) -> None:
        """A flagged message is gone from the platform (its author deleted it, as asked
        when the bot could not): the item closes as removed."""
        item = await self.queue.by_message(platform, channel_id, message_id)
        if item is None or item.message_state in ("deleted", "hidden"):
            return
        now = self.bot.clock.now()
        await self.queue.set_message_state(item.id, "deleted", GARANT, now)
        if item.is_open:
            await self.queue.act(item.id, "remove", GARANT, now, self.t("mod.deleted_by_author"))
        await self.refresh(await self.queue.get(item.id) or item)

    async def on_platform_problem(self, problem: PlatformProblem) -> None:
        """Moderators hear, in their channel on that platform, what the platform refused
        (unless the problem is that the bot cannot post there)."""
        queue = self.bot.config.channels.review_queue
        if problem.cannot_post and problem.channel is not None and \
                channel_key(problem.channel) == channel_key(queue):
            return
        await self.bot.send(self.review_queue(problem.platform), problem.text)

    # ------------------------------------------------------------ moderator actions

    async def on_review_button(self, ctx: Context, verb: str, id: int) -> None:
        item = await self.queue.get(id)
        if item is None:
            await ctx.private(self.t("mod.gone", id=id))
            return
        if not item.is_open:
            await ctx.private(self.already(item))
            return
        if verb in REASON_FORM_ACTIONS:
            await ctx.open_form(Form(f"review:{verb}:{item.id}",
                                     self.t(f"mod.form.{verb}", id=item.id),
                                     (FormField("reason", self.t("mod.form.reason"),
                                                max_length=500),)))
            return
        await self.apply(ctx, item.id, verb, None)

    async def on_review_form(self, ctx: Context, values: dict[str, str], verb: str,
                             id: int) -> None:
        await self.apply(ctx, id, verb, values.get("reason", "").strip() or None)

    async def apply(self, ctx: Context, item_id: int, verb: str, reason: str | None) -> None:
        outcome = await self.queue.act(item_id, verb, actor(ctx), ctx.now, reason)
        if outcome is None:
            await ctx.private(self.t("mod.gone", id=item_id))
            return
        item = outcome.item
        if not outcome.done:
            text = self.already(item) if not item.is_open else self.t(
                "mod.not_from", id=item.id, status=self.t(f"mod.status.{item.status}"))
            await ctx.private(text)
            return
        follow_up = {"keep": self.after_keep, "remove": self.after_remove,
                     "warn": self.after_warn, "escalate": self.after_escalate,
                     "claim": self.after_claim}[verb]
        await follow_up(ctx, item, reason)
        await self.refresh(await self.queue.get(item.id) or item)
        await ctx.private(self.t(f"mod.done.{verb}", id=item.id, author=item.author_name))

    def already(self, item: Item) -> str:
        when = local(item.resolved_at, self.bot.config.tz) if item.resolved_at else "?"
        who = item.resolved_by_name or item.resolved_by or "?"
        return self.t("mod.already", id=item.id, status=self.t(f"mod.status.{item.status}"),
                      actor=who, when=when)

    async def after_keep(self, ctx: Context, item: Item, reason: str | None) -> None:
        if item.message_state != "hidden":
            return
        restored = self.t("mod.restored", author=item.author_name, text=item.text)
        if await self.bot.send(ChannelRef.named(item.channel_name, item.platform), restored):
            await self.queue.set_message_state(item.id, "visible", actor(ctx), ctx.now)

    async def after_remove(self, ctx: Context, item: Item, reason: str | None) -> None:
        visible = item.message_state in ("visible", "delete_requested")
        if visible and not await self.bot.delete(item_message(item)):
            # The platform will not let the bot delete it (Slack without an admin token):
            # the author is asked to, and the item stays open until the message is gone.
            await self.queue.await_author(item.id, actor(ctx), ctx.now, reason)
            await ctx.private(self.t("mod.cannot_delete"))
            await self.bot.send(UserRef.parse(item.author_key), self.t(
                "mod.please_delete", channel=item.channel_name, reason=reason or "—"))
            return
        await self.queue.set_message_state(item.id, "deleted", actor(ctx), ctx.now)
        await self.bot.send(UserRef.parse(item.author_key), self.t(
            "mod.removed_author", channel=item.channel_name, reason=reason or "—"))

    async def after_warn(self, ctx: Context, item: Item, reason: str | None) -> None:
        rules = ", ".join(sorted({f.rule for f in await self.queue.flags(item.id) if f.rule}))
        why = reason or self.t("mod.warning.from_item", id=item.message_id,
                               channel=item.channel_name, rules=rules or "—")
        await self.give_warning(ctx, item_author(item), why, item.id)

    async def after_escalate(self, ctx: Context, item: Item, reason: str | None) -> None:
        for director in await self.bot.members("director", platform=item.platform):
            await self.bot.send(director, self.t(
                "mod.escalated_dm", id=item.id, author=item.author_name,
                channel=item.channel_name, actor=ctx.user.name, reason=reason or "—"))

    async def after_claim(self, ctx: Context, item: Item, reason: str | None) -> None:
        return None

    # ------------------------------------------------------------ the queue

    async def list_queue(self, ctx: Context) -> None:
        items = await self.queue.open_items()
        if not items:
            await ctx.private(self.t("mod.queue.empty"))
            return
        lines = [self.t("mod.queue.title", count=len(items))]
        for item in items:
            lines.append(queue_line(self.t, item, await self.queue.flags(item.id), ctx.now))
        await ctx.private("\n".join(lines))

    async def complete_open_items(self, ctx: Context, typed: str) -> list[tuple[str, str]]:
        """Open review items whose number starts with what is typed, oldest first."""
        if not ctx.can("moderator"):
            return []
        found = []
        for item in await self.queue.open_items():
            if str(item.id).startswith(typed.strip().lstrip("#")):
                label = f"{item.id} · {item.author_name} · #{item.channel_name} · " \
                        f"{' '.join(item.text.split())[:50]}"
                found.append((label[:100], str(item.id)))
        return found

    async def show_item(self, ctx: Context, id: int) -> None:
        item = await self.queue.get(id)
        if item is None:
            await ctx.private(self.t("mod.gone", id=id))
            return
        card = review_card(self.t, item, await self.queue.flags(item.id), self.bot.config.tz)
        lines = [self.t("mod.queue.history")]
        for event in await self.queue.events(item.id):
            reason = f" — {event.reason}" if event.reason else ""
            lines.append(self.t("mod.queue.event", when=local(event.at, self.bot.config.tz),
                                actor=event.actor, action=event.action, reason=reason))
        await ctx.private(card)
        await ctx.private("\n".join(lines))

    async def home(self, ctx: Context) -> list[Content]:
        """A moderator's home view: the open review items, oldest first, with their buttons."""
        if not ctx.can("moderator"):
            return []
        items = await self.queue.open_items()
        if not items:
            return []
        cards: list[Content] = [self.t("mod.queue.title", count=len(items))]
        for item in items[:10]:  # the oldest first; /queue lists them all
            cards.append(review_card(self.t, item, await self.queue.flags(item.id),
                                     self.bot.config.tz))
        return cards

    async def schedule_reminder(self, bot: Bot) -> None:
        await bot.scheduler.schedule_daily("moderation:reminder", "moderation.reminder",
                                           time(9, 0), frozenset(range(7)),
                                           bot.config.timezone, grace=timedelta(hours=12))

    async def remind_open_items(self, bot: Bot, job: Job, scheduled_for: datetime) -> None:
        age = self.settings.reminder_after
        now = bot.clock.now()
        old = [i for i in await self.queue.open_items() if now - i.created_at >= age]
        if not old:
            return
        items = ", ".join(f"n° {i.id} ({age_text(now - i.created_at, self.t.language)})"
                          if self.t.language == "fr"
                          else f"#{i.id} ({age_text(now - i.created_at, 'en')})" for i in old)
        await bot.send(self.review_queue(),
                       self.t("mod.reminder", age=age_text(age, self.t.language), items=items))

    # ------------------------------------------------------------ reports

    async def report_command(self, ctx: Context, message: str, reason: str,
                             note: str | None) -> None:
        found = await ctx.fetch_message(message)
        if found is None:
            await ctx.private(self.t("mod.report.no_message", id=message))
            return
        await self.report(ctx, found, reason, note)

    async def open_report_form(self, ctx: Context, message: Message) -> None:
        """The "Report to moderators" action on a message: ask the reason and a note."""
        reasons = tuple(self.t(f"mod.reason.{r}") for r in REPORT_REASONS)
        await ctx.open_form(Form(
            f"report:{message.channel.id}:{message.id}", self.t("mod.report.form"),
            (FormField("reason", self.t("mod.report.reason"), choices=reasons),
             FormField("note", self.t("mod.report.note"), multiline=True, required=False,
                       max_length=500))))

    async def on_report_form(self, ctx: Context, values: dict[str, str], channel: str,
                             message: str) -> None:
        found = await ctx.fetch_message(message, channel)
        if found is None:
            await ctx.private(self.t("mod.report.no_message", id=message))
            return
        reason = next((r for r in REPORT_REASONS if self.t(f"mod.reason.{r}") == values["reason"]),
                      values["reason"])
        if reason == "other" and not values.get("note"):
            raise FormInvalid({"note": self.t("mod.report.note_required")}, values)
        await self.report(ctx, found, reason, values.get("note") or None)

    async def report(self, ctx: Context, message: Message, reason_text: str,
                     note: str | None) -> None:
        """A member reports a message (command, context menu or shortcut)."""
        reason = parse_reason(reason_text)
        if reason is None:
            await ctx.private(self.t("mod.report.bad_reason", reason=reason_text))
            return
        if reason == "other" and not note:
            await ctx.private(self.t("mod.report.note_needed"))
            return
        if message.author.key == ctx.user.key:
            await ctx.private(self.t("mod.report.own"))
            return
        result = await self.queue.flag(message, ctx.now, reporter=(ctx.user.key, ctx.user.name),
                                       reason=reason, note=note)
        threshold = self.settings.reports_to_hide
        if should_hide_for_reports(result.reporters, threshold) and \
                result.item.message_state == "visible" and await self.bot.delete(message):
            await self.queue.set_message_state(result.item.id, "hidden", GARANT, ctx.now)
            result = FlagResult(await self.queue.get(result.item.id) or result.item,
                                result.created, result.reopened, result.reporters)
        await self.show(result)
        await ctx.private(self.t("mod.report.thanks"))

    # ------------------------------------------------------------ warnings

    async def warn_command(self, ctx: Context, user: str, reason: str) -> None:
        target = await ctx.find_user(user)
        if target is None:
            await ctx.private(self.t("mod.report.no_message", id=user))
            return
        await self.give_warning(ctx, target, reason, None)

    async def give_warning(self, ctx: Context, user: User, reason: str,
                           item_id: int | None) -> None:
        moderation = self.settings
        count = await self.queue.warn(user.platform, user.key, user.name, actor(ctx), reason,
                                      ctx.now, moderation.warnings_expire, item_id)
        await self.bot.send(user, self.t("mod.warning.dm", reason=reason, count=count))
        if item_id is None:
            await ctx.private(self.t("mod.warning.done", user=user.name, count=count))
        threshold = moderation.warnings_threshold
        if threshold and count >= threshold:
            await self.bot.send(self.review_queue(), self.t(
                "mod.warning.threshold", user=user.name, count=count, threshold=threshold))
            await self.timeout(user, moderation.threshold_timeout)

    async def timeout(self, user: User, duration: timedelta | None) -> None:
        """Time the member out where the platform can (Discord's Moderate Members)."""
        if duration is None:
            return
        if await self.bot.timeout(user, duration):
            await self.bot.send(self.review_queue(), self.t(
                "mod.warning.timed_out", user=user.name,
                duration=age_text(duration, self.t.language)))

    async def list_warnings(self, ctx: Context, user: str) -> None:
        target = await ctx.find_user(user)
        name = target.name if target else user
        rows = await self.queue.warnings_of(target.key) if target else []
        if not rows:
            await ctx.private(self.t("mod.warnings.none", user=name))
            return
        from bot.store import parse_utc

        lines = [self.t("mod.warnings.title", user=name)]
        for row in rows:
            expired = parse_utc(row["expires_at"]) <= ctx.now
            lines.append(self.t(
                "mod.warnings.line", when=local(parse_utc(row["created_at"]),
                                                self.bot.config.tz),
                moderator=row["moderator_name"], reason=row["reason"],
                expired=self.t("mod.warnings.expired") if expired else ""))
        await ctx.private("\n".join(lines))


def item_author(item: Item) -> User:
    """The author of a flagged message, as stored with the item."""
    return User(item.platform, UserRef.parse(item.author_key).id, item.author_name)


def item_message(item: Item) -> Message:
    """The flagged message as the platform knows it, rebuilt from the stored item."""
    channel = Channel(item.platform, item.channel_id, item.channel_name)
    return Message(item.platform, item.message_id, channel, item_author(item), item.text,
                   item.posted_at, link=item.link)


__all__ = ["Moderation", "item_message", "report_line", "setup"]
