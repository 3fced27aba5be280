"""`repetition`: the same text posted again and again by one author in one channel.
"""

from __future__ import annotations

from bot.charter.kinds.base import Build, Match, RuleKind, Scan, register_kind
from bot.located import fields
from bot.located.yamlsrc import LocatedDict, SourceError


@register_kind
class Repetition(RuleKind):
    """The same text posted again and again by one author in one channel (flood).

        - id: flood
          kind: repetition
          times: 3
          within: 2m
    """

    kind = "repetition"
    keys = ("times", "within")
    default_action = "flag"
    live_only = True
    messages = {
        "fr": "Message répété {times} fois en {within} : merci de ne pas inonder le salon.",
        "en": "Same message {times} times within {within}: please don't flood the channel.",
    }
    placeholders = ("match", "suggestion", "times", "within")

    def __init__(self, raw: LocatedDict, build: Build, rule_id: str) -> None:
        super().__init__(raw, build, rule_id)
        times = fields.integer(raw, "times", 2)
        if times is None:
            raise SourceError(raw.where_self, "missing required key 'times' (2 or more)")
        self.times = times
        within = fields.duration(raw, "within", required=True)
        assert within is not None
        self.within = within
        self.within_text = str(raw["within"])

    def check(self, scan: Scan) -> list[Match]:
        if scan.flood is None or scan.at is None:
            return []
        fingerprint = scan.views.words.strip()
        if not fingerprint:
            return []
        key = (self.rule_id, scan.author, scan.channel)
        count = scan.flood.seen(key, fingerprint, scan.at, self.within)
        if count < self.times:
            return []
        return [Match(0, len(scan.text), "", {"times": count, "within": self.within_text})]
