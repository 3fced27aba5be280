"""What several kinds look for in a text: links and emoji, as spans of the ORIGINAL
text (`text[start:end]` is exactly what was found).
Every detector is a pure function of the text. They run on every chat message, so
each one starts with a cheap test (ASCII text, no "@", no digit run...) that lets
the common message through without touching the costly parts (the `emoji` trie,
`phonenumbers`, per-character work). Regexes are compiled once, at import.

Every result carries `start`/`end` offsets into the ORIGINAL text, so that
`text[start:end]` is exactly what was found: findings are shown to people by
highlighting that slice, never a normalised copy of it.

Links: a bare domain (no scheme, no `www.`) is a link only with a known TLD
(`KNOWN_TLDS`) or when a path follows; without a path, a Titlecase TLD
(`fini.De toute façon`) is a missing space, and bare domains inside backtick code
are code. Slack/Discord `<url|label>` tokens are reported whole. Emoji: single
text-style symbols below U+2600 only count when followed by VS16; Slack
`:shortcode:` names of standard emoji count too. Long ZWJ chains are bounded, since
the `emoji` tokenizer is quadratic on them.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from typing import Any

import emoji
import regex


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


def outside(spans: Sequence[Span], taken: Iterable[tuple[int, int]]) -> list[Span]:
    """The `spans` that overlap none of `taken`, in O((n + m) log m): a long message
    with a thousand numbers must not cost a million comparisons."""
    ordered = sorted(taken)
    if not ordered or not spans:
        return list(spans)
    starts = [start for start, _ in ordered]
    reach = list(accumulate((end for _, end in ordered), max))  # furthest end so far
    kept = []
    for span in spans:
        i = bisect_left(starts, span.end)  # the taken spans starting before this one ends
        if i == 0 or reach[i - 1] <= span.start:
            kept.append(span)
    return kept


def _span(text: str, start: int, end: int, detail: str = "") -> Span:
    return Span(start, end, text[start:end], detail)


#: Chat markup (mentions, channels, emoji codes, links) that is not text to count.
_MARKUP_RE = re.compile(r"<[@#!:a][^<>\s]*>")
_ZWJ = "\u200d"


# -------------------------------------------------------------------------- links


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
# Written to start with the dot, so that `re` jumps from dot to dot (a pattern that
# starts with a class tries every position: six times slower on chat messages).
_DOT_BEFORE_LETTER_RE = re.compile(r"\.(?<=[\w-]\.)[^\W\d]")


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
    if "://" not in text and not _DOT_BEFORE_LETTER_RE.search(text):
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
        found_host: str = m.group(kind)
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
        links.append(Link(start, end, url, _clean_domain(found_host)))
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


# -------------------------------------------------------------------------- emoji


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


#: What is not prose, left as written by the typography and spelling rules.
_PROTECTED = re.compile(
    r"`[^`\n]*`"                                      # `code`
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"                  # e-mail addresses
    r"|(?<!\w)[@#][\w-]+(?:\.[\w-]+)*"                # @mentions (@marie.cuisine), #hashtags
    r"|\d{1,2}:\d{2}(?::\d{2})?"                      # times
    r"|(?<!\w)[:;=8][-']?[()\[\]DPpOo3/\\|*]+(?!\w)"  # emoticons :) ;-) :D
    r"|<[^<>\s]*>")                                   # platform markup <@U123>, <#C1|x>


def protected_spans(text: str) -> list[tuple[int, int]]:
    """Spans that are not prose: code, e-mail addresses, @mentions, #hashtags, times,
    emoticons, platform markup and links."""
    spans = [(m.start(), m.end()) for m in _PROTECTED.finditer(text)]
    spans += [(link.start, link.end) for link in find_links(text)]
    return sorted(spans)
