"""Proofing benchmark: the typography, spelling and grammar rule kinds on French drafts.

Prints, for one core:

* the time to check a 300-character draft with typography + spelling (target ≤ 1 ms)
  and with grammar (target ≤ 30 ms), clean and with mistakes, against the bare
  libraries underneath measured in the same run (Hunspell's `spell` on the same
  words; Grammalecte's `getParagraphErrors` on the same text);
* the quality on the French posts of `tests/data/proofing/`: the share of correct
  posts that get a finding (target ≤ 3 %) and the share of mistakes found, by kind
  (target ≥ 90 %), with the misses and false alarms listed for reading.

Usage: python benchmarks/proofing_bench.py [--repeat N] [--show N]
"""

from __future__ import annotations

import argparse
import re
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.charter import CharterLibrary  # noqa: E402
from bot.charter.kinds import grammar, spelling  # noqa: E402

DATA = ROOT / "tests" / "data" / "proofing"
NNBSP, NBSP = "\u202f", "\u00a0"

#: A typical 300-character draft, flawless.
CLEAN = (f"Nos soldes d'hiver commencent mercredi{NBSP}: venez découvrir nos nouvelles "
         f"collections et profiter de remises exceptionnelles sur toute la boutique. Notre "
         f"équipe vous accueille du lundi au samedi, de 10 h à 19 h, avec le sourire{NNBSP}! "
         f"Retrouvez aussi nos conseils sur le blog. #soldes")
#: The same with a spelling, a grammar and a typography mistake.
FAULTY = CLEAN.replace("exceptionnelles", "exceptionelles").replace(
    "venez découvrir", "venez découvert").replace(f"sourire{NNBSP}!", "sourire!")

FAST = """\
language: fr
rules:
  - id: typographie
    kind: typography
    applies_to: [draft]
  - id: orthographe
    kind: spelling
    applies_to: [draft]
"""
GRAMMAR = """\
  - id: grammaire
    kind: grammar
    applies_to: [draft]
"""


def per_call(function, repeat: int) -> float:
    function()  # warm: dictionaries loaded, suggestions remembered
    start = time.perf_counter()
    for _ in range(repeat):
        function()
    return (time.perf_counter() - start) / repeat * 1000


def charters(directory: Path):
    (directory / "proofing.yaml").write_text("name: proofing\n" + FAST + GRAMMAR,
                                             encoding="utf-8")
    (directory / "fast.yaml").write_text("name: fast\n" + FAST, encoding="utf-8")
    library = CharterLibrary([directory])
    return library.load("proofing"), library.load("fast")


def speed(full, fast, repeat: int) -> None:
    words = re.findall(r"[^\W\d_]+(?:[-’'][^\W\d_]+)*", CLEAN)
    hunspell = spelling.dictionary("fr").hunspell
    print(f"Draft of {len(CLEAN)} characters, {len(words)} words, one core, {repeat} runs")
    rows = [("typography + spelling, clean", lambda: fast.check(CLEAN), repeat, "target ≤ 1 ms"),
            ("typography + spelling, 3 mistakes", lambda: fast.check(FAULTY), repeat,
             "suggestions remembered"),
            ("bare Hunspell spell() on its words", lambda: [hunspell.spell(w) for w in words],
             repeat, "baseline")]
    for label, call, times, note in rows:
        print(f"  {label:<36} {per_call(call, times):7.3f} ms   ({note})")
    start = time.perf_counter()
    hunspell.suggest("exceptionelles")
    print(f"  {'one bare Hunspell suggest()':<36} {(time.perf_counter() - start) * 1000:7.1f} ms"
          "   (why suggestions are remembered)")
    try:
        checker = grammar.checker()
    except grammar.GrammarUnavailable as exc:
        print(f"  grammar: off ({exc})")
        return
    fewer = max(repeat // 10, 1)
    rows = [("all three, clean", lambda: full.check(CLEAN), fewer, "target ≤ 30 ms"),
            ("all three, 3 mistakes", lambda: full.check(FAULTY), fewer, ""),
            ("bare Grammalecte on the same text", lambda: checker.getParagraphErrors(CLEAN),
             fewer, "baseline")]
    for label, call, times, note in rows:
        print(f"  {label:<36} {per_call(call, times):7.3f} ms" + (f"   ({note})" if note else ""))


def quality(full, show: int) -> None:
    clean_file, errors_file = DATA / "clean.txt", DATA / "errors.tsv"
    if not clean_file.exists() or not errors_file.exists():
        print(f"(no corpus in {DATA})")
        return
    posts = [line for line in clean_file.read_text(encoding="utf-8").splitlines() if line.strip()]
    alarms = [(post, full.check(post)) for post in posts]
    flagged = [(post, found) for post, found in alarms if found]
    print(f"\nCorrect posts: {len(posts)}; with a finding: {len(flagged)} "
          f"({100 * len(flagged) / len(posts):.1f} %, target ≤ 3 %)")
    for post, found in flagged[:show]:
        print(f"    {post[:70]!r}: {[(f.rule, f.match) for f in found]}")
    rows = [line.split("\t") for line in errors_file.read_text(encoding="utf-8").splitlines()[1:]
            if line.strip()]
    by_kind: dict[str, list[int]] = {}
    missed = []
    for kind, post, wrong, _right in rows:
        start = post.index(wrong)
        end = start + len(wrong)
        found = any(f.start < end and start < f.end for f in full.check(post))
        by_kind.setdefault(kind, [0, 0])[0] += found
        by_kind[kind][1] += 1
        if not found:
            missed.append((kind, wrong, post))
    total = sum(n for n, _ in by_kind.values()), sum(t for _, t in by_kind.values())
    print(f"Mistakes found: {total[0]}/{total[1]} ({100 * total[0] / total[1]:.1f} %, "
          "target ≥ 90 %)")
    for kind, (n, t) in sorted(by_kind.items()):
        print(f"    {kind:<11} {n}/{t} ({100 * n / t:.0f} %)")
    for kind, wrong, post in missed[:show]:
        print(f"    missed {kind}: {wrong!r} in {post[:60]!r}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=1000)
    parser.add_argument("--show", type=int, default=12, help="misses and alarms listed")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as directory:
        full, fast = charters(Path(directory))
        speed(full, fast, args.repeat)
        quality(full, args.show)


if __name__ == "__main__":
    main()
