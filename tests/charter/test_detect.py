"""Tests of the charter's detectors (bot/charter/kinds) on chat messages and drafts.

Every finding is checked through `text[start:end]`: offsets into the original
text are the contract with the rule engine, which highlights exactly that slice.
"""

from __future__ import annotations

import re

import emoji
import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.charter.kinds import length, spans
from bot.charter.kinds.count import (
    find_exclamations,
    find_hashtags,
    find_mentions,
    uppercase_ratio,
)
from bot.charter.kinds.length import limit_offset, text_length
from bot.charter.kinds.personal_data import find_cards, find_emails, find_ibans, find_phones
from bot.charter.kinds.spans import (
    SHORTENERS,
    Link,
    Span,
    domain_matches,
    find_emoji,
    find_links,
    invite_kind,
    is_shortener,
)
from bot.charter.kinds.unicode_tricks import find_invisible, find_mixed_script, find_zalgo

ZWJ = "\u200d"
FAMILY = "👨\u200d👩\u200d👧"
SCOTLAND = "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"


def texts(text: str, spans: list[Span]) -> list[str]:
    """The matched slices, after checking that each span says the same."""
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text)
        assert text[span.start:span.end] == span.text
    return [span.text for span in spans]


def urls(text: str) -> list[str]:
    return [link.url for link in find_links(text)]


# --------------------------------------------------------------------------
# Links


class TestFindLinks:
    def test_scheme_url_loses_the_sentence_full_stop(self) -> None:
        text = "Le compte-rendu est ici : https://intranet.exemple.fr/cr/2024-03?v=2. Bonne lecture"
        [link] = find_links(text)
        assert text[link.start:link.end] == link.url == "https://intranet.exemple.fr/cr/2024-03?v=2"
        assert link.domain == "intranet.exemple.fr"

    @pytest.mark.parametrize("tail", [".", ",", "!", "?", ")", "»", '"', "!!", "?!", ")."])
    def test_trailing_punctuation_is_trimmed(self, tail: str) -> None:
        text = f"(voir https://exemple.com/page{tail} merci"
        assert urls(text) == ["https://exemple.com/page"]

    def test_balanced_parenthesis_is_kept(self) -> None:
        text = "Source (https://fr.wikipedia.org/wiki/Paris_(ville)), à vérifier."
        assert urls(text) == ["https://fr.wikipedia.org/wiki/Paris_(ville)"]

    def test_markdown_link_and_french_quotes(self) -> None:
        text = "Lisez [le guide](https://docs.exemple.org/guide) ou «https://exemple.fr/faq»."
        assert urls(text) == ["https://docs.exemple.org/guide", "https://exemple.fr/faq"]

    def test_www_and_bare_domains(self) -> None:
        text = ("Inscriptions sur www.billetterie-exemple.fr, promo sur bit.ly/3xYz9 "
                "et on se retrouve sur discord.gg/garant ! Plus d'infos : exemple.com")
        assert urls(text) == ["www.billetterie-exemple.fr", "bit.ly/3xYz9", "discord.gg/garant",
                              "exemple.com"]

    def test_bare_domain_with_unknown_tld_needs_a_path(self) -> None:
        assert urls("rendez-vous sur mon.portfolio/projets") == ["mon.portfolio/projets"]
        assert urls("rendez-vous sur mon.portfolio demain") == []

    @pytest.mark.parametrize("text", [
        "Écrivez à contact@exemple.fr pour toute question.",
        "Ça fait 3.14 en arrondissant, ou 1.5/10 au pire",
        "ok.merci pour tout",
        "On a fini.De toute façon c'était trop tard",
        "J'ai joint rapport.pdf et le tableur budget.xlsx/ods",
        "version 2.0.1 livrée",
        "Appelle `self.app` dans la fonction",
    ])
    def test_not_links(self, text: str) -> None:
        assert find_links(text) == []

    def test_domain_is_normalised(self) -> None:
        [link] = find_links("Accès : http://admin:s3cret@Intranet.Exemple.COM.:8080/tableau")
        assert link.domain == "intranet.exemple.com"
        [link] = find_links("Menu du jour : https://Café-Exemple.fr/menu")
        assert link.domain == "café-exemple.fr"

    def test_slack_wrapped_links(self) -> None:
        text = ("Voir <https://exemple.fr/agenda|l'agenda> et <http://bit.ly/abc> "
                "<mailto:a@b.fr|a@b.fr>")
        links = find_links(text)
        assert [text[x.start:x.end] for x in links] == [
            "<https://exemple.fr/agenda|l'agenda>", "<http://bit.ly/abc>"]
        assert [(x.url, x.domain) for x in links] == [
            ("https://exemple.fr/agenda", "exemple.fr"), ("http://bit.ly/abc", "bit.ly")]

    def test_scheme_links_inside_code_still_count(self) -> None:
        assert urls("Le lien `https://phishing.example.com/login` est piégé") == [
            "https://phishing.example.com/login"]

    def test_result_is_a_fresh_list(self) -> None:
        text = "Voir exemple.com"
        find_links(text).clear()
        assert len(find_links(text)) == 1


