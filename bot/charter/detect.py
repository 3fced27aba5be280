"""Detectors for the charter rules: links, personal data, Unicode tricks, counts, lengths.

Every detector is a pure function of the text. They run on every chat message, so
each one starts with a cheap test (ASCII text, no "@", no digit run...) that lets
the common message through without touching the costly parts (the `emoji` trie,
`phonenumbers`, per-character work). Regexes are compiled once, at import.

Every result carries `start`/`end` offsets into the ORIGINAL text, so that
`text[start:end]` is exactly what was found: findings are shown to people by
highlighting that slice, never a normalised copy of it.

Decisions worth knowing (see the docstrings for the reasons):

* Links: a bare domain (no scheme, no `www.`) is a link only with a known TLD
  (`KNOWN_TLDS`) or when a path follows. Without a path, a Titlecase TLD
  (`fini.De toute façon`) is a missing space, not a link, and bare domains inside
  backtick code (`self.app`) are code, not links. Slack/Discord `<url|label>`
  tokens are reported whole (`url` is the target).
* Personal data: digits inside an IBAN are not a phone number; a number that is
  a phone, an IBAN, inside a link or inside `<@...>` markup is not a card.
  Cards need a first digit 2–6 (the card networks' prefixes), which keeps
  Discord IDs and millisecond timestamps out.
* Invisible characters: ZWJ and variation selectors inside emoji, flag tag
  sequences, ZWJ/ZWNJ between letters of Persian, Indic... scripts, and one
  variation selector after a symbol or ideograph are legitimate.
* Zalgo counts the generic combining diacritics (U+0300 block and friends), so
  Indic, Tibetan, Hebrew or Arabic vowel signs never trigger; any run of more
  than `max(8, 3 * max_marks)` marks of whatever kind does.
* Hashtags need at least one letter: `#1` or `#2024` are not hashtags (as on X).
* Emoji: single text-style symbols below U+2600 (©, ®, ™, ‼, ↔...) only count
  when followed by VS16; Slack `:shortcode:` names of standard emoji count too,
  since Slack sends emoji that way.
* X length: as twitter-text, a bare `name.fr` (one label, a ccTLD other than
  co/tv, no path) is not a URL and counts its characters, not 23.

Adversarial input (a 40,000-character message of flags, ZWJ chains, digit
runs...) stays linear: the known quadratic spots of `regex` (\\X on regional
indicators) and `emoji` (long ZWJ chains) are sidestepped.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import emoji
import phonenumbers
import regex
from stdnum import iban as _stdnum_iban
from stdnum import luhn as _stdnum_luhn

__all__ = [
    "KNOWN_TLDS",
    "SHORTENERS",
    "Link",
    "Span",
    "domain_matches",
    "find_cards",
    "find_emails",
    "find_emoji",
    "find_exclamations",
    "find_hashtags",
    "find_ibans",
    "find_invisible",
    "find_links",
    "find_mentions",
    "find_mixed_script",
    "find_phones",
    "find_zalgo",
    "invite_kind",
    "is_shortener",
    "limit_offset",
    "text_length",
    "uppercase_ratio",
]


@dataclass(frozen=True, slots=True)
class Span:
    """A stretch of the original text: `text == original[start:end]`.

    `detail` is a short, human-readable qualifier (a code point list, an E.164
    number, a card brand, an emoji name...) for messages and logs.
    """

    start: int
    end: int
    text: str
    detail: str = ""


@dataclass(frozen=True, slots=True)
class Link:
    """A link as written: `original[start:end]`, the URL it points to and its domain.

    For plain links `url == original[start:end]`; for a Slack/Discord wrapped link
    (`<https://x.y|label>`) the span covers the whole token and `url` is the target.
    `domain` is lowercase, without userinfo, port or trailing dot (IDN kept as
    Unicode), ready for `domain_matches`.
    """

    start: int
    end: int
    url: str
    domain: str


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(start < e and s < end for s, e in spans)


def _span(text: str, start: int, end: int, detail: str = "") -> Span:
    return Span(start, end, text[start:end], detail)


# --------------------------------------------------------------------------
# Links


def _words(block: str) -> frozenset[str]:
    return frozenset(block.split())


# TLDs that make a bare `name.tld` a link even without a path. Deliberately not
# exhaustive: French words that are also ccTLDs (la, il, ne, et, es, se, ma, sa,
# au, si, je, re...) and file extensions that are also TLDs (zip, mov, sh) are
# left out, because "ok.je" or "dossier.zip" typed in a chat are not links. They
# are still found with a scheme, `www.` or a path.
KNOWN_TLDS: frozenset[str] = _words("""
    com net org info biz name pro xyz top site online shop store club link app dev io ai
    tech blog news live media world page wiki space website fun cool vip win bid loan click
    icu cyou lol art cloud digital email group agency studio design network social team
    today tools solutions services systems academy center company events games life love
    money plus rocks run video watch work works zone one ltd ovh cafe bio immo paris bzh
    alsace corsica quebec casino bet poker xxx porn sex adult dating
    edu gov int mil eu fr be ch ca uk de it nl pl pt lu mc ru cn tv me co ly gg io fm to
    cc tk ml ga cf gq ws su ua by kz jp kr in br au nz mx ar dk fi cz ie gr ro hu tr za ng
    tw hk sg id gl gd im gy ms gle li lt lv ee bg hr si sk rs ba cl pe vn th ph my pk ir
    ae qa eg ke tn sn ci dz cm mg ht pf nc gp mq yt pm bj bf cd cg
