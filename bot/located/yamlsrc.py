"""YAML that remembers where each value came from.

Charters and the bot's config are written by people, not programs, so every
error must point at the file, line and column of the offending value. PyYAML's
composed node tree carries those marks; this module turns it into plain dicts
and lists that keep them (`LocatedDict.where(key)`), and refuses duplicate keys,
which PyYAML would silently overwrite.

Anchors and aliases (`&name`, `*name`) are refused: an alias is the same node
reached twice, so a few hundred bytes of nested aliases expand into gigabytes
("billion laughs") and a self-referencing anchor never ends. Charters and
configs never need them; the error points at the anchor to write out.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from bot.phrases import Phrase, PhraseError, phrase_of

try:  # the C loader is much faster on large charters; fall back when missing
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]


@dataclass(frozen=True, slots=True)
class Where:
    """A position in a source file, 1-based like editors show it."""

    path: str
    line: int
    col: int

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.col}"


class SourceError(PhraseError):
    """A problem in a user-written file, reported as `PATH:LINE:COL: message`; the
    message is an English template with its values (`bot.phrases`), shown in French
    with `text("fr")`."""

    def __init__(self, where: Where | None, message: str | Phrase, /, **values: Any) -> None:
        # The phrase is built here so that a template may name a value {where} or {message}.
        super().__init__(phrase_of(message, values))
        self.where = where

    @property
    def message(self) -> str:
        return self.phrase.render("en")

    def text(self, language: str = "en") -> str:
        said = self.phrase.render(language)
        return f"{self.where}: {said}" if self.where else said


class SourceErrors(SourceError):
    """Several problems in user-written files, each with its position; reported one per
    line, so a person fixes them all in one go (the first is `where` and `message`)."""

    def __init__(self, errors: list[SourceError]) -> None:
        super().__init__(errors[0].where, errors[0].phrase)
        self.errors = errors

    def text(self, language: str = "en") -> str:
        return "\n".join(error.text(language) for error in self.errors)


def collect(errors: list[SourceError]) -> None:
    """Raise what `errors` holds: nothing, the one error, or all of them."""
    if len(errors) == 1:
        raise errors[0]
    if errors:
        raise SourceErrors(errors)


class LocatedDict(dict):
    """A mapping whose keys and values remember their position."""

    where_self: Where
    key_where: dict[str, Where]
    value_where: dict[str, Where]

    def where(self, key: str) -> Where:
        """Where the value of `key` is (or the mapping itself when absent)."""
        return self.value_where.get(key, self.where_self)

    def where_key(self, key: str) -> Where:
        return self.key_where.get(key, self.where_self)


class LocatedList(list):
    """A sequence whose items remember their position."""

    where_self: Where
    item_where: list[Where]

    def where(self, index: int) -> Where:
        return self.item_where[index] if index < len(self.item_where) else self.where_self


def where_of(value: Any, default: Where) -> Where:
    """The position of a located container, else `default`."""
    return getattr(value, "where_self", default)


def _mark(path: str, node: yaml.Node) -> Where:
    return Where(path, node.start_mark.line + 1, node.start_mark.column + 1)


def _convert(node: yaml.Node, loader: Any, path: str, seen: set[int] | None = None) -> Any:
    seen = set() if seen is None else seen
    if id(node) in seen:  # composed once, reached again: an alias
        raise SourceError(_mark(path, node), "YAML anchors and aliases (&name, *name) are not "
                                             "supported: write the value out where it is used")
    seen.add(id(node))
    if isinstance(node, yaml.MappingNode):
        result = LocatedDict()
        result.where_self = _mark(path, node)
        result.key_where, result.value_where = {}, {}
        for key_node, value_node in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise SourceError(_mark(path, key_node), "YAML merge keys (<<) are not supported")
            key = _convert(key_node, loader, path, seen)
            if not isinstance(key, str):
                # Keys are names or words: `on:` means the word "on", not True.
                key = key_node.value if isinstance(key_node, yaml.ScalarNode) else str(key)
            if key in result:
                first = result.key_where[key]
                raise SourceError(_mark(path, key_node),
                                  "duplicate key '{key}' (first defined at line {line})",
                                  key=key, line=first.line)
            result[key] = _convert(value_node, loader, path, seen)
            result.key_where[key] = _mark(path, key_node)
            result.value_where[key] = _mark(path, value_node)
        return result
    if isinstance(node, yaml.SequenceNode):
        items = LocatedList(_convert(item, loader, path, seen) for item in node.value)
        items.where_self = _mark(path, node)
        items.item_where = [_mark(path, item) for item in node.value]
        return items
    return loader.construct_object(node, deep=True)


def load_yaml(text: str, path: str) -> Any:
    """Parse one YAML document, keeping positions; syntax errors become SourceError."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        if node is None:
            return None
        return _convert(node, loader, path)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = Where(path, mark.line + 1, mark.column + 1) if mark else Where(path, 1, 1)
        # PyYAML's own words are English only; they are quoted as they are.
        problem = exc.problem or exc.context or Phrase("invalid YAML")
        raise SourceError(where, "invalid YAML: {problem}", problem=problem) from None
    except yaml.YAMLError as exc:
        raise SourceError(Where(path, 1, 1), "invalid YAML: {problem}", problem=str(exc)) from None
    finally:
        loader.dispose()


def read_text(path: Path, encoding: str = "utf-8") -> str:
    """A source file's text; an unreadable or non-UTF-8 file becomes SourceError."""
    try:
        return path.read_text(encoding=encoding)
    except UnicodeDecodeError as exc:
        raise SourceError(Where(str(path), 1, 1), "not UTF-8 text ({reason})",
                          reason=exc.reason) from None
    except OSError as exc:
        raise SourceError(None, "{path}: cannot read: {reason}", path=path,
                          reason=exc.strerror or exc) from None


def load_yaml_file(path: Path) -> Any:
    """Read and parse a YAML file; unreadable or non-UTF-8 files become SourceError."""
    return load_yaml(read_text(path), str(path))


def closest(word: str, choices: Iterable[str]) -> str | None:
    """The known name a misspelt key most likely meant, if any is close."""
    found = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return found[0] if found else None


def quoted(value: Any) -> Phrase:
    """A name or a value as written, between quotes: 'x' in English, « x » in French."""
    return Phrase("'{value}'", value=value)


def did_you_mean(guess: str | None) -> Phrase | str:
    """The hint ending an error when a close known name was found (else nothing)."""
    return Phrase("; did you mean '{guess}'?", guess=guess) if guess else ""


def unknown_key_message(key: str, known: Iterable[str], what: str | Phrase) -> Phrase:
    """`unknown key 'x' in <what>` and the key that was meant, or the known ones; `what`
    names the mapping ("the config", "'roles'"), as a Phrase to be shown in French."""
    known = sorted(known)
    guess = closest(key, known)
    if guess:
        return Phrase("unknown key '{key}' in {what}; did you mean '{guess}'?", key=key,
                      what=what, guess=guess)
    return Phrase("unknown key '{key}' in {what}; expected one of: {known}", key=key, what=what,
                  known=", ".join(known))
