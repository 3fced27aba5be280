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
    `gratuit` to catch "GRATUIT" and "gratüit". With `normalise: true`, on the text
    as the word rules read it: digits and symbols inside words as letters (g@gné),
    every run of spaces and punctuation as one space.

        - id: argent-facile
          kind: pattern
          regex: 'gagne[rz]? \\d+ ?(€|euros)'
          normalise: false   # the default
    """

    kind = "pattern"
    keys = ("regex", "normalise")
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
        self.normalised = fields.boolean(raw, "normalise", False)

    def check(self, scan: Scan) -> list[Match]:
        found = []  # woken by the engine only when the RE2 set says this pattern matched
        views = scan.views
        text = views.normalised if self.normalised else views.folded
        back = views.normalised_to_original if self.normalised else views.folded_to_original
        for m in self.regex.finditer(text):
            if m.end() > m.start():
                found.append(Match(*back(m.start(), m.end())))
            if len(found) >= 20:
                break
        return found
