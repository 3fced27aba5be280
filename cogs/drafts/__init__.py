"""The `drafts` cog: how the co-operative decides together what gets published.

Members submit drafts of client posts (`/draft new`), the charter checks them,
members vote on the card in the drafts channel (one member, one vote), and the
publication director has the final say and a veto. `/plan` shows the
publication calendar.

This module only wires things: small handlers that read the interaction, call
the workflow (`workflow.py`, one transaction per change), then update the card
and tell people. The rules are pure functions in `states.py` and `votes.py`.
"""

from __future__ import annotations

import dataclasses
import logging
import re
from datetime import date, datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from bot.charter import apply_fixes
from bot.located.yamlsrc import SourceError
from bot.model import (
    Attachment,
    Card,
    Command,
    FormInvalid,
    Handler,
    Message,
    Option,
    PageRoute,
    Permission,
    UserRef,
)
from bot.phrases import add_french
from bot.store import format_utc
from bot.timeparse import parse_time
from cogs.drafts import calendar, cards, forms, home, minutes, pages, sign_off, workflow
from cogs.drafts.cards import render
from cogs.drafts.messages import MESSAGES
from cogs.drafts.phrases_fr import FRENCH
from cogs.drafts.reading import history_text, snapshot
from cogs.drafts.settings import DraftSettings, VoteSettings
from cogs.drafts.states import OPEN, READY, Action, State, refusal
from cogs.drafts.stats import DraftStats
from cogs.drafts.votes import Result, tally_visible
from cogs.drafts.workflow import Change, Fields, Person, Refused, Text, proxying
from cogs.drafts.workflow.values import card_key

if TYPE_CHECKING:
    from bot.host import Bot, Context
    from bot.scheduler import Job

add_french(FRENCH)  # the French of its settings' errors (phrases_fr.py)

log = logging.getLogger(__name__)

LIST_CHOICES = ("open", "all", *(s.value for s in State))


async def complete_drafts(ctx: Context, typed: str) -> list[tuple[str, str]]:
    """Open drafts whose number starts with what is typed, newest first (autocomplete)."""
    if not ctx.can("member"):
        return []
    wanted = typed.strip().lstrip("#")
    return [(f"{d.id} · {d.current.fields.title} · {d.author_name} · {d.state.value}"[:100],
             str(d.id))
            for d in await workflow.drafts_in(ctx.bot.store, OPEN) if str(d.id).startswith(wanted)]


#: The garant.yaml sections this cog reads (see `bot/settings.py`).
SETTINGS = (VoteSettings, DraftSettings)


