"""Charter engine benchmark: messages per second against a naive baseline.

Builds a charter of 1,000 `forbidden` terms (French and English, 20 % phrases,
some wildcards), 50 `pattern` rules and one rule of every other kind, then
checks real chat messages (the SMS Spam Collection and French sentences from
the seed articles). Prints, for one core:

* the charter load time (parse, compile, examples) and peak memory;
* Garant's messages per second;
* the naive baseline measured in the same run (each term its own
  case-insensitive `re` search, what a hand-written bot would do) and the ratio;
* a scaling table: one message of 1,000 to 40,000 characters (Slack's maximum),
  clean and with a finding every ~30 characters, in µs per 1,000 characters —
  flat columns mean linear in the text's length and in the number of hits.

Usage: python benchmarks/charter_bench.py [--repeat N] [--baseline-messages N]
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.charter import CharterLibrary  # noqa: E402

SHARED = ROOT.parent / "shared"
SMS = SHARED / "data" / "sms-spam-collection" / "SMSSpamCollection.tsv"
SEEDS = SHARED / "seeds"
WORDLISTS = SHARED / "data" / "wordlists"

_SYLLABLE_TABLE = (
    "ba be bi bo bu ca ce ci co cu da de di do du fa fe fi fo ga ge gi go la le li lo lu "
    "ma me mi mo mu na ne ni no nu pa pe pi po ra re ri ro ru sa se si so su ta te ti to "
    "tu va ve vi vo za zé lé mé ré sé té çon gné ette ard asse"
)
SYLLABLES = _SYLLABLE_TABLE.split()


#: The English words among the terms: they go to a list declared `language: en`.
ENGLISH: set[str] = set()


def make_terms(count: int, rng: random.Random) -> list[str]:
    """Real FR/EN bad words, topped up with invented words; 20 % phrases, 5 % wildcards."""
    real = []
    for name in ("fr.txt", "en.txt"):
        path = WORDLISTS / name
        if path.exists():
            real += [w.strip() for w in path.read_text(encoding="utf-8").splitlines() if w.strip()]
    words = [w for w in real if " " not in w and w.isalpha()]
    if (WORDLISTS / "en.txt").exists():
        ENGLISH.update(line.strip() for line in
                       (WORDLISTS / "en.txt").read_text(encoding="utf-8").splitlines())
    terms: list[str] = []
    seen: set[str] = set()
    while len(terms) < count:
        if words and rng.random() < 0.45:
            word = rng.choice(words)
        else:
            word = "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(2, 4)))
        if rng.random() < 0.20:
            word = f"{word} {''.join(rng.choice(SYLLABLES) for _ in range(2))}"
        elif rng.random() < 0.06:
            word = rng.choice([f"{word}*", f"*{word}"])
        if word not in seen:
            seen.add(word)
            terms.append(word)
    return terms


def make_patterns(count: int, rng: random.Random) -> list[str]:
    templates = [
        r"\b{w}\w* \d+ ?(€|euros|eur)",
        r"(gagn|win)\w* (un|une|a|an) {w}",
        r"\b{w}[ .-]?(gratuit|free)\b",
        r"(appel|call|text|txt)\w* (le |au )?\d{{4,}}.*{w}",
        r"{w}\d{{2,}}",
    ]
    out = []
    for i in range(count):
        word = "".join(rng.choice(SYLLABLES) for _ in range(2))
        out.append(templates[i % len(templates)].format(w=word))
    return out


OTHER_RULES = """
  - id: vocabulaire
    kind: replace
    swap: {followers: abonnés, feedback: retour, deadline: échéance}
  - id: vouvoiement
    kind: register
    expect: vous
  - id: concours
    kind: conditional
    if: [concours, contest]
    then: [règlement, rules]
  - id: hashtags
    kind: count
    item: hashtag
    max: 3
  - id: longueur
    kind: length
    max: {twitter: 280, default: 2000}
  - id: liens
    kind: links
    deny_domains: [casino.example, spam.example]
    shorteners: deny
    invites: deny
  - id: perso
    kind: personal_data
    detect: [email, phone, iban, card]
  - id: flood
    kind: repetition
    times: 3
    within: 2m
  - id: unicode
    kind: unicode
    detect: [invisible, zalgo, mixed_script]
