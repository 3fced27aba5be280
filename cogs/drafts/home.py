"""The drafts cog's part of a person's home view (Slack's App Home).

"Drafts waiting for your vote": the drafts in `voting` whose electorate holds the
person and on which they have no current ballot, and, for the publication
director, the drafts awaiting their final decision. Each is a short card carrying
the same buttons as its card in the drafts channel (same action ids, revision
included), so a click on the home view is the click on the card: the same
handler, the same checks, a stale revision refused the same way. Nothing is shown
when nothing waits for the person.
"""

from __future__ import annotations

from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from bot.i18n import Translator
from bot.model import Card, Content
from cogs.drafts import cards, workflow
from cogs.drafts.states import State
from cogs.drafts.workflow import Draft

if TYPE_CHECKING:
    from bot.host import Context

#: Cards shown per list at most (the rest are counted, and `/draft list` shows them).
MAX_SHOWN = 10
#: Characters of the draft's text shown on the short card.
EXCERPT = 280


def excerpt(text: str, limit: int = EXCERPT) -> str:
    text = text.strip()
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def home_card(t: Translator, tz: ZoneInfo, draft: Draft) -> Card:
    """A short card: title, author, network, deadline (or planned time), and the buttons
    of the drafts-channel card. Not keyed: it is never edited, the view is rebuilt."""
    f = draft.current.fields
    fields: list[tuple[str, str]] = [(t("drafts.field.author"), draft.author_name),
                                     (t("drafts.field.network"), f.network)]
    if f.client:
        fields.append((t("drafts.field.client"), f.client))
    if f.planned_at:
        fields.append((t("drafts.field.planned"), cards.when(t, f.planned_at, tz)))
    if draft.state is State.VOTING and draft.deadline_at:
        fields.append((t("drafts.field.deadline"), cards.when(t, draft.deadline_at, tz)))
    if draft.vetoed:
        fields.append((t("drafts.field.veto"), draft.veto_reason or ""))
    return Card(t("drafts.card.title", id=draft.id, title=f.title), excerpt(f.text),
                tuple(fields), cards.draft_buttons(t, draft),
                footer=t("drafts.card.footer", id=draft.id))


def _listed(t: Translator, tz: ZoneInfo, head: str, drafts: list[Draft],
            state: State) -> list[Content]:
    if not drafts:
        return []
    shown: list[Content] = [t(head, count=len(drafts))]
    shown += [home_card(t, tz, d) for d in drafts[:MAX_SHOWN]]
    if len(drafts) > MAX_SHOWN:
        shown.append(t("drafts.home.more", count=len(drafts) - MAX_SHOWN, state=state.value))
    return shown


async def waiting_for_you(ctx: Context) -> list[Content]:
    """The home section: what `ctx.user` has to vote on or decide, [] when nothing."""
    bot, t, tz = ctx.bot, ctx.t, ctx.bot.config.tz
    contents: list[Content] = []
    if ctx.can("member"):  # a former member still in an electorate may not vote any more
        votes = await workflow.waiting_for_vote(bot.store, ctx.user.key)
        contents += _listed(t, tz, "drafts.home.votes", votes, State.VOTING)
    if ctx.can("director"):
        # The director decides on the drafts of their platform, as the notices go (on
        # the web: the platform of the identity they signed in with).
        finals = [d for d in await workflow.drafts_in(bot.store, {State.AWAITING_FINAL})
                  if d.platform == ctx.user.platform]
        finals.sort(key=lambda d: d.id)
        contents += _listed(t, tz, "drafts.home.final", finals, State.AWAITING_FINAL)
    return contents