""")

# "name.ext/..." with one of these is a file path, not a link, even with a path.
_FILE_EXTENSIONS = _words("""
    txt pdf doc docx xls xlsx ppt pptx odt ods odp rtf csv tsv json yaml yml toml ini cfg
    md rst html htm php py js ts jsx tsx css scss java kt rb go rs cpp hpp jpg jpeg png gif
    svg webp bmp tif tiff mp3 mp4 wav avi mkv exe dll bat msi dmg apk iso tar gz bz2 rar 7z
""")

_TLD_ALTERNATION = "|".join(sorted(KNOWN_TLDS, key=lambda t: (-len(t), t)))
_ALPHA_TLD = r"(?:[^\W\d_]{2,63}|xn--[a-z0-9-]{1,59})"
# Characters a URL path may contain when written in running text.
_PATH_CHARS = r"[^\s<>\"`«»“”]"

_LINK_RE = re.compile(
    rf"""
    (?<![\w@.\-/])
    (?:
        (?P<scheme>https?://)
        (?:[^\s/?\#@<>"`]+@)?                        # userinfo, dropped from the domain
        (?P<h1>\[[0-9a-f:.]+\]|[\w-]+(?:\.[\w-]+)*)\.?
      |
        (?P<h2>www\d{{0,3}}\.(?:[\w-]+\.)+{_ALPHA_TLD})(?![\w@-])
      |
        (?P<h3>(?:[\w-]+\.)+(?P<tld>{_TLD_ALTERNATION}))(?![\w@-])
      |
        (?P<h4>(?:[\w-]+\.)+(?P<tld4>{_ALPHA_TLD}))(?=/)
    )
    (?::\d{{1,5}}(?!\w))?
    (?P<path>[/?\#]{_PATH_CHARS}*)?
    """,
    re.IGNORECASE | re.VERBOSE,
)
# Slack sends links as <https://x.y|label> or <https://x.y>; Discord users write
# <https://x.y> to suppress the preview.
_WRAPPED_LINK_RE = re.compile(r"<(https?://[^\s<>|]+)(?:\|[^<>]*)?>", re.IGNORECASE)
_URL_HOST_RE = re.compile(
    r"(?:https?://)?(?:[^\s/?#@]*@)?(?P<host>\[[^\]/]*\]|[^/?#:]*)(?::\d*)?(?P<path>/[^?#]*)?",
    re.IGNORECASE,
)
_CODE_RE = re.compile(r"```.*?```|`[^`\n]+`", re.DOTALL)
_TRAILING = frozenset(".,;:!?)]}'\"»”’…*~|")
_CLOSERS = {")": "(", "]": "[", "}": "{"}


def _clean_domain(host: str) -> str:
    return host.strip("[]").rstrip(".").lower()


def _trim_url(text: str, start: int, end: int, min_end: int) -> int:
    """End of the URL once trailing punctuation of the sentence is dropped.

    A closing bracket stays when the URL opened one (Wikipedia's `Paris_(ville)`).
    """
    balance: dict[str, int] = {}  # closers minus openers in text[start:end]
    while end > min_end and text[end - 1] in _TRAILING:
        closer = text[end - 1]
        opener = _CLOSERS.get(closer)
        if opener:
            if closer not in balance:
                balance[closer] = text.count(closer, start, end) - text.count(opener, start, end)
            if balance[closer] <= 0:
                break
            balance[closer] -= 1
        end -= 1
    return end


# Every link has "://" or a dot between a label and a letter: "14h. On" has neither.
_LINK_HINT_RE = re.compile(r"://|[\w-]\.[^\W\d]")


def find_links(text: str) -> list[Link]:
    """Every link in the text: scheme URLs, `www.` links and bare domains.

    Bare domains need a known TLD or a path, so that "3.14", "ok.merci" or
    "rapport.pdf" are not links; e-mail addresses are never links.
    """
    return list(_links(text))


@lru_cache(maxsize=32)
def _links(text: str) -> tuple[Link, ...]:
    """`find_links`, remembered for the last texts: several detectors skip what
    lies inside links (hashtags, mentions, cards...) and run on the same message."""
    if not _LINK_HINT_RE.search(text):
        return ()
    links: list[Link] = []
    scan = text
    if "<" in text:
        chars: list[str] | None = None
        for m in _WRAPPED_LINK_RE.finditer(text):
            url = m.group(1)
            host = _URL_HOST_RE.match(url)
            domain = _clean_domain(host.group("host")) if host else ""
            links.append(Link(m.start(), m.end(), url, domain))
            if chars is None:
                chars = list(text)
            chars[m.start():m.end()] = " " * (m.end() - m.start())
        if chars is not None:
            scan = "".join(chars)  # same length: offsets stay valid
    code: list[tuple[int, int]] | None = None
    for m in _LINK_RE.finditer(scan):
        kind = next(g for g in ("h1", "h2", "h3", "h4") if m.group(g) is not None)
        host = m.group(kind)
        if kind == "h3" and not m.group("path"):
            tld = m.group("tld")
            if len(tld) > 1 and tld[0].isupper() and tld[1:].islower():
                continue  # "fini.De toute façon": a missing space, not a link
            if "`" in text:
                if code is None:
                    code = [n.span() for n in _CODE_RE.finditer(text)]
                if _overlaps(m.start(), m.end(), code):
                    continue  # `self.app` in code
        if kind == "h4" and m.group("tld4").lower() in _FILE_EXTENSIONS:
            continue
        start = m.start()
        end = _trim_url(scan, start, m.end(), m.end(kind))
        url = text[start:end]
        links.append(Link(start, end, url, _clean_domain(host)))
    links.sort(key=lambda link: link.start)
    return tuple(links)


def domain_matches(domain: str, listed: str) -> bool:
    """True when `domain` is `listed` or one of its subdomains.

    `a.b.example.com` matches `example.com`; `badexample.com` does not. A leading
    `*.` or `.` in the listed domain is ignored.
    """
    domain = domain.strip().rstrip(".").lower()
    listed = listed.strip().rstrip(".").lower()
    listed = listed.removeprefix("*.").lstrip(".")
    if not domain or not listed:
        return False
    return domain == listed or domain.endswith("." + listed)


SHORTENERS: frozenset[str] = frozenset({
    "bit.ly", "bitly.com", "bit.do", "j.mp", "tinyurl.com", "t.co", "goo.gl", "ow.ly", "is.gd",
    "buff.ly", "rebrand.ly", "cutt.ly", "shorturl.at", "tiny.cc", "lnkd.in", "rb.gy", "t.ly",
    "s.id", "bl.ink", "v.gd", "qrco.de", "shorte.st", "adf.ly", "tr.im", "x.co", "su.pr",
    "soo.gd", "short.gy", "t2m.io", "clck.ru", "u.to", "urlz.fr", "lc.cx", "ouo.io",
    "shrtco.de", "gg.gg", "cli.re", "tny.im", "po.st", "dlvr.it", "ift.tt", "trib.al",
    "hubs.ly", "snip.ly", "zpr.io", "tiny.one", "shorturl.com", "mcaf.ee", "db.tt",
    "1url.com", "tinycc.com", "linkd.in", "cutt.us", "v.ht", "qr.net", "2u.pm", "bc.vc",
})


def is_shortener(domain: str) -> bool:
    """True for a URL shortener's domain or one of its subdomains (`www.bit.ly`).

    Shortened links hide their destination, which is why a charter may refuse them.
    """
    labels = domain.strip().rstrip(".").lower().split(".")
    return any(".".join(labels[i:]) in SHORTENERS for i in range(len(labels) - 1))


def _url_path(url: str) -> str:
    m = _URL_HOST_RE.match(url)
    return (m.group("path") or "") if m else ""


def invite_kind(link: Link) -> str | None:
    """The chat platform a link invites to ("discord", "slack", "whatsapp",
    "telegram"), or None: invitations pull members to another community."""
    domain = link.domain
    segments = [s for s in _url_path(link.url).split("/") if s]
    if not segments:
        return None
    first = segments[0].lower()
    if domain_matches(domain, "discord.gg"):
        return "discord"
    if (domain_matches(domain, "discord.com") or domain_matches(domain, "discordapp.com")) and (
        first == "invite" and len(segments) > 1
    ):
        return "discord"
    if domain == "join.slack.com" or (
        domain_matches(domain, "slack.com") and first == "join" and len(segments) > 1
    ):
        return "slack"
    if domain_matches(domain, "chat.whatsapp.com") or domain_matches(domain, "wa.me"):
        return "whatsapp"
    if any(domain_matches(domain, d) for d in ("t.me", "telegram.me", "telegram.dog")):
        return "telegram"
    return None


def _twitter_url(link: Link) -> bool:
    """Whether X's parser sees this link as a URL (then weighted 23).

    twitter-text does not link a bare `name.cc` (one label, a two-letter ccTLD,
    no path) unless the ccTLD is co or tv.
    """
    if "://" in link.url or any(c in link.url for c in "/?#:"):
        return True
    labels = link.domain.split(".")
    return not (len(labels) == 2 and len(labels[1]) == 2 and labels[1] not in ("co", "tv"))


# --------------------------------------------------------------------------
# Personal data

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
_MARKUP_RE = re.compile(r"<[@#!:a][^<>\s]*>")


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


# --------------------------------------------------------------------------
# Unicode tricks

_INVISIBLE_RE = re.compile(
    "["
    "\u00ad\u034f\u061c\u115f\u1160\u17b4\u17b5\u180b-\u180f\u200b-\u200f\u202a-\u202e"
    "\u2060-\u206f\u2800\u3164\ufe00-\ufe0f\ufeff\uffa0\ufff9-\ufffb"
    "\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0000-\U000e007f\U000e0100-\U000e01ef"
    "]+"
)
_ZWJ = "\u200d"
_ZWNJ = "\u200c"
# Scripts where ZWJ/ZWNJ between letters are ordinary spelling (Persian, Indic...).
_JOINING_SCRIPT_RE = regex.compile(
    r"[\p{Arabic}\p{Syriac}\p{Nko}\p{Mongolian}\p{Devanagari}\p{Bengali}\p{Gurmukhi}"
    r"\p{Gujarati}\p{Oriya}\p{Tamil}\p{Telugu}\p{Kannada}\p{Malayalam}\p{Sinhala}"
    r"\p{Myanmar}\p{Khmer}\p{Tibetan}\p{Thaana}]"
)
_EMOJI_BEFORE_ZWJ_RE = regex.compile(r"[\p{Extended_Pictographic}\p{Emoji_Modifier}\ufe0f]")
_PICTO_RE = regex.compile(r"\p{Extended_Pictographic}")
# What a variation selector may legitimately follow (outside ASCII): emoji,
# symbols, CJK ideographs and the few scripts with standardized variants.
_VS_BASE_RE = regex.compile(r"[\p{Emoji}\p{S}\p{Han}\p{Myanmar}\p{Phags_Pa}\p{Manichaean}]")
_HAN_RE = regex.compile(r"\p{Han}")
_MONGOLIAN_RE = regex.compile(r"\p{Mongolian}")


def _emoji_ranges(text: str) -> list[tuple[int, int]]:
    return [(s, e) for s, e, _ in _emoji_matches(text)]


def _invisible_ok(text: str, i: int, in_emoji: Callable[[int], bool]) -> bool:
    """Whether the invisible character at `i` is doing a legitimate job there."""
    c = text[i]
    cp = ord(c)
    prev = text[i - 1] if i > 0 else ""
    nxt = text[i + 1] if i + 1 < len(text) else ""
    if c in (_ZWJ, _ZWNJ):
        if prev and nxt and _JOINING_SCRIPT_RE.match(prev) and _JOINING_SCRIPT_RE.match(nxt):
            return True
        if c == _ZWJ and prev and nxt and _EMOJI_BEFORE_ZWJ_RE.match(prev) \
                and _PICTO_RE.match(nxt):
            return True  # a ZWJ sequence the emoji data does not know (yet)
        return in_emoji(i)
    if 0xFE00 <= cp <= 0xFE0F:
        if prev and not prev.isascii() and _VS_BASE_RE.match(prev):
            return True
        return in_emoji(i)
    if 0xE0100 <= cp <= 0xE01EF:
        return bool(prev) and bool(_HAN_RE.match(prev))
    if 0xE0000 <= cp <= 0xE007F:
        return in_emoji(i)  # only inside a known flag tag sequence (🏴󠁧󠁢󠁳󠁣󠁴󠁿)
    if c in "\u180b\u180c\u180d\u180f":
        return bool(prev) and bool(_MONGOLIAN_RE.match(prev))
    if c == "\u2800":  # Braille blank, a space in Braille text, filler elsewhere
        return any("\u2801" <= x <= "\u28ff" for x in (prev, nxt) if x)
    return False


def _describe(chars: str) -> str:
    seen = list(dict.fromkeys(chars))
    names = [f"U+{ord(c):04X} {unicodedata.name(c, '')}".rstrip() for c in seen[:3]]
    return ", ".join(names) + (", …" if len(seen) > 3 else "")


def find_invisible(text: str) -> list[Span]:
    """Invisible and format characters that can hide or split words.

    Zero-width characters, soft hyphen, bidi controls, Hangul fillers, tag
    characters, stray variation selectors... are reported, contiguous ones as one
    span. Not reported: ZWJ and variation selectors inside emoji, flag tag
    sequences, ZWJ/ZWNJ between letters of scripts that need them (Persian,
    Indic), and one variation selector after a symbol or ideograph.
    """
    if text.isascii():
        return []
    runs = list(_INVISIBLE_RE.finditer(text))
    if not runs:
        return []
    ranges: list[tuple[int, int]] | None = None

    def in_emoji(i: int) -> bool:
        nonlocal ranges
        if ranges is None:
            ranges = _emoji_ranges(text)
        k = bisect_right(ranges, (i, len(text) + 1)) - 1
        return k >= 0 and ranges[k][0] <= i < ranges[k][1]

    found = []
    for run in runs:
        start = None
        for i in range(run.start(), run.end()):
            if _invisible_ok(text, i, in_emoji):
                if start is not None:
                    found.append(_span(text, start, i, _describe(text[start:i])))
                    start = None
            elif start is None:
                start = i
        if start is not None:
            found.append(_span(text, start, run.end(), _describe(text[start:run.end()])))
    return found


# The combining marks zalgo generators stack; script-specific vowel signs
# (Indic, Hebrew points, Arabic harakat, Tibetan subjoined letters) are not here.
_GENERIC_MARK_RE = re.compile("[\u0300-\u036f\u0483-\u0489\u1ab0-\u1aff\u1dc0-\u1dff"
                              "\u20d0-\u20ff\ufe20-\ufe2f]")


@lru_cache(maxsize=16)
def _mark_run_re(minimum: int) -> regex.Pattern[str]:
    return regex.compile(rf"\p{{M}}{{{minimum},}}")


def find_zalgo(text: str, max_marks: int = 2) -> list[Span]:
    """Letters buried under stacked combining marks (Z̷̢̛a̵̧l̶g̴o̷).

    A grapheme is zalgo when more than `max_marks` generic diacritics follow its
    base, or more than max(8, 3 × max_marks) marks of any kind. French and
    Vietnamese accents (at most two per letter, even decomposed) never are.
    Contiguous zalgo graphemes are merged into one span; `detail` gives the
    largest stack.
    """
    if text.isascii():
        return []
    max_marks = max(0, max_marks)
    any_limit = max(8, 3 * max_marks)
    found: list[Span] = []
    worst = 0
    for m in _mark_run_re(max_marks + 1).finditer(text):
        run = m.group()
        generic = len(_GENERIC_MARK_RE.findall(run))
        if generic <= max_marks and len(run) <= any_limit:
            continue
        start = m.start() - 1 if m.start() > 0 else 0
        if found and start <= found[-1].end:
            worst = max(worst, len(run))
            start = found.pop().start
        else:
            worst = len(run)
        found.append(_span(text, start, m.end(), f"{worst} combining marks"))
    return found


_CONFUSABLE_SCRIPTS = {
    "Cyrillic": regex.compile(r"\p{Cyrillic}"),
    "Greek": regex.compile(r"\p{Greek}"),
    "Armenian": regex.compile(r"\p{Armenian}"),
    "Cherokee": regex.compile(r"\p{Cherokee}"),
    "Coptic": regex.compile(r"\p{Coptic}"),
    "Lisu": regex.compile(r"\p{Lisu}"),
    "Canadian_Aboriginal": regex.compile(r"\p{Canadian_Aboriginal}"),
}
# Blocks of those scripts, a cheap first test before the exact script properties.
_CONFUSABLE_BLOCKS_RE = re.compile(
    "[\u0370-\u03ff\u0400-\u052f\u0530-\u058f\u13a0-\u13ff\u1400-\u167f\u18b0-\u18ff"
    "\u1c80-\u1c8f\u1f00-\u1fff\u2c80-\u2cff\ua640-\ua69f\ua4d0-\ua4ff\uab70-\uabbf"
    "\ufb13-\ufb17]"
)
_CONFUSABLE_RE = regex.compile(
    r"[[\p{Cyrillic}\p{Greek}\p{Armenian}\p{Cherokee}\p{Coptic}\p{Lisu}"
    r"\p{Canadian_Aboriginal}]&&\p{L}]",
    regex.V1,
)
_LATIN_RE = regex.compile(r"\p{Latin}")
_WORD_RE = regex.compile(r"[\p{L}\p{M}\p{Nd}_]+")


def find_mixed_script(text: str) -> list[Span]:
    """Words mixing Latin letters with Cyrillic, Greek or other look-alike scripts.

    The homoglyph trick `pаypal` (Cyrillic а) defeats word filters and fakes
    brands. Words written in one script are fine; digits and `_` belong to none.
    `detail` names the scripts, e.g. "Latin+Cyrillic".
    """
    if text.isascii() or not _CONFUSABLE_BLOCKS_RE.search(text):
        return []
    found = []
    for m in _WORD_RE.finditer(text):
        word = m.group()
        if not _LATIN_RE.search(word) or not _CONFUSABLE_RE.search(word):
            continue
        scripts = [name for name, rx in _CONFUSABLE_SCRIPTS.items() if rx.search(word)]
        found.append(_span(text, m.start(), m.end(), "+".join(["Latin", *scripts])))
    return found


# --------------------------------------------------------------------------
# Counts

_WORDCHARS = r"\p{L}\p{M}\p{Nd}_"
_HASHTAG_RE = regex.compile(
    rf"(?<![{_WORDCHARS}&#＃/<])[#＃](?=[{_WORDCHARS}]*\p{{L}})[{_WORDCHARS}]+")


def _outside_links(text: str, spans: list[Span]) -> list[Span]:
    if not spans:
        return spans
    links = [(link.start, link.end) for link in _links(text)]
    if not links:
        return spans
    return [s for s in spans if not _overlaps(s.start, s.end, links)]


def find_hashtags(text: str) -> list[Span]:
    """Hashtags: `#` (or fullwidth `＃`) then letters, digits, `_`, with one letter
    at least, as on X: `#1` or `#2024` are not hashtags, `#JO2024` is.

    A `#fragment` in a URL, Slack's `<#C123|canal>` and `C#` are not hashtags.
    `detail` is the tag without `#`.
    """
    if "#" not in text and "＃" not in text:
        return []
    found = [_span(text, m.start(), m.end(), m.group()[1:]) for m in _HASHTAG_RE.finditer(text)]
    return _outside_links(text, found)


_MENTION_RE = re.compile(
    r"""
      <@(?P<slack>[UW][A-Z0-9]{2,})(?:\|[^<>]*)?>
    | <!(?P<special>channel|here|everyone)(?:\|[^<>]*)?>
    | <!subteam\^(?P<group>[A-Z0-9]+)(?:\|[^<>]*)?>
    | <@(?P<dkind>[!&]?)(?P<did>\d{5,25})>
    | (?<![\w@.+\-/])@(?P<name>[^\W\d](?:[\w.\-]*\w)?)
    """,
    re.VERBOSE,
)


def find_mentions(text: str) -> list[Span]:
    """Mentions of people, roles and channels, in text or Slack/Discord markup.

    `@name` (not preceded by a word character, so e-mails don't count; the name
    starts with a letter, so "@14h" is not one), `@everyone`, `@here`; Slack
    `<@U123ABC>`, `<!channel>`, `<!here>`, `<!everyone>`, `<!subteam^S1>`; Discord
    `<@123>`, `<@!123>`, `<@&123>`. `detail` is "user", "role", "group",
    "channel", "here" or "everyone".
    """
    if "@" not in text and "<!" not in text:
        return []
    found = []
    for m in _MENTION_RE.finditer(text):
        if m.group("special"):
            detail = m.group("special")
        elif m.group("group"):
            detail = "group"
        elif m.group("did"):
            detail = "role" if m.group("dkind") == "&" else "user"
        elif m.group("name") in ("everyone", "here"):
            detail = m.group("name")
        else:
            detail = "user"
        found.append(_span(text, m.start(), m.end(), detail))
    return _outside_links(text, found)


# Runs of the characters emoji sequences are made of: every emoji of the `emoji`
# package starts with one of these (or a keycap's 0-9 # *) and continues with
# them. The `emoji` trie, walked in Python, then only sees these short runs.
_EMOJI_BASE = (
    "\u00a9\u00ae\u203c\u2049\u2122\u2139\u2194-\u21aa\u231a-\u23ff\u24c2\u25aa-\u25fe"
    "\u2600-\u27bf\u2934\u2935\u2b05-\u2b55\u3030\u303d\u3297\u3299\U0001f000-\U0001faff"
)
_EMOJI_MOD = "\ufe0e\ufe0f\u20e3\U0001f3fb-\U0001f3ff"
# One candidate emoji sequence: a flag, a keycap, or a pictograph with its
# modifiers, tags and a bounded chain of ZWJ parts. Bounded, because the
# `emoji` tokenizer is quadratic on an endless ZWJ chain.
_EMOJI_UNIT_RE = re.compile(
    "[\U0001f1e6-\U0001f1ff]{2}"
    "|[0-9#*][\ufe0e\ufe0f]?\u20e3"
    f"|[{_EMOJI_BASE}][{_EMOJI_MOD}]{{0,4}}[\U000e0020-\U000e007f]{{0,32}}"
    f"(?:\u200d[{_EMOJI_BASE}][{_EMOJI_MOD}]{{0,4}}){{0,4}}"
)


def _emoji_matches(text: str) -> list[tuple[int, int, str]]:
    """(start, end, sequence) of each emoji the `emoji` package knows."""
    found = []
    for unit in _EMOJI_UNIT_RE.finditer(text):
        seq = unit.group()
        if seq in emoji.EMOJI_DATA:
            found.append((unit.start(), unit.end(), seq))
            continue
        base = unit.start()
        found += [(base + e["match_start"], base + e["match_end"], e["emoji"])
                  for e in emoji.emoji_list(seq)]
    return found
_EMOJI_PRESENTATION_RE = regex.compile(r"\p{Emoji_Presentation}")
# Discord custom emoji, and Slack's :shortcode: (Slack sends emoji that way).
_EMOJI_MARKUP_RE = re.compile(
    r"<a?:(?P<custom>\w{2,32}):\d{5,25}>"
    r"|:(?P<code>[a-z0-9_+'\-]{1,60}):(?::skin-tone-[2-6]:)?"
)


@lru_cache(maxsize=1)
def _shortcodes() -> frozenset[str]:
    """Names of the standard emoji as Slack spells them (`:thumbsup:`, `:tada:`)."""
    names = set()
    for data in emoji.EMOJI_DATA.values():
        names.add(data["en"].strip(":").lower())
        names.update(alias.strip(":").lower() for alias in data.get("alias", ()))
    return frozenset(names)


def _unicode_emoji(text: str) -> list[Span]:
    """Unicode emoji, each sequence once (ZWJ sequences, flags, keycaps, skin tones).

    Emoji joined by a ZWJ that the emoji data does not know are one emoji too,
    as the grapheme rules make them one character.
    """
    merged: list[list[Any]] = []  # [start, end, sequence, or "" once merged]
    for start, end, seq in _emoji_matches(text):
        if len(seq) == 1 and seq < "\u2600" and not _EMOJI_PRESENTATION_RE.match(seq):
            continue  # ©, ®, ™, ‼, ↔ without VS16: typography, not emoji
        if merged and merged[-1][1] + 1 == start and text[start - 1] == _ZWJ:
            merged[-1][1:] = [end, ""]
        else:
            merged.append([start, end, seq])
    return [_span(text, start, end, emoji.EMOJI_DATA.get(seq, {}).get("en", "") if seq else "")
            for start, end, seq in merged]


def find_emoji(text: str) -> list[Span]:
    """Each emoji once, in text order; `detail` is its `:name:` when known.

    Counts Unicode emoji (via the `emoji` package), Discord custom emoji
    `<:name:123>` / `<a:name:123>`, and Slack shortcodes of standard emoji
    (`:tada:`, with an optional `::skin-tone-N:`). Unknown `:words:` (custom Slack
    emoji, "10:30:00") are not counted.
    """
    found: list[Span] = []
    if ":" in text:
        codes = None
        for m in _EMOJI_MARKUP_RE.finditer(text):
            if m.group("custom"):
                found.append(_span(text, m.start(), m.end(), f":{m.group('custom')}:"))
            else:
                codes = codes or _shortcodes()
                if m.group("code") in codes:
                    found.append(_span(text, m.start(), m.end(), f":{m.group('code')}:"))
    if not text.isascii():
        found.extend(_unicode_emoji(text))
        found.sort(key=lambda s: s.start)
    return found


# The look-behinds come after the mark so that the scan looks for "!" first.
_EXCLAMATION_RE = re.compile(r"[!！](?<!<!)(?<!<@!)")


def find_exclamations(text: str) -> list[Span]:
    """Each exclamation mark (`!` or fullwidth `！`), one span per mark.

    The `!` of Slack's `<!here>` and Discord's `<@!123>` markup and those inside
    links are not exclamations.
    """
    if "!" not in text and "！" not in text:
        return []
    found = [_span(text, m.start(), m.end()) for m in _EXCLAMATION_RE.finditer(text)]
    return _outside_links(text, found)


def uppercase_ratio(text: str) -> tuple[float, int]:
    """(percentage of cased letters that are uppercase, number of cased letters).

    URLs, mentions and `<...>` chat markup are left out: `@JEAN` or an URL's
    capitals are not shouting. (0.0, 0) when there is no cased letter; the caller
    decides how many letters make a ratio meaningful.
    """
    skip = [(link.start, link.end) for link in _links(text)]
    if "@" in text or "<" in text:
        skip += [(s.start, s.end) for s in find_mentions(text)]
        if "<" in text:
            skip += [m.span() for m in _MARKUP_RE.finditer(text)]
    if skip:
        parts, pos = [], 0
        for s, e in sorted(skip):
            if s > pos:
                parts.append(text[pos:s])
            pos = max(pos, e)
        parts.append(text[pos:])
        text = " ".join(parts)
    # map() of str methods runs in C: faster than a regex on short texts.
    upper = sum(map(str.isupper, text))
    lower = sum(map(str.islower, text))
    cased = upper + lower
    return (100.0 * upper / cased if cased else 0.0), cased


# --------------------------------------------------------------------------
# Lengths

_GRAPHEME_RE = regex.compile(r"\X")
# twitter-text v3: code points in these ranges weigh 1, all others 2.
_LIGHT = "\x00-\u10ff\u2000-\u200d\u2010-\u201f\u2032-\u2037"
_WEIGHT_RUN_RE = re.compile(f"(?P<light>[{_LIGHT}]+)|[^{_LIGHT}]+")
_TWITTER_URL_WEIGHT = 23
_TWITTER_EMOJI_WEIGHT = 2


# Characters that never join a neighbour into one grapheme (no combining mark,
# joiner, variation selector, emoji modifier, regional indicator, Hangul jamo,
# Indic spacing mark...): a text made only of them has one grapheme per code
# point, except CR LF. Checked against the Unicode data in the tests.
_SIMPLE_GRAPHEMES = (
    "\x00-\u02ff\u0370-\u0482\u048a-\u052f\u2000-\u200b\u200e-\u205f\u2070-\u20cf"
    "\u2100-\u2bff\u3000-\u3029\u3030-\u3098\u309b-\u30ff\u3400-\u4dbf\u4e00-\u9fff"
    "\uac00-\ud7a3\uff01-\uff9d\U0001f300-\U0001f3fa\U0001f400-\U0001faff"
)
_SIMPLE_GRAPHEMES_RE = re.compile(f"[{_SIMPLE_GRAPHEMES}]*")


def _simple_graphemes(text: str) -> bool:
    return text.isascii() or _SIMPLE_GRAPHEMES_RE.fullmatch(text) is not None


@lru_cache(maxsize=8)
def _graphemes_prefix_re(count: int) -> regex.Pattern[str]:
    return regex.compile(rf"\X{{{count}}}")


# `regex` finds grapheme boundaries between regional indicators by counting the
# ones before, which is quadratic on a long run of flags. Each pair is one
# grapheme that never joins a neighbour differently than a plain letter would,
# so it is replaced by "F" before segmenting.
_RI_PAIR_RE = re.compile("[\U0001f1e6-\U0001f1ff]{2}")
_NFC_CHUNK_RE = regex.compile(r"[\U0001F1E6-\U0001F1FF]+|\X")


def _ri_view(text: str) -> tuple[str, Callable[[int], int]]:
    """`text` with each flag pair as one "F", and a map back to `text`'s offsets."""
    pairs: list[int] = []  # where each pair sits in the view
    for k, m in enumerate(_RI_PAIR_RE.finditer(text)):
        pairs.append(m.start() - k)
    if not pairs:
        return text, lambda i: i
    view = _RI_PAIR_RE.sub("F", text)
    return view, lambda i: i + bisect_right(pairs, i - 1)


def _is_twitter(network: str | None) -> bool:
    return network is not None and network.strip().lower() in ("twitter", "x")


def _nfc_with_map(text: str) -> tuple[str, Callable[[int], int]]:
    """NFC of `text` and a map from its offsets back to `text`'s.

    Normalised grapheme by grapheme (composition never crosses a grapheme
    boundary), an offset inside a grapheme maps to the grapheme's start.
    """
    parts: list[str] = []
    norm_starts: list[int] = []
    orig_starts: list[int] = []
    n = 0
    for m in _NFC_CHUNK_RE.finditer(text):
        g = unicodedata.normalize("NFC", m.group())
        norm_starts.append(n)
        orig_starts.append(m.start())
        parts.append(g)
        n += len(g)

    def back(i: int) -> int:
        if i >= n:
            return len(text)
        return orig_starts[bisect_right(norm_starts, i) - 1]

    return "".join(parts), back


def _twitter(text: str, limit: int | None) -> tuple[int, int]:
    """X's weighted length of `text`, and where it overflows `limit` (or len(text))."""
    if unicodedata.is_normalized("NFC", text):
        norm, back = text, None
    else:
        norm, back = _nfc_with_map(text)
    specials: list[tuple[int, int, int]] = [
        (link.start, link.end, _TWITTER_URL_WEIGHT)
        for link in _links(norm) if _twitter_url(link)
    ]
    if not norm.isascii():
        urls = [(s, e) for s, e, _ in specials]
        specials += [(s.start, s.end, _TWITTER_EMOJI_WEIGHT) for s in _unicode_emoji(norm)
                     if not _overlaps(s.start, s.end, urls)]
        specials.sort()
    total = 0
    over: int | None = None
    pos = 0
    for start, end, weight in [*specials, (len(norm), len(norm), 0)]:
        segment = norm[pos:start]
        if segment.isascii():
            if over is None and limit is not None and total + len(segment) > limit:
                over = pos + max(0, limit - total)
            total += len(segment)
        else:
            for m in _WEIGHT_RUN_RE.finditer(segment):
                unit = 1 if m.group("light") else 2
                size = unit * (m.end() - m.start())
                if over is None and limit is not None and total + size > limit:
                    over = pos + m.start() + max(0, limit - total) // unit
                total += size
        if over is None and limit is not None and weight and total + weight > limit:
            over = start
        total += weight
        pos = end
    if over is None:
        return total, len(text)
    return total, (back(over) if back else over)


def text_length(text: str, network: str | None = None) -> int:
    """The length of `text` as `network` counts it.

    X ("twitter" or "x"): twitter-text v3 weighting (NFC, each URL 23, each emoji
    2, code points in the Latin/punctuation ranges 1, all others 2). Everywhere
    else: user-perceived characters (grapheme clusters), so "é" written e + ◌́ or
    a family emoji is one.
    """
    if _is_twitter(network):
        return _twitter(text, None)[0]
    if _simple_graphemes(text):
        return len(text) - text.count("\r\n")
    return len(_GRAPHEME_RE.findall(_ri_view(text)[0]))


def limit_offset(text: str, network: str | None, limit: int) -> int:
    """Offset in `text` of the first character beyond `limit`, or len(text).

    Lets a length finding point at the overflowing part. For X, a URL or emoji
    that straddles the limit overflows as a whole, from its start.
    """
    if limit <= 0:
        return 0
    if _is_twitter(network):
        return _twitter(text, limit)[1]
    if "\r\n" not in text and _simple_graphemes(text):
        return min(limit, len(text))
    view, back = _ri_view(text)
    m = _graphemes_prefix_re(limit).match(view)
    return back(m.end()) if m and m.end() < len(view) else len(text)
