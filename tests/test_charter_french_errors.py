"""The errors of charter files in French, as a French author reads them, through real
charter files; the English stays as it was.

French typography is part of the line: a narrow no-break space (N) before ; ? and
inside « », a no-break space (NB) before :.
"""

from __future__ import annotations

import string
from pathlib import Path

import pytest

from bot.charter import CharterLibrary
from bot.charter.kinds import KINDS
from bot.charter.phrases_fr import FRENCH
from bot.located.yamlsrc import SourceError
from bot.phrases import render

N = "\u202f"
NB = "\u00a0"


def load_error(tmp_path: Path, body: str, name: str | None = None,
               filename: str = "test.yaml") -> SourceError:
    """The error loading `body` (written to `filename`) raises, or loading `name`."""
    path = tmp_path / filename
    path.write_text(body, encoding="utf-8")
    with pytest.raises(SourceError) as caught:
        CharterLibrary([tmp_path]).load(name or str(path))
    return caught.value


def lines(tmp_path: Path, error: SourceError) -> tuple[str, str]:
    """(English, French) of `error`, paths relative to `tmp_path`."""
    prefix = str(tmp_path) + "/"
    return str(error).replace(prefix, ""), error.text("fr").replace(prefix, "")


def test_an_unknown_key_with_the_key_that_was_meant(tmp_path: Path) -> None:
    error = load_error(tmp_path, "name: t\nrules:\n  - id: a\n    kind: forbidden\n"
                                 "    wrods: [x]\n")
    assert lines(tmp_path, error) == (
        "test.yaml:5:5: unknown key 'wrods' in a 'forbidden' rule; did you mean 'words'?",
        f"test.yaml:5:5: clé inconnue «{N}wrods{N}» dans une règle «{N}forbidden{N}»{N}; "
        f"vouliez-vous dire «{N}words{N}»{N}?")


def test_an_unknown_top_level_key_and_a_charter_that_is_not_a_mapping(tmp_path: Path) -> None:
    error = load_error(tmp_path, "name: t\nrule:\n  - id: a\n")
    assert lines(tmp_path, error) == (
        "test.yaml:2:1: unknown key 'rule' in a charter; did you mean 'rules'?",
        f"test.yaml:2:1: clé inconnue «{N}rule{N}» dans la charte{N}; vouliez-vous dire "
        f"«{N}rules{N}»{N}?")
    error = load_error(tmp_path, "- a\n- b\n")
    assert lines(tmp_path, error) == (
        "test.yaml:1:1: a charter must be a mapping of keys, got a list",
        f"test.yaml:1:1: la charte doit être une table de clés, trouvé{NB}: une liste")


def test_a_regex_the_linear_time_engine_refuses(tmp_path: Path) -> None:
    error = load_error(tmp_path, "name: t\nrules:\n  - id: a\n    kind: pattern\n"
                                 "    regex: '(?<!a)(a)\\1'\n")
    assert lines(tmp_path, error) == (
        "test.yaml:5:12: regex refused by the linear-time engine (RE2): it uses negative "
        "look-behind (?<!…), backreference (\\1, (?P=name)); rewrite it without that construct",
        f"test.yaml:5:12: regex refusée par le moteur en temps linéaire (RE2){NB}: elle utilise "
        f"assertion arrière négative (?<!…), référence arrière (\\1, (?P=nom)){N}; réécrivez-la "
        "sans cette construction")


def test_an_invalid_regex_quotes_the_engine_as_it_is(tmp_path: Path) -> None:
    error = load_error(tmp_path, "name: t\nrules:\n  - id: a\n    kind: pattern\n"
                                 "    regex: '(unclosed'\n")
    assert lines(tmp_path, error) == (
        "test.yaml:5:12: invalid regex: missing ): (unclosed",
        f"test.yaml:5:12: regex invalide{NB}: missing ): (unclosed")


def test_an_unknown_kind_and_a_rule_without_one(tmp_path: Path) -> None:
    kinds = ", ".join(KINDS)
    error = load_error(tmp_path, "name: t\nrules:\n  - id: a\n    kind: forbiden\n"
                                 "    words: [x]\n")
    assert lines(tmp_path, error) == (
        f"test.yaml:4:11: 'kind' must be one of {kinds}, got 'forbiden'; did you mean "
        "'forbidden'?",
        f"test.yaml:4:11: «{N}kind{N}» doit être l'une des valeurs {kinds} (trouvé{NB}: "
        f"«{N}forbiden{N}»){N}; vouliez-vous dire «{N}forbidden{N}»{N}?")
    error = load_error(tmp_path, "name: t\nrules:\n  - id: a\n    enabled: false\n")
    assert lines(tmp_path, error) == (
        f"test.yaml:3:5: rule 'a' has no 'kind' (one of: {kinds}); only a rule overriding a "
        "parent's rule of the same id may leave it out",
        f"test.yaml:3:5: la règle «{N}a{N}» n'a pas de «{N}kind{N}» (valeurs possibles{NB}: "
        f"{kinds}){N}; seule une règle qui redéfinit la règle de même identifiant d'une charte "
        "parente peut s'en passer")


