"""Reading the times people type, in French and English: one parser for commands,
forms and plans.

French first: "14h" is 14:00 (not "in 14 hours"), "14h30", "14:30", "midi",
"demain 9h", "lundi 14h", "25/11", "25/11 14h30", "le 3 décembre à 10h", "dans 2
jours", "+2h"; English: "2pm", "tomorrow 9:00", "monday 2pm", "december 3",
"in 2 days", "+2h", "2h" (a duration, as English speakers write it); ISO
everywhere ("2026-12-01T09:00", "2026-12-01 09:00"). A time without a day is its
next occurrence; a day without a time is at 09:00; a date without a year is its
next occurrence.

Never a silent guess: when the text has two sensible readings — "03/12" in
English (3 December or 12 March) — the result carries both and the caller asks.
Huge values ("99999999h", "le 45/13") are a clear error, never an exception.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

#: Where plans end: nothing is scheduled further than ten years ahead.
HORIZON = timedelta(days=3650)
#: The time of a day given without one ("demain", "lundi", "25/11").
DEFAULT_TIME = time(9, 0)

_UNITS = {
    "s": "seconds", "sec": "seconds", "seconde": "seconds", "secondes": "seconds",
    "second": "seconds", "seconds": "seconds",
    "m": "minutes", "mn": "minutes", "min": "minutes", "minute": "minutes",
    "minutes": "minutes",
    "h": "hours", "heure": "hours", "heures": "hours", "hour": "hours", "hours": "hours",
    "d": "days", "j": "days", "jour": "days", "jours": "days", "day": "days", "days": "days",
    "sem": "weeks", "semaine": "weeks", "semaines": "weeks", "w": "weeks", "week": "weeks",
    "weeks": "weeks",
}
_DURATION_PART = re.compile(r"(\d+)\s*([a-z]+)")
_MONTHS = {
    "janvier": 1, "janv": 1, "jan": 1, "january": 1, "fevrier": 2, "fevr": 2, "fev": 2,
    "feb": 2, "february": 2, "mars": 3, "mar": 3, "march": 3, "avril": 4, "avr": 4,
    "apr": 4, "april": 4, "mai": 5, "may": 5, "juin": 6, "june": 6, "jun": 6,
    "juillet": 7, "juil": 7, "jul": 7, "july": 7, "aout": 8, "aug": 8, "august": 8,
    "septembre": 9, "sept": 9, "sep": 9, "september": 9, "octobre": 10, "oct": 10,
    "october": 10, "novembre": 11, "nov": 11, "november": 11, "decembre": 12, "dec": 12,
    "december": 12,
}
#: How people write each day of the week, index = `datetime.weekday()` (0 = Monday);
#: garant.yaml's day lists read the same spellings (`bot/settings.py`).
WEEKDAY_SPELLINGS = (
    ("mon", "monday", "lun", "lundi"),
    ("tue", "tuesday", "mar", "mardi"),
    ("wed", "wednesday", "mer", "mercredi"),
    ("thu", "thursday", "jeu", "jeudi"),
    ("fri", "friday", "ven", "vendredi"),
    ("sat", "saturday", "sam", "samedi"),
    ("sun", "sunday", "dim", "dimanche"),
)
WEEKDAYS_BY_NAME = {spelling: index for index, names in enumerate(WEEKDAY_SPELLINGS)
                    for spelling in names}
#: A time of day as people type it: 9:30, 09:30, 14h, 14h30, 14 h 30 (hours, minutes).
CLOCK = re.compile(r"^(\d{1,2})\s*(?::\s*(\d{2})|[hH]\s*(\d{2})?)$")
_RELATIVE_DAYS = {"hier": -1, "yesterday": -1,
                  "aujourd'hui": 0, "aujourdhui": 0, "today": 0, "ce soir": 0,
                  "demain": 1, "tomorrow": 1, "apres-demain": 2, "apres demain": 2}
_NAMED_TIMES = {"midi": time(12, 0), "noon": time(12, 0), "minuit": time(0, 0),
                "midnight": time(0, 0)}
_FILLERS = re.compile(r"\b(?:le|a|at|on|the|vers|pour|for|de|du)\b|,")
_AMPM = re.compile(r"^(\d{1,2})(?::(\d{2}))?\s*(am|pm)$")
_NUMERIC_DATE = re.compile(r"^(\d{1,2})[/.](\d{1,2})(?:[/.](\d{2}|\d{4}))?$")
_DAY_MONTH = re.compile(r"^(\d{1,2})(?:er)?\s+([a-z]+)\.?(?:\s+(\d{4}))?$")
_MONTH_DAY = re.compile(r"^([a-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?(?:\s+(\d{4}))?$")


@dataclass(frozen=True, slots=True)
class Parsed:
    """What a text means: one reading, two when it is ambiguous (ask which), none
    with an `error` key ("time.unreadable", "time.too_far") when it means nothing
    usable."""

    readings: tuple[datetime, ...] = ()
    error: str | None = None

    @property
    def when(self) -> datetime | None:
        """The reading, when there is exactly one."""
        return self.readings[0] if len(self.readings) == 1 else None

    @property
    def ambiguous(self) -> bool:
        return len(self.readings) > 1


class _Unreadable(ValueError):
    pass


class _TooFar(ValueError):
    pass


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    return " ".join(folded.replace("’", "'").split())


def parse_time(text: str, now: datetime, tz: ZoneInfo, language: str = "fr") -> Parsed:
    """The instants `text` may mean, seen from `now` in zone `tz`."""
    value = _fold(text)
    if not value:
        return Parsed(error="time.unreadable")
    try:
        readings = _readings(value, now, tz, language)
    except _TooFar:
        return Parsed(error="time.too_far")
    except (_Unreadable, ValueError, OverflowError):
        return Parsed(error="time.unreadable")
    distinct = tuple(dict.fromkeys(readings))
    if any(when - now > HORIZON for when in distinct):
        return Parsed(error="time.too_far")
    return Parsed(distinct)


def parse_when(value: str, now: datetime, tz: ZoneInfo, language: str = "fr") -> datetime | None:
    """The one instant `value` means; None when it is unreadable, too far or ambiguous
    (callers that can ask use `parse_time`)."""
    return parse_time(value, now, tz, language).when


def _readings(value: str, now: datetime, tz: ZoneInfo, language: str) -> list[datetime]:
    iso = _iso(value, tz)
    if iso is not None:
        return [iso]
    duration = _duration(value, language)
    if duration is not None:
        return [now + duration]
    local_now = now.astimezone(tz)
    day_text, clock = _split_clock(value)
    if clock is None and not day_text:
        raise _Unreadable(value)
    if not day_text:  # a time alone: its next occurrence
        assert clock is not None
        return [_next_time(local_now, clock, tz)]
    days = _days(day_text, local_now.date(), language)
    at = clock or DEFAULT_TIME
    found = []
    for day in days:
        when = _at(day, at, tz)
        if when <= now and day_text in WEEKDAYS_BY_NAME:  # "lundi" said on a Monday, past that time
            when = _at(day + timedelta(days=7), at, tz)
        found.append(when)
    return found


def _iso(value: str, tz: ZoneInfo) -> datetime | None:
    if not re.match(r"^\d{4}-\d{2}-\d{2}", value):
        return None
    try:
        when = datetime.fromisoformat(value.upper().replace(" ", "T", 1))
    except ValueError as exc:
        raise _Unreadable(value) from exc
    if when.tzinfo is None:
        return _at(when.date(), when.time(), tz)
    return when


def _duration(value: str, language: str) -> timedelta | None:
    """`+2h`, `dans 2 jours`, `in 3 hours`, `30m`, `1d12h`; in English a bare `2h` too.
    In French a bare `14h` is a time of day, not a duration."""
    marked = False
    for prefix in ("+", "dans ", "in "):
        if value.startswith(prefix):
            value, marked = value[len(prefix):].strip(), True
            break
    hours_minutes = re.fullmatch(r"(\d+)h(\d{2})", value)
    if hours_minutes and marked:  # "+1h30", "dans 2h15"
        value = f"{hours_minutes.group(1)}h {hours_minutes.group(2)}m"
    parts = _DURATION_PART.findall(value)
    if not parts or _DURATION_PART.sub("", value).strip():
        return None
    if any(unit not in _UNITS for _, unit in parts):
        return None
    if len(parts) == 1 and parts[0][1] == "h" and not marked and language == "fr" \
            and len(parts[0][0]) <= 2 and int(parts[0][0]) <= 23:
        return None  # "14h" is a time of day in French; "48h" is a duration
    total = timedelta()
    for amount, unit in parts:
        if len(amount) > 6:
            raise _TooFar(value)
        total += timedelta(**{_UNITS[unit]: int(amount)})
    if total > HORIZON:
        raise _TooFar(value)
    return total


def _split_clock(value: str) -> tuple[str, time | None]:
    """The day part and the time of day of a text ("demain 9h" → "demain", 09:00)."""
    words = _FILLERS.sub(" ", value)
    words = " ".join(words.split())
    for name, at in _NAMED_TIMES.items():
        if words == name or words.endswith(" " + name):
            return words[: -len(name)].strip(), at
    tokens = words.split(" ")
    for size in (2, 1):  # "2 pm", "14 h" as two tokens, then one
        if len(tokens) >= size:
            tail = " ".join(tokens[-size:])
            clock = _clock(tail)
            if clock is not None:
                return " ".join(tokens[:-size]), clock
    return words, None


def _clock(text: str) -> time | None:
    found = CLOCK.match(text)
    if found:
        hour, minute = int(found.group(1)), int(found.group(2) or found.group(3) or 0)
        if hour > 23 or minute > 59:
            raise _Unreadable(text)
        return time(hour, minute)
    found = _AMPM.match(text.replace(" ", ""))
    if found:
        hour, minute = int(found.group(1)), int(found.group(2) or 0)
        if not 1 <= hour <= 12 or minute > 59:
            raise _Unreadable(text)
        return time(hour % 12 + (12 if found.group(3) == "pm" else 0), minute)
    return None


def _days(text: str, today: date, language: str) -> list[date]:
    if text in _RELATIVE_DAYS:
        return [today + timedelta(days=_RELATIVE_DAYS[text])]
    if text in WEEKDAYS_BY_NAME:
        ahead = (WEEKDAYS_BY_NAME[text] - today.weekday()) % 7
        return [today + timedelta(days=ahead)]
    found = _NUMERIC_DATE.match(text)
    if found:
        first, second = int(found.group(1)), int(found.group(2))
        year = _year(found.group(3))
        readings = [(first, second)]  # day/month, as in French (and in most of the world)
        if language == "en" and first != second and first <= 12 and second <= 31:
            readings.append((second, first))  # month/day, as in the US: ask which
        dates = []
        for day, month in readings:
            try:
                dates.append(_next_date(today, month, day, year))
            except _Unreadable:
                continue
        if not dates:
            raise _Unreadable(text)
        return dates
    found = _DAY_MONTH.match(text)
    if found and found.group(2) in _MONTHS:
        return [_next_date(today, _MONTHS[found.group(2)], int(found.group(1)),
                           _year(found.group(3)))]
    found = _MONTH_DAY.match(text)
    if found and found.group(1) in _MONTHS:
        return [_next_date(today, _MONTHS[found.group(1)], int(found.group(2)),
                           _year(found.group(3)))]
    raise _Unreadable(text)


def _year(text: str | None) -> int | None:
    if text is None:
        return None
    return int(text) + (2000 if len(text) == 2 else 0)


def _next_date(today: date, month: int, day: int, year: int | None) -> date:
    try:
        if year is not None:
            return date(year, month, day)
        found = date(today.year, month, day)
        return found if found >= today else date(today.year + 1, month, day)
    except ValueError as exc:  # 31/02, 45/13
        raise _Unreadable(f"{day}/{month}") from exc


def _at(day: date, at: time, tz: ZoneInfo) -> datetime:
    """`day` at `at`, local to `tz` (a time in a spring-forward gap moves past it)."""
    naive = datetime.combine(day, at)
    local = naive.replace(tzinfo=tz)
    # Round trip through UTC resolves a non-existent wall time the way zoneinfo folds it.
    return local.astimezone(ZoneInfo("UTC")).astimezone(tz)


def _next_time(local_now: datetime, at: time, tz: ZoneInfo) -> datetime:
    today = _at(local_now.date(), at, tz)
    if today > local_now:
        return today
    return _at(local_now.date() + timedelta(days=1), at, tz)


def time_question(t: Callable[..., str], value: str, parsed: Parsed, tz: ZoneInfo) -> str:
    """The question asked back for an ambiguous time: its readings, to type exactly."""
    first, second = (f"{when.astimezone(tz):%Y-%m-%d %H:%M}" for when in parsed.readings[:2])
    return t("time.ambiguous", value=value, first=first, second=second)


__all__ = ["CLOCK", "DEFAULT_TIME", "HORIZON", "WEEKDAYS_BY_NAME", "WEEKDAY_SPELLINGS", "Parsed",
           "parse_time", "parse_when", "time_question"]
