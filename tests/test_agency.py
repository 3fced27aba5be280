"""An agency's Garant, as deployed: two `garant run --tenants DIR` processes on one
PostgreSQL database, behind a load balancer (here: the test sends each request to
one instance or the other), serving two clients' Slack workspaces through the
agency's one Slack app and a third client's Discord server (each instance one
shard of the bot), each with its own charter.

Every guarantee of a single Garant holds across the two: each workspace's requests
reach its own team whichever instance receives them (an installation made through
one instance is served by the other), a request Slack delivers to both is handled
once, each team's rows stay in its own schema, and when one instance is killed the
other serves every workspace on its own."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import asyncpg
import pytest

from tests.discord.conftest import MODERATION_ROLE, TOKEN, coop_server
from tests.discord.fake import GUILD_ID, FakeDiscord
from tests.postgres import Cluster, _free_port
from tests.slack.fake_slack import BOT_TOKEN, CLIENT_ID, CLIENT_SECRET, TEAM, FakeSlack
from tests.slack.harness import MODERATION, SECRET, workspace
from tests.slack.test_oauth import install
from tests.slack.test_tenants import CONFIG as SLACK_TEAM
from tests.slack.test_tenants import FRUITS, say
from tests.waiting import eventually

pytestmark = pytest.mark.engines  # PostgreSQL itself, whatever GARANT_TEST_DATABASE says

ACME = "T0ACME"


DISCORD_TEAM = f"""\
language: fr
timezone: Europe/Paris
roles:
  members: ["Membres"]
  moderators: ["<@&{MODERATION_ROLE}>"]
  director: [camille]
charters_dir: charters
channels:
  moderated:
    general: cerises
  review_queue: moderation
moderation:
  quiet_hours: null
discord:
  guild_id: {GUILD_ID}
