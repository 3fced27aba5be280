"""Writing a moderator's exemption into a charter file, the rest kept byte for byte.

An exemption made from the review queue goes into the charter file itself, where its
authors read and review it: a phrase in a `forbidden` rule's `except`, a word in a
`spelling` rule's `words`, or a channel in any rule's `except_channels`, with a
comment saying who added it, when and why.

Why text insertion rather than a YAML round trip
    A charter is hand-written YAML: comments, quoting, flow lists spread over lines,
    `\\u202f` escapes. Even ruamel.yaml's round trip re-flows multi-line lists,
    rewrites escapes and re-indents what it does not recognise, so a moderator's
    one-word exception would rewrite the whole file under its authors. Here the
    document is parsed (PyYAML's node tree, with the exact span of every value) and
    only new characters are inserted: one item in the list, one comment line. The
    result is then read again to prove the rule has the new value, and the caller
    loads it as a charter (examples included) before it replaces anything.

This module is text in, text out: where the file is, whether the result still loads
and where the previous version is kept is `bot/charters.py`'s business.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence

import yaml

from bot.phrases import PhraseError

try:
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - PyYAML without libyaml
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: What a phrase (or word) exemption is added to, by rule kind; any rule takes channels.
PHRASE_KEYS = {"forbidden": "except", "spelling": "words"}
CHANNELS_KEY = "except_channels"

_DASH = re.compile(r"^(\s*)-(\s+)")


class EditError(PhraseError):
    """The change cannot be written here (the exemption is already there, or the file
    is shaped in a way only a person should edit)."""


def add_exemption(text: str, rule_id: str, key: str, value: str, note: str,
                  effective: Sequence[str]) -> str:
    """`text` (a charter file) with `value` added to the list `key` of rule `rule_id`,
    and `note` as a comment beside it.

    `effective` is the list the rule has now, its parents' included: when this file
    neither defines the rule nor gives `key` in its amendment, the amendment gets the
    whole list (`effective`, then `value`), since an amendment's key replaces the
    parent's."""
    note = " ".join(note.split())
    try:
        root = yaml.compose(text, Loader=_Loader)
    except yaml.YAMLError as exc:
        raise EditError("the charter file is not valid YAML: {error}", error=exc) from None
    if not isinstance(root, yaml.MappingNode):
        raise EditError("the charter file is not a mapping of keys")
    rules = _value(root, "rules")
    entry = None
    if rules is not None:
        if not isinstance(rules, yaml.SequenceNode) or rules.flow_style:
            raise EditError("the charter's 'rules' is not a list written one rule per item")
        entry = next((e for e in rules.value if isinstance(e, yaml.MappingNode)
                      and _scalar(_value(e, "id")) == rule_id), None)
    quoted = _quote(value)
    if entry is not None and (found := _value(entry, key)) is not None:
        if any(_scalar(item).casefold() == value.strip().casefold()
               for item in (found.value if isinstance(found, yaml.SequenceNode) else [found])):
            raise EditError("rule '{id}' already has '{value}' in '{key}'", id=rule_id,
                            value=value, key=key)
        new = _append_to(text, entry, key, found, quoted, note)
    else:
        own = entry is not None and _value(entry, "kind") is not None
        items = [_quote(v) for v in ([] if own else effective)] + [quoted]
        if any(v.strip().casefold() == value.strip().casefold() for v in effective) and not own:
            raise EditError("rule '{id}' already has '{value}' in '{key}'", id=rule_id,
                            value=value, key=key)
        line = f"{key}: [{', '.join(items)}]"
        if entry is not None:
            new = _insert_key(text, entry, line, note)
        else:
            new = _insert_rule(text, rules, rule_id, line, note)
    _prove(new, rule_id, key, value)
    return new


# ------------------------------------------------------------------ the three insertions


def _append_to(text: str, entry: yaml.MappingNode, key: str, found: yaml.Node, quoted: str,
               note: str) -> str:
    """One more item in the list the rule already gives."""
    key_node = next(k for k, _ in entry.value if _scalar(k) == key)
    comment = _comment_line(text, key_node.start_mark.line, note)
    if isinstance(found, yaml.SequenceNode) and not found.flow_style:
        last = found.value[-1]
        lines = text.splitlines(keepends=True)
        dash = _DASH.match(lines[last.start_mark.line])
        if dash is None:
            raise EditError("'{key}' is written in a way only a person should edit", key=key)
        end = _after(text, _last_end(last))
        item = f"{dash.group(0)}{quoted}  # {note}\n"
        return text[:end] + item + text[end:]
    if isinstance(found, yaml.SequenceNode):  # [a, b]: the new item before the bracket
        close = found.end_mark.index - 1
        if text[close] != "]":
            raise EditError("'{key}' is written in a way only a person should edit", key=key)
        separator = ", " if found.value else ""
        text = text[:close] + separator + quoted + text[close:]
    else:  # one text: it becomes a list of two
        start, end = found.start_mark.index, found.end_mark.index
        text = text[:start] + f"[{text[start:end]}, {quoted}]" + text[end:]
    start = _line_start(text, key_node.start_mark.index)
    return text[:start] + comment + text[start:]


