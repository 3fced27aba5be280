"""Reading charter files, composing them through `extends`, and proving their examples.

A charter directory holds `*.yaml` charters, each with a unique `name`. Charters
are looked up by name in the configured directory first, then among the bundled
ones, so a team's own charter can extend the bundled `base`. Loading is all or
nothing: a charter with any error (schema, regex, list file, example) raises
SourceError and the caller keeps the last valid one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from bot.charter.engine import (
    ACTIONS,
    CONTEXTS,
    LEVELS,
    Charter,
    Example,
    Rule,
    check_placeholders,
)
from bot.charter.kinds import KINDS, NETWORKS, Build, FloodTracker, WordList
from bot.charter.terms import TermIndex
from bot.located import fields
from bot.located.yamlsrc import (
    LocatedDict,
    LocatedList,
    SourceError,
    Where,
    collect,
    did_you_mean,
    load_yaml_file,
    quoted,
    unknown_key_message,
)
from bot.phrases import Phrase

TOP_KEYS = ("name", "title", "language", "extends", "lists", "rules", "reasons")
LIST_KEYS = ("file", "words", "language")
COMMON_KEYS = ("id", "title", "kind", "level", "action", "message", "applies_to", "networks",
               "enabled", "why", "examples", "mode", "except_channels")
_NAME = re.compile(r"^[a-z0-9][a-z0-9_.-]*$")
_LANGUAGE = re.compile(r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$")


def bundled_charters_dir() -> Path:
    """The charters shipped with Garant (inside the wheel, or the source checkout)."""
    here = Path(__file__).resolve().parent.parent
    candidate = here.parent / "charters"  # the `charters` package, beside `bot`
    if candidate.is_dir():
        return candidate
    raise FileNotFoundError("the bundled charters are missing from this installation")


@dataclass(slots=True)
class CharterSource:
    """One charter file as written, before composition."""

    name: str
    path: Path
    raw: LocatedDict
    extends: list[tuple[str, Where]]


class CharterLibrary:
    """Charters by name across directories (the first directory wins)."""

    def __init__(self, directories: list[Path]) -> None:
        self.directories = [d for d in directories if d is not None]
        self._sources: dict[str, CharterSource] | None = None
        self.broken: list[SourceError] = []  # files that could not be read while indexing

    def sources(self) -> dict[str, CharterSource]:
        """Every readable charter by name. A broken file is set aside (see `broken`) so
        that it only matters to whoever asks for it."""
        if self._sources is None:
            found: dict[str, CharterSource] = {}
            for directory in self.directories:
                local: dict[str, CharterSource] = {}
                for path in sorted(directory.glob("*.yaml")):
                    try:
                        source = read_source(path)
                    except SourceError as exc:
                        self.broken.append(exc)
                        continue
                    if source.name in local:
                        # Blame the newer file: a copy made to start a new charter,
                        # not the charter that was there first.
                        first = local[source.name]
                        newer, older = sorted((source, first),
                                              key=lambda s: s.path.stat().st_mtime)[::-1]
                        raise SourceError(newer.raw.where("name"),
                                          "charter name '{name}' is already used by {path}; "
                                          "give this copy its own name",
                                          name=source.name, path=older.path)
                    local[source.name] = source
                for name, source in local.items():
                    found.setdefault(name, source)
            self._sources = found
        return self._sources

    def names(self) -> list[str]:
        return sorted(self.sources())

    def load(self, name_or_path: str) -> Charter:
        """A composed, compiled and example-checked charter, by name or by file path."""
        path = Path(name_or_path)
        if name_or_path.endswith((".yaml", ".yml")) or path.is_file():
            if not path.is_file():
                raise SourceError(None, "{path}: no such charter file", path=name_or_path)
            # A charter file may extend the charters next to it.
            near = CharterLibrary([path.resolve().parent, *self.directories])
            return near.compose(read_source(path))
        sources = self.sources()
        if name_or_path not in sources:
            raise SourceError(None, self._unknown(name_or_path))
        return self.compose(sources[name_or_path])

    def raw_rule(self, name: str, rule_id: str) -> LocatedDict | None:
        """A rule of charter `name` as its files write it, parents' amendments merged
        (what an edit of the charter file must extend)."""
        sources = self.sources()
        if name not in sources:
            return None
        rules: dict[str, tuple[LocatedDict, CharterSource]] = {}
        for source in self._ancestry(sources[name], []):
            merge_rules(rules, source)
        found = rules.get(rule_id)
        return found[0] if found else None

    def _unknown(self, name: str, exclude: str = "", in_extends: bool = False) -> Phrase:
        """Why `name` is no charter: the name meant, the known ones, the unreadable files."""
        sources = {n: s for n, s in self.sources().items() if n != exclude}
        values = {"name": name, "hint": did_you_mean(fields.closest(name, sources)),
                  "known": ", ".join(sorted(sources)) or Phrase("none")}
        message = Phrase("unknown charter '{name}' in extends{hint} (known: {known})"
                         if in_extends else "unknown charter '{name}'{hint} (known: {known})",
                         **values)
        if self.broken:
            return Phrase("{message}; {count} charter file(s) could not be read, the first: "
                          "{first}", message=message, count=len(self.broken),
                          first=self.broken[0])
        return message

    def compose(self, top: CharterSource) -> Charter:
        chain = self._ancestry(top, [])
        lists: dict[str, WordList] = {}
        rules: dict[str, tuple[LocatedDict, CharterSource]] = {}
        reasons: dict[str, str] = {}
        for source in chain:
            lists.update(read_lists(source))
            merge_rules(rules, source)
            reasons.update(read_reasons(source))
        language = fields.text(top.raw, "language", "fr") or "fr"
        index = TermIndex()
        build = Build(index, lists, "fr" if language.lower().startswith("fr") else "en")
        compiled, errors = [], []
        for raw, _ in rules.values():  # every rule's error, not only the first one's
            try:
                compiled.append(build_rule(raw, build, build.language))
            except SourceError as exc:
                errors.append(exc)
        collect(errors)
        enabled = [rule for rule, (raw, _) in zip(compiled, rules.values(), strict=True)
                   if fields.boolean(raw, "enabled", True)]
        charter = Charter(
            name=top.name,
            title=fields.text(top.raw, "title", top.name) or top.name,
            language=language,
            path=top.path,
            rules=enabled,
            index=index,
            parents=[s.name for s in chain[:-1]],
        )
        charter.reasons = reasons
        prove_examples(charter)
        return charter

    def _ancestry(self, source: CharterSource, seen: list[str]) -> list[CharterSource]:
        """Parents first (depth-first, in `extends` order), each charter once, then `source`."""
        if source.name in seen:
            cycle = " → ".join([*seen, source.name])
            raise SourceError(source.raw.where("extends"),
                              "charters extend each other in a cycle: {cycle}", cycle=cycle)
        chain: list[CharterSource] = []
        for parent_name, where in source.extends:
            if parent_name == source.name:
                raise SourceError(where, "charter '{name}' cannot extend itself",
                                  name=source.name)
            sources = self.sources()
            if parent_name not in sources:
                raise SourceError(where, self._unknown(parent_name, exclude=source.name,
                                                       in_extends=True))
            for ancestor in self._ancestry(sources[parent_name], [*seen, source.name]):
                if all(a.name != ancestor.name for a in chain):
                    chain.append(ancestor)
        return [*chain, source]


def read_source(path: Path) -> CharterSource:
    raw = load_yaml_file(path)
    where = Where(str(path), 1, 1)
    if raw is None:
        raise SourceError(where, "the charter is empty; it needs at least 'name' and 'rules'")
    raw = fields.require_mapping(raw, where, Phrase("a charter"))
    for key in raw:
        if key not in TOP_KEYS:
            raise SourceError(raw.where_key(key),
                              unknown_key_message(key, TOP_KEYS, Phrase("a charter")))
    name = fields.text(raw, "name", required=True)
    assert name is not None
    if not _NAME.match(name):
        raise SourceError(raw.where("name"), "charter name '{name}' must be lowercase letters, "
                          "digits, '-', '_' or '.' (e.g. coop-fr)", name=name)
    language = fields.text(raw, "language")
    if language is not None and not _LANGUAGE.match(language):
        raise SourceError(raw.where("language"), "'language' must be a BCP 47 tag such as fr, "
                          "en or fr-CA, got '{language}'", language=language)
    fields.text(raw, "title")
    extends = fields.text_list(raw, "extends")
    if "rules" in raw and not isinstance(raw["rules"], LocatedList):
        raise SourceError(raw.where("rules"), "'rules' must be a list of rules (each starting "
                          "with '- id: ...')")
    return CharterSource(name, path, raw, extends)


_REASON_ID = re.compile(r"^[a-z0-9][a-z0-9-]{0,29}$")


def read_reasons(source: CharterSource) -> dict[str, str]:
    """The charter's canned reasons for moderators' decisions: `reasons: {pub: "Publicité
    pour un autre serveur."}`; a charter overrides its parents' reasons of the same id."""
    if "reasons" not in source.raw:
        return {}
    raw = fields.require_mapping(source.raw["reasons"], source.raw.where("reasons"),
                                 quoted("reasons"))
    found: dict[str, str] = {}
    for reason_id in raw:
        where = raw.where(reason_id)
        if not _REASON_ID.match(str(reason_id)):
            raise SourceError(raw.where_key(reason_id), "reason id '{id}' must be lowercase "
                              "letters, digits and '-' (at most 30): moderators pick it in a "
                              "form", id=reason_id)
        text = raw[reason_id]
        if not isinstance(text, str) or not text.strip() or len(text) > 300:
            raise SourceError(where, "reason '{id}' must be a text of 1 to 300 characters, "
                              "got {got}", id=reason_id, got=fields.describe(text))
        found[str(reason_id)] = " ".join(text.split())
    return found


