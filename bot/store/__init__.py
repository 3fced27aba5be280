"""Persistent state: one async SQLite store (see `bot.store.db` for the design, and
`bot.store.schema` for the per-component migrations)."""

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
from bot.store.schema import Component, Migration

__all__ = [
    "APPLICATION_ID",
    "AuditEntry",
    "Component",
    "Migration",
    "Result",
    "Store",
    "StoreError",
    "Transaction",
    "dump_json",
    "format_utc",
    "parse_utc",
]
