"""Routine files: the bundled lists, and the errors their authors get."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from bot.charter import bundled_charters_dir
from bot.located.yamlsrc import SourceError
from cogs.routine.routine_file import MAX_LABEL, load_routine

ROUTINES = bundled_charters_dir() / "routines"


def test_the_bundled_routines_hold_20_actions_in_five_sections() -> None:
    french = load_routine(ROUTINES / "20-actions.fr.yaml")
    english = load_routine(ROUTINES / "20-actions.en.yaml")
    for routine in (french, english):
        assert routine.name == "20-actions"
        assert [s.id for s in routine.sections] == ["twitter", "facebook", "linkedin", "blogs",
                                                    "stats"]
        assert len(routine.actions) == 20
        assert all(len(a.label) <= MAX_LABEL and a.hint for a in routine.actions)
    # Same ids in both languages: switching language keeps history and streaks.
    assert [a.id for a in french.actions] == [a.id for a in english.actions]
    assert [a.target for a in french.actions] == [a.target for a in english.actions]
    assert french.action("tw-reply").target == 5
    assert french.number("tw-reply") == 2
    assert english.section("stats").title == "Statistics"


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "r.yaml"
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return path


GOOD_SECTION = """\
sections:
  - id: twitter
    title: Twitter
    actions:
      - id: tw-reply
        label: Répondre
"""


@pytest.mark.parametrize("body, expected", [
    ("name: r\ntitle: R\nsection: []\n",
     "r.yaml:3:1: unknown key 'section' in a routine; did you mean 'sections'?"),
    ("title: R\n" + GOOD_SECTION, "r.yaml:1:1: missing required key 'name'"),
    ("name: Mon Routine\ntitle: R\n" + GOOD_SECTION,
     "r.yaml:1:7: routine name 'Mon Routine' must be lowercase letters, digits and '-'"),
    ("name: r\ntitle: R\nsections: []\n", "r.yaml:3:11: 'sections' must not be empty"),
    ("name: r\ntitle: R\nsections:\n  twitter: []\n",
     "r.yaml:4:3: 'sections' must be a list of sections (each starting with '- id: ...'), "
     "got a mapping"),
    ("name: r\ntitle: R\nsections:\n  - id: tw\n    title: T\n    actions:\n"
     "      - id: tw:reply\n        label: x\n",
     "r.yaml:7:13: action id 'tw:reply' must be lowercase letters, digits and '-'"),
    ("name: r\ntitle: R\nsections:\n  - id: tw\n    title: T\n    actions:\n"
     "      - id: a\n        label: x\n      - id: a\n        label: y\n",
     "r.yaml:9:13: action id 'a' is already used at line 7; ids must be unique"),
    ("name: r\ntitle: R\nsections:\n  - id: tw\n    title: T\n    actions:\n"
     "      - id: a\n        label: x\n        target: cinq\n",
     "r.yaml:9:17: 'target' must be a whole number, got 'cinq'"),
    ("name: r\ntitle: R\nsections:\n  - id: tw\n    title: T\n    actions:\n"
     "      - id: a\n        label: x\n        target: 0\n",
     "r.yaml:9:17: 'target' must be between 1 and 1000, got 0"),
    ("name: r\ntitle: R\nsections:\n  - id: tw\n    title: T\n    actions:\n"
     "      - id: a\n        lable: x\n",
     "r.yaml:8:9: unknown key 'lable' in an action; did you mean 'label'?"),
    ("name: r\ntitle: R\nsections:\n  - id: tw\n    title: T\n    actions:\n"
     "      - id: a\n        label: " + "x" * 51 + "\n",
     "r.yaml:8:16: 'label' must be at most 50 characters, got 51"),
    ("name: r\ntitle: R\nsections:\n  - id: tw\n    title: T\n    actions:\n"
     "      - id: a\n",
     "r.yaml:7:9: missing required key 'label'"),
    ("name: r\ntitle: R\nsections:\n  - id: tw\n    title: T\n    actions:\n"
     "      - id: a\n        label: yes\n",
     "r.yaml:8:16: 'label' must be text, got true/false"),
    ("name: r\ntitle: R\nsections:\n  - id: tw\n    title: T\n  - id: tw\n    title: U\n",
     "r.yaml:4:5: missing required key 'actions' (a list of actions"),
    ("name: r\ntitle: R\nsections: [\n", "r.yaml:4:1: invalid YAML"),
    ("", "r.yaml:1:1: the routine is empty"),
])
def test_mistakes_are_reported_at_their_place(tmp_path, body, expected) -> None:
    with pytest.raises(SourceError) as caught:
        load_routine(write(tmp_path, body))
    assert str(caught.value).replace(str(tmp_path) + "/", "").startswith(expected)


def test_a_section_holds_at_most_23_actions(tmp_path) -> None:
    actions = "".join(f"      - id: a{i}\n        label: Action {i}\n" for i in range(24))
    path = write(tmp_path, "name: r\ntitle: R\nsections:\n  - id: big\n    title: Big\n"
                           "    actions:\n" + actions)
    with pytest.raises(SourceError, match=r"r.yaml:53:9: a section holds at most 23 actions "
                                          r"\(a card carries 25 buttons\); split section 'big'"):
        load_routine(path)


def test_duplicate_sections_are_refused(tmp_path) -> None:
    section = "  - id: tw\n    title: T\n    actions:\n      - id: {id}\n        label: x\n"
    path = write(tmp_path, "name: r\ntitle: R\nsections:\n" + section.format(id="a")
                 + section.format(id="b"))
    with pytest.raises(SourceError, match=r"r.yaml:9:9: section id 'tw' is already used at "
                                          r"line 4"):
        load_routine(path)
