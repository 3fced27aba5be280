"""Several routines: the team's and one per client or team, each with its own file,
channel, schedule and members (garant.yaml's `routines`). Scripted console sessions
on real SQLite files, the clock injected."""

from __future__ import annotations

import textwrap
from datetime import time, timedelta
from pathlib import Path

import pytest

from bot.config import load_config
from bot.located.yamlsrc import SourceError
from bot.run import RunError
from bot.typography import plain
from cogs.routine.settings import MoreRoutines, RoutineSettings
from tests.routine.console import paris, rows, session, write_config

MONDAY_9 = paris(2026, 11, 23, 9, 0)

ACME_FILE = """\
name: acme-daily
title: Routine Acme
language: fr
sections:
  - id: acme
    title: Acme
    actions:
      - id: ig-story
        label: Publier la story Instagram
      - id: ig-reply
        label: Répondre aux commentaires
      - id: li-post
        label: Publier sur LinkedIn
"""


def acme(folder: Path, settings: str = "") -> str:
    """The `routines` section with Acme's routine (its file written in `folder`)."""
    (folder / "acme.yaml").write_text(ACME_FILE, encoding="utf-8")
    return textwrap.dedent(f"""\
        routines:
          acme:
            file: {folder / "acme.yaml"}
            channel: acme-routine
            time: "10:00"
            review_time: "17:00"
            members: [sofia]
        """) + textwrap.indent(textwrap.dedent(settings), "    ")


def posts(folder: Path) -> list[tuple]:
    return rows(folder, "SELECT routine, day, kind, status FROM routine_posts "
                        "ORDER BY day, routine, kind")


def cards_in(out: str, channel: str) -> list[str]:
    """The titles of the cards first posted in `channel`."""
    return [line.split("] Garant: ", 1)[1].split("  [carte")[0]
            for line in out.splitlines() if line.startswith(f"[#{channel}] Garant: ")]


async def test_each_routine_is_posted_in_its_channel_at_its_time_once_a_day(tmp_path) -> None:
    extra = acme(tmp_path, "holidays: null\n")
    out = await session(tmp_path, ":time 09:45\n:time 10:01\n", now=MONDAY_9, extra=extra)
    assert cards_in(out, "routine") == ["▶ ☀ Les 20 actions quotidiennes — lundi 23 novembre"]
    assert cards_in(out, "acme-routine") == ["▶ ☀ Routine Acme — lundi 23 novembre"]
    # Its own commands are on its card.
    assert "Ou : /routine done acme ID…, /routine today acme." in out
    # A restart the same morning posts neither again.
    out = await session(tmp_path, ":time 10:30\n", now=paris(2026, 11, 23, 10, 5))
    assert cards_in(out, "routine") == cards_in(out, "acme-routine") == []
    # Christmas: the team's routine follows French holidays, Acme's was told not to.
    out = await session(tmp_path, ":time 2026-12-25T10:01\n", now=paris(2026, 12, 25, 9, 0))
    assert cards_in(out, "routine") == []
    assert cards_in(out, "acme-routine") == ["▶ ☀ Routine Acme — vendredi 25 décembre"]
    assert [post for post in posts(tmp_path) if post[1] in ("2026-11-23", "2026-12-25")] == [
        ("20-actions", "2026-11-23", "prompt", "posted"),
        ("acme", "2026-11-23", "prompt", "posted"),
        ("20-actions", "2026-12-25", "prompt", "skipped"),
        ("acme", "2026-12-25", "prompt", "posted"),
    ]


