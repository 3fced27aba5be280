"""The daily prompt: when it is posted, and that it is posted once per day, whatever
happens (restarts, catch-up, DST changes). Scripted console sessions on real SQLite."""

from __future__ import annotations

from tests.routine.console import paris, prompts, rows, session

SUNDAY = paris(2026, 11, 22, 8, 0)
MONDAY_9 = paris(2026, 11, 23, 9, 0)


def prompt_rows(folder) -> list[tuple]:
    return rows(folder, "SELECT day, status, scheduled_for, copies FROM routine_posts "
                        "WHERE kind = 'prompt' ORDER BY day")


async def test_posted_at_0930_on_a_weekday_and_not_on_sunday(tmp_path) -> None:
    out = await session(tmp_path, """\
        :time 2026-11-22T09:30
        :time 2026-11-22T18:00
        :time 2026-11-23T09:29
        """, now=SUNDAY)
    assert prompts(out) == 0
    out = await session(tmp_path, ":time 2026-11-23T09:30\n:time 2026-11-23T12:00\n",
                        now=paris(2026, 11, 23, 9, 29))
    assert prompts(out) == 1
    before, after = out.split("Horloge : lun. 2026-11-23 09:30 (Europe/Paris)\n")
    assert "☀" not in before
    assert after.startswith("[#routine] Garant: ▶ ☀ Les 20 actions quotidiennes — "
                            "lundi 23 novembre  [carte 1]\n")
    assert "      2. Répondre à des conversations du fil (×5) · tw-reply\n" in after
    assert "    Statistiques\n      18. Relever les chiffres de la veille · stats-audience" in after
    assert "[1] Répondre aux mentions et messages privés  [2] Répondre à des conversations " \
           "du fil" in after
    assert "[21] 📝 Note  [22] Mon bilan" in after  # 22 buttons: within Discord's 25
    assert prompt_rows(tmp_path) == [("2026-11-23", "posted", "2026-11-23T08:30:00.000000Z", 1)]


async def test_restarts_never_post_a_second_prompt(tmp_path) -> None:
    await session(tmp_path, "", now=MONDAY_9)
    out = await session(tmp_path, ":time 09:30\n", now=MONDAY_9)
    assert prompts(out) == 1
    # Restarted the same day, later: nothing new; the next day: the next prompt.
    out = await session(tmp_path, ":time 12:00\n", now=paris(2026, 11, 23, 10, 0))
    assert prompts(out) == 0
    # A schedule moved to later in the day re-creates the job for today: the day's row
    # still stops a second prompt.
    out = await session(tmp_path, ":time 11:00\n", now=paris(2026, 11, 23, 10, 30),
                        time="10:45")
    assert prompts(out) == 0
    out = await session(tmp_path, ":time 2026-11-24T10:45\n", now=paris(2026, 11, 23, 11, 0),
                        time="10:45")
    assert prompts(out) == 1
    assert [r[0] for r in prompt_rows(tmp_path)] == ["2026-11-23", "2026-11-24"]


async def test_a_prompt_missed_while_down_is_posted_late_once_within_grace(tmp_path) -> None:
    await session(tmp_path, "", now=MONDAY_9)  # the bot knows its schedule, then stops
    out = await session(tmp_path, "", now=paris(2026, 11, 23, 11, 15))  # 1 h 45 late
    assert prompts(out) == 1
    out = await session(tmp_path, ":time 11:20\n", now=paris(2026, 11, 23, 11, 16))
    assert prompts(out) == 0
    assert prompt_rows(tmp_path) == [("2026-11-23", "posted", "2026-11-23T08:30:00.000000Z", 1)]


async def test_a_prompt_missed_beyond_grace_is_skipped_and_recorded(tmp_path) -> None:
    await session(tmp_path, "", now=MONDAY_9)
    out = await session(tmp_path, "", now=paris(2026, 11, 23, 11, 31))  # 2 h 01 late
    assert prompts(out) == 0
    # The review of a day without prompt is not posted either.
    out = await session(tmp_path, ":time 17:30\n:time 2026-11-24T09:30\n",
                        now=paris(2026, 11, 23, 12, 0))
    assert "Bilan" not in out
    assert prompts(out) == 1  # the next day is posted normally
    assert [r[:2] for r in prompt_rows(tmp_path)] == [("2026-11-23", "skipped"),
                                                     ("2026-11-24", "posted")]
    assert rows(tmp_path, "SELECT reason FROM routine_posts WHERE day = '2026-11-23'") == [
        ("121 min late, grace is 120 min",), ("no prompt was posted that day",)]
    audit = rows(tmp_path, "SELECT actor, action, subject FROM audit_log "
                           "WHERE action LIKE 'routine.%' ORDER BY id")
    assert audit[:2] == [("garant", "routine.prompt.skipped", "routine:20-actions:2026-11-23"),
                         ("garant", "routine.review.skipped", "routine:20-actions:2026-11-23")]


