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
* Retries. Slack re-sends an event it thinks failed; each message event id and
  interaction trigger id is written into `slack_events` (UNIQUE) after the ack and
  before it is handled (`SlackTransport._first`), so a second delivery is
  acknowledged and dropped, whatever its retry headers say. Other events (App Home
  opened, channels renamed, groups changed) are idempotent and not recorded.
* Rate limits. A 429 is retried after its Retry-After
  (`AsyncRateLimitErrorRetryHandler`); direct messages go through the kit's paced
  queue, one every `dm_interval` seconds, since each one is a new conversation.
* Bots cannot delete other people's messages. With SLACK_ADMIN_USER_TOKEN (an
  admin's user token) `delete_message` uses it; without, it returns False and the
  moderation cog asks the author instead.
* Roles name users by id and groups by handle: a display name is chosen by its
  owner, so it never grants a role here (`SlackUser`).

The Web API base URL comes from GARANT_SLACK_API_BASE (proxies, tests). Rendering
(Block Kit, modals, App Home, escaping) is pure and lives in `render.py`; the
meaning of Slack's messages in `wire.py`. The package splits the platform along
its seams: `transport.py` (HTTP, Socket Mode, dedupe, Web API calls),
`listeners.py` (bolt's listeners), `directory.py` (users, channels, groups).
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from aiohttp import web
from slack_sdk.errors import SlackApiError
from slack_sdk.webhook.async_client import AsyncWebhookClient

from bot.model import (
    Attachment,
    Button,
    Card,
    Channel,
    Content,
    Form,
    Interaction,
    Message,
    User,
    Visibility,
    identity_key,
)
from bot.platforms.base import DeliveryError, Host, Platform, PlatformStartError, StartRequest
from bot.platforms.intake import Intake
from bot.platforms.kit import DmPacer, PendingForms, TaskSet
from bot.platforms.slack import oauth
from bot.platforms.slack.directory import CHANNELS_REFRESH, SlackUser, _Group, _user_id_in
from bot.platforms.slack.listeners import OPEN_FORM, SlackHandle, SlackListeners
from bot.platforms.slack.messages import MESSAGES
from bot.platforms.slack.oauth import REDIRECT_PATH, Installation, OAuthApp
from bot.platforms.slack.render import (
    FormContext,
    command_rewriter,
    escape,
    form_view,
    home_view,
    message_payload,
)
from bot.platforms.slack.transport import (
    API_BASE,
    DM_INTERVAL,
    NETWORK_ERRORS,
    SlackSettings,
    SlackTransport,
    call,
    effect,
    error_code,
)
from bot.platforms.slack.wire import is_user_id, mention_token, parse_message_ref
from bot.store import format_utc

if TYPE_CHECKING:
    from bot.platforms.slack.endpoint import SlackEndpoint

log = logging.getLogger("garant.slack")

PENDING_FORMS_MAX = 200


def create(request: StartRequest) -> SlackPlatform:
    """The Slack platform for `garant run`; PlatformStartError (one line) when the
    secrets cannot work."""
    secrets, env, options = request.secrets, request.env, request.options
    bot_token = secrets.get("SLACK_BOT_TOKEN")
    client_id, client_secret = secrets.get("SLACK_CLIENT_ID"), secrets.get("SLACK_CLIENT_SECRET")
    oauth_app = None
    public_url = getattr(request.settings, "public_url", None)
    if not bot_token and client_id and client_secret:
        if not secrets.get("SLACK_SIGNING_SECRET"):
            raise PlatformStartError(
                "a Slack app installed through OAuth needs SLACK_SIGNING_SECRET (the app's "
                "Basic Information > App Credentials > Signing Secret)")
        oauth_app = OAuthApp(client_id, client_secret, f"{public_url}{REDIRECT_PATH}"
                             if public_url else None)
    elif not bot_token:
        raise PlatformStartError("the Slack platform needs SLACK_BOT_TOKEN (xoxb-...), or "
                                 "SLACK_CLIENT_ID and SLACK_CLIENT_SECRET for an app installed "
                                 "on workspaces through OAuth")
    if not secrets.get("SLACK_APP_TOKEN") and not secrets.get("SLACK_SIGNING_SECRET"):
        raise PlatformStartError(
            "Slack in HTTP mode needs SLACK_SIGNING_SECRET (the app's Basic Information > "
            "App Credentials > Signing Secret) to check that requests come from Slack; "
            "or set SLACK_APP_TOKEN (xapp-...) to use Socket Mode instead")
    interval = env.get("GARANT_SLACK_DM_INTERVAL", "").strip()
    try:
        dm_interval = float(interval) if interval else DM_INTERVAL
    except ValueError:
        raise PlatformStartError("GARANT_SLACK_DM_INTERVAL must be a number of seconds, got "
                                 "{value}", value=repr(interval)) from None
    port = getattr(options, "port", None)
    settings = SlackSettings(
        bot_token=bot_token,
        app_token=None if oauth_app else secrets.get("SLACK_APP_TOKEN"),
        signing_secret=secrets.get("SLACK_SIGNING_SECRET"),
        admin_token=None if oauth_app else secrets.get("SLACK_ADMIN_USER_TOKEN"),
        api_base=env.get("GARANT_SLACK_API_BASE", "").strip() or API_BASE,
        host=env.get("GARANT_SLACK_HOST", "").strip() or "0.0.0.0",
        port=port if port is not None else getattr(request.settings, "port", 3000),
        dm_interval=max(dm_interval, 0.0),
        oauth_app=oauth_app,
        public_url=public_url,
    )
    return SlackPlatform(request.host, settings)


class SlackPlatform(SlackListeners, SlackTransport, Platform):
    name = "slack"

    def __init__(self, host: Host, settings: SlackSettings) -> None:
        self.host = host
        self.settings = settings
        if "slack.submit" not in host.t.catalog:  # once per host, however many Slack apps
            host.add_messages(MESSAGES)
        self.client = self._web_client(settings.bot_token)
        #: With an app installed through OAuth (`oauth.py`): its workspace, once installed,
        #: and the endpoint serving it (`endpoint.py`; this team's name there).
        self.installation: Installation | None = None
        self.endpoint: SlackEndpoint | None = None
        self.tenant = ""
        self.admin_client = self._web_client(settings.admin_token) \
            if settings.admin_token else None
        self.tasks = TaskSet("slack")
        self.intake: Intake[dict[str, Any]] = Intake("slack", self._intake_message)
        self.dms = DmPacer(host.clock, settings.dm_interval)
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
        self._messages: OrderedDict[tuple[str, str], Message] = OrderedDict()
        self._forms: PendingForms[tuple[Form, dict[str, str], FormContext,
                                        dict[str, str]]] = PendingForms(PENDING_FORMS_MAX)
        self._rewriters: dict[str, Callable[[str], str]] = {}
        self._events_seen = 0
        self._warned: set[str] = set()
        self._runner: web.AppRunner | None = None
        self._socket: Any = None
        self._wss_url: str | None = None
        self._own_endpoint: SlackEndpoint | None = None
        self.app = self._build_app()

    # ------------------------------------------------------------ life cycle

    @property
    def oauth_app(self) -> OAuthApp:
        assert self.settings.oauth_app is not None, "not an app installed through OAuth"
        return self.settings.oauth_app

    async def prepare(self) -> None:
        """Check the token, learn the channels and the groups named by roles. An app
        installed through OAuth may not be installed yet: it serves once it is."""
        if self.settings.oauth_app is not None:
            await self.refresh_installation()
            await self._prune_events()
            return
        try:
            auth = await self.client.auth_test()
        except SlackApiError as exc:
            raise PlatformStartError(
                "Slack refused SLACK_BOT_TOKEN ({code}); copy the Bot User OAuth Token "
                "(xoxb-...) from the app's OAuth & Permissions page",
                code=error_code(exc)) from None
        except NETWORK_ERRORS as exc:
            raise PlatformStartError("cannot reach Slack at {url}: {error}",
                                     url=self.settings.api_base, error=str(exc)) from None
        await self._learn_workspace(auth)
        await self._prune_events()
        if self.settings.mode == "socket":
            self._wss_url = await self._socket_url()  # last: the URL is short-lived
        log.info("Slack: connected to %s as %s (%s mode)", self.workspace_url or "?",
                 auth.get("user") or self.bot_user_id, self.settings.mode)

    async def _learn_workspace(self, auth: Any) -> None:
        self.bot_user_id = auth.get("user_id")
        self.bot_id = auth.get("bot_id")
        self.workspace_url = auth.get("url") or ""
        await self._load_channels()
        await self._load_groups()
        self._check_roles()

    async def run(self) -> None:
        """Serve Slack's requests until cancelled."""
        if self.settings.oauth_app is not None:
            await self._run_installed()
        elif self.settings.mode == "socket":
            await self._run_socket_mode()
        else:
            await self._run_http()
        await asyncio.Event().wait()

    # ------------------------------------------------------------ installed through OAuth

    async def _run_installed(self) -> None:
        """Serve through the process's endpoint (tenants), or one of this team's own."""
        from bot.platforms.slack.endpoint import SlackEndpoint

        if self.endpoint is None:
            assert self.settings.signing_secret is not None
            endpoint = SlackEndpoint({"": self}, self.settings.signing_secret,
                                     self.settings.host, self.settings.port)
            await endpoint.start()
            self._own_endpoint = endpoint
        if self.installation is None:
            assert self.endpoint is not None
            log.warning("Slack: %s is not installed on a workspace yet; an administrator of "
                        "the workspace opens %s", self.tenant or "Garant",
                        self.endpoint.install_link(self.tenant, self))

    async def connect_installation(self, installation: Installation) -> Installation | None:
        """Serve the workspace of `installation` from now on; the installation completed
        with what Slack says of its bot, or None when Slack refuses its token."""
        client = self._web_client(installation.bot_token)
        what = f"auth.test on workspace {installation.team_id}"
        auth, _ = await call(what, client.auth_test())
        if auth is None:
            return None
        self.client.token = installation.bot_token
        self.app = self._build_app()  # bolt's authorisation of one workspace: its token
        self.installation = replace(
            installation, bot_user_id=str(auth.get("user_id") or installation.bot_user_id),
            bot_id=str(auth.get("bot_id") or ""),
            installed_at=installation.installed_at or format_utc(self.host.clock.now()))
        await self._learn_workspace(auth)
        log.info("Slack: serving workspace %s (%s) for %s", installation.team_name,
                 installation.team_id, self.tenant or "Garant")
        return self.installation

    async def refresh_installation(self) -> None:
        """Read the installation again from the store (another instance may have made or
        renewed it); serve it, or nothing when there is none."""
        stored = await oauth.load(self.host.store)
        if stored == self.installation:
            return
        if stored is None:
            self._uninstalled()
        elif await self.connect_installation(stored) is None:
            # Read again at a request from that workspace (once a minute at most): a network
            # failure heals by itself; a revoked token needs the app installed again.
            log.warning("Slack: cannot serve the installation on workspace %s yet (see "
                        "above); if its token was revoked, install the app again",
                        stored.team_id)
            self._uninstalled()

    def _uninstalled(self) -> None:
        self.installation = None
        self.client.token = None
        self.app = self._build_app()
        self._channels.clear()
        self._channel_keys.clear()

    async def forget_installation(self, team_id: str) -> None:
        """The app was uninstalled from `team_id` (or its token revoked): forget it."""
        if self.settings.oauth_app is None:
            log.error("Slack: the app was uninstalled from workspace %s (or its token "
                      "revoked); Garant cannot act there any more", team_id)
            return
        if await oauth.forget(self.host.store, team_id):
            log.warning("Slack: uninstalled from workspace %s", team_id)
        if self.installation is not None and self.installation.team_id == team_id:
            self._uninstalled()

    async def close(self) -> None:
        await SlackTransport.close(self)
        if self._own_endpoint is not None:
            endpoint, self._own_endpoint = self._own_endpoint, None
            await endpoint.close()

    # ------------------------------------------------------------ Platform

    def channel_named(self, name: str) -> Channel | None:
        channel = self._channel_keys.get(identity_key(name))
        if channel is None and time.monotonic() - self._channels_loaded >= CHANNELS_REFRESH:
            self._channels_loaded = time.monotonic()
            self.tasks.spawn(self._load_channels())  # a channel made since: known next time
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

    async def send(self, channel: Channel, content: Content) -> str:
        response = await effect(f"chat.postMessage in {channel.name or channel.id}",
                                self._post_call(channel.id, content))
        return str(response.get("ts"))

    async def edit(self, channel_id: str, message_id: str, content: Content) -> None:
        await effect(f"chat.update {channel_id}/{message_id}", self.client.chat_update(
            channel=channel_id, ts=message_id, **message_payload(content, self._rewrite())),
            already=("message_not_found",))

    async def delete_message(self, message: Message) -> None:
        """Only with an admin's user token for other people's messages: a bot token may
        delete the bot's own messages only."""
        own = message.author.id in (self.bot_user_id, self.bot_id)
        client = self.client if own else self.admin_client
        if client is None:
            raise DeliveryError("Slack lets a bot delete only its own messages; "
                                "SLACK_ADMIN_USER_TOKEN is not set", True)
        await effect(f"chat.delete {message.channel.id}/{message.id}",
                     client.chat_delete(channel=message.channel.id, ts=message.id),
                     already=("message_not_found",))
        self._messages.pop((message.channel.id, message.id), None)

    def dm_delay(self) -> float:
        return self.dms.delay()

    async def send_dm(self, user: User, content: Content) -> None:
        """A direct message from the app, paced: one every `dm_interval` seconds."""
        if user.is_bot:
            raise DeliveryError(f"{user.name} is a bot", True)
        channel_id = await self._dm_channel_id(user.id)
        if channel_id is None:
            raise DeliveryError(f"no direct message conversation with {user.name}", False)
        await self.dms.wait()
        await effect(f"a direct message to {user.name}", self._post_call(channel_id, content))

    async def reply(self, interaction: Interaction, content: Content,
                    visibility: Visibility) -> None:
        handle = _handle(interaction)
        channel = interaction.channel
        try:
            if visibility == "dm":
                await self.send_dm(interaction.user, content)
            elif visibility == "public":
                if channel.id:
                    await self._post(channel.id, content, thread_ts=handle.thread_ts)
            elif not await self._private(interaction, content):
                await self.send_dm(interaction.user, content)
        except DeliveryError as exc:  # an answer is not an effect: logged, not retried
            log.warning("Slack: could not answer %s: %s", interaction.user.name, exc)

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
        if not handle.response_url:
            return False
        return await self._respond(handle.response_url, content)

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
            opened, _ = await call("views.open", self.client.views_open(
                trigger_id=handle.trigger_id, view=view))
            if opened is not None:
                return
        token = self._forms.keep((form, dict(values), where, dict(errors)))
        await self.reply(interaction, Card(form.title, self.host.t("slack.form.pending",
                                                              title=form.title),
                                           buttons=(Button(self.host.t("slack.form.open"),
                                                           f"{OPEN_FORM}:{token}", "primary"),)),
                         "private")

    async def _open_pending_form(self, interaction: Interaction, token: str) -> None:
        pending = self._forms.pop(token)
        if pending is None:
            await self.reply(interaction, self.host.t("host.stale_form"), "private")
            return
        form, values, where, errors = pending
        handle = _handle(interaction)
        opened, _ = await call("views.open", self.client.views_open(
            trigger_id=handle.trigger_id, view=self._form_view(form, values, where, errors)))
        if opened is None:
            self._forms.put(token, pending)  # the button may be tried again

    def _form_view(self, form: Form, values: Mapping[str, str], where: FormContext,
                   errors: Mapping[str, str]) -> dict[str, Any]:
        view = form_view(form, values, where, self.host.t("slack.submit"),
                         self.host.t("slack.cancel"))
        for block in view["blocks"]:
            error = errors.get(block.get("block_id", ""))
            if error:  # shown under the field until the next submission
                block["hint"] = {"type": "plain_text", "text": f"⚠ {error}"[:2000], "emoji": True}
        return view

    async def send_file(self, channel: Channel, attachment: Attachment, text: str = "") -> None:
        await effect(f"file upload to {channel.name or channel.id}", self.client.files_upload_v2(
            channel=channel.id, content=attachment.data, filename=attachment.filename,
            title=attachment.filename,
            initial_comment=escape(self._rewrite()(text)) if text else None))

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
        page, _ = await call(f"conversations.history {channel_id}",
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
        contents = await self.host.home_contents(interaction)
        roles = sorted(self.host.roles_of(user))
        shown = ", ".join(self.host.t(f"role.{r}") if r != "exempt" else r for r in roles)
        intro = self.host.t("slack.home.intro", name=user.name,
                       roles=shown or self.host.t("slack.home.no_role"))
        view = home_view(self.host.t("slack.home.title"), intro, contents,
                         self.host.t("slack.home.empty"), self._rewrite())
        await call(f"views.publish for {user.id}",
                    self.client.views_publish(user_id=user.id, view=view))

    # ------------------------------------------------------------ sending

    def _rewrite(self) -> Callable[[str], str]:
        """`/draft new` → `/garant draft new` in what we post (see `command_rewriter`)."""
        rewrite = self._rewriters.get(self.command)
        if rewrite is None:
            roots = {path[0] for path in self.host.commands(self.name)}
            rewrite = self._rewriters[self.command] = command_rewriter(roots, self.command)
        return rewrite

    def _post_call(self, channel_id: str, content: Content,
                   thread_ts: str | None = None) -> Awaitable[Any]:
        return self.client.chat_postMessage(channel=channel_id, thread_ts=thread_ts,
                                            unfurl_links=False, unfurl_media=False,
                                            **message_payload(content, self._rewrite()))

    async def _post(self, channel_id: str, content: Content,
                    thread_ts: str | None = None) -> str | None:
        """A post that never raises (an answer): its ts, or None (logged)."""
        response, _ = await call(f"chat.postMessage in {channel_id}",
                                 self._post_call(channel_id, content, thread_ts))
        return response.get("ts") if response is not None else None

    async def _ephemeral(self, channel_id: str, user_id: str, content: Content,
                         thread_ts: str | None = None) -> bool:
        done, _ = await call(f"chat.postEphemeral in {channel_id}",
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


def _handle(interaction: Interaction) -> SlackHandle:
    handle = interaction.handle
    return handle if isinstance(handle, SlackHandle) else SlackHandle()


__all__ = ["SlackHandle", "SlackPlatform", "SlackSettings", "SlackUser", "create"]
