"""Mirror charters' blocking word rules into Discord AutoMod (pure planning, no I/O).

Garant removes a blocked message after it was posted; Discord's native AutoMod
stops it before anyone sees it, but only for plain keyword lists within tight
limits (research/discord.md §2). `/charter automod sync` therefore mirrors what
fits — the `forbidden` rules with `action: block` that apply to chat — one
AutoMod keyword rule per charter, scoped to that charter's channels with channel
exemptions, and says precisely what could not be mirrored and why. Garant keeps
checking every message itself, so what AutoMod misses (accents, look-alike
letters, spacing tricks, other kinds of rules) is still caught after posting.

This module plans: from the charters, the server's channels and its existing
rules, it computes the rules to create, update and delete. Rules are recognised
as Garant's by their creator (the bot) and name prefix, so a re-run updates them
instead of adding duplicates, and never touches rules people made by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

KEYWORD_RULES_MAX = 6
KEYWORDS_MAX = 1000
KEYWORD_LENGTH_MAX = 60
ALLOW_LIST_MAX = 100
EXEMPT_ROLES_MAX = 20
EXEMPT_CHANNELS_MAX = 50
CUSTOM_MESSAGE_MAX = 150
RULE_NAME_MAX = 100

RULE_PREFIX = "Garant · "
TRIGGER_KEYWORD = 1
EVENT_MESSAGE_SEND = 1
ACTION_BLOCK_MESSAGE = 1
ACTION_SEND_ALERT = 2

#: What the sync says, in French and English (registered in the host's catalog).
MESSAGES: dict[str, dict[str, str]] = {
    "discord.automod.only_discord": {
        "fr": "L'AutoMod n'existe que sur Discord : lancez cette commande sur le serveur "
              "Discord.",
        "en": "AutoMod only exists on Discord: run this command on the Discord server.",
    },
    "discord.automod.blocked": {
        "fr": "Message bloqué : il contient un mot que la charte du salon interdit.",
        "en": "Message blocked: it contains a word the channel's charter forbids.",
    },
    "discord.automod.title": {"fr": "AutoMod synchronisé", "en": "AutoMod synchronised"},
    "discord.automod.created": {
        "fr": "règle « {name} » créée : {keywords} mot(s), {channels} salon(s)",
        "en": "rule \u201c{name}\u201d created: {keywords} keyword(s), {channels} channel(s)",
    },
    "discord.automod.updated": {
        "fr": "règle « {name} » mise à jour : {keywords} mot(s), {channels} salon(s)",
        "en": "rule \u201c{name}\u201d updated: {keywords} keyword(s), {channels} channel(s)",
    },
    "discord.automod.deleted": {
        "fr": "règle « {name} » supprimée (plus rien à reproduire)",
        "en": "rule \u201c{name}\u201d deleted (nothing left to mirror)",
    },
    "discord.automod.nothing": {
        "fr": "Aucune règle « forbidden » avec « action: block » ne s'applique aux salons de "
              "ce serveur : rien à reproduire.",
        "en": "No \u201cforbidden\u201d rule with \u201caction: block\u201d applies to this "
              "server's channels: nothing to mirror.",
    },
    "discord.automod.not_mirrored": {
        "fr": "Non reproduit (Garant continue de le vérifier après publication) :",
        "en": "Not mirrored (Garant still checks it after posting):",
    },
    "discord.automod.problem.too_long": {
        "fr": "« {term} » (règle {rule}, charte {charter}) : plus de {max} caractères, la "
              "limite d'un mot AutoMod",
        "en": "\u201c{term}\u201d (rule {rule}, charter {charter}): longer than {max} "
              "characters, AutoMod's limit for a keyword",
    },
    "discord.automod.problem.too_many_keywords": {
        "fr": "charte {charter} : {count} mots, AutoMod en accepte {max} par règle ; "
              "{dropped} mot(s) non reproduit(s), dont « {example} »",
        "en": "charter {charter}: {count} keywords, AutoMod takes {max} per rule; "
              "{dropped} keyword(s) not mirrored, including \u201c{example}\u201d",
    },
    "discord.automod.problem.too_many_exceptions": {
        "fr": "charte {charter} : {count} exceptions, AutoMod en accepte {max} ; au-delà, "
              "AutoMod peut bloquer des messages que la charte accepte, dont « {example} »",
        "en": "charter {charter}: {count} exceptions, AutoMod takes {max}; beyond that "
              "AutoMod may block messages the charter allows, such as \u201c{example}\u201d",
    },
    "discord.automod.problem.no_room": {
        "fr": "charte {charter} : Discord permet {max} règles de mots-clés par serveur et "
              "{others} sont déjà prises par d'autres règles",
        "en": "charter {charter}: Discord allows {max} keyword rules per server and "
              "{others} are taken by other rules",
    },
    "discord.automod.problem.too_many_channels": {
        "fr": "charte {charter} : il faudrait exempter {count} salons qu'elle ne modère pas, "
              "AutoMod en accepte {max} ; la règle bloquerait ailleurs qu'il ne faut",
        "en": "charter {charter}: {count} channels it does not moderate would need an "
              "exemption, AutoMod takes {max}; the rule would block where it should not",
    },
    "discord.automod.problem.kind": {
        "fr": "règle {rule} (charte {charter}, type {kind}) : AutoMod ne reproduit que des "
              "listes de mots",
        "en": "rule {rule} (charter {charter}, kind {kind}): AutoMod only mirrors word lists",
    },
    "discord.automod.problem.user_exempt": {
        "fr": "« {name} » est exempté dans garant.yaml mais c'est une personne : AutoMod "
              "n'exempte que des rôles, ses messages seront bloqués ; donnez-lui un rôle "
              "exempté",
        "en": "\u201c{name}\u201d is exempt in garant.yaml but is a person: AutoMod only "
              "exempts roles, so their messages will be blocked; give them an exempt role",
    },
    "discord.automod.problem.unknown_exempt": {
        "fr": "« {name} » (exempté dans garant.yaml) n'est ni un rôle ni un membre de ce "
              "serveur",
        "en": "\u201c{name}\u201d (exempt in garant.yaml) is neither a role nor a member of "
              "this server",
    },
    "discord.automod.problem.too_many_roles": {
        "fr": "{count} rôles exemptés, AutoMod en accepte {max} : « {example} » et les "
              "suivants seront bloqués par AutoMod",
        "en": "{count} exempt roles, AutoMod takes {max}: \u201c{example}\u201d and the next "
              "ones will be blocked by AutoMod",
    },
    "discord.automod.evasion": {
        "fr": "AutoMod compare les mots tels qu'écrits (sans tenir compte des majuscules) : "
              "accents, lettres sosies et espacements restent vérifiés par Garant après "
              "publication.",
        "en": "AutoMod matches keywords as written (ignoring case): accents, look-alike "
              "letters and spacing tricks are still checked by Garant after posting.",
    },
    "discord.automod.forbidden": {
        "fr": "Discord a refusé : Garant n'a pas la permission « Gérer le serveur ». "
              "Donnez-la au rôle du bot puis relancez la commande.",
        "en": "Discord refused: Garant lacks the \u201cManage Server\u201d permission. Give "
              "it to the bot's role, then run the command again.",
    },
    "discord.automod.failed": {
        "fr": "Discord a refusé la règle « {name} » : {error}",
        "en": "Discord refused the rule \u201c{name}\u201d: {error}",
    },
}


@dataclass(frozen=True, slots=True)
class Problem:
    """Something that could not be mirrored: a catalog key suffix and its values."""

    code: str
    values: Mapping[str, Any]


@dataclass(frozen=True, slots=True)
class CharterWords:
    """What one charter could give AutoMod."""

    name: str
    keywords: tuple[tuple[str, str], ...]  # (term, rule id)
    exceptions: tuple[str, ...]
    other_rules: tuple[tuple[str, str], ...]  # (rule id, kind): blocking, not word lists


def charter_words(name: str, rules: Iterable[Any]) -> CharterWords:
    """The blocking chat word rules of a loaded charter (its `rules`), as terms."""
    keywords: list[tuple[str, str]] = []
    exceptions: list[str] = []
    others: list[tuple[str, str]] = []
    for rule in rules:
        if rule.action != "block" or "chat" not in rule.applies_to:
            continue
        if rule.kind != "forbidden" or rule.networks is not None:
            others.append((rule.id, rule.kind))
            continue
        keywords += [(term, rule.id) for term in getattr(rule.impl, "terms", ())]
        exceptions += list(getattr(rule.impl, "exceptions", ()))
    return CharterWords(name, tuple(keywords), tuple(exceptions), tuple(others))


def keyword(term: str) -> str:
    """A charter term as an AutoMod keyword: AutoMod ignores case and reads `*` at either
    end as a wildcard, like charters do."""
    return " ".join(term.strip().lower().split())


@dataclass(frozen=True, slots=True)
class Server:
    """What the planner needs to know about the Discord server."""

    channels: Mapping[str, str]  # channel id -> name (every channel but categories)
    coverage: Mapping[str, frozenset[str]]  # charter name -> ids of the channels it moderates
    existing: tuple[Mapping[str, Any], ...]  # the server's AutoMod rules, as Discord sends them
    bot_id: str
    alert_channel_id: str | None
    exempt_role_ids: tuple[str, ...]
    exempt_role_names: tuple[str, ...] = ()  # for the report, same order as the ids


@dataclass(slots=True)
class Planned:
    name: str
    charter: str
    payload: dict[str, Any]
    keywords: int
    channels: int
    rule_id: str | None = None  # set when it updates an existing rule


@dataclass(slots=True)
class Plan:
    create: list[Planned] = field(default_factory=list)
    update: list[Planned] = field(default_factory=list)
    delete: list[tuple[str, str]] = field(default_factory=list)  # (rule id, name)
    problems: list[Problem] = field(default_factory=list)


def is_ours(rule: Mapping[str, Any], bot_id: str) -> bool:
    return (str(rule.get("creator_id")) == bot_id
            and str(rule.get("name", "")).startswith(RULE_PREFIX))


def plan_automod(charters: Iterable[CharterWords], server: Server,
                 blocked_message: str) -> Plan:
    """The AutoMod rules to create, update and delete so that each charter's blocking
    words are mirrored in exactly its channels, within Discord's limits."""
    plan = Plan()
    ours = {str(r["name"]): r for r in server.existing if is_ours(r, server.bot_id)}
    others = sum(1 for r in server.existing
                 if r.get("trigger_type") == TRIGGER_KEYWORD and not is_ours(r, server.bot_id))
    room = KEYWORD_RULES_MAX - others
    plan.problems += _role_problems(server)
    wanted: dict[str, Planned] = {}
    for words in charters:
        plan.problems += [Problem("kind", {"rule": rule, "kind": kind, "charter": words.name})
                          for rule, kind in words.other_rules]
        covered = server.coverage.get(words.name, frozenset())
        if not words.keywords or not covered:
            continue
        exempt = sorted(set(server.channels) - covered)
        if len(exempt) > EXEMPT_CHANNELS_MAX:
            plan.problems.append(Problem("too_many_channels", {
                "charter": words.name, "count": len(exempt), "max": EXEMPT_CHANNELS_MAX}))
            continue
        if len(wanted) >= room:
            plan.problems.append(Problem("no_room", {
                "charter": words.name, "max": KEYWORD_RULES_MAX, "others": others}))
            continue
        keywords, allow = _lists(words, plan.problems)
        name = (RULE_PREFIX + words.name)[:RULE_NAME_MAX]
        payload = _payload(name, keywords, allow, server, exempt, blocked_message)
        wanted[name] = Planned(name, words.name, payload, len(keywords), len(covered))
    for name, planned in wanted.items():
        existing = ours.get(name)
        if existing is None:
            plan.create.append(planned)
        else:
            planned.rule_id = str(existing["id"])
            del planned.payload["trigger_type"]  # a rule's trigger cannot change
            plan.update.append(planned)
    plan.delete = [(str(rule["id"]), name) for name, rule in ours.items() if name not in wanted]
    return plan