class TestDomains:
    @pytest.mark.parametrize(("domain", "listed", "expected"), [
        ("example.com", "example.com", True),
        ("www.example.com", "example.com", True),
        ("a.b.example.com", "example.com", True),
        ("badexample.com", "example.com", False),
        ("example.com.evil.ru", "example.com", False),
        ("EXAMPLE.com.", "*.Example.com", True),
        ("example.com", "", False),
    ])
    def test_domain_matches(self, domain: str, listed: str, expected: bool) -> None:
        assert domain_matches(domain, listed) is expected

    def test_shorteners(self) -> None:
        assert {"bit.ly", "tinyurl.com", "t.co", "lnkd.in", "qrco.de", "adf.ly"} <= SHORTENERS
        assert is_shortener("bit.ly") and is_shortener("www.bit.ly")
        assert not is_shortener("bitly.exemple.fr") and not is_shortener("exemple.co")

    @pytest.mark.parametrize(("text", "kind"), [
        ("Rejoignez-nous sur discord.gg/Garant42", "discord"),
        ("https://discord.com/invite/abcDEF", "discord"),
        ("https://discordapp.com/invite/abcDEF", "discord"),
        ("https://join.slack.com/t/equipe/shared_invite/zt-123", "slack"),
        ("https://equipe.slack.com/join/shared_invite/zt-123", "slack"),
        ("https://chat.whatsapp.com/Ab12Cd34", "whatsapp"),
        ("écris-moi sur wa.me/33612345678", "whatsapp"),
        ("le canal t.me/garant_infos", "telegram"),
        ("https://telegram.me/garant", "telegram"),
        ("https://telegram.dog/garant", "telegram"),
        ("https://discord.com/channels/123/456", None),
        ("https://slack.com/intl/fr-fr/", None),
        ("https://t.me", None),
        ("https://exemple.fr/invite/abc", None),
    ])
    def test_invite_kind(self, text: str, kind: str | None) -> None:
        [link] = find_links(text)
        assert invite_kind(link) == kind

    def test_invite_kind_on_a_wrapped_link(self) -> None:
        [link] = find_links("<https://discord.gg/abc|rejoindre>")
        assert invite_kind(link) == "discord"
        assert invite_kind(Link(0, 0, "https://discord.gg", "discord.gg")) is None


# --------------------------------------------------------------------------
# Personal data


class TestEmails:
    def test_emails_in_a_message(self) -> None:
        text = "Écrivez à jean.dupont+presse@exemple-media.fr. Ou à l'accueil : accueil@mairie.fr"
        found = find_emails(text)
        assert texts(text, found) == ["jean.dupont+presse@exemple-media.fr", "accueil@mairie.fr"]
        assert found[0].detail == "exemple-media.fr"

    def test_not_emails(self) -> None:
        assert find_emails("RDV @jean à 14h, https://admin:pw@intranet.exemple.fr/") == []

    def test_slack_mailto_counts_once(self) -> None:
        text = "Contact : <mailto:presse@exemple.fr|presse@exemple.fr>"
        assert texts(text, find_emails(text)) == ["presse@exemple.fr"]


