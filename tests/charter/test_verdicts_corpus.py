"""The bundled co-op charter on hard French and English: disguised insults and personal
data are found, everyday French that folds onto a bad word is left alone.

`tests/data/verdicts/` holds chat messages written for these checks: `disguised.tsv`
(kind, message, the part that must be found: plurals, leet, masks, chunks, look-alike
letters, obfuscated addresses, numbers in other digits...) and `clean.txt` (retard,
râpé, pain bâtard, 5,5 %, A55, SIRET, μg, place names, Scunthorpe words...). The
issue's targets: at least 95 % found, at most 2 % of clean texts flagged or blocked.
`benchmarks/verdicts_bench.py` lists the misses and alarms beside a word-boundary bot.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.charter import CharterLibrary, bundled_charters_dir

DATA = Path(__file__).resolve().parents[1] / "data" / "verdicts"
RULES = {"insult": {"insultes", "grossieretes"},
         "personal": {"coordonnees", "donnees-bancaires"}}


@pytest.fixture(scope="module")
def coop():
    return CharterLibrary([bundled_charters_dir()]).load("coop-fr")


def test_disguised_insults_and_personal_data_are_found(coop) -> None:
    rows = [line.split("\t") for line in
            (DATA / "disguised.tsv").read_text(encoding="utf-8").splitlines()[1:] if line]
    missed = []
    for kind, text, target in rows:
        start = text.index(target)
        end = start + len(target)
        if not any(f.rule in RULES[kind] and f.start < end and start < f.end
                   for f in coop.check(text, "chat")):
            missed.append((kind, text))
    assert len(rows) >= 250
    assert len(missed) <= 0.05 * len(rows), missed


def test_hard_clean_french_is_rarely_flagged(coop) -> None:
    texts = [line for line in (DATA / "clean.txt").read_text(encoding="utf-8").splitlines()
             if line.strip()]
    alarms = [(text, [(f.rule, f.match) for f in coop.check(text, "chat")
                      if f.action in ("flag", "block")]) for text in texts]
    alarms = [alarm for alarm in alarms if alarm[1]]
    assert len(texts) >= 280
    assert len(alarms) <= 0.02 * len(texts), alarms


@pytest.mark.parametrize("text", [
    "Le train a vingt minutes de retard.",
    "Ajoutez du fromage râpé.",
    "La TVA passe à 5,5 % ; bouchon sur l'A55.",
    "Notre SIRET : 732 829 320 00074",
    "Lot 0123456789 rappelé par le fabricant.",
    "Prenez 50 μg de vitamine D.",
])
def test_the_issue_s_examples_of_wrong_blocks_are_gone(coop, text: str) -> None:
    assert coop.check(text, "chat") == []