def setup(bot: Bot) -> None:
    bot.add_messages(MESSAGES)
    draft_id = Option("id", "int", help="drafts.option.id", complete="draft.open")
    bot.add_completer("draft.open", complete_drafts)
    table: tuple[tuple[tuple[str, ...], str, Handler, tuple[Option, ...], Permission], ...] = (
        (("draft", "new"), "drafts.new.help", new_draft, (), "member"),
        (("draft", "edit"), "drafts.edit.help", edit_draft, (draft_id,), "member"),
        (("draft", "withdraw"), "drafts.withdraw.help", withdraw_draft,
         (draft_id, Option("reason", "rest", required=False)), "member"),
        (("draft", "show"), "drafts.show.help", show_draft, (draft_id,), "member"),
        (("draft", "list"), "drafts.list.help", list_drafts,
         (Option("status", required=False, choices=LIST_CHOICES),), "member"),
        (("draft", "override"), "drafts.override.help", override_draft,
         (draft_id, Option("reason", "rest")), "member"),
        (("draft", "unveto"), "drafts.unveto.help", unveto_draft,
         (draft_id, Option("reason", "rest", required=False)), "director"),
        (("draft", "published"), "drafts.published.help", published_draft,
         (draft_id, Option("url")), "member"),
        (("draft", "reschedule"), "drafts.reschedule.help", reschedule_draft,
         (draft_id, Option("when", "rest", help="drafts.option.when")), "member"),
        (("draft", "restore"), "drafts.restore.help", restore_draft, (draft_id,), "member"),
        (("draft", "secret"), "drafts.secret.help", secret_draft, (draft_id,), "member"),
        (("draft", "client"), "drafts.client.help", client_draft,
         (draft_id, Option("answer", choices=("approve", "changes"),
                           help="drafts.client.answer_option"),
          Option("comment", "rest", required=False)), "director"),
        (("plan",), "drafts.plan.help", show_plan, (Option("days", "int", required=False),),
         "member"),
        (("proxy",), "drafts.proxy.help", proxy_command,
         (Option("user", required=False), Option("until", "rest", required=False)), "member"),
        (("proxy", "cancel"), "drafts.proxy.cancel.help", proxy_cancel, (), "member"),
        (("minutes",), "drafts.minutes.help", minutes_command,
         (Option("first", required=False), Option("last", required=False)), "member"),
    )
    for path, help_, handler, options, permission in table:
        bot.add_command(Command(path, help_, handler, options, permission=permission))
    bot.on_form("draft:new", submitted, permission="member")
    bot.on_form("draft:edit:{id:int}:form:{revision:int}", edited)
    bot.on_form("draft:why:{id:int}:{what}:{revision:int}", reason_given)
    bot.on_action("draft:{kind}:{id:int}:{what}:{revision:int}", clicked)
    bot.settings(VoteSettings)
    for name, where in bot.settings(DraftSettings).charter_references():
        bot.require_charter(name, where)
    bot.add_stats("drafts", "drafts.stats.title", DraftStats(bot).section, position=30)
    bot.add_job("drafts.deadline", deadline_job)
    bot.add_job("drafts.reminder", reminder_job)
    bot.add_job("drafts.planned", planned_job)
    bot.add_job("drafts.expire", expire_job)
    bot.add_home_section(home.waiting_for_you)
    bot.on_message(discussed)
    # The co-op's decisions are records: people in them are pseudonymised, not removed.
    for place, key, name in (("drafts", "author", "author_name"),
                             ("draft_revisions", "editor", "editor_name"),
                             ("draft_electorate", "voter", "name"),
                             ("draft_ballots", "voter", "voter_name"),
                             ("draft_ballots", "by_proxy", "by_proxy_name"),
                             ("draft_participation", "voter", "name")):
        bot.add_personal_data(place, key, name)
    bot.add_personal_data("drafts", "approved_by")
    bot.add_personal_data("drafts", "veto_by")
    bot.add_personal_data("draft_events", "actor", "actor_name", erase="keep")
    bot.add_personal_data("draft_comments", "author", "author_name", texts=("text",))
    bot.add_personal_data("vote_proxies", "giver", "giver_name", erase="delete")
    bot.add_personal_data("vote_proxies", "holder", "holder_name", erase="delete")
    bot.add_card("draft", lambda key: render_card(bot, key))
    bot.add_page(PageRoute("drafts", "drafts.board.page", pages.board_page))
    bot.add_page(PageRoute("calendar", "drafts.calendar.page", calendar.calendar_page))
    bot.add_page(PageRoute("draft", "drafts.page.page", pages.draft_page, listed=False))
    bot.add_feed(calendar.FEED, lambda: calendar.plan_feed(bot))
    bot.add_guest_page(sign_off.route(bot))


# ---------------------------------------------------------------- proxies

#: Words people put before the last day of a proxy ("jusqu'au 31/12", "until friday").
_UNTIL = ("jusqu'au ", "jusqu’au ", "jusqu'à ", "jusqu’à ", "until ", "au ", "to ")


