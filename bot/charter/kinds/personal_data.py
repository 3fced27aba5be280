"""`personal_data`: e-mail addresses, phone numbers, IBANs and card numbers that must
not be published, with their detectors.

Digits inside an IBAN are not a phone number; a number that is a phone, an IBAN,
inside a link or inside `<@...>` markup is not a card. Cards need a first digit
2–6 (the card networks' prefixes), which keeps Discord ids and millisecond
timestamps out.

People dodge filters by writing numbers with other digits (fullwidth ０６, bold
𝟎𝟔), other spaces (no-break, narrow no-break) or slashes and dots between
groups, and addresses as "prenom [at] gmail [point] com": every detector but
plain e-mail reads `digits_view(text)`, the text with every Unicode decimal
digit as its ASCII digit and those spaces as spaces — one character for one, so
offsets stay those of the original. Numbers that are not about a person are left
alone: business identifiers (SIREN, SIRET, VAT numbers) and numbers labelled as
an order, lot, reference, invoice or parcel number.
"""

from __future__ import annotations

import functools
import re
import sys
import unicodedata
from collections.abc import Callable
from typing import Any

import phonenumbers
from stdnum import iban as _stdnum_iban
from stdnum import luhn as _stdnum_luhn
from stdnum.fr import siret as _stdnum_siret

from bot.charter.kinds.base import Build, Match, RuleKind, Scan, register_kind
from bot.charter.kinds.spans import (
    _MARKUP_RE,
    Span,
    _links,
    _span,
    outside,
)
from bot.located import fields
from bot.located.yamlsrc import LocatedDict, SourceError


def _digits_table() -> dict[int, str]:
    table = {code: str(unicodedata.digit(chr(code)))
             for code in range(128, sys.maxunicode + 1)
             if unicodedata.category(chr(code)) == "Nd"}
    table.update(dict.fromkeys(map(ord, "\u00a0\u202f\u2007\u2009\u200a\u3000"), " "))
    return table


_DIGITS_TABLE = _digits_table()
# Groups split by slashes or dots that only a phone or a card is written in:
# 06/12/34/56/78 (five pairs from 0), 4970/1012/3456/7893 (four digits a group).
# (The look-behinds come after the first character: `re` then jumps to it.)
_SLASHED_PHONE = re.compile(r"0(?<![\d/.]0)\d(?:/\d\d){4}(?![\d/])")
_GROUPED_CARD = re.compile(r"\d(?<![\d/.]\d)\d{3}(?:[/.]\d{4}){2,3}(?:[/.]\d{1,4})?(?![\d/.]?\d)")


def _spaced(m: re.Match[str]) -> str:
    return m.group().replace("/", " ").replace(".", " ")


_GROUP_HINT = re.compile(r"\d[/.]\d")


@functools.lru_cache(maxsize=8)
def digits_view(text: str) -> str:
    """`text` with Unicode digits as ASCII digits, no-break and thin spaces as spaces,
    and the slashes or dots between a phone's or a card's groups as spaces: one
    character for one, so offsets are the original's. Remembered for the last
    texts: the phone, IBAN and card detectors all read it."""
    if not text.isascii():
        text = text.translate(_DIGITS_TABLE)
    if ("/" in text or "." in text) and _GROUP_HINT.search(text):
        text = _SLASHED_PHONE.sub(_spaced, text)
        text = _GROUPED_CARD.sub(_spaced, text)
    return text


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


_TLDS = ("com|fr|net|org|eu|io|info|biz|be|ch|ca|de|uk|es|it|nl|lu|mc|re|me|co|"
         "coop|asso|gouv|edu|app|dev|xyz|tv|fm|us")
_AT = (r"(?:\s*[\[({<]\s*(?:at|arobase|@)\s*[\])}>]\s*"  # [at] (at) {at} [arobase]
       r"|\s+arobase\s+|\s+@\s*|\s*@\s+)")               # arobase, " @ "
_DOT = (r"(?:\s*[\[({<]\s*(?:dot|point|\.)\s*[\])}>]\s*"  # [dot] (point) [.]
        r"|\s+(?:point|dot)\s+|\s*\.\s*)")                # point, " . "
_OBFUSCATED_EMAIL_RE = re.compile(
    rf"(?<![\w.+-])([\w+-](?:[\w.+-]*[\w+-])?){_AT}([\w-]+(?:{_DOT}[\w-]+)*?)"
    rf"{_DOT}({_TLDS})(?![\w-])", re.IGNORECASE)
