"""Shared fixtures: a manual clock and a real SQLite store in a temporary folder."""

from collections.abc import AsyncIterator, Iterator
from datetime import UTC, datetime
from pathlib import Path

import pytest

from bot.clock import ManualClock
from bot.store import Store

#: Monday 5 January 2026, 08:00 in Paris.
START = datetime(2026, 1, 5, 7, 0, tzinfo=UTC)


@pytest.fixture
def clock() -> ManualClock:
    return ManualClock(START)


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
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