async def proxy_command(ctx: Context, user: str | None, until: str | None) -> None:
    """`/proxy USER DATE` gives your vote; `/proxy` alone says where your vote is."""
    bot, now, tz = ctx.bot, ctx.now, ctx.bot.config.tz
    if user is None:
        running = await proxying.running(bot.store, now)
        mine = next((p for p in running if p.giver == ctx.user.key), None)
        held = [p.giver_name for p in running if p.holder == ctx.user.key]
        given = ctx.t("drafts.proxy.mine.given", holder=mine.holder_name,
                      until=_last_day(ctx, mine.until)) if mine else ctx.t("drafts.proxy.mine.own")
        await ctx.private(ctx.t("drafts.proxy.mine", given=given,
                                held=", ".join(held) or ctx.t("drafts.proxy.mine.nobody")))
        return
    target = await ctx.find_user(user)
    if target is None:
        await ctx.private(ctx.t("drafts.proxy.unknown", name=user))
        return
    if not bot.allows(bot.roles_of(target), "member"):
        await ctx.private(ctx.t("drafts.proxy.not_member", name=target.name))
        return
    if not until:
        await ctx.private(ctx.t("drafts.proxy.until_needed", name=user))
        return
    typed = until.strip()
    for word in _UNTIL:
        if typed.lower().startswith(word):
            typed = typed[len(word):]
            break
    when = parse_time(typed, now, tz, ctx.t.language).when
    if when is None or when.astimezone(tz).date() < now.astimezone(tz).date():
        await ctx.private(ctx.t("drafts.proxy.bad_until", value=until.strip()))
        return
    last = when.astimezone(tz).date()
    end = datetime.combine(last + timedelta(days=1), time(0), tzinfo=tz)
    shown = _day(ctx, last)
    try:
        await proxying.give(bot, person(ctx), workflow.Person(target.key, target.name, True),
                            end, shown)
    except Refused as exc:
        await refused(ctx, exc)
        return
    await bot.flush()
    await ctx.private(ctx.t("drafts.proxy.given", holder=target.name, until=shown))


async def proxy_cancel(ctx: Context) -> None:
    proxy = await proxying.cancel(ctx.bot, person(ctx))
    await ctx.private(ctx.t("drafts.proxy.cancelled", holder=proxy.holder_name) if proxy
                      else ctx.t("drafts.proxy.none"))


_DAY_MONTH = re.compile(r"^(\d{1,2})/(\d{1,2})(?:/(\d{4}))?$")


def _past_day(text: str, today: date) -> date | None:
    """A day of minutes, which are about the past: 2026-11-01, 01/11/2026, or 01/11 —
    the last 1 November up to today."""
    value = text.strip()
    try:
        match = _DAY_MONTH.match(value)
        if match is None:
            return date.fromisoformat(value)
        day, month, year = int(match.group(1)), int(match.group(2)), match.group(3)
        if year:
            return date(int(year), month, day)
        found = date(today.year, month, day)
        return found if found <= today else date(today.year - 1, month, day)
    except ValueError:
        return None


def _day(ctx: Context, day: date) -> str:
    return f"{day:%d/%m/%Y}" if ctx.t.language == "fr" else f"{day:%Y-%m-%d}"


def _last_day(ctx: Context, until: datetime) -> str:
    """The last day a proxy runs (it ends at the following midnight)."""
    return _day(ctx, (until.astimezone(ctx.bot.config.tz) - timedelta(seconds=1)).date())


# ---------------------------------------------------------------- discussion


async def discussed(ctx: Context, message: Message) -> None:
    """A reply in the thread of a draft's card is a comment, kept in its history."""
    if message.thread is None:
        return  # most messages: no query
    bot = ctx.bot
    lookup = ("SELECT card_key FROM posted_cards WHERE platform = ? AND message_id = ? "
              "AND card_key LIKE 'draft:%'", (message.platform, message.thread))
    row = await bot.store.fetchone(*lookup)
    if row is None and not bot.outbox.idle:
        # The card may be being posted right now (its thread opened, its message not yet
        # recorded): once the delivery under way is recorded, look again.
        await bot.flush()
        row = await bot.store.fetchone(*lookup)
    if row is None:
        return
    draft_id = int(row["card_key"].split(":", 1)[1])
    async with bot.store.transaction() as tx:
        added = await tx.execute(
            "INSERT INTO draft_comments (draft_id, platform, message_id, author, author_name, "
            "text, at) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (platform, message_id) "
            "DO UPDATE SET text = excluded.text",  # an edited comment is kept as edited
            (draft_id, message.platform, message.id, message.author.key, message.author.name,
             message.text, format_utc(message.at)))
        if added.rowcount:
            await tx.audit(message.author.key, "draft.comment", f"draft:{draft_id}", None,
                           message=message.id)


# ---------------------------------------------------------------- secret ballots


