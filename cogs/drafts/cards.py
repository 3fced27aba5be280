"""How drafts are shown: the card in the drafts channel, /draft show, /draft list, /plan.

Pure functions of stored values and a translator, so every platform shows the
same thing and the texts are tested without a chat server. The public card is
the same for everyone, so with a hidden tally (`after_vote`, `after_close`) it
shows only how many have voted; each voter sees the tally in their private
confirmation once the rule allows it.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from zoneinfo import ZoneInfo

from bot.i18n import Translator
from bot.model import Button, Card
from cogs.drafts.forms import action_id
from cogs.drafts.states import OPEN, State
from cogs.drafts.votes import Rules, Tally, quorum_needed, tally_visible
from cogs.drafts.workflow.values import Draft, Revision, Text, card_key, render

_DAYS = {"fr": ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."),
         "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}
_CHOICE_MARK = {"approve": "✅", "request_changes": "✏️", "reject": "❌", "abstain": "⏸"}


def when(t: Translator, moment: datetime, tz: ZoneInfo) -> str:
    local = moment.astimezone(tz)
    return f"{_DAYS.get(t.language, _DAYS['en'])[local.weekday()]} {local:%Y-%m-%d %H:%M}"


def state_label(t: Translator, state: State) -> str:
    return t(f"drafts.state.{state.value}")


@dataclass(frozen=True, slots=True)
class Snapshot:
    """A draft with its current tally: what a card or a list line needs."""

    draft: Draft
    tally: Tally
    electorate: int
    #: The client's sign-off link while the draft awaits it (None: no web pages here).
    client_link: str | None = None


# ---------------------------------------------------------------- charter findings


def finding_lines(t: Translator, findings: Iterable[dict[str, Any]]) -> list[str]:
    return [t("drafts.finding", level=t(f"drafts.level.{f['level']}"),
              rule=f.get("title") or f["rule"],
              match=f["match"], message=f["message"]) for f in findings]


def charter_summary(t: Translator, revision: Revision, blocking: frozenset[str]) -> str:
    findings = revision.findings
    if not findings:
        return t("drafts.charter.clean", charter=revision.charter)
    errors = sum(f["level"] == "error" for f in findings)
    key = ("drafts.charter.blocked" if blocking else
           "drafts.charter.overridden" if errors else "drafts.charter.notes")
    return t(key, charter=revision.charter, count=len(findings), errors=errors)


def check_answer(t: Translator, snapshot: Snapshot, answer: Text | None) -> str:
    """What the author reads at once after submitting or editing: the findings first."""
    draft = snapshot.draft
    lines = [render(t, answer)] if answer else []
    lines.append(charter_summary(t, draft.current, draft.blocking_rules))
    lines += finding_lines(t, draft.current.findings)
    if draft.state is State.BLOCKED:
        lines.append(t("drafts.blocked.how", id=draft.id))
    planned = draft.current.fields.planned_at
    if draft.state is State.VOTING and planned and draft.deadline_at \
            and planned < draft.deadline_at:
        lines.append(t("drafts.planned_early", id=draft.id))
    return "\n".join(lines)


# ---------------------------------------------------------------- the card


def tally_line(t: Translator, snapshot: Snapshot, visible: bool) -> str:
    draft, tally = snapshot.draft, snapshot.tally
    rules = draft.rules or Rules()
    needed = quorum_needed(snapshot.electorate, rules)
    # In consent mode there is no quorum: the rule itself is what voters need to read.
    key = "drafts.tally.turnout" + (".proxied" if tally.proxied else "") \
        + (".consent" if rules.consent else "")
    turnout = t(key, cast=tally.cast, electorate=snapshot.electorate, quorum=needed,
                proxied=tally.proxied)
    if draft.secret:
        turnout += t("drafts.tally.secret")
    if not visible:
        hidden = t(f"drafts.tally.hidden.{draft.tally_mode or 'after_vote'}")
        return f"{turnout} — {hidden}"
    counts = t("drafts.tally.counts", approve=tally.approve, changes=tally.changes,
               reject=tally.reject, abstain=tally.abstain)
    return f"{counts} — {turnout}"


def draft_buttons(t: Translator, draft: Draft) -> tuple[Button, ...]:
    """The buttons of a draft's card for its state (also on the home view's short card)."""
    rev = draft.revision

    def button(kind: str, what: str, style: str = "secondary") -> Button:
        return Button(t(f"drafts.button.{kind}.{what}"), action_id(kind, draft.id, what, rev),
                      style)  # type: ignore[arg-type]

    # Fixes that need no choice (typography, a sure spelling): one click makes them a
    # new revision, as an edit by hand would.
    fix = ((button("fix", "apply", "primary"),)
           if draft.state in OPEN and any(f.get("fix") is not None
                                          for f in draft.current.findings) else ())
    if draft.state is State.VOTING:
        return (button("vote", "approve", "success"), button("vote", "changes", "primary"),
                button("vote", "reject", "danger"), button("vote", "abstain"), *fix)
    if draft.state is State.AWAITING_FINAL:
        return (button("final", "approve", "success"), button("final", "changes", "primary"),
                button("final", "veto", "danger"), *fix)
    if draft.state is State.NO_QUORUM:
        extend = () if draft.extended else (button("quorum", "extend", "primary"),)
        return (*extend, button("quorum", "pass", "success"), button("quorum", "changes"),
                button("quorum", "reject", "danger"), *fix)
    if draft.state is State.BLOCKED and draft.override_asked:
        return (button("override", "grant", "primary"), button("override", "refuse", "danger"),
                *fix)
    return fix


def draft_card(t: Translator, tz: ZoneInfo, snapshot: Snapshot) -> Card:
    """The card in the drafts channel, updated in place at every change."""
    draft = snapshot.draft
    f = draft.current.fields
    fields: list[tuple[str, str]] = [(t("drafts.field.author"), draft.author_name)]
    if f.client:
        fields.append((t("drafts.field.client"), f.client))
    fields.append((t("drafts.field.network"), f.network))
    if f.planned_at:
        fields.append((t("drafts.field.planned"), when(t, f.planned_at, tz)))
    fields.append((t("drafts.field.revision"), str(draft.revision)))
    fields.append((t("drafts.field.state"), state_label(t, draft.state)))
    if draft.vetoed:
        fields.append((t("drafts.field.veto"), draft.veto_reason or ""))
    if draft.state is State.AWAITING_CLIENT and draft.client_due is not None:
        link = snapshot.client_link or t("drafts.client.no_web", id=draft.id)
        fields.append((t("drafts.field.client_sign_off"),
                       t("drafts.client.card", due=when(t, draft.client_due, tz), link=link)))
    elif draft.client_signed:
        fields.append((t("drafts.field.client_sign_off"), t("drafts.client.signed")))
    if draft.override_asked and draft.state is State.BLOCKED:
        fields.append((t("drafts.field.override_asked"), draft.override_asked))
    fields.append((t("drafts.field.charter"),
                   charter_summary(t, draft.current, draft.blocking_rules)))
    if draft.round:
        visible = tally_visible(draft.tally_mode or "after_vote", draft.vote_closed,
                                has_voted=False)
        fields.append((t("drafts.field.votes"), tally_line(t, snapshot, visible)))
    if draft.state is State.VOTING and draft.deadline_at:
        fields.append((t("drafts.field.deadline"), when(t, draft.deadline_at, tz)))
    if draft.vote_closed and draft.result:
        fields.append((t("drafts.field.result"), t(f"drafts.result.{draft.result.value}")))
    if draft.published_url:
        fields.append((t("drafts.field.link"), draft.published_url))
    body = f.text
    if draft.current.findings:
        body += "\n\n" + "\n".join(finding_lines(t, draft.current.findings))
    return Card(t("drafts.card.title", id=draft.id, title=f.title), body, tuple(fields),
                draft_buttons(t, draft), key=card_key(draft.id),
                footer=t("drafts.card.footer", id=draft.id),
                discussion=t("drafts.discussion.name", id=draft.id, title=f.title)[:100])


# ---------------------------------------------------------------- /draft show


def _diff(t: Translator, tz: ZoneInfo, old: Revision, new: Revision) -> list[str]:
    lines = []
    a, b = old.fields, new.fields
    for name, before, after in (
        ("title", a.title, b.title), ("client", a.client or "—", b.client or "—"),
        ("network", a.network, b.network),
        ("planned", when(t, a.planned_at, tz) if a.planned_at else "—",
         when(t, b.planned_at, tz) if b.planned_at else "—"),
    ):
        if before != after:
            lines.append(t("drafts.show.changed", field=t(f"drafts.field.{name}"), before=before,
                           after=after))
    lines += list(difflib.unified_diff(a.text.splitlines(), b.text.splitlines(),
                                       f"r{old.number}", f"r{new.number}", lineterm="", n=1))
    return lines


def _secret_ballots(t: Translator, tz: ZoneInfo, draft: Draft,
                    ballots: Sequence[dict[str, Any]], viewer: str,
                    voted: Sequence[str]) -> list[str]:
    """A secret vote's ballots: the viewer's own while it runs; after the close, the
    choices and reasons with no name, no time and no order (sorted by choice), and
    who took part."""
    lines = [t("drafts.show.secret")]
    if draft.state is State.VOTING:
        for b in ballots:
            if b["voter"] == viewer and b["latest"]:
                lines.append(t("drafts.show.ballot", at=when(t, b["cast_at"], tz),
                               voter=b["voter_name"], mark=_CHOICE_MARK[b["choice"]],
                               choice=t(f"drafts.choice.{b['choice']}"),
                               revision=b["revision"],
                               reason=f" — {b['reason']}" if b["reason"] else "", status=""))
    else:
        for b in sorted((b for b in ballots if b["latest"]),
                        key=lambda b: (b["choice"], b["reason"] or "")):
            lines.append(t("drafts.show.secret_ballot", mark=_CHOICE_MARK[b["choice"]],
                           choice=t(f"drafts.choice.{b['choice']}"),
                           reason=f" — {b['reason']}" if b["reason"] else ""))
    lines.append(t("drafts.show.voted", names=", ".join(sorted(voted)) or "—"))
    return lines


def show_text(t: Translator, tz: ZoneInfo, snapshot: Snapshot, revisions: Sequence[Revision],
              ballots: Sequence[dict[str, Any]], events: Sequence[dict[str, Any]],
              viewer: str, voted: Sequence[str] = (),
              comments: Sequence[dict[str, Any]] = ()) -> str:
    """The full history, for one viewer: choices are shown only when the tally rule lets
    this viewer see the tally (their own ballots always); in a secret vote, nobody's
    but one's own, and never with a name once it has closed (`voted`: who took part)."""
    draft = snapshot.draft
    f = draft.current.fields
    has_voted = any(b["voter"] == viewer and b["latest"] for b in ballots)
    visible = tally_visible(draft.tally_mode or "after_vote",
                            draft.vote_closed, has_voted)
    lines = [t("drafts.show.head", id=draft.id, title=f.title, state=state_label(t, draft.state)),
             t("drafts.show.meta", author=draft.author_name, network=f.network,
               client=f.client or "—",
               planned=when(t, f.planned_at, tz) if f.planned_at else "—")]
    if draft.round:
        lines.append(t("drafts.show.votes", tally=tally_line(t, snapshot, visible)))
    if draft.vetoed:
        lines.append(t("drafts.show.veto", reason=draft.veto_reason or ""))
    lines.append(t("drafts.show.revisions"))
    previous: Revision | None = None
    for revision in revisions:
        minor = t("drafts.show.minor") if revision.minor else ""
        lines.append(t("drafts.show.revision", number=revision.number,
                       at=when(t, revision.created_at, tz), editor=revision.editor_name,
                       minor=minor, findings=len(revision.findings)))
        if previous is not None:
            lines += ["      " + line for line in _diff(t, tz, previous, revision)]
        previous = revision
    lines.append(t("drafts.show.ballots"))
    if draft.secret:
        lines += _secret_ballots(t, tz, draft, ballots, viewer, voted)
        ballots = ()  # every line said above
    shown = [b for b in ballots if visible or b["voter"] == viewer]
    for b in shown:
        status = "" if b["latest"] else t(f"drafts.show.ended.{b['ended_by']}")
        reason = f" — {b['reason']}" if b["reason"] else ""
        voter = b["voter_name"] if not b.get("by_proxy_name") else t(
            "drafts.show.by_proxy", voter=b["voter_name"], holder=b["by_proxy_name"])
        lines.append(t("drafts.show.ballot", at=when(t, b["cast_at"], tz), voter=voter,
                       mark=_CHOICE_MARK[b["choice"]], choice=t(f"drafts.choice.{b['choice']}"),
                       revision=b["revision"], reason=reason, status=status))
    if len(shown) < len(ballots):
        lines.append(t("drafts.show.hidden", count=len(ballots) - len(shown)))
    if not ballots and not draft.secret:
        lines.append(t("drafts.show.none"))
    lines.append(t("drafts.show.events"))
    for e in events:
        src = state_label(t, State(e["from_status"])) if e["from_status"] else "—"
        why = e["reason"]
        if e["action"] == "close" and why in ("early", "deadline"):
            why = t(f"drafts.close.{why}")
        reason = f" — {why}" if why else ""
        lines.append(t("drafts.show.event", at=when(t, e["at"], tz), actor=e["actor_name"],
                       action=t(f"drafts.event.{e['action']}"), src=src,
                       dst=state_label(t, State(e["to_status"])), revision=e["revision"],
                       reason=reason))
    if comments:
        lines.append(t("drafts.show.comments"))
        lines += [t("drafts.show.comment", at=when(t, c["at"], tz), author=c["author_name"],
                    text=c["text"]) for c in comments]
    if draft.published_url:
        lines.append(t("drafts.show.link", url=draft.published_url))
    return "\n".join(lines)


