"""The database schema: the core's migrations, and each cog's and platform's own.

A component (the core, a cog, a platform) owns its tables and ships them as
numbered SQL files in a `migrations/` folder of its package
(`cogs/moderation/migrations/0001_moderation.sql`). Versions are counted per
component in `schema_migrations`, so two cogs developed in parallel never fight
over a number, and a cog added later brings its tables with it.

`installed()` finds the components on disk without importing their code (a
folder `migrations/` in a package under `cogs/` or `bot/platforms/`), so opening
the store for `garant db backup` does not load a chat library. A cog loaded from
elsewhere (a test's example cog) is added with `Component.of_package`.

Garant 0.1 numbered one global sequence 1–6 in `PRAGMA user_version`; such a
database is recognised and its components' versions recorded (`LEGACY`) before
anything else runs, since the same tables now come from the components' files.
"""

from __future__ import annotations

import importlib.util
import re
import sqlite3
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from bot.store.connection import StoreError

CORE = "core"
POSTGRESQL_SUFFIX = ".postgresql.sql"
_MIGRATION_FILE = re.compile(r"^(\d{4})_([a-z0-9_]+)\.sql$")
#: The namespaces whose packages may carry migrations, and their components' prefix.
NAMESPACES = (("cogs", "cog"), ("bot.platforms", "platform"))
#: `PRAGMA user_version` of a database whose versions are in `schema_migrations`.
COMPONENTS_MARK = 100
#: Garant 0.1's global versions -> the (component, version) each one holds now.
LEGACY: dict[int, tuple[tuple[str, int], ...]] = {
    1: ((CORE, 1),),
    2: ((CORE, 2), ("platform.local", 1)),
    3: (("cog.moderation", 1),),
    4: (("cog.drafts", 1),),
    5: (("cog.routine", 1), ("cog.reports", 1)),
    6: (("platform.slack", 1),),
}


class SchemaError(Exception):
    """Migration files that cannot be right (bad names, gaps): a packaging bug."""


@dataclass(frozen=True, slots=True)
class Migration:
    version: int
    name: str
    sql: str
    #: `NNNN_name.postgresql.sql`: the migration as PostgreSQL runs it, where the
    #: rewrite of `sql` (bot.store.dialect) cannot say it (a table rebuilt by SQLite's
    #: twelve-step procedure is altered in place there).
    postgresql: str | None = None

    @property
    def label(self) -> str:
        return f"{self.version:04d}_{self.name}.sql"


@dataclass(frozen=True, slots=True)
class Component:
    """Something that owns tables: its name ("core", "cog.drafts"...) and migrations."""

    name: str
    migrations: tuple[Migration, ...]

    @property
    def latest(self) -> int:
        return self.migrations[-1].version if self.migrations else 0

    @classmethod
    def of_package(cls, name: str, package: str) -> Component | None:
        """The component of an importable package with a `migrations/` folder."""
        spec = importlib.util.find_spec(package)
        if spec is None or not spec.submodule_search_locations:
            return None
        for location in spec.submodule_search_locations:
            folder = Path(location) / "migrations"
            if folder.is_dir():
                return cls(name, read_folder(folder))
        return None


def read_folder(folder: Path) -> tuple[Migration, ...]:
    """The migration files of a folder, in order.

    Numbering is checked here because two features adding "0002_*.sql" in parallel
    is an easy mistake, and applying either one silently would corrupt the schema.
    """
    found: list[Migration] = []
    for entry in folder.iterdir():
        if not entry.name.endswith(".sql") or entry.name.endswith(POSTGRESQL_SUFFIX):
            continue
        match = _MIGRATION_FILE.match(entry.name)
        if match is None:
            raise SchemaError(f"migration file {entry} should be named NNNN_name.sql")
        variant = entry.with_name(entry.name[:-len(".sql")] + POSTGRESQL_SUFFIX)
        found.append(Migration(int(match[1]), match[2], entry.read_text(encoding="utf-8"),
                               variant.read_text(encoding="utf-8") if variant.exists() else None))
    found.sort(key=lambda m: m.version)
    versions = [m.version for m in found]
    if versions != list(range(1, len(found) + 1)):
        raise SchemaError(f"{folder}: migrations must be numbered 1, 2, 3... exactly once; "
                          f"found {versions}")
    return tuple(found)


