"""`personal_data`: e-mail addresses, phone numbers, IBANs and card numbers that must
not be published, with their detectors.

Digits inside an IBAN are not a phone number; a number that is a phone, an IBAN,
inside a link or inside `<@...>` markup is not a card. Cards need a first digit
2–6 (the card networks' prefixes), which keeps Discord ids and millisecond
timestamps out.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import phonenumbers
from stdnum import iban as _stdnum_iban
from stdnum import luhn as _stdnum_luhn

from bot.charter.kinds.base import Build, Match, RuleKind, Scan, register_kind
from bot.charter.kinds.spans import (
    _MARKUP_RE,
    Span,
    _links,
    _overlaps,
    _span,
)
from bot.located import fields
from bot.located.yamlsrc import LocatedDict

_EMAIL_RE = re.compile(
    r"(?<![\w.+%-])(?<!<mailto:)"
    r"[\w+%-](?:[\w.+%-]*[\w+%-])?@((?:[\w-]+\.)+[^\W\d_]{2,63})(?![\w-])",
    re.IGNORECASE,
)
_USERINFO_BREAK_RE = re.compile(r"[\s/]")


def find_emails(text: str) -> list[Span]:
    """E-mail addresses; `detail` is the lowercased domain.

    The `user:pass@host` part of a URL is not an address; the label of Slack's
    `<mailto:a@b.c|a@b.c>` is reported once.
    """
    if "@" not in text:
        return []
    found = []
    for m in _EMAIL_RE.finditer(text):
        start = m.start()
        scheme = text.rfind("://", max(0, start - 256), start)
        if scheme != -1 and not _USERINFO_BREAK_RE.search(text, scheme + 3, start):
            continue  # https://user:pass@host
        found.append(_span(text, start, m.end(), m.group(1).lower()))
    return found


# Eight digits with only short punctuation between them: no phone number has
# fewer, and most chat messages have no such run, so phonenumbers never runs.
_PHONE_HINT_RE = re.compile(r"\d(?:[^\w\n]{0,4}\d){7}")
_INTERNATIONAL_HINT_RE = re.compile(r"(?:\+|(?<![\d+])00)[\s.\-]?\(?[1-9]")
_FR_NATIONAL_HINT_RE = re.compile(r"(?<![\d+])0[\s.\-]?\(?[1-9]\)?(?:[\s.\-]?\d){8}(?![\s.\-]?\d)")


def find_phones(text: str, region: str = "FR") -> list[Span]:
    """Phone numbers valid for their country, national ones read in `region`.

    Uses phonenumbers' matcher with leniency VALID, so a random order number
    is not a phone number; `detail` is the E.164 form. Digits inside an IBAN are
    not a phone number.
    """
    if not _PHONE_HINT_RE.search(text):
        return []
    # The matcher costs ~40 µs a candidate. In France a national number has exactly
    # ten digits from 0[1-9]; anything else must be international (+33, 0044).
    if region.upper() == "FR" and not (
        _INTERNATIONAL_HINT_RE.search(text) or _FR_NATIONAL_HINT_RE.search(text)
    ):
        return []
    found = []
    matcher = phonenumbers.PhoneNumberMatcher(
        text, region.upper(), leniency=phonenumbers.Leniency.VALID)
    for m in matcher:
        e164 = phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)
        found.append(_span(text, m.start, m.end, e164))
    if found:
        ibans = [(s.start, s.end) for s in find_ibans(text)]
        if ibans:
            found = [s for s in found if not _overlaps(s.start, s.end, ibans)]
    return found


_IBAN_RE = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}(?:[ \-]?[A-Za-z0-9]){11,30}(?![A-Za-z0-9])")


_IBAN_DIGITS = {ord(c): str(ord(c) - 55) for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ"}


def _mod97(compact: str) -> bool:
    """The IBAN checksum alone, in C-speed steps: rules most candidates out
    before stdnum checks the country's length and format."""
    digits = (compact[4:] + compact[:4]).translate(_IBAN_DIGITS)
    return digits.isdigit() and digits.isascii() and int(digits) % 97 == 1