# ---------------------------------------------------------------- /draft list and /plan


def list_line(t: Translator, tz: ZoneInfo, draft: Draft) -> str:
    f = draft.current.fields
    extras = [draft.author_name, f.network]
    if f.client:
        extras.append(f.client)
    if f.planned_at:
        extras.append(t("drafts.list.planned", when=when(t, f.planned_at, tz)))
    if draft.state is State.VOTING and draft.deadline_at:
        extras.append(t("drafts.list.deadline", when=when(t, draft.deadline_at, tz)))
    return t("drafts.list.line", id=draft.id, state=state_label(t, draft.state), title=f.title,
             extras=", ".join(extras))


def list_text(t: Translator, tz: ZoneInfo, drafts: Sequence[Draft], which: str) -> str:
    if not drafts:
        return t("drafts.list.empty", which=t(f"drafts.list.which.{which}")
                 if which in ("open", "all") else state_label(t, State(which)))
    head = t("drafts.list.head", count=len(drafts))
    return "\n".join([head, *(list_line(t, tz, d) for d in drafts)])


def settled_mark(draft: Draft) -> str:
    """How a plan marks a planned draft: ✔ approved (or out), … still in discussion."""
    return "✔" if draft.state in (State.APPROVED, State.SCHEDULED, State.PUBLISHED) else "…"