def read_lists(source: CharterSource) -> dict[str, WordList]:
    """The named word lists of one charter: inline (`[a, b]`), `{file: lists/x.txt}` or
    `{words: [a, b]}`, the last two with an optional `language` (else the charter's)."""
    if "lists" not in source.raw:
        return {}
    lists = fields.require_mapping(source.raw["lists"], source.raw.where("lists"),
                                   quoted("lists"))
    out: dict[str, WordList] = {}
    for name, value in lists.items():
        where = lists.where(name)
        if isinstance(value, LocatedDict):
            for key in value:
                if key not in LIST_KEYS:
                    raise SourceError(value.where_key(key),
                                      unknown_key_message(key, LIST_KEYS,
                                                          Phrase("list '{name}'", name=name)))
            language = fields.text(value, "language")
            if language is not None and not _LANGUAGE.match(language):
                raise SourceError(value.where("language"), "'language' must be a BCP 47 tag "
                                  "such as fr, en or fr-CA, got '{language}'", language=language)
            if ("file" in value) == ("words" in value):
                raise SourceError(where, "list '{name}' needs either 'file' or 'words'",
                                  name=name)
            if "file" in value:
                file_name = fields.text(value, "file", required=True)
                assert file_name is not None
                terms = read_list_file(source.path.parent / file_name, value.where("file"))
            else:
                terms = fields.text_list(value, "words", required=True)
            out[name] = WordList(terms, language and language.split("-")[0].lower())
        elif isinstance(value, LocatedList):
            out[name] = WordList(fields.text_list(lists, name))
        else:
            raise SourceError(where, "list '{name}' must be a list of terms, {{file: "
                              "lists/name.txt}} or {{words: [...], language: en}}", name=name)
    return out


