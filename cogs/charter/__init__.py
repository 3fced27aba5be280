"""The `charter` cog: check a text, show and list charters, reload them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from bot.charter import NETWORKS
from bot.model import Command, Option, PageRoute
from bot.platforms.capabilities import KeywordFilter, KeywordFilterRequest
from cogs.charter.messages import MESSAGES
from cogs.charter.page import charter_page
from cogs.charter.render import findings_text, rules_text
from cogs.drafts.settings import DraftSettings
from cogs.moderation.settings import ModerationSettings

if TYPE_CHECKING:
    from bot.host import Bot, Context


def setup(bot: Bot) -> None:
    bot.add_messages(MESSAGES)
    bot.add_command(Command(("charter", "check"), "charter.check.help", check,
                            (Option("text", "rest"),)))
    bot.add_command(Command(("charter", "draft"), "charter.draft.help", check_draft,
                            (Option("network", choices=tuple(NETWORKS)),
                             Option("text", "rest"))))
    bot.add_command(Command(("charter", "show"), "charter.show.help", show,
                            (Option("name", required=False),)))
    bot.add_command(Command(("charter", "list"), "charter.list.help", list_charters))
    bot.add_command(Command(("charter", "reload"), "charter.reload.help", reload,
                            permission="moderator"))
    bot.add_page(PageRoute("charter", "charter.page.page", charter_page))
    bot.add_command(Command(("charter", "automod", "sync"), "charter.automod.help",
                            sync_keyword_filter, permission="moderator",
                            capability=KeywordFilter.NAME))


async def check(ctx: Context, text: str) -> None:
    charter = ctx.bot.charter_for(ctx.channel)
    off = charter.rules_off_in(ctx.channel.name)  # as the channel's messages are checked
    findings = [f for f in charter.check(text, "chat") if f.rule not in off]
    await ctx.private(findings_text(ctx.t, charter, findings))


async def check_draft(ctx: Context, network: str, text: str) -> None:
    """Check a text as `/draft new` will: with the drafts' charter, whatever the channel
    (a channel's chat charter here would give a false all-clear)."""
    bot = ctx.bot
    charter = bot.charters.get(
        bot.settings(DraftSettings).charter_for(None, bot.config.default_charter))
    findings = charter.check(text, "draft", network)
    await ctx.private(findings_text(ctx.t, charter, findings, network))


async def show(ctx: Context, name: str | None) -> None:
    from bot.located.yamlsrc import SourceError

    try:
        charter = ctx.bot.charters.get(name) if name else ctx.bot.charter_for(ctx.channel)
    except SourceError as exc:
        await ctx.private(ctx.t("charter.invalid", error=exc.text(ctx.t.language)))
        return
    await ctx.private(rules_text(ctx.t, charter))


async def list_charters(ctx: Context) -> None:
    config = ctx.bot.config
    lines = [ctx.t("charter.list.title")]
    for name in ctx.bot.charters.names():
        channels = [c for c, n in config.channels.moderated.items() if n == name]
        where = ctx.t("charter.list.channels", channels=", ".join("#" + c for c in channels)) \
            if channels else ""
        default = ctx.t("charter.list.default") if name == config.default_charter else ""
        lines.append(f"  • {name}{default}{where}")
    await ctx.private("\n".join(lines))


async def reload(ctx: Context) -> None:
    reloaded, errors = ctx.bot.charters.reload()
    async with ctx.bot.store.transaction() as tx:
        await tx.audit(ctx.user.key, "charter.reload", "charters",
                       reloaded=reloaded, errors=[str(error) for error in errors])
    lines = [ctx.t("charter.reload.done", names=", ".join(reloaded) or "—")]
    lines += [ctx.t("charter.reload.kept", error=error.text(ctx.t.language))
              for error in errors]
    await ctx.private("\n".join(lines))


async def sync_keyword_filter(ctx: Context) -> None:
    """`/charter automod sync`: mirror the charters' blocking words into the platform's
    own keyword filter (Discord AutoMod), where the platform has one."""
    keyword_filter: KeywordFilter | None = ctx.bot.capability(ctx.platform, KeywordFilter.NAME)
    if keyword_filter is None:
        await ctx.private(ctx.t("charter.automod.unavailable"))
        return
    config = ctx.bot.config
    roles = config.roles
    exempt = list(roles.exempt)
    if ctx.bot.settings(ModerationSettings).moderators_exempt:
        exempt += [*roles.moderators, *roles.director]
    request = KeywordFilterRequest(
        charter_for=config.channels.charter_for, charter=ctx.bot.charters.get,
        order=tuple(dict.fromkeys(config.channels.moderated.values())),
        exempt=tuple(dict.fromkeys(exempt)), alert_channel=config.channels.review_queue,
        t=ctx.t)
    await ctx.private(await keyword_filter.sync_keyword_filter(request))
