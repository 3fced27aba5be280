"""Each rule kind, as a charter author would use it."""

from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta

from bot.charter import FloodTracker
from tests.charter.conftest import spans


def test_forbidden_uses_lists_and_renders_its_message(make_charter):
    charter = make_charter(
        """
        - id: gros-mots
          kind: forbidden
          words: ["@gros", "zut"]
          message: "Pas de « {match} » ici"
        """,
        header="name: test\nlanguage: fr\nlists:\n  gros: [flûte, crotte]\n",
    )
    (finding,) = charter.check("Oh, Flute alors", "chat")
    assert (finding.rule, finding.match, finding.message) == ("gros-mots", "Flute",
                                                              "Pas de « Flute » ici")
    assert finding.kind == "forbidden" and finding.level == "warning" and finding.action == "warn"


def test_replace_suggests_the_preferred_term(make_charter):
    charter = make_charter("""
        - id: vocabulaire
          kind: replace
          swap: {followers: abonnés, "check-list": "liste de contrôle"}
    """)
    found = charter.check("Merci aux followers pour la check list", "draft")
    assert [(f.match, f.suggestion, f.action) for f in found] == [
        ("followers", "abonnés", "suggest"), ("check list", "liste de contrôle", "suggest")]
    assert found[0].message == "Préférez « abonnés » à « followers »."


def test_register_vous_reports_tutoiement(make_charter):
    charter = make_charter("""
        - id: vouvoiement
          kind: register
          expect: vous
    """)
    assert spans(charter, "Tu veux gagner ? Partage ton avis, t'inquiète !") == [
        ("vouvoiement", "Tu"), ("vouvoiement", "ton"), ("vouvoiement", "t'")]
    assert spans(charter, "T’as vu ?") == [("vouvoiement", "T’")]
    assert spans(charter, "Dis-toi bien que c'est ta chance") == [
        ("vouvoiement", "toi"), ("vouvoiement", "ta")]
    # Not "your": the noun "ton", words containing the letters, other elisions.
    assert spans(charter, "Le ton de la marque, un bon ton, le thé, c'est tout, tuba") == []
    assert spans(charter, "Partagez votre avis") == []
    (finding,) = charter.check("Partage tes photos", "draft")
    assert finding.suggestion == "vos"


def test_register_tu_reports_vouvoiement(make_charter):
    charter = make_charter("""
        - id: tutoiement
          kind: register
          expect: tu
    """)
    assert spans(charter, "Vous aimez votre café et vos croissants ?") == [
        ("tutoiement", "Vous"), ("tutoiement", "votre"), ("tutoiement", "vos")]
    assert spans(charter, "Tu aimes ton café ?") == []


def test_conditional_requires_the_then_terms(make_charter):
    charter = make_charter("""
        - id: concours
          kind: conditional
          if: [concours, "à gagner"]
          then: [règlement]
    """)
    assert spans(charter, "Grand concours : un vélo à gagner") == [("concours", "concours")]
    assert spans(charter, "Grand concours, règlement sur notre site") == []
    assert spans(charter, "Aucun jeu ici") == []
    (finding,) = charter.check("Concours !", "draft")
    assert finding.suggestion == "règlement"


def test_count_items(make_charter):
    charter = make_charter("""
        - id: hashtags
          kind: count
          item: hashtag
          max: 2
        - id: mentions
          kind: count
          item: mention
          max: 1
        - id: liens
          kind: count
          item: link
          max: 1
        - id: emoji
          kind: count
          item: emoji
          max: 2
        - id: exclamations
          kind: count
          item: exclamation
          max: 1
        - id: au-moins-un-hashtag
          kind: count
          item: hashtag
          min: 1
          applies_to: [draft]
    """)
    assert spans(charter, "#a #b #c") == [("hashtags", "#c")]
    assert spans(charter, "@a @b @c") == [("mentions", "@b @c")]
    assert spans(charter, "https://a.fr et https://b.fr") == [("liens", "https://b.fr")]
    assert spans(charter, "🎉🎉 ok 👨‍👩‍👧") == [("emoji", "👨‍👩‍👧")]
    assert spans(charter, "Wow!!") == [("exclamations", "!")]
    found = charter.check("Pas de hashtag", "draft")
    assert [f.rule for f in found] == ["au-moins-un-hashtag"]
    assert found[0].message == "0 hashtag (attendu : ≥ 1)."


