"""Exceptions from the review queue: a false positive becomes a line of the charter.

On an item a charter rule raised, a moderator presses "Exception" (or types
`/exception ITEM`): the matched word may pass in a phrase ("pain bâtard"), added to
the rule's `except` (a spelling rule's `words`), or the rule may leave the item's
channel alone (`except_channels`). Garant writes it into the charter file with a
comment saying who, when and why (`bot/charter/edit.py`), checks the charter still
loads with its examples, keeps the previous file under `history/`, reloads the
charters, records the event on the item and in the audit log, and tells the review
channel, since the charter is everyone's.

Only a charter of the co-op's own directory (`charters_dir`) is written; Garant's
bundled charters are copied there first. One exception is written at a time.
"""

from __future__ import annotations

import asyncio
from typing import TYPE_CHECKING

from bot.charter.edit import CHANNELS_KEY, PHRASE_KEYS, EditError
from bot.model import Channel, ChannelRef, Form, FormField, FormInvalid
from cogs.moderation.queue import Flag, Item, record_event

if TYPE_CHECKING:
    from bot.charter import Charter
    from bot.charter.engine import Rule
    from bot.host import Bot, Context
    from cogs.moderation.queue import ReviewQueue

MAX_PHRASE = 100
MAX_WHY = 300


class Exemptions:
    """The "Exception" button and form, and `/exception ITEM`."""

    def __init__(self, bot: Bot, queue: ReviewQueue) -> None:
        self.bot = bot
        self.queue = queue
        self._writing = asyncio.Lock()

    def form_id(self, item_id: int) -> str:
        return f"review:exception:{item_id}"

    async def open_form(self, ctx: Context, item_id: int) -> None:
        found = await self.target(ctx, item_id)
        if found is None:
            return
        item, charter, flags = found
        t = ctx.t
        rules = list(dict.fromkeys(f.rule for f in flags if f.rule))
        first = charter.rule(rules[0])
        phrase_first = first is not None and first.kind in PHRASE_KEYS
        scopes = (t("mod.exception.scope.phrase"), t("mod.exception.scope.channel"))
        await ctx.open_form(Form(self.form_id(item.id), t("mod.exception.form", id=item.id), (
            FormField("rule", t("mod.exception.rule"), choices=tuple(rules), default=rules[0]),
            FormField("scope", t("mod.exception.scope", channel=item.channel_name),
                      choices=scopes, default=scopes[0 if phrase_first else 1]),
            FormField("phrase", t("mod.exception.phrase"), required=False,
                      max_length=MAX_PHRASE, default=flags[0].matched[:MAX_PHRASE],
                      placeholder=t("mod.exception.phrase.placeholder")),
            FormField("why", t("mod.exception.why"), max_length=MAX_WHY,
                      placeholder=t("mod.exception.why.placeholder")),
        )))

    async def target(self, ctx: Context, item_id: int
                     ) -> tuple[Item, Charter, list[Flag]] | None:
        """The item, its channel's charter and the charter's flags on it, or None after
        saying why no exception can be made there."""
        item = await self.queue.get(item_id)
        if item is None:
            await ctx.private(ctx.t("mod.gone", id=item_id))
            return None
        flags = [f for f in await self.queue.flags(item.id) if f.source == "charter" and f.rule]
        name = self.bot.charter_name_for(Channel(item.platform, item.channel_id,
                                                 item.channel_name))
        if not flags or name is None:
            await ctx.private(ctx.t("mod.exception.no_rule", id=item.id))
            return None
        charter = self.bot.charters.get(name)
        own = self.bot.config.charters_dir
        if charter.path is None or own is None or not charter.path.resolve().is_relative_to(
                own.resolve()):
            await ctx.private(ctx.t("mod.exception.bundled", charter=name,
                                    path=charter.path or name))
            return None
        return item, charter, flags

    async def on_form(self, ctx: Context, values: dict[str, str], item_id: int) -> None:
        found = await self.target(ctx, item_id)
        if found is None:
            return
        item, charter, flags = found
        t = ctx.t
        rule = charter.rule(values.get("rule", "").strip())
        if rule is None or rule.id not in {f.rule for f in flags}:
            raise FormInvalid({"rule": t("mod.exception.rule.unknown",
                                         known=", ".join(sorted({f.rule or "" for f in flags})))},
                              values)
        by_channel = values.get("scope", "").strip() == t("mod.exception.scope.channel")
        matched = next(f.matched for f in flags if f.rule == rule.id)
        if by_channel:
            key, value = CHANNELS_KEY, item.channel_name
        else:
            key, value = self.phrase_key(ctx, rule, matched, values)
        why = " ".join(values.get("why", "").split())
        if not why:
            raise FormInvalid({"why": t("mod.exception.why.needed")}, values)
        who = ctx.user
        note = t("mod.exception.note", name=who.name, day=ctx.now.astimezone(
            self.bot.config.tz).strftime("%d/%m/%Y"), id=item.id, why=why)
        async with self._writing:
            try:
                written = await asyncio.to_thread(
                    self.bot.charters.write_exemption, charter.name, rule.id, key, value, note,
                    self.bot.config.charters_dir, ctx.now.astimezone(self.bot.config.tz))
            except EditError as exc:
                await ctx.private(t("mod.exception.failed", error=exc.text(t.language)))
                return
            _, errors = self.bot.charters.reload()
        reloaded = self.bot.charters.get(charter.name)
        passes = self.passes_now(reloaded, rule.id, item)
        what = t("mod.exception.what.channel", channel=value) if by_channel \
            else t("mod.exception.what.phrase", phrase=value)
        async with self.bot.store.transaction() as tx:
            await record_event(tx, item.id, ctx.now, (who.key, who.name), "exception",
                               f"{rule.id} : {what} — {why}")
            await tx.audit(who.key, "charter.exception", f"charter:{charter.name}", why,
                           rule=rule.id, key=key, value=value, item=item.id,
                           file=str(written.path), previous=str(written.previous))
            await self.bot.send(ChannelRef.named(self.bot.config.channels.review_queue),
                                t("mod.exception.told", name=who.name, rule=rule.id,
                                  charter=charter.name, what=what, why=why), tx=tx)
        lines = [t("mod.exception.done", rule=rule.id, charter=charter.name, what=what,
                   path=written.path, previous=written.previous),
                 t("mod.exception.passes" if passes else "mod.exception.still", id=item.id)]
        lines += [t("mod.exception.other_failed", error=e.text(t.language)) for e in errors]
        await ctx.private("\n".join(lines))

    def phrase_key(self, ctx: Context, rule: Rule, matched: str,
                   values: dict[str, str]) -> tuple[str, str]:
        """Where a phrase exception goes for this rule, and the phrase; a form error when
        the rule takes none, or the phrase does not hold the word it must let pass."""
        t = ctx.t
        if rule.kind not in PHRASE_KEYS:
            raise FormInvalid({"scope": t("mod.exception.channel_only", rule=rule.id,
                                          kind=rule.kind)}, values)
        phrase = " ".join(values.get("phrase", "").split()) or matched.strip()
        if matched.strip().casefold() not in phrase.casefold():
            raise FormInvalid({"phrase": t("mod.exception.phrase.must_hold",
                                           matched=matched.strip())}, values)
        if rule.kind == "spelling" and " " in phrase:
            raise FormInvalid({"phrase": t("mod.exception.phrase.one_word")}, values)
        return PHRASE_KEYS[rule.kind], phrase

    def passes_now(self, charter: Charter, rule_id: str, item: Item) -> bool:
        """Whether the item's message would no longer be reported by that rule."""
        if rule_id in charter.rules_off_in(item.channel_name):
            return True
        return all(f.rule != rule_id for f in charter.check(item.text, "chat"))


__all__ = ["Exemptions"]
