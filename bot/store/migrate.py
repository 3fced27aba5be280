"""Bringing a database's schema up to date, component by component (see `schema.py`):
adopting a new file or a Garant 0.1 database, refusing a newer one, applying each
migration in its own transaction."""

from __future__ import annotations

import logging
import sqlite3
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

import aiosqlite

from bot.store.connection import (
    APPLICATION_ID,
    StoreError,
    display_name,
    open_error,
    pragma_int,
    rollback,
    run,
)
from bot.store.schema import (
    COMPONENTS_MARK,
    Component,
    Migration,
    legacy_versions,
    pending,
    refuse_newer,
    split_statements,
)
from bot.store.schema import LEGACY as LEGACY_VERSIONS

log = logging.getLogger("bot.store.db")


async def _migrate(
    db: aiosqlite.Connection, location: str | Path, components: Sequence[Component]
) -> dict[str, int]:
    """Bring every component's schema up to its newest migration; return the versions."""
    name = display_name(location)
    try:
        await _adopt(db, name)
        versions = await _versions(db)
    except sqlite3.Error as exc:
        raise open_error(location, exc) from exc
    refuse_newer(name, versions, components)
    for component, migration in pending(versions, components):
        versions[component.name] = await _apply(db, name, component, migration)
    return versions


async def _adopt(db: aiosqlite.Connection, name: str) -> None:
    """Make the file ours with per-component versions: a new file, or a Garant 0.1
    database (one global version), gets `schema_migrations`; anything else is refused."""
    version = await pragma_int(db, "user_version")
    if version == COMPONENTS_MARK:
        if await pragma_int(db, "application_id") != APPLICATION_ID:
            raise _not_garant(name)
        return
    if version == 0:
        if (await run(db, "SELECT count(*) FROM sqlite_master"))[0][0]:
            raise _not_garant(name)
    elif await pragma_int(db, "application_id") != APPLICATION_ID:
        raise _not_garant(name)
    elif version > max(LEGACY_VERSIONS):
        raise StoreError(
            "{name} was written by a newer Garant (schema {version}, this version knows up to "
            "{latest}); upgrade Garant or use another database",
            name=name, version=version, latest=max(LEGACY_VERSIONS))
    await run(db, "BEGIN IMMEDIATE")
    try:
        if await pragma_int(db, "user_version") != COMPONENTS_MARK:  # not done meanwhile
            await run(db, "CREATE TABLE IF NOT EXISTS schema_migrations ("
                           "component TEXT PRIMARY KEY, version INTEGER NOT NULL, "
                           "applied_at TEXT NOT NULL) WITHOUT ROWID")
            now = datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")
            for component, held in legacy_versions(version).items():
                await run(db, "INSERT INTO schema_migrations (component, version, applied_at) "
                               "VALUES (?, ?, ?)", (component, held, now))
            await run(db, f"PRAGMA user_version = {COMPONENTS_MARK}")
            await run(db, f"PRAGMA application_id = {APPLICATION_ID}")
        await run(db, "COMMIT")
    except BaseException:
        await rollback(db)
        raise
    if version:
        log.info("%s: Garant 0.1 schema %s now versioned per component", name, version)


def _not_garant(name: str) -> StoreError:
    return StoreError("{name} is a SQLite database but not a Garant one; check the path",
                      name=name)


async def _versions(db: aiosqlite.Connection) -> dict[str, int]:
    rows = await run(db, "SELECT component, version FROM schema_migrations")
    return {row["component"]: int(row["version"]) for row in rows}


async def _apply(db: aiosqlite.Connection, name: str, component: Component,
                 migration: Migration) -> int:
    """Apply one migration atomically; another process may have done it meanwhile.

    Foreign keys are off during the migration, as SQLite's documented procedure for
    schema changes requires, and checked before committing.
    """
    label = f"{component.name}/{migration.label}"
    await run(db, "PRAGMA foreign_keys = OFF")
    await run(db, "BEGIN IMMEDIATE")
    try:
        rows = await run(db, "SELECT version FROM schema_migrations WHERE component = ?",
                          (component.name,))
        current = int(rows[0][0]) if rows else 0
        if current >= migration.version:  # applied by another process while we waited
            await run(db, "ROLLBACK")
            return current
        for statement in split_statements(migration.sql):
            await run(db, statement)
        if await run(db, "PRAGMA foreign_key_check"):
            raise StoreError("migration {label} leaves rows breaking a foreign key", label=label)
        await run(db, "INSERT INTO schema_migrations (component, version, applied_at) "
                       "VALUES (?, ?, ?) ON CONFLICT (component) DO UPDATE SET "
                       "version = excluded.version, applied_at = excluded.applied_at",
                   (component.name, migration.version,
                    datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")))
        await run(db, "COMMIT")
    except BaseException as exc:
        await rollback(db)
        if isinstance(exc, sqlite3.Error):
            raise StoreError("{name}: migration {label} failed: {error}", name=name, label=label,
                             error=str(exc)) from exc
        raise
    finally:
        await run(db, "PRAGMA foreign_keys = ON")
    log.info("%s: applied migration %s", name, label)
    return migration.version