"""


def write_charter(directory: Path, terms: list[str], patterns: list[str]) -> Path:
    def quote(s: str) -> str:
        return "'" + s.replace("'", "''") + "'"

    lines = ["name: bench", "language: fr", "lists:"]
    for language in ("fr", "en"):
        lines += [f"  {language}:", f"    language: {language}", "    words:"]
        lines += [f"      - {quote(t)}" for t in terms if (t.strip("*") in ENGLISH) == (
            language == "en")]
    lines += ["rules:", "  - id: mots", "    kind: forbidden", "    words: ['@fr', '@en']"]
    for i, pattern in enumerate(patterns):
        lines += [f"  - id: motif-{i}", "    kind: pattern", f"    regex: {quote(pattern)}"]
    path = directory / "bench.yaml"
    path.write_text("\n".join(lines) + OTHER_RULES, encoding="utf-8")
    return path


def load_messages() -> list[str]:
    messages = []
    if SMS.exists():
        for line in SMS.read_text(encoding="utf-8").splitlines()[1:]:
            _, _, text = line.partition("\t")
            if text.strip():
                messages.append(text)
    for seed in sorted(SEEDS.glob("*.txt")):
        text = seed.read_text(encoding="utf-8")
        for sentence in re.split(r"(?<=[.!?])\s+", text):
            sentence = sentence.strip()
            if 20 <= len(sentence) <= 400:
                messages.append(sentence)
    if not messages:
        raise SystemExit("no messages found: is ../shared beside the project?")
    return messages


def naive_baseline(terms: list[str]) -> list[re.Pattern[str]]:
    compiled = []
    for term in terms:
        core = re.escape(term.strip("*"))
        left = "" if term.startswith("*") else r"\b"
        right = "" if term.endswith("*") else r"\b"
        compiled.append(re.compile(left + core + right, re.IGNORECASE))
    return compiled


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="passes over the messages")
    parser.add_argument("--baseline-messages", type=int, default=1500,
                        help="messages used to time the naive baseline")
    args = parser.parse_args()
    rng = random.Random(2026)
    terms = make_terms(1000, rng)
    patterns = make_patterns(50, rng)
    messages = load_messages()

    with tempfile.TemporaryDirectory() as tmp:
        path = write_charter(Path(tmp), terms, patterns)
        tracemalloc.start()
        started = time.perf_counter()
        charter = CharterLibrary([Path(tmp)]).load(str(path))
        load_seconds = time.perf_counter() - started
        _, peak_load = tracemalloc.get_traced_memory()
        tracemalloc.stop()

    # Warm up (RE2 builds its DFA lazily, the fold table fills its cache).
    for text in messages[:500]:
        charter.check(text, "chat")
    best = 0.0
    findings = 0
    for _ in range(args.repeat):
        started = time.perf_counter()
        findings = sum(len(charter.check(text, "chat")) for text in messages)
        best = max(best, len(messages) / (time.perf_counter() - started))

    tracemalloc.start()
    for text in messages[:2000]:
        charter.check(text, "chat")
    _, peak_check = tracemalloc.get_traced_memory()
    tracemalloc.stop()

    sample = messages[: args.baseline_messages]
    baseline = naive_baseline(terms)
    started = time.perf_counter()
    naive_hits = sum(1 for text in sample for regex in baseline if regex.search(text))
    naive_rate = len(sample) / (time.perf_counter() - started)

    print(f"charter: {len(terms)} forbidden terms, {len(patterns)} patterns, "
          f"{len(charter.rules)} rules in all")
    print(f"messages: {len(messages)} (SMS Spam Collection + French seed sentences), "
          f"average {sum(map(len, messages)) / len(messages):.0f} characters")
    print(f"load time: {load_seconds * 1000:.0f} ms (target < 1000 ms)")
    print(f"peak memory: load {peak_load / 2**20:.1f} MiB, checking {peak_check / 2**20:.1f} MiB "
          "(Python allocations, tracemalloc); process peak RSS "
          f"{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    print(f"garant: {best:,.0f} messages/s on one core, {1e6 / best:.1f} µs/message "
          f"({findings} findings per pass)")
    print(f"naive baseline (one re.search per term): {naive_rate:,.0f} messages/s "
          f"({naive_hits} term hits on {len(sample)} messages)")
    print(f"ratio: {best / naive_rate:.1f}x the naive baseline (target >= 40x)")
    scaling(charter, messages)


def scaling(charter, messages: list[str]) -> None:
    clean = " ".join(m for m in messages if not charter.check(m, "chat"))
    dirty = " ".join(f"{word} ligne {i} du message" for i, word in enumerate(
        ["connard", "c0nn4rd", "merde", "s a l o p e"] * 3000))
    print("\nlength scaling, µs per 1,000 characters (one message each, best of 3):")
    print(f"  {'characters':>10} {'clean':>8} {'with hits':>10} {'findings':>9}")
    for length in (1_000, 5_000, 10_000, 20_000, 40_000):
        row = []
        for text in (clean[:length], dirty[:length]):
            best = min(_timed(charter, text) for _ in range(3))
            row.append(best * 1e6 / (length / 1000))
        findings = len(charter.check(dirty[:length], "chat"))
        print(f"  {length:>10,} {row[0]:>8.0f} {row[1]:>10.0f} {findings:>9}")


def _timed(charter, text: str) -> float:
    started = time.perf_counter()
    charter.check(text, "chat")
    return time.perf_counter() - started


if __name__ == "__main__":
    main()
