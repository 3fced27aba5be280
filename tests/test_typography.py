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