async def test_commands_act_on_the_routine_named_or_of_the_channel(tmp_path) -> None:
    out = await session(tmp_path, """\
        :time 10:01
        :user sofia
        :channel acme-routine
        /routine done 1
        :channel general
        /routine done acme ig-reply
        /routine done tw-reply
        /routine note acme li-post Carrousel du Black Friday
        /routine today acme
        /routine today zorg
        /routine list
        """, now=MONDAY_9, extra=acme(tmp_path))
    assert rows(tmp_path, "SELECT routine, action_id, note FROM routine_ticks "
                          "ORDER BY routine, action_id") == [
        ("20-actions", "tw-reply", None),
        ("acme", "ig-reply", None), ("acme", "ig-story", None),
        ("acme", "li-post", "Carrousel du Black Friday")]
    # Each routine counts its own actions and streaks.
    assert "Lundi 23 novembre : 2/3 actions (objectif : 10)" in out
    assert "Lundi 23 novembre : 1/20 actions (objectif : 10)" in out
    assert "▶ Votre routine — lundi 23 novembre · Routine Acme\n    3/3 actions" in out
    assert "(pour vous seul) Routine inconnue : « zorg ». Routines : acme." in out
    assert ("  • Routine Acme — acme · #acme-routine · 10:00 (bilan : 17:00) · lun, mar, mer, "
            "jeu, ven · membres : 1") in out
    assert "  • Les 20 actions quotidiennes — routine de l'équipe · #routine · 09:30" in out


async def test_a_routine_s_buttons_tick_that_routine_and_edit_its_card(tmp_path) -> None:
    out = await session(tmp_path, """\
        :time 10:01
        :user sofia
        :channel acme-routine
        :click 3
        """, now=MONDAY_9, extra=acme(tmp_path))
    edited = out.split("[#acme-routine] Garant (carte 2 modifiée): ", 1)[1]
    assert "      3. Publier sur LinkedIn · li-post  ✓1\n" in edited
    assert "[#routine] Garant (carte 1 modifiée)" not in out
    assert rows(tmp_path, "SELECT routine, action_id FROM routine_ticks") == [
        ("acme", "li-post")]


async def test_a_routine_s_review_and_reminder_are_for_its_members(tmp_path) -> None:
    extra = acme(tmp_path, 'reminder_time: "16:00"\n')
    out = await session(tmp_path, """\
        :time 10:01
        :user yann
        /routine done acme 1
        :time 16:00
        :time 17:01
        """, now=MONDAY_9, extra=extra)
    # Only sofia is expected in Acme's routine: she alone is reminded of it...
    reminders = [line for line in out.splitlines() if "Petit rappel" in line]
    assert reminders == [
        "[MP à sofia] Petit rappel : vous n'avez encore coché aucune action de la routine "
        "Routine Acme aujourd'hui (lundi 23 novembre). /routine today acme pour la liste ; "
        "/routine reminder off pour ne plus recevoir ce rappel."]
    # ...and its review lists her, and yann who helped, not malik.
    review = out.split("[#acme-routine] Garant: ▶ 🌇 Bilan de la routine — lundi 23 novembre "
                       "· Routine Acme", 1)[1].split("\n[", 1)[0]
    assert "sofia : 0/3" in review and "yann : 1/3" in review
    assert "malik" not in review


async def test_statistics_have_a_section_per_routine(tmp_path) -> None:
    out = await session(tmp_path, """\
        :time 10:01
        :user sofia
        /routine done acme 1 2
        /stats week
        """, now=MONDAY_9, extra=acme(tmp_path))
    assert "    Routine — 1 jour de routine, équipe : 0 %" in out
    assert "    Routine Acme — 1 jour de routine, équipe : 67 %" in out
    assert "        sofia : 67 % (2/3)" in out


async def test_an_absence_covers_the_days_of_every_routine(tmp_path) -> None:
    # Acme's routine also runs on Saturdays: sofia away for the week-end is away from it.
    extra = acme(tmp_path, "days: [lun, mar, mer, jeu, ven, sam]\n")
    out = await session(tmp_path, """\
        :user sofia
        /absent 2026-11-27 2026-11-30
        """, now=MONDAY_9, extra=extra)
    assert rows(tmp_path, "SELECT day FROM routine_days_off ORDER BY day") == [
        ("2026-11-27",), ("2026-11-28",), ("2026-11-30",)]
    assert ("(pour vous seul) Absence du vendredi 27 novembre au lundi 30 novembre : 3 jours de "
            "routine off (3 de plus qu'avant) ; votre série est préservée.") in out


