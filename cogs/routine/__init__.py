"""The `routine` cog: the daily "20 actions" checklist, ticks, streaks and the review.

Exactly one prompt per routine and day
    The prompt is a daily scheduler job. The scheduler claims each occurrence once
    (its `job_runs` row), and the handler then claims the day itself: a
    `routine_posts` row keyed by (routine, local day, 'prompt') inserted before
    posting. A restart, a DST change, a schedule edited during the day or a
    second bot on the same database therefore never posts a second prompt.
Late prompts
    The job is given a long catch-up horizon and the handler applies the
    configured grace itself, so a prompt missed by more than the grace is not
    only skipped but recorded in `routine_posts` (status 'skipped', with an audit
    line) at the moment the bot notices. A day without a posted prompt never
    breaks anybody's streak.

Handlers are short: parsing and answers here, decisions in `days`, `streaks` and
`cards`, persistence in `store`.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from datetime import date, datetime, timedelta
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.i18n import fill
from bot.located.yamlsrc import SourceError, closest
from bot.model import (
    Card,
    ChannelRef,
    Command,
    Content,
    Form,
    FormField,
    FormInvalid,
    Handler,
    Option,
    Permission,
    UserRef,
    channel_key,
)
from bot.phrases import add_french
from bot.settings import format_time
from bot.stats import ChartPanel
from bot.timeparse import WEEKDAY_SPELLINGS
from cogs.routine import home
from cogs.routine import store as db
from cogs.routine.cards import (
    MyDay,
    Note,
    action_prefix,
    card_showing,
    progress_line,
    prompt_cards,
    review_card,
    show_text,
    today_card,
    unkeyed,
)
from cogs.routine.days import (
    CLOSED_DAY,
    MAX_OFF_AHEAD,
    AnyRoutineDays,
    Calendar,
    day_bounds,
    local_day,
    looks_like_day,
    open_days,
    parse_day,
    previous_routine_day,
)
from cogs.routine.messages import MESSAGES, format_day
from cogs.routine.phrases_fr import FRENCH
from cogs.routine.routine_file import Action, RoutineFile
from cogs.routine.runs import RoutineRun
from cogs.routine.settings import MoreRoutines, RoutineSettings
from cogs.routine.stats import CHART, RoutineStats, period_stats
from cogs.routine.streaks import streaks

if TYPE_CHECKING:
    from bot.host import Bot, Context
    from bot.scheduler import Job
    from bot.store import Store, Transaction

add_french(FRENCH)  # the French of routine files' and settings' errors (phrases_fr.py)

log = logging.getLogger(__name__)

PROMPT_JOB = "routine.prompt"
REVIEW_JOB = "routine.review"
REMINDER_JOB = "routine.reminder"
#: One member's reminder, later than the team's when their own clock is behind it.
MEMBER_REMINDER_JOB = "routine.reminder.member"
#: How late the scheduler still hands a missed occurrence to the handler, which then
#: posts it (within the configured grace) or records it as skipped.
CATCH_UP = timedelta(days=7)
MAX_NOTE = 300
ABSENCE_FORM = "routine:absent"


#: The garant.yaml sections this cog reads (see `bot/settings.py`).
SETTINGS = (RoutineSettings, MoreRoutines)


def setup(bot: Bot) -> None:
    bot.add_messages(MESSAGES)
    cog = RoutineCog(bot)
    bot.add_card("routine", cog.render)
    member: Permission = "member"
    which = Option("routine", required=False)
    table: tuple[tuple[str, str, Handler, tuple[Option, ...], Permission], ...] = (
        ("today", "routine.today.help", cog.today, (which,), member),
        ("done", "routine.done.help", cog.done, (Option("actions", "rest", required=False),),
         member),
        ("undo", "routine.undo.help", cog.undo, (Option("actions", "rest", required=False),),
         member),
        ("note", "routine.note.help", cog.note,
         (Option("action", required=False), Option("text", "rest", required=False)), member),
        ("off", "routine.off.help", cog.off,
         (Option("date", required=False), Option("until", required=False)), member),
        ("on", "routine.on.help", cog.on,
         (Option("date", required=False), Option("until", required=False)), member),
        ("dm", "routine.dm.help", cog.dm, (Option("state", choices=("on", "off")),), member),
        ("answer", "routine.answer.help", cog.answer,
         (Option("question", required=False), Option("text", "rest", required=False)), member),
        ("reminder", "routine.reminder.help", cog.reminder,
         (Option("state", choices=("on", "off")),), member),
        ("tz", "routine.tz.help", cog.timezone, (Option("zone", required=False),), member),
        ("show", "routine.show.help", cog.show, (which,), "anyone"),
        ("list", "routine.list.help", cog.list_routines, (), "anyone"),
        ("reload", "routine.reload.help", cog.reload, (), "moderator"),
    )
    for path, help_key, handler, options, permission in table:
        bot.add_command(Command(("routine", path), help_key, handler, options,
                                permission=permission))
    # An absence is days off in a row: the name people look for.
    bot.add_command(Command(("absent",), "routine.absent.help", cog.absent,
                            (Option("date", required=False), Option("until", required=False)),
                            permission=member))
    bot.on_form(ABSENCE_FORM, cog.on_absence_form, permission="member",
                refused="routine.members_only")
    # The team's routine's buttons, then another routine's (its id after `routine:`).
    for route, button in (("routine:tick:{day:date}:{action}", cog.on_tick),
                          ("routine:note:{day:date}", cog.on_note_button),
                          ("routine:me:{day:date}", cog.on_me_button),
                          ("routine:{routine}:tick:{day:date}:{action}", cog.on_tick),
                          ("routine:{routine}:note:{day:date}", cog.on_note_button),
                          ("routine:{routine}:me:{day:date}", cog.on_me_button)):
        bot.on_action(route, button, permission="member", refused="routine.members_only")
    for route in ("routine:note:{day:date}", "routine:{routine}:note:{day:date}"):
        bot.on_form(route, cog.on_note_form, permission="member",
                    refused="routine.members_only")
    for run in cog.runs:
        name, chart = "routine", CHART
        if run.id is not None:  # its own heading and chart panel
            name, chart = f"routine:{run.id}", ChartPanel(f"routine.stats.chart.title:{run.id}",
                                                          "rate")
            named = MESSAGES["routine.stats.chart.named"]
            bot.add_messages({chart.title: {language: fill(text, language, {"id": run.id})
                                            for language, text in named.items()}})
        bot.add_stats(name, "routine.stats.title", RoutineStats(bot, run).section,
                      position=10, chart=chart)
    bot.add_job(PROMPT_JOB, cog.prompt_job)
    bot.add_job(REVIEW_JOB, cog.review_job)
    bot.add_job(REMINDER_JOB, cog.reminder_job)
    bot.add_job(MEMBER_REMINDER_JOB, cog.member_reminder_job)
    bot.on_start(cog.start)
    bot.add_home_section(cog.home)
    for place in ("routine_ticks", "routine_members", "routine_days_off", "routine_answers"):
        bot.add_personal_data(place, "user_key", erase="delete")


class RoutineCog:
    """The routine's handlers, over every configured routine (`runs`, the team's
    first; see `runs.py`)."""

    def __init__(self, bot: Bot) -> None:
        self.bot = bot
        main = bot.settings(RoutineSettings)
        more = MoreRoutines.read(bot.config.section(MoreRoutines.SECTION), main)
        self.runs = [RoutineRun(bot.config, settings) for settings in (main, *more.routines)]
        self.all_days = AnyRoutineDays(tuple(run.days for run in self.runs))
        for run in self.runs:
            run.load(self.lang)
        team = self.runs[0].file
        for run in self.runs[1:]:
            if channel_key(run.channel) == channel_key(bot.config.channels.routine):
                raise SourceError(bot.config.where(f"routines.{run.id}.channel"),
                                  "routine '{id}' is posted in #{channel}, like routine "
                                  "'{other}': each routine needs its own channel", id=run.id,
                                  channel=run.channel, other=self.runs[0].title())
            if team is not None and run.id == team.name:
                raise SourceError(bot.config.where(f"routines.{run.id}"),
                                  "routine '{id}' is stored under the name of the team's "
                                  "routine file ('{name}'): give it another id", id=run.id,
                                  name=team.name)

    # ------------------------------------------------------------ helpers

    @property
    def store(self) -> Store:
        return self.bot.store

    @property
    def lang(self) -> str:
        return self.bot.config.language

    def today_date(self) -> date:
        return local_day(self.bot.clock.now(), self.bot.config.tz)

    def day_text(self, day: date) -> str:
        return format_day(day, self.lang)

    def run_named(self, word: str | None) -> RoutineRun | None:
        """Another routine than the team's, by its id as typed."""
        wanted = (word or "").strip().lower()
        return next((run for run in self.runs[1:] if run.id == wanted), None)

    async def pick(self, ctx: Context, words: str | None) -> tuple[RoutineRun, str | None]:
        """The routine a command is about, and the rest of its words: the one named
        first (`/routine done acme 3`), else the one of the channel it is typed in, else
        the only one the member is expected in, else the team's."""
        parts = (words or "").split(maxsplit=1)
        named = self.run_named(parts[0]) if parts else None
        if named is not None:
            return named, parts[1] if len(parts) > 1 else None
        if len(self.runs) == 1:
            return self.runs[0], words
        here = channel_key(ctx.channel.name or "")
        for run in self.runs:
            if channel_key(run.channel) == here:
                return run, words
        mine = [run for run in self.runs if ctx.user.key in await run.roster(self.bot)]
        return (mine[0] if len(mine) == 1 else self.runs[0]), words

    def run_of(self, scope: str | None) -> RoutineRun | None:
        """The routine a button, a card key or a job names (None: the team's)."""
        return self.runs[0] if not scope else self.run_named(scope)

    async def ready(self, ctx: Context, run: RoutineRun) -> RoutineFile | None:
        """The routine's file, or None after telling the user why there is none."""
        if run.file is None:
            await ctx.private(ctx.t("routine.unavailable", error=run.error))
        return run.file

    def day_problem(self, ctx: Context, run: RoutineRun, day: date) -> str | None:
        """Why `day` does not accept ticks today (None when it does)."""
        today, days = self.today_date(), run.days
        if day > today:
            return ctx.t("routine.future", day=self.day_text(day))
        if day in open_days(today, days):
            return None
        if day == today:
            previous = previous_routine_day(today, days)
            why = self.why_closed(ctx, days, today)
            return ctx.t("routine.not_today" + (".closed" if why else ""),
                         day=self.day_text(today), why=why,
                         previous=self.day_text(previous), iso=previous.isoformat())
        opened = ", ".join(self.day_text(d) for d in open_days(today, days))
        return ctx.t("routine.closed", day=self.day_text(day), open=opened)

    def why_closed(self, ctx: Context, days: Calendar, day: date) -> str | None:
        """Why a weekday of the routine has none ("Noël", "jour de fermeture"); None
        for an open day or a week-end (which needs no reason)."""
        why = days.closed_because(day)
        if why is None:
            return None
        return ctx.t("routine.closed_day") if why == CLOSED_DAY else why

    def find_action(self, routine: RoutineFile, word: str) -> Action | None:
        """An action by id, or by its number on the card."""
        if word.isdigit() and 1 <= int(word) <= len(routine.actions):
            return routine.actions[int(word) - 1]
        return routine.action(word.lower())

    async def targets(self, ctx: Context, words: str | None, usage: str
                      ) -> tuple[RoutineRun, RoutineFile, date, list[Action]] | None:
        """`[ROUTINE] [DATE] ID...` read into a routine, a day and actions, or None after
        saying what is wrong."""
        run, words = await self.pick(ctx, words)
        routine = await self.ready(ctx, run)
        if routine is None:
            return None
        parts = (words or "").replace(",", " ").split()
        day = self.today_date()
        if parts and looks_like_day(parts[0]):
            parsed = parse_day(parts[0], day)
            if parsed is None:
                await ctx.private(ctx.t("routine.bad_day", value=parts[0]))
                return None
            day, parts = parsed, parts[1:]
        if not parts:
            if ctx.t.language == "fr":  # French typography, as the host's usage lines
                usage = usage.replace("...", "…")
            await ctx.private(ctx.t("routine.need_ids", usage=usage))
            return None
        chosen: list[Action] = []
        for word in parts:
            action = self.find_action(routine, word)
            if action is None:
                guess = closest(word.lower(), [a.id for a in routine.actions])
                hint = ctx.t("routine.did_you_mean", guess=guess) if guess else ""
                await ctx.private(ctx.t("routine.unknown_action", value=word, hint=hint))
                return None
            if action not in chosen:
                chosen.append(action)
        problem = self.day_problem(ctx, run, day)
        if problem:
            await ctx.private(problem)
            return None
        return run, routine, day, chosen

    async def my_day(self, run: RoutineRun, user_key: str, day: date) -> MyDay:
        key = run.key
        ticks = [t for t in await db.day_ticks(self.store, key, day) if t.user_key == user_key]
        today = max(self.today_date(), day)
        counts = (await db.counts_by_member(self.store, key, today)).get(user_key, {})
        posted = await db.posted_days(self.store, key, today)
        off = (await db.days_off(self.store)).get(user_key, set())
        streak = streaks(counts, posted, off, today, run.settings.streak_min)
        return MyDay(day, {t.action_id: t.note for t in ticks}, streak.current, streak.best,
                     day in off)

    async def day_cards(self, run: RoutineRun, day: date) -> list[Card]:
        """The prompt card(s) of `day` as the stored ticks make them now."""
        assert run.file is not None
        ticks = await db.day_ticks(self.store, run.key, day)
        counts: dict[str, int] = {}
        for tick in ticks:
            counts[tick.action_id] = counts.get(tick.action_id, 0) + 1
        return prompt_cards(self.bot.t, self.lang, run.file, day, counts,
                            len({t.user_key for t in ticks}), run.settings.streak_min,
                            run.scope)

    async def render(self, key: str) -> Card | None:
        """The prompt card `routine:[ID:]DAY[:SECTION]`, rendered when it is delivered: a
        burst of ticks is one edit showing every one of them."""
        parts = key.split(":")
        scope = parts[1] if len(parts) > 2 and not looks_like_day(parts[1]) else None
        run = self.run_of(scope)
        try:
            day = date.fromisoformat(parts[2 if scope else 1])
        except (IndexError, ValueError):
            return None
        if run is None or run.file is None:
            return None
        return next((c for c in await self.day_cards(run, day) if c.key == key), None)

    async def refresh(self, run: RoutineRun, day: date, changed: list[Action]) -> None:
        """Edit the posted card(s) of `day` that show the changed actions."""
        assert run.file is not None
        cards = await self.day_cards(run, day)
        keys = {c.key for a in changed if (c := card_showing(run.file, cards, a.id)) and c.key}
        for key in sorted(keys):
            await self.bot.refresh_card(key)

    async def answer_ticks(self, ctx: Context, run: RoutineRun, day: date,
                           lines: list[str]) -> None:
        assert run.file is not None
        mine = await self.my_day(run, ctx.user.key, day)
        await ctx.private("\n".join([*lines, progress_line(ctx.t, self.lang, run.file, mine,
                                                           run.settings.streak_min)]))

    def ids(self, actions: list[Action]) -> str:
        return ", ".join(a.id for a in actions)

    # ------------------------------------------------------------ commands

    async def today(self, ctx: Context, routine: str | None = None) -> None:
        run = await self.chosen(ctx, routine)
        if run is None:
            return
        file = await self.ready(ctx, run)
        if file is None:
            return
        today, days = self.today_date(), run.days
        day = today if today in days else previous_routine_day(today, days)
        mine = await self.my_day(run, ctx.user.key, day)
        await ctx.private(today_card(ctx.t, self.lang, file, mine, run.settings.streak_min,
                                     self.title_of(run)))

    def title_of(self, run: RoutineRun) -> str | None:
        """A routine's title on its cards when the co-op has several (None: one)."""
        return run.title() if len(self.runs) > 1 else None

    async def chosen(self, ctx: Context, routine: str | None) -> RoutineRun | None:
        """The routine named by a command's optional ROUTINE (or picked as `pick` does),
        None after saying the name is unknown."""
        run, rest = await self.pick(ctx, routine)
        if rest and len(self.runs) == 1:
            await ctx.private(ctx.t("routine.only_one", value=rest))
            return None
        if rest:
            await ctx.private(ctx.t("routine.unknown_routine", value=rest, known=", ".join(
                run.id for run in self.runs[1:] if run.id)))
            return None
        return run

    async def done(self, ctx: Context, actions: str | None) -> None:
        found = await self.targets(ctx, actions, "/routine done [DATE] ID...")
        if found is None:
            return
        run, _, day, chosen = found
        added = await db.tick(self.store, run.key, day, ctx.user,
                              [(a.id, a.section) for a in chosen])
        lines = []
        if added:
            lines.append(ctx.t("routine.ticked", actions=", ".join(added)))
        if len(added) < len(chosen):
            lines.append(ctx.t("routine.already",
                               actions=self.ids([a for a in chosen if a.id not in added])))
        await self.refresh(run, day, [a for a in chosen if a.id in added])
        await self.answer_ticks(ctx, run, day, lines)

    async def undo(self, ctx: Context, actions: str | None) -> None:
        found = await self.targets(ctx, actions, "/routine undo [DATE] ID...")
        if found is None:
            return
        run, _, day, chosen = found
        removed = await db.untick(self.store, run.key, day, ctx.user, [a.id for a in chosen])
        lines = []
        if removed:
            lines.append(ctx.t("routine.unticked", actions=", ".join(removed)))
        if len(removed) < len(chosen):
            lines.append(ctx.t("routine.not_ticked",
                               actions=self.ids([a for a in chosen if a.id not in removed])))
        await self.refresh(run, day, [a for a in chosen if a.id in removed])
        await self.answer_ticks(ctx, run, day, lines)

    async def note(self, ctx: Context, action: str | None, text: str | None) -> None:
        named = self.run_named(action)
        if named is not None:  # `/routine note acme 3 text`
            action, _, text = (text or "").partition(" ")
            action = action or None
        if action is None:
            run = named or (await self.pick(ctx, None))[0]
            routine = await self.ready(ctx, run)
            problem = self.day_problem(ctx, run, self.today_date())
            if routine is not None and problem:
                await ctx.private(problem)
            elif routine is not None:
                await ctx.open_form(self.note_form(run, routine, self.today_date()))
            return
        if not text:
            await ctx.private(ctx.t("routine.note.need_text"))
            return
        if len(text) > MAX_NOTE:
            await ctx.private(ctx.t("routine.note.too_long", max=MAX_NOTE))
            return
        words = f"{named.id} {action}" if named is not None else action
        found = await self.targets(ctx, words, "/routine note ID TEXTE..."
                                   if ctx.t.language == "fr" else "/routine note ID TEXT...")
        if found is not None:
            run, routine, day, chosen = found
            await self.save_note(ctx, run, day, chosen[0], text)

    async def save_note(self, ctx: Context, run: RoutineRun, day: date, action: Action,
                        text: str) -> None:
        added = await db.tick(self.store, run.key, day, ctx.user,
                              [(action.id, action.section)], note=text.strip())
        if added:
            await self.refresh(run, day, [action])
        lines = [ctx.t("routine.noted", action=action.label)]
        if added:
            lines.insert(0, ctx.t("routine.ticked", actions=action.id))
        await self.answer_ticks(ctx, run, day, lines)

    async def off(self, ctx: Context, date: str | None, until: str | None = None) -> None:
        await self.mark_off(ctx, date, until, True)

    async def on(self, ctx: Context, date: str | None, until: str | None = None) -> None:
        await self.mark_off(ctx, date, until, False)

    async def mark_off(self, ctx: Context, text: str | None, until: str | None,
                       off: bool) -> None:
        """One day off (or back on), or every routine day from `text` to `until`."""
        today = self.today_date()
        day = parse_day(text, today) if text else today
        if day is None:
            await ctx.private(ctx.t("routine.bad_day", value=text))
            return
        last = parse_day(until, day) if until else day
        if last is None:
            await ctx.private(ctx.t("routine.bad_day", value=until))
            return
        problem = self.period_problem(ctx, day, last)
        if problem is not None:
            await ctx.private(problem[1])
            return
        await self.save_off(ctx, day, last, off)

    def period_problem(self, ctx: Context, day: date, last: date) -> tuple[str, str] | None:
        """What is wrong with days off from `day` to `last`: the field at fault ("from"
        or "until", for the form) and what to say; None when they can be marked. The
        days are those of any routine (an absence is the person's, whichever routine
        they tick)."""
        today, days = self.today_date(), self.all_days
        shown = self.day_text(day)
        if last < day:
            return "until", ctx.t("routine.off.backwards", day=shown, last=self.day_text(last))
        if day < min(open_days(today, days)):
            return "from", ctx.t("routine.off.too_old", day=shown)
        if last - today > MAX_OFF_AHEAD:
            return "until", ctx.t("routine.off.too_far")
        if last == day and day not in days:
            why = self.why_closed(ctx, days, day)
            return "from", ctx.t("routine.off.not_routine" + (".closed" if why else ""),
                                 day=shown, why=why)
        return None

    async def save_off(self, ctx: Context, day: date, last: date, off: bool) -> None:
        shown = self.day_text(day)
        if last == day:
            changed = await db.set_off(self.store, ctx.user, [day], off)
            key = ("routine.off" if off else "routine.on") + (".done" if changed else ".already")
            await ctx.private(ctx.t(key, day=shown))
            return
        span = [day + timedelta(days=n) for n in range((last - day).days + 1)]
        routine_days = [d for d in span if d in self.all_days]
        changed = await db.set_off(self.store, ctx.user, routine_days, off)
        await ctx.private(ctx.t("routine.off.range" if off else "routine.on.range",
                                day=shown, last=self.day_text(last),
                                count=len(routine_days), changed=changed))

    async def absent(self, ctx: Context, date: str | None = None,
                     until: str | None = None) -> None:
        """`/absent FROM [UNTIL]`; without dates, a form asks for them."""
        if date is None:
            t = ctx.t
            await ctx.open_form(Form(ABSENCE_FORM, t("routine.absent.form"), (
                FormField("from", t("routine.absent.from"), max_length=20,
                          placeholder=t("routine.absent.placeholder")),
                FormField("until", t("routine.absent.until"), required=False, max_length=20,
                          placeholder=t("routine.absent.placeholder.until")),
            )))
            return
        await self.mark_off(ctx, date, until, True)

    async def on_absence_form(self, ctx: Context, values: dict[str, str]) -> None:
        """The absence form: a date that cannot be read, or a period that cannot be
        marked, is shown again under its field."""
        today = self.today_date()
        first, until = values.get("from", "").strip(), values.get("until", "").strip()
        day = parse_day(first, today)
        last = parse_day(until, day or today) if until else day
        errors = {}
        if day is None:
            errors["from"] = ctx.t("routine.bad_day", value=first)
        if until and last is None:
            errors["until"] = ctx.t("routine.bad_day", value=until)
        if errors:
            raise FormInvalid(errors, values)
        assert day is not None and last is not None
        problem = self.period_problem(ctx, day, last)
        if problem is not None:
            raise FormInvalid({problem[0]: problem[1]}, values)
        await self.save_off(ctx, day, last, True)

    async def dm(self, ctx: Context, state: str) -> None:
        if not any(run.settings.dm_opt_in for run in self.runs):
            await ctx.private(ctx.t("routine.dm.disabled"))
            return
        await db.set_dm(self.store, ctx.user, state == "on")
        await ctx.private(ctx.t(f"routine.dm.{state}"))

    async def show(self, ctx: Context, routine: str | None = None) -> None:
        run = await self.chosen(ctx, routine)
        file = await self.ready(ctx, run) if run is not None else None
        if file is not None:
            await ctx.private(show_text(ctx.t, file))

    async def list_routines(self, ctx: Context) -> None:
        """`/routine list`: every routine, where and when it is posted, and its id."""
        lines = [ctx.t("routine.list.title", count=len(self.runs))]
        for run in self.runs:
            settings = run.settings
            review = format_time(settings.review_time) if settings.review_time else "—"
            lines.append(ctx.t("routine.list.line", title=run.title(),
                               id=run.id or ctx.t("routine.list.team"), channel=run.channel,
                               time=format_time(settings.time), review=review,
                               days=_weekdays(settings.days, self.lang),
                               members=len(settings.members) or ctx.t("routine.list.all")))
            if run.error:
                lines.append(ctx.t("routine.list.error", error=run.error))
        if len(self.runs) > 1:
            lines.append(ctx.t("routine.list.hint", id=self.runs[1].id))
        await ctx.private("\n".join(lines))

    async def reload(self, ctx: Context) -> None:
        for run in self.runs:
            had = run.file is not None
            error = run.load(self.lang)
            async with self.store.transaction() as tx:
                await tx.audit(ctx.user.key, "routine.reload", run.id or "routine", error=error)
            if error is None and run.file is not None:
                await ctx.private(ctx.t("routine.reload.done", title=run.file.title,
                                        count=len(run.file.actions)))
            else:
                await ctx.private(ctx.t("routine.reload.kept" if had else "routine.reload.failed",
                                        error=error))

    # ------------------------------------------------------------ buttons and forms

    async def button_context(self, ctx: Context, scope: str | None
                             ) -> tuple[RoutineRun, RoutineFile] | None:
        """The routine a button names (the host checked the member role)."""
        run = self.run_of(scope)
        if run is None:  # a routine taken out of garant.yaml
            await ctx.private(ctx.t("host.stale_button"))
            return None
        file = await self.ready(ctx, run)
        return None if file is None else (run, file)

    async def on_tick(self, ctx: Context, day: date, action: str,
                      routine: str | None = None) -> None:
        found = await self.button_context(ctx, routine)
        if found is None:
            return
        run, file = found
        chosen = file.action(action)
        if chosen is None:
            await ctx.private(ctx.t("host.stale_button"))
            return
        problem = self.day_problem(ctx, run, day)
        if problem:
            await ctx.private(problem)
            return
        if await db.is_ticked(self.store, run.key, day, ctx.user.key, chosen.id):
            await db.untick(self.store, run.key, day, ctx.user, [chosen.id])
            line = ctx.t("routine.unticked", actions=chosen.id)
        else:
            await db.tick(self.store, run.key, day, ctx.user, [(chosen.id, chosen.section)])
            line = ctx.t("routine.ticked", actions=chosen.id)
        await self.refresh(run, day, [chosen])
        await self.answer_ticks(ctx, run, day, [line])

    def note_form(self, run: RoutineRun, routine: RoutineFile, day: date) -> Form:
        t = self.bot.t
        return Form(f"{action_prefix(run.scope)}note:{day.isoformat()}",
                    t("routine.note.form", day=self.day_text(day)), (
                        FormField("action", t("routine.note.action"),
                                  choices=tuple(a.id for a in routine.actions)),
                        FormField("text", t("routine.note.text"), max_length=MAX_NOTE,
                                  placeholder=t("routine.note.placeholder")),
                    ))

    async def on_note_button(self, ctx: Context, day: date, routine: str | None = None) -> None:
        found = await self.button_context(ctx, routine)
        if found is None:
            return
        run, file = found
        problem = self.day_problem(ctx, run, day)
        if problem:
            await ctx.private(problem)
            return
        await ctx.open_form(self.note_form(run, file, day))

    async def on_note_form(self, ctx: Context, values: dict[str, str], day: date,
                           routine: str | None = None) -> None:
        found = await self.button_context(ctx, routine)
        if found is None:
            return
        run, file = found
        action = file.action(values["action"].strip())
        if action is None:  # the routine changed while the form was open
            raise FormInvalid({"action": ctx.t("routine.unknown_action", value=values["action"],
                                               hint="")}, values)
        problem = self.day_problem(ctx, run, day)
        if problem:
            await ctx.private(problem)
            return
        await self.save_note(ctx, run, day, action, values["text"])

    async def on_me_button(self, ctx: Context, day: date, routine: str | None = None) -> None:
        found = await self.button_context(ctx, routine)
        if found is None:
            return
        run, file = found
        mine = await self.my_day(run, ctx.user.key, day)
        await ctx.private(today_card(ctx.t, self.lang, file, mine, run.settings.streak_min,
                                     self.title_of(run)))

    async def home(self, ctx: Context) -> list[Content]:
        """The member's progress today on their home view (see `home.py`), for each
        routine they are expected in; nothing for non-members, without a routine file,
        or on a day without a prompt."""
        if not ctx.can("member"):
            return []
        today = self.today_date()
        shown: list[Content] = []
        for run in self.runs:
            file = run.file
            if file is None or (len(self.runs) > 1 and run.settings.members
                                and ctx.user.key not in await run.roster(self.bot)):
                continue
            if today not in run.days:
                prompt = await db.get_post(self.store, run.key, today, "prompt")
                if prompt is None or prompt.status != "posted":
                    continue
            mine = await self.my_day(run, ctx.user.key, today)
            shown.append(home.home_card(ctx.t, self.lang, file, mine, run.settings.streak_min,
                                        self.title_of(run)))
        return shown

    # ------------------------------------------------------------ scheduled jobs

    async def start(self, bot: Bot) -> None:
        """(Re)declare every routine's daily jobs; the scheduler keeps a pending
        occurrence when the schedule is unchanged, so a restart still catches up a
        missed prompt."""
        tz = bot.config.timezone
        for run in self.runs:
            settings = run.settings
            horizon = max(settings.grace, CATCH_UP)
            payload = {"routine": run.id} if run.id else None
            for kind, at in ((PROMPT_JOB, settings.time), (REVIEW_JOB, settings.review_time),
                             (REMINDER_JOB, settings.reminder_time)):
                if at is None:
                    await bot.scheduler.cancel(run.job(kind))
                else:
                    await bot.scheduler.schedule_daily(run.job(kind), kind, at, settings.days,
                                                       tz, horizon, payload)

    async def job_run(self, bot: Bot, job: Job) -> RoutineRun | None:
        """The routine a daily job is for; a job of a routine taken out of garant.yaml
        is cancelled (it would otherwise run every day for nothing)."""
        run = self.run_of(job.payload.get("routine"))
        if run is None:
            log.info("routine %s is no longer configured: job %s cancelled",
                     job.payload.get("routine"), job.id)
            await bot.scheduler.cancel(job.id)
            return None
        if run.file is None:
            log.error("no routine %s for %s: %s", job.handler, run.id or "team", run.error)
            return None
        return run

    async def too_late(self, run: RoutineRun, day: date, kind: str,
                       scheduled_for: datetime) -> bool:
        """Past the grace period: record the post as skipped (once) and say so."""
        late = self.bot.clock.now() - scheduled_for
        grace = run.settings.grace
        if late <= grace:
            return False
        reason = f"{_minutes(late)} late, grace is {_minutes(grace)}"
        if await db.claim_post(self.store, run.key, day, kind, scheduled_for,
                               status="skipped", reason=reason):
            log.warning("routine %s of %s skipped: %s", kind, day, reason)
        return True

    async def prompt_job(self, bot: Bot, job: Job, scheduled_for: datetime) -> None:
        run = await self.job_run(bot, job)
        if run is None:
            return
        routine = run.file
        assert routine is not None
        day = local_day(scheduled_for, bot.config.tz)
        why = run.days.closed_because(day)
        if why is not None:  # a public holiday, a closed day: recorded, nobody asked
            reason = f"public holiday: {why}" if why != CLOSED_DAY else "closed day"
            if await db.claim_post(self.store, run.key, day, "prompt", scheduled_for,
                                   status="skipped", reason=reason):
                log.info("routine prompt of %s not posted: %s", day, reason)
            return
        if await self.too_late(run, day, "prompt", scheduled_for):
            return
        cards = await self.day_cards(run, day)
        members = await db.members(self.store) if run.settings.dm_opt_in else {}
        if members and run.settings.members:  # a client's routine: its own people only
            roster = await run.roster(bot)
            members = {key: member for key, member in members.items() if key in roster}
        if members:  # no direct message to those away that day
            away = {key for key, off in (await db.days_off(self.store, day)).items()
                    if day in off}
            members = {key: member for key, member in members.items() if key not in away}
        channel = ChannelRef.named(run.channel)

        async def post(tx: Transaction) -> None:
            # With the day's claim: a crash after it leaves the posts to deliver, not lost.
            copies = 0
            for card in cards:
                copies = max(copies, await bot.send(channel, card, tx=tx))
            await db.set_copies(tx, run.key, day, "prompt", copies)
            for user_key, (_, wants) in members.items():
                for card in unkeyed(cards) if wants else ():
                    await bot.send(UserRef.parse(user_key), card, tx=tx)

        if await db.claim_post(self.store, run.key, day, "prompt", scheduled_for,
                               sections=routine.snapshot(), effects=post):
            await bot.flush()

    async def review_job(self, bot: Bot, job: Job, scheduled_for: datetime) -> None:
        run = await self.job_run(bot, job)
        if run is None:
            return
        routine = run.file
        assert routine is not None
        day = local_day(scheduled_for, bot.config.tz)
        if await self.too_late(run, day, "review", scheduled_for):
            return
        prompt = await db.get_post(self.store, run.key, day, "prompt")
        if prompt is None or prompt.status != "posted":
            await db.claim_post(self.store, run.key, day, "review", scheduled_for,
                                status="skipped", reason="no prompt was posted that day")
            return
        start, end = day_bounds(day, bot.config.tz)
        figures = await period_stats(self.store, start, end, routine=run.key,
                                     streak_min=run.settings.streak_min,
                                     roster=await run.roster(bot), tz=bot.config.tz)
        off = {key for key, days in (await db.days_off(self.store)).items() if day in days}
        names = {m["user_key"]: m["name"] for m in figures["members"]}
        labels = {a.id: a.label for a in routine.actions}
        notes = [Note(names.get(t.user_key, t.user_key), labels.get(t.action_id, t.action_id),
                      t.note) for t in await db.day_ticks(self.store, run.key, day) if t.note]
        given = await db.day_answers(self.store, run.key, day)
        answers = [(q.text, given.get(q.id, [])) for q in routine.questions]
        card = review_card(bot.t, self.lang, day, figures, off, notes, answers,
                           self.title_of(run))
        channel = ChannelRef.named(run.channel)

        async def post(tx: Transaction) -> None:
            await bot.send(channel, card, tx=tx)

        if await db.claim_post(self.store, run.key, day, "review", scheduled_for,
                               effects=post):
            await bot.flush()

    async def reminder_job(self, bot: Bot, job: Job, scheduled_for: datetime) -> None:
        """A direct message to each member who has ticked nothing yet today, unless they
        are away, said no (`/routine reminder off`), or there was no prompt."""
        run = await self.job_run(bot, job)
        day = local_day(scheduled_for, bot.config.tz)
        if run is None or run.days.closed_because(day) is not None:
            return
        if await self.too_late(run, day, "reminder", scheduled_for):
            return
        prompt = await db.get_post(self.store, run.key, day, "prompt")
        if prompt is None or prompt.status != "posted":
            await db.claim_post(self.store, run.key, day, "reminder", scheduled_for,
                                status="skipped", reason="no prompt was posted that day")
            return
        zones = await db.timezones(self.store)
        due = await self.still_to_remind(run.key, day, await run.roster(bot))
        text = self.reminder_text(run, day)
        at = run.settings.reminder_time
        assert at is not None  # the job exists only with a reminder time

        for user_key in due - set(zones):  # their profile's, where the platform gives it
            profile = await bot.user_timezone(user_key)
            if profile and profile != bot.config.timezone and _known_zone(profile):
                zones[user_key] = profile

        async def post(tx: Transaction) -> None:
            for user_key in sorted(due):
                zone = zones.get(user_key)
                when = datetime.combine(day, at, tzinfo=ZoneInfo(zone)) if zone else None
                if when is not None and when > bot.clock.now():  # their clock is behind
                    scope = f"{run.id}:" if run.id else ""
                    await bot.scheduler.schedule_at(
                        f"{MEMBER_REMINDER_JOB}:{scope}{day.isoformat()}:{user_key}",
                        MEMBER_REMINDER_JOB, when, run.settings.grace,
                        {"day": day.isoformat(), "user": user_key, "routine": run.id}, tx=tx)
                else:
                    await bot.send(UserRef.parse(user_key), text, tx=tx)

        if await db.claim_post(self.store, run.key, day, "reminder", scheduled_for,
                               effects=post):
            await bot.flush()

    def reminder_text(self, run: RoutineRun, day: date) -> str:
        if run.id is None:
            return self.bot.t("routine.reminder.text", day=self.day_text(day))
        return self.bot.t("routine.reminder.named", day=self.day_text(day), title=run.title(),
                          id=run.id)

    async def still_to_remind(self, routine: str, day: date, roster: Iterable[str]) -> set[str]:
        """The members to remind on `day`: nothing ticked, not away, not unwilling."""
        ticked = {tick.user_key for tick in await db.day_ticks(self.store, routine, day)}
        away = {key for key, off in (await db.days_off(self.store, day)).items() if day in off}
        return set(roster) - ticked - away - await db.without_reminders(self.store)

    async def member_reminder_job(self, bot: Bot, job: Job, scheduled_for: datetime) -> None:
        """A member's reminder at their own `reminder_time`, if it is still due then."""
        run = self.run_of(job.payload.get("routine"))
        if run is None or run.file is None:
            return
        day, user_key = date.fromisoformat(job.payload["day"]), job.payload["user"]
        if user_key not in await self.still_to_remind(run.key, day, [user_key]):
            return
        await bot.send(UserRef.parse(user_key), self.reminder_text(run, day))

    async def timezone(self, ctx: Context, zone: str | None) -> None:
        """`/routine tz Europe/London`: the reminder on your own clock; `/routine tz
        off`: back to the team's; `/routine tz`: which one applies."""
        team = self.bot.config.timezone
        if zone is None:
            mine = (await db.timezones(self.store)).get(ctx.user.key) \
                or await self.bot.user_timezone(ctx.user.key)
            await ctx.private(ctx.t("routine.tz.mine", zone=mine or team, team=team))
            return
        if zone.strip().lower() in ("off", "team", "équipe", "equipe"):
            await db.set_timezone(self.store, ctx.user, None)
            await ctx.private(ctx.t("routine.tz.team", zone=team))
            return
        if not _known_zone(zone.strip()):
            await ctx.private(ctx.t("routine.tz.unknown", zone=zone))
            return
        await db.set_timezone(self.store, ctx.user, zone.strip())
        await ctx.private(ctx.t("routine.tz.set", zone=zone.strip()))

    async def answer(self, ctx: Context, question: str | None, text: str | None) -> None:
        """`/routine answer [ROUTINE] ID TEXT`: today's answer (or the open previous
        day's, on a day without routine) to one of the routine's questions."""
        named = self.run_named(question)
        if named is not None:
            question, _, text = (text or "").partition(" ")
        run = named or (await self.pick(ctx, None))[0]
        routine = await self.ready(ctx, run)
        if routine is None:
            return
        if not routine.questions:
            await ctx.private(ctx.t("routine.answer.none"))
            return
        found = routine.question((question or "").strip().lower())
        if found is None:
            await ctx.private(ctx.t("routine.answer.unknown", value=question or "",
                                    known=", ".join(q.id for q in routine.questions)))
            return
        if not text or not text.strip():
            await ctx.private(ctx.t("routine.answer.empty", id=found.id))
            return
        today = self.today_date()
        day = today if today in run.days else previous_routine_day(today, run.days)
        await db.answer(self.store, run.key, day, ctx.user, found.id,
                        " ".join(text.split())[:MAX_NOTE])
        await ctx.private(ctx.t("routine.answer.done", question=found.text))

    async def reminder(self, ctx: Context, state: str) -> None:
        await db.set_reminders(self.store, ctx.user, state == "on")
        await ctx.private(ctx.t(f"routine.reminder.{state}"))


def _weekdays(days: frozenset[int], language: str) -> str:
    """The routine's weekdays as written in garant.yaml (`lun, mar` / `mon, tue`)."""
    spelling = 2 if language == "fr" else 0
    return ", ".join(WEEKDAY_SPELLINGS[day][spelling] for day in sorted(days))


def _known_zone(name: str) -> bool:
    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return False
    return True


def _minutes(delta: timedelta) -> str:
    return f"{int(delta.total_seconds() // 60)} min"
