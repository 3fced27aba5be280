"""The host's charters: loaded by name on first use, reloaded on request.

Cogs ask `bot.charters.get(name)`. A charter that no longer loads after an edit
keeps its previous version on `reload`, so a typo in a charter file never leaves
a channel unmoderated; at start-up every charter the configuration names is
loaded once, so a broken one stops the start with its `PATH:LINE:COL` error
rather than surfacing on the first message.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from bot.charter import Charter, CharterLibrary
from bot.charter.edit import EditError, add_exemption
from bot.charter.load import read_source
from bot.located import fields
from bot.located.yamlsrc import SourceError, Where

#: Where the previous versions of an edited charter are kept, in its directory (not
#: read as charters: only the directory's own `*.yaml` are).
HISTORY = "history"


@dataclass(frozen=True, slots=True)
class Exempted:
    """An exemption written: the charter file, and its previous version kept."""

    path: Path
    previous: Path


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

    def write_exemption(self, name: str, rule_id: str, key: str, value: str, note: str,
                        own_dir: Path | None, now: datetime) -> Exempted:
        """Add `value` to the list `key` of a rule of charter `name`, in its file, with
        `note` as comment (see `bot/charter/edit.py`); the charter must still load with
        its examples, else nothing changes. The previous file is kept under `history/`.
        Only a charter of the co-op's own directory (`own_dir`, garant.yaml's
        `charters_dir`) is written, never a bundled one. Blocking file work: run it on
        a thread; `reload` afterwards."""
        charter = self.get(name)
        path = charter.path
        if path is None or own_dir is None or not path.resolve().is_relative_to(
                own_dir.resolve()):
            raise EditError("charter '{name}' is not in your charters directory ({path}): copy "
                            "it into the directory named by 'charters_dir' in garant.yaml to "
                            "add exceptions to it", name=name, path=path or name)
        raw = CharterLibrary(self.directories).raw_rule(name, rule_id)  # as on disk now
        effective = [item for item, _ in fields.text_list(raw, key)] if raw else []
        text = path.read_text(encoding="utf-8")
        new = add_exemption(text, rule_id, key, value, note, effective)
        draft = path.with_name(f".{path.name}.new")  # not `*.yaml`: never read as a charter
        draft.write_text(new, encoding="utf-8")
        try:
            CharterLibrary(self.directories).compose(read_source(draft))
        except SourceError as exc:
            draft.unlink(missing_ok=True)
            where = exc.where
            shown = SourceError(Where(str(path), where.line, where.col), exc.phrase) \
                if where is not None and where.path == str(draft) else exc
            raise EditError("with this exception the charter would no longer load, so nothing "
                            "was changed: {error}", error=shown) from None
        history = path.parent / HISTORY
        history.mkdir(exist_ok=True)
        stamp = now.strftime("%Y-%m-%dT%H-%M-%S")
        previous = history / f"{path.stem}.{stamp}{path.suffix}"
        count = 1
        while previous.exists():  # two exceptions in one second: both versions kept
            count += 1
            previous = history / f"{path.stem}.{stamp}-{count}{path.suffix}"
        shutil.copy2(path, previous)
        os.replace(draft, path)
        return Exempted(path, previous)
