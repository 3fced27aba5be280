"""A Slack app installed through OAuth: an admin opens /slack/install, approves on Slack,
is sent back to /slack/oauth_redirect, and Garant serves the workspace with the token
Slack granted, kept in its database (it survives a restart); a replayed or foreign
redirect installs nothing, and an uninstalled app forgets its token."""

from __future__ import annotations

import asyncio
import io
import re
from html import unescape
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import aiohttp
import pytest

from bot.clock import ManualClock
from bot.platforms.slack.oauth import BOT_SCOPES
from bot.run import RunError, RunOptions
from bot.tenants import agency_app, build_all, environment, find, serve_all
from bot.typography import plain
from tests.slack.fake_slack import BOT_TOKEN, CLIENT_ID, CLIENT_SECRET, TEAM, FakeSlack
from tests.slack.harness import MALIK, MODERATION, MONDAY_10, SECRET, SOFIA, SlackBot, sign
from tests.slack.test_manifest import manifest
from tests.slack.test_tenants import say, tenant
from tests.waiting import eventually


def link_in(page: str) -> str:
    found = re.search(r'<a class="button" href="([^"]+)"', page)
    assert found, page
    return unescape(found.group(1))


async def install(port: int, fake: FakeSlack, team: str, name: str, tenant: str = "",
                  session: aiohttp.ClientSession | None = None) -> tuple[int, str]:
    """An admin of `team` installs the app from Garant's page: (status, final page)."""
    own = session is None
    session = session or aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))
    try:
        query = f"?tenant={tenant}" if tenant else ""
        async with session.get(f"http://127.0.0.1:{port}/slack/install{query}") as response:
            assert response.status == 200
            authorize = link_in(await response.text())
        fake.approve_as(team, name)
        async with session.get(authorize) as response:  # Slack's page, then back to Garant
            return response.status, await response.text()
    finally:
        if own:
            await session.close()


@pytest.fixture
def oauth_fake(fake: FakeSlack) -> FakeSlack:
    fake.tokens.discard(BOT_TOKEN)  # the app has no token until it is installed
    return fake


async def test_an_admin_installs_the_app_and_garant_serves_the_workspace(
        oauth_fake: FakeSlack, tmp_path: Path) -> None:
    fake = oauth_fake
    async with SlackBot(fake, tmp_path, oauth=True) as garant:
        assert garant.platform.installation is None
        fake.redirect_uri = f"http://127.0.0.1:{garant.port}/slack/oauth_redirect"
        # Before the installation, the workspace's events reach nobody (and are acked).
        await garant.say("Rejoins discord.gg/promo-gratuite", event_id="Ev-before")
        async with aiohttp.ClientSession() as session, session.get(
                f"http://127.0.0.1:{garant.port}/slack/install") as response:
            page = await response.text()
        assert "Ajouter à Slack" in page and 'lang="fr"' in page
        authorize = link_in(page)
        asked = parse_qs(urlsplit(authorize).query)
        assert set(asked["scope"][0].split(",")) == set(BOT_SCOPES)

        status, page = await install(garant.port, fake, TEAM, "Coop")
        assert status == 200, page
        assert "Garant est installé dans l'espace de travail Slack « Coop »" in plain(page)
        token = fake.token_of(TEAM)
        rows = await garant.rows("SELECT team_id, bot_token, installed_by FROM "
                                 "slack_installation")
        assert rows == [{"team_id": TEAM, "bot_token": token, "installed_by": "UADMIN"}]
        await garant.say("Rejoins discord.gg/promo-gratuite")
        (card,) = await fake.wait_for("chat.postMessage", channel=MODERATION)
        assert card.token == token and "discord.gg" in card.text()
        # A click and a command from the workspace go through the same door.
        status, _ = await garant.click("review:keep:1", MALIK, MODERATION, card.response["ts"])
        assert status == 200
        (update,) = await fake.wait_for("chat.update", channel=MODERATION)
        assert update.token == token and "conservé par Malik" in update.text()
        status, _ = await garant.command("help")
        assert status == 200
        await fake.wait_for("chat.postEphemeral", user=SOFIA)

    # Restarted on the same database: the installation is still there, nothing to redo.
    async with SlackBot(fake, tmp_path, oauth=True) as garant:
        assert garant.platform.installation is not None
        assert garant.platform.installation.team_id == TEAM
        await garant.say("Encore discord.gg/promo-gratuite")
        cards = await fake.wait_for("chat.postMessage", 2, channel=MODERATION)
        assert cards[-1].token == token

        # Slack says the app was uninstalled: the token is forgotten, events are dropped.
        status, _ = await garant.event({"type": "app_uninstalled"})
        assert status == 200  # acknowledged first, then handled
        await eventually(lambda: garant.platform.installation is None)
        assert await garant.rows("SELECT team_id FROM slack_installation") == []