async def test_a_routine_taken_out_of_the_config_stops_being_posted(tmp_path) -> None:
    await session(tmp_path, ":time 10:01\n", now=MONDAY_9, extra=acme(tmp_path))
    out = await session(tmp_path, ":time 2026-11-24T10:01\n:time 2026-11-25T10:01\n",
                        now=paris(2026, 11, 24, 9, 0), extra="")
    assert cards_in(out, "acme-routine") == []
    assert len(cards_in(out, "routine")) == 2
    assert rows(tmp_path, "SELECT id FROM jobs WHERE id LIKE '%:acme'") == []


def read_routines(path: Path) -> MoreRoutines:
    config = load_config(path, env={})
    return MoreRoutines.read(config.section("routines"), config.read(RoutineSettings))


def test_a_routine_takes_the_team_s_settings_it_does_not_set(tmp_path) -> None:
    path = write_config(tmp_path, extra='  grace: 30m\n' + acme(tmp_path))
    (more,) = read_routines(path).routines
    team = load_config(path, env={}).read(RoutineSettings)
    assert (more.id, more.channel, more.members) == ("acme", "acme-routine", ("sofia",))
    assert more.time == time(10, 0) and more.grace == team.grace == timedelta(minutes=30)
    assert more.review_time == time(17, 0) and more.days == team.days
    assert (team.id, team.channel, team.members) == (None, None, ())


@pytest.mark.parametrize(("routines", "error"), [
    ("  Acme Co:\n    file: a.yaml\n    channel: acme\n",
     ":{line}:3: a routine's id must be a short lowercase word (letters, digits, '-' or '_'; "
     "not all, done, me, note, show, tick, today, undo), like 'acme' or 'equipe-lyon', got "
     "'Acme Co'"),
    ("  acme:\n    channel: acme\n",
     ":{line}:3: routine 'acme' needs its own 'file' (a routine file, like "
     "routines/acme.yaml)"),
    ("  acme:\n    file: a.yaml\n",
     ":{line}:3: routine 'acme' needs its own 'channel' (where its prompt is posted)"),
    ("  acme:\n    file: a.yaml\n    chanel: acme\n",
     ":{next}:5: unknown key 'chanel' in 'acme'; did you mean 'channel'?"),
    ("  acme:\n    file: a.yaml\n    channel: acme\n  lyon:\n    file: b.yaml\n"
     "    channel: '#ACME'\n",
     ":{last}:14: routine 'lyon' is posted in #ACME, like routine 'acme': each routine "
     "needs its own channel"),
])
def test_a_wrong_routine_is_reported_at_its_place(tmp_path, routines, error) -> None:
    path = write_config(tmp_path, language="en", extra="routines:\n" + routines)
    lines = path.read_text().splitlines()
    first = lines.index("routines:") + 2
    with pytest.raises(SourceError) as raised:
        read_routines(path)
    expected = error.format(line=first, next=first + 2, last=len(lines))
    assert str(raised.value).endswith(expected), str(raised.value)


async def test_a_routine_in_the_team_s_channel_is_refused_in_french(tmp_path) -> None:
    extra = acme(tmp_path).replace("channel: acme-routine", "channel: '#Routine'")
    path = write_config(tmp_path, extra=extra)
    with pytest.raises(RunError) as raised:
        await session(tmp_path, "", now=MONDAY_9)
    line = next(n for n, text in enumerate(path.read_text().splitlines(), 1)
            if "#Routine" in text)
    assert plain(raised.value.text("fr")).endswith(
        f"garant.yaml:{line}:14: la routine « acme » est publiée dans #Routine, comme la "
        "routine « Les 20 actions quotidiennes » : chaque routine a besoin de son propre salon")