def find_ibans(text: str) -> list[Span]:
    """IBANs written compact or grouped, validated (length per country, mod 97).

    A candidate that swallowed the next word ("... 189 merci") is shortened at
    its separators until it validates. `detail` is the country code.
    """
    found = []
    pos = 0
    while (m := _IBAN_RE.search(text, pos)) is not None:
        candidate = m.group()
        cuts = [len(candidate)] + [i for i in range(len(candidate) - 1, 3, -1)
                                   if candidate[i] in " -"]
        pos = m.start() + 1  # not an IBAN: one may still start at the next token
        for cut in cuts:
            compact = candidate[:cut].replace(" ", "").replace("-", "").upper()
            if len(compact) < 15:
                break
            if _mod97(compact) and _stdnum_iban.is_valid(compact):
                found.append(_span(text, m.start(), m.start() + cut, compact[:2]))
                pos = m.start() + cut
                break
    return found


_CARD_RE = re.compile(r"(?<![0-9A-Za-z])(?<![0-9][ -])[2-6](?:[ -]?[0-9]){12,18}(?![ -]?[0-9])")


def _card_brand(digits: str) -> str:
    if digits[0] == "4":
        return "visa"
    if digits[:2] in ("34", "37"):
        return "amex"
    if "51" <= digits[:2] <= "55" or "2221" <= digits[:4] <= "2720":
        return "mastercard"
    if digits[:2] == "62":
        return "unionpay"
    if digits[:4] == "6011" or digits[:2] == "65":
        return "discover"
    if digits[:2] == "35":
        return "jcb"
    return "card"


def find_cards(text: str) -> list[Span]:
    """Payment card numbers: 13–19 digits, grouped by spaces or dashes or not,
    Luhn-valid, not part of a longer digit run; `detail` is the likely brand.

    Numbers that are a phone number or an IBAN, sit inside a link or a Discord
    or Slack `<...>` token, or are one digit repeated, are not cards.
    """
    candidates = []
    for m in _CARD_RE.finditer(text):
        digits = m.group().replace(" ", "").replace("-", "")
        if len(set(digits)) > 1 and _stdnum_luhn.is_valid(digits):
            candidates.append(_span(text, m.start(), m.end(), _card_brand(digits)))
    if not candidates:
        return []
    taken = [(s.start, s.end) for s in find_ibans(text)]
    taken += [(s.start, s.end) for s in find_phones(text)]
    taken += [(link.start, link.end) for link in _links(text)]
    if "<" in text:
        taken += [m.span() for m in _MARKUP_RE.finditer(text)]
    return [s for s in candidates if not _overlaps(s.start, s.end, taken)]


_PERSONAL: dict[str, Callable[[str], list[Any]]] = {
    "email": find_emails,
    "phone": find_phones,
    "iban": find_ibans,
    "card": find_cards,
}
_DIGITS = re.compile(r"\d")


@register_kind
class PersonalData(RuleKind):
    """Personal data that must not be published: e-mail, phone, IBAN, card numbers.

        - id: donnees-perso
          kind: personal_data
          detect: [email, phone, iban, card]
    """

    kind = "personal_data"
    keys = ("detect",)
    default_action = "block"
    messages = {
        "fr": "Donnée personnelle ({what}) : ne la publiez pas ici.",
        "en": "Personal data ({what}): please do not post it here.",
    }
    placeholders = ("match", "suggestion", "what")

    labels = {
        "fr": {"email": "adresse e-mail", "phone": "numéro de téléphone", "iban": "IBAN",
               "card": "numéro de carte bancaire"},
        "en": {"email": "e-mail address", "phone": "phone number", "iban": "IBAN",
               "card": "card number"},
    }

    def __init__(self, raw: LocatedDict, build: Build, rule_id: str) -> None:
        super().__init__(raw, build, rule_id)
        self.detect = fields.choice_list(raw, "detect", list(_PERSONAL), required=True)
        self.needs_digits = "email" not in self.detect
        self.names = self.labels[build.language]

    def check(self, scan: Scan) -> list[Match]:
        text = scan.text
        # Every detector but e-mail needs digits: skip the costly ones on digit-free text.
        if self.needs_digits and not _DIGITS.search(text):
            return []
        found = []
        for what in self.detect:
            for span in _PERSONAL[what](text):
                found.append(Match(span.start, span.end, "", {"what": self.names[what]}))
        return found
