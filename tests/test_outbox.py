"""The outbox on a real SQLite file: what a stop leaves half-done is taken over at
the next start, a burst of refreshes is one edit, Garant's own deletions are known
(and a refused one is not)."""

from __future__ import annotations

from datetime import UTC, datetime

from bot.clock import ManualClock
from bot.effects import Outbox, message_target_of
from bot.store import Store

NINE = datetime(2026, 11, 23, 9, tzinfo=UTC)


async def test_a_delivery_cut_by_a_stop_is_due_again_at_the_next_start(tmp_path):
    db, clock = tmp_path / "g.db", ManualClock(NINE)
    async with Store.open(db, clock) as store:
        outbox = Outbox(store, clock)
        async with store.transaction() as tx:
            await outbox.record(tx, "dm", "slack", {"user_id": "UCAMILLE"}, "Vote clos.")
        (effect,) = await outbox.due()
        assert await outbox.claim(effect)
        assert await outbox.due() == []  # being sent: nobody else takes it
    async with Store.open(db, clock) as store:
        outbox = Outbox(store, clock)
        assert await outbox.recover() == 1
        (effect,) = await outbox.due()
        assert (effect.id, effect.status, effect.attempts) == (1, "pending", 1)


async def test_a_start_leaves_alone_what_another_running_garant_is_sending(tmp_path):
    db, clock = tmp_path / "g.db", ManualClock(NINE)
    async with Store.open(db, clock) as running:
        outbox = Outbox(running, clock)
        async with running.transaction() as tx:
            await outbox.record(tx, "dm", "slack", {"user_id": "UCAMILLE"}, "Vote clos.")
        (effect,) = await outbox.due()
        assert await outbox.claim(effect)
        async with Store.open(db, clock) as starting:
            assert await Outbox(starting, clock).recover() == 0
            assert await Outbox(starting, clock).due() == []


async def test_a_burst_of_refreshes_of_one_card_is_one_pending_edit(tmp_path):
    clock = ManualClock(NINE)
    async with Store.open(tmp_path / "g.db", clock) as store:
        outbox = Outbox(store, clock)
        for _ in range(20):
            async with store.transaction() as tx:
                await outbox.record(tx, "refresh", "slack", {}, card_key="review:1",
                                    coalesce_key="refresh:slack:review:1")
        assert [(e.kind, e.card_key) for e in await outbox.due()] == [("refresh", "review:1")]


async def test_own_deletions_are_known_but_not_the_ones_the_platform_refused(tmp_path):
    clock = ManualClock(NINE)
    async with Store.open(tmp_path / "g.db", clock) as store:
        outbox = Outbox(store, clock)
        async with store.transaction() as tx:
            await outbox.record(tx, "delete", "slack", message_target_of("C1", "1.1"))
            await outbox.record(tx, "delete", "slack", message_target_of("C1", "2.2"))
            await tx.execute("UPDATE outbox SET status = 'refused' WHERE id = 2")
        assert await outbox.own_deletion("slack", "C1", "1.1")
        assert not await outbox.own_deletion("slack", "C1", "2.2")  # the author deleted it
        assert not await outbox.own_deletion("discord", "C1", "1.1")
