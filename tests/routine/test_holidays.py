"""Public holidays and the co-op's closed days: no prompt, no review, no broken
streak; the days around them accept ticks as a week-end's do. Scripted console
sessions on real SQLite, the clock injected."""

from __future__ import annotations

from datetime import date

import pytest

from bot.located.yamlsrc import SourceError
from bot.settings import WEEKDAYS
from cogs.routine.days import CLOSED_DAY, RoutineDays, open_days, previous_routine_day
from cogs.routine.public_holidays import holiday_names
from cogs.routine.settings import RoutineSettings
from tests.routine.console import paris, prompts, rows, session, write_config

TEN = " ".join(str(n) for n in range(1, 11))


def test_french_public_holidays_are_named_in_french_and_in_english() -> None:
    french, english = holiday_names("FR", "fr"), holiday_names("FR", "en")
    assert french(date(2026, 12, 25)) == "Noël"
    assert english(date(2026, 12, 25)) == "Christmas Day"
    assert french(date(2027, 3, 29)) == "Lundi de Pâques"  # Easter moves: computed per year
    assert french(date(2026, 12, 24)) is None
    # Moselle and Alsace keep Good Friday and St Stephen's Day.
    assert holiday_names("FR-57", "fr")(date(2026, 4, 3)) is not None
    assert french(date(2026, 4, 3)) is None
    assert holiday_names(None, "fr")(date(2026, 12, 25)) is None


def test_ticks_skip_holidays_and_closed_days_as_they_skip_week_ends() -> None:
    days = RoutineDays(WEEKDAYS, frozenset({date(2026, 12, 24)}), holiday_names("FR", "fr"))
    assert date(2026, 12, 25) not in days and date(2026, 12, 24) not in days
    assert days.closed_because(date(2026, 12, 25)) == "Noël"
    assert days.closed_because(date(2026, 12, 24)) == CLOSED_DAY
    assert days.closed_because(date(2026, 12, 26)) is None  # a Saturday needs no reason
    # Monday 28 December: the previous routine day is Wednesday the 23rd.
    assert open_days(date(2026, 12, 28), days) == (date(2026, 12, 28), date(2026, 12, 23))
    # Ascension Thursday: Friday reaches back to Wednesday.
    assert previous_routine_day(date(2026, 5, 15), days) == date(2026, 5, 13)


async def test_no_prompt_nor_review_on_a_public_holiday_and_no_streak_broken(tmp_path) -> None:
    # Wednesday 11 November 2026 is Armistice day.
    out = await session(tmp_path, f"""\
        :user sofia
        :time 2026-11-10T09:30
        /routine done {TEN}
        :time 2026-11-11T09:30
        :time 2026-11-11T17:30
        /routine done 1
        :time 2026-11-12T09:30
        /routine done {TEN}
        /routine today
        """, now=paris(2026, 11, 10, 9, 0))
    assert prompts(out) == 2  # Tuesday and Thursday
    assert "Pas de routine aujourd'hui, mercredi 11 novembre : Armistice. Pour mardi 10 " \
           "novembre : /routine done 2026-11-10 ID…" in out
    assert "série : 2 jours" in out  # the holiday neither counts nor breaks
    assert rows(tmp_path, "SELECT day, kind, status, reason FROM routine_posts "
                          "WHERE day = '2026-11-11' ORDER BY kind") == [
        ("2026-11-11", "prompt", "skipped", "public holiday: Armistice"),
        ("2026-11-11", "review", "skipped", "no prompt was posted that day")]


async def test_closed_days_and_holidays_off_are_configured(tmp_path) -> None:
    # A closed day of the co-op's own, and no public holidays at all (a team abroad).
    extra = "  holidays: null\n  closed_days: [2026-11-23]\n"
    out = await session(tmp_path, """\
        :user sofia
        :time 2026-11-23T09:30
        /routine done 1
        :time 2026-11-24T09:30
        """, now=paris(2026, 11, 23, 9, 0), extra=extra)
    assert prompts(out) == 1  # Tuesday's
    assert "Pas de routine aujourd'hui, lundi 23 novembre : jour de fermeture." in out
    assert rows(tmp_path, "SELECT day, status, reason FROM routine_posts "
                          "WHERE kind = 'prompt'") == [
        ("2026-11-23", "skipped", "closed day"), ("2026-11-24", "posted", None)]
    out = await session(tmp_path, ":time 2026-12-25T09:30\n", now=paris(2026, 12, 25, 9, 0))
    assert prompts(out) == 1  # Christmas: holidays are off