class TestPhones:
    @pytest.mark.parametrize(("number", "e164"), [
        ("+33 6 12 34 56 78", "+33612345678"),
        ("+44 20 7946 0958", "+442079460958"),
        ("06 12 34 56 78", "+33612345678"),
        ("06.12.34.56.78", "+33612345678"),
        ("0612345678", "+33612345678"),
        ("01 23 45 67 89", "+33123456789"),
    ])
    def test_phone_formats(self, number: str, e164: str) -> None:
        text = f"Pour le stand, appelez Marie au {number}, merci !"
        found = find_phones(text)
        assert texts(text, found) == [number]
        assert found[0].detail == e164

    def test_order_number_is_not_a_phone(self) -> None:
        assert find_phones("Votre commande n° 4839201746 est partie ce matin") == []

    def test_dates_and_times_are_not_phones(self) -> None:
        assert find_phones("Réunion le 12/03/2024 à 14h30, salle 204, 15 personnes") == []

    def test_other_region(self) -> None:
        text = "Call the office on 020 7946 0958 tomorrow"
        assert texts(text, find_phones(text, region="GB")) == ["020 7946 0958"]

    def test_iban_digits_are_not_a_phone(self) -> None:
        assert find_phones("IBAN FR76 3000 6000 0112 3456 7890 189") == []


class TestIbans:
    def test_spaced_and_compact(self) -> None:
        text = ("Virement sur FR76 3000 6000 0112 3456 7890 189 merci, ou sur "
                "DE89370400440532013000 ; UK : GB29 NWBK 6016 1331 9268 19.")
        found = find_ibans(text)
        assert texts(text, found) == ["FR76 3000 6000 0112 3456 7890 189",
                                      "DE89370400440532013000", "GB29 NWBK 6016 1331 9268 19"]
        assert [s.detail for s in found] == ["FR", "DE", "GB"]

    def test_dashes_and_lowercase(self) -> None:
        text = "iban: fr76-3000-6000-0112-3456-7890-189."
        assert texts(text, find_ibans(text)) == ["fr76-3000-6000-0112-3456-7890-189"]

    def test_bad_checksum(self) -> None:
        assert find_ibans("IBAN FR76 3000 6000 0112 3456 7890 188") == []

    def test_iban_after_a_code_that_looks_like_one(self) -> None:
        text = "ref AB12 FR7630006000011234567890189"
        assert texts(text, find_ibans(text)) == ["FR7630006000011234567890189"]


class TestCards:
    @pytest.mark.parametrize(("number", "brand"), [
        ("4111 1111 1111 1111", "visa"),
        ("4111-1111-1111-1111", "visa"),
        ("4111111111111111", "visa"),
        ("5555 5555 5555 4444", "mastercard"),
        ("3782 822463 10005", "amex"),
    ])
    def test_cards(self, number: str, brand: str) -> None:
        text = f"Ma carte c'est {number}, exp 12/27"
        found = find_cards(text)
        assert texts(text, found) == [number]
        assert found[0].detail == brand

    @pytest.mark.parametrize("text", [
        "Ma carte c'est 4111 1111 1111 1112",  # not Luhn-valid
        "Colis 941111111111111111111 en transit",  # part of a longer run
        "réf 0000 0000 0000 0000",
        "Appelez le +44 20 7946 0958",
        "IBAN FR76 3000 6000 0112 3456 7890 189",
        "Merci <@412345678901234567> !",  # a Discord id
        "Voir https://exemple.fr/commande/4111111111111111",
    ])
    def test_not_cards(self, text: str) -> None:
        assert find_cards(text) == []


# --------------------------------------------------------------------------
# Unicode tricks