def read_list_file(path: Path, where: Where) -> list[tuple[str, Where]]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        raise SourceError(where, "word list file not found: {path}", path=path) from None
    except UnicodeDecodeError:
        raise SourceError(where, "word list file is not UTF-8 text: {path}", path=path) from None
    except OSError as exc:
        raise SourceError(where, "cannot read word list file {path}: {reason}", path=path,
                          reason=exc.strerror) from None
    entries = []
    for number, line in enumerate(lines, start=1):
        term = line.split("#", 1)[0].strip() if not line.lstrip().startswith("#") else ""
        if term:
            entries.append((term, Where(str(path), number, 1)))
    if not entries:
        raise SourceError(where, "word list file {path} has no entries", path=path)
    return entries


def merge_rules(rules: dict[str, tuple[LocatedDict, CharterSource]],
                source: CharterSource) -> None:
    """Add one charter's rules: a known id replaces the parent's rule, or amends it
    when the child gives no `kind` (e.g. only `enabled: false` or a new `level`)."""
    if "rules" not in source.raw:
        return
    seen_here: dict[str, Where] = {}
    items: LocatedList = source.raw["rules"]
    for i, item in enumerate(items):
        raw = fields.require_mapping(item, items.where(i), Phrase("each rule"))
        rule_id = fields.text(raw, "id", required=True)
        assert rule_id is not None
        if rule_id in seen_here:
            raise SourceError(raw.where("id"), "rule id '{id}' is already used at line {line}; "
                              "ids must be unique", id=rule_id, line=seen_here[rule_id].line)
        seen_here[rule_id] = raw.where("id")
        if "kind" not in raw and rule_id in rules:
            parent, _ = rules[rule_id]
            rules[rule_id] = (_amend(parent, raw), source)
        elif "kind" not in raw and source.extends:
            raise SourceError(raw.where_self, "rule '{id}' has no 'kind' and no parent charter "
                              "has a rule '{id}' to amend; give it a kind (one of: {kinds}) or "
                              "fix the id", id=rule_id, kinds=", ".join(KINDS))
        else:
            rules[rule_id] = (raw, source)


