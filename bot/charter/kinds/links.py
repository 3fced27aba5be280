"""`links`: which links are welcome (denied or allowed domains, shorteners,
invitations, spam); the link detectors are in `spans.py`.

Link spam (the casino links pasted into the seed articles) comes as several links
each followed by words in another script than the message (Arabic anchors in a
French text) or with the trade's words in the address ("casino", "spelautomat").
Both tests are declared per rule (`foreign_anchors`, `spam_words`) and cost nothing
on messages without links.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from urllib.parse import unquote

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
          spam_words: [casino, poker, viagra]   # in the address or a link's label
          foreign_anchors: 2   # 2+ links whose text is in another script than the message
    """

    kind = "links"
    keys = ("deny_domains", "allow_domains", "shorteners", "invites", "spam_words",
            "foreign_anchors")
    default_action = "flag"
    messages = {
        "fr": "Lien non autorisé par la charte : {match} ({reason}).",
        "en": "Link not allowed by the charter: {match} ({reason}).",
    }
    placeholders = ("match", "suggestion", "reason", "domain")
    reasons = {
        "fr": {"deny": "domaine interdit", "allow": "domaine hors liste autorisée",
               "shortener": "lien raccourci", "invite": "invitation",
               "spam": "lien publicitaire", "foreign": "texte du lien dans un autre alphabet"},
        "en": {"deny": "denied domain", "allow": "domain not on the allowed list",
               "shortener": "shortened link", "invite": "invite link", "spam": "spam link",
               "foreign": "link text in another script"},
    }

    def __init__(self, raw: LocatedDict, build: Build, rule_id: str) -> None:
        super().__init__(raw, build, rule_id)
        self.deny = [d.lower().strip(".") for d, _ in fields.text_list(raw, "deny_domains")]
        allow = fields.text_list(raw, "allow_domains")
        self.allow = [d.lower().strip(".") for d, _ in allow] if "allow_domains" in raw else None
        self.no_shorteners = fields.choice(raw, "shorteners", ["deny", "allow"], "allow") == "deny"
        self.no_invites = fields.choice(raw, "invites", ["deny", "allow"], "allow") == "deny"
        words = [w.lower().strip() for w, _ in fields.text_list(raw, "spam_words")]
        self.spam = re.compile(
            "(?<![a-z])(?:" + "|".join(re.escape(w) for w in words if w) + ")") \
            if any(words) else None
        self.foreign = fields.integer(raw, "foreign_anchors", minimum=2) or 0
        if not (self.deny or self.allow is not None or self.no_shorteners or self.no_invites
                or self.spam or self.foreign):
            raise SourceError(raw.where_self, "a links rule needs at least one of deny_domains, "
                              "allow_domains, shorteners: deny, invites: deny, spam_words, "
                              "foreign_anchors")
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
        links = scan.links()
        if not links:
            return []
        reasons = [self._reason(link) for link in links]
        if self.spam is not None or self.foreign:
            anchors = _anchors(scan.text, links)
            if self.spam is not None:
                # The address, and a wrapped link's label; not the words after a plain
                # link ("c u soon.xxx" ends with kisses, not with a link's text).
                reasons = [reason or ("spam" if self.spam.search(
                    (unquote(link.url) + " " + _label(scan.text, link)).lower()) else None)
                    for reason, link in zip(reasons, links, strict=True)]
            if self.foreign and len(links) >= self.foreign:
                reasons = _foreign(scan.text, links, anchors, reasons, self.foreign)
        found = []
        for link, reason in zip(links, reasons, strict=True):
            if reason:
                label = self.reasons[self.language][reason]
                found.append(Match(link.start, link.end, "",
                                   {"reason": label, "domain": link.domain}))
        return found


_LETTER = re.compile(r"[^\W\d_]")


def _script(letters: str) -> str:
    """The script most of `letters` are written in: LATIN, ARABIC, CYRILLIC, CJK..."""
    counts = Counter(unicodedata.name(c, "UNKNOWN").split(" ")[0] for c in letters)
    return counts.most_common(1)[0][0] if counts else ""


def _label(text: str, link: Link) -> str:
    written = text[link.start:link.end]
    return written[written.index("|") + 1:-1] if written.startswith("<") and "|" in written \
        else ""


def _anchors(text: str, links: list[Link]) -> list[str]:
    """Each link's text: a wrapped link's label, else the words after it up to the next
    link or the end of the line (80 characters at most)."""
    anchors = []
    for i, link in enumerate(links):
        label = _label(text, link)
        if label:
            anchors.append(label)
            continue
        stop = links[i + 1].start if i + 1 < len(links) else len(text)
        anchors.append(text[link.end:stop].split("\n", 1)[0][:80])
    return anchors


def _foreign(text: str, links: list[Link], anchors: list[str], reasons: list[str | None],
             enough: int) -> list[str | None]:
    """Mark the links whose text is in another script than the rest of the message,
    when there are at least `enough` of them."""
    rest = list(text)
    for link in links:
        rest[link.start:link.end] = " " * (link.end - link.start)
    for link, anchor in zip(links, anchors, strict=True):
        start = text.find(anchor, link.end) if anchor else -1
        if start >= 0:
            rest[start:start + len(anchor)] = " " * len(anchor)
    own = _script("".join(_LETTER.findall("".join(rest)))) or "LATIN"
    foreign = [i for i, anchor in enumerate(anchors)
               if (letters := "".join(_LETTER.findall(anchor))) and _script(letters) != own]
    if len(foreign) < enough:
        return reasons
    return [reason or ("foreign" if i in foreign else None)
            for i, reason in enumerate(reasons)]
