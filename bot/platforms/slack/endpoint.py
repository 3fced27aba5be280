"""One HTTP endpoint for a Slack app installed through OAuth, on one workspace or many.

An agency's one Slack app is installed on each client's workspace (`oauth.py`), and
Slack sends every workspace's events to the same URL. This endpoint serves that URL
for all the teams of a process (`garant run --tenants DIR`; one team when Garant
serves one): it checks the request's signature, reads the workspace it comes from
(bolt's own `extract_team_id`), and hands it to the team installed there, whose
bolt app handles it as it would alone. It also serves the installation's pages:
GET /slack/install[?tenant=NAME] and GET /slack/oauth_redirect.

Several instances behind a load balancer each run this endpoint. A workspace just
installed through another instance is unknown here until its team's store is read
again: an unknown workspace makes every team re-read its installation (at most
once a minute for the same unknown workspace), so the first event from a new
workspace finds its team.

Pages speak the team's language (the browser's, when no team is named).
"""

from __future__ import annotations

import asyncio
import html
import logging
import time
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, Protocol, cast

from aiohttp import web
from slack_bolt.request.internals import extract_team_id
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from bot.phrases import render
from bot.platforms.base import Platform
from bot.platforms.slack.oauth import (
    INSTALL_PATH,
    REDIRECT_PATH,
    STATE_COOKIE,
    STATE_TTL,
    InstallRefused,
    exchange,
    new_state,
    record,
    split_state,
    take_state,
)
from bot.platforms.slack.render import parse_body
from bot.platforms.slack.transport import EVENTS_PATH, NETWORK_ERRORS, listen

if TYPE_CHECKING:
    from bot.platforms.base import Host
    from bot.platforms.slack.oauth import Installation, OAuthApp
    from bot.platforms.slack.transport import SlackSettings

log = logging.getLogger("garant.slack")

#: Seconds before an unknown workspace makes the teams re-read their installations again.
UNKNOWN_RECHECK = 60.0


class InstalledTeam(Protocol):
    """What the endpoint needs of a team's Slack platform installed through OAuth
    (`SlackPlatform`, which runs this endpoint: a protocol, not an import)."""

    host: Host
    settings: SlackSettings
    installation: Installation | None
    endpoint: SlackEndpoint | None
    tenant: str
    port: int | None
    listening: asyncio.Event

    @property
    def oauth_app(self) -> OAuthApp: ...

    async def refresh_installation(self) -> None: ...

    async def connect_installation(self, installation: Installation) -> Installation | None:
        ...

    async def handle_http(self, raw: str, request: web.Request,
                          body: dict[str, Any] | None = None) -> web.Response: ...


