"""The `typography` rule kind: French typography, each finding with its fix."""

from __future__ import annotations

import pytest

from bot.charter import fixed as with_fixes
from bot.located.yamlsrc import SourceError

NNBSP, NBSP = "\u202f", "\u00a0"

RULE = """
- id: typo
  kind: typography
  applies_to: [draft]
"""


def fixed(charter, text: str) -> str:
    return with_fixes(text, charter.check(text, "draft", None))


def test_french_spacing_quotes_and_ellipsis_are_fixed(make_charter) -> None:
    charter = make_charter(RULE)
    text = 'Bonjour! Venez voir : "super" et «génial»... Vraiment ?'
    assert fixed(charter, text) == (
        f"Bonjour{NNBSP}! Venez voir{NBSP}: «{NNBSP}super{NNBSP}» et «{NNBSP}génial{NNBSP}»… "
        f"Vraiment{NNBSP}?")
    finding = charter.check("Bonjour!", "draft", None)[0]
    assert (finding.match, finding.suggestion) == ("!", f"{NNBSP}!")
    assert finding.message == f"Typographie : espace insécable avant « ! » (« {NNBSP}! »)."
    assert finding.action == "suggest"


def test_spaces_capitals_and_one_plural(make_charter) -> None:
    charter = make_charter(RULE)
    assert fixed(charter, "Nos soldes  commencent , enfin. venez vite : 1 modifications.") \
        == f"Nos soldes commencent, enfin. Venez vite{NBSP}: 1 modification."
    # what is not a mistake stays as written
    clean = ("1 fois par mois, etc. et M. Dupont vous attend. 3 articles… "
             f"Offre à 9,90 €{NNBSP}!")
    assert charter.check(clean, "draft", None) == []


def test_links_addresses_tags_times_and_emoticons_are_not_prose(make_charter) -> None:
    charter = make_charter(RULE)
    text = ("RDV à 14:30 :) sur https://exemple.fr/promo?code=a!b ou #soldes!! "
            "écrivez à contact@exemple.fr ; `a;b`")
    findings = charter.check(text, "draft", None)
    assert [(f.match, f.suggestion) for f in findings] == [("!!", f"{NNBSP}!!"),
                                                            (" ;", f"{NNBSP};")]


def test_the_apostrophe_is_checked_only_in_the_house_style_asked(make_charter) -> None:
    assert make_charter(RULE).check("L'équipe vous attend.", "draft", None) == []
    curly = make_charter(RULE + '  apostrophe: "’"\n')
    assert fixed(curly, "L'équipe d’été vous attend.") == "L’équipe d’été vous attend."
    straight = make_charter(RULE + "  apostrophe: \"'\"\n")
    assert fixed(straight, "L'équipe d’été vous attend.") == "L'équipe d'été vous attend."


def test_a_check_is_switched_off_per_charter(make_charter) -> None:
    charter = make_charter(RULE + "  checks:\n    capital: false\n    spacing: false\n")
    assert charter.check("Fini. merci!", "draft", None) == []


def test_an_unknown_check_is_refused_in_both_languages(make_charter) -> None:
    with pytest.raises(SourceError) as error:
        make_charter(RULE + "  checks:\n    capitale: false\n")
    assert error.value.message == ("unknown typography check 'capitale'; did you mean "
                                   "'capital'? (the checks: spacing, guillemets, quotes, "
                                   "ellipsis, apostrophe, double_space, space_before, capital, "
                                   "number)")
    assert "vérification typographique « capitale » inconnue" in error.value.text("fr").replace(
        NNBSP, " ")


def test_garant_own_french_passes_its_typography_rule(make_charter) -> None:
    """Every French text of the chat catalogue, as rendered, has nothing for the rule to fix
    (the catalogue is typed with plain spaces; the renderer puts the right ones)."""
    from bot.i18n import Catalog
    from bot.messages import MESSAGES

    charter = make_charter(RULE + "  checks:\n    capital: false\n    number: false\n")
    catalog = Catalog()
    catalog.add(MESSAGES)
    import importlib
    import pkgutil

    import cogs
    for info in pkgutil.iter_modules(cogs.__path__):
        try:
            module = importlib.import_module(f"cogs.{info.name}.messages")
        except ModuleNotFoundError:
            continue
        catalog.add(module.MESSAGES)
    wrong = []
    keys = catalog.keys()
    for key in keys:
        text = catalog.prepared("fr", key)
        findings = charter.check(text, "draft", None)
        if findings:
            wrong.append(f"{key}: {[(f.match, f.suggestion) for f in findings]}")
    assert wrong == [], "\n".join(wrong)