async def test_in_english(tmp_path) -> None:
    out = await session(tmp_path, """\
        :user sofia
        /routine off 2026-12-25
        """, now=paris(2026, 12, 21, 9, 0), language="en")
    assert "Friday 25 December is not a routine day (Christmas Day); nothing to mark." in out


@pytest.mark.parametrize(("value", "error"), [
    ("XX", "garant.yaml:{line}:13: unknown country 'XX' for public holidays: use a two-letter "
           "ISO code such as FR, BE, CH"),
    ("FR-99", "garant.yaml:{line}:13: unknown region '99' of FR for public holidays; known: "
              "57, 6AE, 971"),
    ("[FR]", "garant.yaml:{line}:13: 'holidays' must be a country code such as FR (or FR-57 "
             "for a region), or null for none, got a list"),
])
def test_a_wrong_holidays_setting_is_reported_at_its_place(tmp_path, value, error) -> None:
    from bot.config import load_config

    path = write_config(tmp_path, language="en", extra=f"  holidays: {value}\n")
    line = path.read_text().splitlines().index(f"  holidays: {value}") + 1
    with pytest.raises(SourceError) as raised:
        load_config(path, env={}).read(RoutineSettings)
    assert "/garant.yaml" + error.format(line=line)[len("garant.yaml"):] in str(raised.value)


def test_a_closed_day_that_is_not_a_date_is_reported(tmp_path) -> None:
    from bot.config import load_config

    path = write_config(tmp_path, extra="  closed_days: [2026-12-24, 24/12]\n")
    with pytest.raises(SourceError) as raised:
        load_config(path, env={}).read(RoutineSettings)
    assert "each item of 'closed_days' must be a date like 2026-12-24, got '24/12'" in str(
        raised.value)


async def test_an_absence_marks_every_routine_day_of_a_period_and_keeps_the_streak(
        tmp_path) -> None:
    # Away from Thursday 24 December to Monday 4 January: Christmas, New Year's Day and
    # the week-ends are not routine days; the six others are marked off.
    out = await session(tmp_path, f"""\
        :user sofia
        /routine dm on
        :time 2026-12-23T09:30
        /routine done {TEN}
        /absent 24/12 4/1
        /absent 24/12
        /routine off 4/1 24/12
        :time 2026-12-24T09:30
        :time 2027-01-05T09:30
        /routine done {TEN}
        /routine today
        /routine on 31/12 4/1
        /routine on 4/1 8/1
        """, now=paris(2026, 12, 23, 9, 0))
    assert "Absence du jeudi 24 décembre au lundi 4 janvier : 6 jours de routine off " \
           "(6 de plus qu'avant) ; votre série est préservée." in out
    assert "Le jeudi 24 décembre était déjà marqué off." in out
    assert "Le jeudi 24 décembre est avant le lundi 4 janvier : donnez le premier jour, " \
           "puis le dernier." in out
    assert "série : 2 jours" in out  # 23 December and 5 January, the absence between
    # On 5 January, 31 December is closed; Monday 4 January is still open.
    assert "Le jeudi 31 décembre est passé" in out
    assert "Du lundi 4 janvier au vendredi 8 janvier : 1 jour off annulé." in out
    days_off = [d for (d,) in rows(tmp_path, "SELECT day FROM routine_days_off ORDER BY day")]
    assert days_off == ["2026-12-24", "2026-12-28", "2026-12-29", "2026-12-30", "2026-12-31"]
    # The prompt by direct message is not sent to her while she is away.
    assert [line for line in out.splitlines() if line.startswith("[MP à sofia] ▶ ☀")] == [
        "[MP à sofia] ▶ ☀ Les 20 actions quotidiennes — mercredi 23 décembre  [carte 2]",
        "[MP à sofia] ▶ ☀ Les 20 actions quotidiennes — mardi 5 janvier  [carte 5]"]
    audit = rows(tmp_path, "SELECT data FROM audit_log WHERE action = 'routine.off'")
    assert len(audit) == 1 and "2026-12-24" in audit[0][0] and "2027-01-04" in audit[0][0]


