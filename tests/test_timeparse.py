"""Times as people type them, in French and English (pure; a fixed "now")."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.timeparse import parse_time, parse_when

PARIS = ZoneInfo("Europe/Paris")
NOW = datetime(2026, 11, 23, 10, 0, tzinfo=PARIS)  # Monday 23 November 2026, 10:00


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=PARIS)


@pytest.mark.parametrize("text, language, expected", [
    ("14h", "fr", at(2026, 11, 23, 14, 0)),  # 14:00 today, not "in 14 hours"
    ("14h30", "fr", at(2026, 11, 23, 14, 30)),
    ("14:30", "fr", at(2026, 11, 23, 14, 30)),
    ("9h", "fr", at(2026, 11, 24, 9, 0)),  # passed today: tomorrow
    ("midi", "fr", at(2026, 11, 23, 12, 0)),
    ("demain 9h", "fr", at(2026, 11, 24, 9, 0)),
    ("Demain à 9h30", "fr", at(2026, 11, 24, 9, 30)),
    ("lundi 14h", "fr", at(2026, 11, 23, 14, 0)),  # today is Monday, 14:00 is ahead
    ("lundi 9h", "fr", at(2026, 11, 30, 9, 0)),  # ...9:00 has passed: next Monday
    ("vendredi à midi", "fr", at(2026, 11, 27, 12, 0)),
    ("25/11", "fr", at(2026, 11, 25, 9, 0)),  # a day without a time: 09:00
    ("25/11 14h30", "fr", at(2026, 11, 25, 14, 30)),
    ("le 3 décembre à 10h", "fr", at(2026, 12, 3, 10, 0)),
    ("le 1er décembre à 9h30", "fr", at(2026, 12, 1, 9, 30)),
    ("3 janvier", "fr", at(2027, 1, 3, 9, 0)),  # the next 3 January
    ("dans 2 jours", "fr", at(2026, 11, 25, 10, 0)),
    ("dans 2h15", "fr", at(2026, 11, 23, 12, 15)),
    ("+2h", "fr", at(2026, 11, 23, 12, 0)),
    ("+1h30", "fr", at(2026, 11, 23, 11, 30)),
    ("48h", "fr", at(2026, 11, 25, 10, 0)),  # no time of day is 48h: a duration
    ("30m", "fr", at(2026, 11, 23, 10, 30)),
    ("2026-12-01T09:00", "fr", at(2026, 12, 1, 9, 0)),
    ("2026-12-01 09:00", "fr", at(2026, 12, 1, 9, 0)),
    ("2h", "en", at(2026, 11, 23, 12, 0)),  # English: a duration
    ("2pm", "en", at(2026, 11, 23, 14, 0)),
    ("tomorrow 9:30", "en", at(2026, 11, 24, 9, 30)),
    ("monday 2pm", "en", at(2026, 11, 23, 14, 0)),
    ("december 3 at 10:00", "en", at(2026, 12, 3, 10, 0)),
    ("in 2 days", "en", at(2026, 11, 25, 10, 0)),
    ("25/12", "en", at(2026, 12, 25, 9, 0)),  # no 25th month: not ambiguous
])
def test_times_as_people_type_them(text, language, expected):
    assert parse_when(text, NOW, PARIS, language) == expected


def test_an_ambiguous_date_has_two_readings_and_no_guess():
    parsed = parse_time("03/12", NOW, PARIS, "en")
    assert parsed.ambiguous and parsed.when is None
    assert parsed.readings == (at(2026, 12, 3, 9, 0), at(2027, 3, 12, 9, 0))
    assert parse_time("03/12", NOW, PARIS, "fr").when == at(2026, 12, 3, 9, 0)  # dd/mm


@pytest.mark.parametrize("text, error", [
    ("99999999999999h", "time.too_far"), ("+99999999d", "time.too_far"),
    ("dans 4000 jours", "time.too_far"), ("2100-01-01", "time.too_far"),
    ("le 45/13", "time.unreadable"), ("31/02", "time.unreadable"),
    ("jamais", "time.unreadable"), ("", "time.unreadable"), ("14h75", "time.unreadable"),
])
def test_unusable_times_are_clear_errors(text, error):
    assert parse_time(text, NOW, PARIS, "fr").error == error


@given(st.text(max_size=40))
def test_any_text_is_read_or_refused_never_an_exception(text):
    parsed = parse_time(text, NOW, PARIS, "fr")
    assert parsed.readings or parsed.error
