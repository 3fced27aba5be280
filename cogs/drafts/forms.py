"""The forms of the drafts cog and how their answers are read (pure, no I/O).

Form and action ids carry everything needed to act after a restart: the draft id
and the revision the person saw (`draft:edit:12:3`, `draft:vote:12:approve:3`),
so a click on a card older than the draft's current text is recognised as stale
instead of approving a text nobody read.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from bot.i18n import Translator
from bot.model import Form, FormField, FormInvalid
from bot.timeparse import parse_time, time_question
from cogs.drafts.votes import Choice
from cogs.drafts.workflow import Fields

NETWORKS = ("twitter", "linkedin", "facebook", "instagram", "blog", "other")
CLEAR = "-"  # typed in an optional field of the edit form: remove its value
MAX_TEXT = 10_000
MAX_AHEAD = timedelta(days=366)

#: Button words in action ids -> ballots.
VOTE_CHOICES = {"approve": Choice.APPROVE, "changes": Choice.CHANGES, "reject": Choice.REJECT,
                "abstain": Choice.ABSTAIN}
#: Reasons asked in a form before acting: what -> the form's label key.
REASONS = ("changes", "reject", "final_changes", "veto", "decide_changes", "decide_reject",
           "withdraw")


@dataclass(frozen=True, slots=True)
class Ref:
    """An action or form id as its route parsed it: `draft:KIND:ID:WHAT:REV`."""

    kind: str
    draft_id: int
    what: str
    revision: int | None


def action_id(kind: str, draft_id: int, what: str, revision: int) -> str:
    return f"draft:{kind}:{draft_id}:{what}:{revision}"


def local_input(when: datetime, tz: ZoneInfo) -> str:
    """A time as people type it back into a form (`parse_time` reads it)."""
    return f"{when.astimezone(tz):%Y-%m-%d %H:%M}"


def _fields(t: Translator, current: Fields | None, tz: ZoneInfo) -> tuple[FormField, ...]:
    empty = Fields("", None, "", None, "")
    now = current or empty
    planned = local_input(now.planned_at, tz) if now.planned_at else ""
    clear_hint = t("drafts.form.clear_hint") if current is not None else ""
    return (
        FormField("title", t("drafts.form.title"), max_length=120, default=now.title),
        FormField("client", t("drafts.form.client"), required=False, max_length=80,
                  placeholder=clear_hint, default=now.client or ""),
        FormField("network", t("drafts.form.network"), choices=NETWORKS, default=now.network),
        FormField("planned", t("drafts.form.planned"), required=False, max_length=40,
                  placeholder=t("drafts.form.planned_hint") + clear_hint, default=planned),
        FormField("text", t("drafts.form.text"), multiline=True, max_length=MAX_TEXT,
                  default=now.text),
    )


def new_form(t: Translator, tz: ZoneInfo) -> Form:
    return Form("draft:new", t("drafts.form.new"), _fields(t, None, tz),
                t("drafts.form.submit"))


def edit_form(t: Translator, draft_id: int, revision: int, current: Fields, tz: ZoneInfo,
              director: bool) -> Form:
    """Prefilled with the current revision; the director also says whether it is minor."""
    fields_ = _fields(t, current, tz)
    if director:
        fields_ += (FormField("minor", t("drafts.form.minor"), required=False,
                              choices=(t("drafts.form.no"), t("drafts.form.yes")),
                              default=t("drafts.form.no")),)
    return Form(action_id("edit", draft_id, "form", revision), t("drafts.form.edit", id=draft_id),
                fields_, t("drafts.form.save"))


def reason_form(t: Translator, what: str, draft_id: int, revision: int) -> Form:
    return Form(action_id("why", draft_id, what, revision),
                t(f"drafts.form.why.{what}", id=draft_id),
                (FormField("reason", t("drafts.form.reason"), max_length=1000),))


def withdraw_form(t: Translator, draft_id: int, revision: int) -> Form:
    """Withdrawing an approved draft undoes a decision of the co-op: the form is the
    confirmation, and asks the reason the director will read."""
    return Form(action_id("why", draft_id, "withdraw", revision),
                t("drafts.form.why.withdraw", id=draft_id),
                (FormField("reason", t("drafts.form.withdraw.reason"), max_length=1000,
                           placeholder=t("drafts.form.withdraw.placeholder", id=draft_id)),),
                submit_label=t("drafts.form.withdraw.submit"))


def is_minor(values: dict[str, str], t: Translator) -> bool:
    return values.get("minor", "").strip().lower() in {t("drafts.form.yes"), "yes", "oui"}


def parse_fields(values: dict[str, str], now: datetime, tz: ZoneInfo, t: Translator,
                 current: Fields | None = None) -> Fields:
    """The form's answers as a revision's fields, or FormInvalid with an error by field.

    A planned time must be ahead, except an unchanged one in an edit (an approved
    draft edited after its planned time keeps it). `-` clears an optional field
    of the edit form, whose empty answers keep the current values on the console.
    """
    errors: dict[str, str] = {}
    title = " ".join(values.get("title", "").split())
    text = values.get("text", "").strip()
    written = " ".join(values.get("client", "").split())
    client = None if written in ("", CLEAR) else written
    network = values.get("network", "").strip().lower()
    if network not in NETWORKS:
        errors["network"] = t("drafts.form.bad_network", networks=", ".join(NETWORKS))
    if not title:
        errors["title"] = t("form.required")
    if not text:
        errors["text"] = t("form.required")
    planned_at = None
    planned = values.get("planned", "").strip()
    if planned and planned != CLEAR:
        if current is not None and current.planned_at is not None \
                and planned == local_input(current.planned_at, tz):
            planned_at = current.planned_at
        else:
            planned_at, why_not = read_planned(planned, now, tz, t)
            if why_not is not None:
                errors["planned"] = why_not
    if errors:
        raise FormInvalid(errors, values)
    return Fields(title, client, network, planned_at, text)


def read_planned(value: str, now: datetime, tz: ZoneInfo,
                 t: Translator) -> tuple[datetime | None, str | None]:
    """A publication time as people type it ("14h", "lundi 9h", "25/11 14h30"): the
    time, or why it cannot be one (ambiguous: the question; past; too far)."""
    parsed = parse_time(value, now, tz, t.language)
    when = parsed.when
    if parsed.ambiguous:
        return None, time_question(t, value, parsed, tz)
    if parsed.error == "time.too_far":
        return None, t("drafts.form.too_far")
    if when is None:
        return None, t("drafts.form.bad_time", value=value)
    if when <= now:
        return None, t("drafts.form.past")
    if when - now > MAX_AHEAD:
        return None, t("drafts.form.too_far")
    return when, None
