"""Persistent state: one async SQLite store (see `bot.store.db` for the design, and
`bot.store.schema` for the per-component migrations)."""

from bot.phrases import add_french
from bot.store import postgres as _postgres  # noqa: F401 - registers postgresql://
from bot.store.connection import IntegrityError
from bot.store.db import (
    APPLICATION_ID,
    AuditEntry,
    Result,
    Store,
    StoreError,
    Transaction,
    dump_json,
    format_utc,
    parse_utc,
)
from bot.store.phrases_fr import FRENCH
from bot.store.schema import Component, Migration

add_french(FRENCH)

__all__ = [
    "APPLICATION_ID",
    "AuditEntry",
    "Component",
    "IntegrityError",
    "Migration",
    "Result",
    "Store",
    "StoreError",
    "Transaction",
    "dump_json",
    "format_utc",
    "parse_utc",
]
