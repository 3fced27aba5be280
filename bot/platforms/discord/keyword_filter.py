"""`/charter automod sync` on Discord: the keyword-filter capability.

The charter cog owns the command; it asks the platform for the `keyword_filter`
capability (`bot/platforms/capabilities.py`) and hands it the charters, the
channels they moderate and the exempt people. Planning what to create, update or
delete within AutoMod's limits is pure (`automod.py`); this mixin of
`DiscordPlatform` applies the plan and words the report.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import discord

from bot.model import identity_key
from bot.platforms.capabilities import KeywordFilterRequest
from bot.platforms.discord import automod

if TYPE_CHECKING:
    from bot.i18n import Translator
    from bot.model import Channel
    from bot.platforms.discord.client import GarantClient


class AutoModFilter:
    """The keyword-filter capability; expects the platform's client and lookups."""

    client: GarantClient | None

    def _guild(self) -> discord.Guild | None:
        raise NotImplementedError

    def channel_named(self, name: str) -> Channel | None:
        raise NotImplementedError

    async def missing_permission(self, what: str, where: str, **values: str) -> None:
        raise NotImplementedError

    async def sync_keyword_filter(self, request: KeywordFilterRequest) -> str:
        """Mirror the charters' blocking word rules into Discord AutoMod (the capability
        behind `/charter automod sync`); the report to show."""
        t = request.t
        guild = self._guild()
        if guild is None or self.client is None:
            return t("discord.automod.only_discord")
        problems: list[automod.Problem] = []
        role_ids, role_names = self._exempt_roles(guild, request.exempt, problems)
        try:
            existing = await self.client.http.get_auto_moderation_rules(guild.id)
        except discord.Forbidden:
            await self.missing_permission("manage_guild", "")
            return t("discord.automod.forbidden")
        queue = self.channel_named(request.alert_channel)
        server = automod.Server(
            channels={str(c.id): c.name for c in guild.channels
                      if not isinstance(c, discord.CategoryChannel)},
            coverage=self._coverage(guild, request), existing=tuple(existing),
            bot_id=str(self.client.user.id if self.client.user else ""),
            alert_channel_id=queue.id if queue else None,
            exempt_role_ids=tuple(role_ids), exempt_role_names=tuple(role_names))
        charters = [automod.charter_words(name, request.charter(name).rules)
                    for name in server.coverage]
        plan = automod.plan_automod(charters, server, t("discord.automod.blocked"))
        lines = await self._apply_automod(guild, plan, t)
        return _automod_report(t, lines, [*problems, *plan.problems])

    def _coverage(self, guild: discord.Guild,
                  request: KeywordFilterRequest) -> dict[str, frozenset[str]]:
        """Charter -> the ids of the channels it moderates, in garant.yaml's order."""
        order = list(request.order)
        coverage: dict[str, set[str]] = {}
        for channel in guild.channels:
            if isinstance(channel, discord.CategoryChannel):
                continue
            charter = request.charter_for(channel.name)
            if charter is not None:
                coverage.setdefault(charter, set()).add(str(channel.id))
        ordered = sorted(coverage, key=lambda n: order.index(n) if n in order else len(order))
        return {name: frozenset(coverage[name]) for name in ordered}

    def _exempt_roles(self, guild: discord.Guild, names: tuple[str, ...],
                      problems: list[automod.Problem]) -> tuple[list[str], list[str]]:
        """Discord roles for the people exempt from chat rules (garant.yaml's exempt, and
        moderators and the director unless `moderation.moderators_exempt` is false)."""
        ids: list[str] = []
        labels: list[str] = []
        for name in dict.fromkeys(names):
            key = identity_key(name)
            roles = [r for r in guild.roles if key in (str(r.id), identity_key(r.name))]
            for role in roles:
                if str(role.id) not in ids:
                    ids.append(str(role.id))
                    labels.append(role.name)
            if roles:
                continue
            person = any(key in (str(m.id), identity_key(m.name)) for m in guild.members)
            problems.append(automod.Problem("user_exempt" if person else "unknown_exempt",
                                            {"name": name}))
        return ids, labels

    async def _apply_automod(self, guild: discord.Guild, plan: automod.Plan,
                             t: Translator) -> list[str]:
        assert self.client is not None
        http = self.client.http
        lines = []
        reason = "Garant: /charter automod sync"
        for planned in [*plan.create, *plan.update]:
            values = {"name": planned.name, "keywords": planned.keywords,
                      "channels": planned.channels}
            try:
                if planned.rule_id is None:
                    await http.create_auto_moderation_rule(guild.id, reason=reason,
                                                           **planned.payload)
                    lines.append(t("discord.automod.created", **values))
                else:
                    await http.edit_auto_moderation_rule(guild.id, int(planned.rule_id),
                                                         reason=reason, **planned.payload)
                    lines.append(t("discord.automod.updated", **values))
            except discord.HTTPException as exc:
                lines.append(t("discord.automod.failed", name=planned.name,
                               error=exc.text or exc.status))
        for rule_id, name in plan.delete:
            try:
                await http.delete_auto_moderation_rule(guild.id, int(rule_id), reason=reason)
                lines.append(t("discord.automod.deleted", name=name))
            except discord.HTTPException as exc:
                lines.append(t("discord.automod.failed", name=name, error=exc.text or exc.status))
        return lines


def _automod_report(t: Translator, lines: list[str], problems: list[automod.Problem]) -> str:
    """The sync's answer: what was done, then everything not mirrored and why."""
    out = [f"**{t('discord.automod.title')}**"]
    out += [f"• {line}" for line in lines] or [t("discord.automod.nothing")]
    if problems:
        out.append(t("discord.automod.not_mirrored"))
        out += [f"• {t('discord.automod.problem.' + p.code, **p.values)}" for p in problems]
    out.append(t("discord.automod.evasion"))
    return "\n".join(out)