class TestInvisible:
    def test_zero_width_space_inside_a_word(self) -> None:
        text = "Achetez sur pay\u200bpal-securite.com"
        found = find_invisible(text)
        assert texts(text, found) == ["\u200b"]
        assert "U+200B" in found[0].detail

    def test_contiguous_characters_form_one_span(self) -> None:
        text = "con\u200b\u200c\u2060nard et idi\u00adot"
        assert texts(text, find_invisible(text)) == ["\u200b\u200c\u2060", "\u00ad"]

    @pytest.mark.parametrize("char", [
        "\u200e", "\u200f", "\u202a", "\u202e", "\u2066", "\u2069", "\u2061", "\u2064",
        "\u180e", "\u3164", "\u115f", "\u1160", "\ufeff", "\U000e0041",
    ])
    def test_each_kind(self, char: str) -> None:
        text = f"Bon{char}jour"
        assert texts(text, find_invisible(text)) == [char]

    def test_tag_smuggling(self) -> None:
        hidden = "".join(chr(0xE0000 + ord(c)) for c in "ignore the rules")
        text = f"Bonjour à tous{hidden} !"
        assert texts(text, find_invisible(text)) == [hidden]

    def test_emoji_are_not_invisible(self) -> None:
        text = (f"La famille {FAMILY}, l'Écosse {SCOTLAND}, un cœur ❤️, 1️⃣, 👍🏽, "
                "🏳️‍🌈, 🧑‍💻, et ©️")
        assert find_invisible(text) == []

    def test_stray_variation_selectors(self) -> None:
        text = "p\ufe0fay et 😀\ufe0f\ufe0f"
        assert texts(text, find_invisible(text)) == ["\ufe0f", "\ufe0f"]
        assert find_invisible(text)[1].start == len(text) - 1

    def test_joiners_in_scripts_that_need_them(self) -> None:
        assert find_invisible("می\u200cخواهم") == []  # Persian ZWNJ
        assert find_invisible("क्\u200dष") == []  # Devanagari ZWJ

    def test_ascii_and_french(self) -> None:
        assert find_invisible("Hello world") == []
        assert find_invisible("Déjà vu\u202f: l’été à Noël « oui » — 5 €") == []


class TestZalgo:
    def test_zalgo_word_is_one_span(self) -> None:
        text = "Regardez Z̷̢̛̖a̵̧̛̗l̶̨̛̘g̴̢̛o̷̢̧̖ ici"
        found = find_zalgo(text)
        assert texts(text, found) == ["Z̷̢̛̖a̵̧̛̗l̶̨̛̘g̴̢̛o̷̢̧̖"]
        assert found[0].detail == "4 combining marks"

    def test_accents_never_trigger(self) -> None:
        text = ("Déjà l'été, Noël, où, ça ; Tiếng Việt: ệ ộ ữ ; décomposé : e\u0323\u0302 "
                "a\u0300 ; hindi : स्त्री क्षत्रिय ; hébreu : בְּרֵאשִׁית ; thaï : ที่นี่")
        assert find_zalgo(text) == []

    def test_max_marks(self) -> None:
        text = "e\u0301\u0302\u0303"
        assert find_zalgo(text) == [Span(0, 4, text, "3 combining marks")]
        assert find_zalgo(text, max_marks=3) == []

    def test_long_runs_of_any_mark(self) -> None:
        text = "a" + "\u05b0" * 9
        assert texts(text, find_zalgo(text)) == [text]


class TestMixedScript:
    def test_homoglyph(self) -> None:
        text = "Connectez-vous sur pаypal.com pour valider"  # Cyrillic а
        found = find_mixed_script(text)
        assert texts(text, found) == ["pаypal"]
        assert found[0].detail == "Latin+Cyrillic"

    def test_greek_capital(self) -> None:
        text = "Rendez-vous à Ρaris"  # Greek Rho
        assert texts(text, find_mixed_script(text)) == ["Ρaris"]

    def test_single_script_words_are_fine(self) -> None:
        assert find_mixed_script("Привет из Москвы, Καλημέρα Αθήνα, Bonjour Paris 2024") == []

    def test_digits_and_underscore_have_no_script(self) -> None:
        assert find_mixed_script("Москва_2024 et paris_2024") == []
        assert texts("Москва_x", find_mixed_script("Москва_x")) == ["Москва_x"]


# --------------------------------------------------------------------------
# Counts


