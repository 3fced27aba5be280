"""The local console: a complete platform in a terminal, needing no account anywhere.

Every command, card, button and form works here as on Slack or Discord, on
the real store and charters. Its messages live in the store (`local_messages`)
as a chat server would keep them, so message ids, cards and their buttons
survive a restart. It reads lines from any text stream, so a script piped into
`garant run --platform local` is a reproducible session (and a test).

Input: a plain line posts as the current user in the current channel;
`/command ...` runs a command; `:user`, `:channel`, `:click`, `:edit`,
`:time`, `:help`, `:quit` drive the console itself.
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import sqlite3
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar, TextIO

from bot.located.yamlsrc import closest
from bot.model import (
    Attachment,
    Card,
    Channel,
    Content,
    Form,
    FormField,
    Interaction,
    Message,
    User,
    Visibility,
    card_from_dict,
    card_to_dict,
)
from bot.phrases import render
from bot.platforms.base import DeliveryError, Host, Platform, StartRequest
from bot.platforms.local.messages import MESSAGES
from bot.store import format_utc, parse_utc
from bot.store.trouble import failure_key, trouble_of
from bot.timeparse import parse_when

_DAYS = {"fr": ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."),
         "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")}

log = logging.getLogger("garant.console")
#: The console's own commands and the methods that run them; typed while a form is
#: open, they leave it (`:help` excepted) instead of being stored as an answer.
CONSOLE_COMMANDS = {":help": "_help", ":quit": "_quit", ":user": "_switch_user",
                    ":reply": "_reply",
                    ":channel": "_switch_channel", ":click": "_click", ":edit": "_edit",
                    ":act": "_message_action", ":delete": "_delete_own", ":time": "_move_time"}


@dataclass(slots=True)
class _PendingForm:
    form: Form
    interaction: Interaction
    values: dict[str, str]
    to_ask: list[FormField]
    lines: list[str] = field(default_factory=list)


def create(request: StartRequest) -> Console:
    """The console for `garant run`: it reads the run's standard input."""
    options = request.options
    stdin = request.stdin
    assert stdin is not None and request.stdout is not None
    return Console(request.host, stdin, request.stdout, interactive=stdin.isatty(),
                   user=getattr(options, "user", None),
                   channel=getattr(options, "channel", None) or "general")