def _insert_key(text: str, entry: yaml.MappingNode, line: str, note: str) -> str:
    """The key, with its list, at the end of the rule's own lines."""
    indent = " " * entry.value[0][0].start_mark.column
    end = _after(text, _last_end(entry))
    return text[:end] + f"{indent}# {note}\n{indent}{line}\n" + text[end:]


def _insert_rule(text: str, rules: yaml.SequenceNode | None, rule_id: str, line: str,
                 note: str) -> str:
    """An amendment of a parent's rule (`- id:` without kind) after the last rule."""
    if rules is None:
        return text.rstrip("\n") + f"\n\nrules:\n  # {note}\n  - id: {rule_id}\n    {line}\n"
    if not rules.value:
        raise EditError("the charter's 'rules' is written in a way only a person should edit")
    lines = text.splitlines(keepends=True)
    dash = _DASH.match(lines[rules.value[0].start_mark.line])
    if dash is None:
        raise EditError("the charter's 'rules' is written in a way only a person should edit")
    key_indent = " " * rules.value[0].start_mark.column
    end = _after(text, _last_end(rules))
    block = (f"{dash.group(1)}# {note}\n{dash.group(0)}id: {rule_id}\n{key_indent}{line}\n")
    separator = "" if text[:end].endswith("\n") else "\n"
    return text[:end] + separator + block + text[end:]


# ------------------------------------------------------------------ reading nodes and text


def _value(mapping: yaml.MappingNode, key: str) -> yaml.Node | None:
    return next((v for k, v in mapping.value if _scalar(k) == key), None)


def _scalar(node: yaml.Node | None) -> str:
    return str(node.value).strip() if isinstance(node, yaml.ScalarNode) else ""


def _quote(value: str) -> str:
    """A YAML double-quoted scalar (JSON's string syntax is one)."""
    return json.dumps(value.strip(), ensure_ascii=False)


def _last_end(node: yaml.Node) -> int:
    """Where a value's last character ends. A block collection's own end mark lies at
    the next token (maybe the next rule), so its last leaf is asked instead."""
    if isinstance(node, yaml.MappingNode) and not node.flow_style and node.value:
        return _last_end(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and not node.flow_style and node.value:
        return _last_end(node.value[-1])
    return int(node.end_mark.index)


def _after(text: str, index: int) -> int:
    """The start of the line after the one that ends at `index` (a block scalar ends
    with its newline already)."""
    if index > 0 and text[index - 1] == "\n":
        return index
    return _line_end(text, index)


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    """The index just after the end of the line holding `index` (its newline included)."""
    end = text.find("\n", index)
    return len(text) if end < 0 else end + 1


def _comment_line(text: str, line: int, note: str) -> str:
    """A comment line above `line`, indented as it is."""
    current = text.splitlines()[line]
    indent = current[:len(current) - len(current.lstrip())]
    if indent.strip("- "):  # `- key:` on the dash line: the comment goes above the dash
        indent = indent.replace("-", " ")
    return f"{indent}# {note}\n"


def _prove(text: str, rule_id: str, key: str, value: str) -> None:
    """The rule now has the value: else the insertion misread the file, and nothing is
    written."""
    try:
        document = yaml.load(text, Loader=_Loader)
    except yaml.YAMLError:
        document = None
    rules = document.get("rules") if isinstance(document, dict) else None
    entries = [r for r in rules or [] if isinstance(r, dict) and str(r.get("id")) == rule_id]
    items = entries[-1].get(key) if entries else None
    if isinstance(items, str):
        items = [items]
    if not isinstance(items, list) or value.strip() not in [str(i) for i in items]:
        raise EditError("'{key}' of rule '{id}' is written in a way only a person should "
                        "edit", key=key, id=rule_id)


__all__ = ["CHANNELS_KEY", "PHRASE_KEYS", "EditError", "add_exemption"]
