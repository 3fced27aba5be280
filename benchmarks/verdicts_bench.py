"""Verdicts benchmark: how right the bundled `coop-fr` charter is on hard French and English.

Prints, for the chat context:

* recall on `tests/data/verdicts/disguised.tsv` (insults and personal data disguised
  the ways people evade filters: plurals, leet, masks, pieces, look-alike letters,
  obfuscated e-mail addresses...), by kind, against the same-run baseline of a
  word-boundary regex bot over the same word lists (what most bots and Discord
  AutoMod's keyword filter do), with the misses listed;
* the share of the hard clean texts of `tests/data/verdicts/clean.txt` (everyday
  French that folds onto a bad word: retard, râpé, pain bâtard, 5,5 %, A55, SIRET...)
  that Garant flags or blocks, against the same baseline, with the alarms listed;
* the alarms on every French string of the gettext catalogues installed on the machine
  (`/usr/share/locale/fr/LC_MESSAGES/*.mo`: tens of thousands of real French interface
  strings, placeholders and option names included), per rule, with a sample;
* the word-rule findings on the seed articles (`../shared/seeds`: there must be none);
* per rule, its findings on the SMS Spam Collection (ham and spam), with a sample to
  read: the precision reported in docs/performance.md comes from reading them.

Targets (issue 14): recall >= 95 %, clean texts flagged or blocked <= 2 %.
Usage: python benchmarks/verdicts_bench.py [--show N]
"""

from __future__ import annotations

import argparse
import gettext
import re
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.charter import CharterLibrary, bundled_charters_dir  # noqa: E402

DATA = ROOT / "tests" / "data" / "verdicts"
SHARED = ROOT.parent / "shared"
SMS = SHARED / "data" / "sms-spam-collection" / "SMSSpamCollection.tsv"
LISTS = ROOT / "charters" / "lists"
RULES = {"insult": {"insultes", "grossieretes"},
         "personal": {"coordonnees", "donnees-bancaires"}}
STOPPING = {"flag", "block"}


def naive_bot() -> list[re.Pattern[str]]:
    """A word-boundary regex per term of the bundled lists, case-insensitive."""
    terms = []
    for name in ("insultes-fr.txt", "insults-en.txt", "ldnoobw-fr.txt", "ldnoobw-en.txt"):
        for line in (LISTS / name).read_text(encoding="utf-8").splitlines():
            term = line.split("#", 1)[0].strip()
            if term:
                terms.append(term)
    return [re.compile(r"\b" + re.escape(term) + r"\b", re.IGNORECASE) for term in terms]


def naive_hits(bot: list[re.Pattern[str]], text: str) -> list[tuple[int, int]]:
    return [m.span() for regex in bot for m in regex.finditer(text)]


def recall(charter, bot, show: int) -> None:
    path = DATA / "disguised.tsv"
    rows = [line.split("\t") for line in path.read_text(encoding="utf-8").splitlines()[1:]
            if line.strip()]
    found: Counter[str] = Counter()
    naive: Counter[str] = Counter()
    total: Counter[str] = Counter()
    missed = []
    for kind, text, target in rows:
        start = text.index(target)
        end = start + len(target)
        total[kind] += 1
        hit = any(f.rule in RULES[kind] and f.start < end and start < f.end
                  for f in charter.check(text, "chat"))
        found[kind] += hit
        if kind == "insult":
            naive[kind] += any(s < end and start < e for s, e in naive_hits(bot, text))
        if not hit:
            missed.append((kind, target, text))
    all_found, all_total = sum(found.values()), sum(total.values())
    print(f"Disguised texts: {all_found}/{all_total} found "
          f"({100 * all_found / all_total:.1f} %, target >= 95 %)")
    for kind in sorted(total):
        baseline = (f"; word-boundary bot {naive[kind]}/{total[kind]} "
                    f"({100 * naive[kind] / total[kind]:.0f} %)") if kind == "insult" else ""
        print(f"    {kind:<9} {found[kind]}/{total[kind]} "
              f"({100 * found[kind] / total[kind]:.1f} %){baseline}")
    for kind, target, text in missed[:show]:
        print(f"    missed {kind}: {target!r} in {text[:70]!r}")


