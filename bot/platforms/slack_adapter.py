"""Slack: the neutral model on a Slack workspace, through slack-bolt's `AsyncApp`.

`garant run` loads this module when SLACK_BOT_TOKEN is set. Two ways in:

* Socket Mode (SLACK_APP_TOKEN set): Garant opens a websocket to Slack; no public
  URL is needed.
* HTTP (otherwise): Garant serves `POST /slack/events` on `--port` (or
  `slack.port`) and checks SLACK_SIGNING_SECRET on every request; bolt answers a
  bad or stale signature with 401 before anything runs.

What Slack imposes, and how it is met here:

* Acknowledge within 3 seconds. Bolt (process_before_response=False) answers as
  soon as a listener calls `ack()` and lets it run on, so every listener acks
  first, then works, and catches its own errors (an exception right after `ack()`
  can cost the ack: research/slack.md, section 6). A modal's validation errors
  must travel *in* the ack, so a form submission runs the cog's handler for at most
  `ACK_BUDGET` seconds before answering.
* Retries. Slack re-sends an event it thinks failed; a middleware writes each
  event id into `slack_events` (UNIQUE) before the event is handled, so a second
  delivery is acknowledged and dropped, whatever its retry headers say.
* Rate limits. A 429 is retried after its Retry-After
  (`AsyncRateLimitErrorRetryHandler`); direct messages are paced, one every
  `dm_interval` seconds, since each one is a new conversation.
* Bots cannot delete other people's messages. With SLACK_ADMIN_USER_TOKEN (an
  admin's user token) `delete_message` uses it; without, it returns False and the
  moderation cog asks the author instead.
* Roles name users by id and groups by handle: a display name is chosen by its
  owner, so it never grants a role here (`SlackUser`).

The Web API base URL comes from GARANT_SLACK_API_BASE (proxies, tests). Rendering
(Block Kit, modals, App Home, escaping) is pure and lives in `slack_render`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import secrets as token_maker
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
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
from slack_bolt.response import BoltResponse
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.config import identity_key
from bot.model import (
    Attachment,
    Button,
    Card,
    Channel,
    Content,
    Form,
    Message,
    User,
    Visibility,
)
from bot.platforms.base import Platform
from bot.platforms.slack_render import (
    FormContext,
    action_of,
    command_rewriter,
    display_name,
    escape,
    form_errors,
    form_view,
    home_view,
    is_user_id,
    mention_token,
    message_payload,
    parse_body,
    parse_message_ref,
    permalink,
    read_view,
    ts_to_datetime,
    unescape,
)
from bot.store import format_utc

if TYPE_CHECKING:
    from bot.config import Secrets
    from bot.host import Bot, Interaction
    from bot.run import RunOptions

log = logging.getLogger("garant.slack")

API_BASE = "https://slack.com/api/"
EVENTS_PATH = "/slack/events"
#: Seconds a form submission may spend in the cog before the modal is answered (Slack
#: gives 3 s in all, network included).
ACK_BUDGET = 2.5
#: Seconds between two direct messages (each opens or reuses a conversation).
DM_INTERVAL = 1.0
USER_TTL = 3600.0
GROUPS_TTL = 600.0
CHANNELS_REFRESH = 60.0
EVENTS_KEPT = timedelta(days=1)
#: Action ids the adapter answers itself: "open the form" buttons (see `open_form`).
OPEN_FORM = "garant-slack-open-form"
#: What a Web API call can fail with besides Slack's refusals (SlackApiError): the network.
NETWORK_ERRORS = (SlackClientError, aiohttp.ClientError, OSError, TimeoutError)
#: Message subtypes that are still a person writing (others: joins, topics, bots...).
PERSON_SUBTYPES = ("thread_broadcast", "file_share", "me_message")

MESSAGES: dict[str, dict[str, str]] = {
    "slack.submit": {"fr": "Envoyer", "en": "Submit"},
    "slack.cancel": {"fr": "Annuler", "en": "Cancel"},
    "slack.home.title": {"fr": "Garant", "en": "Garant"},
    "slack.home.intro": {
        "fr": "Bonjour {name} — vos rôles : {roles}. Tapez « /help » pour la liste des "
              "commandes.",
        "en": "Hello {name} — your roles: {roles}. Type \u201c/help\u201d for the list of "
              "commands.",
    },
    "slack.home.no_role": {"fr": "aucun rôle", "en": "no role"},
    "slack.home.empty": {"fr": "Rien ne vous attend pour l'instant.",
                         "en": "Nothing is waiting for you right now."},
    "slack.form.pending": {
        "fr": "Formulaire « {title} » : cliquez sur le bouton pour l'ouvrir.",
        "en": "Form \u201c{title}\u201d: click the button to open it.",
    },
    "slack.form.open": {"fr": "Ouvrir le formulaire", "en": "Open the form"},
    "slack.form.late": {
        "fr": "Le formulaire « {title} » n'a pas été accepté : {errors}",
        "en": "The form \u201c{title}\u201d was not accepted: {errors}",
    },
}


@dataclass(frozen=True, slots=True)
class SlackSettings:
    """What `create` read from the secrets, the environment and the options. Secrets are
    left out of the repr so they never reach a log line."""

    bot_token: str = field(repr=False)
    app_token: str | None = field(default=None, repr=False)
    signing_secret: str | None = field(default=None, repr=False)
    admin_token: str | None = field(default=None, repr=False)
    api_base: str = API_BASE
    host: str = "0.0.0.0"
    port: int = 3000
    dm_interval: float = DM_INTERVAL

    @property
    def mode(self) -> str:
        return "socket" if self.app_token else "http"


def create(bot: Bot, secrets: Secrets, env: Mapping[str, str],
           options: RunOptions) -> SlackPlatform:
    """The Slack platform for `garant run`; ValueError (shown as one line) when the
    secrets cannot work."""
    if not secrets.slack_bot_token:
        raise ValueError("the Slack platform needs SLACK_BOT_TOKEN (xoxb-...)")
    if not secrets.slack_app_token and not secrets.slack_signing_secret:
        raise ValueError(
            "Slack in HTTP mode needs SLACK_SIGNING_SECRET (the app's Basic Information > "
            "App Credentials > Signing Secret) to check that requests come from Slack; "
            "or set SLACK_APP_TOKEN (xapp-...) to use Socket Mode instead")
    interval = env.get("GARANT_SLACK_DM_INTERVAL", "").strip()
    try:
        dm_interval = float(interval) if interval else DM_INTERVAL
    except ValueError:
        raise ValueError(f"GARANT_SLACK_DM_INTERVAL must be a number of seconds, got "
                         f"{interval!r}") from None
    settings = SlackSettings(
        bot_token=secrets.slack_bot_token,
        app_token=secrets.slack_app_token,
        signing_secret=secrets.slack_signing_secret,
        admin_token=secrets.slack_admin_user_token,
        api_base=env.get("GARANT_SLACK_API_BASE", "").strip() or API_BASE,
        host=env.get("GARANT_SLACK_HOST", "").strip() or "0.0.0.0",
        port=options.port if options.port is not None else bot.config.slack.port,
        dm_interval=max(dm_interval, 0.0),
    )
    return SlackPlatform(bot, settings)


class SlackUser(User):
    """A Slack user whose role identifiers are their id and their user groups only.

    Anyone may rename themself "camille" on Slack: if display names counted, that
    would make them the publication director. garant.yaml names Slack users by id
    (U...) and groups by handle (@coop) or id (S...).
    """

    __slots__ = ()

    def identifiers(self) -> set[str]:
        return {self.id, *self.groups}


@dataclass(slots=True)
class SlackHandle:
    """Slack's side of an Interaction: how to answer it."""

    trigger_id: str | None = None  # opens a modal, once, within 3 s
    response_url: str | None = None  # answers a command or a click, even outside the bot's channels
    thread_ts: str | None = None
    home: bool = False  # clicked on the App Home: republish it afterwards
    # A modal being submitted: open_form before the ack changes the modal itself.
    form: Form | None = None
    acked: bool = True
    next_view: dict[str, Any] | None = None
    next_errors: dict[str, str] | None = None
    trigger_used: bool = False


