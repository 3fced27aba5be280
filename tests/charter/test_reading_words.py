"""Terms find their inflected forms, in their list's language, and the message's own
words take back what folding made them resemble (retard, râpé, pain bâtard)."""

from __future__ import annotations

import pytest

from bot.charter import CharterLibrary, bundled_charters_dir
from bot.charter.inflect import forms
from bot.located.yamlsrc import SourceError
from tests.charter.conftest import spans

LISTS = """\
name: test
language: fr
lists:
  insultes: {words: [connard, salope, abruti, enculer, batard, "sale con"], language: fr}
  insults: {words: [retard, asshole, rape], language: en}
"""
RULE = """
- id: insultes
  kind: forbidden
  words: ["@insultes", "@insults"]
"""


@pytest.fixture(scope="module")
def coop():
    return CharterLibrary([bundled_charters_dir()]).load("coop-fr")


@pytest.mark.parametrize(("text", "matched"), [
    ("bande de connards", "connards"),
    ("quelle connarde", "connarde"),
    ("ces salopes", "salopes"),
    ("quels abrutis", "abrutis"),
    ("il l'a enculé", "enculé"),
    ("ils les enculent", "enculent"),
    ("c0nn4rds", "c0nn4rds"),            # forms are read through evasions too
    ("sales cons", "sales cons"),         # each word of a phrase
    ("you assholes", "assholes"),
    ("sale bâtard", "bâtard"),            # an accentless entry still finds the accented word
])
def test_a_term_finds_its_inflected_forms(make_charter, text: str, matched: str) -> None:
    charter = make_charter(RULE, header=LISTS)
    assert spans(charter, text) == [("insultes", matched)]


def test_inflect_false_matches_the_terms_as_written(make_charter) -> None:
    charter = make_charter(RULE + "  inflect: false\n", header=LISTS)
    assert spans(charter, "bande de connards") == []
    assert spans(charter, "espèce de connard") == [("insultes", "connard")]


def test_a_word_of_another_language_is_read_in_the_message_s_language(make_charter) -> None:
    charter = make_charter(RULE, header=LISTS)
    assert spans(charter, "Le train a vingt minutes de retard.") == []
    assert spans(charter, "Nous avons pris du retard sur le planning") == []
    assert spans(charter, "you're such a retard") == [("insultes", "retard")]
    assert spans(charter, "what a retard lol") == [("insultes", "retard")]


def test_a_dictionary_word_with_accents_is_not_an_evasion(make_charter) -> None:
    charter = make_charter(RULE, header=LISTS)
    assert spans(charter, "Ajoutez du fromage râpé.") == []
    assert spans(charter, "Les carottes râpées sont prêtes.") == []
    assert spans(charter, "r4pe is a crime") == [("insultes", "r4pe")]


def test_a_missing_accent_still_finds_the_accented_term(make_charter) -> None:
    charter = make_charter("""
        - id: r
          kind: forbidden
          words: [flûte, pédé]
    """)
    assert spans(charter, "zut et flute") == [("r", "flute")]
    assert spans(charter, "espèce de pede") == [("r", "pede")]


def test_an_exception_s_forms_never_shield_a_listed_word(make_charter) -> None:
    charter = make_charter("""
        - id: r
          kind: forbidden
          words: [baise]
          except: [baiser]
    """)
    assert spans(charter, "un baiser, des baisers") == []
    assert spans(charter, "baise") == [("r", "baise")]


@pytest.mark.parametrize("text", [
    "Le train a vingt minutes de retard.",
    "Ajoutez du fromage râpé sur les pâtes.",
    "Un pain bâtard et deux pains bâtards, s'il vous plaît.",
    "La tapette à souris est sous l'évier.",
    "La pédale de frein est dure, il perd les pédales.",
    "Diplômée summa cum laude, elle relit Moby Dick.",
    "Un chili con carne pour midi ?",
    "the pros and cons of the new plan",
    "Bande de copains, rendez-vous à 14 h.",
    "Une grande tringle à rideaux.",              # a noun, not tringlé without its accent
    "Dick Francis wrote many thrillers.",         # beside a name the dictionary knows
    "Ma tante habite à Pussy, en Savoie.",        # English, capitalised, in French
    "On accède aux arguments par TG_NARGS.",      # codes, not abbreviations
    "Traduction fr-tg mise à jour ; option -pD ; pd-adresse : 0x0",
    "Il a perdu les pédales ; la bitte d'amarrage est rouillée.",
])
def test_the_bundled_charter_leaves_everyday_french_alone(coop, text: str) -> None:
    assert coop.check(text, "chat") == []


@pytest.mark.parametrize(("text", "matched"), [
    ("bande de connards", "connards"),
    ("ces salopes", "salopes"),
    ("les bâtards", "bâtards"),
    ("quels abrutis", "abrutis"),
    ("you're such a retard", "retard"),
    ("va te faire enculer", "enculer"),      # a participle's verb: enculé → enculer
    ("Salut Connard", "Connard"),            # capitalised, but no name beside it
    ("T'es qu'une Bitch", "Bitch"),          # capitalised English in French: no place
    ("sa.lo.pe", "sa.lo.pe"),                # chunks glued by dots
    ("P.D.", "P.D"),
    ("sal0p€", "sal0p€"),                    # € for e
    ("casse-toi pauvre con", "pauvre con"),
])
def test_the_bundled_charter_blocks_the_plural_insults(coop, text: str,
                                                       matched: str) -> None:
    assert [(f.rule, f.match, f.action) for f in coop.check(text, "chat")] == [
        ("insultes", matched, "block")]


def test_a_short_message_is_read_in_its_one_word_s_language(coop) -> None:
    # "shit" is also French slang; "holy" is English only, so the message is English.
    assert [(f.rule, f.match) for f in coop.check("holy shit", "chat")] == [
        ("grossieretes", "shit")]
    assert [f.rule for f in coop.check("j'emmerde le client", "chat")] == ["grossieretes"]


def test_forms_are_confirmed_by_the_dictionary() -> None:
    assert set(forms("connard", "fr")) == {"connards", "connarde", "connardes"}
    assert "cone" not in forms("con", "fr")  # not a French word: never made from "con"
    assert "bande" not in forms("bander", "fr")  # the noun, not a form of the verb
    assert set(forms("bitch", "en")) == {"bitches"}  # plurals only: "bitching" complains
    assert forms("con*", "fr") == ()


def test_a_list_s_language_and_shape_are_checked(write_charter, tmp_path) -> None:
    path = write_charter("name: t\nlists:\n  l: {words: [a], language: français}\nrules: []\n")
    with pytest.raises(SourceError) as error:
        CharterLibrary([tmp_path]).load(str(path))
    assert str(error.value).startswith(f"{path}:3:")
    assert "'language' must be a BCP 47 tag" in str(error.value)
    path = write_charter("name: t\nlists:\n  l: {language: en}\nrules: []\n")
    with pytest.raises(SourceError) as error:
        CharterLibrary([tmp_path]).load(str(path))
    assert "list 'l' needs either 'file' or 'words'" in str(error.value)
