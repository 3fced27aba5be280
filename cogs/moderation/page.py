"""The review queue as a web page for moderators: the items a filter picks (open by
default, oldest first; closed ones newest first), each with its card — the same
buttons as in chat: claim, keep, remove with a reason, warn, escalate — and its
history."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.model import Content, Form, FormField, MarkedText, Page
from cogs.moderation.follow_up import card_key

if TYPE_CHECKING:
    from bot.host import Context
    from cogs.moderation import Moderation

STATUSES = ("open", "escalated", "kept", "removed", "warned", "all")
SHOWN = 30


async def queue_page(cog: Moderation, ctx: Context, query: dict[str, str]) -> Page:
    """`/p/queue?status=open&channel=general&author=léo`."""
    t, store = ctx.t, ctx.bot.store
    status = query.get("status") or "open"
    notes: list[Content] = []
    if status not in STATUSES:
        notes.append(t("mod.page.bad_status", value=status, statuses=", ".join(STATUSES)))
        status = "open"
    channel = (query.get("channel") or "").lstrip("#")
    author = (query.get("author") or "").strip()
    where, values = [], []
    if status == "open":
        where.append("status IN ('open', 'escalated')")
    elif status != "all":
        where.append("status = ?")
        values.append(status)
    if channel:
        where.append("channel_name = ?")
        values.append(channel)
    if author:
        where.append("instr(lower(author_name), lower(?)) > 0")
        values.append(author)
    order = "created_at, id" if status in ("open", "escalated") else "created_at DESC, id DESC"
    clause = f"WHERE {' AND '.join(where)}" if where else ""
    rows = await store.fetchall(f"SELECT id FROM review_items {clause} ORDER BY {order} "
                                f"LIMIT ?", (*values, SHOWN + 1))
    count = await store.fetchone(f"SELECT count(*) AS n FROM review_items {clause}", values)
    total = int(count["n"]) if count is not None else 0
    contents: list[Content | MarkedText] = [*notes, t("mod.page.count", count=total)]
    for row in rows[:SHOWN]:
        card = await cog.follow_up.render(card_key(row["id"]))
        if card is not None:
            contents.append(card)
            contents.append(MarkedText(t("mod.page.history", id=row["id"]),
                                       "\n".join(await cog.history_lines(row["id"]))))
    if total > SHOWN:
        contents.append(t("mod.page.more", count=total - SHOWN))
    channels = tuple(r["channel_name"] for r in await store.fetchall(
        "SELECT DISTINCT channel_name FROM review_items ORDER BY channel_name"))
    form = Form("mod:queue", t("mod.page.filter"), (
        FormField("status", t("mod.page.status"), choices=STATUSES, default="open"),
        FormField("channel", t("mod.page.channel"), choices=channels, required=False),
        FormField("author", t("mod.page.author"), required=False, max_length=100)),
        submit_label=t("mod.page.apply"))
    return Page(t("mod.page.title"), tuple(contents), form=form)


__all__ = ["queue_page"]