@dataclass(slots=True)
class _Group:
    id: str
    handle: str
    members: frozenset[str]


class SlackPlatform(Platform):
    name = "slack"

    def __init__(self, bot: Bot, settings: SlackSettings) -> None:
        self.bot = bot
        self.settings = settings
        self.t = bot.t
        known = bot.catalog.keys()  # a sorted list of the keys
        if "slack.submit" not in known:  # once per host, however many Slack platforms
            bot.add_messages(MESSAGES)
        self.client = self._web_client(settings.bot_token)
        self.admin_client = self._web_client(settings.admin_token) \
            if settings.admin_token else None
        self.dm_interval = settings.dm_interval
        self.command = "/garant"
        self.bot_user_id: str | None = None
        self.bot_id: str | None = None
        self.workspace_url = ""
        self.port: int | None = None
        self.listening = asyncio.Event()
        self._channels: dict[str, Channel] = {}  # id -> channel
        self._channel_keys: dict[str, Channel] = {}  # name key -> channel
        self._channels_loaded = 0.0
        self._users: dict[str, tuple[float, dict[str, Any]]] = {}
        self._groups: list[_Group] = []
        self._groups_loaded = 0.0
        self._groups_lock = asyncio.Lock()
        self._dm_channels: dict[str, str] = {}
        self._dm_lock = asyncio.Lock()
        self._last_dm = 0.0
        self._messages: OrderedDict[tuple[str, str], Message] = OrderedDict()
        self._forms: OrderedDict[str, tuple[Form, dict[str, str], FormContext,
                                            dict[str, str]]] = OrderedDict()
        self._rewriters: dict[str, Callable[[str], str]] = {}
        self._events_seen = 0
        self._warned: set[str] = set()
        self._tasks: set[asyncio.Task[Any]] = set()
        self._runner: web.AppRunner | None = None
        self._socket: Any = None
        self._wss_url: str | None = None
        self.app = self._build_app()

    # ------------------------------------------------------------ set-up

    def _web_client(self, token: str) -> AsyncWebClient:
        """A Web API client on the configured base URL that honours a 429's Retry-After
        (slack_sdk retries only connection errors by default)."""
        return AsyncWebClient(
            token=token, base_url=self.settings.api_base,
            retry_handlers=[AsyncConnectionErrorRetryHandler(),
                            AsyncRateLimitErrorRetryHandler(max_retry_count=3)])

    def _build_app(self) -> AsyncApp:
        http = self.settings.mode == "http"
        bolt_log = logging.getLogger("garant.slack.bolt")
        level = bolt_log.level
        bolt_log.setLevel(logging.ERROR)  # bolt warns that os.environ's token is unused
        try:
            app = AsyncApp(
                client=self.client, signing_secret=self.settings.signing_secret if http else "",
                request_verification_enabled=http, process_before_response=False,
                logger=bolt_log)
        finally:
            bolt_log.setLevel(level)
        app.middleware(self._dedupe)
        app.command(re.compile(".+"))(self._on_command)
        app.action(re.compile(".*"))(self._on_action)
        app.view_submission(re.compile(".*"))(self._on_view_submission)
        app.view_closed(re.compile(".*"))(self._ack_only)
        app.shortcut(re.compile(".*"))(self._on_shortcut)
        app.event("message")(self._on_message_event)
        app.event("app_home_opened")(self._on_home_opened)
        app.event(re.compile(r"^(channel_(created|rename|deleted|archive|unarchive)|group_rename"
                             r"|member_joined_channel)$"))(self._on_channel_event)
        app.event(re.compile(r"^subteam_"))(self._on_group_event)
        app.event("user_change")(self._on_user_change)
        app.event(re.compile(".*"))(self._ignore_event)  # else Slack would retry them
        app.error(self._on_error)
        return app

    async def prepare(self) -> None:
        """Check the token, learn the channels and the groups named by roles."""
        from bot.run import RunError

        try:
            auth = await self.client.auth_test()
        except SlackApiError as exc:
            raise RunError(f"Slack refused SLACK_BOT_TOKEN ({_error(exc)}); copy the Bot User "
                           "OAuth Token (xoxb-...) from the app's OAuth & Permissions page"
                           ) from None
        except NETWORK_ERRORS as exc:
            raise RunError(f"cannot reach Slack at {self.settings.api_base}: {exc}") from None
        self.bot_user_id = auth.get("user_id")
        self.bot_id = auth.get("bot_id")
        self.workspace_url = auth.get("url") or ""
        await self._load_channels()
        await self._load_groups()
        self._check_roles()
        await self._prune_events()
        if self.settings.mode == "socket":
            self._wss_url = await self._socket_url()  # last: the URL is short-lived
        log.info("Slack: connected to %s as %s (%s mode)", self.workspace_url or "?",
                 auth.get("user") or self.bot_user_id, self.settings.mode)

    async def run(self) -> None:
        """Serve Slack's requests until cancelled."""
        if self.settings.mode == "socket":
            await self._run_socket_mode()
        else:
            await self._run_http()
        await asyncio.Event().wait()

    async def _run_http(self) -> None:
        webapp = web.Application()
        webapp.router.add_post(EVENTS_PATH, self._http_request)
        webapp.router.add_get("/", self._health)
        self._runner = web.AppRunner(webapp, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, self.settings.host, self.settings.port)
        try:
            await site.start()
        except OSError as exc:
            from bot.run import RunError

            raise RunError(f"cannot listen for Slack on {self.settings.host}:"
                           f"{self.settings.port} ({exc.strerror or exc}); choose another port "
                           "with --port or slack.port in garant.yaml") from None
        sockets = [a for a in self._runner.addresses if isinstance(a, tuple)]
        self.port = sockets[0][1] if sockets else self.settings.port
        self.listening.set()
        log.info("Slack: listening on http://%s:%s%s", self.settings.host, self.port,
                 EVENTS_PATH)

    async def _socket_url(self) -> str:
        """A websocket URL for Socket Mode; asking for it also checks the app token, so a
        wrong one stops the start instead of retrying forever in the background."""
        from bot.run import RunError

        try:
            opened = await self.client.apps_connections_open(app_token=self.settings.app_token)
        except SlackApiError as exc:
            raise RunError(f"Slack refused SLACK_APP_TOKEN ({_error(exc)}); create an app-level "
                           "token (xapp-...) with the connections:write scope on the app's "
                           "Basic Information page") from None
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
        for task in list(self._tasks):
            task.cancel()
        for task in list(self._tasks):
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        if self._socket is not None:
            socket, self._socket = self._socket, None
            with contextlib.suppress(Exception):
                await socket.close_async()
        if self._runner is not None:
            runner, self._runner = self._runner, None
            await runner.cleanup()
        self.listening.clear()

    async def wait_listening(self, timeout: float = 10.0) -> int | None:
        """Wait until Slack can reach Garant; the HTTP port (None in Socket Mode)."""
        await asyncio.wait_for(self.listening.wait(), timeout)
        return self.port if self.settings.mode == "http" else None

    def _spawn(self, coroutine: Awaitable[Any]) -> None:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    # ------------------------------------------------------------ HTTP

    async def _health(self, request: web.Request) -> web.Response:
        return web.Response(text="Garant: Slack events go to POST /slack/events\n")

    async def _http_request(self, request: web.Request) -> web.Response:
        """One request from Slack, through bolt (signature first), with the body parsed the
        way Slack means it (see `slack_render.parse_body`)."""
        raw = await request.text()
        try:
            bolt_request = AsyncBoltRequest(body=raw, query=request.query_string,
                                            headers=dict(request.headers))
            body = parse_body(raw, bolt_request.content_type)
        except ValueError:
            return web.json_response({"error": "invalid request"}, status=400)
        if body != bolt_request.body:
            bolt_request.body = body
            bolt_request.context = build_async_context(AsyncBoltContext({}), body)
        response = await self.app.async_dispatch(bolt_request)
        return await to_aiohttp_response(response)

    # ------------------------------------------------------------ middleware

    async def _dedupe(self, body: dict[str, Any], resp: BoltResponse,
                      next: Callable[[], Awaitable[None]]) -> BoltResponse:
        """Handle each event id once: Slack re-sends events it believes failed, and Socket
        Mode marks first deliveries as attempt 0, so only the id can tell."""
        event_id = body.get("event_id") if body.get("type") == "event_callback" else None
        if event_id and not await self._first_delivery(str(event_id),
                                                       str(body.get("event", {}).get("type", ""))):
            log.info("Slack: event %s delivered again; already handled", event_id)
            return BoltResponse(status=200, body="")
        await next()
        return resp

    async def _first_delivery(self, event_id: str, event_type: str) -> bool:
        async with self.bot.store.transaction() as tx:
            result = await tx.execute(
                "INSERT OR IGNORE INTO slack_events (event_id, event_type, received_at) "
                "VALUES (?, ?, ?)", (event_id, event_type, format_utc(self.bot.clock.now())))
        self._events_seen += 1
        if self._events_seen % 500 == 0:
            self._spawn(self._prune_events())
        return result.rowcount > 0

    async def _prune_events(self) -> None:
        cutoff = format_utc(self.bot.clock.now() - EVENTS_KEPT)
        async with self.bot.store.transaction() as tx:
            await tx.execute("DELETE FROM slack_events WHERE received_at < ?", (cutoff,))

    # ------------------------------------------------------------ listeners

    async def _ack_only(self, ack: Callable[..., Awaitable[None]]) -> None:
        await ack()

    async def _ignore_event(self, body: dict[str, Any]) -> None:
        return None

    async def _on_error(self, error: Exception, body: dict[str, Any]) -> None:
        log.error("Slack: unhandled error for a %s request", body.get("type", "?"),
                  exc_info=error)

    async def _on_command(self, ack: Callable[..., Awaitable[None]],
                          body: dict[str, Any]) -> None:
        """`/garant draft new` → the host's text command `draft new`."""
        await ack()
        await self._safely(self._command(body), body.get("user_id"), body.get("channel_id"))

    async def _command(self, body: dict[str, Any]) -> None:
        if body.get("command"):
            self.command = body["command"]
        user = await self._user(body["user_id"])
        channel = await self._channel(body.get("channel_id", ""), body.get("channel_name"))
        handle = SlackHandle(trigger_id=body.get("trigger_id"),
                             response_url=body.get("response_url"))
        text = unescape(body.get("text") or "").strip() or "help"
        await self.bot.handle_command_text(self._interaction(user, channel, handle), text)

    async def _on_action(self, ack: Callable[..., Awaitable[None]],
                         body: dict[str, Any]) -> None:
        """A button: its value is the neutral action id (`review:keep:12`)."""
        await ack()
        await self._safely(self._action(body), body.get("user", {}).get("id"),
                           body.get("channel", {}).get("id"))

    async def _action(self, body: dict[str, Any]) -> None:
        actions = body.get("actions") or []
        if not actions:
            return
        action = action_of(actions[0])
        user = await self._user(body["user"]["id"])
        container = body.get("container") or {}
        home = (body.get("view") or {}).get("type") == "home"
        handle = SlackHandle(trigger_id=body.get("trigger_id"),
                             response_url=body.get("response_url"), home=home,
                             thread_ts=(body.get("message") or {}).get("thread_ts"))
        channel_id = (body.get("channel") or {}).get("id") or container.get("channel_id")
        channel = await self._channel(channel_id) if channel_id \
            else await self._dm_channel(user)
        interaction = self._interaction(user, channel, handle,
                                        container.get("message_ts")
                                        or (body.get("message") or {}).get("ts"))
        if action.startswith(OPEN_FORM + ":"):
            await self._open_pending_form(interaction, action.split(":", 1)[1])
            return
        await self.bot.handle_action(interaction, action)
        if home:
            await self.publish_home(user, channel)

    async def _on_view_submission(self, ack: Callable[..., Awaitable[None]],
                                  body: dict[str, Any]) -> None:
        """A modal submitted. Its errors must be in the ack, so the cog's handler runs
        first, for at most ACK_BUDGET seconds; past that the modal closes and the handler
        finishes on its own."""
        try:
            form, values, where = read_view(body["view"])
            user = await self._user(body["user"]["id"])
            channel = await self._form_channel(where, user)
        except Exception:
            log.exception("Slack: unreadable form submission")
            await ack()
            return
        handle = SlackHandle(form=form, acked=False, thread_ts=where.thread_ts)
        interaction = self._interaction(user, channel, handle, where.message_id)
        task = asyncio.ensure_future(self.bot.handle_form(interaction, form, values))
        try:
            errors = await asyncio.wait_for(asyncio.shield(task), ACK_BUDGET)
        except TimeoutError:
            handle.acked = True
            await ack()
            task.add_done_callback(lambda done: self._spawn(self._late_form(interaction, form,
                                                                            done)))
            return
        except Exception:
            log.exception("Slack: form %s failed", form.form_id)
            handle.acked = True
            await ack()
            return
        handle.acked = True
        errors = errors or handle.next_errors or {}
        if errors:
            await ack(response_action="errors", errors=form_errors(errors, form))
        elif handle.next_view is not None:
            await ack(response_action="update", view=handle.next_view)
        else:
            await ack()

    async def _late_form(self, interaction: Interaction, form: Form,
                         done: asyncio.Future[dict[str, str]]) -> None:
        """A slow form handler finished after its modal closed: say what was wrong."""
        if done.cancelled() or done.exception() is not None:
            return
        errors = done.result()
        if errors:
            text = "; ".join(f"{k}: {v}" for k, v in errors.items())
            await self.reply(interaction, self.t("slack.form.late", title=form.title,
                                                 errors=text), "private")

    async def _on_shortcut(self, ack: Callable[..., Awaitable[None]],
                           body: dict[str, Any]) -> None:
        """A message shortcut: `callback_id` is the id of a MessageAction (`report`)."""
        await ack()
        if body.get("type") != "message_action":
            return
        await self._safely(self._message_action(body), body.get("user", {}).get("id"),
                           body.get("channel", {}).get("id"))

    async def _message_action(self, body: dict[str, Any]) -> None:
        user = await self._user(body["user"]["id"])
        channel = await self._channel(body["channel"]["id"], body["channel"].get("name"))
        raw = body.get("message") or {}
        message = await self._message(raw, channel)
        handle = SlackHandle(trigger_id=body.get("trigger_id"),
                             response_url=body.get("response_url"),
                             thread_ts=raw.get("thread_ts"))
        await self.bot.handle_message_action(self._interaction(user, channel, handle),
                                             body.get("callback_id", ""), message)

    async def _on_message_event(self, event: dict[str, Any]) -> None:
        """New and edited messages go to the host; deletions to its deletion listeners."""
        try:
            await self._message_event(event)
        except Exception:
            log.exception("Slack: message event failed")

    async def _message_event(self, event: dict[str, Any]) -> None:
        if event.get("channel_type") in ("im", "mpim"):
            return  # direct messages are not moderated
        subtype = event.get("subtype")
        channel_id = event.get("channel", "")
        if subtype == "message_deleted":
            ts = event.get("deleted_ts") or (event.get("previous_message") or {}).get("ts")
            if ts:
                self._messages.pop((channel_id, ts), None)
                await self.bot.handle_message_deleted(self, channel_id, ts)
            return
        edited = subtype == "message_changed"
        raw = (event.get("message") or {}) if edited else event
        if edited:
            before = event.get("previous_message") or {}
            if raw.get("subtype") == "tombstone" or raw.get("text") == before.get("text"):
                return  # a link preview added, a thread reply counted: not an edit
        elif subtype is not None and subtype not in PERSON_SUBTYPES:
            return
        if raw.get("bot_id") or not raw.get("user") or raw.get("user") == self.bot_user_id:
            return
        channel = await self._channel(channel_id)
        # An edit is dated when it was made (quiet hours, flood windows), not when first posted.
        when = ((raw.get("edited") or {}).get("ts") or event.get("event_ts")) if edited else None
        message = await self._message(raw, channel, edited=edited, when=when)
        await self.bot.handle_message(self, message)

    async def _on_home_opened(self, event: dict[str, Any]) -> None:
        if event.get("tab", "home") != "home":
            return
        try:
            user = await self._user(event["user"])
            channel = None
            if event.get("channel"):
                self._dm_channels[user.id] = event["channel"]
                channel = Channel(self.name, event["channel"], "", is_dm=True)
            await self.publish_home(user, channel)
        except Exception:
            log.exception("Slack: App Home failed")

    async def _on_channel_event(self, event: dict[str, Any]) -> None:
        """Keep channel names current (garant.yaml names channels; Slack uses ids)."""
        try:
            await self._channel_event(event)
        except Exception:  # an event listener must not raise: bolt would drop its ack
            log.exception("Slack: channel event failed")

    async def _channel_event(self, event: dict[str, Any]) -> None:
        raw = event.get("channel")
        channel_id = raw.get("id") if isinstance(raw, dict) else raw
        if not channel_id:
            return
        if event.get("type") in ("channel_deleted", "channel_archive"):
            self._forget_channel(channel_id)
            return
        if event.get("type") == "member_joined_channel" and event.get("user") != self.bot_user_id:
            return
        found, _ = await _call(f"conversations.info {channel_id}",
                               self.client.conversations_info(channel=channel_id))
        if found is not None:
            self._remember_channel(found["channel"])

    async def _on_group_event(self, event: dict[str, Any]) -> None:
        self._groups_loaded = 0.0  # reloaded on next use
        self._spawn(self._load_groups())

    async def _on_user_change(self, event: dict[str, Any]) -> None:
        user = event.get("user")
        if isinstance(user, dict) and user.get("id"):
            self._users[user["id"]] = (time.monotonic(), user)

    async def _safely(self, work: Awaitable[None], user_id: str | None,
                      channel_id: str | None) -> None:
        """Run an interaction's work after its ack; an error is logged and the person told,
        never raised (bolt could lose the ack)."""
        try:
            await work
        except Exception:
            log.exception("Slack: an interaction failed")
            if user_id and channel_id:
                with contextlib.suppress(Exception):
                    await self._ephemeral(channel_id, user_id, self.t("host.failed"))

    # ------------------------------------------------------------ the neutral model

    def _interaction(self, user: User, channel: Channel, handle: SlackHandle,
                     message_id: str | None = None) -> Interaction:
        from bot.host import Interaction

        return Interaction(self, user, channel, handle=handle, message_id=message_id)

    async def _message(self, raw: Mapping[str, Any], channel: Channel,
                       edited: bool = False, when: str | None = None) -> Message:
        """A Slack message as the neutral model: its id is its ts, its text decoded."""
        ts = str(raw.get("ts", ""))
        if raw.get("user"):
            author = await self._user(raw["user"])
        else:
            author = SlackUser(self.name, str(raw.get("bot_id") or "?"),
                               str(raw.get("username") or "bot"), is_bot=True)
        message = Message(self.name, ts, channel, author, unescape(raw.get("text") or ""),
                          ts_to_datetime(when or ts), edited=edited,
                          link=permalink(self.workspace_url, channel.id, ts,
                                         raw.get("thread_ts"))
                          if self.workspace_url else None)
        self._messages[(channel.id, ts)] = message
        while len(self._messages) > 500:
            self._messages.popitem(last=False)
        return message

    async def _user(self, user_id: str) -> User:
        info = await self._user_info(user_id)
        groups = await self._groups_of(user_id)
        if info is None:
            return SlackUser(self.name, user_id, user_id, groups)
        return SlackUser(self.name, user_id, display_name(info), groups,
                         is_bot=bool(info.get("is_bot")) or user_id == "USLACKBOT")

    async def _user_info(self, user_id: str) -> dict[str, Any] | None:
        cached = self._users.get(user_id)
        if cached and time.monotonic() - cached[0] < USER_TTL:
            return cached[1]
        found, _ = await _call(f"users.info {user_id}", self.client.users_info(user=user_id))
        if found is None:
            return cached[1] if cached else None
        info = found["user"]
        self._users[user_id] = (time.monotonic(), info)
        return info

    async def _channel(self, channel_id: str, name_hint: str | None = None) -> Channel:
        if channel_id in self._channels:
            return self._channels[channel_id]
        found, _ = await _call(f"conversations.info {channel_id}",
                               self.client.conversations_info(channel=channel_id))
        if found is None:
            hint = name_hint if name_hint not in ("directmessage", "privategroup") else ""
            return Channel(self.name, channel_id, hint or "", is_dm=channel_id.startswith("D"))
        return self._remember_channel(found["channel"])

    def _remember_channel(self, info: Mapping[str, Any]) -> Channel:
        """A channel from conversations.list/info; only named channels are looked up by
        name (a group DM is not a direct message: others would see a "private" answer)."""
        channel = Channel(self.name, str(info["id"]), str(info.get("name") or ""),
                          is_dm=bool(info.get("is_im")))
        if not info.get("is_im") and not info.get("is_mpim") and channel.name:
            old = self._channels.get(channel.id)
            if old is not None:
                self._channel_keys.pop(identity_key(old.name), None)
            self._channels[channel.id] = channel
            self._channel_keys[identity_key(channel.name)] = channel
        return channel

    def _forget_channel(self, channel_id: str) -> None:
        old = self._channels.pop(channel_id, None)
        if old is not None:
            self._channel_keys.pop(identity_key(old.name), None)

    async def _load_channels(self) -> None:
        """Every channel the app can see, so that `channel_named` answers at once."""
        self._channels_loaded = time.monotonic()
        cursor = None
        try:
            while True:
                page = await self.client.conversations_list(
                    types="public_channel,private_channel", exclude_archived=True, limit=200,
                    cursor=cursor)
                for info in page.get("channels", []):
                    self._remember_channel(info)
                cursor = (page.get("response_metadata") or {}).get("next_cursor")
                if not cursor:
                    break
        except NETWORK_ERRORS as exc:
            log.warning("Slack: conversations.list failed (%s); channels will be learnt as "
                        "messages arrive", _error(exc))

    async def _dm_channel(self, user: User) -> Channel:
        channel_id = await self._dm_channel_id(user.id)
        return Channel(self.name, channel_id or "", "", is_dm=True)

    async def _dm_channel_id(self, user_id: str) -> str | None:
        if user_id in self._dm_channels:
            return self._dm_channels[user_id]
        opened, _ = await _call(f"conversations.open with {user_id}",
                                self.client.conversations_open(users=user_id))
        if opened is None:
            return None
        channel_id = opened["channel"]["id"]
        self._dm_channels[user_id] = channel_id
        return channel_id

    async def _form_channel(self, where: FormContext, user: User) -> Channel:
        if where.channel_id:
            return self._channels.get(where.channel_id) or Channel(
                self.name, where.channel_id, where.channel_name, is_dm=where.is_dm)
        return await self._dm_channel(user)

    # ------------------------------------------------------------ groups and roles

    def _role_identifiers(self) -> dict[str, tuple[str, ...]]:
        roles = self.bot.config.roles
        return {"members": roles.members, "moderators": roles.moderators,
                "director": roles.director, "exempt": roles.exempt}

    async def _load_groups(self, force: bool = True) -> None:
        """The user groups garant.yaml names, with their members (usergroups:read)."""
        async with self._groups_lock:
            if not force and time.monotonic() - self._groups_loaded < GROUPS_TTL:
                return  # another event reloaded them while this one waited
            wanted = {identity_key(i) for ids in self._role_identifiers().values() for i in ids}
            try:
                listed = (await self.client.usergroups_list(include_disabled=False))
                groups = []
                for raw in listed.get("usergroups", []):
                    keys = {identity_key(raw.get("id", "")), identity_key(raw.get("handle", ""))}
                    if not keys & wanted:
                        continue
                    members = (await self.client.usergroups_users_list(
                        usergroup=raw["id"])).get("users", [])
                    groups.append(_Group(raw["id"], raw.get("handle", ""), frozenset(members)))
            except NETWORK_ERRORS as exc:
                self._warn_once("groups", "Slack: cannot read user groups (%s); roles can only "
                                "name user ids", _error(exc))
                self._groups_loaded = time.monotonic()
                return
            self._groups = groups
            self._groups_loaded = time.monotonic()

    async def _current_groups(self) -> list[_Group]:
        if time.monotonic() - self._groups_loaded >= GROUPS_TTL:
            await self._load_groups(force=False)
        return self._groups

    async def _groups_of(self, user_id: str) -> frozenset[str]:
        """A user's groups as role identifiers: handle and id of each."""
        names: set[str] = set()
        for group in await self._current_groups():
            if user_id in group.members:
                names.update(n for n in (group.handle, group.id) if n)
        return frozenset(names)

    def _check_roles(self) -> None:
        """Say at start which role entries can never match on Slack."""
        groups = {identity_key(n) for g in self._groups for n in (g.id, g.handle) if n}
        for role, identifiers in self._role_identifiers().items():
            for identifier in identifiers:
                if _user_id_in(identifier) is None and identity_key(identifier) not in groups:
                    log.warning("Slack: roles.%s: %r is neither a user id (U...) nor a user group "
                                "this app can read; on Slack, name people by id and groups by "
                                "handle", role, identifier)

    def _warn_once(self, key: str, message: str, *args: Any) -> None:
        if key not in self._warned:
            self._warned.add(key)
            log.warning(message, *args)

    # ------------------------------------------------------------ Platform

    def channel_named(self, name: str) -> Channel | None:
        channel = self._channel_keys.get(identity_key(name))
        if channel is None and time.monotonic() - self._channels_loaded >= CHANNELS_REFRESH:
            self._channels_loaded = time.monotonic()
            self._spawn(self._load_channels())  # a channel made since: known next time
        return channel

    async def user_by_id(self, user_id: str) -> User | None:
        user_id = mention_token(user_id)
        if not is_user_id(user_id):
            return None
        if await self._user_info(user_id) is None:
            return None
        return await self._user(user_id)

    async def find_user(self, text: str) -> User | None:
        return await self.user_by_id(mention_token(text))

    async def resolve_members(self, identifiers: list[str]) -> list[User]:
        groups = await self._current_groups()
        ids: dict[str, None] = {}
        for identifier in identifiers:
            key = identity_key(identifier)
            found = [g for g in groups if key in (identity_key(g.id), identity_key(g.handle))]
            if found:
                for group in found:
                    ids.update(dict.fromkeys(sorted(group.members)))
            elif (user_id := _user_id_in(identifier)) is not None:
                ids[user_id] = None
        users = []
        for user_id in ids:
            info = await self._user_info(user_id)
            if info is None or info.get("deleted") or info.get("is_bot"):
                continue
            users.append(await self._user(user_id))
        return users

    async def send(self, channel: Channel, content: Content) -> str | None:
        return await self._post(channel.id, content)

    async def edit(self, channel_id: str, message_id: str, content: Content) -> bool:
        done, _ = await _call(f"chat.update {channel_id}/{message_id}", self.client.chat_update(
            channel=channel_id, ts=message_id, **message_payload(content, self._rewrite())))
        return done is not None

    async def delete_message(self, message: Message) -> bool:
        """Only with an admin's user token for other people's messages: a bot token may
        delete the bot's own messages only."""
        own = message.author.id in (self.bot_user_id, self.bot_id)
        client = self.client if own else self.admin_client
        if client is None:
            return False
        done, error = await _call(f"chat.delete {message.channel.id}/{message.id}",
                                  client.chat_delete(channel=message.channel.id, ts=message.id),
                                  quiet=("message_not_found",))
        if done is None and error != "message_not_found":  # not found: already gone
            return False
        self._messages.pop((message.channel.id, message.id), None)
        return True

    async def send_dm(self, user: User, content: Content) -> bool:
        """A direct message from the app, paced: one every `dm_interval` seconds."""
        if user.is_bot:
            return False
        channel_id = await self._dm_channel_id(user.id)
        if channel_id is None:
            return False
        async with self._dm_lock:
            wait = self._last_dm + self.dm_interval - time.monotonic()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                return await self._post(channel_id, content) is not None
            finally:
                self._last_dm = time.monotonic()

    async def reply(self, interaction: Interaction, content: Content,
                    visibility: Visibility) -> None:
        handle = _handle(interaction)
        channel = interaction.channel
        if visibility == "dm":
            await self.send_dm(interaction.user, content)
        elif visibility == "public":
            if channel.id:
                await self._post(channel.id, content, thread_ts=handle.thread_ts)
        elif not await self._private(interaction, content):
            await self.send_dm(interaction.user, content)

    async def _private(self, interaction: Interaction, content: Content) -> bool:
        """Only-for-you, in the place of the interaction: in our DM with them a plain
        message, elsewhere an ephemeral one, else through the command's response_url (it
        works where the bot is not a member)."""
        handle = _handle(interaction)
        channel = interaction.channel
        if channel.id and channel.is_dm:
            if await self._post(channel.id, content) is not None:
                return True
        elif channel.id and await self._ephemeral(channel.id, interaction.user.id, content,
                                                  handle.thread_ts):
            return True
        return bool(handle.response_url) and await self._respond(handle.response_url, content)

    async def open_form(self, interaction: Interaction, form: Form, errors: dict[str, str],
                        values: dict[str, str]) -> None:
        """A modal: replaces the one being submitted, else opens with the interaction's
        trigger; without a usable trigger (too late, or no click at all) the person gets a
        private button that opens it."""
        handle = _handle(interaction)
        channel = interaction.channel
        where = FormContext(form.form_id, channel.id, channel.name, channel.is_dm,
                            interaction.message_id, handle.thread_ts)
        view = self._form_view(form, values, where, errors)
        if handle.form is not None and not handle.acked:
            if errors and form.form_id == handle.form.form_id:
                handle.next_errors = dict(errors)
            else:
                handle.next_view = view
            return
        if handle.trigger_id and not handle.trigger_used:
            handle.trigger_used = True
            opened, _ = await _call("views.open", self.client.views_open(
                trigger_id=handle.trigger_id, view=view))
            if opened is not None:
                return
        token = token_maker.token_hex(8)
        self._forms[token] = (form, dict(values), where, dict(errors))
        while len(self._forms) > 200:
            self._forms.popitem(last=False)
        await self.reply(interaction, Card(form.title, self.t("slack.form.pending",
                                                              title=form.title),
                                           buttons=(Button(self.t("slack.form.open"),
                                                           f"{OPEN_FORM}:{token}", "primary"),)),
                         "private")

    async def _open_pending_form(self, interaction: Interaction, token: str) -> None:
        pending = self._forms.pop(token, None)
        if pending is None:
            await self.reply(interaction, self.t("host.stale_form"), "private")
            return
        form, values, where, errors = pending
        handle = _handle(interaction)
        opened, _ = await _call("views.open", self.client.views_open(
            trigger_id=handle.trigger_id, view=self._form_view(form, values, where, errors)))
        if opened is None:
            self._forms[token] = pending  # the button may be tried again

    def _form_view(self, form: Form, values: Mapping[str, str], where: FormContext,
                   errors: Mapping[str, str]) -> dict[str, Any]:
        view = form_view(form, values, where, self.t("slack.submit"), self.t("slack.cancel"))
        for block in view["blocks"]:
            error = errors.get(block.get("block_id", ""))
            if error:  # shown under the field until the next submission
                block["hint"] = {"type": "plain_text", "text": f"⚠ {error}"[:2000], "emoji": True}
        return view

    async def send_file(self, channel: Channel, attachment: Attachment, text: str = "") -> bool:
        done, _ = await _call(f"file upload to {channel.id}", self.client.files_upload_v2(
            channel=channel.id, content=attachment.data, filename=attachment.filename,
            title=attachment.filename,
            initial_comment=escape(self._rewrite()(text)) if text else None))
        return done is not None

    async def fetch_message(self, channel_id: str | None, message_id: str) -> Message | None:
        """A message by `channel_id` + ts, or by a Slack link / `CHANNEL/TS` typed in a
        command; recent messages come from memory, older ones from the history."""
        if channel_id is None:
            ref = parse_message_ref(message_id)
            if ref is None:
                return None
            channel_id, message_id = ref
        if channel_id is None:
            found = [m for (_, ts), m in self._messages.items() if ts == message_id]
            return found[-1] if found else None
        known = self._messages.get((channel_id, message_id))
        if known is not None:
            return known
        page, _ = await _call(f"conversations.history {channel_id}",
                              self.client.conversations_history(
                                  channel=channel_id, latest=message_id, oldest=message_id,
                                  inclusive=True, limit=1))
        if page is None:
            return None
        raw = next((m for m in page.get("messages", []) if m.get("ts") == message_id), None)
        if raw is None or raw.get("subtype") in ("tombstone", "message_deleted"):
            return None
        return await self._message(raw, await self._channel(channel_id))

    # ------------------------------------------------------------ App Home

    async def publish_home(self, user: User, channel: Channel | None = None) -> None:
        """Build `user`'s App Home from the host's home sections and publish it."""
        channel = channel or Channel(self.name, self._dm_channels.get(user.id, ""), "",
                                     is_dm=True)
        interaction = self._interaction(user, channel, SlackHandle(home=True))
        contents = await self.bot.home_contents(interaction)
        roles = sorted(self.bot.roles_of(user))
        shown = ", ".join(self.t(f"role.{r}") if r != "exempt" else r for r in roles)
        intro = self.t("slack.home.intro", name=user.name,
                       roles=shown or self.t("slack.home.no_role"))
        view = home_view(self.t("slack.home.title"), intro, contents,
                         self.t("slack.home.empty"), self._rewrite())
        await _call(f"views.publish for {user.id}",
                    self.client.views_publish(user_id=user.id, view=view))

    # ------------------------------------------------------------ sending

    def _rewrite(self) -> Callable[[str], str]:
        """`/draft new` → `/garant draft new` in what we post (see `command_rewriter`)."""
        rewrite = self._rewriters.get(self.command)
        if rewrite is None:
            roots = {path[0] for path in self.bot.registry.commands}
            rewrite = self._rewriters[self.command] = command_rewriter(roots, self.command)
        return rewrite

    async def _post(self, channel_id: str, content: Content,
                    thread_ts: str | None = None) -> str | None:
        response, _ = await _call(f"chat.postMessage in {channel_id}",
                                  self.client.chat_postMessage(
                                      channel=channel_id, thread_ts=thread_ts,
                                      unfurl_links=False, unfurl_media=False,
                                      **message_payload(content, self._rewrite())))
        return response.get("ts") if response is not None else None

    async def _ephemeral(self, channel_id: str, user_id: str, content: Content,
                         thread_ts: str | None = None) -> bool:
        done, _ = await _call(f"chat.postEphemeral in {channel_id}",
                              self.client.chat_postEphemeral(
                                  channel=channel_id, user=user_id, thread_ts=thread_ts,
                                  **message_payload(content, self._rewrite())),
                              quiet=("not_in_channel", "channel_not_found"))
        return done is not None

    async def _respond(self, response_url: str, content: Content) -> bool:
        """Answer through a command's response_url: it works where the bot is not a
        member (an ephemeral message there is refused)."""
        try:
            response = await AsyncWebhookClient(response_url).send(
                response_type="ephemeral", replace_original=False,
                **message_payload(content, self._rewrite()))
        except NETWORK_ERRORS as exc:
            log.info("Slack: response_url failed: %s", exc)
            return False
        return response.status_code == 200


