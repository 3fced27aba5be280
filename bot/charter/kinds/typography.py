"""`typography`: French typography, each finding with its fix.

Native and fast (a handful of linear regexes over the draft, no library): the
spacing around ; ! ? : and « », French quotes for "…", the ellipsis character,
one apostrophe style, double spaces, no space before a comma or a full stop, a
capital after a full stop, and "1 modifications". Links, e-mail addresses,
@mentions, #hashtags, `code`, times (14:30) and emoticons (:) ;-)) are never
touched: they are not prose.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from bot.charter.kinds.base import Build, Match, RuleKind, Scan, register_kind
from bot.charter.kinds.spans import protected_spans
from bot.located import fields
from bot.located.yamlsrc import LocatedDict, SourceError, did_you_mean, quoted

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"
_SPACES = " \u00a0\u202f\u2009"

#: Every check, in the order of the reference, with what it says in each language.
CHECKS: dict[str, dict[str, str]] = {
    "spacing": {"fr": "espace insécable avant « {mark} »",
                "en": "a no-break space before \u201c{mark}\u201d"},
    "guillemets": {"fr": "espaces insécables à l'intérieur des guillemets",
                   "en": "no-break spaces inside the guillemets"},
    "quotes": {"fr": "guillemets français « » plutôt que \"…\"",
               "en": "French quotes « » rather than \"…\""},
    "ellipsis": {"fr": "points de suspension « … » plutôt que trois points",
                 "en": "an ellipsis \u201c…\u201d rather than three dots"},
    "apostrophe": {"fr": "apostrophe « {mark} »", "en": "the apostrophe \u201c{mark}\u201d"},
    "double_space": {"fr": "une seule espace entre les mots",
                     "en": "a single space between words"},
    "space_before": {"fr": "pas d'espace avant « {mark} »",
                     "en": "no space before \u201c{mark}\u201d"},
    "capital": {"fr": "une majuscule après un point", "en": "a capital after a full stop"},
    "number": {"fr": "le singulier après « 1 »", "en": "the singular after \u201c1\u201d"},
}

APOSTROPHES = ("’", "'")

_TALL = re.compile(r"(?P<before>[ \u00a0\u2009]?)(?P<mark>[;!?]+)")
_COLON = re.compile(r"(?P<before>[ \u202f\u2009]?)(?P<mark>:)(?=[\s\"«]|$)")
_OPEN = re.compile(r"«(?P<inside>[ \u00a0\u2009]?)(?=\S)")
_CLOSE = re.compile(r"(?<=\S)(?P<inside>[ \u00a0\u2009]?)»")
_STRAIGHT = re.compile(r"\"([^\"\n]{1,300})\"")
_DOTS = re.compile(r"(?<!\.)\.{3}(?!\.)")
_DOUBLE = re.compile(r"(?<=\S)[ \u00a0]{2,}(?=\S)")
_SPACE_BEFORE = re.compile(r"(?<=\w)[ \u00a0\u202f]+(?P<mark>[,.])(?!\.\.)(?!\d)")
_AFTER_STOP = re.compile(r"(?<=\w)(?P<stop>\.) +(?P<letter>[a-zà-öø-ÿœæ])")
_ONE = re.compile(r"(?<![\w,.])1 (?P<word>[a-zà-öø-ÿœæ]{3,}(?:s|x))(?!\w)")

#: Abbreviations a lowercase word may follow: "etc. et", "p. ex.", "M. Dupont".
_ABBREVIATIONS = frozenset({
    "etc", "cf", "ex", "p", "pp", "env", "av", "bd", "boul", "apr", "hab", "min", "max",
    "vol", "chap", "fig", "éd", "réf", "tél", "n", "no", "vs", "resp", "sq", "art", "al",
})
#: Words ending in s or x that are singular too: "1 fois", "1 prix".
_SINGULAR_S = frozenset({
    "fois", "mois", "pas", "cas", "prix", "choix", "avis", "temps", "corps", "repas", "bras",
    "dos", "fils", "gars", "héros", "jus", "poids", "pays", "palais", "processus", "virus",
    "bonus", "campus", "focus", "plus", "moins", "vers", "concours", "discours", "parcours",
    "secours", "cours", "recours", "tapis", "colis", "devis", "souris", "lis", "puits",
    "remords", "relais", "succès", "accès", "procès", "progrès", "excès", "abcès", "débris",
    "permis", "compris", "paradis", "radis", "frais", "anglais", "français", "mas", "ours",
    "houx", "flux", "reflux", "crucifix", "index", "lynx", "sphinx", "thorax",
    "larynx", "silex", "box", "fax", "mix", "remix", "max", "relax", "tex", "inbox",
    "news", "analytics", "kudos", "process", "business", "access", "success", "status",
    "tennis", "vernis", "logis", "rubis", "croquis", "maquis", "abatis", "gratis", "taudis",
    "mets", "rets", "legs", "biceps", "forceps", "mars", "iris", "oasis", "hélas",
})


@register_kind
class Typography(RuleKind):
    """French typography, each finding with its fix (see the module's docstring).

        - id: typographie
          kind: typography
          apostrophe: "’"        # or "'": the house style, the other one is reported
                                 # (not checked unless set)
          checks:                # all on by default; switch one off per charter
            capital: false
          applies_to: [draft]
          networks: [linkedin, blog, newsletter]   # per network: one rule per set
    """

    kind = "typography"
    keys = ("checks", "apostrophe")
    default_action = "suggest"
    placeholders = ("match", "suggestion", "problem")
    messages = {
        "fr": "Typographie : {problem} (« {suggestion} »).",
        "en": "Typography: {problem} (\u201c{suggestion}\u201d).",
    }

    def __init__(self, raw: LocatedDict, build: Build, rule_id: str) -> None:
        super().__init__(raw, build, rule_id)
        self.language = build.language if build.language in ("fr", "en") else "en"
        # The apostrophe is a house style (most keyboards type '): checked only when the
        # charter says which one it wants.
        self.apostrophe = fields.choice(raw, "apostrophe", APOSTROPHES, "none")
        self.enabled = set(CHECKS) - ({"apostrophe"} if self.apostrophe == "none" else set())
        if "checks" in raw:
            checks = fields.require_mapping(raw["checks"], raw.where("checks"),
                                            quoted("checks"))
            for name in checks:
                if name not in CHECKS:
                    guess = fields.closest(str(name), CHECKS)
                    raise SourceError(checks.where_key(name),
                                      "unknown typography check '{name}'{hint} (the checks: "
                                      "{known})", name=name, hint=did_you_mean(guess),
                                      known=", ".join(CHECKS))
                if not fields.boolean(checks, name, True):
                    self.enabled.discard(name)
        self._checks: list[tuple[str, Callable[[str], Iterator[tuple[int, int, str, str]]]]] = [
            (name, check) for name, check in (
                ("spacing", _spacing), ("guillemets", _guillemets), ("quotes", _quotes),
                ("ellipsis", _ellipsis), ("apostrophe", self._apostrophes),
                ("double_space", _double_spaces), ("space_before", _space_before),
                ("capital", _capitals), ("number", _number))
            if name in self.enabled]

    def check(self, scan: Scan) -> list[Match]:
        return [Match(start, end, fixed, {"problem": self.problem(name, mark)}, fix=fixed)
                for name, start, end, fixed, mark in fixes(scan.text, self._checks)]

    def problem(self, name: str, mark: str) -> str:
        return CHECKS[name][self.language].format(mark=mark)

    def _apostrophes(self, text: str) -> Iterator[tuple[int, int, str, str]]:
        wrong = "'" if self.apostrophe == "’" else "’"
        for found in re.finditer(rf"(?<=\w){wrong}(?=\w)", text):
            yield found.start(), found.end(), self.apostrophe, self.apostrophe


def fixes(text: str, checks: list[tuple[str, Callable[[str], Iterator[tuple[int, int, str, str]]]]]
          ) -> list[tuple[str, int, int, str, str]]:
    """Every check's (name, start, end, replacement, mark) outside protected spans, in
    text order, overlapping ones dropped (the first check wins: the list is in order)."""
    protected = protected_spans(text)
    out: list[tuple[str, int, int, str, str]] = []
    taken: list[tuple[int, int]] = []
    for name, check in checks:
        for start, end, fixed, mark in check(text):
            if any(s < max(end, start + 1) and start < e for s, e in protected):
                continue
            if any(s < max(end, start + 1) and start < e for s, e in taken):
                continue
            taken.append((start, end))
            out.append((name, start, end, fixed, mark))
    return sorted(out, key=lambda item: item[1])


# --------------------------------------------------------------------------- checks


def _spacing(text: str) -> Iterator[tuple[int, int, str, str]]:
    for pattern, space in ((_TALL, NARROW_NBSP), (_COLON, NBSP)):
        for found in pattern.finditer(text):
            start, mark = found.start(), found.group("mark")
            if start == 0 or (not found.group("before") and not text[start - 1].isalnum()
                              and text[start - 1] not in "»)]\"’'"):
                continue  # "(?)", a line starting with "!", "?!" after a space
            if found.group("before") != space:
                yield start, found.end(), space + mark, mark[0]


def _guillemets(text: str) -> Iterator[tuple[int, int, str, str]]:
    for found in _OPEN.finditer(text):
        if found.group("inside") not in (NARROW_NBSP, NBSP):
            yield found.start(), found.end(), "«" + NARROW_NBSP, "«"
    for found in _CLOSE.finditer(text):
        if found.group("inside") not in (NARROW_NBSP, NBSP):
            yield found.start(), found.end(), NARROW_NBSP + "»", "»"


def _quotes(text: str) -> Iterator[tuple[int, int, str, str]]:
    for found in _STRAIGHT.finditer(text):
        inside = found.group(1).strip(_SPACES)
        yield found.start(), found.end(), f"«{NARROW_NBSP}{inside}{NARROW_NBSP}»", "\""


def _ellipsis(text: str) -> Iterator[tuple[int, int, str, str]]:
    for found in _DOTS.finditer(text):
        yield found.start(), found.end(), "…", "…"


def _double_spaces(text: str) -> Iterator[tuple[int, int, str, str]]:
    for found in _DOUBLE.finditer(text):
        yield found.start(), found.end(), " ", " "


def _space_before(text: str) -> Iterator[tuple[int, int, str, str]]:
    for found in _SPACE_BEFORE.finditer(text):
        yield found.start(), found.end(), found.group("mark"), found.group("mark")


def _capitals(text: str) -> Iterator[tuple[int, int, str, str]]:
    for found in _AFTER_STOP.finditer(text):
        if found.group("stop") == ".":
            word = re.search(r"(\w+)\.$", text[:found.end("stop")])
            if word and (word.group(1).lower() in _ABBREVIATIONS or len(word.group(1)) == 1):
                continue  # "etc. et", "p. ex.", "M. Dupont"
        letter = found.group("letter")
        yield found.start("letter"), found.end("letter"), letter.upper(), letter


def _number(text: str) -> Iterator[tuple[int, int, str, str]]:
    for found in _ONE.finditer(text):
        word = found.group("word")
        if word in _SINGULAR_S:
            continue
        singular = word[:-1]
        if word.endswith("aux") and len(word) > 4:
            singular = word[:-3] + "al"  # 1 journaux → journal
        yield found.start("word"), found.end("word"), singular, "1"


__all__ = ["APOSTROPHES", "CHECKS", "Typography", "fixes"]