def test_count_uppercase_ratio_ignores_short_texts(make_charter):
    charter = make_charter("""
        - id: crier
          kind: count
          item: uppercase_ratio
          max: 60
    """)
    assert spans(charter, "ARRÊTEZ DE CRIER SVP") == [("crier", "ARRÊTEZ DE CRIER SVP")]
    assert spans(charter, "OK MERCI") == []  # fewer than 12 letters
    assert spans(charter, "La SNCF et la RATP annoncent une grève") == []


def test_length_counts_as_each_network_counts(make_charter):
    charter = make_charter("""
        - id: longueur
          kind: length
          max: {twitter: 280, linkedin: 3000, default: 50}
    """)
    url = "https://www.example.com/" + "a" * 200
    tweet = "x" * 250 + " " + url  # 251 + 23 = 274 as X counts it
    assert charter.check(tweet, "draft", "twitter") == []
    assert [f.rule for f in charter.check("é" * 140 + "字" * 71, "draft", "twitter")] == [
        "longueur"]
    assert charter.check("字" * 140, "draft", "twitter") == []
    found = charter.check("a" * 60, "draft", "facebook")
    assert [(f.start, f.end) for f in found] == [(50, 60)]
    assert found[0].message == "Texte trop long : 60 caractères pour 50 au maximum."
    # Graphemes, not code points: a family emoji is one character.
    assert charter.check("👨‍👩‍👧" * 50, "draft", "linkedin") == []


def test_links_policies(make_charter):
    charter = make_charter("""
        - id: liens
          kind: links
          deny_domains: [casino.example]
          shorteners: deny
          invites: deny
        - id: seulement-nos-sites
          kind: links
          allow_domains: [coop.fr]
          applies_to: [draft]
    """)
    assert spans(charter, "Jouez sur https://www.casino.example/promo") == [
        ("liens", "https://www.casino.example/promo")]
    assert spans(charter, "voir bit.ly/abc") == [("liens", "bit.ly/abc")]
    assert spans(charter, "rejoins discord.gg/xyz") == [("liens", "discord.gg/xyz")]
    assert spans(charter, "https://chat.whatsapp.com/AbCdEf") == [
        ("liens", "https://chat.whatsapp.com/AbCdEf")]
    assert spans(charter, "https://notcasino.example/ ok") == []
    assert spans(charter, "https://blog.coop.fr/article", "draft") == []
    assert spans(charter, "https://ailleurs.fr/article", "draft") == [
        ("seulement-nos-sites", "https://ailleurs.fr/article")]
    (finding,) = charter.check("bit.ly/abc", "chat")
    assert "lien raccourci" in finding.message


def test_personal_data(make_charter):
    charter = make_charter("""
        - id: perso
          kind: personal_data
          detect: [email, phone, iban, card]
    """)
    text = ("Écrivez à jean.dupont@example.org ou au 06 12 34 56 78, "
            "IBAN FR76 3000 6000 0112 3456 7890 189, carte 4970 1012 3456 7893.")
    assert [m for _, m in spans(charter, text)] == [
        "jean.dupont@example.org", "06 12 34 56 78", "FR76 3000 6000 0112 3456 7890 189",
        "4970 1012 3456 7893"]
    (finding,) = charter.check("+44 20 7946 0958", "chat")
    assert finding.action == "block" and "7946" not in finding.message  # no echo of the data
    # Invalid checksums and non-numbers are not personal data.
    assert spans(charter, "Commande 4970 1012 3456 7890, IBAN FR76 3000 6000 0112 3456 7890 188")\
        == []


def test_repetition_counts_across_messages_per_author_and_channel(make_charter):
    charter = make_charter("""
        - id: flood
          kind: repetition
          times: 3
          within: 1m
    """)
    flood = FloodTracker()
    start = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)

    def post(text, seconds, author="lea", channel="general"):
        return [f.rule for f in charter.check(text, "chat", flood=flood, author=author,
                                               channel=channel,
                                               at=start + timedelta(seconds=seconds))]

    assert post("ACHETEZ", 0) == []
    assert post("achetez !", 10) == []  # same words, other case and punctuation
    assert post("Achetez", 11, author="yann") == []  # someone else
    assert post("Achetez", 12, channel="drafts") == []  # elsewhere
    assert post("Achetez", 20) == ["flood"]
    assert post("Achetez", 200) == []  # the window has passed
    # A one-off check has no history: repetition is for live moderation.
    assert charter.check("Achetez", "chat") == []


