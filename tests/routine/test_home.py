"""The routine's part of each person's home view: today's progress, the actions they
ticked and their streak. Console sessions tick on a real SQLite file; the same database
is then opened again and each person's home view is read from the host, as the Slack
adapter does when someone opens the App Home."""

from __future__ import annotations

import io
from datetime import datetime
from pathlib import Path

from bot.host import Bot
from bot.model import Card, Interaction
from bot.run import RunOptions, run
from bot.typography import plain
from tests.routine.console import paris, session, write_config

MONDAY_9 = paris(2026, 11, 23, 9, 0)
TEN = " ".join(str(n) for n in range(1, 11))


async def homes(folder: Path, now: datetime, *users: str) -> dict[str, list]:
    """Each user's home view, from a bot started on the session's database at `now`."""
    found: dict[str, list] = {}

    async def look(bot: Bot) -> None:
        console = bot.platforms["local"]
        for user in users:
            interaction = Interaction(console.name, console.make_user(user),  # type: ignore[attr-defined]
                                      console.make_channel("general"))  # type: ignore[attr-defined]
            found[user] = await bot.home_contents(interaction)

    await run(RunOptions(config=folder / "garant.yaml", database=folder / "g.db", now=now,
                         on_ready=look), io.StringIO(""), io.StringIO(), env={})
    return found


def only_card(contents: list) -> Card:
    assert len(contents) == 1 and isinstance(contents[0], Card), contents
    return contents[0]


async def test_each_member_sees_their_own_progress_today(tmp_path) -> None:
    await session(tmp_path, """\
        :time 09:30
        :user sofia
        :channel routine
        :click 2
        /routine done 1 fb-post
        /routine note li-feed Commenté le post de Dupont
        /routine done tw-mentions
        """, now=MONDAY_9)
    seen = await homes(tmp_path, paris(2026, 11, 23, 11, 0), "sofia", "malik", "invité")
    sofia = only_card(seen["sofia"])
    assert sofia.title == "☀ Votre routine du jour — lundi 23 novembre"
    assert sofia.buttons == () and sofia.key is None
    lines = plain(sofia.text).splitlines()
    assert lines[0] == "4/20 actions · objectif : 10 · série : 0 jour (record : 0)"
    assert lines[1] == "Coché :"
    # In the routine's order, whatever the order they were ticked in, with their notes.
    assert [line.split(" · ")[-1] for line in lines[2:]] == [
        "tw-mentions", "tw-reply", "fb-post", "li-feed — « Commenté le post de Dupont »"]
    assert lines[2].startswith("  ✓ 1. ")
    malik = only_card(seen["malik"])
    assert plain(malik.text).splitlines() == [
        "0/20 actions · objectif : 10 · série : 0 jour (record : 0)"]
    # The hint names a command: in the footer, which Slack rewrites to /garant routine.
    assert plain(malik.footer) == ("Rien de coché pour l'instant : /routine done ID…, ou les "
                                   "boutons de la carte du jour.")
    assert seen["invité"] == []  # the routine is for members


async def test_ticking_and_unticking_show_on_the_next_view(tmp_path) -> None:
    await session(tmp_path, ":time 09:30\n:user malik\n/routine done 3 4 5\n", now=MONDAY_9)
    before = only_card((await homes(tmp_path, paris(2026, 11, 23, 10, 0), "malik"))["malik"])
    assert before.text.startswith("3/20 actions")
    await session(tmp_path, ":user malik\n/routine undo 4\n/routine off\n",
                  now=paris(2026, 11, 23, 10, 0))
    after = only_card((await homes(tmp_path, paris(2026, 11, 23, 10, 5), "malik"))["malik"])
    lines = plain(after.text).splitlines()
    assert lines[0].startswith("2/20 actions")
    assert lines[1] == "Jour off : il ne compte pas dans votre série."
    assert [line.split(". ")[0] for line in lines[3:]] == ["  ✓ 3", "  ✓ 5"]


async def test_the_streak_carries_over_the_week_end(tmp_path) -> None:
    await session(tmp_path, f"""\
        :time 09:30
        :user yann
        /routine done {TEN}
        :time 2026-11-23T09:30
        /routine done {TEN}
        """, now=paris(2026, 11, 20, 9, 0))
    yann = only_card((await homes(tmp_path, paris(2026, 11, 23, 12, 0), "yann"))["yann"])
    assert yann.title == "☀ Votre routine du jour — lundi 23 novembre"
    assert plain(yann.text).splitlines()[0] == (
        "10/20 actions · objectif : 10 · série : 2 jours (record : 2)")


async def test_nothing_on_a_day_without_routine(tmp_path) -> None:
    await session(tmp_path, f":time 09:30\n:user sofia\n/routine done {TEN}\n",
                  now=paris(2026, 11, 27, 9, 0))
    saturday = await homes(tmp_path, paris(2026, 11, 28, 10, 0), "sofia", "malik")
    assert saturday == {"sofia": [], "malik": []}


async def test_a_prompt_posted_on_a_day_now_off_schedule_still_shows(tmp_path) -> None:
    # Saturday was a routine day when the prompt was posted, then the schedule changed.
    await session(tmp_path, ":time 09:30\n:user sofia\n/routine done 1 2\n",
                  now=paris(2026, 11, 28, 9, 0), days="[lun, mar, mer, jeu, ven, sam]")
    write_config(tmp_path)
    sofia = only_card((await homes(tmp_path, paris(2026, 11, 28, 11, 0), "sofia"))["sofia"])
    assert sofia.title == "☀ Votre routine du jour — samedi 28 novembre"
    assert sofia.text.startswith("2/20 actions")


async def test_in_english(tmp_path) -> None:
    await session(tmp_path, """\
        :time 09:30
        :user sofia
        /routine note tw-reply Answered Paul
        """, now=MONDAY_9, language="en")
    sofia = only_card((await homes(tmp_path, paris(2026, 11, 23, 10, 0), "sofia"))["sofia"])
    assert sofia.title == "☀ Your routine today — Monday 23 November"
    lines = plain(sofia.text).splitlines()
    assert lines[0] == "1/20 actions · goal: 10 · streak: 0 days (best: 0)"
    assert lines[1] == "Ticked:"
    assert lines[2].startswith("  ✓ 2. ") and lines[2].endswith(
        " · tw-reply — \u201cAnswered Paul\u201d")
    malik = only_card((await homes(tmp_path, paris(2026, 11, 23, 10, 0), "malik"))["malik"])
    assert malik.footer == ("Nothing ticked yet: /routine done ID..., or the buttons of "
                            "today's card.")