def _lists(words: CharterWords, problems: list[Problem]) -> tuple[list[str], list[str]]:
    keywords: list[str] = []
    seen: set[str] = set()
    for term, rule in words.keywords:
        key = keyword(term)
        if not key or key in seen:
            continue
        if len(key) > KEYWORD_LENGTH_MAX:
            problems.append(Problem("too_long", {"term": term, "rule": rule,
                                                 "charter": words.name,
                                                 "max": KEYWORD_LENGTH_MAX}))
            continue
        seen.add(key)
        keywords.append(key)
    if len(keywords) > KEYWORDS_MAX:
        problems.append(Problem("too_many_keywords", {
            "charter": words.name, "count": len(keywords), "max": KEYWORDS_MAX,
            "dropped": len(keywords) - KEYWORDS_MAX, "example": keywords[KEYWORDS_MAX]}))
        keywords = keywords[:KEYWORDS_MAX]
    allow = list(dict.fromkeys(k for k in map(keyword, words.exceptions)
                               if k and len(k) <= KEYWORD_LENGTH_MAX))
    if len(allow) > ALLOW_LIST_MAX:
        problems.append(Problem("too_many_exceptions", {
            "charter": words.name, "count": len(allow), "max": ALLOW_LIST_MAX,
            "example": allow[ALLOW_LIST_MAX]}))
        allow = allow[:ALLOW_LIST_MAX]
    return keywords, allow