"""

#: The Discord client's charter: cherries, not bananas.
CHERRIES = FRUITS.replace("fruits", "cerises").replace("banane", "cerise")


def agency(root: Path, slack: FakeSlack, discord: FakeDiscord) -> None:
    """Three clients: the co-op and Acme on the agency's Slack app (no token of their own),
    Dupont on its Discord server (its bot token in its .env)."""
    for name, charter in (("e2e_coop", "coop-fr"), ("e2e_acme", "fruits"),
                          ("e2e_dupont", None)):
        folder = root / name
        (folder / "charters").mkdir(parents=True)
        (folder / "charters" / "fruits.yaml").write_text(FRUITS, encoding="utf-8")
        (folder / "charters" / "cerises.yaml").write_text(CHERRIES, encoding="utf-8")
        config = SLACK_TEAM.format(charter=charter) if charter else DISCORD_TEAM
        (folder / "garant.yaml").write_text(config, encoding="utf-8")
    (root / "e2e_dupont" / ".env").write_text(
        f"DISCORD_TOKEN={TOKEN}\nGARANT_DISCORD_API_BASE={discord.api_base}\n",
        encoding="utf-8")
    (root / ".env").write_text(f"SLACK_CLIENT_ID={CLIENT_ID}\nSLACK_CLIENT_SECRET="
                               f"{CLIENT_SECRET}\nSLACK_SIGNING_SECRET={SECRET}\n",
                               encoding="utf-8")


class Instance:
    """One `garant run --tenants` process; its log in a file."""

    def __init__(self, root: Path, url: str, shard: str, log: Path, slack: FakeSlack) -> None:
        self.port = _free_port()
        self.log = log
        env = {k: v for k, v in os.environ.items() if "proxy" not in k.lower()}
        env.update(GARANT_SLACK_API_BASE=slack.api_base, GARANT_SLACK_HOST="127.0.0.1",
                   GARANT_SLACK_DM_INTERVAL="0", GARANT_LOOP="asyncio")
        with log.open("w", encoding="utf-8") as out:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "bot", "run", "--tenants", str(root), "--db", url,
                 "--port", str(self.port), "--shard", shard, "--log-level", "info"],
                stdout=out, stderr=subprocess.STDOUT, env=env, cwd=root)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    async def ready(self, *lines: str, timeout: float = 90.0) -> None:
        def up() -> bool:
            if self.process.poll() is not None:
                raise AssertionError(f"garant stopped:\n{self.output()}")
            return all(line in self.output() for line in lines)

        try:
            await eventually(up, timeout)
        except AssertionError:
            raise AssertionError(f"not ready:\n{self.output()}") from None

    def kill(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
        self.process.wait(10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(20)
            except subprocess.TimeoutExpired:
                self.kill()


@pytest.fixture
async def fakes() -> AsyncIterator[tuple[FakeSlack, FakeDiscord]]:
    slack = await workspace(FakeSlack()).start()
    slack.tokens.discard(BOT_TOKEN)  # the agency's app has no token before installations
    discord = coop_server()
    await discord.start()
    try:
        yield slack, discord
    finally:
        await slack.stop()
        await discord.close()


@pytest.fixture
def schemas(postgres: Cluster) -> Iterator[str]:
    """The agency's database; its tenants' schemas dropped after the test."""
    yield postgres.url
    for name in ("e2e_coop", "e2e_acme", "e2e_dupont"):
        postgres.drop(f"{postgres.url}?search_path={name}")


async def test_two_instances_serve_two_workspaces_and_a_discord_server(
        tmp_path: Path, fakes: tuple[FakeSlack, FakeDiscord], schemas: str,
        postgres: Cluster) -> None:
    slack, discord = fakes
    root = tmp_path / "agence"
    agency(root, slack, discord)
    one = Instance(root, schemas, "0/2", tmp_path / "one.log", slack)
    two = None
    try:
        # The first instance creates the schemas; the second starts once they exist.
        await one.ready("Slack: listening on")
        two = Instance(root, schemas, "1/2", tmp_path / "two.log", slack)
        await two.ready("Slack: listening on", "Discord: connected to the server")
        await one.ready("is on shard 1 of 2")  # the Discord server is the other's shard
        # The Discord client has its own token: it is not on the agency's Slack app.
        assert "e2e_dupont is not installed" not in one.output()
        assert "e2e_acme is not installed" in one.output()

        # Each client installs the app; the page from one instance, the redirect to the
        # other (the state is in the database, not in an instance's memory).
        slack.redirect_uri = f"http://127.0.0.1:{two.port}/slack/oauth_redirect"
        status, page = await install(one.port, slack, TEAM, "Coop", "e2e_coop")
        assert status == 200, page
        slack.redirect_uri = f"http://127.0.0.1:{one.port}/slack/oauth_redirect"
        status, page = await install(two.port, slack, ACME, "Acme", "e2e_acme")
        assert status == 200, page
        coop_token, acme_token = slack.token_of(TEAM), slack.token_of(ACME)

        # Each workspace's messages, through either instance, judged by its own charter.
        await say(one.port, "Une banane au goûter", 1, TEAM)
        await say(one.port, "Rejoins discord.gg/promo-gratuite", 2, ACME)
        await say(two.port, "Rejoins discord.gg/promo-gratuite", 3, TEAM)
        await say(two.port, "Une banane au goûter", 4, ACME)
        # Slack delivers one event to both instances (a retry through the balancer).
        await asyncio.gather(say(one.port, "Encore une banane", 5, ACME),
                             say(two.port, "Encore une banane", 5, ACME))
        await slack.wait_for("chat.postMessage", 3, channel=MODERATION, timeout=20)
        cards = {(c.token, c.text().splitlines()[1]) for c in slack.called(
            "chat.postMessage", channel=MODERATION)}
        assert cards == {(coop_token, "Rejoins discord.gg/promo-gratuite"),
                         (acme_token, "Une banane au goûter"),
                         (acme_token, "Encore une banane")}, cards

        # The Discord client's server, served by the instance of its shard.
        queue = discord.channel_id("moderation")
        mark = discord.mark()
        await discord.user_says("sofia", "general", "Une cerise et une banane")
        posted = await discord.wait_request("POST", f"/channels/{queue}/messages", mark,
                                            timeout=20)
        assert "cerise" in json.dumps(posted.body, ensure_ascii=False)

        # Each team's rows in its own schema, once each.
        rows = {name: await postgres_rows(postgres, name) for name in
                ("e2e_coop", "e2e_acme", "e2e_dupont")}
        assert rows == {"e2e_coop": ["Rejoins discord.gg/promo-gratuite"],
                        "e2e_acme": ["Encore une banane", "Une banane au goûter"],
                        "e2e_dupont": ["Une cerise et une banane"]}, rows

        # One instance killed: the other serves both workspaces alone.
        one.kill()
        await say(two.port, "Viens sur discord.gg/autre-promo", 6, TEAM)
        await say(two.port, "Une banane flambée", 7, ACME)
        await slack.wait_for("chat.postMessage", 5, channel=MODERATION, timeout=20)
        assert (await postgres_rows(postgres, "e2e_acme"))[-1] == "Une banane flambée"
    finally:
        one.stop()
        if two is not None:
            two.stop()
    assert "Traceback" not in one.output() + (two.output() if two else ""), \
        one.output() + (two.output() if two else "")


async def postgres_rows(postgres: Cluster, schema: str) -> list[str]:
    """The texts of a team's review items, in its schema."""
    connection = await asyncpg.connect(postgres.url)
    try:
        rows = await connection.fetch(f"SELECT text FROM {schema}.review_items ORDER BY text")
    finally:
        await connection.close()
    return [row["text"] for row in rows]
