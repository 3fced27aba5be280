"""Core commands every team needs: /help and /remind."""

from __future__ import annotations

import uuid
from datetime import datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.model import ChannelRef, Command, Option, UserRef
from bot.platforms.capabilities import LoginLinks
from bot.timeparse import Parsed, parse_time, time_question

if TYPE_CHECKING:
    from bot.host import Bot, Context
    from bot.scheduler import Job

MESSAGES = {
    "core.help.help": {"fr": "liste les commandes", "en": "list the commands"},
    "core.help.title": {"fr": "Commandes disponibles :", "en": "Available commands:"},
    "core.help.none": {"fr": "Aucune commande ne commence par /{prefix}.",
                       "en": "No command starts with /{prefix}."},
    "core.remind.help": {
        "fr": "programme un rappel dans ce salon (QUAND : 14h, demain 9h, lundi 14h30, 25/11, "
              "dans 2 jours, +30m)",
        "en": "schedule a reminder in this channel (WHEN: 2pm, tomorrow 9:00, monday 2:30pm, "
              "in 2 days, +30m)",
    },
    "core.remind.bad_time": {
        "fr": "Je ne comprends pas « {value} ». Exemples : 14h, 14h30, demain 9h, lundi 14h, "
              "25/11 10h, le 3 décembre à 10h, dans 2 jours, +30m.",
        "en": "I don't understand \u201c{value}\u201d. Examples: 2pm, 14:30, tomorrow 9:00, "
              "monday 2pm, december 3 at 10:00, in 2 days, +30m.",
    },
    "core.remind.past": {"fr": "Cette heure est déjà passée.", "en": "That time has passed."},
    "core.remind.too_far": {"fr": "Un rappel se programme à un an au plus.",
                            "en": "A reminder can be at most a year ahead."},
    "core.remind.set": {"fr": "Rappel programmé pour {when}.",
                        "en": "Reminder set for {when}."},
    "core.remind.fire": {"fr": "⏰ Rappel pour {user} : {text}",
                         "en": "⏰ Reminder for {user}: {text}"},
    "core.web.help": {"fr": "un lien de connexion aux pages web de Garant, par message privé",
                      "en": "a sign-in link to Garant's web pages, by direct message"},
    "core.web.off": {
        "fr": "Les pages web de Garant ne sont pas servies : réglez web.listen dans "
              "garant.yaml (ou lancez garant run --web HÔTE:PORT).",
        "en": "Garant's web pages are not served: set web.listen in garant.yaml (or run "
              "garant run --web HOST:PORT).",
    },
    "core.web.sent": {"fr": "Lien de connexion envoyé en message privé (valable 15 minutes, "
                            "une seule fois).",
                      "en": "Sign-in link sent by direct message (valid for 15 minutes, "
                            "once)."},
    "core.web.link": {
        "fr": "Votre lien de connexion à Garant (valable 15 minutes, une seule fois ; ne le "
              "partagez pas) : {url}",
        "en": "Your sign-in link to Garant (valid for 15 minutes, once; do not share it): "
              "{url}",
    },
}


def setup(bot: Bot) -> None:
    bot.add_messages(MESSAGES)
    bot.add_command(Command(("help",), "core.help.help", show_help,
                            (Option("command", "rest", required=False),)))
    bot.add_command(Command(("remind",), "core.remind.help", remind,
                            (Option("when"), Option("text", "rest")), permission="member"))
    bot.add_command(Command(("web",), "core.web.help", web_link))
    # The web pages' sign-in links, sessions and feed addresses name the person
    # (bot/platforms/web).
    for table in ("web_links", "web_sessions", "web_feeds"):
        bot.add_personal_data(table, "user_key", "user_name", erase="delete")
    bot.add_job("core.remind", fire_reminder)


async def web_link(ctx: Context) -> None:
    """`/web`: a one-time sign-in link to the web pages, by direct message (never in a
    channel: whoever opens it is signed in as you)."""
    pages: LoginLinks | None = ctx.bot.capability("web", LoginLinks.NAME)
    if pages is None:
        await ctx.private(ctx.t("core.web.off"))
        return
    url = await pages.login_link(ctx.user)
    await ctx.bot.send(ctx.user.ref, ctx.t("core.web.link", url=url))
    await ctx.private(ctx.t("core.web.sent"))


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
    when, text, parsed = read_when(when, text, ctx.now, tz, ctx.t.language)
    if parsed.ambiguous:
        await ctx.private(time_question(ctx.t, when, parsed, tz))
        return
    if parsed.error == "time.too_far":
        await ctx.private(ctx.t("core.remind.too_far"))
        return
    at = parsed.when
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
    # Asked on the web (no channel there): the reminder comes by direct message on the
    # person's chat platform.
    here = ctx.platform == ctx.user.platform
    payload = {"platform": ctx.user.platform, "channel": ctx.channel.name if here else None,
               "user": ctx.user.name, "user_key": ctx.user.key, "text": text}
    await ctx.bot.scheduler.schedule_at(job_id, "core.remind", at, timedelta(hours=12), payload)
    await ctx.private(ctx.t("core.remind.set", when=local_time(ctx, at)))


def read_when(when: str, text: str, now: datetime, tz: ZoneInfo,
              language: str) -> tuple[str, str, Parsed]:
    """The time at the start of a command: "demain 9h30 Relancer" is read as "demain
    9h30" and "Relancer", without quotes; the longest start that reads as a time wins."""
    words = text.split()
    if words and words[0].isdigit():
        words = []  # "/remind 14h 30 personnes": a bare number starts the text, not the time
    for extra in range(min(4, len(words) - 1), 0, -1):
        candidate = " ".join([when, *words[:extra]])
        parsed = parse_time(candidate, now, tz, language)
        if parsed.readings:
            return candidate, " ".join(words[extra:]), parsed
    return when, text, parse_time(when, now, tz, language)


async def fire_reminder(bot: Bot, job: Job, scheduled_for: datetime) -> None:
    payload = job.payload
    to = ChannelRef.named(payload["channel"], payload["platform"]) \
        if payload.get("channel") else UserRef.parse(payload["user_key"])
    await bot.send(to, bot.t("core.remind.fire", user=payload["user"], text=payload["text"]),
                   key=job.id)  # a retried job reminds once
