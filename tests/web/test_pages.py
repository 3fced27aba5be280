"""The web platform's rules, read with an HTTP client: health, links that work once for
15 minutes, sessions that end, CSRF, forms with their errors, the settings and the
command line. The browser tests (test_browser.py) drive the same pages in Chromium."""

from __future__ import annotations

import html
import io
import re
import socket
import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from bot.config import load_config
from bot.located.yamlsrc import SourceError
from bot.platforms.web import _requested
from bot.platforms.web.settings import WebSettings
from bot.run import RunError, RunOptions, build, run, serve
from bot.typography import plain
from tests.web.conftest import MONDAY_10, Site, free_port


def client() -> aiohttp.ClientSession:
    # 127.0.0.1 is an IP address: aiohttp keeps its cookies only when told to.
    return aiohttp.ClientSession(cookie_jar=aiohttp.CookieJar(unsafe=True))


def shown(page: str) -> str:
    """A page's text as read: entities decoded, French spaces plain."""
    return plain(html.unescape(page))


def csrf_of(page: str) -> str:
    return re.findall(r'name="csrf" value="([^"]+)"', page)[0]


async def test_healthz_answers_ok(site: Site) -> None:
    async with client() as http, http.get(f"{site.url}/healthz") as response:
        assert (response.status, await response.text()) == (200, "ok")


async def test_a_link_works_once_and_for_15_minutes(site: Site) -> None:
    first = await site.link_for("malik")
    second = await site.link_for("malik")
    async with client() as http:
        async with http.get(first) as response:
            assert response.status == 200 and "Connecté·e" in shown(await response.text())
        async with http.get(first) as response:  # used
            assert response.status == 403
            assert "Ce lien de connexion n'est plus valable" in shown(await response.text())
    site.clock.advance(timedelta(minutes=16))
    async with client() as http, http.get(second) as response:  # expired
        assert response.status == 403
    audit = await site.bot.store.fetchall("SELECT action FROM audit_log WHERE action LIKE "
                                          "'web.%' ORDER BY id")
    assert [r["action"] for r in audit] == ["web.link", "web.link", "web.login"]
    stored = await site.bot.store.fetchall("SELECT token_hash FROM web_links")
    assert all(first.rsplit("/", 1)[1] not in r["token_hash"] for r in stored)  # hashes only


async def test_a_session_ends_when_it_expires_or_on_sign_out(site: Site) -> None:
    async with client() as http:
        async with http.get(await site.link_for("malik")) as response:
            csrf = csrf_of(await response.text())
        site.clock.advance(timedelta(hours=11))
        async with http.get(site.url) as response:
            assert "Connecté·e : malik" in shown(await response.text())
        async with http.post(f"{site.url}/logout", data={"csrf": csrf}) as response:
            assert "demandez un lien de connexion" in shown(await response.text())
        async with http.get(await site.link_for("malik")) as response:
            assert "Connecté·e : malik" in shown(await response.text())
        site.clock.advance(timedelta(hours=12, minutes=1))  # the default session: 12 h
        async with http.get(site.url) as response:
            assert "demandez un lien de connexion" in shown(await response.text())


async def test_a_post_without_the_session_s_csrf_token_does_nothing(site: Site) -> None:
    await site.chat(":user sofia\nRejoins mon serveur discord.gg/promo-gratuite")
    async with client() as http:
        async with http.get(await site.link_for("malik")) as response:
            assert "review:keep:1" in await response.text()
        for data in ({"action": "review:keep:1"}, {"action": "review:keep:1", "csrf": "x"}):
            async with http.post(f"{site.url}/action", data=data) as response:
                assert response.status == 403
                assert "Ce formulaire a expiré" in shown(await response.text())
    rows = await site.bot.store.fetchall("SELECT status FROM review_items")
    assert [r["status"] for r in rows] == ["open"]


async def test_the_host_s_permissions_hold_on_the_web(site: Site) -> None:
    await site.chat(":user sofia\nRejoins mon serveur discord.gg/promo-gratuite")
    async with client() as http:
        async with http.get(await site.link_for("yann")) as response:
            page = await response.text()
            assert "review:keep:1" not in page  # a member's dashboard has no queue
        async with http.post(f"{site.url}/action", data={"csrf": csrf_of(page),
                                                          "action": "review:keep:1"}) as r:
            answer = shown(await r.text())
    assert "Seuls les modérateurs et le directeur de publication" in answer
    rows = await site.bot.store.fetchall("SELECT status FROM review_items")
    assert [r["status"] for r in rows] == ["open"]


