"""Slack rendering and parsing, as pure functions: the neutral model in, Block Kit out,
and Slack's payloads back into the neutral model.

Nothing here does I/O, so every rule that keeps Slack from refusing a message
(Block Kit's length limits, unique action ids) and every rule that keeps user
text from doing harm (escaping) is unit-tested without a server.

Escaping. People's text reaches our messages inside cards (a flagged message,
a draft's title). Slack's mrkdwn turns `<!channel>` into a ping and `<@U123>`
into a mention, so in mrkdwn we replace `&`, `<` and `>` by entities, the only
escapes Slack defines. `*`, `_` and `~` have no escape: wherever a text is
not ours and formatting could break, it goes into `plain_text` objects, which
Slack never parses (titles, card texts, footers, every string message).
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

from bot.model import Button, Card, Content, Form, FormField

# Block Kit limits (docs.slack.dev/reference/block-kit; slack_sdk's validators).
MAX_BLOCKS_MESSAGE = 50
MAX_BLOCKS_VIEW = 100
MAX_SECTION_TEXT = 3000
MAX_HEADER = 150
MAX_FIELD = 2000
MAX_FIELDS_PER_SECTION = 10
MAX_BUTTON_TEXT = 75
MAX_BUTTON_VALUE = 2000
MAX_ACTION_ID = 255
MAX_BUTTONS_PER_BLOCK = 25
MAX_CONTEXT_TEXT = 2000
MAX_FALLBACK_TEXT = 3000
MAX_MODAL_TITLE = 24
MAX_LABEL = 2000
MAX_INPUT = 3000
MAX_PLACEHOLDER = 150
MAX_OPTIONS = 100
MAX_OPTION_TEXT = 75
MAX_OPTION_VALUE = 150
MAX_METADATA = 3000

#: The action id of every form input element; the field's name is its block id.
INPUT_ACTION = "value"
#: The callback id of every modal Garant opens; the form id is in private_metadata.
FORM_CALLBACK = "garant-form"

_STYLES = {"primary": "primary", "success": "primary", "danger": "danger"}


# ------------------------------------------------------------------ text


def escape(text: str) -> str:
    """Make text safe inside mrkdwn: `<!channel>` and `<@U1>` can no longer ping."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def truncate(text: str, limit: int) -> str:
    """At most `limit` characters, with an ellipsis when something was cut."""
    return text if len(text) <= limit else text[:limit - 1] + "…"


def plain(text: str, limit: int = MAX_SECTION_TEXT) -> dict[str, Any]:
    """A plain_text object: shown literally, never parsed (no mention, no formatting)."""
    return {"type": "plain_text", "text": truncate(text, limit) or " ", "emoji": True}


def mrkdwn(text: str) -> dict[str, Any]:
    """A mrkdwn object whose text the caller has escaped; verbatim so Slack does not turn
    bare URLs or #names into links on its own."""
    return {"type": "mrkdwn", "text": text, "verbatim": True}


def command_rewriter(roots: Iterable[str], command: str = "/garant") -> Rewrite:
    """A function turning `/help` into `/garant help` in our texts.

    Cogs write their commands as `/draft new` (console and Discord syntax); on Slack
    every command is a word after the one slash command, so help lines, usage
    messages and hints must say `/garant draft new` or nobody could type them. Only
    the roots of registered commands are rewritten, and not inside URLs or paths.
    """
    names = sorted({r for r in roots if r}, key=len, reverse=True)
    if not names:
        return lambda text: text
    pattern = re.compile(r"(?<![\w/.:\-])/(" + "|".join(map(re.escape, names)) + r")(?![\w\-])")
    prefix = command.rstrip() + " "

    def rewrite(text: str) -> str:
        return pattern.sub(lambda m: prefix + m.group(1), text)

    return rewrite


Rewrite = Callable[[str], str]


def _identity(text: str) -> str:
    return text


# ------------------------------------------------------------------ messages


