"""Garant's SQL, written once, read by SQLite and by PostgreSQL.

Queries and migrations are written in the SQL both engines share, in SQLite's
spelling (`?` parameters, `INTEGER`, `WITHOUT ROWID`, SQLite's trigger syntax).
SQLite runs them as written; for PostgreSQL, `query` and `migration` rewrite the
few spellings that differ. A rewrite is a small, declarative table of patterns
rather than a SQL parser: Garant's SQL is its own, and
`tests/store/test_dialect.py` pins each rewrite. What cannot be rewritten (a
table rebuilt to change a constraint) ships as a migration of its own for
PostgreSQL, `NNNN_name.postgresql.sql` beside `NNNN_name.sql` (`schema.py`).

Behaviour kept the same on both:

* text compares byte by byte (`COLLATE "C"` on every text column), as in SQLite,
  whatever the database's locale;
* `LIKE` ignores the case of ASCII letters, as SQLite's does (`ILIKE`);
* `x IS ?` compares with NULL as SQLite's `IS` does (`IS NOT DISTINCT FROM`);
* an `INTEGER PRIMARY KEY` numbers new rows (an identity column), and an INSERT
  reports the new row's id (`RETURNING`, added by the store).
"""

from __future__ import annotations

import functools
import re

# -- queries ------------------------------------------------------------------

#: (pattern, replacement) applied in order to every query, outside string literals.
_QUERY_REWRITES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"\bIS\s+NOT\s+\?", re.I), "IS DISTINCT FROM ?"),
    (re.compile(r"\bIS\s+\?", re.I), "IS NOT DISTINCT FROM ?"),
    (re.compile(r"\bNOT\s+LIKE\b", re.I), "NOT ILIKE"),
    (re.compile(r"(?<!NOT )\bLIKE\b", re.I), "ILIKE"),
    (re.compile(r"\bIFNULL\(", re.I), "COALESCE("),
    (re.compile(r"\binstr\(", re.I), "strpos("),
    (re.compile(r"\bgroup_concat\(", re.I), "string_agg("),
    (re.compile(r"\bCAST\((.+?) AS REAL\)", re.I), r"CAST(\1 AS DOUBLE PRECISION)"),
)
_LITERAL = re.compile(r"'(?:[^']|'')*'")
# json_extract(column, '$.key'), the key's value as text: rewritten before the literals
# are set aside, as its path is one.
_JSON_EXTRACT = re.compile(r"\bjson_extract\((\w+),\s*'\$\.(\w+)'\)", re.I)


@functools.lru_cache(maxsize=2048)
def query(sql: str) -> str:
    """A query or data statement in SQLite's spelling, in PostgreSQL's: the spellings
    above rewritten and `?` numbered `$1, $2...`, never inside a string literal."""
    sql = _JSON_EXTRACT.sub(r"(\1::jsonb ->> '\2')", sql)
    pieces: list[str] = []
    number = 0
    at = 0
    for m in [*_LITERAL.finditer(sql), None]:
        code = sql[at:m.start() if m else len(sql)]
        for pattern, replacement in _QUERY_REWRITES:
            code = pattern.sub(replacement, code)
        parts = code.split("?")
        pieces.append(parts[0])
        for part in parts[1:]:
            number += 1
            pieces += [f"${number}", part]
        if m is not None:
            pieces.append(m.group())
            at = m.end()
    return "".join(pieces)


_NAMED = re.compile(r"(?<![:\w]):([A-Za-z_]\w*)")


@functools.lru_cache(maxsize=512)
def named(sql: str) -> tuple[str, tuple[str, ...]]:
    """A statement with `:name` parameters (a mapping's) as `?` ones, and the names in
    their order: `query` then numbers them."""
    names: list[str] = []
    pieces: list[str] = []
    at = 0
    for m in [*_LITERAL.finditer(sql), None]:
        code = sql[at:m.start() if m else len(sql)]

        def to_position(found: re.Match[str]) -> str:
            names.append(found.group(1))
            return "?"

        pieces.append(_NAMED.sub(to_position, code))
        if m is not None:
            pieces.append(m.group())
            at = m.end()
    return "".join(pieces), tuple(names)