_OBFUSCATED_HINT_RE = re.compile(r"[\[({<]\s*(?:at|arobase|@)\s*[\])}>]|arobase|\s@|@\s",
                                 re.IGNORECASE)
_DOT_SPLIT_RE = re.compile(_DOT, re.IGNORECASE)


def find_obfuscated_emails(text: str) -> list[Span]:
    """Addresses written to dodge filters: "prenom [at] gmail [point] com", "prenom
    arobase orange point fr", "prenom @ orange . fr"; `detail` is the domain. A plain
    " at " is English, not an address ("meet at noon dot com" is not one)."""
    if not ("@" in text or "[" in text or "(" in text or "{" in text or "<" in text
            or "robase" in text or "ROBASE" in text) or not _OBFUSCATED_HINT_RE.search(text):
        return []
    found = []
    for m in _OBFUSCATED_EMAIL_RE.finditer(text):
        labels = [*_DOT_SPLIT_RE.split(m.group(2)), m.group(3)]
        found.append(_span(text, m.start(), m.end(), ".".join(labels).lower()))
    return found


def _all_emails(text: str) -> list[Span]:
    plain = find_emails(text)
    hidden = find_obfuscated_emails(text)
    if not hidden:  # most texts: no list to merge
        return plain
    hidden = outside(hidden, [(p.start, p.end) for p in plain])
    return sorted(plain + hidden, key=lambda s: s.start)


# A number labelled as something else than a person's: an order, a lot, a reference...
_LABELLED_RE = re.compile(
    r"\b(?:lot|r[ée]f(?:[ée]rence)?|reference|commande|order|facture|invoice|colis|suivi|"
    r"tracking|dossier|ticket|sku|ean|isbn|siret|siren|tva|vat|s[ée]rie|serial|article|"
    r"contrat|client|adh[ée]rent|transaction)s?\b\.?\s*(?:(?:n[°o]|num[ée]ro|#)\.?\s*)?:?\s*$",
    re.IGNORECASE)


def _labelled(text: str, start: int) -> bool:
    return bool(_LABELLED_RE.search(text, max(0, start - 40), start))


# Eight digits with only short punctuation between them: no phone number has
# fewer, and most chat messages have no such run, so phonenumbers never runs.
_PHONE_HINT_RE = re.compile(r"\d(?:[^\w\n]{0,4}\d){7}")
# Both start with a literal character, so that `re` jumps to it (a look-behind first
# is tried at every position).
_INTERNATIONAL_HINT_RE = re.compile(r"\+[\s.\-]?\(?[1-9]|00(?<![\d+]00)[\s.\-]?\(?[1-9]")
_FR_NATIONAL_HINT_RE = re.compile(
    r"0(?<![\d+]0)[\s.\-]?\(?[1-9]\)?(?:[\s.\-]?\d){8}(?![\s.\-]?\d)")


def find_phones(text: str, region: str | tuple[str, ...] = "FR") -> list[Span]:
    """Phone numbers valid for their country: international ones (+44, 0044) for
    the country they name, national ones read in each of `region` (default France).

    Uses phonenumbers' matcher with leniency VALID, so a random order number
    is not a phone number; `detail` is the E.164 form. Digits inside an IBAN, and
    numbers labelled as an order, lot, reference... are not phone numbers.
    """
    regions = (region,) if isinstance(region, str) else region
    view = digits_view(text)
    if not _PHONE_HINT_RE.search(view):
        return []
    # The matcher costs ~40 µs a candidate. In France a national number has exactly
    # ten digits from 0[1-9]; anything else must be international (+33, 0044).
    if tuple(r.upper() for r in regions) == ("FR",) and not (
        _INTERNATIONAL_HINT_RE.search(view) or _FR_NATIONAL_HINT_RE.search(view)
    ):
        return []
    found: list[Span] = []
    for one in regions:
        matcher = phonenumbers.PhoneNumberMatcher(
            view, one.upper(), leniency=phonenumbers.Leniency.VALID)
        spans = []
        for m in matcher:
            if not _labelled(view, m.start):
                e164 = phonenumbers.format_number(m.number,
                                                  phonenumbers.PhoneNumberFormat.E164)
                spans.append(_span(text, m.start, m.end, e164))
        # A number read in the first region is not read again in the next one.
        found += outside(spans, [(s.start, s.end) for s in found]) if found else spans
    if found:
        found = outside(found, [(s.start, s.end) for s in find_ibans(text)])
    return sorted(found, key=lambda s: s.start)


