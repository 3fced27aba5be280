"""`links`: which links are welcome (denied or allowed domains, shorteners,
invitations); the link detectors are in `spans.py`.
"""

from __future__ import annotations

from bot.charter.kinds.base import Build, Match, RuleKind, Scan, register_kind
from bot.charter.kinds.spans import (
    Link,
    domain_matches,
    invite_kind,
    is_shortener,
)
from bot.located import fields
from bot.located.yamlsrc import LocatedDict, SourceError


@register_kind
class Links(RuleKind):
    """Which links are welcome: denied or allowed domains, shorteners, invitations.

        - id: liens
          kind: links
          deny_domains: [casino.example]
          shorteners: deny
          invites: deny
    """

    kind = "links"
    keys = ("deny_domains", "allow_domains", "shorteners", "invites")
    default_action = "flag"
    messages = {
        "fr": "Lien non autorisé par la charte : {match} ({reason}).",
        "en": "Link not allowed by the charter: {match} ({reason}).",
    }
    placeholders = ("match", "suggestion", "reason", "domain")
    reasons = {
        "fr": {"deny": "domaine interdit", "allow": "domaine hors liste autorisée",
               "shortener": "lien raccourci", "invite": "invitation"},
        "en": {"deny": "denied domain", "allow": "domain not on the allowed list",
               "shortener": "shortened link", "invite": "invite link"},
    }

    def __init__(self, raw: LocatedDict, build: Build, rule_id: str) -> None:
        super().__init__(raw, build, rule_id)
        self.deny = [d.lower().strip(".") for d, _ in fields.text_list(raw, "deny_domains")]
        allow = fields.text_list(raw, "allow_domains")
        self.allow = [d.lower().strip(".") for d, _ in allow] if "allow_domains" in raw else None
        self.no_shorteners = fields.choice(raw, "shorteners", ["deny", "allow"], "allow") == "deny"
        self.no_invites = fields.choice(raw, "invites", ["deny", "allow"], "allow") == "deny"
        if not (self.deny or self.allow is not None or self.no_shorteners or self.no_invites):
            raise SourceError(raw.where_self, "a links rule needs at least one of deny_domains, "
                              "allow_domains, shorteners: deny, invites: deny")
        self.language = build.language

    def _reason(self, link: Link) -> str | None:
        if any(domain_matches(link.domain, d) for d in self.deny):
            return "deny"
        if self.no_invites and invite_kind(link):
            return "invite"
        if self.no_shorteners and is_shortener(link.domain):
            return "shortener"
        if self.allow is not None and not any(
            domain_matches(link.domain, d) for d in self.allow
        ):
            return "allow"
        return None

    def check(self, scan: Scan) -> list[Match]:
        found = []
        for link in scan.links():
            reason = self._reason(link)
            if reason:
                label = self.reasons[self.language][reason]
                found.append(Match(link.start, link.end, "",
                                   {"reason": label, "domain": link.domain}))
        return found