async def secret_draft(ctx: Context, id: int) -> None:
    """`/draft secret ID`: the author or the director has a draft voted by secret
    ballot, as long as nobody has voted on it yet."""
    bot = ctx.bot
    draft = await workflow.load(bot.store, id)
    if draft is None:
        await ctx.private(ctx.t("drafts.unknown", id=id))
        return
    if ctx.user.key != draft.author and not ctx.can("director"):
        await ctx.private(ctx.t("drafts.secret.not_yours"))
        return
    if draft.secret:
        await ctx.private(ctx.t("drafts.secret.already", id=id))
        return
    async with bot.store.transaction() as tx:
        row = await tx.fetchrow("SELECT count(*) AS n FROM draft_ballots WHERE draft_id = ?",
                                (id,))
        cast = int(row["n"])
        if not cast:
            await tx.execute("UPDATE drafts SET secret = 1 WHERE id = ?", (id,))
            await tx.audit(ctx.user.key, "draft.secret", f"draft:{id}", None)
            await bot.refresh_card(card_key(id), tx=tx)
    await bot.flush()
    await ctx.private(ctx.t("drafts.secret.too_late" if cast else "drafts.secret.done",
                            id=id))


# ---------------------------------------------------------------- minutes


async def minutes_command(ctx: Context, first: str | None, last: str | None) -> None:
    """`/minutes FROM TO`: the decisions of those days, as Markdown and PDF files."""
    if not first or not last:
        await ctx.private(ctx.t("drafts.minutes.usage"))
        return
    now, tz = ctx.now, ctx.bot.config.tz
    today = now.astimezone(tz).date()
    start_day, last_day = _past_day(first, today), _past_day(last, today)
    for typed, day in ((first, start_day), (last, last_day)):
        if day is None:
            await ctx.private(ctx.t("drafts.minutes.bad_day", value=typed))
            return
    assert start_day is not None and last_day is not None
    if start_day > last_day:
        await ctx.private(ctx.t("drafts.minutes.backwards", first=_day(ctx, start_day),
                                last=_day(ctx, last_day)))
        return
    start = datetime.combine(start_day, time(0), tzinfo=tz)
    end = datetime.combine(last_day + timedelta(days=1), time(0), tzinfo=tz)
    records = await minutes.gather(ctx.bot.store, start, end)
    parts = minutes.blocks(ctx.t, tz, records, _day(ctx, start_day), _day(ctx, last_day), now)
    name = f"garant-minutes-{start_day.isoformat()}-{last_day.isoformat()}"
    caption = ctx.t("drafts.minutes.file")
    await ctx.send_file(Attachment(f"{name}.md", minutes.markdown(parts).encode("utf-8"),
                                   "text/markdown"), caption)
    await ctx.send_file(Attachment(f"{name}.pdf", minutes.pdf(parts), "application/pdf"),
                        caption)
    await ctx.private(ctx.t("drafts.minutes.posted", first=_day(ctx, start_day),
                            last=_day(ctx, last_day), count=len(records)))


# ---------------------------------------------------------------- helpers


def person(ctx: Context) -> Person:
    return Person(ctx.user.key, ctx.user.name, ctx.can("member"), ctx.can("director"))


async def deliver(bot: Bot, change: Change, ctx: Context | None = None,
                  answer: str | None = None) -> None:
    """After the commit: deliver the card and the notices the change recorded (see
    `workflow.writing.changing`), then answer the actor."""
    await bot.flush()
    reply = answer or (render(bot.t, change.answer) if change.answer else "")
    if ctx is not None and reply:
        await ctx.private(reply)


async def render_card(bot: Bot, key: str) -> Card | None:
    """The card of `draft:ID`, from the stored draft, when it is posted or refreshed."""
    found = await snapshot(bot, int(key.split(":", 1)[1]))
    return cards.draft_card(bot.t, bot.config.tz, found) if found is not None else None


async def refused(ctx: Context, exc: Refused) -> None:
    await ctx.private(render(ctx.t, exc.text))


