"""Slack's transport: signed HTTP requests or the Socket Mode websocket into bolt,
each event id handled once, and Web API calls that never raise.

A mixin of `SlackPlatform` (`adapter.py`), which provides the bolt app, the
settings and the host.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import TYPE_CHECKING, Any

import aiohttp
from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.app.async_app import AsyncApp
from slack_bolt.context.async_context import AsyncBoltContext
from slack_bolt.request.async_internals import build_async_context
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

from bot.platforms.base import DeliveryError, PlatformStartError
from bot.platforms.intake import Intake
from bot.platforms.kit import TaskSet
from bot.platforms.slack.oauth import OAuthApp
from bot.platforms.slack.render import parse_body
from bot.store import format_utc

if TYPE_CHECKING:
    from bot.platforms.base import Host

log = logging.getLogger("garant.slack")

API_BASE = "https://slack.com/api/"
EVENTS_PATH = "/slack/events"
#: Seconds between two direct messages (each opens or reuses a conversation).
DM_INTERVAL = 1.0
EVENTS_KEPT = timedelta(days=1)
#: Seconds a stop lets the interactions under way finish before cutting them.
SHUTDOWN_GRACE = 5.0
#: What a Web API call can fail with besides Slack's refusals (SlackApiError): the network.
NETWORK_ERRORS = (SlackClientError, aiohttp.ClientError, OSError, TimeoutError)


@dataclass(frozen=True, slots=True)
class SlackSettings:
    """What `create` read from the secrets, the environment and the options. Secrets are
    left out of the repr so they never reach a log line."""

    bot_token: str | None = field(repr=False)  # None: an app installed through OAuth
    app_token: str | None = field(default=None, repr=False)
    signing_secret: str | None = field(default=None, repr=False)
    admin_token: str | None = field(default=None, repr=False)
    api_base: str = API_BASE
    host: str = "0.0.0.0"
    port: int = 3000
    dm_interval: float = DM_INTERVAL
    oauth_app: OAuthApp | None = None
    public_url: str | None = None

    @property
    def mode(self) -> str:
        return "socket" if self.app_token else "http"



class SlackTransport:
    """HTTP or Socket Mode into the bolt app, and the event-id dedupe."""

    host: Host
    settings: SlackSettings
    app: AsyncApp
    client: AsyncWebClient
    tasks: TaskSet
    intake: Intake[dict[str, Any]]
    port: int | None
    listening: asyncio.Event
    _runner: web.AppRunner | None
    _socket: Any
    _wss_url: str | None
    _events_seen: int

    async def _run_http(self) -> None:
        webapp = web.Application()
        webapp.router.add_post(EVENTS_PATH, self._http_request)
        webapp.router.add_get("/", self._health)
        self._runner, self.port = await listen(webapp, self.settings.host, self.settings.port)
        self.listening.set()
        log.info("Slack: listening on http://%s:%s%s", self.settings.host, self.port,
                 EVENTS_PATH)

    async def _socket_url(self) -> str:
        """A websocket URL for Socket Mode; asking for it also checks the app token, so a
        wrong one stops the start instead of retrying forever in the background."""
        assert self.settings.app_token is not None, "Socket Mode needs an app token"
        try:
            opened = await self.client.apps_connections_open(app_token=self.settings.app_token)
        except SlackApiError as exc:
            raise PlatformStartError(
                "Slack refused SLACK_APP_TOKEN ({code}); create an app-level token (xapp-...) "
                "with the connections:write scope on the app's Basic Information page",
                code=error_code(exc)) from None
        return str(opened["url"])

    async def _run_socket_mode(self) -> None:
        from slack_bolt.adapter.socket_mode.async_handler import AsyncSocketModeHandler

        self._socket = AsyncSocketModeHandler(self.app, self.settings.app_token,
                                              logger=logging.getLogger("garant.slack.socket"))
        # The URL from prepare(); later reconnections ask Slack for new ones themselves.
        self._socket.client.wss_uri = self._wss_url or await self._socket_url()
        self._wss_url = None
        await self._socket.connect_async()
        self.listening.set()
        log.info("Slack: connected in Socket Mode")

    async def close(self) -> None:
        """Finish the interactions under way (briefly: `SHUTDOWN_GRACE`), then stop."""
        await self.intake.close()
        await self.tasks.close(SHUTDOWN_GRACE)
        if self._socket is not None:
            socket, self._socket = self._socket, None
            try:
                await socket.close_async()
            except Exception:  # closing a broken socket: nothing left to do
                log.debug("Slack: closing the socket failed", exc_info=True)
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()
        self.listening.clear()

    async def wait_listening(self, timeout: float = 10.0) -> int | None:
        """Wait until Slack can reach Garant; the HTTP port (None in Socket Mode)."""
        await asyncio.wait_for(self.listening.wait(), timeout)
        return self.port if self.settings.mode == "http" else None


    # ------------------------------------------------------------ HTTP

    async def _health(self, request: web.Request) -> web.Response:
        return web.Response(text="Garant: Slack events go to POST /slack/events\n")

    async def _http_request(self, request: web.Request) -> web.Response:
        return await self.handle_http(await request.text(), request)

    async def handle_http(self, raw: str, request: web.Request,
                          body: dict[str, Any] | None = None) -> web.Response:
        """One request from Slack, through bolt (signature first), with the body parsed the
        way Slack means it (see `slack_render.parse_body`; `body`: already parsed)."""
        try:
            bolt_request = AsyncBoltRequest(body=raw, query=request.query_string,
                                            headers=dict(request.headers))
            if body is None:
                body = parse_body(raw, bolt_request.content_type)
        except ValueError:
            return web.json_response({"error": "invalid request"}, status=400)
        if body != bolt_request.body:
            bolt_request.body = body
            bolt_request.context = build_async_context(AsyncBoltContext({}), body)
        response = await self.app.async_dispatch(bolt_request)
        return await to_aiohttp_response(response)

    # ------------------------------------------------------------ second deliveries

    async def _first(self, body: dict[str, Any]) -> bool:
        """Whether this is the first delivery of `body`. Slack re-sends events it believes
        failed, and Socket Mode marks first deliveries as attempt 0, so only the event id
        can tell. Slash commands and interactions carry no event id but a trigger id,
        unique per use: a signed request replayed (by Slack or by anyone who saw it)
        within the signature's five minutes is not run again."""
        if body.get("type") == "event_callback":
            seen = body.get("event_id")
            kind = str(body.get("event", {}).get("type", ""))
        else:
            trigger = body.get("trigger_id")
            seen = f"trigger:{trigger}" if trigger else None
            kind = str(body.get("command") or body.get("type") or "")
        if seen and not await self._first_delivery(str(seen), kind):
            log.info("Slack: %s delivered again; already handled", seen)
            return False
        return True

    async def _first_delivery(self, event_id: str, event_type: str) -> bool:
        async with self.host.store.transaction() as tx:
            result = await tx.execute(
                "INSERT INTO slack_events (event_id, event_type, received_at) "
                "VALUES (?, ?, ?) ON CONFLICT DO NOTHING",
                (event_id, event_type, format_utc(self.host.clock.now())))
        self._events_seen += 1
        if self._events_seen % 500 == 0:
            self.tasks.spawn(self._prune_events())
        return result.rowcount > 0

    async def _prune_events(self) -> None:
        cutoff = format_utc(self.host.clock.now() - EVENTS_KEPT)
        async with self.host.store.transaction() as tx:
            await tx.execute("DELETE FROM slack_events WHERE received_at < ?", (cutoff,))