# Disguises applied to every term of the insult lists, not hand-picked: a check that the
# hand-written corpus above is not the only thing the engine is good at.
_LEET = str.maketrans({"o": "0", "a": "4", "e": "3", "i": "1", "s": "$"})
_CYRILLIC = str.maketrans({"a": "а", "e": "е", "o": "о", "c": "с", "p": "р"})
_FULLWIDTH = {c: chr(ord(c) - ord("a") + 0xFF41) for c in "abcdefghijklmnopqrstuvwxyz"}
_BOLD = {c: chr(ord(c) - ord("a") + 0x1D41A) for c in "abcdefghijklmnopqrstuvwxyz"}
_SMALL = dict(zip("abcdefghijklmnoprstuvwyz", "ᴀʙᴄᴅᴇꜰɢʜɪᴊᴋʟᴍɴᴏᴘʀꜱᴛᴜᴠᴡʏᴢ", strict=True))


def _middle(word: str, sign: str) -> str:
    cut = len(word) // 2
    return word[:cut] + sign + word[cut:]


def _mask(word: str) -> str:
    vowels = [i for i, c in enumerate(word) if c in "aeiou" and 0 < i < len(word) - 1]
    return word if not vowels else word[:vowels[0]] + "*" + word[vowels[0] + 1:]


DISGUISES = {
    "as listed": lambda w: w,
    "capitals": str.upper,
    "leet": lambda w: w.translate(_LEET),
    "masked": _mask,
    "spaced": lambda w: " ".join(w.replace(" ", "")),
    "dotted": lambda w: ".".join(w.replace(" ", "")),
    "stretched": lambda w: w[:-1] + w[-1] * 5 if w[-1].isalpha() else w,
    "emoji inside": lambda w: _middle(w, "😂"),
    "zero-width inside": lambda w: _middle(w, "\u200b"),
    "fullwidth": lambda w: "".join(_FULLWIDTH.get(c, c) for c in w),
    "bold": lambda w: "".join(_BOLD.get(c, c) for c in w),
    "small capitals": lambda w: "".join(_SMALL.get(c, c) for c in w),
    "Cyrillic letters": lambda w: w.translate(_CYRILLIC),
}


def generated(charter, show: int) -> None:
    terms = []
    for name in ("insultes-fr.txt", "insults-en.txt"):
        for line in (LISTS / name).read_text(encoding="utf-8").splitlines():
            term = line.split("#", 1)[0].strip()
            if term and "*" not in term and len(term.replace(" ", "")) >= 4:
                terms.append(term)
    print(f"\nGenerated disguises of the {len(terms)} insult terms of four letters or more "
          "(in \"franchement, ... !\"):")
    misses = []
    for name, disguise in DISGUISES.items():
        found = 0
        for term in terms:
            written = disguise(term.lower())
            text = f"franchement, {written} !"
            start = text.index(written)
            end = start + len(written)
            if any(f.rule == "insultes" and f.start < end and start < f.end
                   for f in charter.check(text, "chat")):
                found += 1
            else:
                misses.append((name, written))
        print(f"    {name:<18} {found}/{len(terms)} ({100 * found / len(terms):.0f} %)")
    for name, written in misses[:show]:
        print(f"    missed ({name}): {written!r}")


