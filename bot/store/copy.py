"""Copying a whole database between stores: `garant db copy FROM TO` (a co-op moving
from its SQLite file to PostgreSQL, or back) and the PostgreSQL store's backups
(written as a SQLite file).

Both stores are opened, which brings both schemas to this Garant's versions; the
target must hold no rows (copying into a live database would mix two histories).
The source is read table by table, parents before children (foreign keys), and
the target written in one transaction: a failure leaves it as empty as it was.
Row ids are kept, so every reference (a draft's votes, an item's history, the
outbox's keys) survives the move; PostgreSQL then numbers new rows after them.
"""

from __future__ import annotations

from typing import Any

from bot.store.db import Store, StoreError

BATCH = 500


async def copy_database(source: Store, target: Store) -> dict[str, int]:
    """Copy every row of `source` into the empty `target`; return rows per table."""
    if source.versions != target.versions:
        raise StoreError("the two databases are at different schema versions ({source} and "
                         "{target}); open both with the same Garant first",
                         source=_versions(source), target=_versions(target))
    tables = await source.tables()
    missing = set(tables) - set(await target.tables())
    if missing:
        raise StoreError("the target lacks the tables {tables}", tables=", ".join(sorted(missing)))
    for table in tables:
        if await target.fetchall(f"SELECT 1 FROM {table} LIMIT 1"):
            raise StoreError("the target database already holds data (table {table}); copy "
                             "into a new, empty database", table=table)
    copied: dict[str, int] = {}
    async with target.transaction() as tx:
        for table in tables:
            columns = await source.columns(table)
            names = ", ".join(f'"{c}"' for c in columns)
            insert = (f"INSERT INTO {table} ({names}) VALUES "
                      f"({', '.join('?' for _ in columns)})")
            rows = await source.scan(f"SELECT {names} FROM {table}")
            values: list[tuple[Any, ...]] = [tuple(row) for row in rows]
            for start in range(0, len(values), BATCH):
                await tx.executemany(insert, values[start:start + BATCH])
            copied[table] = len(values)
    await target.rows_copied()
    return copied


def _versions(store: Store) -> str:
    return ", ".join(f"{name} {version}" for name, version in sorted(store.versions.items()))


__all__ = ["copy_database"]
