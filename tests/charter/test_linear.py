"""The interval helpers that keep long messages linear agree with the obvious
quadratic definitions, and a long message gets every finding a short one gets."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from bot.charter import CharterLibrary, bundled_charters_dir
from bot.charter.kinds.forbidden import unshielded
from bot.charter.kinds.spans import Span, outside
from bot.charter.normalise import TextViews
from bot.charter.terms import Hit, TermIndex

intervals = st.lists(st.tuples(st.integers(0, 60), st.integers(1, 12)).map(
    lambda t: (t[0], t[0] + t[1])), max_size=25)


@given(intervals, intervals)
def test_outside_keeps_exactly_the_spans_that_overlap_nothing(spans, taken) -> None:
    items = [Span(s, e, "") for s, e in spans]
    expected = [x for x in items if not any(x.start < e and s < x.end for s, e in taken)]
    assert outside(items, taken) == expected


@given(intervals, intervals)
def test_unshielded_keeps_exactly_the_hits_inside_no_shield(hits, shields) -> None:
    found = [Hit(0, "t", s, e) for s, e in hits]
    shield_hits = [Hit(1, "x", s, e) for s, e in shields]
    expected = [h for h in found
                if not any(s <= h.start and h.end <= e for s, e in shields)]
    assert unshielded(found, shield_hits) == expected


def test_overlapping_terms_keep_the_longest_wherever_they_are() -> None:
    index = TermIndex()
    group = index.new_group()
    for term in ("fils de pute", "pute", "fils"):
        index.add(group, term, strict=False)
    index.build()
    text = "fils de pute, pute et fils " * 300
    hits = index.scan(TextViews(text))[group]
    assert [text[h.start:h.end] for h in hits[:3]] == ["fils de pute", "pute", "fils"]
    assert len(hits) == 900


def test_a_long_message_gets_every_finding_of_its_parts() -> None:
    coop = CharterLibrary([bundled_charters_dir()]).load("coop-fr")
    part = "Quel connard ce c0nn4rd ! Appelez le 06 12 34 56 78. Bonne journée. "
    one = [(f.rule, f.match) for f in coop.check(part, "chat")]
    many = [(f.rule, f.match) for f in coop.check(part * 500, "chat")]
    assert len(one) == 3
    assert many == one * 500