async def test_a_replayed_refused_or_foreign_redirect_installs_nothing(
        oauth_fake: FakeSlack, tmp_path: Path) -> None:
    fake = oauth_fake
    async with SlackBot(fake, tmp_path, oauth=True) as garant:
        base = f"http://127.0.0.1:{garant.port}"
        fake.redirect_uri = f"{base}/slack/oauth_redirect"
        jar = aiohttp.CookieJar(unsafe=True)
        async with aiohttp.ClientSession(cookie_jar=jar) as admin:
            async with admin.get(f"{base}/slack/install") as response:
                authorize = link_in(await response.text())
            # The admin refuses on Slack's page.
            async with admin.get(authorize) as response:
                assert response.status == 400
                assert "(access_denied)" in await response.text()
            # The link again: its state was taken; a fresh page gives a fresh one.
            fake.approve_as(TEAM, "Coop")
            async with admin.get(authorize) as response:
                assert response.status == 400 and "expiré" in await response.text()
            async with admin.get(f"{base}/slack/install") as response:
                authorize = link_in(await response.text())
            # Someone else's browser (no cookie) with the admin's link installs nothing.
            async with aiohttp.ClientSession() as stranger, stranger.get(authorize) as response:
                assert response.status == 400
        assert await garant.rows("SELECT * FROM slack_installation") == []
        assert not fake.called("oauth.v2.access")

        status, page = await install(garant.port, fake, TEAM, "Coop")
        assert status == 200
        # The endpoint checks every request's signature (bolt does not again behind it).
        body = garant.event_body({"type": "message", "channel": "CGENERAL", "user": "USOFIA",
                                  "text": "discord.gg/x", "ts": "1.1", "event_ts": "1.1"})
        status, _ = await garant.post(body, "application/json", sign(body, "not-the-secret"))
        assert status == 401
        # Another workspace while this one is installed: refused, the first one kept.
        status, page = await install(garant.port, fake, "T0OTHER", "Autre")
        assert status == 409 and "« Coop »" in plain(page)
        assert [r["team_id"] for r in await garant.rows(
            "SELECT team_id FROM slack_installation")] == [TEAM]


async def test_a_wrong_client_secret_is_named_on_the_page(oauth_fake: FakeSlack,
                                                          tmp_path: Path) -> None:
    async with SlackBot(oauth_fake, tmp_path, oauth=True,
                        env={"SLACK_CLIENT_SECRET": "not-the-secret"}) as garant:
        oauth_fake.redirect_uri = f"http://127.0.0.1:{garant.port}/slack/oauth_redirect"
        status, page = await install(garant.port, oauth_fake, TEAM, "Coop")
        assert status == 502
        assert "invalid_client_id" in page and "SLACK_CLIENT_SECRET" in page
        assert garant.platform.installation is None


def test_the_scopes_asked_at_installation_are_the_manifest_s() -> None:
    assert set(BOT_SCOPES) == set(manifest()["oauth_config"]["scopes"]["bot"])


