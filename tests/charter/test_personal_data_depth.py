"""Personal data written to dodge filters is still found; numbers that are not about a
person (business identifiers, order and lot numbers, dates, units) are left alone;
link spam is reported."""

from __future__ import annotations

import pytest

from bot.charter import CharterLibrary, bundled_charters_dir
from bot.charter.kinds.personal_data import digits_view, find_phones
from bot.located.yamlsrc import SourceError
from tests.charter.conftest import spans

PERSONAL = """
- id: perso
  kind: personal_data
  detect: [email, phone, iban, card]
"""


@pytest.fixture(scope="module")
def coop():
    return CharterLibrary([bundled_charters_dir()]).load("coop-fr")


@pytest.mark.parametrize("text", [
    "06/12/34/56/78 appelle vite",
    "０６ １２ ３４ ５６ ７８",                      # fullwidth digits
    "𝟎𝟔 𝟏𝟐 𝟑𝟒 𝟓𝟔 𝟕𝟖",                             # mathematical bold digits
    "tél : 06\u00a012\u00a034\u00a056\u00a078",   # no-break spaces
    "FR76\u202f3000\u202f6000\u202f0112\u202f3456\u202f7890\u202f189",
    "FR76.3000.6000.0112.3456.7890.189",
    "carte 5105.1051.0510.5100",
    "carte 4970/1012/3456/7893",
    "４１１１ １１１１ １１１１ １１１１",
])
def test_numbers_in_other_digits_and_separators_are_found(make_charter, text: str) -> None:
    found = spans(make_charter(PERSONAL), text)  # spans() checks the offsets are exact
    assert len(found) == 1
    assert found[0][1].strip() in text


@pytest.mark.parametrize(("text", "address"), [
    ("jean.dupont [at] gmail [point] com", "jean.dupont [at] gmail [point] com"),
    ("écris à sophie arobase orange point fr", "sophie arobase orange point fr"),
    ("sophie[at]orange[dot]fr merci", "sophie[at]orange[dot]fr"),
    ("mail: paul.martin{at}free{dot}fr", "paul.martin{at}free{dot}fr"),
    ("sophie @ orange . fr", "sophie @ orange . fr"),
])
def test_obfuscated_addresses_are_found(make_charter, text: str, address: str) -> None:
    charter = make_charter(PERSONAL)
    assert spans(charter, text) == [("perso", address)]
    assert "adresse e-mail" in charter.check(text, "chat")[0].message


@pytest.mark.parametrize("text", [
    "Meet at noon near the dot com bubble museum.",
    "Rendez-vous le 12/06/2024 à 14 h 30.",
    "SIRET 732 829 320 00074",
    "Notre SIRET : 73282932000074",
    "n° TVA FR 40 303 265 045 ; SIREN 552100554",
    "Commande n° 0123456789 expédiée.",
    "Lot 0123456789 rappelé par le fabricant.",
    "Réf. 0612345678 en rupture de stock.",
    "Coordonnées GPS : 48.8566, 2.3522 ; version 3.11.4",
    "merci @ sofia pour la relecture",
])
def test_numbers_and_words_that_are_not_personal_data(make_charter, text: str) -> None:
    assert spans(make_charter(PERSONAL), text) == []


def test_a_labelled_number_is_not_a_phone_but_a_number_given_to_call_is() -> None:
    assert find_phones("Réf. 0612345678") == []
    assert [s.detail for s in find_phones("appelez le 06 12 34 56 78")] == ["+33612345678"]


def test_international_numbers_are_read_for_their_own_country() -> None:
    assert [s.detail for s in find_phones("Call +44 20 7946 0958 now")] == ["+442079460958"]
    assert [s.detail for s in find_phones("WIN! Call +44 909 879 0000")] == ["+449098790000"]
    assert [s.detail for s in find_phones("0044 20 7946 0958")] == ["+442079460958"]
    assert find_phones("+44 20 7946") == []  # too short for the UK


def test_regions_read_national_numbers_of_other_countries(make_charter) -> None:
    # A British premium number written the British way is not a French number.
    assert spans(make_charter(PERSONAL), "Call 09061701461 now") == []
    charter = make_charter(PERSONAL + "  regions: [FR, GB]\n")
    assert spans(charter, "Call 09061701461 now") == [("perso", "09061701461")]
    assert spans(charter, "Appelez le 06 12 34 56 78") == [("perso", "06 12 34 56 78")]


def test_an_unknown_region_is_a_located_error(make_charter) -> None:
    with pytest.raises(SourceError, match="unknown country code 'XX'"):
        make_charter(PERSONAL + "  regions: [FR, XX]\n")


def test_the_digits_view_keeps_offsets() -> None:
    text = "０６\u00a0１２ 06/12/34/56/78 le 12/06/2024"
    view = digits_view(text)
    assert len(view) == len(text)
    assert view == "06 12 06 12 34 56 78 le 12/06/2024"


@pytest.mark.parametrize("text", [
    "Prenez 50 μg de vitamine D par jour.",
    "Une résistance de 10 kΩ suffit.",
    "ΔT = 5 K entre l'entrée et la sortie.",
    "Un filtre de 2 µm.",
])
def test_units_and_variables_are_not_disguised_text(coop, text: str) -> None:
    assert coop.check(text, "chat") == []


def test_look_alike_letters_inside_a_word_are_still_disguised_text(coop) -> None:
    assert [f.rule for f in coop.check("pаypal", "chat")] == ["texte-deguise"]


LINKS = """
- id: liens
  kind: links
  spam_words: [casino, spelautomat]
  foreign_anchors: 2
"""


def test_spam_words_in_an_address_or_its_text_are_reported(make_charter) -> None:
    charter = make_charter(LINKS)
    text = ("http://www.lrcatering.fi/?art=Golden-Reef-casino-tarkastelu Golden Reef "
            "http://norwoodtower.com/?node=Gypsy-Queen-svenska-spelautomater-online "
            "et https://www.service-public.fr/particuliers")
    found = charter.check(text, "chat")
    assert [f.match.split("/")[2] for f in found] == ["www.lrcatering.fi", "norwoodtower.com"]
    assert found[0].message.endswith("(lien publicitaire).")


def test_links_with_text_in_another_script_are_reported_from_two(make_charter) -> None:
    charter = make_charter(LINKS)
    two = ("Voir https://a.example/x مواقع ماكينات القمار et "
           "https://b.example/y موزعي اللايف روليت")
    assert [f.match for f in charter.check(two, "chat")] == [
        "https://a.example/x", "https://b.example/y"]
    assert "autre alphabet" in charter.check(two, "chat")[0].message
    one = "Nos amis ukrainiens : https://ua.example.org Привіт !"
    assert charter.check(one, "chat") == []


def test_the_seed_articles_link_spam_gets_findings(coop) -> None:
    text = ("http://tech.rightpundits.com/?node=%D9%85 مواقع ماكينات القمار "
            "http://suzuki-ters.cz/?art=888 فتحات على الانترنت")
    assert [f.rule for f in coop.check(text, "chat")] == ["liens-suspects", "liens-suspects"]


def test_spam_words_are_read_in_the_address_and_a_label_not_in_the_words_after(
        make_charter) -> None:
    charter = make_charter(LINKS)
    assert [f.match for f in charter.check("Voir <https://a.example/x|Casino gratuit>",
                                           "chat")] == ["<https://a.example/x|Casino gratuit>"]
    # The words after a plain link are the sender's, here a kiss: not the link's text.
    assert charter.check("RING ME IF UR UP4 NETHING SAT.LOVE J casino", "chat") == []
