"""Core commands every team needs: /help and /remind."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.model import ChannelRef, Command, Option
from bot.timeparse import parse_when

if TYPE_CHECKING:
    from bot.host import Bot, Context
    from bot.scheduler import Job

MESSAGES = {
    "core.help.help": {"fr": "liste les commandes", "en": "list the commands"},
    "core.help.title": {"fr": "Commandes disponibles :", "en": "Available commands:"},
    "core.help.none": {"fr": "Aucune commande ne commence par /{prefix}.",
                       "en": "No command starts with /{prefix}."},
    "core.remind.help": {
        "fr": "programme un rappel dans ce salon (QUAND : 2h, 30m, 1d, 09:30, 2026-12-01T09:00)",
        "en": "schedule a reminder in this channel (WHEN: 2h, 30m, 1d, 09:30, "
              "2026-12-01T09:00)",
    },
    "core.remind.bad_time": {
        "fr": "Je ne comprends pas « {value} ». Exemples : 2h, 30m, 1d, 09:30, "
              "2026-12-01T09:00.",
        "en": "I don't understand \u201c{value}\u201d. Examples: 2h, 30m, 1d, 09:30, "
              "2026-12-01T09:00.",
    },
    "core.remind.past": {"fr": "Cette heure est déjà passée.", "en": "That time has passed."},
    "core.remind.too_far": {"fr": "Un rappel se programme à un an au plus.",
                            "en": "A reminder can be at most a year ahead."},
    "core.remind.set": {"fr": "Rappel programmé pour {when}.",
                        "en": "Reminder set for {when}."},
    "core.remind.fire": {"fr": "⏰ Rappel pour {user} : {text}",
                         "en": "⏰ Reminder for {user}: {text}"},
}


def setup(bot: Bot) -> None:
    bot.add_messages(MESSAGES)
    bot.add_command(Command(("help",), "core.help.help", show_help,
                            (Option("command", "rest", required=False),)))
    bot.add_command(Command(("remind",), "core.remind.help", remind,
                            (Option("when"), Option("text", "rest")), permission="member"))
    bot.add_job("core.remind", fire_reminder)


async def show_help(ctx: Context, command: str | None) -> None:
    prefix = tuple(command.lower().lstrip("/").split()) if command else ()
    lines = ctx.bot.help_lines(ctx.roles, ctx.platform, prefix)
    if not lines:
        await ctx.private(ctx.t("core.help.none", prefix=" ".join(prefix)))
        return
    await ctx.private("\n".join([ctx.t("core.help.title"), *("  " + line for line in lines)]))


def local_time(ctx: Context, when: datetime) -> str:
    tz = ZoneInfo(ctx.bot.config.timezone)
    return f"{when.astimezone(tz):%Y-%m-%d %H:%M} ({tz.key})"


async def remind(ctx: Context, when: str, text: str) -> None:
    tz = ZoneInfo(ctx.bot.config.timezone)
    at = parse_when(when, ctx.now, tz)
    if at is None:
        await ctx.private(ctx.t("core.remind.bad_time", value=when))
        return
    if at <= ctx.now:
        await ctx.private(ctx.t("core.remind.past"))
        return
    if at - ctx.now > timedelta(days=366):
        await ctx.private(ctx.t("core.remind.too_far"))
        return
    job_id = f"remind:{uuid.uuid4().hex[:12]}"
    payload = {"platform": ctx.platform, "channel": ctx.channel.name,
               "user": ctx.user.name, "text": text}
    await ctx.bot.scheduler.schedule_at(job_id, "core.remind", at, timedelta(hours=12), payload)
    await ctx.private(ctx.t("core.remind.set", when=local_time(ctx, at)))


async def fire_reminder(bot: Bot, job: Job, scheduled_for: datetime) -> None:
    payload = job.payload
    await bot.send(ChannelRef.named(payload["channel"], payload["platform"]),
                   bot.t("core.remind.fire", user=payload["user"], text=payload["text"]),
                   key=job.id)  # a retried job reminds once