def _amend(parent: LocatedDict, child: LocatedDict) -> LocatedDict:
    merged = LocatedDict(parent)
    merged.where_self = child.where_self
    merged.key_where = {**parent.key_where, **child.key_where}
    merged.value_where = {**parent.value_where, **child.value_where}
    merged.update(child)
    return merged


def build_rule(raw: LocatedDict, build: Build, language: str) -> Rule:
    rule_id = fields.text(raw, "id", required=True)
    assert rule_id is not None
    if "kind" not in raw:
        raise SourceError(raw.where_self, "rule '{id}' has no 'kind' (one of: {kinds}); only a "
                          "rule overriding a parent's rule of the same id may leave it out",
                          id=rule_id, kinds=", ".join(KINDS))
    kind_name = fields.choice(raw, "kind", list(KINDS))
    kind = KINDS[kind_name]
    allowed = (*COMMON_KEYS, *kind.keys)
    for key in raw:
        if key not in allowed:
            raise SourceError(raw.where_key(key),
                              unknown_key_message(key, allowed,
                                                  Phrase("a '{kind}' rule", kind=kind_name)))
    level = fields.choice(raw, "level", LEVELS, "warning")
    action = fields.choice(raw, "action", ACTIONS, kind.default_action)
    message = fields.text(raw, "message")
    if message is not None:
        check_placeholders(message, kind.placeholders, raw.where("message"))
    applies_to = frozenset(fields.choice_list(raw, "applies_to", list(CONTEXTS))) or frozenset(
        CONTEXTS)
    networks = None
    if "networks" in raw:
        names = fields.choice_list(raw, "networks", list(NETWORKS), required=True)
        networks = frozenset("twitter" if n == "x" else n for n in names)
        if "draft" not in applies_to:
            raise SourceError(raw.where("networks"), "'networks' only applies to drafts, but "
                              "this rule has applies_to: [chat]")
    fields.boolean(raw, "enabled", True)
    shadow = fields.choice(raw, "mode", ["live", "shadow"], "live") == "shadow"
    impl = kind(raw, build, rule_id)
    except_channels = frozenset(channel_name(item, where)
                                for item, where in fields.text_list(raw, "except_channels"))
    return Rule(
        id=rule_id, kind=kind_name, level=level, action=action, message=message,
        applies_to=applies_to, networks=networks, why=fields.text(raw, "why", "") or "",
        title=fields.text(raw, "title", "") or "",
        examples=read_examples(raw), impl=impl, where=raw.where("id"), language=language,
        shadow=shadow, except_channels=except_channels,
    )


