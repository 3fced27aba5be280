"""Charter regexes on RE2: linear time, so a regex written by a user never hangs the
bot, and one set for all of a charter's patterns, so a message is searched once.

`max_mem` is raised to 64 MiB (the 8 MiB default silently falls back to a slow
engine). Look-arounds and backreferences, which RE2 cannot run, are refused at
load with the construct named.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any

import re2

from bot.located.yamlsrc import SourceError, Where
from bot.phrases import Phrase

MAX_PATTERN = 512
_RE2_HINTS = (
    ("(?=", Phrase("look-ahead (?=…)")), ("(?!", Phrase("negative look-ahead (?!…)")),
    ("(?<=", Phrase("look-behind (?<=…)")), ("(?<!", Phrase("negative look-behind (?<!…)")),
    ("(?>", Phrase("atomic group (?>…)")), ("++", Phrase("possessive quantifier ++")),
    ("*+", Phrase("possessive quantifier *+")), ("\\Z", Phrase("\\Z (write \\z)")),
)
_BACKREF = re.compile(r"\\[1-9]|\(\?P=")


def re2_options() -> re2.Options:
    options = re2.Options()
    options.max_mem = 64 << 20  # the 8 MiB default makes RE2 fall back to its slow NFA
    options.case_sensitive = False
    options.log_errors = False
    return options


def compile_pattern(source: str, where: Where) -> Any:
    """Compile a charter regex with RE2 (linear time), or explain why it cannot run."""
    if len(source) > MAX_PATTERN:
        raise SourceError(where, "regex is {length} characters long; the limit is {limit}",
                          length=len(source), limit=MAX_PATTERN)
    unsupported = [label for token, label in _RE2_HINTS if token in source]
    if _BACKREF.search(source):
        unsupported.append(Phrase("backreference (\\1, (?P=name))"))
    try:
        return re2.compile(strip_accents(source), re2_options())
    except re2.error as exc:
        if unsupported:
            raise SourceError(where, "regex refused by the linear-time engine (RE2): it uses "
                              "{constructs}; rewrite it without that construct",
                              constructs=unsupported) from None
        reason = exc.args[0] if exc.args else exc
        if isinstance(reason, bytes):
            reason = reason.decode("utf-8", "replace")
        if "too large" in str(reason):
            raise SourceError(where, "regex too costly: compiled, it would need more than "
                              "{mib} MiB; split it or bound its repetitions",
                              mib=re2_options().max_mem >> 20) from None
        raise SourceError(where, "invalid regex: {reason}", reason=reason) from None


def strip_accents(source: str) -> str:
    """Patterns run on the folded view, so their literal letters are folded too."""
    decomposed = unicodedata.normalize("NFKD", source)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def pattern_set(regexes: Sequence[Any]) -> Any:
    """One RE2 set over every regex, searched once per message; None when there are
    none or they do not fit one set (then each is searched on its own)."""
    if not regexes:
        return None
    try:
        regex_set = re2.Set.SearchSet(re2_options())
        for regex in regexes:
            regex_set.Add(regex.pattern)
        regex_set.Compile()
    except re2.error:
        return None
    return regex_set
