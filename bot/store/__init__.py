"""Persistent state: one async SQLite store (see `bot.store.db` for the design)."""

from bot.store.db import (
    APPLICATION_ID,
    AuditEntry,
    Migration,
    Result,
    Store,
    StoreError,
    Transaction,
    dump_json,
    format_utc,
    load_migrations,
    parse_utc,
)

__all__ = [
    "APPLICATION_ID",
    "AuditEntry",
    "Migration",
    "Result",
    "Store",
    "StoreError",
    "Transaction",
    "dump_json",
    "format_utc",
    "load_migrations",
    "parse_utc",
]
