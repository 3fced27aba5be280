"""Slack and Discord in one process, sharing one store: a review card posted on both,
and a decision taken on Slack edits the Discord copy too."""

from __future__ import annotations

import asyncio
import io

import aiohttp
import pytest

from bot.clock import ManualClock
from bot.run import RunOptions, build, serve
from tests.discord.conftest import MODERATION_ROLE, MONDAY_10, TOKEN
from tests.discord.fake import GUILD_ID, FakeDiscord
from tests.slack.fake_slack import FakeSlack
from tests.slack.harness import MALIK, MODERATION, SlackBot, workspace

CONFIG = f"""\
language: fr
timezone: Europe/Paris
default_charter: base
roles:
  members: [USOFIA, UMALIK, UCAMILLE, ULEA, UYANN, "Membres"]
  moderators: ["@moderateurs", "<@&{MODERATION_ROLE}>"]
  director: [UCAMILLE, camille]
channels:
  moderated:
    general: coop-fr
  review_queue: moderation
  drafts: drafts
  routine: routine
moderation:
  quiet_hours: null
discord:
  guild_id: {GUILD_ID}
"""


class BothPlatforms(SlackBot):
    """The Slack test harness, starting Discord beside Slack in the same process."""

    def __init__(self, slack: FakeSlack, discord: FakeDiscord, tmp_path) -> None:
        super().__init__(slack, tmp_path, config=CONFIG, clock=ManualClock(MONDAY_10))
        self.env.update({"DISCORD_TOKEN": TOKEN, "GARANT_DISCORD_API_BASE": discord.api_base})

    async def start(self) -> BothPlatforms:
        ready = asyncio.Event()
        options = RunOptions(config=self.config_path, database=self.database, clock=self.clock,
                             port=0, platforms=("discord", "slack"),
                             on_ready=lambda bot: ready.set())
        self.runtime = await build(options, io.StringIO(), self.output, self.env)
        discord = self.runtime.bot.platforms["discord"]
        discord.dms.min_interval = 0.0
        discord.dms.per_minute = 0
        self.task = asyncio.create_task(serve(self.runtime, options))
        await asyncio.wait_for(ready.wait(), 15)
        self.port = await self.platform.wait_listening()
        self._session = aiohttp.ClientSession()
        return self


@pytest.fixture(autouse=True)
def _offline(monkeypatch, tmp_path):
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy", "ALL_PROXY",
                 "all_proxy"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.chdir(tmp_path)


async def test_one_store_two_platforms(tmp_path):
    slack = await workspace(FakeSlack()).start()
    discord = FakeDiscord()
    discord.add_role(None, "Membres")
    discord.add_role(MODERATION_ROLE, "Modération")
    for channel in ("general", "moderation", "drafts", "routine"):
        discord.add_channel(channel)
    discord.add_member("malik", ("Membres", "Modération"))
    discord.add_member("sofia", ("Membres",))
    await discord.start()
    try:
        async with BothPlatforms(slack, discord, tmp_path) as both:
            assert set(both.bot.platforms) == {"discord", "slack"}
            mark = discord.mark()
            await discord.user_says("sofia", "general", "Rejoins discord.gg/promo-gratuite")
            moderation = discord.channel_id("moderation")
            posted = await discord.wait_request("POST", f"/channels/{moderation}/messages", mark)
            (slack_card,) = await slack.wait_for("chat.postMessage", channel=MODERATION)
            assert "Signalement n° 1" in str(posted.body) and "Signalement n° 1" in \
                str(slack_card.args)
            # Malik decides on Slack: the Discord copy of the card is edited as well.
            await both.click("review:keep:1", MALIK, MODERATION, slack_card.response["ts"])
            await slack.wait_for("chat.update", channel=MODERATION)
            edited = await discord.wait_request(
                "PATCH", rf"/channels/{moderation}/messages/[0-9]+", mark)
            assert "conservé" in str(edited.body)
            (row,) = await both.rows("SELECT platform, status FROM review_items")
            assert row == {"platform": "discord", "status": "kept"}
    finally:
        await discord.close()
        await slack.stop()
