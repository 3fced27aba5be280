"""Login links and sessions, in the store.

No passwords: a person gets a one-time link from the bot (`/web`, by direct message)
or from an operator (`garant web link USER`). A link works once and for 15 minutes;
it opens a session, whose random token is the cookie (HttpOnly, SameSite=Lax). Only
SHA-256 hashes of tokens are stored, so a copy of the database opens nothing.

Why server-side sessions rather than signed cookies
    A signed cookie cannot be revoked before it expires; a session row can (a logout
    deletes it, an erasure of the person deletes theirs). The cookie is as opaque as
    a signature would make it, and each session carries its own CSRF token.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from bot.model import User, UserRef
from bot.store import Store, format_utc, parse_utc

LINK_TTL = timedelta(minutes=15)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def person(user_key: str, name: str) -> User:
    ref = UserRef.parse(user_key)
    return User(ref.platform, ref.id, name)


@dataclass(frozen=True, slots=True)
class Session:
    token: str
    user: User
    csrf: str
    expires_at: datetime


async def new_link(store: Store, user: User, now: datetime) -> str:
    """A one-time login token for `user`, valid `LINK_TTL`."""
    token = secrets.token_urlsafe(32)
    async with store.transaction() as tx:
        await tx.execute(
            "INSERT INTO web_links (token_hash, user_key, user_name, created_at, expires_at) "
            "VALUES (?, ?, ?, ?, ?)",
            (_hash(token), user.key, user.name, format_utc(now), format_utc(now + LINK_TTL)))
        await tx.audit(user.key, "web.link", f"member:{user.key}", None)
    return token


async def use_link(store: Store, token: str, now: datetime) -> User | None:
    """The person a link is for, if it is unused and not expired; it is used up."""
    async with store.transaction() as tx:
        row = await tx.fetchone(
            "UPDATE web_links SET used_at = ? WHERE token_hash = ? AND used_at IS NULL "
            "AND expires_at > ? RETURNING user_key, user_name",
            (format_utc(now), _hash(token), format_utc(now)))
    return None if row is None else person(row["user_key"], row["user_name"])


async def open_session(store: Store, user: User, now: datetime, ttl: timedelta) -> Session:
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
    async with store.transaction() as tx:
        await tx.execute(
            "INSERT INTO web_sessions (token_hash, user_key, user_name, csrf, created_at, "
            "expires_at) VALUES (?, ?, ?, ?, ?, ?)",
            (_hash(token), user.key, user.name, csrf, format_utc(now), format_utc(now + ttl)))
        await tx.execute("DELETE FROM web_sessions WHERE expires_at <= ?", (format_utc(now),))
        await tx.audit(user.key, "web.login", f"member:{user.key}", None)
    return Session(token, user, csrf, now + ttl)


async def session(store: Store, token: str, now: datetime) -> Session | None:
    """The open session this cookie names, if it has not expired."""
    row = await store.fetchone(
        "SELECT user_key, user_name, csrf, expires_at FROM web_sessions WHERE token_hash = ? "
        "AND expires_at > ?", (_hash(token), format_utc(now)))
    if row is None:
        return None
    return Session(token, person(row["user_key"], row["user_name"]), row["csrf"],
                   parse_utc(row["expires_at"]))


async def close_session(store: Store, token: str) -> None:
    async with store.transaction() as tx:
        await tx.execute("DELETE FROM web_sessions WHERE token_hash = ?", (_hash(token),))


__all__ = ["LINK_TTL", "Session", "close_session", "new_link", "open_session", "person",
           "session", "use_link"]
