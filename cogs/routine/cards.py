"""The routine's cards and texts, built from plain data (no store, no platform).

The daily card and the button limit
    Discord allows 25 buttons per message (5 rows of 5) and Slack 25 elements
    per actions block. The daily card carries one toggle button per action (a
    click ticks, a second click unticks: the card is shared, so a button cannot
    show each member's own state) plus "Note" and "My day". A routine whose
    actions and those two buttons fit in 25 (the bundled one: 20 + 2) is one
    card, keyed `routine:DAY`; a longer one becomes one card per section, keyed
    `routine:DAY:SECTION` (routine files allow at most 23 actions per section,
    so each of those cards fits too). Button action ids carry the day
    (`routine:tick:2026-11-23:tw-reply`), so a click on an old card ticks the
    day it belongs to, or is refused clearly once that day is closed.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Any

from bot.model import Button, Card
from bot.stats import format_percent
from cogs.routine.messages import format_day
from cogs.routine.routine_file import EXTRA_BUTTONS, MAX_BUTTONS, RoutineFile, Section

Translate = Callable[..., str]

#: A section whose team completion is below this rate is "neglected" in the review.
NEGLECTED_BELOW = 0.25
#: Notes listed in the review at most (the rest are counted).
MAX_REVIEW_NOTES = 10


def card_key(day: date, section: str | None = None, scope: str = "") -> str:
    """`routine:DAY[:SECTION]`, with the routine's id after `routine:` for a routine
    other than the team's (see `runs.py`)."""
    return f"{action_prefix(scope)}{day.isoformat()}" + (f":{section}" if section else "")


def action_prefix(scope: str) -> str:
    """What a routine's button ids start with: `routine:` or `routine:ID:`."""
    return f"routine:{scope}:" if scope else "routine:"


def split_by_section(routine: RoutineFile) -> bool:
    """Whether the day's checklist needs one card per section (see the module doc)."""
    return len(routine.actions) + EXTRA_BUTTONS > MAX_BUTTONS


def _action_line(routine: RoutineFile, action_id: str, label: str, target: int | None,
                 suffix: str = "") -> str:
    count = f" (×{target})" if target else ""
    return f"  {routine.number(action_id)}. {label}{count} · {action_id}{suffix}"


def _section_lines(routine: RoutineFile, section: Section, counts: Mapping[str, int]) -> list[str]:
    lines = [section.title]
    for action in section.actions:
        done = counts.get(action.id, 0)
        lines.append(_action_line(routine, action.id, action.label, action.target,
                                  f"  ✓{done}" if done else ""))
    return lines


def _buttons(t: Translate, day: date, sections: Sequence[Section],
             scope: str) -> tuple[Button, ...]:
    prefix, iso = action_prefix(scope), day.isoformat()
    ticks = [Button(a.label, f"{prefix}tick:{iso}:{a.id}") for s in sections for a in s.actions]
    return (*ticks, Button(t("routine.button.note"), f"{prefix}note:{iso}"),
            Button(t("routine.button.me"), f"{prefix}me:{iso}", "primary"))


def prompt_cards(t: Translate, language: str, routine: RoutineFile, day: date,
                 counts: Mapping[str, int], members: int, minimum: int,
                 scope: str = "") -> list[Card]:
    """The day's checklist: one card, or one per section when too long for one.

    `counts`: how many members ticked each action; `members`: how many ticked at all;
    `scope`: the routine's id when it is not the team's (its commands name it).
    """
    commands = t("routine.prompt.commands.scoped", id=scope) if scope \
        else t("routine.prompt.commands")
    if routine.questions:
        commands += "\n" + t("routine.prompt.questions", questions=" · ".join(
            f"{q.id} : {q.text}" if language == "fr" else f"{q.id}: {q.text}"
            for q in routine.questions))
    footer = t("routine.prompt.footer", done=sum(counts.values()), members=members,
               minimum=minimum) + "\n" + commands
    intro = t("routine.prompt.intro")
    shown_day = format_day(day, language)
    if not split_by_section(routine):
        lines = [intro]
        for section in routine.sections:
            lines += _section_lines(routine, section, counts)
        return [Card(t("routine.prompt.title", title=routine.title, day=shown_day),
                     "\n".join(lines), buttons=_buttons(t, day, routine.sections, scope),
                     key=card_key(day, None, scope), footer=footer)]
    # One card per section: each counts its own ticks, so that editing only the card
    # of the clicked action never leaves a stale total on the others.
    return [Card(t("routine.prompt.section_title", title=routine.title, day=shown_day,
                   section=section.title),
                 "\n".join([intro, *_section_lines(routine, section, counts)]),
                 buttons=_buttons(t, day, [section], scope),
                 key=card_key(day, section.id, scope),
                 footer=t("routine.prompt.section_footer",
                          done=sum(counts.get(a.id, 0) for a in section.actions),
                          minimum=minimum) + "\n" + commands)
            for section in routine.sections]


def card_showing(routine: RoutineFile, cards: Sequence[Card], action_id: str) -> Card | None:
    """The card whose buttons tick `action_id` (to update only that one)."""
    for card in cards:
        if any(b.action.endswith(f":{action_id}") for b in card.buttons):
            return card
    return None


