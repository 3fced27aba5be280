"""`grammar`: French agreement, conjugation and homophones, with Grammalecte.

Grammalecte is the French grammar checker (GPL-3, pure Python, no network); it
is not on PyPI but Debian and Ubuntu package it (`apt install
python3-grammalecte`, done in the Dockerfile and by CI). Garant imports it where
the system installed it (or from the directory in `GARANT_GRAMMALECTE`), so the
virtual environment needs nothing more. When it is missing the charter still
loads and the rule is off, said by `garant check` and `/charter show` — never a
silent skip.

Only Grammalecte's grammar options run: its typography options (spaces,
apostrophes, numbers, units...) are switched off, the `typography` kind does
that with fixes of its own; its spelling is the `spelling` kind's.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import sys
from pathlib import Path
from typing import Any

from bot.charter.kinds.base import Build, Match, RuleKind, Scan, register_kind
from bot.charter.kinds.spans import protected_spans
from bot.located.yamlsrc import LocatedDict, SourceError
from bot.phrases import Phrase, PhraseError

#: Where Debian, Ubuntu and pip's --user put system packages: Grammalecte is looked for
#: there when the running Python cannot import it (a virtual environment).
SYSTEM_PLACES = ("/usr/lib/python3/dist-packages", "/usr/local/lib/python3/dist-packages",
                 "/usr/share/grammalecte")
#: Grammalecte's options that are typography, not grammar (the `typography` kind's job).
TYPOGRAPHY_OPTIONS = ("typo", "apos", "esp", "tab", "nbsp", "num", "unit", "nf", "liga",
                      "chim", "ocr", "eepi", "minis", "mapos", "html", "latex", "idrule")


class GrammarUnavailable(PhraseError):
    """Grammalecte cannot be loaded: the rule is off, and says why."""


def _import_grammalecte() -> Any:
    try:
        import grammalecte

        return grammalecte
    except ImportError:
        pass
    places = [os.environ.get("GARANT_GRAMMALECTE", ""), *SYSTEM_PLACES]
    for place in filter(None, places):
        package = Path(place) / "grammalecte"
        init = package / "__init__.py"
        if not init.is_file():
            continue
        spec = importlib.util.spec_from_file_location(
            "grammalecte", init, submodule_search_locations=[str(package)])
        if spec is None or spec.loader is None:
            continue
        module = importlib.util.module_from_spec(spec)
        sys.modules["grammalecte"] = module
        try:
            spec.loader.exec_module(module)
        except Exception as exc:
            del sys.modules["grammalecte"]
            raise GrammarUnavailable("Grammalecte in {place} cannot be loaded: {error}",
                                     place=place, error=str(exc)) from exc
        return module
    raise GrammarUnavailable("Grammalecte is not installed (apt install python3-grammalecte, "
                             "or GARANT_GRAMMALECTE=the directory holding it)")


@functools.cache
def checker() -> Any:
    """Grammalecte's French checker, loaded once, its typography options off."""
    module = _import_grammalecte()
    try:
        checker = module.GrammarChecker("fr")
        checker.getGCEngine().setOptions({name: False for name in TYPOGRAPHY_OPTIONS})
    except Exception as exc:
        raise GrammarUnavailable("Grammalecte cannot start: {error}", error=str(exc)) from exc
    return checker


@register_kind
class Grammar(RuleKind):
    """French grammar with Grammalecte (see the module's docstring): agreement,
    conjugation, homophones (a/à, ces/ses, on/ont, -é/-er...).

        - id: grammaire
          kind: grammar
          applies_to: [draft]
    """

    kind = "grammar"
    default_action = "suggest"
    placeholders = ("match", "suggestion", "explanation", "hint")
    messages = {
        "fr": "Grammaire : {explanation}{hint}",
        "en": "Grammar: {explanation}{hint}",
    }
    hints = {"fr": " → « {suggestion} »", "en": " → \u201c{suggestion}\u201d"}

    def __init__(self, raw: LocatedDict, build: Build, rule_id: str) -> None:
        super().__init__(raw, build, rule_id)
        self.language = build.language
        if build.language != "fr":
            raise SourceError(raw.where("kind"), "the grammar kind checks French; this "
                              "charter's language is {language}", language=build.language)

    @property
    def unavailable(self) -> Phrase | None:
        try:
            checker()
        except GrammarUnavailable as exc:
            return exc.phrase
        return None

    def check(self, scan: Scan) -> list[Match]:
        try:
            grammalecte = checker()
        except GrammarUnavailable:
            return []  # said by `unavailable`, at load and in /charter show
        skipped = protected_spans(scan.text)
        found = []
        offset = 0
        for line in scan.text.split("\n"):  # Grammalecte reads one paragraph at a time
            if line.strip():
                errors, _ = grammalecte.getParagraphErrors(line)
                for error in errors:
                    start, end = offset + error["nStart"], offset + error["nEnd"]
                    if any(s < end and start < e for s, e in skipped):
                        continue
                    suggestions = [s for s in error.get("aSuggestions", ()) if s]
                    shown = " / ".join(suggestions[:3])
                    hint = self.hints[self.language].format(suggestion=shown) if shown else ""
                    found.append(Match(start, end, shown,
                                       {"explanation": error["sMessage"], "hint": hint},
                                       fix=suggestions[0] if len(suggestions) == 1 else None))
            offset += len(line) + 1
        return found


__all__ = ["Grammar", "GrammarUnavailable", "checker"]