def check_charter(bot: Bot, fields_: Fields) -> tuple[str, list[dict[str, Any]]]:
    """The draft's charter (its client's, else the agency's) on its text and network."""
    name = bot.settings(DraftSettings).charter_for(fields_.client, bot.config.default_charter)
    try:
        charter = bot.charters.get(name)
    except SourceError as exc:
        raise Refused("drafts.charter_error", charter=name,
                      error=exc.text(bot.language)) from exc
    findings = charter.check(fields_.text, "draft", fields_.network)
    return name, [f.as_dict() | {"suggestion": f.suggestion} for f in findings]


async def _precheck(ctx: Context, action: Action, draft_id: int,
                    revision: int | None) -> workflow.Draft | None:
    """Before asking for a reason: is the action possible at all? (Answer now, not after
    the person has typed a paragraph.)"""
    draft = await workflow.load(ctx.bot.store, draft_id)
    if draft is None:
        await ctx.private(ctx.t("drafts.unknown", id=draft_id))
        return None
    who = person(ctx)
    key = refusal(action, draft.state, who.actor(draft.author), vetoed=draft.vetoed,
                  extended=draft.extended)
    if key is None and revision is not None and revision != draft.revision:
        key = "drafts.refused.stale"
    if key is not None:
        await ctx.private(render(ctx.t, Text(key, {
            "id": draft_id, "state": Text(f"drafts.state.{draft.state.value}"),
            "seen": revision, "revision": draft.revision})))
        return None
    return draft


# ---------------------------------------------------------------- submitting and editing


async def new_draft(ctx: Context) -> None:
    await ctx.open_form(forms.new_form(ctx.t, ctx.bot.config.tz))


async def submitted(ctx: Context, values: dict[str, str]) -> None:
    bot = ctx.bot
    fields_ = forms.parse_fields(values, ctx.now, bot.config.tz, ctx.t)
    try:
        charter, findings = check_charter(bot, fields_)
        # The author's chat platform (on the web: the identity they signed in with)
        # gives the electorate, as the drafts channel it is voted in.
        platform = ctx.user.platform
        electorate = await workflow.electorate_now(bot, platform)
        change = await workflow.submit(bot, person(ctx), platform, fields_, charter,
                                       findings, electorate)
    except Refused as exc:
        await refused(ctx, exc)
        return
    found = await snapshot(bot, change.draft_id)
    assert found is not None
    await deliver(bot, change, ctx, cards.check_answer(ctx.t, found, change.answer))


async def edit_draft(ctx: Context, id: int) -> None:
    draft = await _precheck(ctx, Action.EDIT, id, None)
    if draft is not None:
        await ctx.open_form(forms.edit_form(ctx.t, id, draft.revision, draft.current.fields,
                                            ctx.bot.config.tz, ctx.can("director")))


async def edited(ctx: Context, values: dict[str, str], id: int, revision: int) -> None:
    bot = ctx.bot
    draft = await workflow.load(bot.store, id)
    if draft is None:
        await ctx.private(ctx.t("host.stale_form"))
        return
    seen = revision
    fields_ = forms.parse_fields(values, ctx.now, bot.config.tz, ctx.t, draft.current.fields)
    minor = forms.is_minor(values, ctx.t)
    try:
        charter, findings = check_charter(bot, fields_)
        electorate = await workflow.electorate_now(bot, draft.platform)
        change = await workflow.edit(bot, person(ctx), draft.id, seen, fields_, charter,
                                     findings, minor, electorate)
    except Refused as exc:
        if exc.text.key == "drafts.edit.minor_blocked":
            lines = [render(ctx.t, exc.text), *cards.finding_lines(ctx.t, findings)]
            raise FormInvalid({"text": "\n".join(lines)}, values) from exc
        await refused(ctx, exc)
        return
    found = await snapshot(bot, draft.id)
    assert found is not None
    await deliver(bot, change, ctx, cards.check_answer(ctx.t, found, change.answer))


async def withdraw_draft(ctx: Context, id: int, reason: str | None) -> None:
    """An approved draft's author confirms in a form, with the reason the director reads
    (a reason typed in the command is already filled in); any other withdrawal is done
    at once, or refused with why."""
    draft = await workflow.load(ctx.bot.store, id)
    if draft is not None and draft.state in READY and draft.author == ctx.user.key:
        await ctx.open_form(forms.withdraw_form(ctx.t, id, draft.revision),
                            values={"reason": reason or ""})
        return
    await _run(ctx, workflow.withdraw(ctx.bot, person(ctx), id, reason))