def unkeyed(cards: Sequence[Card]) -> list[Card]:
    """Copies for direct messages: not keyed, so team updates never edit a DM."""
    return [replace(card, key=None) for card in cards]


@dataclass(frozen=True, slots=True)
class MyDay:
    """One member's day, for `/routine today` and the answers to ticks."""

    day: date
    notes: Mapping[str, str | None]  # ticked action id -> note
    streak: int
    best: int
    off: bool


def today_card(t: Translate, language: str, routine: RoutineFile, mine: MyDay,
               minimum: int, title: str | None = None) -> Card:
    """A member's day, ticked and not; `title` names the routine when there are several."""
    done = sum(1 for a in routine.actions if a.id in mine.notes)
    lines = [t("routine.today.summary", done=done, total=len(routine.actions), minimum=minimum,
               streak=mine.streak, best=mine.best)]
    if mine.off:
        lines.append(t("routine.today.off"))
    for section in routine.sections:
        lines.append(section.title)
        for action in section.actions:
            ticked = action.id in mine.notes
            note = mine.notes.get(action.id)
            line = _action_line(routine, action.id, action.label, action.target,
                                f" — « {note} »" if note and language == "fr"
                                else f" — \u201c{note}\u201d" if note else "")
            lines.append("  " + ("✓" if ticked else "☐") + line[1:])
    return Card(named_heading(t("routine.today.title", day=format_day(mine.day, language)), title),
                "\n".join(lines))


def progress_line(t: Translate, language: str, routine: RoutineFile, mine: MyDay,
                  minimum: int) -> str:
    done = sum(1 for a in routine.actions if a.id in mine.notes)
    day = format_day(mine.day, language)
    return t("routine.progress", day=day[:1].upper() + day[1:], done=done,
             total=len(routine.actions), minimum=minimum, streak=mine.streak)


def show_text(t: Translate, routine: RoutineFile) -> str:
    lines = [t("routine.show.head", title=routine.title, name=routine.name,
               count=len(routine.actions))]
    for section in routine.sections:
        lines.append(section.title)
        for action in section.actions:
            lines.append(_action_line(routine, action.id, action.label, action.target))
            if action.hint:
                lines.append(f"       {action.hint}")
    return "\n".join(lines)


@dataclass(frozen=True, slots=True)
class Note:
    name: str
    action: str
    text: str


def neglected_sections(sections: Sequence[Mapping[str, Any]]) -> list[Mapping[str, Any]]:
    """Sections below `NEGLECTED_BELOW`, least done first."""
    low = [s for s in sections if s["rate"] is not None and s["rate"] < NEGLECTED_BELOW]
    return sorted(low, key=lambda s: (s["rate"], s["title"]))


def review_card(t: Translate, language: str, day: date, figures: Mapping[str, Any],
                off: set[str], notes: Sequence[Note],
                answers: Sequence[tuple[str, Sequence[tuple[str, str]]]] = (),
                title: str | None = None) -> Card:
    """The end-of-day summary: the team rate, who did how many, neglected sections, notes
    and the answers to the day's questions.

    `figures` is `cogs.routine.stats.period_stats` for that one day; `off` holds the
    keys of members off that day; `answers`: each question's text with its (name,
    answer) pairs; `title` names the routine when the co-op has several.
    """
    lines = [t("routine.review.rate", rate=format_percent(figures["completion_rate"], language),
               done=figures["done"], possible=figures["possible"])]
    if figures["done"] == 0:
        lines.append(t("routine.review.nobody"))
    lines.append(t("routine.review.who"))
    for member in figures["members"]:
        if member["user_key"] in off and not member["done"]:
            lines.append("  " + t("routine.review.member_off", name=member["name"]))
            continue
        streak = t("routine.review.streak", days=member["streak"]) if member["streak"] else ""
        total = member["possible"] // max(figures["days"], 1)
        lines.append("  " + t("routine.review.member", name=member["name"], done=member["done"],
                              total=total, streak=streak))
    low = neglected_sections(figures["sections"])
    if low:
        shown = ", ".join(f"{s['title']} ({format_percent(s['rate'], language)})" for s in low)
        lines.append(t("routine.review.neglected", sections=shown))
    else:
        lines.append(t("routine.review.none_neglected"))
    if notes:
        lines.append(t("routine.review.notes"))
        lines += ["  " + t("routine.review.note", name=n.name, action=n.action, note=n.text)
                  for n in notes[:MAX_REVIEW_NOTES]]
        if len(notes) > MAX_REVIEW_NOTES:
            lines.append("  " + t("routine.review.more_notes",
                                  count=len(notes) - MAX_REVIEW_NOTES))
    for question, given in answers:
        lines.append(t("routine.review.question", question=question))
        lines += ["  " + t("routine.review.answer", name=name, answer=answer)
                  for name, answer in given] or ["  " + t("routine.review.no_answer")]
    return Card(named_heading(t("routine.review.title", day=format_day(day, language)), title),
                "\n".join(lines))


def named_heading(heading: str, title: str | None) -> str:
    """A card's heading, followed by its routine's title when there are several."""
    return f"{heading} · {title}" if title else heading