def text_blocks(text: str, rewrite: Rewrite = _identity) -> list[dict[str, Any]]:
    """A string message as plain_text sections of at most 3000 characters, cut at line
    ends where possible (a /help listing can be longer than one section)."""
    text = rewrite(text)
    blocks = []
    for chunk in _chunks(text, MAX_SECTION_TEXT):
        if chunk.strip():
            blocks.append({"type": "section", "text": plain(chunk)})
    return blocks or [{"type": "section", "text": plain(" ")}]


def _chunks(text: str, size: int) -> list[str]:
    chunks: list[str] = []
    while len(text) > size:
        cut = text.rfind("\n", 0, size)
        if cut <= 0:
            cut = size
        chunks.append(text[:cut])
        text = text[cut:].lstrip("\n")
    chunks.append(text)
    return chunks


def action_id_for(action: str) -> str:
    """Slack's action_id for a button: the action itself when it fits in 255 characters,
    else a stable digest (the button's value always carries the full action)."""
    if len(action) <= MAX_ACTION_ID:
        return action
    return "garant-" + hashlib.sha256(action.encode()).hexdigest()[:40]


def button_element(button: Button, action_id: str) -> dict[str, Any]:
    element: dict[str, Any] = {
        "type": "button", "text": plain(button.label, MAX_BUTTON_TEXT),
        "action_id": action_id, "value": button.action,
    }
    style = _STYLES.get(button.style)
    if style:
        element["style"] = style
    return element


def card_blocks(card: Card, rewrite: Rewrite = _identity) -> list[dict[str, Any]]:
    """A card as Block Kit: header, text (plain), fields (escaped mrkdwn, label in bold),
    buttons, footer. The card's text is usually someone's message: it stays plain_text
    and is never rewritten."""
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": plain(rewrite(card.title), MAX_HEADER)}]
    for chunk in _chunks(card.text, MAX_SECTION_TEXT) if card.text.strip() else []:
        if chunk.strip():
            blocks.append({"type": "section", "text": plain(chunk)})
    fields = [mrkdwn(truncate(f"*{escape(_no_stars(rewrite(label)))}*\n{escape(rewrite(value))}",
                              MAX_FIELD))
              for label, value in card.fields]
    for start in range(0, len(fields), MAX_FIELDS_PER_SECTION):
        blocks.append({"type": "section", "fields": fields[start:start + MAX_FIELDS_PER_SECTION]})
    elements = []
    seen: set[str] = set()
    for button in card.buttons:
        if len(button.action) > MAX_BUTTON_VALUE:
            continue  # cannot be carried by Slack; the cog's ids are far shorter
        action_id = action_id_for(button.action)
        number = 2
        while action_id in seen:  # action ids must be unique within a message
            action_id = truncate(action_id_for(button.action), MAX_ACTION_ID - 4) + f"#{number}"
            number += 1
        seen.add(action_id)
        elements.append(button_element(button, action_id))
    for start in range(0, len(elements), MAX_BUTTONS_PER_BLOCK):
        blocks.append({"type": "actions",
                       "elements": elements[start:start + MAX_BUTTONS_PER_BLOCK]})
    if card.footer.strip():
        blocks.append({"type": "context",
                       "elements": [plain(rewrite(card.footer), MAX_CONTEXT_TEXT)]})
    return blocks


def _no_stars(label: str) -> str:
    """A bold label cannot hold a `*` (it would end the bold early)."""
    return label.replace("*", "")


def fallback_text(content: Content, rewrite: Rewrite = _identity) -> str:
    """The message's `text`: what notifications and screen readers show. Escaped, since
    Slack parses it as mrkdwn."""
    if isinstance(content, Card):
        text = rewrite(content.title) + (f"\n{content.text}" if content.text.strip() else "")
    else:
        text = rewrite(content)
    return escape(truncate(text, MAX_FALLBACK_TEXT))


def message_payload(content: Content, rewrite: Rewrite = _identity,
                    max_blocks: int = MAX_BLOCKS_MESSAGE) -> dict[str, Any]:
    """`text` and `blocks` for chat.postMessage, chat.update and chat.postEphemeral."""
    blocks = card_blocks(content, rewrite) if isinstance(content, Card) \
        else text_blocks(content, rewrite)
    return {"text": fallback_text(content, rewrite), "blocks": limit_blocks(blocks, max_blocks)}


