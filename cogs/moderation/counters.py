"""Moderation counters (messages checked, findings per rule, per day), kept in memory
and written to the store once a second.

Counting used to be one small transaction per chat message: more than half of the
bot's CPU on a flood. Counts are now added in memory and written in one
transaction by the host's persist loop (every second), before any figure is read,
and when Garant stops. A crash loses at most the last second's counts — figures
for reports, never a decision or an effect, which stay in their own transactions.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from bot.store import Store

_UPSERT = ("INSERT INTO moderation_daily (day, key, count) VALUES (?, ?, ?) "
           "ON CONFLICT (day, key) DO UPDATE SET count = moderation_daily.count + excluded.count")


class DailyCounters:
    def __init__(self, store: Store) -> None:
        self._store = store
        self._pending: Counter[tuple[str, str]] = Counter()

    def add(self, day: str, keys: Iterable[str]) -> None:
        """One more for each key on `day` (YYYY-MM-DD), in memory."""
        pending = self._pending
        for key in keys:  # most messages bring one key ("checked"): no generator
            pending[day, key] += 1

    async def flush(self) -> None:
        """Write what was counted since the last flush, in one transaction; on failure
        the counts are kept for the next one."""
        if not self._pending:
            return
        pending, self._pending = self._pending, Counter()
        try:
            async with self._store.transaction() as tx:
                await tx.executemany(_UPSERT, [(day, key, n)
                                               for (day, key), n in sorted(pending.items())])
        except BaseException:
            self._pending.update(pending)
            raise
