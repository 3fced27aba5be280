"""The evasion view reads what people type to get past a filter, and only that: masks,
symbols inside a word, pieces, drawn letters, letter look-alikes; never decimal
numbers, road names, format placeholders or a daemon's name."""

from __future__ import annotations

import pytest

from bot.charter import CharterLibrary, bundled_charters_dir


@pytest.fixture(scope="module")
def coop():
    return CharterLibrary([bundled_charters_dir()]).load("coop-fr")


def found(charter, text: str) -> list[tuple[str, str]]:
    findings = charter.check(text, "chat")
    for finding in findings:
        assert text[finding.start:finding.end] == finding.match
    return [(f.rule, f.match) for f in findings]


@pytest.mark.parametrize(("text", "matched"), [
    ("t'es qu'une p*te", "p*te"),               # masking characters
    ("enc*lé va", "enc*lé"),
    ("quel c**nard", "c**nard"),
    ("espèce de con😂nard", "con😂nard"),        # emoji inside a word
    ("sal-ope", "sal-ope"),                     # pieces glued by punctuation
    ("sal ope", "sal ope"),                     # a piece that is no word
    ("con.nard", "con.nard"),
    ("t'es un c|_|nt", "c|_|nt"),               # letters drawn with strokes
    ("8itch", "8itch"),
    ("@$$h0le", "@$$h0le"),
    ("@c0nnard", "c0nnard"),                    # a mention-like @ stays a mention
    ("f u c k  y o u", "f u c k  y o u"),       # a phrase spelt out
    ("filsdepute", "filsdepute"),               # a phrase written as one word
    ("🅲🅾🅽🅽🅰🆁🅳", "🅲🅾🅽🅽🅰🆁🅳"),                # negative squared letters
    ("🅒🅞🅝🅝🅐🅡🅓", "🅒🅞🅝🅝🅐🅡🅓"),                # negative circled letters
    ("🇨🇴🇳🇳🇦🇷🇩", "🇨🇴🇳🇳🇦🇷🇩"),                # regional indicators
    ("ᴄᴏɴɴᴀʀᴅ", "ᴄᴏɴɴᴀʀᴅ"),                     # small capitals
    ("ϲοηηαrd", "ϲοηηαrd"),                     # Greek look-alikes (ϲ, ο, η, α)
    ("ftg", "ftg"),                             # chat slang and verlan
    ("sale tepu", "tepu"),
    ("nik ta mère", "nik ta mère"),
    ("f*ck you", "f*ck you"),                   # a masked word inside a phrase
    ("ferme t* gueule", "ferme t* gueule"),     # a star ending a word of a phrase
])
def test_evasions_are_found(coop, text: str, matched: str) -> None:
    # The insult is blocked, whatever else the text shows (mixed scripts: texte-deguise)
    assert ("insultes", matched) in found(coop, text)


@pytest.mark.parametrize("text", [
    "La TVA passe à 5,5 % au 1er janvier.",     # a letter and a decimal number
    "Bouchon sur l'A55 à hauteur de Marseille.",  # a road name
    "La RN12 est fermée, prenez la B52.",
    "Erreur : « %s » : %m",                     # format placeholders
    "Le démon pppd ne démarre plus.",           # a two-letter term is not stretched
    "On part en bas, tard le soir.",            # two words, not a word cut in two
    "Le texte en *gras* et en **très gras**.",  # Markdown stars at a word's edges
    "Le *ta* de la note et st*r wars.",         # a mask that fits no phrase around it
    "@marie.cuisine @jean_dupont merci !",
])
def test_ordinary_text_is_not_read_as_an_evasion(coop, text: str) -> None:
    assert found(coop, text) == []
