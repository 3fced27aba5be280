"""The `privacy` cog: what Garant stores about a person, on request (RGPD, art. 15).

`/privacy export USER` (the publication director) writes every row that names the
person, in every place a cog declared with `Bot.add_personal_data` (and the audit
log), as one JSON file posted where the command was typed — type it in a private
channel or in a direct message with Garant. The export itself is audited.

A cog that stores people declares where, in its `setup`; the export reads what is
declared, so a new cog cannot be forgotten silently if it declares its tables, and
a table of a cog that is not installed is simply absent.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.model import Attachment, Command, Option
from bot.store import format_utc

if TYPE_CHECKING:
    from bot.host import Bot, Context
    from bot.store import Store

MESSAGES = {
    "privacy.export.help": {
        "fr": "exporte en JSON tout ce que Garant conserve sur une personne (RGPD, droit "
              "d'accès)",
        "en": "export as JSON everything Garant keeps about a person (GDPR, right of access)",
    },
    "privacy.export.done": {
        "fr": "Export des données de {user} : {rows} ligne(s) dans {tables} table(s).",
        "en": "Export of {user}'s data: {rows} row(s) in {tables} table(s).",
    },
    "privacy.export.file": {"fr": "Données personnelles de {user}",
                            "en": "Personal data of {user}"},
    "privacy.unknown": {"fr": "Personne ne s'appelle « {name} » ici.",
                        "en": "Nobody is called “{name}” here."},
}


def setup(bot: Bot) -> None:
    bot.add_messages(MESSAGES)
    bot.add_personal_data("audit_log", "actor")
    bot.add_command(Command(("privacy", "export"), "privacy.export.help", export,
                            (Option("user", "user"),), permission="director"))


async def gather(store: Store, places: dict[str, tuple[str, ...]],
                 user_key: str) -> dict[str, list[dict[str, Any]]]:
    """Every row naming `user_key` in the declared places (the audit log also by its
    subject), table by table, in storage order."""
    found: dict[str, list[dict[str, Any]]] = {}
    for table, columns in sorted(places.items()):
        where = " OR ".join(f"{column} = ?" for column in columns)
        params: list[str] = [user_key] * len(columns)
        if table == "audit_log":
            where += " OR subject = ?"
            params.append(f"member:{user_key}")
        try:
            rows = await store.fetchall(f"SELECT * FROM {table} WHERE {where}", params)
        except sqlite3.OperationalError:  # a cog installed after this database was made
            continue
        if rows:
            found[table] = [dict(row) for row in rows]
    return found


async def export(ctx: Context, user: str) -> None:
    bot = ctx.bot
    target = await ctx.find_user(user)
    if target is None:
        await ctx.private(ctx.t("privacy.unknown", name=user))
        return
    tables = await gather(bot.store, bot.personal_data(), target.key)
    document = {"person": {"key": target.key, "name": target.name},
                "made_at": format_utc(ctx.now), "made_by": ctx.user.key, "tables": tables}
    async with bot.store.transaction() as tx:
        await tx.audit(ctx.user.key, "privacy.export", f"member:{target.key}", None,
                       tables=sorted(tables))
    name = f"garant-privacy-{_safe(target.name)}-{ctx.now:%Y%m%d}.json"
    await ctx.send_file(Attachment(name, json.dumps(document, ensure_ascii=False, indent=2,
                                                    default=_plain).encode("utf-8"),
                                   "application/json"),
                        ctx.t("privacy.export.file", user=target.name))
    await ctx.private(ctx.t("privacy.export.done", user=target.name,
                            rows=sum(len(rows) for rows in tables.values()),
                            tables=len(tables)))


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in name)[:40] or "person"


def _plain(value: object) -> str:
    return value.isoformat() if isinstance(value, datetime) else str(value)


__all__ = ["gather", "setup"]
