"""`forbidden`: words and phrases that must not appear (term lists, `*` wildcards,
`except` lists), matched through the charter's term index.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from bot.charter.kinds.base import Build, Match, RuleKind, Scan, Wake, register_kind
from bot.charter.normalise import fold
from bot.charter.terms import Hit
from bot.located import fields
from bot.located.yamlsrc import LocatedDict


def unshielded(hits: list[Hit], shields: list[Hit]) -> list[Hit]:
    """The hits that lie inside no exception's hit, in O((n + m) log m)."""
    ordered = sorted((s.start, s.end) for s in shields)
    starts = [start for start, _ in ordered]
    reach = list(accumulate((end for _, end in ordered), max))  # furthest end so far
    # A hit is shielded when some shield starts at or before it and ends at or after it.
    return [h for h in hits
            if not (i := bisect_right(starts, h.start)) or reach[i - 1] < h.end]


def _hit_matches(hits: list[Hit]) -> list[Match]:
    return [Match(h.start, h.end) for h in hits]


@register_kind
class Forbidden(RuleKind):
    """Words and phrases that must not appear.

        - id: insultes
          kind: forbidden
          words: ["@insultes-fr", "fils de", "con*"]
          except: [conseil, console]
          inflect: true   # the default: connard also finds connards, connarde, connardes
    """

    kind = "forbidden"
    wake = Wake.TERMS
    keys = ("words", "except", "strict", "inflect")
    messages = {
        "fr": "« {match} » n'a pas sa place ici (charte).",
        "en": "\u201c{match}\u201d is not allowed here (charter).",
    }

    def __init__(self, raw: LocatedDict, build: Build, rule_id: str) -> None:
        super().__init__(raw, build, rule_id)
        strict = fields.boolean(raw, "strict", False)
        inflect = fields.boolean(raw, "inflect", True)
        words = build.terms(raw, "words", required=True)
        self.words = build.index_terms(words, strict, inflect)
        excepted = build.terms(raw, "except")
        listed = frozenset(fold(term.text) for term in words)
        self.excepted = build.index_terms(excepted, strict, inflect, keep=listed) \
            if excepted else None
        # The terms as written (lists expanded), for mirroring into native filters
        # such as Discord AutoMod.
        self.terms: tuple[str, ...] = tuple(term.text for term in words)
        self.exceptions: tuple[str, ...] = tuple(term.text for term in excepted)
        self.triggers = (self.words,)

    def term_groups(self) -> list[tuple[str, int]]:
        excepted = [("except", self.excepted)] if self.excepted is not None else []
        return [("words", self.words), *excepted]

    def check(self, scan: Scan) -> list[Match]:
        hits = scan.hits.get(self.words, [])
        if self.excepted is not None and self.excepted in scan.hits:
            hits = unshielded(hits, scan.hits[self.excepted])
        return _hit_matches(hits)
