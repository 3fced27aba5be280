"""Pure rendering of the neutral model into Discord's shapes (no discord.py import).

Everything here is a plain function from the neutral model (cards, forms, the
command registry) to the JSON-like structures Discord accepts, within Discord's
documented limits, so the limits are tested once without a network and the
adapter (`adapter.py`) stays a thin layer of I/O. Values that do not fit
are shortened visibly ("…") — except identifiers (custom ids, command names),
which are never cut: an id that does not fit is left out and reported, because a
cut id would act on the wrong object.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.model import Card, Command, Form, MessageAction

# ---------------------------------------------------------------- Discord limits

MESSAGE_MAX = 2000
EMBED_TITLE_MAX = 256
EMBED_DESCRIPTION_MAX = 4096
EMBED_FIELDS_MAX = 25
EMBED_FIELD_NAME_MAX = 256
EMBED_FIELD_VALUE_MAX = 1024
EMBED_FOOTER_MAX = 2048
EMBED_TOTAL_MAX = 6000
BUTTONS_PER_ROW = 5
ROWS_MAX = 5
BUTTON_LABEL_MAX = 80
CUSTOM_ID_MAX = 100
MODAL_TITLE_MAX = 45
MODAL_INPUTS_MAX = 5
INPUT_LABEL_MAX = 45
INPUT_PLACEHOLDER_MAX = 100
INPUT_VALUE_MAX = 4000
COMMAND_NAME_MAX = 32
COMMAND_DESCRIPTION_MAX = 100
COMMANDS_MAX = 100
SUBCOMMANDS_MAX = 25
OPTIONS_MAX = 25
CHOICES_MAX = 25
STRING_OPTION_MAX = 6000
MESSAGE_MENUS_MAX = 5
CONTEXT_MENU_NAME_MAX = 32

#: Discord's own French and English locales for command localisations.
LOCALES = {"fr": ("fr",), "en": ("en-US", "en-GB")}
#: A group that also has a command of its own (`/queue` next to `/queue show`) gets
#: that command as this subcommand: Discord forbids invoking a group itself.
ROOT_SUBCOMMAND = "main"
EMBED_COLOUR = 0x2F6F4E

BUTTON_STYLES = {"primary": 1, "secondary": 2, "success": 3, "danger": 4}
OPTION_TYPES = {"text": 3, "rest": 3, "int": 4, "user": 6}
SUB_COMMAND, SUB_COMMAND_GROUP = 1, 2
CHAT_INPUT, MESSAGE_MENU = 1, 3

#: What the adapter says, in French and English (registered in the host's catalog).
MESSAGES: dict[str, dict[str, str]] = {
    "discord.group": {"fr": "Commandes /{name}", "en": "/{name} commands"},
    "discord.option.text": {"fr": "un mot ou une courte valeur",
                            "en": "a word or a short value"},
    "discord.option.rest": {"fr": "le texte", "en": "the text"},
    "discord.option.int": {"fr": "un nombre entier", "en": "a whole number"},
    "discord.option.user": {"fr": "un membre du serveur", "en": "a member of the server"},
    "discord.done": {"fr": "✓ C'est fait.", "en": "✓ Done."},
    "discord.form.errors": {
        "fr": "Le formulaire « {title} » n'est pas encore bon :",
        "en": "The form \u201c{title}\u201d needs a fix:",
    },
    "discord.form.reopen": {"fr": "Corriger le formulaire", "en": "Fix the form"},
    "discord.form.kept": {
        "fr": "Ce que vous avez tapé est conservé : le bouton rouvre le formulaire prérempli.",
        "en": "What you typed is kept: the button reopens the form, filled in.",
    },
    "discord.form.next": {
        "fr": "Partie {page} sur {pages} enregistrée. Cliquez pour continuer.",
        "en": "Part {page} of {pages} saved. Click to go on.",
    },
    "discord.form.continue": {"fr": "Continuer ({page}/{pages})",
                              "en": "Continue ({page}/{pages})"},
    "discord.dm_sent": {"fr": "Je vous ai répondu en message privé.",
                        "en": "I answered you in a direct message."},
    "discord.permission.manage_messages": {
        "fr": "⚠️ Garant n'a pas la permission « Gérer les messages » dans #{channel} : je "
              "n'ai pas pu retirer un message. Donnez cette permission au rôle du bot "
              "(Paramètres du serveur → Rôles) ou retirez le message à la main.",
        "en": "⚠️ Garant lacks the \u201cManage Messages\u201d permission in #{channel}: I "
              "could not remove a message. Give the bot's role that permission (Server "
              "Settings → Roles) or remove the message by hand.",
    },
    "discord.permission.moderate_members": {
        "fr": "⚠️ Garant n'a pas la permission « Exclure temporairement des membres » : je "
              "n'ai pas pu mettre {user} en sourdine. Donnez cette permission au rôle du bot "
              "et placez ce rôle au-dessus des rôles des membres.",
        "en": "⚠️ Garant lacks the \u201cTimeout Members\u201d permission: I could not time "
              "{user} out. Give the bot's role that permission and move it above the "
              "members' roles.",
    },
    "discord.permission.manage_guild": {
        "fr": "⚠️ Garant n'a pas la permission « Gérer le serveur », nécessaire pour les "
              "règles AutoMod. Donnez-la au rôle du bot puis relancez /charter automod sync.",
        "en": "⚠️ Garant lacks the \u201cManage Server\u201d permission that AutoMod rules "
              "need. Give it to the bot's role, then run /charter automod sync again.",
    },
    "discord.permission.threads": {
        "fr": "⚠️ Garant ne peut pas ouvrir de fil de discussion dans #{channel} (permission "
              "« Créer des fils publics ») : les membres peuvent en ouvrir un sous la carte.",
        "en": "⚠️ Garant cannot open a discussion thread in #{channel} (\u201cCreate Public "
              "Threads\u201d permission): members can start one under the card.",
    },
    "discord.permission.send": {
        "fr": "⚠️ Garant ne peut pas écrire dans #{channel} (permissions « Voir le salon » et "
              "« Envoyer des messages »).",
        "en": "⚠️ Garant cannot post in #{channel} (\u201cView Channel\u201d and \u201cSend "
              "Messages\u201d permissions).",
    },
}


def shorten(text: str, limit: int) -> str:
    """`text` cut to `limit` characters, with an ellipsis when something was cut."""
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


# ---------------------------------------------------------------- messages and cards


def text_chunks(text: str, limit: int = MESSAGE_MAX) -> list[str]:
    """A long text as messages of at most `limit` characters, cut at line ends when
    possible (a help listing stays readable), never losing a character; nothing for an
    empty text (Discord refuses empty messages)."""
    if not text.strip():
        return []
    chunks: list[str] = []
    current = ""
    for line in text.splitlines(keepends=True):
        while len(line) > limit:
            if current:
                chunks.append(current)
                current = ""
            chunks.append(line[:limit])
            line = line[limit:]
        if len(current) + len(line) > limit:
            chunks.append(current)
            current = ""
        current += line
    if current:
        chunks.append(current)
    return [c.rstrip("\n") or "\u200b" for c in chunks]


def card_embed(card: Card) -> dict[str, Any]:
    """A card as an embed dict (`discord.Embed.from_dict` reads it) within every limit.

    Fields beyond Discord's 25 are appended to the description rather than dropped;
    the total stays under 6,000 characters by shortening the description first."""
    fields = list(card.fields)
    extra = fields[EMBED_FIELDS_MAX:]
    fields = fields[:EMBED_FIELDS_MAX]
    text = card.text
    if extra:
        text = "\n".join([text, *(f"• {k} : {v}" for k, v in extra)]).strip()
    embed: dict[str, Any] = {"title": shorten(card.title or "\u200b", EMBED_TITLE_MAX),
                             "color": EMBED_COLOUR, "type": "rich"}
    rendered: list[dict[str, Any]] = [
        {"name": shorten(k or "\u200b", EMBED_FIELD_NAME_MAX),
         "value": shorten(v or "\u200b", EMBED_FIELD_VALUE_MAX), "inline": False}
        for k, v in fields]
    footer = shorten(card.footer, EMBED_FOOTER_MAX) if card.footer else ""
    used = len(embed["title"]) + len(footer) + sum(len(f["name"]) + len(f["value"])
                                                    for f in rendered)
    room = min(EMBED_DESCRIPTION_MAX, EMBED_TOTAL_MAX - used)
    while room < 0 and rendered:  # pathological: many huge fields
        dropped = rendered.pop()
        room += len(dropped["name"]) + len(dropped["value"])
    if text and room > 0:
        embed["description"] = shorten(text, room)
    if rendered:
        embed["fields"] = rendered
    if footer:
        embed["footer"] = {"text": footer}
    return embed


@dataclass(frozen=True, slots=True)
class ButtonSpec:
    label: str
    custom_id: str
    style: int
    row: int


def card_buttons(card: Card) -> tuple[list[ButtonSpec], list[str]]:
    """The card's buttons laid out in rows of five (at most 25), and the problems.

    The custom id is the action id itself (`review:keep:12`), so a click routes to
    the same handler after a restart; an action id longer than Discord's 100
    characters, or a 26th button, cannot be shown and is reported instead."""
    specs: list[ButtonSpec] = []
    problems: list[str] = []
    for button in card.buttons:
        if len(button.action) > CUSTOM_ID_MAX:
            problems.append(f"action id longer than {CUSTOM_ID_MAX} characters: "
                            f"{button.action[:40]}…")
            continue
        if len(specs) == BUTTONS_PER_ROW * ROWS_MAX:
            problems.append(f"more than {BUTTONS_PER_ROW * ROWS_MAX} buttons on card "
                            f"{card.title!r}: {button.action} left out")
            continue
        specs.append(ButtonSpec(shorten(button.label or "…", BUTTON_LABEL_MAX), button.action,
                                BUTTON_STYLES.get(button.style, 2),
                                len(specs) // BUTTONS_PER_ROW))
    return specs, problems


# ---------------------------------------------------------------- forms as modals


@dataclass(frozen=True, slots=True)
class ModalInput:
    name: str  # the form field's name, used as the text input's custom id
    label: str
    paragraph: bool
    required: bool
    max_length: int
    placeholder: str
    value: str


@dataclass(frozen=True, slots=True)
class ModalPage:
    title: str
    inputs: tuple[ModalInput, ...]
    index: int
    count: int


def modal_pages(form: Form, errors: Mapping[str, str],
                values: Mapping[str, str]) -> list[ModalPage]:
    """A form as Discord modals of at most five inputs each (a longer form becomes
    pages, chained by a "Continue" button since a modal cannot open another).

    Fields with `choices` are text inputs listing the choices in their placeholder
    (the host checks the answer); a field with an error gets a ⚠ in its label; every
    input is prefilled with what was typed, else the field's default."""
    inputs = [_modal_input(f, errors, values) for f in form.fields]
    pages = [inputs[i:i + MODAL_INPUTS_MAX] for i in range(0, len(inputs), MODAL_INPUTS_MAX)]
    pages = pages or [[]]
    count = len(pages)
    result = []
    for index, page in enumerate(pages):
        suffix = f" ({index + 1}/{count})" if count > 1 else ""
        title = shorten(form.title or form.form_id, MODAL_TITLE_MAX - len(suffix)) + suffix
        result.append(ModalPage(title, tuple(page), index, count))
    return result