def plan_text(t: Translator, tz: ZoneInfo, drafts: Sequence[Draft], days: int) -> str:
    """The publication calendar: by day, then network, then time; each line says its client
    and status, so what is settled and what is still in discussion read apart."""
    if not drafts:
        return t("drafts.plan.empty", days=days)
    lines = [t("drafts.plan.head", days=days)]
    by_day: dict[str, dict[str, list[Draft]]] = {}
    for draft in sorted(drafts, key=lambda d: (d.current.fields.planned_at, d.id)):
        planned = draft.current.fields.planned_at
        assert planned is not None
        day = when(t, planned, tz).rsplit(" ", 1)[0]
        by_day.setdefault(day, {}).setdefault(draft.current.fields.network, []).append(draft)
    for day, networks in by_day.items():
        lines.append(day)
        for network in sorted(networks):
            lines.append(f"  {network}")
            for draft in networks[network]:
                f = draft.current.fields
                assert f.planned_at is not None
                mark = settled_mark(draft)
                lines.append(t("drafts.plan.line", mark=mark,
                               time=f"{f.planned_at.astimezone(tz):%H:%M}",
                               client=f.client or t("drafts.plan.no_client"), id=draft.id,
                               title=f.title, state=state_label(t, draft.state)))
    return "\n".join(lines)
