"""`/stats`, `/stats export` and the weekly report with its PNG chart and CSV.

Scripted console sessions on real SQLite files. The moderation and drafts figures
come from stand-in sources registered like those cogs register theirs (fixed
figures, rendered by the cogs' own `render`), from a source that fails, or from
none at all (their cogs missing), which the reports must survive.
"""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

import pytest
from PIL import Image

from bot.clock import ManualClock
from bot.host import Bot
from bot.stats import Figure, Period, StatsEntry, StatsSection, days_period, format_duration
from bot.store import Store
from cogs.drafts import stats as draft_stats
from cogs.drafts.messages import MESSAGES as DRAFT_MESSAGES
from cogs.moderation import stats as moderation_stats
from cogs.moderation.messages import MESSAGES as MODERATION_MESSAGES
from cogs.reports.chart import SIZE
from cogs.reports.figures import Report
from cogs.routine.stats import period_stats
from tests.routine import console
from tests.routine.console import paris, rows, session

MONDAY_9 = paris(2026, 11, 23, 9, 0)
TEN = " ".join(str(n) for n in range(1, 11))


def moderation_figures(period: Period) -> dict[str, object]:
    """Figures that vary by week, so the chart has something to draw."""
    week = period.start.isocalendar().week
    return {"messages_checked": 100 + week, "findings_by_rule": {"insultes": week % 5,
                                                                 "liens": 2},
            "items_opened": week % 4 + 1, "items_resolved": week % 3,
            "median_first_action_seconds": 4800.0}


DRAFT_FIGURES = {"submitted": 5, "passed": 3, "published": 2, "rejected": 1,
                 "median_decision_seconds": 72000.0, "vote_participation": 0.8}


def with_sources(monkeypatch: pytest.MonkeyPatch, moderation: str | None,
                 drafts: str | None) -> None:
    """Register stand-in moderation and drafts sources ("fixed", "broken" or None) next
    to the cogs under test, as those cogs register theirs."""
    original = Bot.load_cogs

    def load_cogs(self: Bot, names: object = None) -> None:
        original(self, names)

        async def broken(period: Period) -> StatsSection:
            raise RuntimeError("table review_items does not exist")

        async def moderation_source(period: Period) -> StatsSection:
            return moderation_stats.render(self.t, moderation_figures(period))

        async def drafts_source(period: Period) -> StatsSection:
            return draft_stats.render(self.t, DRAFT_FIGURES)

        if moderation is not None:
            self.add_messages({k: v for k, v in MODERATION_MESSAGES.items()
                               if k.startswith("mod.stats.")})
            self.add_stats("moderation", "mod.stats.title",
                           moderation_source if moderation == "fixed" else broken, 20,
                           chart=moderation_stats.CHART)
        if drafts is not None:
            self.add_messages({k: v for k, v in DRAFT_MESSAGES.items()
                               if k.startswith("drafts.stats.")})
            self.add_stats("drafts", "drafts.stats.title",
                           drafts_source if drafts == "fixed" else broken, 30)

    monkeypatch.setattr(Bot, "load_cogs", load_cogs)


@pytest.fixture
def sources(monkeypatch: pytest.MonkeyPatch) -> None:
    with_sources(monkeypatch, "fixed", "fixed")


def a_week(days: range = range(23, 28)) -> str:
    """sofia does 10 actions every day, malik 5 on Monday, yann marks Friday off; each
    day ends with its review."""
    script = ":user yann\n/routine off 2026-11-27\n"
    for day in days:
        script += f":time 2026-11-{day}T09:30\n:user sofia\n/routine done {TEN}\n"
        if day == 23:
            script += ":user malik\n/routine done 1 2 3 18 19\n"
        script += f":time 2026-11-{day}T17:30\n"
    return script


def attached(out: str, suffix: str) -> Path:
    found = re.findall(r"📎 (\S+" + re.escape(suffix) + ")", out)
    assert len(found) == 1, found
    return Path(found[0])


