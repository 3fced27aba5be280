"""French typography for what Garant says in French.

Why: a French reader expects a narrow no-break space before ; ! ? and inside « »,
and a no-break space before : — typed as plain spaces in the catalogue (so it
stays readable and diffable), they become the right characters when a French
message is rendered, and a line never breaks before the punctuation. Applied to
the catalogue's templates, never to what people wrote (a quoted message keeps
its own spaces).
"""

from __future__ import annotations

import re

NARROW_NBSP = "\u202f"
NBSP = "\u00a0"

_BEFORE_TALL = re.compile(r" ([;!?])(?=\s|$|[»)\"'’.,])")
_BEFORE_COLON = re.compile(r" :(?=\s|$)")
_OPENING_QUOTE = re.compile(r"« ")
_CLOSING_QUOTE = re.compile(r" »")


def french(text: str) -> str:
    """`text` with French spacing around ; ! ? : and « »."""
    text = _BEFORE_TALL.sub(NARROW_NBSP + r"\1", text)
    text = _BEFORE_COLON.sub(NBSP + ":", text)
    text = _OPENING_QUOTE.sub("«" + NARROW_NBSP, text)
    return _CLOSING_QUOTE.sub(NARROW_NBSP + "»", text)


def plain(text: str) -> str:
    """`text` with no-break spaces as plain ones (for comparing and searching)."""
    return text.replace(NARROW_NBSP, " ").replace(NBSP, " ")


__all__ = ["NARROW_NBSP", "NBSP", "french", "plain"]
