"""The `outbox` cog: what Garant could not deliver, told and retried.

Why: an effect is retried with back-off (`bot/effects.py`), and a scheduled job
too (`bot/scheduler.py`); when they give up, somebody must know. The moderators
hear it in their channel, in plain words, the moment it happens; `/outbox` lists
what failed (refused by a platform, or dead after its retries) and
`/outbox retry N|all` puts dead deliveries back in the queue once the cause is
fixed (a permission granted, a token renewed). `garant outbox` does the same
from the command line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.model import ChannelRef, Command, Option
from cogs.outbox.messages import MESSAGES

if TYPE_CHECKING:
    from bot.effects import Effect
    from bot.host import Bot, Context
    from bot.scheduler import RunRecord

#: Dedupe keys of the notices this cog posts: a notice that itself dies is not noticed.
NOTICE = "outbox.notice"
RETRY_ALL = ("all", "tout", "tous")


def setup(bot: Bot) -> None:
    cog = Outbox(bot)
    bot.add_messages(MESSAGES)
    bot.add_command(Command(("outbox",), "outbox.help", cog.list_failed,
                            permission="moderator"))
    bot.add_command(Command(("outbox", "retry"), "outbox.retry.help", cog.retry,
                            (Option("id"),), permission="moderator"))
    bot.dispatcher.on_dead(cog.effect_died)
    bot.scheduler.on_dead(cog.job_died)


class Outbox:
    def __init__(self, bot: Bot) -> None:
        self.bot = bot

    def queue(self) -> ChannelRef:
        return ChannelRef.named(self.bot.config.channels.review_queue)

    def when(self, effect: Effect) -> str:
        return f"{effect.created_at.astimezone(ZoneInfo(self.bot.config.timezone)):%d/%m %H:%M}"

    async def effect_died(self, effect: Effect) -> None:
        if (effect.dedupe_key or "").startswith(NOTICE):
            return  # the notice channel itself is unreachable: the log has it
        await self.bot.send(self.queue(), self.bot.t(
            "outbox.dead", id=effect.id, what=effect.describe(self.bot.language),
            attempts=effect.attempts + 1,
            error=effect.error or "?"), key=f"{NOTICE}:effect:{effect.id}")

    async def job_died(self, run: RunRecord) -> None:
        await self.bot.send(self.queue(), self.bot.t(
            "outbox.job_dead", job=run.job_id, handler=run.handler,
            when=f"{run.scheduled_for.astimezone(ZoneInfo(self.bot.config.timezone)):%d/%m %H:%M}",
            error=run.error or "?"), key=f"{NOTICE}:job:{run.job_id}:{run.scheduled_for}")

    async def list_failed(self, ctx: Context) -> None:
        effects = await self.bot.outbox.listing(("dead", "refused"), limit=20)
        jobs = await self.bot.store.fetchall(
            "SELECT job_id, handler, scheduled_for, attempts, error FROM job_runs "
            "WHERE status = 'dead' ORDER BY id DESC LIMIT 10")
        if not effects and not jobs:
            await ctx.private(ctx.t("outbox.empty"))
            return
        lines = []
        if effects:
            lines.append(ctx.t("outbox.title", count=len(effects)))
            lines += [ctx.t(f"outbox.line.{e.status}", id=e.id, what=e.describe(ctx.t.language),
                            when=self.when(e), attempts=e.attempts, error=e.error or "?")
                      for e in effects]
        if jobs:
            lines.append(ctx.t("outbox.jobs", count=len(jobs)))
            lines += [ctx.t("outbox.job_line", job=row["job_id"], attempts=row["attempts"],
                            error=row["error"] or "?") for row in jobs]
        lines.append(ctx.t("outbox.hint"))
        await ctx.private("\n".join(lines))

    async def retry(self, ctx: Context, id: str) -> None:
        wanted = id.strip().lstrip("#").removeprefix("n°").strip().lower()
        if wanted in RETRY_ALL:
            count = await self.bot.outbox.retry(None, ctx.user.key)
        elif wanted.isdigit():
            count = await self.bot.outbox.retry(int(wanted), ctx.user.key)
            if not count:
                await ctx.private(ctx.t("outbox.retry.unknown", id=wanted))
                return
        else:
            await ctx.private(ctx.t("outbox.retry.bad", value=id))
            return
        await ctx.private(ctx.t("outbox.retry.done", count=count))
        await self.bot.flush()


__all__ = ["Outbox", "setup"]
