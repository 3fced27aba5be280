"""The web platform: Garant's pages, served by aiohttp, rendering the neutral model.

A signed-in person's dashboard is their home view (`Host.home_contents`, what Slack's
App Home shows): the review queue's cards for a moderator, the drafts to vote on and
today's routine for a member. Each card's buttons are small POST forms; a click goes
through `Host.handle_action` as a click in chat would, with the host's permission
checks, and a form a handler opens (a reason to give) is a page of its own whose
errors are shown under their fields. What the handler answers privately is shown on
the next page (post, then redirect, then the answers). Everything is server-rendered
(Jinja2, escaped by default) with a little CSS and no script: it works on a phone,
with a keyboard and without JavaScript.

The web has no channels: cards are not posted to it; they are read from the store
when a page is shown, so a page is never stale. Who a person is comes from the chat
platform they signed in from (`slack:U…`, `discord:…`, `local:…`): their roles are
those of that identity, and what they do is stored under it, as in chat.
"""

from __future__ import annotations

import asyncio
import base64
import hmac
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

import jinja2
from aiohttp import web
from markupsafe import Markup, escape

from bot.model import (
    Attachment,
    Card,
    Cell,
    Channel,
    Content,
    Form,
    Interaction,
    MarkedText,
    Message,
    Page,
    Picture,
    PostPreview,
    Table,
    User,
    Visibility,
)
from bot.platforms.base import DeliveryError, Host, Platform, PlatformStartError, StartRequest
from bot.platforms.capabilities import FileAnswers, GuestLinks, LoginLinks
from bot.platforms.web import auth
from bot.platforms.web.messages import MESSAGES
from bot.platforms.web.settings import DEFAULT_HOST, DEFAULT_PORT, WebSettings, parse_listen

log = logging.getLogger(__name__)

COOKIE = "garant_session"
HERE = Path(__file__).resolve().parent
#: Answers and open forms kept per session between a POST and the page after it.
MAX_KEPT = 20
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


@dataclass(slots=True)
class Answers:
    """What the host answered during one request (the interaction's `handle`)."""

    contents: list[Content] = field(default_factory=list)
    files: list[tuple[Attachment, str]] = field(default_factory=list)
    form: Form | None = None
    errors: dict[str, str] = field(default_factory=dict)
    values: dict[str, str] = field(default_factory=dict)


