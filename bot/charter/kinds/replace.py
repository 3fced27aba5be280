"""`replace`: preferred terms: report the left one, suggest the right one.
"""

from __future__ import annotations

from bot.charter.kinds.base import Build, Match, RuleKind, Scan, Term, Wake, register_kind
from bot.located import fields
from bot.located.yamlsrc import LocatedDict, SourceError, quoted


@register_kind
class Replace(RuleKind):
    """Preferred terms: report the left one, suggest the right one.

        - id: vocabulaire
          kind: replace
          swap: {e-mail: courriel, "check-list": "liste de contrôle"}
    """

    kind = "replace"
    wake = Wake.TERMS
    keys = ("swap", "strict", "inflect")
    default_action = "suggest"
    messages = {
        "fr": "Préférez « {suggestion} » à « {match} ».",
        "en": "Prefer \u201c{suggestion}\u201d to \u201c{match}\u201d.",
    }

    def __init__(self, raw: LocatedDict, build: Build, rule_id: str) -> None:
        super().__init__(raw, build, rule_id)
        if "swap" not in raw:
            raise SourceError(raw.where_self, "missing required key 'swap' (a mapping bad: good)")
        swap = fields.require_mapping(raw["swap"], raw.where("swap"), quoted("swap"))
        if not swap:
            raise SourceError(raw.where("swap"), "'swap' must not be empty")
        self.suggestions: dict[str, str] = {}
        terms = []
        for bad, good in swap.items():
            if not isinstance(good, str | int | float) or isinstance(good, bool):
                raise SourceError(swap.where(bad), "the replacement for '{term}' must be text",
                                  term=bad)
            self.suggestions[bad] = str(good)
            terms.append(Term(bad, swap.where_key(bad), build.language))
        self.group = build.index_terms(terms, fields.boolean(raw, "strict", False),
                                       fields.boolean(raw, "inflect", True))
        self.triggers = (self.group,)

    def check(self, scan: Scan) -> list[Match]:
        return [Match(h.start, h.end, self.suggestions[h.term]) for h in scan.hits[self.group]]
