"""French typography: what a French reader expects around ; ! ? : and « »."""

from __future__ import annotations

from bot.i18n import Catalog, Translator
from bot.messages import MESSAGES
from bot.typography import NARROW_NBSP, NBSP, french, plain


def test_french_spacing_before_tall_punctuation_and_inside_quotes():
    assert french("Bravo ! Prêt ? Oui ; « non » : peut-être.") == (
        f"Bravo{NARROW_NBSP}! Prêt{NARROW_NBSP}? Oui{NARROW_NBSP}; «{NARROW_NBSP}non"
        f"{NARROW_NBSP}»{NBSP}: peut-être.")
    # Not a colon of its own: a console command, a time, a link.
    assert french("Tapez :help à 14:30 sur https://x.fr") == "Tapez :help à 14:30 sur https://x.fr"
    assert plain(french("Oui ; non !")) == "Oui ; non !"


def test_french_messages_are_rendered_with_it_and_peoples_words_are_not():
    catalog = Catalog()
    catalog.add(MESSAGES)
    fr, en = Translator(catalog, "fr"), Translator(catalog, "en")
    assert f"survenue{NARROW_NBSP}; rien" in fr("host.failed")
    assert NARROW_NBSP not in en("host.failed")
    said = fr("time.ambiguous", value="lundi ; mardi", first="a", second="b")
    assert said.startswith(f"«{NARROW_NBSP}lundi ; mardi{NARROW_NBSP}»")  # the value as typed


def test_real_plurals_instead_of_s_in_brackets():
    catalog = Catalog()
    catalog.add({"t.found": {"fr": "{count} remarque(s) sur {rules} règle(s) active(s)",
                             "en": "{count} finding(s) in {rules} active rule(s)"}})
    fr, en = Translator(catalog, "fr"), Translator(catalog, "en")
    assert fr("t.found", count=0, rules=1) == "0 remarque sur 1 règle active"  # French: 0 is one
    assert fr("t.found", count=2, rules=12) == "2 remarques sur 12 règles actives"
    assert en("t.found", count=0, rules=1) == "0 findings in 1 active rule"
    assert en("t.found", count=1, rules=3) == "1 finding in 3 active rules"


def test_the_first_of_the_month_is_1er_in_french():
    from datetime import date

    from cogs.routine.messages import format_day

    assert format_day(date(2026, 12, 1), "fr") == "mardi 1er décembre"
    assert format_day(date(2026, 12, 2), "fr") == "mercredi 2 décembre"
    assert format_day(date(2026, 12, 1), "en") == "Tuesday 1 December"
