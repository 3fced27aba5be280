"""Slack's listeners: commands, buttons, modals, shortcuts and events, acknowledged
first and handled after (bolt answers Slack as soon as `ack()` is called).

A mixin of `SlackPlatform`: each listener turns a Slack payload into the neutral
model and calls the host; errors are caught here, since an exception in a bolt
listener can cost the ack (research/slack.md, section 6).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import re
import time
from collections.abc import Awaitable, Callable, Coroutine
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, cast

from slack_bolt.app.async_app import AsyncApp
from slack_bolt.response import BoltResponse
from slack_sdk.http_retry.builtin_async_handlers import (
    AsyncConnectionErrorRetryHandler,
    AsyncRateLimitErrorRetryHandler,
)
from slack_sdk.web.async_client import AsyncWebClient

from bot.model import Channel, Content, Form, Interaction, User, Visibility
from bot.platforms.slack.directory import SlackDirectory
from bot.platforms.slack.render import action_of, form_errors, read_view
from bot.platforms.slack.transport import call
from bot.platforms.slack.wire import is_person, unescape

if TYPE_CHECKING:
    from slack_bolt.authorization import AuthorizeResult

    from bot.platforms.base import Host
    from bot.platforms.intake import Intake
    from bot.platforms.kit import TaskSet
    from bot.platforms.slack.transport import SlackSettings

log = logging.getLogger("garant.slack")

#: Seconds a form submission may spend in the cog before the modal is answered (Slack
#: gives 3 s in all, network included).
ACK_BUDGET = 2.5
#: Action ids the adapter answers itself: "open the form" buttons (see `open_form`).
OPEN_FORM = "garant-slack-open-form"


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


class SlackListeners(SlackDirectory):
    """bolt's listeners; the platform provides the answers."""

    name: str
    host: Host
    settings: SlackSettings
    client: AsyncWebClient
    tasks: TaskSet
    intake: Intake[dict[str, Any]]
    command: str
    bot_user_id: str | None

    # -- provided by the platform

    if TYPE_CHECKING:  # by SlackTransport, after this class in the platform's bases
        async def _first(self, body: dict[str, Any]) -> bool: ...

    async def forget_installation(self, team_id: str) -> None:
        raise NotImplementedError

    async def reply(self, interaction: Interaction, content: Content,
                    visibility: Visibility) -> None:
        raise NotImplementedError

    async def _first_form(self, body: dict[str, Any], resp: BoltResponse,
                          next: Callable[[], Awaitable[None]]) -> BoltResponse:
        """The form submissions' listener middleware: a second delivery is answered
        here, before the handler, which runs before the ack (its errors travel in the
        ack). Everything else is acknowledged first and checked by its listener."""
        if not await self._first(body):
            return BoltResponse(status=200, body="")
        await next()
        return resp

    async def publish_home(self, user: User, channel: Channel | None = None) -> None:
        raise NotImplementedError

    async def _open_pending_form(self, interaction: Interaction, token: str) -> None:
        raise NotImplementedError

    async def _ephemeral(self, channel_id: str, user_id: str, content: Content,
                         thread_ts: str | None = None) -> bool:
        raise NotImplementedError

    def _interaction(self, user: User, channel: Channel, handle: SlackHandle,
                     message_id: str | None = None) -> Interaction:
        return Interaction(self.name, user, channel, handle=handle, message_id=message_id)

    def _web_client(self, token: str | None) -> AsyncWebClient:
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

        async def not_installed() -> AuthorizeResult | None:
            return None  # no request is authorised (the endpoint routes none here)

        # An app installed through OAuth is reached only through its endpoint, which
        # checked the signature already. Once installed, its app is built again with the
        # workspace's token (bolt's single-workspace authorisation); until then, bolt
        # needs an authorisation function all the same.
        installed = self.settings.oauth_app is not None
        verify = http and not installed
        try:
            app = AsyncApp(
                client=self.client, signing_secret=self.settings.signing_secret if verify else "",
                request_verification_enabled=verify, process_before_response=False,
                logger=bolt_log,
                authorize=cast(Any, not_installed) if self.client.token is None else None)
        finally:
            bolt_log.setLevel(level)
        # Bolt tries listeners in order, each match costing it tens of µs: the busiest
        # (messages, then clicks) first. Only the events' catch-all must stay last.
        app.event("message")(self._on_message_event)
        app.action(re.compile(".*"))(self._on_action)
        app.command(re.compile(".+"))(self._on_command)
        # A form submission is checked for a second delivery before its handler (its
        # errors travel in the ack); everything else is acked first, checked after.
        app.view_submission(re.compile(".*"), middleware=[self._first_form])(
            self._on_view_submission)
        app.view_closed(re.compile(".*"))(self._ack_only)
        app.shortcut(re.compile(".*"))(self._on_shortcut)
        app.event("app_home_opened")(self._on_home_opened)
        app.event(re.compile(r"^(channel_(created|rename|deleted|archive|unarchive)|group_rename"
                             r"|member_joined_channel)$"))(self._on_channel_event)
        app.event(re.compile(r"^subteam_"))(self._on_group_event)
        app.event("user_change")(self._on_user_change)
        app.event("app_uninstalled")(self._on_uninstalled)
        app.event("tokens_revoked")(self._on_tokens_revoked)
        app.event(re.compile(".*"))(self._ignore_event)  # else Slack would retry them
        app.error(self._on_error)
        return app

    # ------------------------------------------------------------ listeners

    async def _ack_only(self, ack: Callable[..., Awaitable[None]]) -> None:
        await ack()

    async def _ignore_event(self, body: dict[str, Any]) -> None:
        return None

    async def _on_uninstalled(self, body: dict[str, Any]) -> None:
        await self.forget_installation(str(body.get("team_id") or ""))

    async def _on_tokens_revoked(self, body: dict[str, Any], event: dict[str, Any]) -> None:
        if (event.get("tokens") or {}).get("bot"):  # a user's token revoked: not ours
            await self.forget_installation(str(body.get("team_id") or ""))

    async def _on_error(self, error: Exception, body: dict[str, Any]) -> None:
        log.error("Slack: unhandled error for a %s request", body.get("type", "?"),
                  exc_info=error)

    async def _on_command(self, ack: Callable[..., Awaitable[None]],
                          body: dict[str, Any]) -> None:
        """`/garant draft new` → the host's text command `draft new`."""
        await ack()
        await self._safely(body, self._command(body), body.get("user_id"),
                           body.get("channel_id"))

    async def _command(self, body: dict[str, Any]) -> None:
        if body.get("command"):
            self.command = body["command"]
        user = await self._user(body["user_id"])
        channel = await self._channel(body.get("channel_id", ""), body.get("channel_name"))
        handle = SlackHandle(trigger_id=body.get("trigger_id"),
                             response_url=body.get("response_url"))
        text = unescape(body.get("text") or "").strip() or "help"
        await self.host.handle_command_text(self._interaction(user, channel, handle), text)

    async def _on_action(self, ack: Callable[..., Awaitable[None]],
                         body: dict[str, Any]) -> None:
        """A button: its value is the neutral action id (`review:keep:12`)."""
        await ack()
        await self._safely(body, self._action(body), body.get("user", {}).get("id"),
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
        await self.host.handle_action(interaction, action)
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
        task = asyncio.ensure_future(self.host.handle_form(interaction, form, values))
        try:
            errors = await asyncio.wait_for(asyncio.shield(task), ACK_BUDGET)
        except TimeoutError:
            handle.acked = True
            await ack()
            task.add_done_callback(lambda done: self.tasks.spawn(self._late_form(interaction, form,
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
            await self.reply(interaction, self.host.t("slack.form.late", title=form.title,
                                                 errors=text), "private")

    async def _on_shortcut(self, ack: Callable[..., Awaitable[None]],
                           body: dict[str, Any]) -> None:
        """A message shortcut: `callback_id` is the id of a MessageAction (`report`)."""
        await ack()
        if body.get("type") != "message_action":
            return
        await self._safely(body, self._message_action(body), body.get("user", {}).get("id"),
                           body.get("channel", {}).get("id"))

    async def _message_action(self, body: dict[str, Any]) -> None:
        user = await self._user(body["user"]["id"])
        channel = await self._channel(body["channel"]["id"], body["channel"].get("name"))
        raw = body.get("message") or {}
        message = await self._message(raw, channel)
        handle = SlackHandle(trigger_id=body.get("trigger_id"),
                             response_url=body.get("response_url"),
                             thread_ts=raw.get("thread_ts"))
        await self.host.handle_message_action(self._interaction(user, channel, handle),
                                             body.get("callback_id", ""), message)

    async def _on_message_event(self, body: dict[str, Any]) -> None:
        """Acknowledged already (bolt acks events before their listener): into the
        intake, behind the channel's earlier messages (`bot.platforms.intake`)."""
        event = body.get("event") or {}
        await self.intake.put(str(event.get("channel", "")), body)

    async def _intake_message(self, body: dict[str, Any]) -> None:
        """New and edited messages go to the host; deletions to its deletion listeners."""
        if await self._first(body):
            await self._message_event(body.get("event") or {})

    async def _message_event(self, event: dict[str, Any]) -> None:
        if event.get("channel_type") in ("im", "mpim"):
            return  # direct messages are not moderated
        subtype = event.get("subtype")
        channel_id = event.get("channel", "")
        if subtype == "message_deleted":
            ts = event.get("deleted_ts") or (event.get("previous_message") or {}).get("ts")
            if ts:
                self._messages.pop((channel_id, ts), None)
                await self.host.handle_message_deleted(self.name, channel_id, ts)
            return
        edited = subtype == "message_changed"
        raw = (event.get("message") or {}) if edited else event
        if edited:
            before = event.get("previous_message") or {}
            if raw.get("subtype") == "tombstone" or raw.get("text") == before.get("text"):
                return  # a link preview added, a thread reply counted: not an edit
        if not is_person(raw, self.bot_user_id):
            return
        channel = await self._channel(channel_id)
        # An edit is dated when it was made (quiet hours, flood windows), not when first posted.
        when = ((raw.get("edited") or {}).get("ts") or event.get("event_ts")) if edited else None
        message = await self._message(raw, channel, edited=edited, when=when)
        await self.host.handle_message(self.name, message)

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
        found, _ = await call(f"conversations.info {channel_id}",
                               self.client.conversations_info(channel=channel_id))
        if found is not None:
            self._remember_channel(found["channel"])

    async def _on_group_event(self, event: dict[str, Any]) -> None:
        self._groups_loaded = 0.0  # reloaded on next use
        self.tasks.spawn(self._load_groups())

    async def _on_user_change(self, event: dict[str, Any]) -> None:
        user = event.get("user")
        if isinstance(user, dict) and user.get("id"):
            self._users[user["id"]] = (time.monotonic(), user)

    async def _safely(self, body: dict[str, Any], work: Coroutine[Any, Any, None],
                      user_id: str | None, channel_id: str | None) -> None:
        """Run an interaction's work after its ack, once per delivery; an error is logged
        and the person told, never raised (bolt could lose the ack)."""
        try:
            if not await self._first(body):
                work.close()
                return
            await self.tasks.run(work)  # a stop ends it before the store closes
        except Exception:
            log.exception("Slack: an interaction failed")
            if user_id and channel_id:
                with contextlib.suppress(Exception):
                    await self._ephemeral(channel_id, user_id, self.host.t("host.failed"))