def core() -> Component:
    return Component(CORE, read_folder(Path(__file__).with_name("migrations")))


def installed() -> list[Component]:
    """The core, then every cog and platform package that has migrations, by name."""
    found = [core()]
    for namespace, prefix in NAMESPACES:
        spec = importlib.util.find_spec(namespace)
        for location in (spec.submodule_search_locations or []) if spec else []:
            for child in sorted(Path(location).iterdir()):
                folder = child / "migrations"
                if (child / "__init__.py").is_file() and folder.is_dir():
                    found.append(Component(f"{prefix}.{child.name}", read_folder(folder)))
    return found


def legacy_versions(version: int) -> dict[str, int]:
    """The component versions a Garant 0.1 database at global `version` holds."""
    held: dict[str, int] = {}
    for number in range(1, version + 1):
        for name, component_version in LEGACY[number]:
            held[name] = max(held.get(name, 0), component_version)
    return held


def split_statements(script: str) -> list[str]:
    """Split SQL into statements, keeping trigger bodies (`BEGIN ...; END;`) whole.

    `executescript` cannot be used for migrations: on Python 3.11 it COMMITs first,
    which would break the one-transaction-per-migration guarantee.
    """
    statements: list[str] = []
    buffer = ""
    for piece in script.split(";"):
        buffer += piece + ";"
        if sqlite3.complete_statement(buffer):
            if _has_code(buffer):
                statements.append(buffer.strip())
            buffer = ""
    if _has_code(buffer):
        raise SchemaError(f"unterminated SQL statement: {buffer.strip()[:80]!r}")
    return statements


def _has_code(sql: str) -> bool:
    without_comments = re.sub(r"--[^\n]*|/\*.*?\*/", "", sql, flags=re.DOTALL)
    return bool(without_comments.strip(" \t\r\n;"))


def parents_first(tables: list[str], edges: list[tuple[str, str]]) -> list[str]:
    """`tables` ordered so that a table comes after those its foreign keys point to."""
    parents = {table: {p for c, p in edges if c == table and p != table} for table in tables}
    ordered: list[str] = []
    placed: set[str] = set()
    while len(ordered) < len(tables):
        ready = [t for t in tables if t not in placed and parents[t] <= placed]
        if not ready:  # a cycle: the rest in name order
            ready = [t for t in tables if t not in placed]
        ordered += ready
        placed.update(ready)
    return ordered


def refuse_newer(name: str, versions: dict[str, int], components: Iterable[Component]
                 ) -> None:
    """Refuse a database a newer Garant wrote (a component's schema beyond this one's)."""
    for component in components:
        held = versions.get(component.name, 0)
        if held > component.latest:
            raise StoreError(
                "{name} was written by a newer Garant ({component} schema {held}, this version "
                "knows up to {latest}); upgrade Garant or use another database",
                name=name, component=component.name, held=held, latest=component.latest)


def pending(versions: dict[str, int], components: Iterable[Component]
            ) -> Iterator[tuple[Component, Migration]]:
    """The migrations to apply, in order; `versions` is read as each is reached (the
    caller records each one applied)."""
    for component in components:
        for migration in component.migrations:
            if migration.version > versions.get(component.name, 0):
                yield component, migration


def describe(versions: dict[str, int], components: Iterable[Component]) -> str:
    """"core 2, cog.drafts 1, ..." in the components' order, for the start-up banner."""
    return ", ".join(f"{c.name} {versions.get(c.name, 0)}" for c in components)


__all__ = [
    "COMPONENTS_MARK",
    "CORE",
    "LEGACY",
    "Component",
    "Migration",
    "SchemaError",
    "core",
    "describe",
    "installed",
    "legacy_versions",
    "parents_first",
    "pending",
    "read_folder",
    "refuse_newer",
    "split_statements",
]