class SlackEndpoint:
    """Serve the Slack app's requests for `teams` (name → its Slack platform in OAuth
    mode; the name "" when Garant serves one team)."""

    def __init__(self, teams: Mapping[str, InstalledTeam], signing_secret: str,
                 host: str, port: int) -> None:
        self.teams = dict(teams)
        self.verifier = SignatureVerifier(signing_secret)
        self.host = host
        self.port = port
        self._runner: web.AppRunner | None = None
        self._unknown: dict[str, float] = {}  # team id -> when it was last looked for
        self._refreshing = asyncio.Lock()
        for name, platform in self.teams.items():
            platform.endpoint = self
            platform.tenant = name

    @classmethod
    def for_tenants(cls, platforms: Mapping[str, Platform], host: str,
                    port: int) -> SlackEndpoint | None:
        """The endpoint of the tenants on the agency's app (None when none is): those
        whose Slack platform has no token of its own."""
        teams = {name: cast(InstalledTeam, p) for name, p in platforms.items()
                 if p.name == "slack" and getattr(p, "settings", None) is not None
                 and cast(InstalledTeam, p).settings.oauth_app is not None}
        if not teams:
            return None
        secret = next(iter(teams.values())).settings.signing_secret
        assert secret is not None, "an app installed through OAuth has a signing secret"
        return cls(teams, secret, host, port)

    # ------------------------------------------------------------ life cycle

    async def start(self) -> int:
        """Listen; the port (the one asked, or the one given for port 0)."""
        app = web.Application()
        app.router.add_post(EVENTS_PATH, self._events)
        app.router.add_get(INSTALL_PATH, self._install)
        app.router.add_get(REDIRECT_PATH, self._redirect)
        app.router.add_get("/", self._health)
        self._runner, self.port = await listen(app, self.host, self.port)
        log.info("Slack: listening on http://%s:%s%s (installation: %s)", self.host, self.port,
                 EVENTS_PATH, INSTALL_PATH)
        for platform in self.teams.values():
            platform.port = self.port
            platform.listening.set()
        return self.port

    async def close(self) -> None:
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()

    def install_link(self, name: str, platform: InstalledTeam) -> str:
        base = platform.settings.public_url or f"http://{self.host}:{self.port}"
        return f"{base}{INSTALL_PATH}" + (f"?tenant={name}" if name else "")

    # ------------------------------------------------------------ events

    async def _events(self, request: web.Request) -> web.Response:
        raw = await request.text()
        if not self.verifier.is_valid_request(raw, dict(request.headers)):
            return web.json_response({"error": "invalid request"}, status=401)
        try:
            body = parse_body(raw, request.content_type)
        except ValueError:
            return web.json_response({"error": "invalid request"}, status=400)
        if body.get("type") == "url_verification":  # Slack checking the URL, no team yet
            return web.json_response({"challenge": body.get("challenge")})
        team_id = extract_team_id(body)
        platform = await self._team_on(team_id) if team_id else None
        if platform is None:
            # Acknowledged, or Slack would send it again and again: no team here serves
            # that workspace (installed for a team this process does not serve?).
            log.warning("Slack: a request from workspace %s, which no team here serves",
                        team_id or "?")
            return web.Response(status=200)
        return await platform.handle_http(raw, request, body)

    async def _team_on(self, team_id: str) -> InstalledTeam | None:
        found = self._installed_on(team_id)
        if found is not None:
            return found
        last = self._unknown.get(team_id)
        if last is not None and time.monotonic() - last < UNKNOWN_RECHECK:
            return None
        async with self._refreshing:
            if (found := self._installed_on(team_id)) is None:
                self._unknown[team_id] = time.monotonic()
                for platform in self.teams.values():
                    await platform.refresh_installation()
                found = self._installed_on(team_id)
        if found is not None:
            self._unknown.pop(team_id, None)
        return found

    def _installed_on(self, team_id: str) -> InstalledTeam | None:
        for platform in self.teams.values():
            if platform.installation is not None and platform.installation.team_id == team_id:
                return platform
        return None

    # ------------------------------------------------------------ installation

    async def _health(self, request: web.Request) -> web.Response:
        return web.Response(text=f"Garant: Slack events go to POST {EVENTS_PATH}; "
                                 f"installation at GET {INSTALL_PATH}\n")

    async def _install(self, request: web.Request) -> web.Response:
        """The page with the "Add to Slack" link; its state in the team's store and in a
        cookie of this browser."""
        name = request.query.get("tenant", "")
        platform = self.teams.get(name)
        if platform is None:
            return self._unknown_team(request, name)
        language = platform.host.language
        state = await new_state(platform.host.store, platform.host.clock, name)
        link = platform.oauth_app.authorize_url(platform.settings.api_base, state)
        if (installed := platform.installation) is not None:
            lead = render("Garant is installed on the Slack workspace “{workspace}”. Install it "
                          "again to renew its permissions:",
                          {"workspace": installed.team_name or installed.team_id}, language)
        else:
            lead = render("An administrator of the Slack workspace adds Garant to it:", {},
                          language)
        response = page(language, render("Install Garant in Slack", {}, language), lead,
                        link=(link, render("Add to Slack", {}, language)))
        response.set_cookie(STATE_COOKIE, state, max_age=int(STATE_TTL.total_seconds()),
                            httponly=True, samesite="Lax", path="/slack/",
                            secure=request.secure)
        return response

    async def _redirect(self, request: web.Request) -> web.Response:
        """Slack sent the admin back: check the state, exchange the code, keep the
        installation, start serving the workspace."""
        state = request.query.get("state", "")
        name, token = split_state(state)
        platform = self.teams.get(name)
        if platform is None:
            return self._unknown_team(request, name)
        language = platform.host.language
        title = render("Install Garant in Slack", {}, language)

        def failed(template: str, status: int = 400, **values: Any) -> web.Response:
            response = page(language, title, render(template, values, language),
                            status=status, retry=self.install_link(name, platform))
            response.del_cookie(STATE_COOKIE, path="/slack/")
            return response

        browser = request.cookies.get(STATE_COOKIE)
        async with platform.host.store.transaction() as tx:
            fresh = await take_state(tx, token, platform.host.clock) if token else False
        if not fresh or browser != state:
            return failed("This installation link has expired or was already used, or was "
                          "opened in another browser: start again from the installation page.")
        if request.query.get("error"):
            return failed("The installation was not approved on Slack ({code}).",
                          code=request.query["error"])
        code = request.query.get("code", "")
        if not code:
            return failed("Slack sent no code back: start again from the installation page.")
        client = AsyncWebClient(base_url=platform.settings.api_base)
        try:
            installation = await exchange(client, platform.oauth_app, code)
        except InstallRefused as exc:
            if exc.code == "enterprise_install":
                return failed("Garant is installed on one workspace at a time, not on a "
                              "whole Enterprise Grid organisation: choose a workspace.")
            log.warning("Slack: the installation for %s was refused: %s", name or "the team",
                        exc.code)
            return failed("Slack refused the installation ({code}); check SLACK_CLIENT_ID and "
                          "SLACK_CLIENT_SECRET.", status=502, code=exc.code)
        except NETWORK_ERRORS as exc:
            log.warning("Slack: the installation could not reach Slack: %s", exc)
            return failed("Slack could not be reached; try again in a moment.", status=502)
        await platform.refresh_installation()  # another instance may have made one
        current = platform.installation
        if current is not None and current.team_id != installation.team_id:
            return failed("Garant is already installed for this team on the Slack workspace "
                          "“{workspace}”: uninstall it there first.", status=409,
                          workspace=current.team_name or current.team_id)
        other = await self._team_on(installation.team_id)
        if other is not None and other is not platform:
            return failed("This Slack workspace is already served by another team of Garant.",
                          status=409)
        connected = await platform.connect_installation(installation)
        if connected is None:
            return failed("Slack refused the new token; start again from the installation "
                          "page.", status=502)
        async with platform.host.store.transaction() as tx:
            await record(tx, connected)
        installation = connected
        self._unknown.pop(installation.team_id, None)
        log.info("Slack: %s installed on workspace %s (%s)", name or "Garant",
                 installation.team_name, installation.team_id)
        response = page(language, title, render(
            "Garant is installed on the Slack workspace “{workspace}”. Invite it into the "
            "channels it looks after (/invite @Garant), then try /garant help.",
            {"workspace": installation.team_name or installation.team_id}, language))
        response.del_cookie(STATE_COOKIE, path="/slack/")
        return response

    def _unknown_team(self, request: web.Request, name: str) -> web.Response:
        language = "fr" if request.headers.get("Accept-Language", "").lower().startswith(
            "fr") else "en"
        text = render("No team “{name}” here." if name else "Say which team installs Garant: "
                      "add ?tenant=NAME to the address.", {"name": (name)}, language)
        return page(language, render("Install Garant in Slack", {}, language), text, status=404)