@functools.lru_cache(maxsize=2048)
def inserted_table(sql: str) -> str | None:
    """The table an INSERT without RETURNING writes to (the store then asks for the new
    row's id, as SQLite's `lastrowid` gives it)."""
    m = _INSERT.match(sql)
    if m is None or _RETURNING.search(sql):
        return None
    return m.group(1).lower()


_INSERT = re.compile(r"\s*INSERT\s+INTO\s+(\w+)", re.I)
_RETURNING = re.compile(r"\bRETURNING\b", re.I)

# -- migrations ----------------------------------------------------------------

_TRIGGER = re.compile(
    r"CREATE\s+TRIGGER\s+(?P<name>\w+)\s+(?P<when>BEFORE|AFTER)\s+(?P<event>INSERT|UPDATE|DELETE)"
    r"\s+ON\s+(?P<table>\w+)\s*(?:WHEN\s+(?P<condition>.*?))?\s*BEGIN\s+SELECT\s+RAISE\s*\(\s*"
    r"ABORT\s*,\s*'(?P<message>(?:[^']|'')*)'\s*\)\s*;\s*END\s*;?\s*$",
    re.I | re.S)

_COMMENT = re.compile(r"^\s*--[^\n]*$", re.M)

#: Column types, found where a type is written (after a column's name, which may
#: itself be a type's name: drafts have a column `text`).
_COLUMN_TYPE = re.compile(
    r"(^|[(,]|\bADD\s+COLUMN)(\s*\"?\w+\"?\s+)(INTEGER\s+PRIMARY\s+KEY(?:\s+AUTOINCREMENT)?"
    r"|INTEGER|REAL|BLOB|TEXT)\b", re.I | re.M)
_TYPES = {"INTEGER": "BIGINT", "REAL": "DOUBLE PRECISION", "BLOB": "BYTEA",
          "TEXT": 'TEXT COLLATE "C"'}
_WITHOUT_ROWID = re.compile(r"\)\s*WITHOUT\s+ROWID", re.I)


def _column_type(m: re.Match[str]) -> str:
    written = m.group(3).upper()
    if written.startswith("INTEGER") and "PRIMARY" in written:
        new = "BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY"
    else:
        new = _TYPES[written]
    return m.group(1) + m.group(2) + new


def migration(statement: str) -> list[str]:
    """One statement of a migration in SQLite's spelling, as PostgreSQL statements.

    A trigger that refuses a change (`BEGIN SELECT RAISE(ABORT, '...'); END`) becomes
    a PL/pgSQL function and a row trigger raising the same message; other statements
    get PostgreSQL's column types (`query`'s rewrites apply too)."""
    code = without_comments(statement)
    trigger = _TRIGGER.match(code)
    if trigger is not None:
        return _trigger(**trigger.groupdict())
    if re.match(r"(CREATE|ALTER)\s+TABLE", code, re.I):
        statement = _WITHOUT_ROWID.sub(")", _COLUMN_TYPE.sub(_column_type, code))
    return [query(statement)]


def without_comments(statement: str) -> str:
    """A statement without its comment lines."""
    return _COMMENT.sub("", statement).strip()


def _trigger(name: str, when: str, event: str, table: str, condition: str | None,
             message: str) -> list[str]:
    # The condition goes in the function: a trigger's WHEN cannot hold a subquery.
    row = "OLD" if event.upper() == "DELETE" else "NEW"
    message = message.replace("%", "%%")  # RAISE reads % as a placeholder
    test = query(condition) if condition else "true"
    return [
        f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n"
        f"BEGIN\n    IF {test} THEN\n        RAISE EXCEPTION '{message}' USING ERRCODE = "
        f"'integrity_constraint_violation';\n    END IF;\n    RETURN {row};\nEND $$",
        f"CREATE TRIGGER {name} {when.upper()} {event.upper()} ON {table}\n"
        f"    FOR EACH ROW EXECUTE FUNCTION {name}()",
    ]


__all__ = ["inserted_table", "migration", "named", "query", "without_comments"]
