"""`pattern`: an expert regular expression, compiled with RE2 (linear time; see
`bot/charter/regexes.py`), woken only when the charter's one RE2 set search says
it matched."""

from __future__ import annotations

from bot.charter.kinds.base import Build, Match, RuleKind, Scan, Wake, register_kind
from bot.charter.regexes import compile_pattern
from bot.located import fields
from bot.located.yamlsrc import LocatedDict


@register_kind
class Pattern(RuleKind):
    """An expert regular expression (RE2 syntax: no look-arounds, no backreferences).

    It is matched case-insensitively on the text without accents, so write
    `gratuit` to catch "GRATUIT" and "gratüit".

        - id: argent-facile
          kind: pattern
          regex: 'gagne[rz]? \\d+ ?(€|euros)'
    """

    kind = "pattern"
    keys = ("regex",)
    wake = Wake.PATTERN
    messages = {
        "fr": "Formulation à éviter selon la charte : « {match} ».",
        "en": "Wording the charter asks to avoid: \u201c{match}\u201d.",
    }

    def __init__(self, raw: LocatedDict, build: Build, rule_id: str) -> None:
        super().__init__(raw, build, rule_id)
        source = fields.text(raw, "regex", required=True)
        assert source is not None
        self.source = source
        self.regex = compile_pattern(source, raw.where("regex"))

    def check(self, scan: Scan) -> list[Match]:
        found = []  # woken by the engine only when the RE2 set says this pattern matched
        for m in self.regex.finditer(scan.views.folded):
            if m.end() > m.start():
                start, end = scan.views.folded_to_original(m.start(), m.end())
                found.append(Match(start, end))
            if len(found) >= 20:
                break
        return found