async def test_an_absence_given_in_a_form_shows_its_mistakes_under_their_field(
        tmp_path) -> None:
    out = await session(tmp_path, """\
        :user sofia
        /absent
        31/02
        4/1
        24/12
        /absent
        8/1
        6/1
        7/1
        """, now=paris(2026, 12, 23, 9, 0))
    assert "Formulaire « Une absence » (:cancel pour abandonner)\n  Du ?\n" in out
    assert "  ! Du : Date non comprise : « 31/02 »." in out
    assert "(pour vous seul) Absence du jeudi 24 décembre au lundi 4 janvier : 6 jours de " \
           "routine off" in out
    assert ("  ! Au (vide : ce jour seulement) : Le mercredi 6 janvier est avant le vendredi 8 "
            "janvier : donnez le premier jour, puis le dernier.") in out
    assert "(pour vous seul) Absence du vendredi 8 janvier au jeudi 7 janvier" not in out
    days = [d for (d,) in rows(tmp_path, "SELECT day FROM routine_days_off ORDER BY day")]
    assert len(days) == 6 and days[-1] == "2027-01-04"


async def test_the_weekly_report_counts_presence(tmp_path) -> None:
    out = await session(tmp_path, f"""\
        :user sofia
        /absent 24/11 25/11
        :time 2026-11-23T09:30
        /routine done {TEN}
        :time 2026-11-24T09:30
        :time 2026-11-25T09:30
        :time 2026-11-26T09:30
        :time 2026-11-27T09:30
        :time 2026-11-27T18:00
        /stats semaine
        """, now=paris(2026, 11, 23, 9, 0))
    stats = [line.strip() for line in out.splitlines() if "· record :" in line]
    assert stats == ["sofia : 17 % (10/60) · série : 0 · record : 1 · présence : 3/5 jours",
                     "malik : 0 % (0/100) · série : 0 · record : 0",
                     "yann : 0 % (0/100) · série : 0 · record : 0"]


async def test_the_reminder_goes_to_members_who_ticked_nothing_unless_away_or_unwilling(
        tmp_path) -> None:
    extra = '  reminder_time: "16:00"\n'
    out = await session(tmp_path, """\
        :user sofia
        :time 2026-11-23T09:30
        /routine done 1
        :user yann
        /routine off
        :time 2026-11-23T16:00
        :user malik
        /routine reminder off
        :time 2026-11-24T16:00
        :time 2026-11-25T16:00
        """, now=paris(2026, 11, 23, 9, 0), extra=extra)
    reminders = [line for line in out.splitlines() if "Petit rappel" in line]
    # Monday: malik only (sofia ticked, yann is off); Tuesday: no prompt was posted
    # (the bot was not running at 09:30 and is past its grace); Wednesday: nobody
    # posted either; the reminder records why.
    assert reminders == [
        "[MP à malik] Petit rappel : vous n'avez encore coché aucune action de la routine "
        "aujourd'hui (lundi 23 novembre). /routine today pour la liste ; /routine reminder "
        "off pour ne plus recevoir ce rappel."]
    assert "Plus de rappel pour vous ; /routine reminder on pour le retrouver." in out
    assert rows(tmp_path, "SELECT day, status FROM routine_posts WHERE kind = 'reminder' "
                          "ORDER BY day") == [("2026-11-23", "posted")] + [
        (day, "skipped") for day in ("2026-11-24", "2026-11-25")]
    # The next morning's prompt is posted: malik has said no, sofia and yann get it.
    out = await session(tmp_path, ":time 2026-11-26T09:30\n:time 2026-11-26T16:00\n",
                        now=paris(2026, 11, 26, 9, 0))
    assert [line.split("]")[0] for line in out.splitlines() if "Petit rappel" in line] == [
        "[MP à sofia", "[MP à yann"]


