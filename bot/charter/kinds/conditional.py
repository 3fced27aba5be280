"""`conditional`: when one term appears, another must too.
"""

from __future__ import annotations

from bot.charter.kinds.base import Build, Match, RuleKind, Scan, Wake, register_kind
from bot.located import fields
from bot.located.yamlsrc import LocatedDict


@register_kind
class Conditional(RuleKind):
    """When one term appears, another must too ("concours" needs "règlement").

        - id: concours-reglement
          kind: conditional
          if: [concours, jeu-concours, "à gagner"]
          then: [règlement, "conditions de participation"]
    """

    kind = "conditional"
    wake = Wake.TERMS
    keys = ("if", "then", "strict", "inflect")
    messages = {
        "fr": "« {match} » demande aussi de mentionner : {suggestion}.",
        "en": "\u201c{match}\u201d also requires a mention of: {suggestion}.",
    }

    def __init__(self, raw: LocatedDict, build: Build, rule_id: str) -> None:
        super().__init__(raw, build, rule_id)
        strict = fields.boolean(raw, "strict", False)
        inflect = fields.boolean(raw, "inflect", True)
        self.when = build.index_terms(build.terms(raw, "if", required=True), strict, inflect)
        then = build.terms(raw, "then", required=True)
        self.then = build.index_terms(then, strict, inflect)
        self.expected = " / ".join(term.text.strip("*") for term in then[:3])
        self.triggers = (self.when,)

    def term_groups(self) -> list[tuple[str, int]]:
        return [("if", self.when), ("then", self.then)]

    def check(self, scan: Scan) -> list[Match]:
        if self.then in scan.hits:
            return []
        first = scan.hits[self.when][0]
        return [Match(first.start, first.end, self.expected)]
