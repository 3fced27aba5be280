"""The report as text and as CSV rows: pure functions of the gathered sections.

Each section brings its own lines and figures (`bot/stats.py`), so `/stats`, the
weekly card and `/stats export` can never disagree. A source that failed is its
heading and "—" in text, and an empty cell in the CSV.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterator
from datetime import date

from bot.model import Card
from bot.stats import DASH
from cogs.reports.figures import Report

Translate = Callable[..., str]
CSV_HEADER = {"en": ("period_start", "period_end", "category", "metric", "subject", "value"),
              "fr": ("début", "fin", "catégorie", "mesure", "sujet", "valeur")}


def short_day(day: date, language: str) -> str:
    return f"{day:%d/%m/%Y}" if language == "fr" else day.isoformat()


def report_lines(t: Translate, report: Report) -> list[str]:
    """Every section's lines, in the sources' order; a failed source is its heading and
    a dash."""
    lines: list[str] = []
    for entry, section in report.sections:
        lines += section.lines if section is not None else (t(entry.title), f"  {DASH}")
    return lines


def report_card(t: Translate, language: str, report: Report) -> Card:
    period = report.period
    title = t(f"reports.title.{period.kind}", first=short_day(period.first, language),
              last=short_day(period.last, language))
    return Card(title, "\n".join(report_lines(t, report)))


def rows(report: Report) -> Iterator[tuple[str, str, str, object]]:
    """(category, metric, subject, value) for every figure; value None when unavailable
    (a failed source is one row with an empty metric).

    Rates are fractions (0.35), durations seconds: the CSV is for spreadsheets.
    """
    for entry, section in report.sections:
        if section is None:
            yield entry.name, "", "", None
            continue
        for figure in section.figures:
            yield entry.name, figure.metric, figure.subject, figure.value


def to_csv(report: Report, language: str = "en") -> bytes:
    """The figures as CSV, one figure per row, dates as ISO, UTF-8 with a BOM (so
    spreadsheets read the accents). In French, as a French spreadsheet opens it
    without an import dialog: semicolons between columns, decimal commas, French
    column names."""
    period = report.period
    french = language == "fr"
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";" if french else ",", lineterminator="\r\n")
    writer.writerow(CSV_HEADER["fr" if french else "en"])
    for category, metric, subject, value in rows(report):
        shown = "" if value is None else str(value)
        if french and isinstance(value, float):
            shown = shown.replace(".", ",")
        writer.writerow((period.first.isoformat(), period.last.isoformat(), category, metric,
                         subject, shown))
    return out.getvalue().encode("utf-8-sig")