def test_a_reminder_outside_the_day_is_refused(tmp_path) -> None:
    from bot.config import load_config

    path = write_config(tmp_path, extra='  reminder_time: "18:00"\n')
    with pytest.raises(SourceError) as raised:
        load_config(path, env={}).read(RoutineSettings)
    assert "'reminder_time' (18:00) must be between 'time' (09:30) and 'review_time'" in str(
        raised.value)


def routine_with_questions(tmp_path):
    from pathlib import Path

    bundled = Path(__file__).resolve().parents[2] / "charters/routines/20-actions.fr.yaml"
    path = tmp_path / "routine.yaml"
    path.write_text(bundled.read_text(encoding="utf-8") + (
        "questions:\n"
        "  - id: publie\n"
        "    text: Qu'avez-vous publié hier ?\n"
        "  - id: besoin\n"
        "    text: De quoi avez-vous besoin ?\n"), encoding="utf-8")
    return path


async def test_the_questions_of_the_day_are_answered_and_gathered_in_the_review(
        tmp_path) -> None:
    path = routine_with_questions(tmp_path)
    out = await session(tmp_path, """\
        :time 2026-11-23T09:30
        :user sofia
        /routine answer publie Un carrousel LinkedIn pour Dupont
        /routine answer publie Un carrousel LinkedIn et deux tweets
        /routine answer inconnue oui
        /routine answer besoin
        :user malik
        /routine answer PUBLIE Rien, j'étais en rendez-vous
        :time 2026-11-23T17:30
        """, now=paris(2026, 11, 23, 9, 0), extra=f"  file: {path}\n")
    assert "Questions du jour (/routine answer ID RÉPONSE) : publie : Qu'avez-vous publié " \
           "hier ? · besoin : De quoi avez-vous besoin ?" in out
    assert "Réponse enregistrée pour « Qu'avez-vous publié hier ? »." in out
    assert "Question inconnue : « inconnue ». Questions du jour : publie, besoin." in out
    assert "Écrivez votre réponse après l'identifiant de la question : /routine answer " \
           "besoin VOTRE RÉPONSE." in out
    review = out.split("Bilan de la routine")[1]
    assert "« Qu'avez-vous publié hier ? »\n" \
           "      malik : Rien, j'étais en rendez-vous\n" \
           "      sofia : Un carrousel LinkedIn et deux tweets\n" \
           "    « De quoi avez-vous besoin ? »\n" \
           "      (pas de réponse)" in review


def test_a_routine_asks_at_most_five_questions(tmp_path) -> None:
    from cogs.routine.routine_file import load_routine

    path = routine_with_questions(tmp_path)
    path.write_text(path.read_text(encoding="utf-8") + "".join(
        f"  - id: q{n}\n    text: Question {n} ?\n" for n in range(4)), encoding="utf-8")
    with pytest.raises(SourceError) as raised:
        load_routine(path)
    assert "a routine asks at most 5 questions a day" in str(raised.value)


async def test_a_member_s_reminder_comes_on_their_own_clock(tmp_path) -> None:
    extra = '  reminder_time: "16:00"\n'
    out = await session(tmp_path, """\
        :user malik
        /routine tz America/Montreal
        /routine tz
        /routine tz Mars/Olympus
        :time 2026-11-23T09:30
        :time 2026-11-23T16:00
        :time 2026-11-23T21:59
        :time 2026-11-23T22:00
        """, now=paris(2026, 11, 23, 9, 0), extra=extra)
    assert "Votre rappel viendra à l'heure de America/Montreal." in out
    assert "Votre rappel suit l'heure de America/Montreal (l'équipe : Europe/Paris)." in out
    assert "Fuseau horaire inconnu : « Mars/Olympus »." in out
    at_four = out.split("Horloge : lun. 2026-11-23 16:00")[1].split("Horloge :")[0]
    assert "[MP à sofia] Petit rappel" in at_four and "[MP à yann] Petit rappel" in at_four
    assert "[MP à malik]" not in at_four
    at_ten = out.split("Horloge : lun. 2026-11-23 22:00")[1]
    assert "[MP à malik] Petit rappel" in at_ten  # 16:00 in Montreal
    assert "[MP à malik]" not in out.split("Horloge : lun. 2026-11-23 22:00")[0]
