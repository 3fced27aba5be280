"""The `moderation` cog: live charter checks, the review queue, reports and warnings.

Written once against the neutral model: the same handlers run in the local
console, on Discord and on Slack. Decisions are plain functions (`decide`),
state lives in the store (`queue`), cards are rendered by `cards`.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime, time, timedelta
from typing import TYPE_CHECKING

from bot.charter import Finding, FloodTracker
from bot.model import (
    Card,
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
    PageRoute,
    User,
    UserRef,
    channel_key,
)
from bot.phrases import add_french
from bot.platforms.base import PlatformProblem
from bot.stats import format_percent
from bot.store import format_utc
from cogs.moderation import appeals, case_file
from cogs.moderation.cards import appeal_card, local, queue_line, report_line
from cogs.moderation.decide import (
    REPORT_REASONS,
    age_text,
    live_action,
    parse_reason,
)
from cogs.moderation.exemptions import Exemptions
from cogs.moderation.follow_up import GARANT, FollowUp, card_key
from cogs.moderation.messages import EVENTS, MESSAGES
from cogs.moderation.page import queue_page
from cogs.moderation.phrases_fr import FRENCH
from cogs.moderation.queue import FlagResult, Item, ReviewQueue
from cogs.moderation.settings import ModerationSettings
from cogs.moderation.stats import CHART, ModerationStats, period_stats, precision

if TYPE_CHECKING:
    from bot.host import Bot, Context
    from bot.i18n import Translator
    from bot.scheduler import Job
    from bot.store import Transaction

add_french(FRENCH)  # the French of its settings' errors (phrases_fr.py)

REASON_FORM_ACTIONS = ("remove", "escalate")


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
    bot.add_page(PageRoute("queue", "mod.page.page", lambda ctx, query: queue_page(cog, ctx, query),
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
    bot.add_command(Command(("appeal",), "mod.appeal.help", cog.appeal_command,
                            (Option("item", "int"), Option("reason", "rest"))))
    bot.on_action("appeal:{verb}:{id:int}", cog.on_appeal_button, permission="moderator",
                  refused="mod.refused")
    bot.on_form("appeal:{verb}:{id:int}", cog.on_appeal_form, permission="moderator",
                refused="mod.refused")
    bot.add_card("appeal", cog.render_appeal)
    bot.add_command(Command(("charter", "stats"), "mod.charter_stats.help", cog.charter_stats,
                            (Option("rule", required=False), Option("days", "int", required=False)),
                            permission="moderator"))
    bot.add_command(Command(("case",), "mod.case.help", cog.case_file,
                            (Option("user", "user"),), permission="moderator"))
    bot.add_command(Command(("exception",), "mod.exception.help", cog.exemptions.open_form,
                            (Option("item_id", "int", complete="review.open"),),
                            permission="moderator"))
    bot.add_command(Command(("note",), "mod.note.help", cog.add_note,
                            (Option("user", "user"), Option("text", "rest")),
                            permission="moderator"))
    bot.add_message_action(MessageAction("report", "mod.report.action", cog.open_report_form,
                                         permission="member"))
    bot.on_form("report:{channel}:{message:rest}", cog.on_report_form, permission="member")
    bot.on_message_deleted(cog.on_message_deleted)
    bot.on_platform_problem(cog.on_platform_problem)
    cog.follow_up.register()
    bot.add_stats("moderation", "mod.stats.title", ModerationStats(bot).section, position=20,
                  chart=CHART)
    bot.add_home_section(cog.home)
    bot.add_job("moderation.reminder", cog.remind_open_items)
    bot.add_job("moderation.unattended", cog.escalate_if_unattended)
    bot.on_start(cog.schedule_reminder)
    bot.on_persist(cog.queue.counters.flush)
    bot.add_personal_data("review_items", "author_key", "author_name",
                          texts=("text", "earlier_texts", "link"))
    bot.add_personal_data("review_items", "resolved_by", "resolved_by_name")
    bot.add_personal_data("review_items", "claimed_by", "claimed_by_name")
    bot.add_personal_data("review_flags", "reporter_key", "reporter_name", texts=("note",))
    bot.add_personal_data("review_events", "actor", "actor_name")
    bot.add_personal_data("warnings", "user_key", "user_name", texts=("reason",))
    bot.add_personal_data("warnings", "moderator", "moderator_name")
    bot.add_personal_data("moderation_notes", "user_key", "user_name", erase="delete")
    bot.add_personal_data("moderation_notes", "author", "author_name")
    bot.add_personal_data("appeals", "author", "author_name", texts=("reason",))
    bot.add_personal_data("appeals", "decided_by", "decided_by_name")


class Moderation:
    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        self.settings = bot.settings(ModerationSettings)
        self.quiet_hours = self.settings.quiet_hours_in(bot.config.tz)
        self.queue = ReviewQueue(bot.store)
        self.flood = FloodTracker()
        self.follow_up = FollowUp(bot, self.queue, self.settings)
        self.exemptions = Exemptions(bot, self.queue)

    @property
    def t(self) -> Translator:
        return self.bot.t

    # ------------------------------------------------------------ live checks

    async def on_message(self, ctx: Context, message: Message) -> None:
        charter_name = self.bot.charter_name_for(message.channel)
        if charter_name is None or "exempt" in ctx.roles:
            return
        charter = self.bot.charters.get(charter_name)
        found = charter.check(message.text, "chat", flood=self.flood,
                              author=message.author.key, channel=message.channel.id,
                              at=message.at, shadow=True)
        off = charter.rules_off_in(message.channel.name)
        if off:  # rules a moderator made an exception of in this channel
            found = [f for f in found if f.rule not in off]
        self.queue.count(message.at.astimezone(UTC), found)
        findings = [f for f in found if not f.shadow]  # shadow rules are only measured
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
        purpose = None
        if self.quiet_hours.is_quiet(message.at):
            purpose = "held"  # nobody is on duty: hold the message until reviewed
        item = await self.enqueue(message, findings=findings, purpose=purpose)
        if purpose and item.message_state == "hidden":
            await ctx.private(self.t("mod.held", channel=message.channel.name))

    async def block(self, ctx: Context, message: Message, findings: list[Finding],
                    details: str) -> None:
        item = await self.enqueue(message, findings=findings, purpose="block", details=details)
        # Told at once; a refusal that comes only after retries is sent as a DM.
        key = "mod.delete_yourself" if item.message_state == "delete_requested" \
            else "mod.blocked"
        await ctx.private(self.t(key, channel=message.channel.name, details=details))

    async def enqueue(self, message: Message, *, findings: Sequence[Finding] = (),
                      reporter: tuple[str, str] | None = None, reason: str | None = None,
                      note: str | None = None, purpose: str | None = None,
                      details: str = "") -> Item:
        """Flag the message, record its card and deletion in the same commit; the item.
        When the message is to be hidden or blocked, the deliveries are awaited and the
        item is as the platform left it (deleted, or the deletion refused), for the
        author's notice; a plain flag does not hold the channel's next message up for
        the card's posting (the dispatcher, woken by the commit, posts it)."""
        async def effects(tx: Transaction, result: FlagResult) -> None:
            await self.follow_up.flagged(tx, result, message, purpose, details)

        result = await self.queue.flag(message, self.bot.clock.now(), findings=findings,
                                       reporter=reporter, reason=reason, note=note,
                                       effects=effects)
        if result.created:
            await self.tell_on_duty(result.item)
        if purpose is None:
            return result.item
        await self.bot.flush()
        return await self.queue.get(result.item.id) or result.item

    def review_queue(self, platform: str | None = None) -> ChannelRef:
        return self.follow_up.review_queue(platform)

    async def on_message_deleted(self, platform: str, channel_id: str,
                                 message_id: str, own: bool) -> None:
        """A flagged message is gone from the platform (its author deleted it, as asked
        when the bot could not): the item closes as removed. Garant's own deletions
        (a message hidden until reviewed) close nothing."""
        if own:
            return
        item = await self.queue.by_message(platform, channel_id, message_id)
        if item is None or item.message_state in ("deleted", "hidden"):
            return
        now = self.bot.clock.now()

        async def gone(tx: Transaction, found: Item) -> None:
            await self.queue.set_message_state(tx, found.id, "deleted", GARANT, now)
            await self.bot.refresh_card(card_key(found.id), tx=tx)

        if item.is_open:
            await self.queue.act(item.id, "remove", GARANT, now,
                                 self.t("mod.deleted_by_author"), effects=gone)
        else:
            async with self.bot.store.transaction() as tx:
                await gone(tx, item)
        await self.bot.flush()

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
        if verb == "exception":
            await self.exemptions.open_form(ctx, id)
            return
        item = await self.queue.get(id) if verb in (*REASON_FORM_ACTIONS, "warn") else None
        reasons = self.canned_reasons(item) if item is not None else {}
        if verb not in REASON_FORM_ACTIONS and not (verb == "warn" and reasons):
            # The decision's own transaction says whether the item is there and open.
            # A warning needs no reason (the rule's is given) unless the charter offers some.
            await self.apply(ctx, id, verb, None)
            return
        if item is None:
            await ctx.private(self.t("mod.gone", id=id))
            return
        if not item.is_open:
            await ctx.private(self.already(item))
            return
        fields: tuple[FormField, ...] = (FormField(
            "reason", self.t("mod.form.reason"), max_length=500,
            required=not reasons and verb != "warn"),)
        if reasons:  # the charter's canned reasons first; a free text may add to one
            fields = (FormField("canned", self.t("mod.form.canned"), required=False,
                                choices=tuple(reasons), placeholder=" · ".join(
                                    f"{key} : {text}" for key, text in reasons.items())[:150]),
                      *fields)
        await ctx.open_form(Form(f"review:{verb}:{item.id}",
                                 self.t(f"mod.form.{verb}", id=item.id), fields))

    def canned_reasons(self, item: Item) -> dict[str, str]:
        """The canned reasons of the charter of the item's channel (`reasons:`)."""
        try:
            charter = self.bot.charter_for(Channel(item.platform, item.channel_id,
                                                   item.channel_name))
        except Exception:  # a charter that no longer loads: free text only
            return {}
        return dict(charter.reasons)

    async def on_review_form(self, ctx: Context, values: dict[str, str], verb: str,
                             id: int) -> None:
        if verb == "exception":
            await self.exemptions.on_form(ctx, values, id)
            return
        reason = values.get("reason", "").strip()
        canned = values.get("canned", "").strip()
        if canned:
            item = await self.queue.get(id)
            text = self.canned_reasons(item).get(canned, "") if item else ""
            reason = f"{text} {reason}".strip() if text else reason
        if not reason and verb != "warn":  # a warning without one gives the rule's
            raise FormInvalid({"reason": self.t("mod.form.reason_needed")})
        await self.apply(ctx, id, verb, reason or None)

    async def apply(self, ctx: Context, item_id: int, verb: str, reason: str | None) -> None:
        who = actor(ctx)

        async def effects(tx: Transaction, item: Item) -> None:
            await self.follow_up.decided(tx, item, verb, who, reason)

        outcome = await self.queue.act(item_id, verb, who, ctx.now, reason, effects=effects)
        if outcome is None:
            await ctx.private(self.t("mod.gone", id=item_id))
            return
        item = outcome.item
        if not outcome.done:
            text = self.already(item) if not item.is_open else self.t(
                "mod.not_from", id=item.id, status=self.t(f"mod.status.{item.status}"))
            await ctx.private(text)
            return
        await self.bot.flush()
        key = f"mod.done.{verb}"
        if verb == "remove":
            # What the moderator reads is what happened, once the platform has answered.
            item = await self.queue.get(item.id) or item
        if verb == "remove" and item.message_state == "delete_requested":
            key = "mod.cannot_delete"
        elif verb == "remove" and item.message_state == "visible":
            key = "mod.done.remove_pending"
        await ctx.private(self.t(key, id=item.id, author=item.author_name))

    def already(self, item: Item) -> str:
        when = local(item.resolved_at, self.bot.config.tz) if item.resolved_at else "?"
        who = item.resolved_by_name or item.resolved_by or "?"
        return self.t("mod.already", id=item.id, status=self.t(f"mod.status.{item.status}"),
                      actor=who, when=when)

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
        card = await self.follow_up.render(card_key(item.id))
        assert card is not None
        await ctx.private(card)
        await ctx.private("\n".join([self.t("mod.queue.history"),
                                     *await self.history_lines(item.id)]))

    async def history_lines(self, item_id: int) -> list[str]:
        """What happened to a review item, a line per event, oldest first."""
        lines = []
        for event in await self.queue.events(item_id):
            reason = event.reason or ""
            if event.action == "reported" and reason in REPORT_REASONS:
                reason = self.t(f"mod.reason.{reason}")
            action = self.t(f"mod.event.{event.action}") if event.action in EVENTS \
                else event.action
            lines.append(self.t("mod.queue.event", when=local(event.at, self.bot.config.tz),
                                actor=event.actor, action=action,
                                reason=f" — {reason}" if reason else ""))
        return lines

    async def home(self, ctx: Context) -> list[Content]:
        """A moderator's home view: the open review items, oldest first, with their
        buttons; and for moderators and the director, the appeals they may judge."""
        moderator, director = ctx.can("moderator"), ctx.can("director")
        if not (moderator or director):
            return []
        items = await self.queue.open_items() if moderator else []
        cards: list[Content] = [self.t("mod.queue.title", count=len(items))] if items else []
        for item in items[:10]:  # the oldest first; /queue lists them all
            card = await self.follow_up.render(card_key(item.id))
            if card is not None:
                cards.append(card)
        # Appeals this moderator may judge (not one against their own decision).
        waiting = [appeal for appeal in [appeals.Appeal.from_row(row) for row in
                                         await self.bot.store.fetchall(
                                             "SELECT * FROM appeals WHERE status = 'open' "
                                             "ORDER BY id")]
                   if appeals.may_decide(appeal, ctx.user.key, director)]
        if waiting:
            cards.append(self.t("mod.home.appeals", count=len(waiting)))
        for appeal in waiting[:10]:
            contested = await self.queue.get(appeal.item_id)
            if contested is not None:
                cards.append(appeal_card(self.t, appeal, contested))
        return cards

    async def tell_on_duty(self, item: Item) -> None:
        """The moderators on duty now hear of a new item by direct message."""
        names = self.settings.on_duty(self.bot.clock.now(), self.bot.config.tz) or ()
        for name in names:
            person = await self.bot.find_user(item.platform, name)
            if person is not None:
                await self.bot.send(person, self.t("mod.duty.new", id=item.id,
                                                   channel=item.channel_name,
                                                   author=item.author_name))

    async def escalate_if_unattended(self, bot: Bot, job: Job, scheduled_for: datetime) -> None:
        """`escalate_after` an item was opened: untouched, with nobody on duty, it goes to
        the publication director."""
        item = await self.queue.get(int(job.payload["item"]))
        now = bot.clock.now()
        if item is None or not item.is_open or item.claimed_by:
            return
        row = await bot.store.fetchone(
            "SELECT first_action_at FROM review_items WHERE id = ?", (item.id,))
        if row is None or row["first_action_at"]:
            return
        on_duty = self.settings.on_duty(now, bot.config.tz)
        if on_duty or (on_duty is None and not self.quiet_hours.is_quiet(now)):
            return  # someone is on duty: the item waits for them
        async with bot.store.transaction() as tx:
            await bot.send_role("director", item.platform, self.t(
                "mod.duty.escalated", id=item.id, channel=item.channel_name,
                age=age_text(now - item.created_at, self.t.language)), tx=tx)
            await tx.audit("garant", "review.escalate_unattended", f"review:{item.id}", None)
        await bot.flush()

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
        await self.enqueue(message, reporter=(ctx.user.key, ctx.user.name), reason=reason,
                           note=note)
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
        async with self.bot.store.transaction() as tx:
            count = await self.follow_up.warn(tx, user, reason, actor(ctx), item_id)
        await self.bot.flush()
        await ctx.private(self.t("mod.warning.done", user=user.name, count=count))

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


    # ------------------------------------------------------------ appeals

    async def appeal_command(self, ctx: Context, item: int, reason: str) -> None:
        """`/appeal ITEM reason`: the author contests a removal or a warning, once."""
        found = await self.queue.get(item)
        if found is None:
            await ctx.private(self.t("mod.gone", id=item))
            return
        warned_by = await appeals.last_warner(self.bot.store, item)
        refused = appeals.may_appeal(found, ctx.user.key, warned_by)
        if refused is not None:
            await ctx.private(self.t(refused, id=item))
            return
        reason = " ".join(reason.split())[:500]
        async with self.bot.store.transaction() as tx:
            if await appeals.of_item(tx, item) is not None:
                appeal_id = None
            else:
                appeal_id = await appeals.record(tx, found, ctx.user.name, reason, warned_by,
                                                 ctx.now)
                key = f"appeal:{appeal_id}"
                await self.bot.post_card(self.review_queue(found.platform), key, tx=tx, key=key)
        await self.bot.flush()
        await ctx.private(self.t("mod.appeal.sent", id=appeal_id, item=item) if appeal_id
                          else self.t("mod.appeal.once", item=item))

    async def render_appeal(self, key: str) -> Card | None:
        appeal = await appeals.get(self.bot.store, int(key.split(":", 1)[1]))
        item = await self.queue.get(appeal.item_id) if appeal else None
        if appeal is None or item is None:
            return None
        return appeal_card(self.t, appeal, item)

    async def on_appeal_button(self, ctx: Context, verb: str, id: int) -> None:
        appeal = await appeals.get(self.bot.store, id)
        if appeal is None or verb not in ("uphold", "overturn"):
            await ctx.private(self.t("mod.gone", id=id))
            return
        if not appeals.may_decide(appeal, ctx.user.key, ctx.can("director")):
            await ctx.private(self.t("mod.appeal.not_you"))
            return
        if appeal.status != "open":
            await ctx.private(self.t("mod.appeal.done_already", id=id))
            return
        await ctx.open_form(Form(f"appeal:{verb}:{id}", self.t(f"mod.appeal.form.{verb}", id=id),
                                 (FormField("reason", self.t("mod.form.reason"),
                                            max_length=500),)))

    async def on_appeal_form(self, ctx: Context, values: dict[str, str], verb: str,
                             id: int) -> None:
        appeal = await appeals.get(self.bot.store, id)
        item = await self.queue.get(appeal.item_id) if appeal else None
        if appeal is None or item is None or verb not in ("uphold", "overturn"):
            await ctx.private(self.t("mod.gone", id=id))
            return
        if not appeals.may_decide(appeal, ctx.user.key, ctx.can("director")):
            await ctx.private(self.t("mod.appeal.not_you"))
            return
        reason = values.get("reason", "").strip() or "—"
        outcome = "upheld" if verb == "uphold" else "overturned"
        async with self.bot.store.transaction() as tx:
            done = await appeals.decide(tx, id, outcome, actor(ctx), reason, ctx.now)
            if done:
                await self.bot.send(UserRef.parse(appeal.author), self.t(
                    f"mod.appeal.told.{outcome}", item=item.id, reason=reason), tx=tx)
                if outcome == "overturned":
                    await self.follow_up.overturned(tx, item, actor(ctx), ctx.now)
                await self.bot.refresh_card(f"appeal:{id}", tx=tx)
        await self.bot.flush()
        await ctx.private(self.t(f"mod.appeal.decided.{outcome}", id=id) if done
                          else self.t("mod.appeal.done_already", id=id))

    # ------------------------------------------------------------ rules measured

    async def charter_stats(self, ctx: Context, rule: str | None, days: int | None) -> None:
        """`/charter stats [RULE] [DAYS]`: each rule's hits over the last DAYS (30), and
        the precision moderators' decisions give it; shadow-mode rules, what they would
        have done."""
        days = max(1, min(days or 30, 366))
        await self.bot.persist()  # this second's counts too
        end = ctx.now.astimezone(UTC)
        start = end - timedelta(days=days)
        figures = await period_stats(self.bot.store, start, end + timedelta(days=1))
        hits: dict[str, int] = figures["findings_by_rule"]
        shadow: dict[str, int] = figures["shadow_by_rule"]
        decided: dict[str, tuple[int, int]] = figures["decisions_by_rule"]
        names = sorted(set(hits) | set(shadow) | set(decided))
        if rule:
            names = [n for n in names if n == rule.strip()]
        lines = [self.t("mod.charter_stats.title", days=days)]
        for name in names:
            if name in shadow:
                lines.append(self.t("mod.charter_stats.shadow", rule=name, hits=shadow[name]))
                continue
            right, wrong = decided.get(name, (0, 0))
            measured = precision(right, wrong)
            lines.append(self.t(
                "mod.charter_stats.rule", rule=name, hits=hits.get(name, 0), right=right,
                wrong=wrong, precision=format_percent(measured, self.t.language)
                if measured is not None else "—"))
        if len(lines) == 1:
            lines.append(self.t("mod.charter_stats.none"))
        await ctx.private("\n".join(lines))

    # ------------------------------------------------------------ case files

    async def case_file(self, ctx: Context, user: str) -> None:
        """`/case USER`: everything moderation knows about one person, in time order."""
        target = await ctx.find_user(user)
        if target is None:
            await ctx.private(self.t("mod.case.unknown", name=user))
            return
        entries = await case_file.gather(self.bot.store, target.key, ctx.now)
        tz = self.bot.config.tz
        await ctx.private("\n".join(case_file.lines(self.t, lambda at: local(at, tz),
                                                    target.name, entries)))

    async def add_note(self, ctx: Context, user: str, text: str) -> None:
        """`/note USER text`: a moderators' note in the person's case file."""
        target = await ctx.find_user(user)
        if target is None:
            await ctx.private(self.t("mod.case.unknown", name=user))
            return
        text = " ".join(text.split())[:1000]
        async with self.bot.store.transaction() as tx:
            await tx.execute(
                "INSERT INTO moderation_notes (user_key, user_name, author, author_name, text, "
                "created_at) VALUES (?, ?, ?, ?, ?, ?)",
                (target.key, target.name, ctx.user.key, ctx.user.name, text,
                 format_utc(ctx.now)))
            await tx.audit(ctx.user.key, "moderation.note", f"member:{target.key}", None)
        await ctx.private(self.t("mod.note.done", user=target.name))


__all__ = ["Moderation", "report_line", "setup"]