async def client_draft(ctx: Context, id: int, answer: str, comment: str | None) -> None:
    """`/draft client ID approve|changes [COMMENT]`: the director records the answer a
    client gave by phone or e-mail (the history says it was recorded for them)."""
    draft = await workflow.load(ctx.bot.store, id)
    if draft is None:
        await ctx.private(ctx.t("drafts.unknown", id=id))
        return
    await _run(ctx, workflow.client_answer(ctx.bot, person(ctx), id, draft.revision,
                                           answer == "approve", comment))


async def restore_draft(ctx: Context, id: int) -> None:
    await _run(ctx, workflow.restore(ctx.bot, person(ctx), id))


async def reschedule_draft(ctx: Context, id: int, when: str) -> None:
    planned_at, why_not = forms.read_planned(when, ctx.now, ctx.bot.config.tz, ctx.t)
    if planned_at is None:
        await ctx.private(why_not or "")
        return
    await _run(ctx, workflow.reschedule(ctx.bot, person(ctx), id, planned_at))


async def override_draft(ctx: Context, id: int, reason: str) -> None:
    """The author asks the director; the director (even as author) grants at once."""
    bot = ctx.bot
    if ctx.can("director"):
        draft = await workflow.load(bot.store, id)
        electorate = await workflow.electorate_now(bot, draft.platform) if draft else []
        await _run(ctx, workflow.grant_override(bot, person(ctx), id, None, reason, electorate))
    else:
        await _run(ctx, workflow.ask_override(bot, person(ctx), id, reason))


async def unveto_draft(ctx: Context, id: int, reason: str | None) -> None:
    await _run(ctx, workflow.unveto(ctx.bot, person(ctx), id, reason))


async def published_draft(ctx: Context, id: int, url: str) -> None:
    if not url.lower().startswith(("https://", "http://")):
        await ctx.private(ctx.t("drafts.published.bad_url", url=url))
        return
    await _run(ctx, workflow.published(ctx.bot, person(ctx), id, url))


async def _run(ctx: Context, call: Any) -> None:
    """Await a workflow call: a refusal is answered privately, a change delivered."""
    try:
        change = await call
    except Refused as exc:
        await refused(ctx, exc)
        return
    await deliver(ctx.bot, change, ctx)


# ---------------------------------------------------------------- reading


async def show_draft(ctx: Context, id: int) -> None:
    found = await snapshot(ctx.bot, id)
    if found is None:
        await ctx.private(ctx.t("drafts.unknown", id=id))
        return
    await ctx.private(await history_text(ctx.bot, found, ctx.user.key))


async def list_drafts(ctx: Context, status: str | None) -> None:
    which = status or "open"
    states = None if which == "all" else OPEN if which == "open" else {State(which)}
    drafts = await workflow.drafts_in(ctx.bot.store, states)
    await ctx.private(cards.list_text(ctx.t, ctx.bot.config.tz, drafts, which))


async def show_plan(ctx: Context, days: int | None) -> None:
    days = 7 if days is None else days
    if not 1 <= days <= 92:
        await ctx.private(ctx.t("drafts.plan.days"))
        return
    tz = ctx.bot.config.tz
    start = ctx.now.astimezone(tz).replace(hour=0, minute=0, second=0, microsecond=0)
    drafts = await workflow.planned_between(ctx.bot.store, start, start + timedelta(days=days))
    await ctx.private(cards.plan_text(ctx.t, tz, drafts, days))


# ---------------------------------------------------------------- buttons and reasons


#: Buttons that ask for a reason first: (kind, what) -> (the action, the reason form).
REASON_FIRST = {("vote", "changes"): (Action.VOTE, "changes"),
                ("vote", "reject"): (Action.VOTE, "reject"),
                ("final", "changes"): (Action.FINAL_CHANGES, "final_changes"),
                ("final", "veto"): (Action.VETO, "veto"),
                ("quorum", "changes"): (Action.DECIDE, "decide_changes"),
                ("quorum", "reject"): (Action.DECIDE, "decide_reject")}


