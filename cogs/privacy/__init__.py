"""The `privacy` cog: what Garant stores about a person, on request (RGPD, art. 15 and 17).

`/privacy export USER` (the publication director) writes every row that names the
person, in every place a cog declared with `Bot.add_personal_data` (and the audit
log), as one JSON file posted where the command was typed — type it in a private
channel or in a direct message with Garant. `/privacy erase USER` shows what would
be erased; `/privacy erase USER confirm` does it, in one transaction: rows declared
`delete` are removed, rows declared `pseudonymise` keep their place in the co-op's
records with the person's key and name replaced by a random pseudonym and their
texts emptied, and records kept for legal reasons (the audit log, a draft's
history) are left as they are. Both are audited — the erasure under the pseudonym.
"""

from __future__ import annotations

import json
import secrets
import sqlite3
from datetime import datetime, time, timedelta
from typing import TYPE_CHECKING, Any

from bot.model import Attachment, Command, Option
from bot.phrases import add_french
from bot.store import format_utc
from cogs.privacy.phrases_fr import FRENCH
from cogs.privacy.settings import PrivacySettings

if TYPE_CHECKING:
    from bot.host import Bot, Context, PersonalData
    from bot.scheduler import Job
    from bot.store import Store, Transaction

add_french(FRENCH)  # the French of its settings' errors (phrases_fr.py)

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
    "privacy.erase.help": {
        "fr": "efface ce que Garant conserve sur une personne (RGPD, droit à l'effacement) : "
              "sans « confirm », montre ce qui serait effacé",
        "en": "erase what Garant keeps about a person (GDPR, right to erasure): without "
              "“confirm”, shows what would be erased",
    },
    "privacy.erase.plan": {"fr": "Effacement des données de {user} :",
                           "en": "Erasing {user}'s data:"},
    "privacy.erase.delete": {"fr": "  {table} : {rows} ligne(s) supprimée(s)",
                             "en": "  {table}: {rows} row(s) deleted"},
    "privacy.erase.pseudonymise": {
        "fr": "  {table} : {rows} ligne(s) pseudonymisée(s) (nom remplacé, textes vidés)",
        "en": "  {table}: {rows} row(s) pseudonymised (name replaced, texts emptied)"},
    "privacy.erase.keep": {
        "fr": "  {table} : {rows} ligne(s) conservée(s) (obligation légale, voir "
              "docs/privacy.md)",
        "en": "  {table}: {rows} row(s) kept (legal obligation, see docs/privacy.md)"},
    "privacy.erase.confirm": {
        "fr": "Pour effacer, après une sauvegarde (garant db backup) : /privacy erase {user} "
              "confirm",
        "en": "To erase, after a backup (garant db backup): /privacy erase {user} confirm"},
    "privacy.erase.done": {
        "fr": "Données de {user} effacées ; ce qui reste porte le pseudonyme {pseudonym}.",
        "en": "{user}'s data erased; what remains carries the pseudonym {pseudonym}."},
    "privacy.unknown": {"fr": "Personne ne s'appelle « {name} » ici.",
                        "en": "Nobody is called “{name}” here."},
}


#: The garant.yaml sections this cog reads (see `bot/settings.py`).
SETTINGS = (PrivacySettings,)
RETENTION_JOB = "privacy.retention"


def setup(bot: Bot) -> None:
    bot.add_messages(MESSAGES)
    bot.settings(PrivacySettings)
    bot.add_job(RETENTION_JOB, retention_job)
    bot.on_start(schedule_retention)
    bot.add_personal_data("audit_log", "actor", erase="keep")
    bot.add_command(Command(("privacy", "export"), "privacy.export.help", export,
                            (Option("user", "user"),), permission="director"))
    bot.add_command(Command(("privacy", "erase"), "privacy.erase.help", erase,
                            (Option("user", "user"), Option("confirm", required=False)),
                            permission="director"))


def _by_table(places: list[PersonalData]) -> dict[str, tuple[str, ...]]:
    tables: dict[str, tuple[str, ...]] = {}
    for place in places:
        tables[place.table] = (*tables.get(place.table, ()), place.key)
    return tables


#: Columns that open something (a web session, a calendar feed): about the person, but
#: whoever reads the export must not be able to use them.
SECRET_COLUMNS = frozenset({"token", "token_hash", "csrf"})
HIDDEN = "(hidden)"


async def gather(store: Store, places: list[PersonalData],
                 user_key: str) -> dict[str, list[dict[str, Any]]]:
    """Every row naming `user_key` in the declared places (the audit log also by its
    subject), table by table, in storage order."""
    found: dict[str, list[dict[str, Any]]] = {}
    for table, columns in sorted(_by_table(places).items()):
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
            found[table] = [{column: HIDDEN if column in SECRET_COLUMNS else value
                             for column, value in dict(row).items()} for row in rows]
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