class WebPlatform(Platform):
    name = "web"
    capabilities: ClassVar[frozenset[str]] = frozenset({LoginLinks.NAME, GuestLinks.NAME,
                                                        FileAnswers.NAME})

    def __init__(self, host: Host, settings: WebSettings, listen: tuple[str, int], *,
                 optional: bool = False, say: Callable[[str], None] | None = None) -> None:
        self.host = host
        self.settings = settings
        self.listen = listen
        #: The demo's pages: a port already taken is said, and the console runs anyway.
        self.optional = optional
        self.say = say
        self._runner: web.AppRunner | None = None
        #: session token -> to show next (answers, and links to the files handed over)
        self._answers: dict[str, list[Content | Table]] = {}
        self._forms: dict[str, dict[str, Form]] = {}  # session token -> open forms by id
        #: session token -> files handed to the person (an export), by number, in memory
        #: like any answer: downloaded from the next page.
        self._files: dict[str, dict[str, Attachment]] = {}
        self._guest_key = b""  # read from the store by prepare()
        host.add_messages(MESSAGES)
        self.pages = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=True, trim_blocks=True, lstrip_blocks=True)

    # ------------------------------------------------------------ life cycle

    @property
    def url(self) -> str:
        """Where people open Garant (login links start with it)."""
        if self.settings.public_url:
            return self.settings.public_url
        host, port = self.listen
        shown = f"[{host}]" if ":" in host else host
        return f"http://{shown}:{port}"

    def banner(self) -> list[str]:
        return [self.host.t("web.banner", url=self.url)]

    def app(self) -> web.Application:
        app = web.Application(client_max_size=256 * 1024)
        app.router.add_get("/healthz", self.healthz)
        app.router.add_get("/", self.home)
        app.router.add_get("/login/{token}", self.login)
        app.router.add_post("/logout", self.logout)
        app.router.add_post("/action", self.action)
        app.router.add_post("/form", self.form)
        app.router.add_post("/command", self.command)
        app.router.add_get("/file/{number}", self.download)
        app.router.add_get("/p/{name}", self.own_page)
        app.router.add_post("/feed/{name}/renew", self.renew_feed)
        app.router.add_get("/feed/{name}/{token}.ics", self.feed)
        app.router.add_get("/g/{token}", self.guest)
        app.router.add_post("/g/{token}", self.guest_answer)
        app.router.add_static("/static", HERE / "static")
        return app

    async def prepare(self) -> None:
        """Listen now, so that a port already taken stops the start with one line."""
        self._guest_key = await auth.signing_key(self.host.store, self.host.clock.now())
        self._runner = web.AppRunner(self.app(), access_log=None)
        await self._runner.setup()
        host, port = self.listen
        try:
            await web.TCPSite(self._runner, host, port).start()
        except OSError as exc:
            await self._runner.cleanup()
            self._runner = None
            problem = PlatformStartError("the web pages cannot be served on {host}:{port}: "
                                         "{error} (choose another with --web HOST:PORT or "
                                         "web.listen)", host=host, port=port,
                                         error=exc.strerror or exc)
            if not self.optional:
                raise problem from None
            if self.say is not None:
                self.say(problem.text(self.host.language))

    async def run(self) -> None:
        if self._runner is not None:
            await asyncio.Event().wait()  # served by aiohttp until cancelled

    async def close(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    # ------------------------------------------------------------ login links

    async def login_link(self, user: User) -> str:
        token = await auth.new_link(self.host.store, user, self.host.clock.now())
        return f"{self.url}/login/{token}"

    # ------------------------------------------------------------ pages

    async def healthz(self, request: web.Request) -> web.Response:
        return web.Response(text="ok")

    async def login(self, request: web.Request) -> web.StreamResponse:
        now = self.host.clock.now()
        user = await auth.use_link(self.host.store, request.match_info["token"], now)
        if user is None:
            return self.page("message.html", status=403, title=self.t("web.login.title"),
                             text=self.t("web.login.invalid"))
        session = await auth.open_session(self.host.store, user, now, self.settings.session)
        response = _see_other("/")
        response.set_cookie(COOKIE, session.token, max_age=int(
            self.settings.session.total_seconds()), httponly=True, samesite="Lax",
            secure=self.url.startswith("https://"), path="/")
        return response

    async def home(self, request: web.Request) -> web.StreamResponse:
        session = await self.session(request)
        if session is None:
            return self.page("message.html", title=self.t("web.login.title"),
                             text=self.t("web.login.needed"))
        user = await self.person(session)
        contents = await self.host.home_contents(self.interaction(user, Answers()))
        return self.page("home.html", session=session, user=user, contents=contents,
                         title=self.t("web.home"),
                         flashes=self._answers.pop(session.token, []))

    async def action(self, request: web.Request) -> web.StreamResponse:
        checked = await self.checked(request)
        if isinstance(checked, web.StreamResponse):
            return checked
        session, data = checked
        answers = Answers()
        user = await self.person(session)
        await self.host.handle_action(self.interaction(user, answers),
                                      str(data.get("action", "")))
        return self.after(session, user, answers, _back(data))

    async def command(self, request: web.Request) -> web.StreamResponse:
        """A command typed in the dashboard's box, as in chat (`/case léo`): every
        command of every cog, with the same permission checks; its answers are shown."""
        checked = await self.checked(request)
        if isinstance(checked, web.StreamResponse):
            return checked
        session, data = checked
        text = str(data.get("command", "")).strip()
        if not text:
            return _see_other("/")
        answers = Answers()
        user = await self.person(session)
        await self.host.handle_command_text(self.interaction(user, answers),
                                            text if text.startswith("/") else f"/{text}")
        return self.after(session, user, answers, _back(data))

    async def download(self, request: web.Request) -> web.StreamResponse:
        """A file a command handed this person (`/privacy export`, `/minutes`)."""
        session = await self.session(request)
        found = None if session is None else \
            self._files.get(session.token, {}).get(request.match_info["number"])
        if found is None:
            return web.Response(status=404, text=self.t("web.file.gone"))
        return web.Response(body=found.data, content_type=found.mime_type.split(";")[0],
                            headers={"Content-Disposition":
                                     f"attachment; filename=\"{_ascii(found.filename)}\"",
                                     "Cache-Control": "no-store"})

    async def form(self, request: web.Request) -> web.StreamResponse:
        checked = await self.checked(request)
        if isinstance(checked, web.StreamResponse):
            return checked
        session, data = checked
        form = self._forms.get(session.token, {}).get(str(data.get("form_id", "")))
        if form is None:
            self.keep(session.token, [self.t("web.form_gone")])
            return _see_other("/")
        values = {f.name: str(data.get(f.name, "")).strip() for f in form.fields}
        answers = Answers()
        user = await self.person(session)
        errors = await self.host.handle_form(self.interaction(user, answers), form, values)
        if errors:
            return self.page("form.html", status=422, session=session, user=user, form=form,
                             errors=errors, values=values, title=form.title,
                             flashes=answers.contents)
        self._forms.get(session.token, {}).pop(form.form_id, None)
        return self.after(session, user, answers)

    async def logout(self, request: web.Request) -> web.StreamResponse:
        checked = await self.checked(request)
        if isinstance(checked, web.StreamResponse):
            return checked
        session, _ = checked
        await auth.close_session(self.host.store, session.token)
        self._answers.pop(session.token, None)
        self._forms.pop(session.token, None)
        self._files.pop(session.token, None)
        response = _see_other("/")
        response.del_cookie(COOKIE, path="/")
        return response

    async def own_page(self, request: web.Request) -> web.StreamResponse:
        """A cog's page (the publication calendar): its query is the page's parameters,
        and the values of its form when the form was sent (a form there only reads)."""
        session = await self.session(request)
        if session is None:
            return self.page("message.html", status=401, title=self.t("web.login.title"),
                             text=self.t("web.login.needed"))
        user = await self.person(session)
        answers = Answers()
        name = request.match_info["name"]
        shown = await self.host.page(self.interaction(user, answers), name, request.query)
        if shown is None:
            return self.page("message.html", status=404, session=session, user=user,
                             title=self.t("web.not_found"), text=self.t("web.not_found"))
        feed = None
        if shown.feed is not None:
            token = await auth.feed_token(self.host.store, user, shown.feed,
                                          self.host.clock.now())
            feed = f"{self.url}/feed/{shown.feed}/{token}.ics"
        return self.page("page.html", session=session, user=user, shown=shown, name=name,
                         title=shown.title, feed=feed, values=dict(request.query),
                         back=request.path_qs,
                         flashes=[*self._answers.pop(session.token, []), *answers.contents])

    async def renew_feed(self, request: web.Request) -> web.StreamResponse:
        """A new private address for a feed (the old one stops working)."""
        checked = await self.checked(request)
        if isinstance(checked, web.StreamResponse):
            return checked
        session, data = checked
        await auth.feed_token(self.host.store, session.user, request.match_info["name"],
                              self.host.clock.now(), renew=True)
        self.keep(session.token, [self.t("web.feed.renewed")])
        return _see_other(_back(data))

    async def feed(self, request: web.Request) -> web.StreamResponse:
        """A private feed (the plan as iCal), for calendars that cannot sign in."""
        name = request.match_info["name"]
        owner = await auth.feed_owner(self.host.store, name, request.match_info["token"])
        if owner is not None:  # someone who left the co-op reads no more of its plan
            person = await self.host.user(owner.key) or owner
            if not self.host.roles_of(person) & {"member", "moderator", "director"}:
                owner = None
        made = await self.host.feed(name) if owner is not None else None
        if made is None:
            return web.Response(status=404, text=self.t("web.not_found"))
        return web.Response(body=made.data, content_type=made.mime_type.split(";")[0],
                            charset="utf-8", headers={"Cache-Control": "no-store"})

    async def guest(self, request: web.Request) -> web.StreamResponse:
        """A guest's page (a client signing off a post), from its signed link."""
        found = await self.guest_page(request)
        if isinstance(found, web.Response):
            return found
        guest, shown = found
        return self.page("guest.html", shown=shown, title=shown.title, errors={}, values={},
                         expires=self.local_time(guest.expires))

    async def guest_answer(self, request: web.Request) -> web.StreamResponse:
        found = await self.guest_page(request)
        if isinstance(found, web.Response):
            return found
        guest, shown = found
        if shown.form is None:
            return self.guest_gone()
        data = await request.post()
        values = {f.name: str(data.get(f.name, "")).strip() for f in shown.form.fields}
        answered = await self.host.guest_answer(guest.route, guest.subject, values)
        if isinstance(answered, dict):
            return self.page("guest.html", status=422, shown=shown, title=shown.title,
                             errors=answered, values=values,
                             expires=self.local_time(guest.expires))
        return self.page("message.html", title=shown.title,
                         text=answered or self.t("web.guest.gone"))

    async def guest_page(self, request: web.Request) -> tuple[auth.Guest, Page] | web.Response:
        """What a guest's link names, while its signature holds, it has not expired and
        its page has something to answer; else the page saying the link is gone."""
        guest = auth.read_guest(self._guest_key, request.match_info["token"],
                                self.host.clock.now())
        shown = None if guest is None else await self.host.guest_page(guest.route,
                                                                      guest.subject)
        if guest is None or shown is None:
            return self.guest_gone()
        return guest, shown

    def guest_gone(self) -> web.Response:
        return self.page("message.html", status=410, title=self.t("web.guest.title"),
                         text=self.t("web.guest.gone"))

    def guest_link(self, route: str, subject: str, expires: datetime) -> str:
        return f"{self.url}/g/{auth.sign_guest(self._guest_key, route, subject, expires)}"

    # ------------------------------------------------------------ helpers

    def local_time(self, moment: datetime) -> str:
        return f"{moment.astimezone(self.host.timezone):%Y-%m-%d %H:%M}"

    def t(self, key: str, **values: Any) -> str:
        return self.host.t(key, **values)

    async def session(self, request: web.Request) -> auth.Session | None:
        token = request.cookies.get(COOKIE, "")
        return await auth.session(self.host.store, token, self.host.clock.now()) \
            if token else None

    async def person(self, session: auth.Session) -> User:
        """The signed-in person as their chat platform knows them now (their groups give
        roles), or as stored when that platform is not running here."""
        return await self.host.user(session.user.key) or session.user

    async def checked(self, request: web.Request
                      ) -> tuple[auth.Session, Any] | web.StreamResponse:
        """A POST's session and form data, or the page refusing it: no session (signed
        out), or a CSRF token that is not the session's."""
        session = await self.session(request)
        if session is None:
            return _see_other("/")
        data = await request.post()
        if not hmac.compare_digest(str(data.get("csrf", "")), session.csrf):
            return self.page("message.html", status=403, title=self.t("web.login.title"),
                             text=self.t("web.csrf"))
        return session, data

    def interaction(self, user: User, answers: Answers) -> Interaction:
        return Interaction(self.name, user, Channel(self.name, "web", "web"), handle=answers)

    def after(self, session: auth.Session, user: User, answers: Answers,
              back: str = "/") -> web.StreamResponse:
        """A form the handler opened is the next page; otherwise back to the page of the
        click (the dashboard, a draft's page), which shows what the handler answered."""
        if answers.form is not None:
            forms = self._forms.setdefault(session.token, {})
            forms[answers.form.form_id] = answers.form
            while len(forms) > MAX_KEPT:
                forms.pop(next(iter(forms)))
            return self.page("form.html", session=session, user=user, form=answers.form,
                             errors=answers.errors, values=answers.values,
                             title=answers.form.title, flashes=answers.contents)
        self.keep(session.token, [*answers.contents, *self.hand(session.token, answers)])
        return _see_other(back)

    def hand(self, token: str, answers: Answers) -> list[Table]:
        """Keep the files a handler handed over; the lines that link to them."""
        shown: list[Table] = []
        files = self._files.setdefault(token, {})
        for attachment, text in answers.files:
            number = str(max((int(n) for n in files), default=0) + 1)
            files[number] = attachment
            while len(files) > MAX_KEPT:
                files.pop(next(iter(files)))
            shown.append(Table(text or self.t("web.file.title"), (self.t("web.file.title"),),
                               (((Cell(attachment.filename, f"/file/{number}"),),),)))
        return shown

    def keep(self, token: str, contents: list[Content | Table]) -> None:
        kept = self._answers.setdefault(token, [])
        kept.extend(contents)
        del kept[:-MAX_KEPT]

    def page(self, template: str, *, status: int = 200, session: auth.Session | None = None,
             **values: Any) -> web.Response:
        csrf = session.csrf if session is not None else ""

        back = values.pop("back", "/")

        def content(item: Content | Table | MarkedText | Picture | PostPreview) -> Markup:
            if isinstance(item, Card):
                return Markup(self.pages.get_template("card.html").render(card=item,
                                                                          csrf=csrf, back=back))
            if isinstance(item, Table):
                return Markup(self.pages.get_template("table.html").render(table=item))
            if isinstance(item, MarkedText):
                return Markup(self.pages.get_template("marked.html").render(marked=item))
            if isinstance(item, PostPreview):
                return Markup(self.pages.get_template("preview.html").render(
                    t=self.t, post=item, parts=_post_parts(item.text[:item.fold] if item.fold else
                                                 item.text),
                    rest=_post_parts(item.text[item.fold:]) if item.fold else []))
            if isinstance(item, Picture):  # inline: the page stays one request, no store
                data = base64.b64encode(item.attachment.data).decode()
                return Markup('<figure class="picture"><img src="data:{};base64,{}" '
                              'alt="{}"></figure>').format(item.attachment.mime_type, data,
                                                           item.alt)
            return Markup("<p>") + escape(item) + Markup("</p>")

        user = values.pop("user", None)
        nav = [] if user is None else [(f"/p/{route.name}", self.t(route.title))
                                       for route in self.host.pages_for(user)]
        html = self.pages.get_template(template).render(
            t=self.t, lang=self.host.language, csrf=csrf, content=content, nav=nav,
            user=user,
            flashes=values.pop("flashes", []), **values)
        return web.Response(text=html, status=status, content_type="text/html",
                            headers={"X-Frame-Options": "DENY",
                                     "Content-Security-Policy": "default-src 'self'; "
                                                                "img-src 'self' data:; "
                                                                "frame-ancestors 'none'",
                                     "Referrer-Policy": "no-referrer",
                                     "Cache-Control": "no-store"})

    # ------------------------------------------------------------ the neutral model

    def channel_named(self, name: str) -> Channel | None:
        return None  # the web has no channels: pages read cards from the store

    async def send(self, channel: Channel, content: Content) -> str:
        raise DeliveryError("the web has no channels to post in", permanent=True)

    async def edit(self, channel_id: str, message_id: str, content: Content) -> None:
        return None  # nothing is posted on the web: pages show the current state

    async def delete_message(self, message: Message) -> None:
        raise DeliveryError("the web has no messages to delete", permanent=True)

    async def send_dm(self, user: User, content: Content) -> None:
        raise DeliveryError("the web sends no direct messages", permanent=True)

    async def reply(self, interaction: Interaction, content: Content,
                    visibility: Visibility) -> None:
        if isinstance(interaction.handle, Answers):
            interaction.handle.contents.append(content)
        else:
            log.warning("a web answer came after its page: %s", content)

    async def answer_file(self, interaction: Interaction, attachment: Attachment,
                          text: str) -> None:
        if isinstance(interaction.handle, Answers):
            interaction.handle.files.append((attachment, text))

    async def open_form(self, interaction: Interaction, form: Form, errors: dict[str, str],
                        values: dict[str, str]) -> None:
        if isinstance(interaction.handle, Answers):
            interaction.handle.form = form
            interaction.handle.errors = dict(errors)
            interaction.handle.values = dict(values)

    async def user_by_id(self, user_id: str) -> User | None:
        return None  # people are their chat platform's

    async def resolve_members(self, identifiers: list[str]) -> list[User]:
        return []

    async def send_file(self, channel: Channel, attachment: Attachment, text: str = "") -> None:
        raise DeliveryError("the web has no channels to post files in", permanent=True)


#: What a network shows in its colour: links, #hashtags and @mentions.
_POST_LINKS = re.compile(r"https?://\S+|(?<!\w)[#@][\w.-]*\w")


def _post_parts(text: str) -> list[tuple[str, bool]]:
    """A post's text cut into (part, shown as a link) for its preview."""
    parts: list[tuple[str, bool]] = []
    at = 0
    for found in _POST_LINKS.finditer(text):
        if found.start() > at:
            parts.append((text[at:found.start()], False))
        parts.append((found.group(), True))
        at = found.end()
    if at < len(text):
        parts.append((text[at:], False))
    return parts


def _ascii(name: str) -> str:
    """A file name safe in a header."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", name) or "garant"


def _back(data: Any) -> str:
    """Where a click came from: a page of this site only (never another site)."""
    back = str(data.get("back", "/"))
    if not back.isprintable() or "\\" in back:
        return "/"
    return back if back == "/" or back.startswith("/p/") else "/"


def _see_other(location: str) -> web.Response:
    """A redirect after a POST (or a sign-in): the next page is a GET."""
    return web.Response(status=303, headers={"Location": location})


def listen_of(request: StartRequest) -> tuple[str, int]:
    """`--web HOST:PORT`, else `web.listen`, else 127.0.0.1:8080."""
    given = (getattr(request.options, "extra", None) or {}).get("web")
    if given:
        parsed = parse_listen(str(given))
        if parsed is None:
            raise PlatformStartError("--web {value}: expected HOST:PORT, like 127.0.0.1:8080",
                                     value=given)
        return parsed
    settings: WebSettings = request.settings
    return settings.listen or (DEFAULT_HOST, DEFAULT_PORT)


def create(request: StartRequest) -> WebPlatform:
    settings: WebSettings = request.settings
    asked = (getattr(request.options, "extra", None) or {}).get("web") or settings.listen
    stdout = request.stdout

    def say(line: str) -> None:
        if stdout is not None:
            stdout.write(line + "\n")
            stdout.flush()

    return WebPlatform(request.host, settings, listen_of(request), optional=not asked,
                       say=say)


__all__ = ["Answers", "WebPlatform", "create"]