def _user_id_in(identifier: str) -> str | None:
    """The Slack user id a role entry names (`U0123ABC`, `@u0123abc`), or None."""
    token = identifier.strip().lstrip("@").upper()
    return token if is_user_id(token) else None


def _handle(interaction: Interaction) -> SlackHandle:
    handle = interaction.handle
    return handle if isinstance(handle, SlackHandle) else SlackHandle()


async def _call(what: str, call: Awaitable[Any],
                quiet: tuple[str, ...] = ()) -> tuple[Any | None, str | None]:
    """A Web API call that never raises: (response, None), or (None, Slack's error code)
    logged unless `quiet` (the Platform contract: refusals are results, not exceptions)."""
    try:
        return await call, None
    except SlackApiError as exc:
        error = _error(exc)
        if error not in quiet:
            log.warning("Slack: %s refused: %s", what, error)
        return None, error
    except NETWORK_ERRORS as exc:
        log.warning("Slack: %s failed: %s", what, exc)
        return None, "network"


def _error(exc: Exception) -> str:
    """Slack's error code ("cant_delete_message") when there is one, else the text."""
    response = getattr(exc, "response", None)
    try:
        return str(response.get("error")) if response is not None else str(exc)
    except Exception:
        return str(exc)


__all__ = ["SlackHandle", "SlackPlatform", "SlackSettings", "SlackUser", "create"]