def limit_blocks(blocks: list[dict[str, Any]], limit: int) -> list[dict[str, Any]]:
    """At most `limit` blocks, the buttons kept: a too long card loses text, not actions."""
    if len(blocks) <= limit:
        return blocks
    actions = [b for b in blocks if b["type"] == "actions"]
    others = [b for b in blocks if b["type"] != "actions"]
    room = max(limit - len(actions) - 1, 0)
    return [*others[:room], {"type": "context", "elements": [plain("…")]}, *actions][:limit]


def action_of(action: Mapping[str, Any]) -> str:
    """The neutral action id of a clicked button: its value, or its action_id."""
    return str(action.get("value") or action.get("action_id") or "")


# ------------------------------------------------------------------ forms


@dataclass(frozen=True, slots=True)
class FormContext:
    """Where a form was opened from, kept in the modal's private_metadata so that the
    submission can be answered in the same place after a restart."""

    form_id: str
    channel_id: str = ""
    channel_name: str = ""
    is_dm: bool = False
    message_id: str | None = None
    thread_ts: str | None = None

    def dump(self) -> str:
        data = {"f": self.form_id, "c": self.channel_id, "n": self.channel_name,
                "d": int(self.is_dm), "m": self.message_id, "t": self.thread_ts}
        text = json.dumps({k: v for k, v in data.items() if v not in (None, "", 0)},
                          ensure_ascii=False, separators=(",", ":"))
        if len(text) > MAX_METADATA:
            raise ValueError(f"form {self.form_id[:40]!r}: private_metadata over 3000 chars")
        return text

    @classmethod
    def load(cls, text: str) -> FormContext:
        data = json.loads(text or "{}")
        return cls(form_id=str(data.get("f", "")), channel_id=str(data.get("c", "")),
                   channel_name=str(data.get("n", "")), is_dm=bool(data.get("d", 0)),
                   message_id=data.get("m"), thread_ts=data.get("t"))


def _input_block(field: FormField, value: str) -> dict[str, Any]:
    block: dict[str, Any] = {"type": "input", "block_id": field.name,
                             "label": plain(field.label, MAX_LABEL),
                             "optional": not field.required}
    options = [{"text": plain(choice, MAX_OPTION_TEXT),
                "value": choice if len(choice) <= MAX_OPTION_VALUE else f"#{i}"}
               for i, choice in enumerate(field.choices)]
    if field.choices and len(options) <= MAX_OPTIONS:
        element: dict[str, Any] = {"type": "static_select", "action_id": INPUT_ACTION,
                                   "options": options}
        chosen = [o for o, c in zip(options, field.choices, strict=True) if c == value]
        if chosen:
            element["initial_option"] = chosen[0]
        if field.placeholder:
            element["placeholder"] = plain(field.placeholder, MAX_PLACEHOLDER)
    else:
        limit = min(field.max_length, MAX_INPUT)
        element = {"type": "plain_text_input", "action_id": INPUT_ACTION,
                   "multiline": field.multiline, "max_length": max(limit, 1)}
        if value:
            element["initial_value"] = value[:limit]
        if field.placeholder:
            element["placeholder"] = plain(field.placeholder, MAX_PLACEHOLDER)
        if field.choices:  # more choices than a menu holds: typed, and checked by the host
            block["hint"] = plain(", ".join(field.choices), MAX_LABEL)
    block["element"] = element
    return block


def form_view(form: Form, values: Mapping[str, str], where: FormContext, submit: str,
              close: str) -> dict[str, Any]:
    """A form as a modal. Each field is an input block whose block id is the field's
    name, so validation errors come back on the right field."""
    blocks = [_input_block(f, values.get(f.name, f.default)) for f in form.fields]
    return {
        "type": "modal", "callback_id": FORM_CALLBACK,
        "title": plain(form.title, MAX_MODAL_TITLE),
        "submit": plain(form.submit_label or submit, MAX_MODAL_TITLE),
        "close": plain(close, MAX_MODAL_TITLE),
        "private_metadata": where.dump(),
        "blocks": blocks[:MAX_BLOCKS_VIEW],
    }


