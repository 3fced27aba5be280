"""`register`: one register only, vouvoiement or tutoiement.
"""

from __future__ import annotations

import re

from bot.charter.kinds.base import Build, Match, RuleKind, Scan, register_kind
from bot.located import fields
from bot.located.yamlsrc import LocatedDict

_TU_FORMS = {"tu": "vous", "te": "vous", "toi": "vous", "ton": "votre", "ta": "votre",
             "tes": "vos", "t'": "vous"}
_VOUS_FORMS = {"vous": "tu", "votre": "ton / ta", "vos": "tes", "votres": "tiens / tiennes"}
# Each form, not inside a word. Written to start with its letter, so that `re` jumps
# from "t" to "t" (a look-behind first is tried at every position: three times slower).
_TU_RE = re.compile(r"t(?<![\w']t)(?:(?:u|e|oi|on|a|es)(?![\w'])|'(?=[a-z]))")
_VOUS_RE = re.compile(r"v(?<![\w']v)(?:ous|otre|os|otres)(?![\w'])")
# "ton" is also a noun ("le ton de la marque"): after these words it is not "your".
_TON_NOUN = re.compile(
    r"(?:^|\W)(?:le|un|du|au|ce|cet|bon|mauvais|meme|quel|de|sur|mon|son|notre|votre|leur)\W+$")


@register_kind
class Register(RuleKind):
    """One register only: vouvoiement (`expect: vous`) or tutoiement (`expect: tu`).

        - id: vouvoiement
          kind: register
          expect: vous
    """

    kind = "register"
    keys = ("expect",)
    default_action = "suggest"
    messages = {
        "fr": "La charte demande le {register} : « {match} » → « {suggestion} ».",
        "en": "The charter asks for \u201c{expect}\u201d: \u201c{match}\u201d → "
              "\u201c{suggestion}\u201d.",
    }
    placeholders = ("match", "suggestion", "register", "expect")

    def __init__(self, raw: LocatedDict, build: Build, rule_id: str) -> None:
        super().__init__(raw, build, rule_id)
        self.expect = fields.choice(raw, "expect", ["vous", "tu"])
        self.pattern = _TU_RE if self.expect == "vous" else _VOUS_RE
        self.forms = _TU_FORMS if self.expect == "vous" else _VOUS_FORMS

    def check(self, scan: Scan) -> list[Match]:
        folded = scan.views.folded
        found = []
        for m in self.pattern.finditer(folded):
            form = m.group()
            if form == "ton" and _TON_NOUN.search(folded, 0, m.start()):
                continue
            start, end = scan.views.folded_to_original(m.start(), m.end())
            register = "vouvoiement" if self.expect == "vous" else "tutoiement"
            found.append(Match(start, end, self.forms[form],
                               {"register": register, "expect": self.expect}))
        return found