_IBAN_RE = re.compile(
    r"(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}(?:[ .\-]?[A-Za-z0-9]){11,30}(?![A-Za-z0-9])")


# What every IBAN starts with, looked for from its digits: `re` then skips the letters
# (the full pattern opens with a look-behind, tried at every position).
_IBAN_START_RE = re.compile(r"[0-9]{2}(?<=[A-Za-z]{2}[0-9]{2})")
_IBAN_SEPARATORS = str.maketrans("", "", " .-")
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
    found: list[Span] = []
    pos = 0
    view = digits_view(text)
    if not _IBAN_START_RE.search(view):
        return found
    while (m := _IBAN_RE.search(view, pos)) is not None:
        candidate = m.group()
        cuts = [len(candidate)] + [i for i in range(len(candidate) - 1, 3, -1)
                                   if candidate[i] in " .-"]
        pos = m.start() + 1  # not an IBAN: one may still start at the next token
        for cut in cuts:
            compact = candidate[:cut].translate(_IBAN_SEPARATORS).upper()
            if len(compact) < 15:
                break
            if _mod97(compact) and _stdnum_iban.is_valid(compact):
                found.append(_span(text, m.start(), m.start() + cut, compact[:2]))
                pos = m.start() + cut
                break
    return found


_CARD_RE = re.compile(r"(?<![0-9A-Za-z])(?<![0-9][ -])[2-6](?:[ -]?[0-9]){12,18}(?![ -]?[0-9])")
_CARD_DIGITS_RE = re.compile(r"[2-6](?:[ -]?[0-9]){12}")


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


def _business_id(text: str, start: int, digits: str) -> bool:
    """A SIRET (14 digits, Luhn-valid like a card) or any labelled number is not a
    card; a 14-digit Diners card (30, 36, 38) is one unless labelled."""
    if _labelled(text, start):
        return True
    return len(digits) == 14 and digits[:2] not in ("30", "36", "38") and \
        _stdnum_siret.is_valid(digits)


def find_cards(text: str) -> list[Span]:
    """Payment card numbers: 13–19 digits, grouped by spaces or dashes or not,
    Luhn-valid, not part of a longer digit run; `detail` is the likely brand.

    Numbers that are a phone number or an IBAN, sit inside a link or a Discord
    or Slack `<...>` token, or are one digit repeated, are not cards.
    """
    candidates: list[Span] = []
    view = digits_view(text)
    if not _CARD_DIGITS_RE.search(view):  # thirteen digits at least: most texts have none
        return candidates
    for m in _CARD_RE.finditer(view):
        digits = m.group().replace(" ", "").replace("-", "")
        if len(set(digits)) > 1 and _stdnum_luhn.is_valid(digits) and not _business_id(
                view, m.start(), digits):
            candidates.append(_span(text, m.start(), m.end(), _card_brand(digits)))
    if not candidates:
        return []
    taken = [(s.start, s.end) for s in find_ibans(text)]
    taken += [(s.start, s.end) for s in find_phones(text)]
    taken += [(link.start, link.end) for link in _links(text)]
    if "<" in text:
        taken += [m.span() for m in _MARKUP_RE.finditer(text)]
    return outside(candidates, taken)


_PERSONAL: dict[str, Callable[[str], list[Any]]] = {
    "email": _all_emails,
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
          regions: [FR, BE]   # national numbers read for these countries (default FR)
    """

    kind = "personal_data"
    keys = ("detect", "regions")
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
        regions = []
        for region, where in fields.text_list(raw, "regions"):
            if region.upper() not in phonenumbers.SUPPORTED_REGIONS:
                raise SourceError(where, "unknown country code '{region}': expected a "
                                  "two-letter ISO 3166 code such as FR, BE, CH, GB",
                                  region=region)
            regions.append(region.upper())
        self.regions = tuple(regions) or ("FR",)

    def check(self, scan: Scan) -> list[Match]:
        text = scan.text
        # Every detector but e-mail needs digits: skip the costly ones on digit-free text.
        digits = _DIGITS.search(text) is not None
        if self.needs_digits and not digits:
            return []
        found = []
        for what in self.detect:
            if not digits and what != "email":
                continue
            spans = find_phones(text, self.regions) if what == "phone" else \
                _PERSONAL[what](text)
            for span in spans:
                found.append(Match(span.start, span.end, "", {"what": self.names[what]}))
        return found