class TestHashtags:
    def test_french_post(self) -> None:
        text = "Belle journée au salon #Innovation #MobilitéDouce #JO2024 #1 #2024 !"
        found = find_hashtags(text)
        assert texts(text, found) == ["#Innovation", "#MobilitéDouce", "#JO2024"]
        assert found[1].detail == "MobilitéDouce"

    def test_not_hashtags(self) -> None:
        text = ("Voir https://exemple.fr/page#section et exemple.fr/#top, code en C#, "
                "salon <#C024BE91L|general>, &#39;")
        assert find_hashtags(text) == []

    def test_fullwidth_and_cjk(self) -> None:
        text = "東京 ＃東京 #café"
        assert texts(text, find_hashtags(text)) == ["＃東京", "#café"]


class TestMentions:
    def test_plain_mentions(self) -> None:
        text = "Merci @jean.dupont. et @Marie_L ! Écrire à presse@exemple.fr, rdv @14h"
        found = find_mentions(text)
        assert texts(text, found) == ["@jean.dupont", "@Marie_L"]
        assert {s.detail for s in found} == {"user"}

    def test_slack(self) -> None:
        text = ("<@U024BE7LH> et <@W123ABC|marie> : <!channel> <!here> <!everyone> "
                "<!subteam^S123|@com>")
        found = find_mentions(text)
        assert texts(text, found) == ["<@U024BE7LH>", "<@W123ABC|marie>", "<!channel>",
                                      "<!here>", "<!everyone>", "<!subteam^S123|@com>"]
        assert [s.detail for s in found] == ["user", "user", "channel", "here", "everyone",
                                             "group"]

    def test_discord(self) -> None:
        text = "<@80351110224678912> <@!80351110224678912> <@&165511591545143296> @everyone @here"
        found = find_mentions(text)
        assert texts(text, found) == text.split()
        assert [s.detail for s in found] == ["user", "user", "role", "everyone", "here"]

    def test_mentions_inside_links_do_not_count(self) -> None:
        assert find_mentions("https://medium.com/@garant/un-article") == []


class TestEmoji:
    def test_sequences_count_once(self) -> None:
        text = f"Bravo {FAMILY} 🇫🇷 {SCOTLAND} 👍🏽 1️⃣ 🧑‍💻 ❤️ ❤ 🎉"
        found = find_emoji(text)
        assert texts(text, found) == [FAMILY, "🇫🇷", SCOTLAND, "👍🏽", "1️⃣", "🧑‍💻", "❤️", "❤", "🎉"]
        assert found[-1].detail == ":party_popper:"

    def test_unknown_zwj_sequence_counts_once(self) -> None:
        text = f"ok 👩{ZWJ}🦰{ZWJ}😀 ok"
        assert len(find_emoji(text)) == 1

    def test_text_style_symbols(self) -> None:
        text = "Garant™ © 2024 ‼ ©️"
        assert texts(text, find_emoji(text)) == ["©️"]

    def test_custom_and_shortcodes(self) -> None:
        text = "gg <:pepe:123456789012345678> <a:dance:98765432109876543> :tada: :+1::skin-tone-2:"
        found = find_emoji(text)
        assert texts(text, found) == ["<:pepe:123456789012345678>",
                                      "<a:dance:98765432109876543>", ":tada:",
                                      ":+1::skin-tone-2:"]
        assert found[0].detail == ":pepe:"

    def test_ascii_fast_path(self) -> None:
        assert find_emoji("Rendez-vous a 10:30:00, :) :notanemoji: merci") == []
        assert find_emoji("Déjà l'été à Noël") == []


class TestExclamations:
    def test_each_mark(self) -> None:
        text = "Incroyable !!! Merci ！"
        assert texts(text, find_exclamations(text)) == ["!", "!", "!", "！"]

    def test_markup_is_not_exclamation(self) -> None:
        text = "<!here> <@!80351110224678912> https://exemple.fr/#!/page ok"
        assert find_exclamations(text) == []