async def test_one_app_serves_each_tenant_on_the_workspace_it_was_installed_on(
        oauth_fake: FakeSlack, tmp_path: Path) -> None:
    """The agency's app, installed by two clients: one endpoint, each workspace's requests
    to its own team (charter, database); a workspace serves one team."""
    fake = oauth_fake
    root = tmp_path / "tenants"
    for name, charter in (("coop", "coop-fr"), ("client_a", "fruits"), ("client_b", "base")):
        folder = tenant(root, name, charter, fake)
        (folder / ".env").write_text("", encoding="utf-8")  # no Slack app of its own
    (root / ".env").write_text(f"SLACK_CLIENT_ID={CLIENT_ID}\nSLACK_CLIENT_SECRET="
                               f"{CLIENT_SECRET}\nSLACK_SIGNING_SECRET={SECRET}\n",
                               encoding="utf-8")
    env = {"GARANT_SLACK_API_BASE": fake.api_base, "GARANT_SLACK_HOST": "127.0.0.1",
           "GARANT_SLACK_DM_INTERVAL": "0"}
    options = RunOptions(clock=ManualClock(MONDAY_10), port=0)
    built = await build_all(root, options, io.StringIO(), env)
    serving = asyncio.create_task(serve_all(built, options, env))
    try:
        platforms = {t.name: runtime.bot.platforms["slack"] for t, runtime in built}
        port = await platforms["coop"].wait_listening()  # type: ignore[attr-defined]
        assert {p.port for p in platforms.values()} == {port}  # type: ignore[attr-defined]
        fake.redirect_uri = f"http://127.0.0.1:{port}/slack/oauth_redirect"
        assert (await install(port, fake, TEAM, "Coop", "coop"))[0] == 200
        assert (await install(port, fake, "T0ACME", "Acme", "client_a"))[0] == 200
        # A workspace serves one team: the co-op's cannot be client_b's too.
        status, page = await install(port, fake, TEAM, "Coop", "client_b")
        assert status == 409 and "une autre équipe" in plain(page)
        async with aiohttp.ClientSession() as session, session.get(
                f"http://127.0.0.1:{port}/slack/install?tenant=nobody",
                headers={"Accept-Language": "fr-FR"}) as response:
            assert response.status == 404 and "« nobody »" in plain(await response.text())

        for n, team in enumerate((TEAM, "T0ACME", TEAM, "T0ACME")):
            text = "Rejoins discord.gg/promo-gratuite" if n < 2 else "Une banane au goûter"
            await say(port, text, n + 1, team=team)
        coop_cards = await fake.wait_for("chat.postMessage", channel=MODERATION,
                                         timeout=5.0)
        await fake.wait_for("chat.postMessage", 2, channel=MODERATION)
        by_token = {c.token: c.text() for c in fake.called("chat.postMessage",
                                                            channel=MODERATION)}
        assert coop_cards and set(by_token) == {fake.token_of(TEAM), fake.token_of("T0ACME")}
        assert "discord.gg" in by_token[fake.token_of(TEAM)]
        assert "banane" in by_token[fake.token_of("T0ACME")]
        stores = {t.name: runtime.store for t, runtime in built}
        for name, team, flagged in (("coop", TEAM, "discord.gg"),
                                    ("client_a", "T0ACME", "banane")):
            rows = await stores[name].fetchall("SELECT text FROM review_items")
            assert [flagged in r["text"] for r in rows] == [True]
            installed = await stores[name].fetchall("SELECT team_id FROM slack_installation")
            assert [r["team_id"] for r in installed] == [team]
        assert await stores["client_b"].fetchall("SELECT * FROM slack_installation") == []
    finally:
        serving.cancel()
        await asyncio.gather(serving, return_exceptions=True)


def test_the_agency_app_needs_its_three_credentials(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text(f"SLACK_CLIENT_ID={CLIENT_ID}\n", encoding="utf-8")
    with pytest.raises(RunError, match="SLACK_CLIENT_SECRET, SLACK_SIGNING_SECRET"):
        agency_app(tmp_path, {})
    assert agency_app(tmp_path, {"SLACK_CLIENT_SECRET": "s", "SLACK_SIGNING_SECRET": "x"}) \
        == {"SLACK_CLIENT_ID": CLIENT_ID, "SLACK_CLIENT_SECRET": "s", "SLACK_SIGNING_SECRET": "x"}
    assert agency_app(tmp_path / "nothing", {}) == {}


def test_the_agency_app_serves_the_tenants_without_a_chat_token_of_their_own(
        tmp_path: Path) -> None:
    app = {"SLACK_CLIENT_ID": CLIENT_ID, "SLACK_CLIENT_SECRET": "s", "SLACK_SIGNING_SECRET": "x"}
    for name, own in (("slack_client", ""), ("discord_client", "DISCORD_TOKEN=abc\n"),
                      ("own_app", "SLACK_BOT_TOKEN=xoxb-own-app-token\n")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "garant.yaml").write_text("language: fr\n", encoding="utf-8")
        (tmp_path / name / ".env").write_text(own, encoding="utf-8")
    tenants = {t.name: t for t in find(tmp_path)}
    assert environment(tenants["slack_client"], {}, app)["SLACK_CLIENT_ID"] == CLIENT_ID
    assert "SLACK_CLIENT_ID" not in environment(tenants["discord_client"], {}, app)
    assert "SLACK_CLIENT_ID" not in environment(tenants["own_app"], {}, app)
