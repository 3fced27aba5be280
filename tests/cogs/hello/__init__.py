"""`hello`: the smallest complete cog, kept outside `cogs/` to prove that a cog with
its own settings, table, button route and figures touches no file but its own.

Everything it owns is in this package: its settings (`HelloSettings`, read from
garant.yaml's `hello:` section), its table (`migrations/0001_greetings.sql`,
applied when the cog is loaded), its messages, its command and button, and its
figures for `/stats` and the weekly report.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, ClassVar

from bot.model import Button, Card, Command
from bot.settings import Section
from bot.stats import Figure, Period, StatsSection
from bot.store import format_utc

if TYPE_CHECKING:
    from bot.host import Bot, Context


@dataclass(frozen=True, slots=True)
class HelloSettings:
    """garant.yaml's `hello` section. greeting: what the bot says first."""

    SECTION: ClassVar[str] = "hello"
    greeting: str = "Bonjour"

    @classmethod
    def read(cls, section: Section) -> HelloSettings:
        return cls(greeting=section.text("greeting", cls.greeting))


SETTINGS = (HelloSettings,)

MESSAGES = {
    "hello.help": {"fr": "vous salue", "en": "greets you"},
    "hello.said": {"fr": "{greeting} {name} ! Salut n° {count}.",
                   "en": "{greeting} {name}! Greeting #{count}."},
    "hello.again": {"fr": "Encore", "en": "Again"},
    "hello.stats.title": {"fr": "Salutations", "en": "Greetings"},
    "hello.stats.count": {"fr": "Salutations — {count}", "en": "Greetings — {count}"},
}


def setup(bot: Bot) -> None:
    bot.add_messages(MESSAGES)
    settings = bot.settings(HelloSettings)

    async def greet(ctx: Context) -> None:
        async with ctx.bot.store.transaction() as tx:
            await tx.execute("INSERT INTO hello_greetings (user_key, at) VALUES (?, ?)",
                             (ctx.user.key, format_utc(ctx.now)))
            row = await tx.fetchrow("SELECT COUNT(*) AS n FROM hello_greetings "
                                    "WHERE user_key = ?", (ctx.user.key,))
        count = int(row["n"])
        await ctx.reply(Card(ctx.t("hello.said", greeting=settings.greeting,
                                   name=ctx.user.name, count=count),
                             buttons=(Button(ctx.t("hello.again"), f"hello:again:{count}"),)))

    async def again(ctx: Context, count: int) -> None:
        await greet(ctx)

    async def figures(period: Period) -> StatsSection:
        row = await bot.store.fetchrow(
            "SELECT COUNT(*) AS n FROM hello_greetings WHERE at >= ? AND at < ?",
            (format_utc(period.start), format_utc(period.end)))
        count = int(row["n"])
        return StatsSection((bot.t("hello.stats.count", count=count),),
                            (Figure("greetings", count),), count > 0)

    bot.add_command(Command(("hello",), "hello.help", greet, permission="member"))
    bot.on_action("hello:again:{count:int}", again, permission="member")
    bot.add_stats("hello", "hello.stats.title", figures, position=40)