async def clicked(ctx: Context, kind: str, id: int, what: str, revision: int) -> None:
    """Every button of a draft card: `draft:KIND:ID:WHAT:REV`."""
    ref = forms.Ref(kind, id, what, revision)
    if (ref.kind, ref.what) in REASON_FIRST:
        await _ask_reason(ctx, ref)
        return
    call = await _button_call(ctx, ref)
    if call is None:
        await ctx.private(ctx.t("host.stale_button"))
        return
    await (_run_vote if ref.kind == "vote" else _run)(ctx, call)


async def _ask_reason(ctx: Context, ref: forms.Ref) -> None:
    """Open the reason form, only if the action would be accepted now."""
    needed, what = REASON_FIRST[(ref.kind, ref.what)]
    draft = await _precheck(ctx, needed, ref.draft_id, ref.revision)
    if draft is None:
        return
    if needed is Action.VOTE and not await workflow.in_electorate(ctx.bot.store, draft.id,
                                                                  ctx.user.key):
        await ctx.private(ctx.t("drafts.refused.not_electorate", id=draft.id))
        return
    await ctx.open_form(forms.reason_form(ctx.t, what, ref.draft_id, draft.revision))


async def _button_call(ctx: Context, ref: forms.Ref) -> Any:
    """The workflow call a button makes (not awaited yet), or None for an unknown one."""
    bot, who, draft_id, rev = ctx.bot, person(ctx), ref.draft_id, ref.revision
    if ref.kind == "vote" and ref.what in forms.VOTE_CHOICES:
        return workflow.cast(bot, who, draft_id, forms.VOTE_CHOICES[ref.what], None, rev)
    if (ref.kind, ref.what) == ("final", "approve"):
        return workflow.final_approve(bot, who, draft_id, rev)
    if (ref.kind, ref.what) == ("quorum", "extend"):
        return workflow.extend(bot, who, draft_id, rev)
    if (ref.kind, ref.what) == ("quorum", "pass"):
        return workflow.decide(bot, who, draft_id, Result.APPROVED, None, rev)
    if (ref.kind, ref.what) == ("override", "grant"):
        draft = await workflow.load(bot.store, draft_id)
        electorate = await workflow.electorate_now(bot, draft.platform) if draft else []
        return workflow.grant_override(bot, who, draft_id, rev, None, electorate)
    if (ref.kind, ref.what) == ("override", "refuse"):
        return workflow.refuse_override(bot, who, draft_id, rev)
    if (ref.kind, ref.what) == ("fix", "apply") and rev is not None:
        return fix_revision(bot, who, draft_id, rev)
    return None


async def fix_revision(bot: Bot, who: workflow.Person, draft_id: int, seen: int
                       ) -> workflow.Change:
    """"Corriger": the current text with its findings' fixes applied (typography, sure
    spelling), checked again and submitted as a new revision — an edit like any other:
    approvals are dismissed, objections stay, the author of the fix is in the history."""
    draft = await workflow.load(bot.store, draft_id)
    if draft is None:
        raise Refused("drafts.unknown", id=draft_id)
    if draft.revision != seen:  # the card showed another text: its fixes are not these
        raise Refused("drafts.refused.stale", id=draft_id, seen=seen, revision=draft.revision)
    current = draft.current
    fixes = [(f["start"], f["end"], f["fix"]) for f in current.findings
             if f.get("fix") is not None]
    if not fixes:
        raise Refused("drafts.fix.nothing", id=draft_id)
    fields_ = dataclasses.replace(current.fields, text=apply_fixes(current.fields.text, fixes))
    charter, findings = check_charter(bot, fields_)
    electorate = await workflow.electorate_now(bot, draft.platform)
    change = await workflow.edit(bot, who, draft_id, seen, fields_, charter, findings, False,
                                 electorate)
    change.answer = workflow.text("drafts.fixed", id=draft_id, count=len(fixes),
                                  edited=change.answer)
    return change