def false_alarms(charter, bot, show: int) -> None:
    texts = [line for line in (DATA / "clean.txt").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    stopped = []
    naive = 0
    for text in texts:
        findings = [f for f in charter.check(text, "chat") if f.action in STOPPING]
        if findings:
            stopped.append((text, findings))
        naive += bool(naive_hits(bot, text))
    print(f"\nHard clean texts: {len(texts)}; flagged or blocked: {len(stopped)} "
          f"({100 * len(stopped) / len(texts):.1f} %, target <= 2 %); word-boundary bot: "
          f"{naive} ({100 * naive / len(texts):.1f} %)")
    for text, findings in stopped[:show]:
        print(f"    {text[:70]!r}: {[(f.rule, f.match) for f in findings]}")


def catalogues(charter, show: int) -> None:
    files = sorted(Path("/usr/share/locale/fr/LC_MESSAGES").glob("*.mo"))
    if not files:
        print("\n(no French gettext catalogue on this machine)")
        return
    strings = 0
    per_rule: Counter[str] = Counter()
    samples: list[str] = []
    for path in files:
        try:
            with path.open("rb") as stream:
                catalog = gettext.GNUTranslations(stream)._catalog  # type: ignore[attr-defined]
        except (OSError, ValueError):
            continue
        for key, text in catalog.items():
            if not isinstance(text, str) or not text.strip() or key == "":
                continue  # "" is the catalogue's header (translators' addresses)
            strings += 1
            for f in charter.check(text, "chat"):
                if f.action in STOPPING:
                    per_rule[f.rule] += 1
                    if len(samples) < show:
                        samples.append(f"{path.stem}: {f.rule} {f.match!r} in {text[:60]!r}")
    alarms = sum(per_rule.values())
    print(f"\nFrench gettext catalogues: {strings} strings from {len(files)} files; "
          f"{alarms} flagged or blocked ({100 * alarms / max(strings, 1):.2f} %) "
          + ", ".join(f"{rule} {n}" for rule, n in per_rule.most_common()))
    for sample in samples:
        print(f"    {sample}")


def seeds(charter) -> None:
    findings = []
    links = 0
    for path in sorted((SHARED / "seeds").glob("*.txt")):
        for paragraph in path.read_text(encoding="utf-8").split("\n"):
            links += sum(f.rule == "liens-suspects" for f in charter.check(paragraph, "chat"))
            for context in ("chat", "draft"):
                findings += [(path.name, f.rule, f.match) for f in
                             charter.check(paragraph, context)
                             if f.kind in ("forbidden", "replace", "conditional")
                             and f.rule in RULES["insult"]]
    print(f"\nSeed articles: {links} suspicious link(s) (the casino spam pasted into two "
          "of them); "
          f"{len(findings)} insult or vulgarity finding(s) (target 0)"
          + "".join(f"\n    {name}: {rule} {match!r}" for name, rule, match in findings[:10]))


def sms(charter, show: int) -> None:
    if not SMS.exists():
        print(f"\n(no SMS corpus at {SMS})")
        return
    rows = [line.split("\t", 1) for line in SMS.read_text(encoding="utf-8").splitlines()[1:]]
    per_rule: dict[str, Counter[str]] = defaultdict(Counter)
    samples: dict[str, list[str]] = defaultdict(list)
    started = time.perf_counter()
    for label, text in rows:
        for rule in dict.fromkeys(f.rule for f in charter.check(text, "chat")):
            per_rule[rule][label] += 1
            if len(samples[rule]) < show:
                samples[rule].append(f"[{label}] {text[:90]!r}")
    seconds = time.perf_counter() - started
    print(f"\nSMS Spam Collection: {len(rows)} messages in {seconds:.2f} s; messages with a "
          "finding, per rule (ham / spam), and a sample to read:")
    for rule, labels in sorted(per_rule.items(), key=lambda item: -sum(item[1].values())):
        print(f"  {rule:<22} ham {labels['ham']:>4}  spam {labels['spam']:>4}")
        for sample in samples[rule]:
            print(f"      {sample}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=15, help="misses and alarms listed")
    args = parser.parse_args()
    charter = CharterLibrary([bundled_charters_dir()]).load("coop-fr")
    bot = naive_bot()
    if (DATA / "disguised.tsv").exists():
        recall(charter, bot, args.show)
        generated(charter, args.show)
        false_alarms(charter, bot, args.show)
    else:
        print(f"(no corpus in {DATA})")
    catalogues(charter, args.show)
    seeds(charter)
    sms(charter, min(args.show, 5))


if __name__ == "__main__":
    main()