async def listen(webapp: web.Application, host: str, port: int) -> tuple[web.AppRunner, int]:
    """Serve `webapp` on host:port: its runner and the port listened on (port 0: the one
    the system gave); PlatformStartError when the port cannot be had."""
    runner = web.AppRunner(webapp, access_log=None)
    await runner.setup()
    try:
        await web.TCPSite(runner, host, port).start()
    except OSError as exc:
        await runner.cleanup()
        raise PlatformStartError(
            "cannot listen for Slack on {host}:{port} ({error}); choose another port with "
            "--port or slack.port in garant.yaml", host=host, port=port,
            error=exc.strerror or str(exc)) from None
    sockets = [a for a in runner.addresses if isinstance(a, tuple)]
    return runner, sockets[0][1] if sockets else port


async def call(what: str, call: Awaitable[Any],
                quiet: tuple[str, ...] = ()) -> tuple[Any | None, str | None]:
    """A Web API call that never raises: (response, None), or (None, Slack's error code)
    logged unless `quiet` (the Platform contract: refusals are results, not exceptions)."""
    try:
        return await call, None
    except SlackApiError as exc:
        error = error_code(exc)
        if error not in quiet:
            log.warning("Slack: %s refused: %s", what, error)
        return None, error
    except NETWORK_ERRORS as exc:
        log.warning("Slack: %s failed: %s", what, exc)
        return None, "network"


#: Slack error codes worth trying again later (the others are refusals for good).
PASSING = frozenset({"ratelimited", "internal_error", "fatal_error", "service_unavailable",
                     "request_timeout", "team_added_to_org", "network"})


async def effect(what: str, call: Awaitable[Any], already: tuple[str, ...] = ()) -> Any:
    """A Web API call performing an effect: its response; None when Slack answers one of
    the `already` codes (the effect is done: a message already deleted); otherwise a
    `DeliveryError` that says whether trying again may help."""
    try:
        return await call
    except SlackApiError as exc:
        code = error_code(exc)
        if code in already:
            return None
        status = getattr(getattr(exc, "response", None), "status_code", 200) or 200
        passing = status >= 500 or status == 429 or code in PASSING
        raise DeliveryError(f"Slack: {what}: {code}", not passing) from None
    except NETWORK_ERRORS as exc:
        raise DeliveryError(f"Slack: {what}: {exc}", False) from None


def error_code(exc: Exception) -> str:
    """Slack's error code ("cant_delete_message") when there is one, else the text."""
    response = getattr(exc, "response", None)
    try:
        return str(response.get("error")) if response is not None else str(exc)
    except Exception:
        return str(exc)




__all__ = ["API_BASE", "EVENTS_PATH", "NETWORK_ERRORS", "SlackSettings", "SlackTransport", "call",
           "effect", "error_code", "listen"]
