"""Reading what a test's database holds, on SQLite or on PostgreSQL.

Tests look at the rows a session left, as any program with the database would. They
used `sqlite3.connect(file)`; `connect(file)` here offers the same few calls
(`execute(...).fetchall()`, `.fetchone()`, iteration, `with`, `close`) through a
`Store`, so that with GARANT_TEST_DATABASE=postgresql the file is the schema the
session wrote to (tests/conftest.py). Reads only; each runs on a thread of its own
(the caller may be inside an event loop)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bot.clock import ManualClock
from bot.store import Store


def read(database: Path, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
    async def rows() -> list[tuple[Any, ...]]:
        async with Store.open(database, ManualClock(datetime(2026, 1, 1, tzinfo=UTC))) as store:
            return [tuple(row) for row in await store.fetchall(sql, params)]

    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, rows()).result()


class _Rows:
    def __init__(self, rows: list[tuple[Any, ...]]) -> None:
        self._rows = rows

    def fetchall(self) -> list[tuple[Any, ...]]:
        return self._rows

    def fetchone(self) -> tuple[Any, ...] | None:
        return self._rows[0] if self._rows else None

    def __iter__(self) -> Iterator[tuple[Any, ...]]:
        return iter(self._rows)


class connect:
    def __init__(self, database: Path) -> None:
        self._database = Path(database)

    def execute(self, sql: str, params: Sequence[Any] = ()) -> _Rows:
        return _Rows(read(self._database, sql, params))

    def __enter__(self) -> connect:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def close(self) -> None:
        return None
