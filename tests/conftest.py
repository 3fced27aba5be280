"""Shared fixtures: a manual clock and a real store: a SQLite file in a temporary
folder, or, with GARANT_TEST_DATABASE=postgresql, a schema of its own on a throwaway
PostgreSQL cluster (tests/postgres.py) -- the suite runs on both in CI."""

import os
from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

from bot.clock import ManualClock
from bot.store import Store

if TYPE_CHECKING:
    from tests.postgres import Cluster

#: Monday 5 January 2026, 08:00 in Paris.
START = datetime(2026, 1, 5, 7, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


ON_POSTGRES = os.environ.get("GARANT_TEST_DATABASE") == "postgresql"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """On PostgreSQL, tests of SQLite itself (its files, pragmas, locks) do not apply."""
    if not ON_POSTGRES:
        return
    skip = pytest.mark.skip(reason="tests SQLite itself (GARANT_TEST_DATABASE=postgresql)")
    for item in items:
        if item.get_closest_marker("sqlite"):
            item.add_marker(skip)


@pytest.fixture(scope="session")
def postgres() -> Iterator["Cluster"]:
    """A PostgreSQL cluster for the session; skipped where none is installed, unless
    GARANT_REQUIRE_POSTGRES is set (CI), where its absence fails."""
    from tests.postgres import NoPostgres, cluster

    try:
        started = cluster()
    except NoPostgres as exc:
        if os.environ.get("GARANT_REQUIRE_POSTGRES"):
            raise
        pytest.skip(str(exc))
    yield started
    started.stop()


@pytest.fixture
def postgres_url(postgres: "Cluster") -> Iterator[str]:
    """A new, empty PostgreSQL schema, as a database URL."""
    url = postgres.schema_url()
    yield url
    postgres.drop(url)


@pytest.fixture(autouse=True)
def stores_on_postgres(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch,
                       tmp_path: Path) -> Iterator[None]:
    """With GARANT_TEST_DATABASE=postgresql, every SQLite file a test opens in its
    temporary folder is a schema of its own on the cluster instead (the same file,
    the same schema, within the test): the whole suite runs on PostgreSQL unchanged."""
    node = request.node
    if not ON_POSTGRES or node.get_closest_marker("sqlite") or node.get_closest_marker("engines"):
        yield
        return
    cluster: Cluster = request.getfixturevalue("postgres")
    original = Store.open.__func__  # type: ignore[attr-defined]
    schemas: dict[Path, str] = {}

    def open_on_postgres(cls: type[Store], path: object, clock: object, **options: object):
        if isinstance(path, Path) and path.is_relative_to(tmp_path.parent):
            if path not in schemas:
                schemas[path] = cluster.fresh_url()
            path = schemas[path]
        return original(cls, path, clock, **options)

    monkeypatch.setattr(Store, "open", classmethod(open_on_postgres))
    # A database that is no file keeps the console's files in the working directory:
    # the test's own, not the project's.
    monkeypatch.chdir(tmp_path)
    yield
    for url in schemas.values():
        cluster.drop(url)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """The test's database file (a schema on PostgreSQL with GARANT_TEST_DATABASE)."""
    return tmp_path / "garant.db"


@pytest.fixture
async def store(db_path: Path, clock: ManualClock) -> AsyncIterator[Store]:
    async with Store.open(db_path, clock) as opened:
        yield opened


@pytest.fixture(autouse=True)
def english_locale(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line follows the locale: tests run in a known one (English), whatever
    the machine's; a test of French sets LANG itself or passes --lang fr."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")


@pytest.fixture(autouse=True)
def no_armed_faults() -> Iterator[None]:
    """A fault armed by a test (`bot.faults.arm`) never leaks into the next one."""
    from bot import faults

    faults.disarm()
    yield
    faults.disarm()
