"""The rule kinds of a charter, one module each (in the spirit of Vale's and ruff's
one small, declarative, documented file per rule kind).

Adding a kind: write `kinds/<name>.py` with a `RuleKind` subclass decorated with
`@register_kind` (its YAML keys documented in its docstring, its messages, its `wake`
pre-filter and `check`), and name the module in `KIND_MODULES`. See
docs/charters.md for the user-facing reference of every kind.
"""

import importlib

from bot.charter.kinds.base import (
    KINDS,
    NETWORKS,
    Build,
    FloodTracker,
    Match,
    RuleKind,
    Scan,
    Term,
    Wake,
    WordList,
)

#: The kind modules, loaded in this order: the order of the reference (docs/charters.md)
#: and of the "must be one of" list when a charter names an unknown kind.
KIND_MODULES = ("forbidden", "replace", "register", "conditional", "count", "length", "links",
                "personal_data", "repetition", "unicode_tricks", "pattern", "typography",
                "spelling", "grammar")
for _module in KIND_MODULES:
    importlib.import_module(f"{__name__}.{_module}")

__all__ = ["KINDS", "KIND_MODULES", "NETWORKS", "Build", "FloodTracker", "Match", "RuleKind",
           "Scan", "Term", "Wake", "WordList"]