class TestUppercaseRatio:
    def test_shouting(self) -> None:
        assert uppercase_ratio("C'EST INADMISSIBLE !!!") == (100.0, 16)

    def test_urls_and_mentions_ignored(self) -> None:
        ratio, letters = uppercase_ratio("merci @JEAN et <@U024BE7LH> pour https://EXEMPLE.FR/ABC")
        assert (ratio, letters) == (0.0, 11)

    def test_mixed_and_accents(self) -> None:
        ratio, letters = uppercase_ratio("Élodie a dit OUI")
        assert letters == 13
        assert ratio == pytest.approx(100 * 4 / 13)

    def test_no_letters(self) -> None:
        assert uppercase_ratio("123 !!! 👍") == (0.0, 0)


# --------------------------------------------------------------------------
# Lengths


class TestTwitterLength:
    def test_ascii_tweet(self) -> None:
        assert text_length("a" * 280, "twitter") == 280
        assert text_length("a" * 281, "x") == 281

    def test_cjk_weighs_two(self) -> None:
        assert text_length("中" * 140, "twitter") == 280

    def test_url_weighs_23(self) -> None:
        url = "https://exemple.fr/" + "a" * 41
        assert len(url) == 60
        assert text_length(url, "twitter") == 23
        assert text_length(f"Lisez {url} !", "twitter") == 6 + 23 + 2
        assert text_length("bit.ly/abc", "twitter") == 23

    def test_bare_cctld_domain_is_not_a_url_for_x(self) -> None:
        assert text_length("exemple.fr", "twitter") == 10
        assert text_length("exemple.com", "twitter") == 23
        assert text_length("exemple.co", "twitter") == 23

    def test_emoji_weigh_two(self) -> None:
        assert text_length(FAMILY, "twitter") == 2
        assert text_length("Bravo 🇫🇷👍🏽", "twitter") == 6 + 2 + 2

    def test_french_and_punctuation_weigh_one(self) -> None:
        text = "Déjà l’été — « oui » ‘ok’"
        assert text_length(text, "twitter") == len(text)
        assert text_length("…", "twitter") == 2  # U+2026 is outside X's light ranges

    def test_nfc_first(self) -> None:
        assert text_length("e\u0301te\u0301", "twitter") == 3

    def test_limit_offset(self) -> None:
        assert limit_offset("a" * 300, "twitter", 280) == 280
        assert limit_offset("a" * 280, "twitter", 280) == 280
        assert limit_offset("中" * 150, "twitter", 280) == 140
        text = "a" * 270 + " https://exemple.fr/" + "b" * 30
        assert limit_offset(text, "twitter", 280) == 271  # the URL overflows as a whole
        text = "a" * 279 + "👍"
        assert limit_offset(text, "twitter", 280) == 279
        decomposed = "e\u0301" * 5
        assert limit_offset(decomposed, "twitter", 3) == 6


class TestGraphemeLength:
    @pytest.mark.parametrize("network", [None, "linkedin", "instagram", "mastodon"])
    def test_user_perceived_characters(self, network: str | None) -> None:
        assert text_length("Déjà l'été", network) == 10
        assert text_length("e\u0301te\u0301", network) == 3
        assert text_length(f"{FAMILY} 🇫🇷", network) == 3
        assert text_length("ligne 1\r\nligne 2", network) == 15
        assert text_length("", network) == 0

    def test_limit_offset(self) -> None:
        assert limit_offset("Bonjour à tous", "linkedin", 7) == 7
        assert limit_offset("Bonjour", "linkedin", 70) == 7
        assert limit_offset(f"{FAMILY}{FAMILY}", None, 1) == len(FAMILY)
        assert limit_offset("a\r\nb\r\nc", None, 3) == 4
        assert limit_offset("e\u0301e\u0301", None, 1) == 2
        assert limit_offset("abc", None, 0) == 0
        flags = "Nos pays : 🇫🇷🇧🇪🇨🇭🇨🇦 !"
        assert text_length(flags, None) == 17
        assert flags[:limit_offset(flags, None, 13)] == "Nos pays : 🇫🇷🇧🇪"


# --------------------------------------------------------------------------
# Hand-written character tables, checked against the Unicode data