def test_the_flood_tracker_s_memory_is_capped_in_bytes_not_in_messages() -> None:
    import tracemalloc

    start = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)
    window = timedelta(hours=1)
    tracemalloc.start()
    try:
        before = tracemalloc.get_traced_memory()[0]
        flood = FloodTracker(max_bytes=2 * 2**20)
        big = "ACHETEZ " * 5_000  # 40,000 characters, sent by 20,000 accounts
        for i in range(20_000):
            flood.seen(("flood", f"bot{i}", "general"), big, start + timedelta(seconds=i),
                       window)
        used = tracemalloc.get_traced_memory()[0] - before
    finally:
        tracemalloc.stop()
    assert used < 2.2 * 2**20  # the long texts are not kept, the oldest accounts dropped
    # The recent ones are still counted.
    key = ("flood", "bot19999", "general")
    assert flood.seen(key, big, start + timedelta(seconds=20_000), window) == 2


def test_unicode_tricks(make_charter):
    charter = make_charter("""
        - id: unicode
          kind: unicode
          detect: [invisible, zalgo, mixed_script]
    """)
    assert [m for _, m in spans(charter, "cli\u200b\u200bque")] == ["\u200b\u200b"]
    assert [m for _, m in spans(charter, "pаypal")] == ["pаypal"]
    assert len(spans(charter, "Z̷̢̛̛a̸̧͖͘l̴̨̛g̷̢̛ǫ̵̛")) >= 1
    assert spans(charter, "Café, été, Привет, 👨‍👩‍👧, 🏴󠁧󠁢󠁳󠁣󠁴󠁿") == []


def test_pattern_runs_on_the_folded_text(make_charter):
    charter = make_charter("""
        - id: gain
          kind: pattern
          regex: 'gagn(e|é)[rz]? \\d+ ?(€|euros)'
    """)
    assert spans(charter, "GAGNEZ 500 € maintenant") == [("gain", "GAGNEZ 500 €")]
    assert spans(charter, "Gagnéz 10 euros") == [("gain", "Gagnéz 10 euros")]
    assert spans(charter, "gagner du temps") == []


def test_evil_regexes_run_in_linear_time(make_charter):
    charter = make_charter("""
        - id: evil1
          kind: pattern
          regex: '(a|aa)+$'
        - id: evil2
          kind: pattern
          regex: '(a+)+b'
        - id: evil3
          kind: pattern
          regex: '(x+x+)+y'
    """)
    text = "a" * 30_000 + "!" + "x" * 5_000
    started = time.perf_counter()
    charter.check(text, "chat")
    # Backtracking engines take longer than the age of the universe here; RE2 is linear.
    assert time.perf_counter() - started < 5


def test_rules_apply_to_their_contexts_and_networks(make_charter):
    charter = make_charter("""
        - id: chat-only
          kind: forbidden
          words: [zut]
          applies_to: [chat]
        - id: drafts-on-x
          kind: forbidden
          words: [zut]
          networks: [twitter]
        - id: disabled
          kind: forbidden
          words: [zut]
          enabled: false
    """)
    assert [f.rule for f in charter.check("zut", "chat")] == ["chat-only"]
    assert [f.rule for f in charter.check("zut", "draft")] == []
    assert [f.rule for f in charter.check("zut", "draft", "twitter")] == ["drafts-on-x"]
    assert [f.rule for f in charter.check("zut", "draft", "x")] == ["drafts-on-x"]
    assert [f.rule for f in charter.check("zut", "draft", "linkedin")] == []


def test_english_default_messages(make_charter):
    charter = make_charter("""
        - id: w
          kind: forbidden
          words: [darn]
    """, header="name: test\nlanguage: en-GB\n")
    (finding,) = charter.check("darn it", "chat")
    assert finding.message == "\u201cdarn\u201d is not allowed here (charter)."


def test_labels_follow_the_charter_language(make_charter):
    charter = make_charter("""
        - id: perso
          kind: personal_data
          detect: [phone]
        - id: unicode
          kind: unicode
          detect: [mixed_script]
        - id: max-hashtags
          kind: count
          item: hashtag
          min: 1
          message: "{count} {item}, max {max}"
    """)
    found = {f.rule: f.message for f in charter.check("Appelez le 06 12 34 56 78, pаypal", "chat")}
    assert found["perso"] == "Donnée personnelle (numéro de téléphone) : ne la publiez pas ici."
    assert found["unicode"] == "Caractères trompeurs (alphabets mélangés) dans le message."
    assert found["max-hashtags"] == "0 hashtag, max "


def test_ton_after_a_possessive_is_the_noun(make_charter):
    charter = make_charter("""
        - id: v
          kind: register
          expect: vous
    """)
    assert spans(charter, "Gardez votre ton, mon ton et son ton") == []