def page(language: str, title: str, text: str, *, status: int = 200,
         link: tuple[str, str] | None = None, retry: str | None = None) -> web.Response:
    """A small page of its own (no asset from elsewhere): a title, a text, a link."""
    parts = [f"<p>{html.escape(text, quote=False)}</p>"]
    if link is not None:
        parts.append(f'<p><a class="button" href="{html.escape(link[0])}">'
                     f"{html.escape(link[1], quote=False)}</a></p>")
    if retry is not None:
        parts.append(f'<p><a href="{html.escape(retry)}">'
                     f"{html.escape(render('The installation page', {}, language), quote=False)}"
                     "</a></p>")
    body = (f'<!doctype html>\n<html lang="{language}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{html.escape(title)}</title><style>body{{font-family:system-ui,sans-serif;"
            "max-width:36rem;margin:3rem auto;padding:0 1rem;line-height:1.5}"
            ".button{display:inline-block;padding:.6rem 1.2rem;background:#4a154b;color:#fff;"
            "border-radius:.3rem;text-decoration:none}</style></head><body>"
            f"<h1>{html.escape(title, quote=False)}</h1>{''.join(parts)}</body></html>\n")
    return web.Response(text=body, status=status, content_type="text/html", charset="utf-8")


__all__ = ["SlackEndpoint", "page"]