def test_an_unknown_charter_in_extends(tmp_path: Path) -> None:
    error = load_error(tmp_path, "name: t\nextends: [nope]\n")
    assert lines(tmp_path, error) == (
        "test.yaml:2:11: unknown charter 'nope' in extends (known: none)",
        f"test.yaml:2:11: charte inconnue «{N}nope{N}» dans extends (noms connus{NB}: aucun)")


def test_an_unknown_charter_by_name_with_the_files_that_could_not_be_read(
        tmp_path: Path) -> None:
    (tmp_path / "broken.yaml").write_text("name: [oops\n", encoding="utf-8")
    error = load_error(tmp_path, "name: coop\n", name="cop", filename="coop.yaml")
    assert lines(tmp_path, error) == (
        "unknown charter 'cop'; did you mean 'coop'? (known: coop); 1 charter file could not "
        "be read, the first: broken.yaml:2:1: invalid YAML: did not find expected ',' or ']'",
        f"charte inconnue «{N}cop{N}»{N}; vouliez-vous dire «{N}coop{N}»{N}? (noms "
        f"connus{NB}: coop){N}; 1 fichier de charte illisible, le premier{NB}: "
        f"broken.yaml:2:1: YAML invalide{NB}: did not find expected ',' or ']'")
    (tmp_path / "broken-too.yaml").write_text("rules: [\n", encoding="utf-8")
    _, french = lines(tmp_path, load_error(tmp_path, "name: coop\n", name="coop-fr",
                                           filename="coop.yaml"))
    assert f"{N}; 2 fichiers de charte illisibles, le premier{NB}: broken-too.yaml:" in french


def test_examples_a_rule_fails_are_all_reported_in_french(tmp_path: Path) -> None:
    error = load_error(tmp_path, "name: t\nrules:\n  - id: a\n    kind: forbidden\n"
                                 "    words: [x]\n    examples:\n      bad: [propre]\n"
                                 "      good: [un x ici]\n")
    assert lines(tmp_path, error) == (
        "test.yaml:7:13: rule 'a' should report this bad example but finds nothing in it "
        "(checked as chat)\n"
        "test.yaml:8:14: rule 'a' reports this good example: 'x' at 3-4 (« x » n'a pas sa "
        "place ici (charte).)",
        # The finding's message is the charter's own words (a French charter here).
        f"test.yaml:7:13: la règle «{N}a{N}» devrait signaler ce mauvais exemple mais n'y "
        "trouve rien (vérifié dans le contexte chat)\n"
        f"test.yaml:8:14: la règle «{N}a{N}» signale ce bon exemple{NB}: «{N}x{N}» aux "
        "positions 3-4 (« x » n'a pas sa place ici (charte).)")


def test_a_bad_example_checked_for_several_networks(tmp_path: Path) -> None:
    error = load_error(tmp_path, "name: t\nrules:\n  - id: a\n    kind: forbidden\n"
                                 "    words: [x]\n    networks: [twitter, linkedin]\n"
                                 "    examples:\n      bad: [propre]\n")
    assert lines(tmp_path, error) == (
        "test.yaml:8:13: rule 'a' should report this bad example but finds nothing in it "
        "(checked as draft for linkedin or draft for twitter)",
        f"test.yaml:8:13: la règle «{N}a{N}» devrait signaler ce mauvais exemple mais n'y "
        "trouve rien (vérifié dans le contexte draft pour linkedin ou draft pour twitter)")


def test_a_placeholder_the_rule_cannot_fill_keeps_its_braces(tmp_path: Path) -> None:
    error = load_error(tmp_path, "name: t\nrules:\n  - id: a\n    kind: forbidden\n"
                                 "    words: [x]\n    message: 'Non {mot}'\n")
    assert lines(tmp_path, error) == (
        "test.yaml:6:14: unknown placeholder {mot} in message; this rule can use {match}, "
        "{suggestion}",
        f"test.yaml:6:14: variable {{mot}} inconnue dans le message{N}; cette règle peut "
        "utiliser {match}, {suggestion}")
    error = load_error(tmp_path, "name: t\nrules:\n  - id: a\n    kind: forbidden\n"
                                 "    words: [x]\n    message: 'Non {'\n")
    english, french = lines(tmp_path, error)
    assert english.endswith("; write {{ and }} for literal braces")
    assert french.endswith(f"{N}; écrivez {{{{ et }}}} pour des accolades littérales")


def test_a_word_list_the_charter_does_not_define(tmp_path: Path) -> None:
    error = load_error(tmp_path, "name: t\nlists:\n  insultes: [a]\nrules:\n  - id: a\n"
                                 "    kind: forbidden\n    words: ['@insulte']\n")
    assert lines(tmp_path, error) == (
        "test.yaml:7:13: unknown word list '@insulte'; did you mean '@insultes'?",
        f"test.yaml:7:13: liste de mots inconnue «{N}@insulte{N}»{N}; vouliez-vous dire "
        f"«{N}@insultes{N}»{N}?")


def _sample(template: str) -> dict[str, str]:
    return {name: "v" for _, name, _, _ in string.Formatter().parse(template) if name}


@pytest.mark.parametrize("english", sorted(FRENCH))
def test_every_french_template_renders(english: str) -> None:
    values = _sample(english)
    assert render(english, values, "fr")
    assert render(english, values, "en")