def read_view(view: Mapping[str, Any]) -> tuple[Form, dict[str, str], FormContext]:
    """A submitted modal back into the neutral form, its values and where it came from.

    The form is rebuilt from the view Slack sends back (signed, and built by us), so a
    form survives a restart without being stored anywhere.
    """
    where = FormContext.load(view.get("private_metadata", ""))
    state = view.get("state", {}).get("values", {})
    fields = []
    values: dict[str, str] = {}
    for block in view.get("blocks", []):
        if block.get("type") != "input":
            continue
        name = block.get("block_id", "")
        element = block.get("element", {})
        options = element.get("options", [])
        choices = tuple(_option_choice(o) for o in options)
        fields.append(FormField(
            name=name, label=block.get("label", {}).get("text", name),
            multiline=bool(element.get("multiline")), required=not block.get("optional"),
            max_length=int(element.get("max_length") or MAX_INPUT), choices=choices))
        answer = state.get(name, {}).get(INPUT_ACTION, {})
        if element.get("type") == "static_select":
            selected = answer.get("selected_option") or {}
            values[name] = _option_choice(selected) if selected else ""
        else:
            values[name] = answer.get("value") or ""
    title = view.get("title", {}).get("text", "")
    return Form(where.form_id, title, tuple(fields)), values, where


def _option_choice(option: Mapping[str, Any]) -> str:
    value = str(option.get("value", ""))
    if value.startswith("#") and value[1:].isdigit():  # a choice too long to be a value
        return str(option.get("text", {}).get("text", ""))
    return value


def form_errors(errors: Mapping[str, str], form: Form) -> dict[str, str]:
    """Errors keyed by input block, as `response_action: errors` wants them; an error for
    a field the modal does not show goes on the first field rather than being lost."""
    names = [f.name for f in form.fields]
    shown: dict[str, str] = {}
    for name, message in errors.items():
        key = name if name in names else (names[0] if names else name)
        shown[key] = truncate(f"{shown[key]} {message}" if key in shown else message, MAX_LABEL)
    return shown


# ------------------------------------------------------------------ App Home


def home_view(title: str, intro: str, contents: list[Content], empty: str,
              rewrite: Rewrite = _identity) -> dict[str, Any]:
    """A person's App Home: a title, who they are, then what the cogs contributed."""
    blocks: list[dict[str, Any]] = [{"type": "header", "text": plain(title, MAX_HEADER)},
                                    {"type": "context", "elements": [plain(rewrite(intro),
                                                                           MAX_CONTEXT_TEXT)]}]
    if not contents:
        blocks.append({"type": "section", "text": plain(rewrite(empty))})
    for content in contents:
        part = card_blocks(content, rewrite) if isinstance(content, Card) \
            else text_blocks(content, rewrite)
        if len(blocks) + 1 + len(part) > MAX_BLOCKS_VIEW - 1:
            blocks.append({"type": "context", "elements": [plain("…")]})
            break
        blocks.append({"type": "divider"})
        blocks.extend(part)
    return {"type": "home", "blocks": blocks}


# ------------------------------------------------------------------ incoming


def parse_body(raw: str, content_type: str | None) -> dict[str, Any]:
    """A request body as Slack means it.

    Bolt treats any form body that merely *contains* the word "payload" as an
    interactive payload, so `/garant draft new payload` reached it as `{}`.
    Interactive requests have a `payload` *field*; slash commands never do.
    """
    if not raw:
        return {}
    if content_type == "application/json" or raw.startswith("{"):
        return _object(json.loads(raw))
    params = dict(parse_qsl(raw, keep_blank_values=True))
    if "payload" in params:
        return _object(json.loads(params["payload"]))
    return dict(params)


def _object(value: Any) -> dict[str, Any]:
    """A JSON body must be an object; anything else is a malformed request."""
    if not isinstance(value, dict):
        raise ValueError("the request body is not a JSON object")
    return value
