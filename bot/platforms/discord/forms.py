"""Discord forms: modals of at most five inputs, in pages, with a "fix the form"
button when the host refuses what was typed (a modal cannot open another modal,
so Discord needs a click in between). A mixin of `DiscordPlatform`.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import discord

from bot.model import Form, FormField, Interaction
from bot.platforms.discord import render
from bot.platforms.discord.client import Exchange, FormButton
from bot.platforms.kit import PendingForms

if TYPE_CHECKING:
    from bot.platforms.base import Host

log = logging.getLogger("bot.platforms.discord")

_MODAL_ID = re.compile(r"~m(?P<page>\d+):(?P<token>[0-9a-f]{8,32}):(?P<form>[\s\S]*)")
#: Forms typed and not yet accepted, kept for their "fix the form" button.
PENDING_FORMS_MAX = 256


@dataclass(slots=True)
class PendingForm:
    """A form being filled: its pages still to show and what was typed so far."""

    form: Form
    user_id: str  # only they may reopen it
    values: dict[str, str] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    todo: list[int] = field(default_factory=list)  # pages still to show


class ModalForms:
    """Forms as chained modals; expects the platform's `host`, `serve` and `reply`."""

    host: Host
    _pending: PendingForms[PendingForm]

    async def serve(self, interaction: discord.Interaction[Any], kind: str,
                    work: Any) -> None:
        raise NotImplementedError

    async def reply(self, interaction: Interaction, content: Any, visibility: Any) -> None:
        raise NotImplementedError

    async def open_form(self, interaction: Interaction, form: Form, errors: dict[str, str],
                        values: dict[str, str]) -> None:
        exchange = interaction.handle if isinstance(interaction.handle, Exchange) else None
        if exchange is None:
            log.error("form %s asked outside an interaction: cannot be shown", form.form_id)
            return
        pages = render.modal_pages(form, errors, values)
        todo = sorted({render.page_of(pages, name) for name in errors}) if errors \
            else [p.index for p in pages]
        token = self._keep(PendingForm(form, interaction.user.id, dict(values), dict(errors),
                                       todo))
        if exchange.can_open_modal() and await exchange.send_modal(self._modal(token)):
            return
        await self._offer_form(exchange, token)

    def _keep(self, pending: PendingForm) -> str:
        return self._pending.keep(pending)

    def _modal(self, token: str) -> discord.ui.Modal:
        pending = self._pending.get(token)
        assert pending is not None
        pages = render.modal_pages(pending.form, pending.errors, pending.values)
        page = pages[pending.todo[0] if pending.todo else 0]
        custom_id = f"~m{page.index}:{token}:{pending.form.form_id}"
        if len(custom_id) > render.CUSTOM_ID_MAX:
            custom_id = f"~m{page.index}:{token}:"
        modal = discord.ui.Modal(title=page.title, custom_id=custom_id, timeout=900)
        for item in page.inputs:
            modal.add_item(discord.ui.TextInput(
                label=item.label, custom_id=item.name, required=item.required,
                style=discord.TextStyle.paragraph if item.paragraph else discord.TextStyle.short,
                max_length=item.max_length, placeholder=item.placeholder or None,
                default=item.value or None))
        return modal

    async def _offer_form(self, exchange: Exchange, token: str) -> None:
        """A private message with the errors (if any) and a button that (re)opens the form."""
        pending = self._pending.get(token)
        assert pending is not None
        pages = render.modal_pages(pending.form, pending.errors, pending.values)
        labels = {f.name: f.label for f in pending.form.fields}
        if pending.errors:
            lines = [self.host.t("discord.form.errors", title=pending.form.title)]
            lines += [f"• {labels.get(name, name)} : {error}"
                      if self.host.language == "fr" else
                      f"• {labels.get(name, name)}: {error}"
                      for name, error in pending.errors.items()]
            lines.append(self.host.t("discord.form.kept"))
            label = self.host.t("discord.form.reopen")
        else:
            done = len(pages) - len(pending.todo)
            lines = [self.host.t("discord.form.next", page=done, pages=len(pages))]
            label = self.host.t("discord.form.continue", page=done + 1, pages=len(pages))
        view = discord.ui.View(timeout=None)
        view.add_item(FormButton(token, render.shorten(label, render.BUTTON_LABEL_MAX)))
        await exchange.send({"content": render.shorten("\n".join(lines), render.MESSAGE_MAX),
                             "view": view}, ephemeral=True)

    async def on_form_button(self, interaction: discord.Interaction[Any], token: str) -> None:
        async def reopen(host: Interaction) -> None:
            pending = self._pending.get(token)
            exchange = host.handle
            if pending is None or pending.user_id != host.user.id:
                await self.reply(host, self.host.t("host.stale_form"), "private")
            elif not await exchange.send_modal(self._modal(token)):
                await self._offer_form(exchange, token)

        await self.serve(interaction, "component", reopen)

    async def _submitted(self, host: Interaction, data: dict[str, Any]) -> None:
        """A modal came back: keep its page, ask for the next one, or hand the whole form
        to the host; a refused form is offered again as typed."""
        match = _MODAL_ID.fullmatch(str(data.get("custom_id", "")))
        if match is None:
            return
        values = render.submitted_values(data.get("components") or [])
        token, page = match["token"], int(match["page"])
        pending = self._pending.get(token)
        if pending is None:  # typed before a restart: rebuild what the submission says
            if page != 0 or not match["form"]:
                await self.reply(host, self.host.t("host.stale_form"), "private")
                return
            form = Form(match["form"], match["form"],
                        tuple(FormField(name, name, required=False) for name in values))
            pending = PendingForm(form, host.user.id, todo=[0])
            token = self._keep(pending)
        pending.values.update(values)
        for name in values:  # answered again: the host checks it anew
            pending.errors.pop(name, None)
        if page in pending.todo:
            pending.todo.remove(page)
        exchange = host.handle
        if pending.todo:
            await self._offer_form(exchange, token)
            return
        errors = await self.host.handle_form(host, pending.form, dict(pending.values))
        if not errors:
            self._pending.pop(token)
            return
        pages = render.modal_pages(pending.form, errors, pending.values)
        pending.errors = dict(errors)
        pending.todo = sorted({render.page_of(pages, name) for name in errors})
        await self._offer_form(exchange, token)
