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

import base64
import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

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


# ---------------------------------------------------------------- private feeds


async def feed_token(store: Store, user: User, feed: str, now: datetime, *,
                     renew: bool = False) -> str:
    """The token of `user`'s private address of `feed` (made the first time, replaced
    when `renew`). It is stored as is, unlike a session's: the page shows the address
    again, and it only reads a calendar; a new one revokes the old."""
    if not renew:  # the usual case, each time the page is shown: a read, no write lock
        row = await store.fetchone("SELECT token FROM web_feeds WHERE user_key = ? AND "
                                   "feed = ?", (user.key, feed))
        if row is not None:
            return str(row["token"])
    async with store.transaction() as tx:
        row = await tx.fetchone("SELECT token FROM web_feeds WHERE user_key = ? AND feed = ?",
                                (user.key, feed))
        if row is not None and not renew:  # made meanwhile by another page
            return str(row["token"])
        token = secrets.token_urlsafe(24)
        await tx.execute(
            "INSERT INTO web_feeds (user_key, user_name, feed, token, created_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (user_key, feed) DO UPDATE SET "
            "token = excluded.token, created_at = excluded.created_at",
            (user.key, user.name, feed, token, format_utc(now)))
        await tx.audit(user.key, "web.feed", f"member:{user.key}", None, feed=feed,
                       renewed=row is not None)
    return token


async def feed_owner(store: Store, feed: str, token: str) -> User | None:
    row = await store.fetchone("SELECT user_key, user_name FROM web_feeds WHERE feed = ? AND "
                               "token = ?", (feed, token))
    return None if row is None else person(row["user_key"], row["user_name"])


# ---------------------------------------------------------------- guests' signed links


async def signing_key(store: Store, now: datetime) -> bytes:
    """The key that signs guests' links, made at the first start. Whoever can read the
    database could sign links, as they could read every draft anyway."""
    async with store.transaction() as tx:
        row = await tx.fetchone("SELECT key FROM web_keys WHERE name = 'guests'")
        if row is None:
            key = secrets.token_hex(32)
            await tx.execute("INSERT INTO web_keys (name, key, created_at) VALUES "
                             "('guests', ?, ?)", (key, format_utc(now)))
            return bytes.fromhex(key)
    return bytes.fromhex(row["key"])


def _signature(key: bytes, payload: str) -> str:
    digest = hmac.new(key, payload.encode(), hashlib.sha256).digest()[:18]
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def sign_guest(key: bytes, route: str, subject: str, expires: datetime) -> str:
    """A token naming guest page `route` for `subject` until `expires`: nothing stored;
    the signature is what makes it good."""
    body = json.dumps([route, subject, int(expires.timestamp())], separators=(",", ":"))
    payload = base64.urlsafe_b64encode(body.encode()).decode().rstrip("=")
    return f"{payload}.{_signature(key, payload)}"


@dataclass(frozen=True, slots=True)
class Guest:
    route: str
    subject: str
    expires: datetime


def read_guest(key: bytes, token: str, now: datetime) -> Guest | None:
    """What a guest's token names, if its signature holds and it has not expired."""
    payload, _, signature = token.partition(".")
    if not payload or not hmac.compare_digest(_signature(key, payload), signature):
        return None
    try:
        route, subject, expires = json.loads(base64.urlsafe_b64decode(
            payload + "=" * (-len(payload) % 4)))
        until = datetime.fromtimestamp(int(expires), UTC)
    except (ValueError, TypeError):
        return None
    return Guest(str(route), str(subject), until) if until > now else None


__all__ = ["LINK_TTL", "Guest", "Session", "close_session", "feed_owner", "feed_token",
           "new_link", "open_session", "person", "read_guest", "session", "sign_guest",
           "signing_key", "use_link"]