def _payload(name: str, keywords: list[str], allow: list[str], server: Server,
             exempt_channels: list[str], blocked_message: str) -> dict[str, Any]:
    actions: list[dict[str, Any]] = [{
        "type": ACTION_BLOCK_MESSAGE,
        "metadata": {"custom_message": blocked_message[:CUSTOM_MESSAGE_MAX]}}]
    if server.alert_channel_id:
        actions.append({"type": ACTION_SEND_ALERT,
                        "metadata": {"channel_id": server.alert_channel_id}})
    return {"name": name, "event_type": EVENT_MESSAGE_SEND, "trigger_type": TRIGGER_KEYWORD,
            "trigger_metadata": {"keyword_filter": keywords, "allow_list": allow},
            "actions": actions, "enabled": True,
            "exempt_roles": list(server.exempt_role_ids[:EXEMPT_ROLES_MAX]),
            "exempt_channels": exempt_channels}


def _role_problems(server: Server) -> list[Problem]:
    if len(server.exempt_role_ids) <= EXEMPT_ROLES_MAX:
        return []
    names = server.exempt_role_names or server.exempt_role_ids
    return [Problem("too_many_roles", {"count": len(server.exempt_role_ids),
                                       "max": EXEMPT_ROLES_MAX,
                                       "example": names[EXEMPT_ROLES_MAX]})]