def _modal_input(field_: Any, errors: Mapping[str, str],
                 values: Mapping[str, str]) -> ModalInput:
    label = ("⚠ " if field_.name in errors else "") + (field_.label or field_.name)
    hints = [" / ".join(field_.choices)] if field_.choices else []
    if field_.placeholder:
        hints.append(field_.placeholder)
    value = values.get(field_.name)
    if value is None:
        value = field_.default
    max_length = max(1, min(field_.max_length, INPUT_VALUE_MAX))
    return ModalInput(field_.name, shorten(label, INPUT_LABEL_MAX), field_.multiline,
                      field_.required, max_length,
                      shorten(" — ".join(hints), INPUT_PLACEHOLDER_MAX),
                      value[:INPUT_VALUE_MAX])


def page_of(pages: list[ModalPage], field_name: str) -> int:
    """The page holding a field (0 when unknown)."""
    for page in pages:
        if any(i.name == field_name for i in page.inputs):
            return page.index
    return 0


def submitted_values(components: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """The text inputs of a modal submission, by custom id (action rows of type 1 and
    the newer label components of type 18 both carry them)."""
    values: dict[str, str] = {}
    for component in components:
        inner = list(component.get("components") or [])
        if component.get("component"):
            inner.append(component["component"])
        if "custom_id" in component and "value" in component:
            inner.append(component)
        for item in inner:
            if "custom_id" in item and isinstance(item.get("value"), str):
                values[item["custom_id"]] = item["value"]
    return values


# ---------------------------------------------------------------- slash commands

Texts = Callable[[str, str], str | None]  # (language, key) -> text, None when unknown
_NAME_BAD = re.compile(r"[^-_\w]+", re.UNICODE)


def command_name(word: str) -> str:
    """A command or option word as Discord accepts it (lowercase, no spaces, ≤32)."""
    return _NAME_BAD.sub("-", word.lower()).strip("-")[:COMMAND_NAME_MAX] or "x"


@dataclass(slots=True)
class CommandTree:
    """What to sync to Discord, and how to route what Discord sends back."""

    payload: list[dict[str, Any]] = field(default_factory=list)
    #: Discord path (`("queue", "main")`) -> registry path (`("queue",)`).
    routes: dict[tuple[str, ...], tuple[str, ...]] = field(default_factory=dict)
    #: Option names as sent to Discord -> the option's name in the registry.
    option_names: dict[tuple[tuple[str, ...], str], str] = field(default_factory=dict)
    #: Context-menu command name -> message action id.
    menus: dict[str, str] = field(default_factory=dict)
    #: (Discord path, option name) -> (completer name, option type), for autocomplete.
    completers: dict[tuple[tuple[str, ...], str], tuple[str, str]] = field(default_factory=dict)
    problems: list[str] = field(default_factory=list)


def _localised(texts: Texts, language: str, key: str, limit: int,
               fallback: str) -> tuple[str, dict[str, str]]:
    """The text in the bot's language, and Discord localisations in French and English."""
    by_language = {lang: texts(lang, key) for lang in LOCALES}
    default = by_language.get(language) or by_language.get("en") or fallback
    localisations = {locale: shorten(text, limit)
                     for lang, text in by_language.items() if text
                     for locale in LOCALES[lang]}
    return shorten(default or fallback, limit) or fallback, localisations


def _description(texts: Texts, language: str, key: str, fallback: str) -> dict[str, Any]:
    text, localisations = _localised(texts, language, key, COMMAND_DESCRIPTION_MAX, fallback)
    payload: dict[str, Any] = {"description": text}
    if localisations:
        payload["description_localizations"] = localisations
    return payload


def _options(command: Command, texts: Texts, language: str,
             tree: CommandTree, discord_path: tuple[str, ...]) -> list[dict[str, Any]]:
    """Typed options; Discord wants the required ones first (they are routed by name,
    so their order does not matter to the handler)."""
    ordered = sorted(command.options, key=lambda o: not o.required)
    rendered = []
    for option in ordered[:OPTIONS_MAX]:
        name = command_name(option.name)
        tree.option_names[(discord_path, name)] = option.name
        key = option.help or f"discord.option.{option.type}"
        payload: dict[str, Any] = {"type": OPTION_TYPES[option.type], "name": name,
                                   "required": option.required,
                                   **_description(texts, language, key, name)}
        if option.type in ("text", "rest"):
            payload["max_length"] = STRING_OPTION_MAX
        if option.complete:
            payload["autocomplete"] = True  # suggestions come from the host's completer
            tree.completers[(discord_path, name)] = (option.complete, option.type)
        elif option.choices and len(option.choices) <= CHOICES_MAX:
            payload["choices"] = [{"name": shorten(c, 100), "value": c}
                                  for c in option.choices]
        rendered.append(payload)
    if len(command.options) > OPTIONS_MAX:
        tree.problems.append(f"/{command.name}: more than {OPTIONS_MAX} options")
    return rendered


def _leaf(command: Command, name: str, texts: Texts, language: str, tree: CommandTree,
          discord_path: tuple[str, ...], kind: int) -> dict[str, Any]:
    tree.routes[discord_path] = command.path
    return {"type": kind, "name": name,
            **_description(texts, language, command.help, name),
            "options": _options(command, texts, language, tree, discord_path)}


def build_command_tree(commands: Iterable[Command], actions: Iterable[MessageAction],
                       texts: Texts, language: str) -> CommandTree:
    """The registry as Discord application commands: one slash command per first word,
    subcommands and subcommand groups below it, message context menus for message
    actions; descriptions in the bot's language with French and English localisations.

    Permissions are not declared to Discord (`default_member_permissions`): the host
    checks them on every call, whatever a server admin changes in the Integrations
    settings."""
    tree = CommandTree()
    by_top: dict[str, list[Command]] = {}
    for command in sorted(commands, key=lambda c: c.path):
        if len(command.path) > 3:
            tree.problems.append(f"/{command.name}: Discord commands have at most 3 words")
            continue
        by_top.setdefault(command_name(command.path[0]), []).append(command)
    for top, group in by_top.items():
        if len(tree.payload) == COMMANDS_MAX:
            tree.problems.append(f"/{top}: more than {COMMANDS_MAX} commands")
            continue
        if len(group) == 1 and len(group[0].path) == 1:
            tree.payload.append(_leaf(group[0], top, texts, language, tree, (top,),
                                      CHAT_INPUT))
            continue
        tree.payload.append(_group(top, group, texts, language, tree))
    for action in sorted(actions, key=lambda a: a.id)[:MESSAGE_MENUS_MAX]:
        name, localisations = _localised(texts, language, action.label, CONTEXT_MENU_NAME_MAX,
                                         action.id)
        tree.menus[name] = action.id
        menu: dict[str, Any] = {"type": MESSAGE_MENU, "name": name}
        if localisations:
            menu["name_localizations"] = localisations
        tree.payload.append(menu)
    return tree


def _group(top: str, commands: list[Command], texts: Texts, language: str,
           tree: CommandTree) -> dict[str, Any]:
    options: list[dict[str, Any]] = []
    subgroups: dict[str, dict[str, Any]] = {}
    for command in commands:
        if len(command.path) == 1:
            options.append(_leaf(command, ROOT_SUBCOMMAND, texts, language, tree,
                                 (top, ROOT_SUBCOMMAND), SUB_COMMAND))
        elif len(command.path) == 2:
            name = command_name(command.path[1])
            if name in subgroups:
                tree.problems.append(f"/{command.name}: also a group of subcommands")
                continue
            options.append(_leaf(command, name, texts, language, tree, (top, name),
                                 SUB_COMMAND))
        else:
            middle = command_name(command.path[1])
            if any(o["name"] == middle and o["type"] == SUB_COMMAND for o in options):
                tree.problems.append(f"/{' '.join(command.path[:2])}: both a command and "
                                     "a group of subcommands")
                continue
            sub = subgroups.get(middle)
            if sub is None:
                sub = {"type": SUB_COMMAND_GROUP, "name": middle,
                       **_group_description(texts, language, f"{top} {middle}"),
                       "options": []}
                subgroups[middle] = sub
                options.append(sub)
            name = command_name(command.path[2])
            sub["options"].append(_leaf(command, name, texts, language, tree,
                                        (top, middle, name), SUB_COMMAND))
    if len(options) > SUBCOMMANDS_MAX:
        tree.problems.append(f"/{top}: more than {SUBCOMMANDS_MAX} subcommands")
        options = options[:SUBCOMMANDS_MAX]
    return {"type": CHAT_INPUT, "name": top, **_group_description(texts, language, top),
            "options": options}


def _group_description(texts: Texts, language: str, name: str) -> dict[str, Any]:
    """A group has no help key of its own: "Commandes /charter", "/charter commands"."""
    by_language = {lang: (texts(lang, "discord.group") or "/{name}").format(name=name)
                   for lang in LOCALES}

    def lookup(lang: str, key: str) -> str | None:
        return by_language.get(lang)

    return _description(lookup, language, "discord.group", name)


def focused_option(data: Mapping[str, Any], tree: CommandTree
                   ) -> tuple[str, str, str] | None:
    """For an autocomplete interaction: (completer name, option type, what is typed)."""
    path = [str(data.get("name", ""))]
    options = list(data.get("options") or [])
    while options and options[0].get("type") in (SUB_COMMAND, SUB_COMMAND_GROUP):
        path.append(str(options[0]["name"]))
        options = list(options[0].get("options") or [])
    focused = next((o for o in options if o.get("focused")), None)
    if focused is None:
        return None
    found = tree.completers.get((tuple(path), str(focused.get("name", ""))))
    if found is None:
        return None
    return found[0], found[1], str(focused.get("value", ""))


def command_call(data: Mapping[str, Any],
                 tree: CommandTree) -> tuple[tuple[str, ...], dict[str, Any]] | None:
    """The registry path and arguments of an application-command interaction's data,
    or None when the command is not (or no longer) ours. Options that were not given
    are absent (the adapter fills them with None); a user option is its id as text,
    which `Platform.find_user` reads."""
    path = [str(data.get("name", ""))]
    options = list(data.get("options") or [])
    while options and options[0].get("type") in (SUB_COMMAND, SUB_COMMAND_GROUP):
        path.append(str(options[0]["name"]))
        options = list(options[0].get("options") or [])
    discord_path = tuple(path)
    target = tree.routes.get(discord_path)
    if target is None:
        return None
    args: dict[str, Any] = {}
    for option in options:
        name = tree.option_names.get((discord_path, option.get("name", "")))
        if name is None:
            continue
        value = option.get("value")
        args[name] = str(value) if option.get("type") == OPTION_TYPES["user"] else value
    return target, args


# ---------------------------------------------------------------- invite and pacing

#: Permission bits the bot needs, by Discord's names (developers/topics/permissions).
PERMISSIONS = {
    "MANAGE_GUILD": 1 << 5,  # AutoMod rules
    "VIEW_CHANNEL": 1 << 10,
    "SEND_MESSAGES": 1 << 11,
    "MANAGE_MESSAGES": 1 << 13,  # remove blocked messages
    "EMBED_LINKS": 1 << 14,  # cards
    "ATTACH_FILES": 1 << 15,  # reports' charts and exports
    "READ_MESSAGE_HISTORY": 1 << 16,  # reported messages
    "CREATE_PUBLIC_THREADS": 1 << 35,  # a draft's discussion under its card
    "SEND_MESSAGES_IN_THREADS": 1 << 38,
    "MODERATE_MEMBERS": 1 << 40,  # timeouts
}
SCOPES = ("bot", "applications.commands")


def invite_url(client_id: str | int, permissions: int | None = None) -> str:
    """The OAuth2 link that adds the bot to a server with exactly what it needs."""
    bits = sum(PERMISSIONS.values()) if permissions is None else permissions
    return ("https://discord.com/oauth2/authorize?client_id="
            f"{client_id}&permissions={bits}&scope={'+'.join(SCOPES)}")


def application_id_from_token(token: str) -> str | None:
    """The bot's id, which is its application's id, from the first part of its token
    (the id in base64); None when the token does not look like a bot token."""
    import base64
    import binascii

    first = token.strip().split(".", 1)[0]
    if not first:
        return None
    try:
        decoded = base64.urlsafe_b64decode(first + "=" * (-len(first) % 4)).decode("ascii")
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return None
    return decoded if decoded.isdigit() else None