class Console(Platform):
    name = "local"
    #: Garant stops when the console's input ends.
    foreground: ClassVar[bool] = True

    def __init__(self, host: Host, stdin: TextIO, stdout: TextIO, interactive: bool = False,
                 user: str | None = None, channel: str = "general") -> None:
        self.host = host
        self.stdin = stdin
        self.stdout = stdout
        self.interactive = interactive
        host.add_messages(MESSAGES)
        self.t = host.t
        members = list(host.role_identifiers().get("members", ()))
        self.user = self.make_user(user or (members[0] if members else "me"))
        self.channel = self.make_channel(channel)
        self.tz = host.timezone
        self._form: _PendingForm | None = None
        self._stopped = False

    # ------------------------------------------------------------ model

    @staticmethod
    def make_user(name: str) -> User:
        name = name.lstrip("@")
        return User("local", name, name)

    @staticmethod
    def make_channel(name: str) -> Channel:
        name = name.lstrip("#")
        return Channel("local", name, name)

    def channel_named(self, name: str) -> Channel | None:
        return self.make_channel(name)

    async def user_by_id(self, user_id: str) -> User | None:
        return self.make_user(user_id)

    async def resolve_members(self, identifiers: list[str]) -> list[User]:
        # In the console every identifier is a person's name.
        return [self.make_user(name) for name in dict.fromkeys(i.lstrip("@") for i in identifiers)]

    # ------------------------------------------------------------ output

    def _print(self, text: str) -> None:
        self.stdout.write(text + "\n")
        self.stdout.flush()

    def _render(self, content: Content, card_id: int | None = None) -> str:
        if isinstance(content, str):
            return content
        head = f"▶ {content.title}" + (f"  [carte {card_id}]" if card_id is not None
                                       and self.host.language == "fr"
                                       else f"  [card {card_id}]" if card_id is not None else "")
        lines = [head]
        lines += ["    " + line for line in content.text.splitlines() if content.text]
        lines += [f"    • {label} : {value}" if self.host.language == "fr"
                  else f"    • {label}: {value}" for label, value in content.fields]
        if content.footer:
            lines.append("    " + content.footer)
        if content.buttons:
            lines.append("    " + "  ".join(f"[{i}] {b.label}"
                                            for i, b in enumerate(content.buttons, 1)))
        return "\n".join(lines)

    async def _store_message(self, channel: str, author: str, content: Content,
                             visible_to: str | None = None) -> int:
        card = json.dumps(card_to_dict(content), ensure_ascii=False) \
            if isinstance(content, Card) else None
        text = content if isinstance(content, str) else ""
        async with self.host.store.transaction() as tx:
            result = await tx.execute(
                "INSERT INTO local_messages (channel, author, text, card, at, visible_to) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                (channel, author, text, card, format_utc(self.host.clock.now()), visible_to))
        assert result.lastrowid is not None
        return result.lastrowid

    # ------------------------------------------------------------ Platform

    async def send(self, channel: Channel, content: Content) -> str:
        try:
            message_id = await self._store_message(channel.name, "", content)
        except sqlite3.Error as exc:
            if trouble_of(exc) is None:
                raise
            # The console keeps its messages in the store; when nothing can be written
            # (a full disk), a notice is still shown, without a number to click.
            self._print(f"[#{channel.name}] Garant: {self._render(content)}")
            raise DeliveryError(f"not stored: {exc}", permanent=False) from exc
        shown = self._render(content, message_id if isinstance(content, Card) else None)
        self._print(f"[#{channel.name}] Garant: {shown}")
        return str(message_id)

    async def edit(self, channel_id: str, message_id: str, content: Content) -> None:
        card = json.dumps(card_to_dict(content), ensure_ascii=False) \
            if isinstance(content, Card) else None
        async with self.host.store.transaction() as tx:
            result = await tx.execute(
                "UPDATE local_messages SET text = ?, card = ?, edited_at = ? "
                "WHERE id = ? AND deleted_at IS NULL AND author = ''",
                (content if isinstance(content, str) else "", card,
                 format_utc(self.host.clock.now()), int(message_id)))
        if not result.rowcount:
            return  # the card is gone: nothing left to show
        note = self.t("console.card_updated", id=message_id)
        self._print(f"[#{channel_id}] Garant ({note}): "
                    f"{self._render(content, int(message_id) if card else None)}")

    async def delete_message(self, message: Message) -> None:
        async with self.host.store.transaction() as tx:
            result = await tx.execute(
                "UPDATE local_messages SET deleted_at = ? WHERE id = ? AND deleted_at IS NULL",
                (format_utc(self.host.clock.now()), int(message.id)))
        if result.rowcount:
            self._print(f"[#{message.channel.name}] "
                        + self.t("console.removed", id=message.id, author=message.author.name))

    async def send_file(self, channel: Channel, attachment: Attachment, text: str = "") -> None:
        """Files go to a folder next to the database file (in the working directory
        for a database that is no file); the console prints their path."""
        database = self.host.store.path
        base = Path(database).resolve().parent if isinstance(database, Path) else Path.cwd()
        folder = base / "garant-files"
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / attachment.filename
        path.write_bytes(attachment.data)
        await self._store_message(channel.name, "", f"{text}\n{path}".strip())
        self._print(f"[#{channel.name}] Garant: {text} 📎 {path}".replace(":  📎", ": 📎"))

    async def send_dm(self, user: User, content: Content) -> None:
        message_id = await self._store_message("@" + user.name, "", content)
        shown = self._render(content, message_id if isinstance(content, Card) else None)
        self._print(f"[{self.t('console.dm_to')} {user.name}] {shown}")

    async def reply(self, interaction: Interaction, content: Content,
                    visibility: Visibility) -> None:
        if visibility == "public":
            await self.send(interaction.channel, content)
        elif visibility == "dm":
            await self.send_dm(interaction.user, content)
        else:
            card_id = None
            if isinstance(content, Card) and content.buttons:
                card_id = await self._store_message(interaction.channel.name, "", content,
                                                    visible_to=interaction.user.name)
            self._print(f"{self.t('console.only_you')} {self._render(content, card_id)}")

    async def open_form(self, interaction: Interaction, form: Form, errors: dict[str, str],
                        values: dict[str, str]) -> None:
        to_ask = [f for f in form.fields if not errors or f.name in errors]
        self._form = _PendingForm(form, interaction, dict(values), to_ask)
        self._print(self.t("console.form", title=form.title))
        labels = {f.name: f.label for f in form.fields}
        for name, error in errors.items():
            self._print(f"  ! {labels.get(name, name)} : {error}")
        self._ask()

    def _ask(self) -> None:
        assert self._form is not None
        field_ = self._form.to_ask[0]
        extra = []
        if field_.choices:  # numbered: a choice may be typed by its number
            extra.append(" / ".join(f"{n}. {c}" if len(field_.choices) > 3 else c
                                    for n, c in enumerate(field_.choices, 1)))
        if not field_.required:
            extra.append(self.t("console.optional"))
        if field_.multiline:
            extra.append(self.t("console.multiline"))
        if field_.default:
            extra.append(self.t("console.keep"))
        suffix = f" ({'; '.join(extra)})" if extra else ""
        self._print(f"  {field_.label}{suffix} ?")
        for line in field_.default.splitlines():  # a prefilled form shows what it holds
            self._print(f"    | {line}")

    # ------------------------------------------------------------ input

    async def run(self) -> None:
        """Read lines until end of input or :quit."""
        wanted, lines = self._reader()
        while not self._stopped:
            if self.interactive:
                self.stdout.write(f"{self.user.name} #{self.channel.name}> ")
                self.stdout.flush()
            wanted.release()  # one line at a time, read when the previous one is handled
            line = await lines.get()
            if not line:
                if self._form is not None:  # the input ended mid-form: say it, store nothing
                    self._form = None
                    self._print(self.t("console.form_unfinished"))
                break
            try:
                await self.handle_line(line.rstrip("\r\n"))
            except Exception as exc:  # no line ends the console (a full disk, a bug)
                log.exception("console line failed: %r", line[:200])
                self._print(self.host.t(failure_key(exc)))
            await self.host.run_due_jobs()

    async def handle_line(self, line: str) -> None:
        if self._form is not None:
            await self._form_line(line)
            return
        stripped = line.strip()
        if not stripped:
            return
        if stripped.startswith(":"):
            await self._console_command(stripped)
        elif stripped.startswith("/"):
            await self.host.handle_command_text(self._interaction(), stripped)
        else:
            await self._post(line)

    def _interaction(self, message_id: str | None = None,
                     channel: Channel | None = None) -> Interaction:
        return Interaction(self.name, self.user, channel or self.channel, message_id=message_id)

    async def _post(self, text: str) -> None:
        message_id = await self._store_message(self.channel.name, self.user.name, text)
        self._print(f"[#{self.channel.name}] {self.user.name} ({message_id}): {text}")
        message = Message("local", str(message_id), self.channel, self.user, text,
                          self.host.clock.now())
        await self.host.handle_message(self.name, message)

    async def _form_line(self, line: str) -> None:
        pending = self._form
        assert pending is not None
        command = line.strip().partition(" ")[0]
        if command == ":cancel":
            self._form = None
            self._print(self.t("console.cancelled"))
            return
        if command == ":help":  # help is not an answer: the question stays open
            self._print(self.t("console.form_help"))
            self._ask()
            return
        if command in CONSOLE_COMMANDS:  # :quit, :user...: the form is left, then they run
            self._form = None
            self._print(self.t("console.cancelled"))
            await self._console_command(line.strip())
            return
        field_ = pending.to_ask[0]
        if field_.multiline and line.strip() != ".":
            pending.lines.append(line)
            return
        value = ("\n".join(pending.lines) if field_.multiline else line).strip()
        if field_.choices and value not in field_.choices and value.isdigit() \
                and 1 <= int(value) <= len(field_.choices):
            value = field_.choices[int(value) - 1]  # a choice by its number, as listed
        pending.values[field_.name] = value or field_.default  # empty keeps a prefilled value
        pending.lines = []
        pending.to_ask.pop(0)
        if pending.to_ask:
            self._ask()
            return
        self._form = None
        errors = await self.host.handle_form(pending.interaction, pending.form, pending.values)
        if errors:
            await self.open_form(pending.interaction, pending.form, errors, pending.values)

    async def _misspelt_user(self, typed: str) -> str | None:
        """The known person `typed` most likely means, when it names nobody known (a
        typo must not create a stranger silently); `NAME!` creates them anyway."""
        if typed.endswith("!"):
            return None
        known = {name.lstrip("@") for names in self.host.role_identifiers().values()
                 for name in names}
        known |= {row["author"] for row in await self.host.store.fetchall(
            "SELECT DISTINCT author FROM local_messages WHERE author != ''")}
        if typed in known:
            return None
        return closest(typed, known)

    def _reader(self) -> tuple[threading.Semaphore, asyncio.Queue[str]]:
        """Lines read by a daemon thread, one each time the semaphore is released: Ctrl-C
        or the end of Garant never waits for one more line (a thread of the default
        executor would be waited for)."""
        loop = asyncio.get_running_loop()
        queue: asyncio.Queue[str] = asyncio.Queue()
        wanted = threading.Semaphore(0)

        def read() -> None:
            while True:
                wanted.acquire()
                try:
                    line = self.stdin.readline()
                except (OSError, ValueError):
                    line = ""
                try:
                    loop.call_soon_threadsafe(queue.put_nowait, line)
                except RuntimeError:  # the loop is closed: Garant has stopped
                    return
                if not line:
                    return

        threading.Thread(target=read, name="console-input", daemon=True).start()
        return wanted, queue

    async def _console_command(self, line: str) -> None:
        name, _, arg = line.partition(" ")
        command = CONSOLE_COMMANDS.get(name)
        if command is None or (name in (":user", ":channel") and not arg.strip()):
            self._print(self.t("console.unknown", name=name))
            return
        await getattr(self, command)(arg.strip())

    async def _help(self, arg: str) -> None:
        self._print(self.t("console.help"))

    async def _quit(self, arg: str) -> None:
        self._stopped = True

    async def _switch_user(self, arg: str) -> None:
        guess = await self._misspelt_user(arg)
        if guess is not None:
            self._print(self.t("console.user_unknown", name=arg, guess=guess))
            return
        self.user = self.make_user(arg.removesuffix("!").strip())
        roles = sorted(self.host.roles_of(self.user))
        shown = ", ".join(self.t(f"role.{r}") if r != "exempt" else r for r in roles)
        self._print(self.t("console.user", name=self.user.name,
                           roles=shown or self.t("console.no_role")))

    async def _reply(self, arg: str) -> None:
        """`:reply N TEXT`: a message in the thread of card N (a draft's discussion)."""
        number, _, text = arg.partition(" ")
        found = await self._find_card(int(number)) if number.isdigit() else None
        if found is None or not text.strip():
            self._print(self.t("console.reply_usage"))
            return
        row_id, channel, _ = found
        where = self.make_channel(channel)
        message_id = await self._store_message(where.name, self.user.name, text)
        self._print(f"[#{where.name} ↳ {row_id}] {self.user.name} ({message_id}): {text}")
        await self.host.handle_message(self.name, Message(
            "local", str(message_id), where, self.user, text, self.host.clock.now(),
            thread=str(row_id)))

    async def _switch_channel(self, arg: str) -> None:
        self.channel = self.make_channel(arg)
        self._print(self.t("console.channel", name=self.channel.name))

    async def _click(self, arg: str) -> None:
        match = re.fullmatch(r"(?:(\d+)\.)?(\d+)", arg)
        if not match:
            self._print(self.t("console.click_usage"))
            return
        card_id, number = match.group(1), int(match.group(2))
        found = await self._find_card(int(card_id) if card_id else None)
        if found is None:
            self._print(self.t("console.no_card"))
            return
        row_id, channel, card = found
        if not 1 <= number <= len(card.buttons):
            self._print(self.t("console.no_button", card=row_id, number=number,
                               count=len(card.buttons)))
            return
        action = card.buttons[number - 1].action
        interaction = self._interaction(str(row_id), self.make_channel(channel))
        await self.host.handle_action(interaction, action)

    async def _find_card(self, card_id: int | None) -> tuple[int, str, Card] | None:
        visible = "(visible_to IS NULL OR visible_to = ?) AND deleted_at IS NULL"
        if card_id is not None:
            rows = await self.host.store.fetchall(
                f"SELECT id, channel, card FROM local_messages WHERE id = ? AND card IS NOT NULL "
                f"AND {visible}", (card_id, self.user.name))
        else:
            rows = await self.host.store.fetchall(
                f"SELECT id, channel, card FROM local_messages WHERE card IS NOT NULL AND "
                f"{visible} AND (channel = ? OR channel = ?) ORDER BY id DESC LIMIT 50",
                (self.user.name, self.channel.name, "@" + self.user.name))
        for row in rows:
            card = card_from_dict(json.loads(row["card"]))
            if card.buttons:
                return row["id"], row["channel"].lstrip("@"), card
        return None

    async def _message_action(self, arg: str) -> None:
        """`:act ID ACTION`: what a context menu on a message does on other platforms."""
        message_id, _, action = arg.partition(" ")
        actions = self.host.message_actions()
        names = ", ".join(f"{a} ({self.t(actions[a].label)})" for a in sorted(actions))
        if not message_id.isdigit() or action.strip() not in actions:
            self._print(self.t("console.act_usage", actions=names or "—"))
            return
        message = await self.fetch_message(None, message_id)
        if message is None:
            self._print(self.t("console.edit_refused", id=message_id))
            return
        await self.host.handle_message_action(self._interaction(channel=message.channel),
                                             action.strip(), message)

    async def _delete_own(self, arg: str) -> None:
        """`:delete ID`: the author deletes their own message."""
        message = await self.fetch_message(None, arg) if arg.isdigit() else None
        if message is None or message.author.name != self.user.name:
            self._print(self.t("console.edit_refused", id=arg))
            return
        await self.delete_message(message)
        await self.host.handle_message_deleted(self.name, message.channel.id, message.id)

    async def _edit(self, arg: str) -> None:
        message_id, _, text = arg.partition(" ")
        if not message_id.isdigit() or not text.strip():
            self._print(self.t("console.edit_usage"))
            return
        async with self.host.store.transaction() as tx:
            row = await tx.fetchone(
                "SELECT channel FROM local_messages WHERE id = ? AND author = ? "
                "AND deleted_at IS NULL", (int(message_id), self.user.name))
            if row is not None:
                await tx.execute("UPDATE local_messages SET text = ?, edited_at = ? WHERE id = ?",
                                 (text, format_utc(self.host.clock.now()), int(message_id)))
        if row is None:
            self._print(self.t("console.edit_refused", id=message_id))
            return
        channel = self.make_channel(row["channel"])
        self._print(f"[#{channel.name}] {self.user.name} ({message_id}, "
                    f"{self.t('console.edited')}): {text}")
        message = Message("local", message_id, channel, self.user, text, self.host.clock.now(),
                          edited=True)
        await self.host.handle_message(self.name, message)

    async def _move_time(self, arg: str) -> None:
        clock: Any = self.host.clock
        now = clock.now()
        when = parse_when(arg, now, self.tz)
        if when is None:
            self._print(self.t("console.time_bad", value=arg))
            return
        if when < now:
            self._print(self.t("console.time_back", now=self.show_time(now)))
            return
        clock.set(when)
        self._print(self.t("console.time", when=self.show_time(when)))
        await self.host.run_due_jobs()

    def banner(self) -> list[str]:
        """The start-up banner's lines about the console: its clock and how to get help."""
        return [render("clock: {time}", {"time": self.show_time(self.host.clock.now())},
                       self.host.language),
                self.t("console.help").splitlines()[0]]

    def show_time(self, when: datetime) -> str:
        local = when.astimezone(self.tz)
        day = _DAYS[self.host.language][local.weekday()]
        return f"{day} {local:%Y-%m-%d %H:%M} ({self.tz.key})"

    async def fetch_message(self, channel_id: str | None, message_id: str) -> Message | None:
        """A person's message still present in the console, for reports and reviews."""
        if not message_id.isdigit():
            return None
        row = await self.host.store.fetchone(
            "SELECT id, channel, author, text, at FROM local_messages WHERE id = ? "
            "AND author != '' AND deleted_at IS NULL", (int(message_id),))
        if row is None:
            return None
        return Message("local", str(row["id"]), self.make_channel(row["channel"]),
                       self.make_user(row["author"]), row["text"], parse_utc(row["at"]))
