"""The host's charters: loaded by name on first use, reloaded on request.

Cogs ask `bot.charters.get(name)`. A charter that no longer loads after an edit
keeps its previous version on `reload`, so a typo in a charter file never leaves
a channel unmoderated; at start-up every charter the configuration names is
loaded once, so a broken one stops the start with its `PATH:LINE:COL` error
rather than surfacing on the first message.
"""

from __future__ import annotations

from pathlib import Path

from bot.charter import Charter, CharterLibrary
from bot.located.yamlsrc import SourceError, Where


class CharterRegistry:
    """Charters by name, loaded on first use; `reload` keeps the last valid ones."""

    def __init__(self, directories: list[Path]) -> None:
        self.directories = directories
        self._library = CharterLibrary(directories)
        self._loaded: dict[str, Charter] = {}
        self._required: dict[str, Where | None] = {}

    def get(self, name: str) -> Charter:
        if name not in self._loaded:
            self._loaded[name] = self._library.load(name)
        return self._loaded[name]

    def names(self) -> list[str]:
        return self._library.names()

    def require(self, name: str, where: Where | None = None) -> None:
        """A charter the configuration names (a channel's, the drafts'...): loaded by
        `load_required` at start, its error pointing at `where` when it is unknown."""
        self._required.setdefault(name, where)

    def load_required(self) -> list[str]:
        """Load every required charter, in the order they were named; the first that
        does not load raises its SourceError."""
        for name, where in self._required.items():
            try:
                self.get(name)
            except SourceError as exc:
                if exc.where is None and where is not None:  # say where it is named
                    raise SourceError(where, exc.phrase) from None
                raise
        return list(self._required)

    def reload(self) -> tuple[list[str], list[SourceError]]:
        """Re-read every loaded charter from disk: (reloaded names, errors); a charter
        that no longer loads keeps its previous version."""
        library = CharterLibrary(self.directories)
        reloaded, errors = [], []
        for name in list(self._loaded):
            try:
                self._loaded[name] = library.load(name)
                reloaded.append(name)
            except SourceError as exc:
                errors.append(exc)
        self._library = library
        return reloaded, errors