async def _run_vote(ctx: Context, call: Any) -> None:
    """A ballot: the confirmation shows the tally when the rule lets this voter see it."""
    try:
        change = await call
    except Refused as exc:
        await refused(ctx, exc)
        return
    found = await snapshot(ctx.bot, change.draft_id)
    answer = render(ctx.t, change.answer) if change.answer else ""
    if found is not None:
        draft = found.draft
        if tally_visible(draft.tally_mode or "after_vote", draft.vote_closed, has_voted=True):
            answer += "\n" + cards.tally_line(ctx.t, found, True)
        if change.closed:
            answer += "\n" + ctx.t("drafts.vote.closed_now", id=draft.id,
                                   result=ctx.t(f"drafts.result.{draft.result}"))
    await deliver(ctx.bot, change, ctx, answer)


async def reason_given(ctx: Context, values: dict[str, str], id: int, what: str,
                       revision: int) -> None:
    ref = forms.Ref("why", id, what, revision)
    reason = values.get("reason", "").strip()
    if ref.what not in forms.REASONS:
        await ctx.private(ctx.t("host.stale_form"))
        return
    bot, who, rev = ctx.bot, person(ctx), ref.revision
    calls = {
        "changes": lambda: workflow.cast(bot, who, ref.draft_id, forms.VOTE_CHOICES["changes"],
                                         reason, rev),
        "reject": lambda: workflow.cast(bot, who, ref.draft_id, forms.VOTE_CHOICES["reject"],
                                        reason, rev),
        "final_changes": lambda: workflow.final_changes(bot, who, ref.draft_id, reason, rev),
        "veto": lambda: workflow.veto(bot, who, ref.draft_id, reason, rev),
        "decide_changes": lambda: workflow.decide(bot, who, ref.draft_id, Result.CHANGES,
                                                  reason, rev),
        "decide_reject": lambda: workflow.decide(bot, who, ref.draft_id, Result.REJECTED,
                                                 reason, rev),
        "withdraw": lambda: workflow.withdraw(bot, who, ref.draft_id, reason),
    }
    call = calls[ref.what]()
    if ref.what in ("changes", "reject"):
        await _run_vote(ctx, call)
    else:
        await _run(ctx, call)


# ---------------------------------------------------------------- scheduled jobs


async def deadline_job(bot: Bot, job: Job, scheduled_for: datetime) -> None:
    change = await workflow.close_if_due(bot, int(job.payload["draft"]))
    if change is not None:
        await deliver(bot, change)


async def expire_job(bot: Bot, job: Job, scheduled_for: datetime) -> None:
    change = await workflow.expire_if_due(bot, int(job.payload["draft"]))
    if change is not None:
        await deliver(bot, change)


async def reminder_job(bot: Bot, job: Job, scheduled_for: datetime) -> None:
    """Members who have not voted, reminded once before the deadline."""
    draft = await workflow.load(bot.store, int(job.payload["draft"]))
    if draft is None or draft.state is not State.VOTING or draft.deadline_at is None \
            or draft.deadline_at <= bot.clock.now():
        return
    voters = await workflow.unvoted(bot.store, draft.id)
    text = bot.t("drafts.notice.reminder", id=draft.id, title=draft.current.fields.title,
                 deadline=cards.when(bot.t, draft.deadline_at, bot.config.tz))
    async with bot.store.transaction() as tx:
        for voter in voters:  # keyed: a retried job reminds nobody twice
            await bot.send(UserRef.parse(voter.key), text, tx=tx,
                           key=f"{job.id}:{scheduled_for.isoformat()}:{voter.key}")
        await tx.audit(workflow.BOT_ACTOR, "draft.reminder", f"draft:{draft.id}",
                       voters=[v.key for v in voters], revision=draft.revision)
    await bot.flush()


async def planned_job(bot: Bot, job: Job, scheduled_for: datetime) -> None:
    """At the planned time: publish now (approved), or it is not approved yet."""
    draft = await workflow.load(bot.store, int(job.payload["draft"]))
    if draft is None or draft.state.terminal:
        return
    key = "drafts.notice.planned.ready" if draft.state in READY else \
        "drafts.notice.planned.pending"
    await bot.send(UserRef.parse(draft.author), bot.t(
        key, id=draft.id, title=draft.current.fields.title,
        state=cards.state_label(bot.t, draft.state)),
        key=f"{job.id}:{scheduled_for.isoformat()}")
