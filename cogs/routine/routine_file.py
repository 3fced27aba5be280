"""Routine files: the daily checklist, written in YAML by community managers.

A routine file is read like a charter: every mistake is refused as
`PATH:LINE:COL: what is wrong, what was expected`, and the bot keeps the last
valid routine (see `/routine reload`). The shape:

    name: 20-actions                 # identity of the routine: history and streaks
    title: Les 20 actions quotidiennes
    language: fr                     # optional
    sections:
      - id: twitter
        title: Twitter / X
        actions:
          - id: tw-reply             # used by `/routine done tw-reply` and in button ids
            label: Répondre à des conversations du fil   # the button text
            target: 5                # optional: "5 replies"
            hint: Une réponse argumentée, pas un « bravo ».  # optional
    questions:                       # optional: free-text answers, in the day's review
      - id: publie
        text: Qu'avez-vous publié hier ?

Ids are lowercase words joined by '-': they travel inside button action ids
(`routine:tick:2026-11-23:tw-reply`), so they may not hold ':' or spaces, and a
label is short because it is a button's text (Discord allows 80 characters,
Slack 75). A section holds at most `MAX_SECTION_ACTIONS` actions so that, when
the whole routine does not fit one message, each section's card still fits the
25 buttons a Discord message or a Slack actions block allows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.located import fields
from bot.located.yamlsrc import (
    LocatedDict,
    LocatedList,
    SourceError,
    Where,
    load_yaml_file,
    unknown_key_message,
)
from bot.phrases import Phrase

TOP_KEYS = ("name", "title", "language", "sections", "questions")
QUESTION_KEYS = ("id", "text")
#: Questions a routine may ask each day (Geekbot-style), and an answer's length.
MAX_QUESTIONS = 5
MAX_QUESTION = 200
SECTION_KEYS = ("id", "title", "actions")
ACTION_KEYS = ("id", "label", "target", "hint")

#: The buttons one message may carry on Discord (5 rows of 5) and in a Slack actions block.
MAX_BUTTONS = 25
#: Buttons every card adds after the actions: "Note" and "My day".
EXTRA_BUTTONS = 2
MAX_SECTION_ACTIONS = MAX_BUTTONS - EXTRA_BUTTONS
MAX_ACTIONS = 100
MAX_LABEL = 50
MAX_HINT = 300
MAX_TITLE = 80

_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,39}$")
_SECTION_ID = Phrase("section id")
_ACTION_ID = Phrase("action id")
_QUESTION_ID = Phrase("question id")
_LANGUAGE = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")


@dataclass(frozen=True, slots=True)
class Action:
    id: str
    label: str
    section: str
    target: int | None = None
    hint: str | None = None


@dataclass(frozen=True, slots=True)
class Section:
    id: str
    title: str
    actions: tuple[Action, ...]


@dataclass(frozen=True, slots=True)
class Question:
    """A free-text question of the day ("Qu'avez-vous publié hier ?")."""

    id: str
    text: str


@dataclass(frozen=True, slots=True)
class RoutineFile:
    """A validated routine: sections of actions, in the order they are shown, and the
    day's free-text questions."""

    name: str
    title: str
    sections: tuple[Section, ...]
    path: Path
    language: str | None = None
    questions: tuple[Question, ...] = ()

    def question(self, question_id: str) -> Question | None:
        return next((q for q in self.questions if q.id == question_id), None)

    @property
    def actions(self) -> tuple[Action, ...]:
        return tuple(a for s in self.sections for a in s.actions)

    def action(self, action_id: str) -> Action | None:
        for action in self.actions:
            if action.id == action_id:
                return action
        return None

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)

    def number(self, action_id: str) -> int:
        """1-based position of an action (the button number in the console)."""
        return [a.id for a in self.actions].index(action_id) + 1

    def snapshot(self) -> list[list[object]]:
        """What the day's prompt showed, stored with it: [[section, title, [ids]], ...].

        Statistics are computed from these snapshots, so a routine edited later
        does not rewrite the completion rates of past days.
        """
        return [[s.id, s.title, [a.id for a in s.actions]] for s in self.sections]


