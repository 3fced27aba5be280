"""The `grammar` rule kind: Grammalecte on French drafts, and a plain "off" without it.

Grammalecte comes from the system's packages (python3-grammalecte); CI installs it
and sets GARANT_REQUIRE_GRAMMALECTE=1, so there these tests run, never skip.
"""

from __future__ import annotations

import os
import sys

import pytest

from bot.charter import fixed
from bot.charter.kinds import grammar
from bot.located.yamlsrc import SourceError

RULE = """
- id: grammaire
  kind: grammar
  applies_to: [draft]
"""


@pytest.fixture
def grammalecte() -> None:
    try:
        grammar.checker()
    except grammar.GrammarUnavailable:  # pragma: no cover - depends on the machine
        if os.environ.get("GARANT_REQUIRE_GRAMMALECTE"):
            pytest.fail("Grammalecte is required here (apt install python3-grammalecte)")
        pytest.skip("Grammalecte is not installed")


def found(charter, text: str) -> list[tuple[str, str | None]]:
    return [(f.match, f.fix) for f in charter.check(text, "draft", None)]


def test_agreement_conjugation_and_homophones_with_their_fixes(grammalecte, make_charter
                                                               ) -> None:
    charter = make_charter(RULE)
    text = "Venez goûté nos tartes. Nous sommes fière de l’équipe. Réservez dés maintenant."
    assert found(charter, text) == [("goûté", "goûter"), ("fière", "fières"), ("dés", "dès")]
    finding = charter.check(text, "draft", None)[0]
    assert finding.message == ("Grammaire : S’il s’agit d’une action à accomplir, le verbe "
                               "devrait être à l’infinitif. → « goûter »")
    assert fixed(text, charter.check(text, "draft", None)) == (
        "Venez goûter nos tartes. Nous sommes fières de l’équipe. Réservez dès maintenant.")


def test_typography_and_links_are_left_to_others(grammalecte, make_charter) -> None:
    charter = make_charter(RULE)
    # Grammalecte's own typography options are off (the typography kind has them).
    assert found(charter, "Merci à tous ! Rendez-vous à 18h : https://ex.fr/a?b=c l'équipe") == []


def test_a_grammar_rule_needs_a_french_charter(make_charter) -> None:
    with pytest.raises(SourceError) as error:
        make_charter(RULE, header="name: test\nlanguage: en\n")
    assert "the grammar kind checks French; this charter's language is en" in str(error.value)


def test_without_grammalecte_the_rule_is_off_and_says_why(make_charter, monkeypatch) -> None:
    monkeypatch.setitem(sys.modules, "grammalecte", None)  # not importable...
    monkeypatch.setattr(grammar, "SYSTEM_PLACES", ())  # ...nor installed by the system
    monkeypatch.delenv("GARANT_GRAMMALECTE", raising=False)
    grammar.checker.cache_clear()
    try:
        charter = make_charter(RULE)
        assert found(charter, "Venez goûté nos tartes.") == []  # loads, checks nothing
        ((rule, reason),) = charter.off()
        assert rule.id == "grammaire"
        assert reason.render("en") == ("Grammalecte is not installed (apt install "
                                       "python3-grammalecte, or GARANT_GRAMMALECTE=the "
                                       "directory holding it)")
    finally:
        grammar.checker.cache_clear()
