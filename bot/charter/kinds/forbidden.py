"""`forbidden`: words and phrases that must not appear (term lists, `*` wildcards,
`except` lists), matched through the charter's term index.
"""

from __future__ import annotations

from bot.charter.kinds.base import Build, Match, RuleKind, Scan, Wake, register_kind
from bot.charter.normalise import fold
from bot.charter.terms import Hit
from bot.located import fields
from bot.located.yamlsrc import LocatedDict


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
            shields = scan.hits[self.excepted]
            hits = [h for h in hits
                    if not any(s.start <= h.start and h.end <= s.end for s in shields)]
        return _hit_matches(hits)