async def test_a_dst_week_in_spring_and_in_autumn(tmp_path) -> None:
    """One prompt per working day at 09:30 Paris time, whatever the UTC offset."""
    spring = "".join(f":time 2026-03-{day:02d}T09:30\n:time 2026-03-{day:02d}T10:00\n"
                     for day in range(26, 32))
    out = await session(tmp_path, spring, now=paris(2026, 3, 26, 8, 0))
    assert prompts(out) == 4  # Thu 26, Fri 27, Mon 30, Tue 31
    assert out.count("[#routine] Garant: ▶ ☀ Les 20 actions quotidiennes — lundi 30 mars") == 1
    # Monday 09:00: the weekly report about the week before comes first.
    assert out.index("📊 Rapport de la semaine du 23/03/2026 au 29/03/2026") < out.index(
        "lundi 30 mars")
    autumn = "".join(f":time 2026-10-{day:02d}T09:30\n:time 2026-10-{day:02d}T10:00\n"
                     for day in range(22, 28))
    out = await session(tmp_path, autumn, now=paris(2026, 10, 22, 8, 0))
    assert prompts(out) == 4  # Thu 22, Fri 23, Mon 26, Tue 27
    # Restarted in October after months off: the latest missed day is recorded skipped.
    assert [r[:2] for r in prompt_rows(tmp_path) if r[1] == "skipped"] == [
        ("2026-10-21", "skipped")]
    assert [(day, at) for day, status, at, _ in prompt_rows(tmp_path) if status == "posted"] == [
        ("2026-03-26", "2026-03-26T08:30:00.000000Z"),  # CET, UTC+1
        ("2026-03-27", "2026-03-27T08:30:00.000000Z"),
        ("2026-03-30", "2026-03-30T07:30:00.000000Z"),  # CEST, UTC+2
        ("2026-03-31", "2026-03-31T07:30:00.000000Z"),
        ("2026-10-22", "2026-10-22T07:30:00.000000Z"),
        ("2026-10-23", "2026-10-23T07:30:00.000000Z"),
        ("2026-10-26", "2026-10-26T08:30:00.000000Z"),  # back to CET
        ("2026-10-27", "2026-10-27T08:30:00.000000Z"),
    ]


async def test_dst_nights_with_a_prompt_at_0230_every_day(tmp_path) -> None:
    """02:30 does not exist on 29 March and happens twice on 25 October 2026: the
    prompt is posted once each day, at 03:00 on the short night."""
    every_day = "[lun, mar, mer, jeu, ven, sam, dim]"
    script = "".join(f":time 2026-03-{d}T{h}\n" for d in (28, 29, 30)
                     for h in ("02:00", "04:00", "12:00"))
    out = await session(tmp_path, script, now=paris(2026, 3, 28, 1, 0), time="02:30",
                        days=every_day, review="20:00")
    assert prompts(out) == 3
    # The fall-back night: 02:45 CEST, then one hour later 02:45 CET again.
    out = await session(tmp_path, """\
        :time 2026-10-25T01:00
        :time 2026-10-25T02:45
        :time +1h
        :time +1h
        :time 2026-10-25T12:00
        :time 2026-10-26T03:00
        """, now=paris(2026, 10, 24, 12, 0), time="02:30", days=every_day, review="20:00")
    assert out.count("dimanche 25 octobre") == 1
    assert prompts(out) == 2  # 25 and 26 October
    posted = {day: at for day, _, at, _ in prompt_rows(tmp_path)}
    assert posted["2026-03-29"] == "2026-03-29T01:00:00.000000Z"  # 03:00 CEST, after the gap
    assert posted["2026-03-30"] == "2026-03-30T00:30:00.000000Z"
    assert posted["2026-10-25"] == "2026-10-25T00:30:00.000000Z"  # the first 02:30 (CEST)
    assert posted["2026-10-26"] == "2026-10-26T01:30:00.000000Z"


async def test_two_bots_on_one_database_post_one_prompt(tmp_path) -> None:
    """Two bot processes sharing the database (say one per platform) both see the
    09:30 occurrence: one claims it, the other posts nothing."""
    import asyncio

    await session(tmp_path, "", now=MONDAY_9)
    first, second = await asyncio.gather(
        session(tmp_path, ":time 09:30\n:time 09:31\n", now=MONDAY_9),
        session(tmp_path, ":time 09:30\n:time 09:31\n", now=MONDAY_9))
    assert prompts(first) + prompts(second) == 1
    assert [r[:2] for r in prompt_rows(tmp_path)] == [("2026-11-23", "posted")]