async def test_a_form_s_errors_are_shown_under_their_field(site: Site) -> None:
    await site.chat(":user sofia\nRejoins mon serveur discord.gg/promo-gratuite")
    async with client() as http:
        async with http.get(await site.link_for("malik")) as response:
            csrf = csrf_of(await response.text())
        async with http.post(f"{site.url}/action", data={"csrf": csrf,
                                                          "action": "review:remove:1"}) as r:
            assert "<h1>Retirer le message n° 1</h1>" in await r.text()
        async with http.post(f"{site.url}/form", data={
                "csrf": csrf, "form_id": "review:remove:1", "reason": ""}) as response:
            page = await response.text()
            assert response.status == 422
            assert 'aria-invalid="true" aria-describedby="e-reason"' in page
            assert '<p class="error" id="e-reason">' in page
        async with http.post(f"{site.url}/form", data={
                "csrf": csrf, "form_id": "review:nothing:9", "reason": "x"}) as response:
            assert "Ce formulaire n'est plus ouvert" in shown(await response.text())


async def test_slash_web_without_the_pages_says_how_to_serve_them(tmp_path) -> None:
    out = io.StringIO()
    await run(RunOptions(database=tmp_path / "g.db", now=MONDAY_10),
              io.StringIO(":user malik\n/web\n"), out, env={})
    assert "Les pages web de Garant ne sont pas servies : réglez web.listen dans " \
           "garant.yaml" in plain(out.getvalue())


def test_the_pages_run_when_asked_or_in_the_demo() -> None:
    class Options:
        extra: dict[str, Any] = {}
        now = None

    asked, plain_run = Options(), Options()
    asked.extra = {"web": "127.0.0.1:9000"}
    listening = WebSettings(listen=("127.0.0.1", 8080))
    assert _requested(WebSettings(), asked, False)
    assert _requested(listening, plain_run, False)
    assert _requested(WebSettings(), plain_run, True)  # the demo at a terminal
    assert not _requested(WebSettings(), plain_run, False)
    rehearsal = Options()
    rehearsal.now = MONDAY_10  # a --now rehearsal serves no pages unless --web says so
    assert not _requested(listening, rehearsal, False)


@pytest.mark.parametrize(("section", "error"), [
    ("  listen: 8080x\n", "garant.yaml:3:11: 'listen' must be HOST:PORT, like "
                          "127.0.0.1:8080, got '8080x'"),
    ("  public_url: garant.example.coop\n", "garant.yaml:3:15: 'public_url' must start "
                                            "with https:// (or http://)"),
    ("  session: 90d\n", "garant.yaml:3:12: 'session' must be between 5m and 30d"),
])
def test_a_wrong_web_setting_is_reported_at_its_place(tmp_path, section, error) -> None:
    path = tmp_path / "garant.yaml"
    path.write_text("language: en\nweb:\n" + section, encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        load_config(path, env={}).read(WebSettings)
    assert error in str(raised.value)


async def test_a_port_already_taken_stops_an_explicit_start_with_one_line(tmp_path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        options = RunOptions(database=tmp_path / "g.db", platforms=("web",),
                             extra={"web": f"127.0.0.1:{port}"})
        runtime = await build(options, io.StringIO(""), io.StringIO(), {})
        try:
            with pytest.raises(RunError) as raised:
                await serve(runtime, options)
        finally:
            await runtime.store.close()
    assert f"the web pages cannot be served on 127.0.0.1:{port}" in str(raised.value)


def test_garant_web_link_prints_the_link_last(tmp_path) -> None:
    config = tmp_path / "garant.yaml"
    port = free_port()
    config.write_text(f"web:\n  listen: 127.0.0.1:{port}\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "bot", "web", "link", "slack:U0123ABCD",
                           "--name", "Camille", "--config", str(config), "--db",
                           str(tmp_path / "g.db")], capture_output=True, text=True,
                          cwd=Path(__file__).resolve().parents[2], timeout=60)
    assert done.returncode == 0, done.stderr
    last = done.stdout.strip().splitlines()[-1]
    assert re.fullmatch(rf"http://127\.0\.0\.1:{port}/login/[\w-]{{43}}", last)