def _expand(ranges: str) -> list[str]:
    chars, i = [], 0
    while i < len(ranges):
        if i + 2 < len(ranges) and ranges[i + 1] == "-":
            chars += [chr(c) for c in range(ord(ranges[i]), ord(ranges[i + 2]) + 1)]
            i += 3
        else:
            chars.append(ranges[i])
            i += 1
    return chars


def test_simple_grapheme_characters_never_join() -> None:
    alone = regex.compile(r"[\p{GCB=Other}\p{GCB=Control}\p{GCB=CR}\p{GCB=LF}\p{GCB=LV}"
                          r"\p{GCB=LVT}]")
    joining = [c for c in _expand(length._SIMPLE_GRAPHEMES) if not alone.match(c)]
    assert joining == []


def test_every_known_emoji_is_one_emoji_unit() -> None:
    assert [e for e in emoji.EMOJI_DATA if not spans._EMOJI_UNIT_RE.fullmatch(e)] == []


# --------------------------------------------------------------------------
# Robustness

SPAN_DETECTORS = [
    find_emails, find_phones, find_ibans, find_cards, find_invisible, find_zalgo,
    find_mixed_script, find_hashtags, find_mentions, find_emoji, find_exclamations,
]
NETWORKS = [None, "twitter", "x", "linkedin"]
TRICKY = [
    *"@#!<>:/.-_|^&()0123456789 \r\n\u200b\u200d\ufe0f\u0301\u0435\u20e3",
    "https://", "www.", ".com", ".fr/", "<@", "<!here>", "<:e:123456>", "FR76", "4111 ",
    "+33 6 12 34 56 78", "👍", "🏽", "🇫", FAMILY, SCOTLAND, "\U000e0061", "中", "é",
]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(st.characters(), st.sampled_from(TRICKY)), max_size=40).map("".join))
def test_no_detector_raises_and_spans_are_in_bounds(text: str) -> None:
    for detector in SPAN_DETECTORS:
        texts(text, detector(text))
    for link in find_links(text):
        assert 0 <= link.start < link.end <= len(text)
        assert link.url in text[link.start:link.end]
        invite_kind(link)
        is_shortener(link.domain)
    ratio, letters = uppercase_ratio(text)
    assert 0.0 <= ratio <= 100.0 and letters >= 0
    for network in NETWORKS:
        assert text_length(text, network) >= 0
        for limit in (0, 1, 5, 280):
            assert 0 <= limit_offset(text, network, limit) <= len(text)


@settings(max_examples=100, deadline=None)
@given(st.lists(st.one_of(st.characters(), st.sampled_from(TRICKY)), max_size=30).map("".join),
       st.integers(min_value=0, max_value=40))
def test_grapheme_limit_offset_keeps_the_first_graphemes(text: str, limit: int) -> None:
    offset = limit_offset(text, None, limit)
    assert text_length(text[:offset], None) == min(limit, text_length(text, None))


@settings(max_examples=100, deadline=None)
@given(st.text(alphabet=st.characters(max_codepoint=127), max_size=60))
def test_ascii_fast_path_agrees_with_graphemes(text: str) -> None:
    assert text_length(text, None) == len(regex.findall(r"\X", text))


def test_lone_surrogates_and_huge_text() -> None:
    broken = "abc\ud83d def @x #y 06 12 34 56 78"
    for detector in SPAN_DETECTORS:
        detector(broken)
    text_length(broken, "twitter")
    line = "Bonjour ! https://exemple.fr/a @jean #tag 06 12 34 56 78 👍🏽 pаypal\u200b "
    big = (line * 600)[:40_000]
    for detector in SPAN_DETECTORS:
        texts(big, detector(big))
    assert text_length(big, "twitter") > 0


def test_regexes_are_precompiled() -> None:
    from bot.charter.kinds import count, personal_data, unicode_tricks

    modules = (spans, count, length, personal_data, unicode_tricks)
    compiled = [v for module in modules for k, v in vars(module).items() if k.endswith("_RE")]
    assert compiled and all(isinstance(v, (re.Pattern, regex.Pattern)) for v in compiled)