def load_routine(path: Path) -> RoutineFile:
    """Read and validate a routine file; raises SourceError (`PATH:LINE:COL: ...`)."""
    raw = load_yaml_file(path)
    top_where = Where(str(path), 1, 1)
    if raw is None:
        raise SourceError(top_where, "the routine is empty; it needs 'name', 'title' and "
                          "'sections'")
    raw = fields.require_mapping(raw, top_where, Phrase("a routine"))
    _check_keys(raw, TOP_KEYS, Phrase("a routine"))
    name = _identifier(raw, "name", Phrase("routine name"))
    title = _short_text(raw, "title", MAX_TITLE)
    language = fields.text(raw, "language")
    if language is not None and not _LANGUAGE.match(language):
        raise SourceError(raw.where("language"), "'language' must be a language tag such as "
                          "fr or en, got '{tag}'", tag=language)
    sections_raw = _list(raw, "sections",
                         Phrase("a list of sections (each starting with '- id: ...')"))
    sections: list[Section] = []
    section_ids: dict[str, Where] = {}
    action_ids: dict[str, Where] = {}
    for index, item in enumerate(sections_raw):
        where = sections_raw.where(index)
        section = fields.require_mapping(item, where, Phrase("each section"))
        sections.append(_section(section, section_ids, action_ids))
    total = sum(len(s.actions) for s in sections)
    if total > MAX_ACTIONS:
        raise SourceError(raw.where("sections"), "a routine holds at most {maximum} actions, "
                          "this one has {total}", maximum=MAX_ACTIONS, total=total)
    questions: list[Question] = []
    if raw.get("questions") is not None:
        questions_raw = _list(raw, "questions",
                              Phrase("a list of questions (each starting with '- id: ...')"))
        if len(questions_raw) > MAX_QUESTIONS:
            raise SourceError(questions_raw.where(MAX_QUESTIONS), "a routine asks at most "
                              "{maximum} questions a day", maximum=MAX_QUESTIONS)
        question_ids: dict[str, Where] = {}
        for index, item in enumerate(questions_raw):
            question = fields.require_mapping(item, questions_raw.where(index),
                                              Phrase("each question"))
            _check_keys(question, QUESTION_KEYS, Phrase("a question"))
            question_id = _identifier(question, "id", _QUESTION_ID)
            _unique(question_id, question.where("id"), question_ids, _QUESTION_ID)
            questions.append(Question(question_id, _short_text(question, "text", MAX_QUESTION)))
    return RoutineFile(name, title, tuple(sections), path, language, tuple(questions))


def _section(raw: LocatedDict, section_ids: dict[str, Where],
             action_ids: dict[str, Where]) -> Section:
    _check_keys(raw, SECTION_KEYS, Phrase("a section"))
    section_id = _identifier(raw, "id", _SECTION_ID)
    _unique(section_id, raw.where("id"), section_ids, _SECTION_ID)
    title = _short_text(raw, "title", MAX_TITLE)
    actions_raw = _list(raw, "actions",
                        Phrase("a list of actions (each starting with '- id: ...')"))
    if len(actions_raw) > MAX_SECTION_ACTIONS:
        raise SourceError(actions_raw.where(MAX_SECTION_ACTIONS),
                          "a section holds at most {maximum} actions (a card carries {buttons} "
                          "buttons); split section '{section}'", maximum=MAX_SECTION_ACTIONS,
                          buttons=MAX_BUTTONS, section=section_id)
    actions = []
    for index, item in enumerate(actions_raw):
        action = fields.require_mapping(item, actions_raw.where(index), Phrase("each action"))
        actions.append(_action(action, section_id, action_ids))
    return Section(section_id, title, tuple(actions))


def _action(raw: LocatedDict, section_id: str, action_ids: dict[str, Where]) -> Action:
    _check_keys(raw, ACTION_KEYS, Phrase("an action"))
    action_id = _identifier(raw, "id", _ACTION_ID)
    _unique(action_id, raw.where("id"), action_ids, _ACTION_ID)
    label = _short_text(raw, "label", MAX_LABEL)
    target = fields.integer(raw, "target", minimum=1, maximum=1000)
    hint = None
    if "hint" in raw:
        hint = _short_text(raw, "hint", MAX_HINT)
    return Action(action_id, label, section_id, target, hint)


def _check_keys(raw: LocatedDict, known: tuple[str, ...], what: Phrase) -> None:
    for key in raw:
        if key not in known:
            raise SourceError(raw.where_key(key), unknown_key_message(key, known, what))


def _identifier(raw: LocatedDict, key: str, what: Phrase) -> str:
    value = fields.text(raw, key, required=True)
    assert value is not None
    if not _ID.match(value):
        raise SourceError(raw.where(key), "{what} '{value}' must be lowercase letters, digits "
                          "and '-' (at most 40, e.g. tw-reply): it is typed in commands and "
                          "carried by buttons", what=what, value=value)
    return value


def _short_text(raw: LocatedDict, key: str, maximum: int) -> str:
    value = fields.text(raw, key, required=True)
    assert value is not None
    value = " ".join(value.split())
    if not value:
        raise SourceError(raw.where(key), "'{key}' must not be empty", key=key)
    if len(value) > maximum:
        raise SourceError(raw.where(key), "'{key}' must be at most {maximum} characters, got "
                          "{length}", key=key, maximum=maximum, length=len(value))
    return value


def _list(raw: LocatedDict, key: str, expected: Phrase) -> LocatedList:
    if key not in raw:
        raise SourceError(raw.where_self, "missing required key '{key}' ({expected})", key=key,
                          expected=expected)
    value = raw[key]
    if not isinstance(value, LocatedList):
        raise SourceError(raw.where(key), "'{key}' must be {expected}, got {got}", key=key,
                          expected=expected, got=fields.describe(value))
    if not value:
        raise SourceError(raw.where(key), "'{key}' must not be empty", key=key)
    return value


def _unique(value: str, where: Where, seen: dict[str, Where], what: Phrase) -> None:
    """Refuse an id used before; `what` names it ("section id")."""
    if value in seen:
        raise SourceError(where, "{what} '{value}' is already used at line {line}; ids must be "
                          "unique", what=what, value=value, line=seen[value].line)
    seen[value] = where