def channel_name(value: str, where: Where) -> str:
    """A channel of `except_channels`, as compared: without '#', case-folded."""
    name = value.strip().lstrip("#").strip()
    if not name or any(c.isspace() for c in name):
        raise SourceError(where, "each item of 'except_channels' must be a channel name "
                          "without spaces, like general, got '{value}'", value=value)
    return name.casefold()


def read_examples(raw: LocatedDict) -> list[Example]:
    if "examples" not in raw:
        return []
    examples = fields.require_mapping(raw["examples"], raw.where("examples"),
                                      quoted("examples"))
    out = []
    for key in examples:
        if key not in ("bad", "good"):
            raise SourceError(examples.where_key(key),
                              unknown_key_message(key, ["bad", "good"], quoted("examples")))
        for text, where in fields.text_list(examples, key):
            out.append(Example(text, where, key == "bad"))
    return out


def prove_examples(charter: Charter) -> None:
    """Refuse a charter whose rules do not behave as their examples say (every example
    that does not, at once)."""
    errors: list[SourceError] = []
    off = {rule.id for rule, _ in charter.off()}  # said as off; its examples cannot run
    for rule in charter.rules:
        if rule.id in off:
            continue
        places: list[tuple[str, str | None]]
        if rule.networks:
            places = [("draft", n) for n in sorted(rule.networks)]
        elif network := rule.impl.example_network():
            places = [("draft", network)]
        else:
            places = [("chat" if "chat" in rule.applies_to else "draft", None)]
        where_checked = _either([Phrase("{context} for {network}", context=c, network=n)
                                 if n else c for c, n in places])
        for example in rule.examples:
            found = [f for context, network in places
                     for f in _example_findings(charter, rule, example, context, network)]
            if example.bad and not found:
                errors.append(SourceError(
                    example.where, "rule '{id}' should report this bad example but finds "
                    "nothing in it (checked as {checked})", id=rule.id, checked=where_checked))
            if not example.bad and found:
                what = found[0]
                errors.append(SourceError(
                    example.where, "rule '{id}' reports this good example: '{match}' at "
                    "{start}-{end} ({message})", id=rule.id, match=what.match,
                    start=what.start, end=what.end, message=what.message))
    collect(errors)


def _either(places: list[Phrase | str]) -> Phrase | str:
    """`a or b or c`, in the language of the error."""
    either = places[0]
    for place in places[1:]:
        either = Phrase("{either} or {other}", either=either, other=place)
    return either


def _example_findings(charter: Charter, rule: Rule, example: Example, context: str,
                      network: str | None) -> list:
    impl = rule.impl
    if impl.live_only:
        # A flood example is the same message posted `times` times in a row.
        from datetime import UTC, datetime

        flood = FloodTracker()
        times = getattr(impl, "times", 1) if example.bad else 1
        findings: list = []
        for _ in range(times):
            findings = charter.check(example.text, context, network, flood=flood,
                                     author="example", channel="example",
                                     at=datetime(2026, 1, 1, tzinfo=UTC), shadow=rule.shadow)
        return [f for f in findings if f.rule == rule.id]
    return [f for f in charter.check(example.text, context, network, shadow=rule.shadow)
            if f.rule == rule.id]