async def erase(ctx: Context, user: str, confirm: str | None) -> None:
    """`/privacy erase USER`: what would go; `... confirm`: erase it."""
    bot = ctx.bot
    target = await ctx.find_user(user)
    if target is None:
        await ctx.private(ctx.t("privacy.unknown", name=user))
        return
    places = bot.personal_data()
    if (confirm or "").strip().lower() not in ("confirm", "confirmer"):
        counts = await _plan(bot.store, places, target.key)
        lines = [ctx.t("privacy.erase.plan", user=target.name)]
        lines += [ctx.t(f"privacy.erase.{action}", table=table, rows=rows)
                  for (table, action), rows in sorted(counts.items()) if rows]
        lines.append(ctx.t("privacy.erase.confirm", user=user))
        await ctx.private("\n".join(lines))
        return
    pseudonym = f"erased:{secrets.token_hex(6)}"
    async with bot.store.transaction() as tx:
        for place in places:
            if place.erase == "delete":
                await _run(tx, f"DELETE FROM {place.table} WHERE {place.key} = ?",
                           (target.key,))
            elif place.erase == "pseudonymise":
                sets = [f"{place.key} = ?"] + ([f"{place.name} = '—'"] if place.name else []) \
                    + [f"{column} = ''" for column in place.texts]
                await _run(tx, f"UPDATE {place.table} SET {', '.join(sets)} "
                               f"WHERE {place.key} = ?", (pseudonym, target.key))
        await tx.audit(ctx.user.key, "privacy.erase", f"member:{pseudonym}", None)
    await ctx.private(ctx.t("privacy.erase.done", user=target.name, pseudonym=pseudonym))


async def _plan(store: Store, places: list[PersonalData],
                user_key: str) -> dict[tuple[str, str], int]:
    counts: dict[tuple[str, str], int] = {}
    for place in places:
        try:
            row = await store.fetchone(
                f"SELECT count(*) AS n FROM {place.table} WHERE {place.key} = ?", (user_key,))
        except sqlite3.OperationalError:
            continue
        key = (place.table, place.erase)
        counts[key] = counts.get(key, 0) + (row["n"] if row else 0)
    return counts


async def _run(tx: Transaction, sql: str, params: tuple[str, ...]) -> None:
    try:
        await tx.execute(sql, params)
    except sqlite3.OperationalError as exc:  # a table of a cog this database never had
        if "no such table" not in str(exc):
            raise


async def schedule_retention(bot: Bot) -> None:
    """Every night at 03:00 (the team's time), what is past its window is emptied."""
    await bot.scheduler.schedule_daily(RETENTION_JOB, RETENTION_JOB, time(3, 0),
                                       frozenset(range(7)), bot.config.timezone,
                                       timedelta(days=7))


async def retention_job(bot: Bot, job: Job, scheduled_for: datetime) -> None:
    """Empty the texts, pseudonymise the reporters and the audit log's people past their
    windows (a table of a cog this database does not have is skipped)."""
    settings = bot.settings(PrivacySettings)
    now = bot.clock.now()
    async with bot.store.transaction() as tx:
        excerpts = await _count(tx, (
            "UPDATE review_items SET text = '', earlier_texts = '[]', link = NULL "
            "WHERE resolved_at IS NOT NULL AND resolved_at < ? AND status NOT IN "
            "('open', 'escalated') AND (text != '' OR link IS NOT NULL)"),
            (format_utc(now - settings.excerpts),))
        reports = await _count(tx, (
            "UPDATE review_flags SET reporter_key = 'erased:' || id, reporter_name = '—', "
            "note = NULL WHERE source = 'member' AND created_at < ? "
            "AND reporter_key NOT LIKE 'erased:%'"), (format_utc(now - settings.reports),))
        audit = await pseudonymise_audit_log(tx, now - settings.audit_log)
        if excerpts or reports or audit:
            await tx.audit("garant", "privacy.retention", "retention", None,
                           excerpts=excerpts, reports=reports, audit_log=audit)


#: Who is no person in the audit log: Garant itself, and people already pseudonymised.
_NOBODY = ("garant",)
_PSEUDONYMS = ("pseudonym:", "erased:")
#: Subjects that name a person (`member:KEY`, `user:KEY`).
_PERSON_SUBJECTS = ("member:", "user:")


async def pseudonymise_audit_log(tx: Transaction, before: datetime) -> int:
    """Audit lines written before `before`: their person (actor, or the member a line is
    about) replaced by a pseudonym — one per person and run, so a night's lines about one
    person still count together — and their reason and details emptied. The only change
    the log's trigger lets through (core migration 5). How many lines."""
    rows = await tx.fetchall(
        "SELECT id, actor, subject FROM audit_log WHERE at < ? AND (reason IS NOT NULL "
        "OR data != '{}' OR NOT (actor IN ('garant') OR actor LIKE 'pseudonym:%' OR actor "
        "LIKE 'erased:%') OR ((subject LIKE 'member:%' OR subject LIKE 'user:%') AND NOT "
        "(subject LIKE 'member:pseudonym:%' OR subject LIKE 'member:erased:%')))",
        (format_utc(before),))
    pseudonyms: dict[str, str] = {}

    def pseudonym(key: str) -> str:
        if key in _NOBODY or key.startswith(_PSEUDONYMS):
            return key
        return pseudonyms.setdefault(key, f"pseudonym:{secrets.token_hex(6)}")

    def subject(value: str) -> str:
        kind, _, key = value.partition(":")
        if f"{kind}:" not in _PERSON_SUBJECTS or key.startswith(_PSEUDONYMS):
            return value
        return f"member:{pseudonym(key)}"

    await tx.executemany(
        "UPDATE audit_log SET actor = ?, subject = ?, reason = NULL, data = '{}' WHERE id = ?",
        [(pseudonym(row["actor"]), subject(row["subject"]), row["id"]) for row in rows])
    return len(rows)


async def _count(tx: Transaction, sql: str, params: tuple[str, ...]) -> int:
    try:
        return (await tx.execute(sql, params)).rowcount
    except sqlite3.OperationalError as exc:
        if "no such table" not in str(exc):
            raise
        return 0


def _safe(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_" else "-" for c in name)[:40] or "person"


def _plain(value: object) -> str:
    return value.isoformat() if isinstance(value, datetime) else str(value)


__all__ = ["erase", "gather", "setup"]
