"""Giving, cancelling and using proxies (the rules are in `cogs/drafts/proxies.py`)."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING

from bot.model import UserRef
from bot.store import format_utc, parse_utc
from cogs.drafts.proxies import Proxy, refusal
from cogs.drafts.workflow.queries import current_ballot, in_electorate
from cogs.drafts.workflow.values import Person, Refused

if TYPE_CHECKING:
    import sqlite3

    from bot.host import Bot
    from bot.store import Store, Transaction


def _proxy(row: sqlite3.Row) -> Proxy:
    return Proxy(row["giver"], row["giver_name"], row["holder"], row["holder_name"],
                 parse_utc(row["until"]))


async def running(store: Store | Transaction, now: datetime) -> list[Proxy]:
    """Every proxy in force at `now`."""
    rows = await store.fetchall("SELECT * FROM vote_proxies WHERE ended_at IS NULL AND until > ? "
                                "ORDER BY id", (format_utc(now),))
    return [_proxy(r) for r in rows]


async def give(bot: Bot, giver: Person, holder: Person, until: datetime, shown: str) -> Proxy:
    """`giver`'s vote goes to `holder` until `until` (`shown`: its last day, as people
    read it), replacing the giver's current proxy; the holder is told by direct
    message. Raises Refused (nothing changed) when the rules forbid it."""
    now = bot.clock.now()
    async with bot.store.transaction() as tx:
        why = refusal(giver.key, holder.key, await running(tx, now))
        if why is not None:
            raise Refused(why[0], **why[1])
        await tx.execute("UPDATE vote_proxies SET ended_at = ? WHERE giver = ? "
                         "AND ended_at IS NULL", (format_utc(now), giver.key))
        await tx.execute(
            "INSERT INTO vote_proxies (giver, giver_name, holder, holder_name, until, "
            "created_at) VALUES (?, ?, ?, ?, ?, ?)",
            (giver.key, giver.name, holder.key, holder.name, format_utc(until), format_utc(now)))
        await tx.audit(giver.key, "draft.proxy.give", f"member:{giver.key}", None,
                       holder=holder.key, until=until)
        await bot.send(UserRef.parse(holder.key), bot.t(
            "drafts.proxy.told", giver=giver.name, until=shown), tx=tx)
    return Proxy(giver.key, giver.name, holder.key, holder.name, until)


async def cancel(bot: Bot, giver: Person) -> Proxy | None:
    """End `giver`'s proxy now; the one that was in force, if any."""
    now = bot.clock.now()
    async with bot.store.transaction() as tx:
        row = await tx.fetchone("SELECT * FROM vote_proxies WHERE giver = ? AND ended_at IS NULL "
                                "AND until > ?", (giver.key, format_utc(now)))
        await tx.execute("UPDATE vote_proxies SET ended_at = ? WHERE giver = ? "
                         "AND ended_at IS NULL", (format_utc(now), giver.key))
        if row is None:
            return None
        await tx.audit(giver.key, "draft.proxy.cancel", f"member:{giver.key}", None,
                       holder=row["holder"])
    return _proxy(row)


async def cast_for_givers(tx: Transaction, draft_id: int, holder: Person, choice: str,
                          reason: str | None, revision: int, now: datetime,
                          secret: bool = False) -> list[str]:
    """The holder has just voted: the same ballot for each member whose proxy they hold
    and who is in this draft's electorate, unless that member voted themselves. The
    names of those it was cast for."""
    names = []
    for proxy in await running(tx, now):
        if proxy.holder != holder.key or not await in_electorate(tx, draft_id, proxy.giver):
            continue
        theirs = await current_ballot(tx, draft_id, proxy.giver)
        if theirs is not None and theirs["by_proxy"] is None:
            continue  # their own ballot wins
        if theirs is not None:
            await tx.execute("UPDATE draft_ballots SET latest = 0, ended_at = ?, "
                             "ended_by = 'changed' WHERE id = ?", (format_utc(now), theirs["id"]))
        await tx.execute(
            "INSERT INTO draft_ballots (draft_id, voter, voter_name, choice, reason, revision, "
            "cast_at, by_proxy, by_proxy_name) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (draft_id, proxy.giver, proxy.giver_name, choice, reason, revision,
             format_utc(now), holder.key, holder.name))
        if secret:
            await tx.audit(holder.key, "draft.vote.proxy", f"draft:{draft_id}", None,
                           secret=True, revision=revision, voter=proxy.giver)
        else:
            await tx.audit(holder.key, "draft.vote.proxy", f"draft:{draft_id}", reason,
                           choice=choice, revision=revision, voter=proxy.giver)
        names.append(proxy.giver_name)
    return names


__all__ = ["cancel", "cast_for_givers", "give", "running"]