def read_csv(path: Path) -> list[dict[str, str]]:
    """A French export: semicolons, French column names, decimal commas."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        return list(csv.DictReader(handle, delimiter=";"))


def value(table: list[dict[str, str]], category: str, metric: str, subject: str = "") -> str:
    matches = [r["valeur"] for r in table if (r["catégorie"], r["mesure"], r["sujet"])
               == (category, metric, subject)]
    assert len(matches) == 1, (category, metric, subject)
    return matches[0]


@pytest.mark.sqlite  # the console's files go beside the SQLite file
async def test_the_weekly_report_with_its_png_and_csv(tmp_path, sources) -> None:
    await session(tmp_path, a_week(), now=MONDAY_9)
    out = await session(tmp_path, ":time 2026-11-30T08:59\n:time 2026-11-30T09:00\n",
                        now=paris(2026, 11, 28, 10, 0))
    report = out.split("Horloge : lun. 2026-11-30 09:00 (Europe/Paris)\n")[1]
    assert report.startswith(
        "[#routine] Garant: ▶ 📊 Rapport de la semaine du 23/11/2026 au 29/11/2026  [carte")
    text = report.split("\n[#routine] Garant: Graphique")[0]
    assert text.endswith(
        "    Routine — 5 jours de routine, équipe : 20 %\n"
        "      Par membre :\n"
        "        sofia : 50 % (50/100) · série : 5 · record : 5\n"
        "        malik : 5 % (5/100) · série : 0 · record : 0\n"
        "        yann : 0 % (0/80) · série : 0 · record : 0 · présence : 4/5 jours\n"  # Friday off
        "      Par section : Twitter / X 40 % · Facebook 36 % · LinkedIn 9 % · "
        "Blogs 0 % · Statistiques 5 %\n"
        "    Modération\n"
        "      Messages vérifiés : 148 · éléments ouverts / résolus : 1 / 0\n"
        "      Constats par règle : insultes 3, liens 2\n"
        "      Délai médian entre signalement et première action : 1 h 20 min\n"
        "    Brouillons\n"
        "      Soumis : 5 · adoptés : 3 · publiés : 2 · rejetés : 1\n"
        "      Délai médian de décision : 20 h · participation aux votes : 80 %")

    chart = attached(out, ".png")
    assert chart.name == "garant-report-2026-11-23.png"
    assert chart.parent == tmp_path / "garant-files"
    with Image.open(chart) as image:
        image.verify()
    with Image.open(chart) as image:
        assert (image.format, image.size, image.mode) == ("PNG", SIZE, "RGB")
        assert SIZE == (800, 500)
        # The routine began this week: its panel shows this one week only (no empty
        # weeks before it), one bar across the middle up to the 20 % mark...
        assert image.getpixel((420, 240)) == (46, 139, 87)
        assert image.getpixel((740, 240)) == (255, 255, 255)
        # ...and the team's goal (10 actions of 20: 50 %) as a dashed red line.
        line = [image.getpixel((x, 165)) for x in range(60, 780)]
        assert line.count((200, 60, 60)) > 300 and line.count((200, 60, 60)) < 600  # dashes

    table = read_csv(attached(out, ".csv"))
    # French: columns named in French, semicolons, decimal commas (a French spreadsheet
    # opens it as it is).
    assert list(table[0]) == ["début", "fin", "catégorie", "mesure", "sujet", "valeur"]
    assert {(r["début"], r["fin"]) for r in table} == {("2026-11-23", "2026-11-29")}
    assert value(table, "routine", "days") == "5"
    assert value(table, "routine", "completion_rate", "team") == "0,1964"
    assert value(table, "routine", "done", "sofia") == "50"
    assert value(table, "routine", "streak", "sofia") == "5"
    assert value(table, "routine", "possible", "yann") == "80"  # Friday was off
    assert value(table, "routine", "section_completion_rate", "Blogs") == "0,0"
    assert value(table, "moderation", "findings", "insultes") == "3"
    assert value(table, "moderation", "median_first_action_seconds") == "4800,0"
    assert value(table, "drafts", "vote_participation") == "0,8"

    # Posted once: a restart later that morning does not post it again.
    out = await session(tmp_path, ":time 10:00\n", now=paris(2026, 11, 30, 9, 5))
    assert "Rapport de la semaine" not in out
    assert rows(tmp_path, "SELECT kind, period, status FROM report_posts") == [
        ("weekly", "2026-11-23", "posted")]


async def test_missing_or_failing_sources_show_dashes(tmp_path, monkeypatch) -> None:
    with_sources(monkeypatch, "broken", None)  # moderation fails, no drafts cog
    out = await session(tmp_path, a_week(range(23, 24)) + """\
        /stats
        :time 2026-11-30T09:00
        """, now=MONDAY_9)
    stats = out.split("(pour vous seul) ▶ 📊 Statistiques — 7 derniers jours (17/11/2026 → "
                      "23/11/2026)\n")[1]
    assert "    Routine — 1 jour de routine, équipe : 25 %" in stats
    assert "    Modération\n      —\n" in stats
    assert "Brouillons" not in stats and "Soumis" not in stats
    with Image.open(attached(out, ".png")) as image:
        assert (image.format, image.size) == ("PNG", SIZE)
    table = read_csv(attached(out, ".csv"))
    assert value(table, "moderation", "") == ""
    assert not [r for r in table if r["catégorie"] == "drafts"]
    assert value(table, "routine", "done", "team") == "15"


async def test_stats_and_export_on_request(tmp_path, sources) -> None:
    out = await session(tmp_path, a_week(range(23, 25)) + """\
        :user sofia
        :channel general
        /stats month
        /stats export
        /stats export month
        /stats year
        /stats mois
        /stats décennie
        :user invité
        /stats
        """, now=MONDAY_9)
    assert "▶ 📊 Statistiques — 30 derniers jours (26/10/2026 → 24/11/2026)" in out
    exports = re.findall(r"\[#general\] Garant: Les chiffres en CSV \((.*?)\) 📎 (\S+)", out)
    assert [(period, Path(path).name) for period, path in exports] == [
        ("18/11/2026 → 24/11/2026", "garant-stats-2026-11-24-week.csv"),
        ("26/10/2026 → 24/11/2026", "garant-stats-2026-11-24-month.csv")]
    assert "Export CSV posté ici : " in out
    month = read_csv(Path(exports[1][1]))
    assert value(month, "routine", "days") == "2"
    assert value(month, "routine", "done", "malik") == "5"
    assert "▶ 📊 Statistiques — 365 derniers jours (25/11/2025 → 24/11/2026)" in out
    assert out.count("▶ 📊 Statistiques — 30 derniers jours") == 2  # month and mois
    assert "PÉRIODE doit être l'un de : week, semaine, month, mois, year" in out
    assert "Vous n'avez pas le droit d'utiliser /stats : réservé au rôle « membre »." in out


async def test_a_week_with_nothing_to_report_posts_nothing(tmp_path) -> None:
    out = await session(tmp_path, ":time 2026-11-30T09:00\n", now=paris(2026, 11, 27, 12, 0))
    assert "Rapport" not in out and "📎" not in out
    assert rows(tmp_path, "SELECT period, status FROM report_posts") == [("2026-11-23",
                                                                          "empty")]


async def test_a_report_missed_beyond_grace_is_skipped(tmp_path, sources) -> None:
    await session(tmp_path, a_week(), now=MONDAY_9)
    out = await session(tmp_path, "", now=paris(2026, 11, 30, 11, 30))
    assert "Rapport" not in out
    assert rows(tmp_path, "SELECT period, status, reason FROM report_posts") == [
        ("2026-11-23", "skipped", "150 min late")]


async def test_routine_period_stats(tmp_path) -> None:
    await session(tmp_path, a_week(), now=MONDAY_9)
    async with Store.open(tmp_path / "g.db", ManualClock(paris(2026, 12, 1, 12, 0))) as store:
        week = await period_stats(store, paris(2026, 11, 23), paris(2026, 11, 30),
                                  roster={"local:yann": "yann"})
        tuesday = await period_stats(store, paris(2026, 11, 24), paris(2026, 11, 25))
        nothing = await period_stats(store, paris(2026, 1, 1), paris(2026, 1, 2))
    assert (week["routine"], week["days"], week["done"], week["possible"]) == (
        "20-actions", 5, 55, 280)
    assert [(m["name"], m["done"], m["possible"], m["days_off"]) for m in week["members"]] == [
        ("sofia", 50, 100, 0), ("malik", 5, 100, 0), ("yann", 0, 80, 1)]
    # Streaks are as of the end of the period (Sunday 29), not of today.
    assert [(m["streak"], m["best_streak"]) for m in week["members"]] == [(5, 5), (0, 0),
                                                                          (0, 0)]
    assert week["sections"][0] == {"id": "twitter", "title": "Twitter / X", "done": 28,
                                   "possible": 70, "rate": 0.4}
    assert (tuesday["days"], tuesday["done"], [m["name"] for m in tuesday["members"]]) == (
        1, 10, ["sofia"])
    assert nothing["days"] == 0 and nothing["completion_rate"] is None


@pytest.mark.parametrize("seconds, fr, en", [
    (None, "—", "—"), (42, "42 s", "42 s"), (600, "10 min", "10 min"),
    (4800, "1 h 20 min", "1 h 20 min"), (7200, "2 h", "2 h"), (183600, "2 j 3 h", "2 d 3 h"),
])
def test_durations(seconds, fr, en) -> None:
    assert (format_duration(seconds, "fr"), format_duration(seconds, "en")) == (fr, en)


def test_the_csv_parses_with_the_csv_module() -> None:
    from datetime import date

    from cogs.reports.render import to_csv

    period = days_period("weekly", date(2026, 11, 23), date(2026, 11, 29),
                         paris(2026, 1, 1).tzinfo)

    async def unused(period: Period) -> StatsSection:
        raise AssertionError

    routine = StatsSection((), (Figure("skipped_days", 1),), False)
    moderation = StatsSection((), (Figure("findings", 1, "a, b"),
                                   Figure("items_opened", None)), True)
    data = to_csv(Report(period, (
        (StatsEntry("routine", "", unused, 10), routine),
        (StatsEntry("moderation", "", unused, 20), moderation),
        (StatsEntry("drafts", "", unused, 30), None))), "fr")
    table = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert value(table, "routine", "skipped_days") == "1"
    assert value(table, "moderation", "findings", "a, b") == "1"  # a comma in a name survives
    english = to_csv(Report(period, ((StatsEntry("routine", "", unused, 10), routine),)), "en")
    assert english.decode("utf-8-sig").splitlines()[0] == \
        "period_start,period_end,category,metric,subject,value"
    assert value(table, "moderation", "items_opened") == ""
    assert value(table, "drafts", "") == ""  # a failed source: one empty row


async def test_the_real_sources_when_they_are_installed(tmp_path, monkeypatch) -> None:
    """With the moderation and drafts cogs loaded, their own figures show."""
    monkeypatch.setattr(console, "COGS", None)  # every installed cog
    out = await session(tmp_path, ":user sofia\n/stats\n", now=MONDAY_9)
    assert "      Messages vérifiés : 0 · éléments ouverts / résolus : 0 / 0" in out
    assert "      Soumis : 0 · adoptés : 0 · publiés : 0 · rejetés : 0" in out
