"""The client's sign-off page: what a client opens from the link the team sends them.

No account: the link is signed by the web platform and names the draft and the
revision the client is asked about; it expires when the client's time to answer does
(the planned publication). The page shows the post as it will go out — its network,
its text, when — and two answers: "Approve", or "Request changes" with a comment.
The answer goes through the workflow like any other transition (`client_answer`), so
it is in the draft's history, on its card in chat, and the team is told.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.model import Form, FormField, GuestRoute, Page, PostPreview
from cogs.drafts.cards import when
from cogs.drafts.states import State
from cogs.drafts.workflow import Draft, Refused, client_answer, client_person, load
from cogs.drafts.workflow.values import render

if TYPE_CHECKING:
    from bot.host import Bot

ROUTE = "sign-off"
#: How each network shows a post: where its feed folds the text behind "see more"
#: (about: the networks move it) and how long a post may be.
LOOKS: dict[str, tuple[int | None, int | None]] = {
    "twitter": (None, 280),
    "linkedin": (210, 3000),
    "instagram": (125, 2200),
    "facebook": (480, 63206),
}


def subject_of(draft: Draft) -> str:
    return f"{draft.id}.{draft.revision}"


def link_for(bot: Bot, draft: Draft) -> str | None:
    """The client's link for the draft's current text, while it awaits them; None when
    the web pages are not served here."""
    if draft.state is not State.AWAITING_CLIENT or draft.client_due is None:
        return None
    return bot.guest_link(ROUTE, subject_of(draft), draft.client_due)


async def _asked(bot: Bot, subject: str) -> Draft | None:
    """The draft a link names, while it still awaits its client on that revision."""
    number, _, revision = subject.partition(".")
    if not (number.isdigit() and revision.isdigit()):
        return None
    draft = await load(bot.store, int(number))
    if draft is None or draft.state is not State.AWAITING_CLIENT \
            or draft.revision != int(revision) or draft.current.fields.client is None:
        return None
    return draft


def route(bot: Bot) -> GuestRoute:
    t = bot.t

    async def page(subject: str) -> Page | None:
        draft = await _asked(bot, subject)
        if draft is None:
            return None
        f = draft.current.fields
        facts: list[tuple[str, str]] = []
        if f.planned_at is not None:
            facts.append((t("drafts.sign_off.planned"), when(t, f.planned_at, bot.config.tz)))
        fold, limit = LOOKS.get(f.network, (None, None))
        preview = PostPreview(f.network, f.client or "", f.text, fold, limit, tuple(facts))
        answers = (t("drafts.sign_off.approve"), t("drafts.sign_off.changes"))
        form = Form(f"{ROUTE}:{subject}", t("drafts.sign_off.form"), (
            FormField("comment", t("drafts.sign_off.comment"), multiline=True, required=False,
                      max_length=2000, placeholder=t("drafts.sign_off.comment_hint")),
            FormField("answer", t("drafts.sign_off.form"), choices=answers)))
        return Page(t("drafts.sign_off.title", client=f.client, title=f.title),
                    (t("drafts.sign_off.intro", network=f.network), preview), form=form)

    async def answer(subject: str, values: dict[str, str]) -> dict[str, str] | str:
        draft = await _asked(bot, subject)
        if draft is None or draft.current.fields.client is None:
            return t("web.guest.gone")
        chosen = values.get("answer", "")
        if chosen not in (t("drafts.sign_off.approve"), t("drafts.sign_off.changes")):
            return {"answer": t("drafts.sign_off.choose")}
        approve = chosen == t("drafts.sign_off.approve")
        try:
            change = await client_answer(bot, client_person(draft.current.fields.client),
                                         draft.id, draft.revision, approve,
                                         values.get("comment"))
        except Refused as exc:
            if exc.text.key == "drafts.client.comment_needed":
                return {"comment": render(t, exc.text)}
            return render(t, exc.text)
        await bot.flush()
        return render(t, change.answer) if change.answer else ""

    return GuestRoute(ROUTE, page, answer)


__all__ = ["ROUTE", "link_for", "route", "subject_of"]
