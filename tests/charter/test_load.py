"""Charter files: composition, and the errors authors get for every mistake."""

from __future__ import annotations

import pytest

from bot.charter import CharterLibrary, bundled_charters_dir
from bot.located.yamlsrc import SourceError


def load_error(tmp_path, write_charter, body, filename="test.yaml"):
    path = write_charter(body, filename)
    with pytest.raises(SourceError) as caught:
        CharterLibrary([tmp_path]).load(str(path))
    return str(caught.value).replace(str(tmp_path) + "/", "")


@pytest.mark.parametrize("body, expected", [
    ("name: t\nrules:\n  - id: a\n    kind: forbidden\n    wrods: [x]\n",
     "test.yaml:5:5: unknown key 'wrods' in a 'forbidden' rule; did you mean 'words'?"),
    ("name: t\nrule:\n  - id: a\n",
     "test.yaml:2:1: unknown key 'rule' in a charter; did you mean 'rules'?"),
    ("title: sans nom\n", "test.yaml:1:1: missing required key 'name'"),
    ("name: t\nrules:\n  - id: a\n    kind: forbiden\n    words: [x]\n",
     "test.yaml:4:11: 'kind' must be one of forbidden, replace, register, conditional, count, "
     "length, links, personal_data, repetition, unicode, pattern, typography, spelling, "
     "grammar, got "
     "'forbiden'; did you mean 'forbidden'?"),
    ("name: t\nrules:\n  - id: a\n    kind: forbidden\n    level: erreur\n    words: [x]\n",
     "test.yaml:5:12: 'level' must be one of info, warning, error, got 'erreur'; did you mean "
     "'error'?"),
    ("name: t\nrules:\n  - id: a\n    kind: count\n    item: hashtag\n    max: dix\n",
     "test.yaml:6:10: 'max' must be a whole number, got 'dix'"),
    ("name: t\nrules:\n  - id: a\n    kind: count\n    item: hashtag\n",
     "test.yaml:3:5: a count rule needs 'min', 'max' or both"),
    ("name: t\nrules:\n  - id: a\n    kind: forbidden\n    words: [x]\n  - id: a\n"
     "    kind: forbidden\n    words: [y]\n",
     "test.yaml:6:9: rule id 'a' is already used at line 3; ids must be unique"),
    ("name: t\nname: u\n", "test.yaml:2:1: duplicate key 'name' (first defined at line 1)"),
    ("name: t\nrules: [\n", "test.yaml:3:1: invalid YAML: did not find expected node content"),
    ("name: t\nrules:\n  - id: a\n    kind: forbidden\n    words: ['@insultes']\n",
     "test.yaml:5:13: unknown word list '@insultes'; this charter defines no 'lists'"),
    ("name: t\nlists:\n  insultes: [a]\nrules:\n  - id: a\n    kind: forbidden\n"
     "    words: ['@insulte']\n",
     "test.yaml:7:13: unknown word list '@insulte'; did you mean '@insultes'?"),
    ("name: t\nlists:\n  l: {file: lists/nope.txt}\n",
     "test.yaml:3:13: word list file not found: "),
    ("name: t\nrules:\n  - id: a\n    kind: pattern\n    regex: '(?=a)b'\n",
     "test.yaml:5:12: regex refused by the linear-time engine (RE2): it uses look-ahead (?=…); "
     "rewrite it without that construct"),
    ("name: t\nrules:\n  - id: a\n    kind: pattern\n    regex: '(a)\\1'\n",
     "test.yaml:5:12: regex refused by the linear-time engine (RE2): it uses backreference"),
    ("name: t\nrules:\n  - id: a\n    kind: pattern\n    regex: '(unclosed'\n",
     "test.yaml:5:12: invalid regex: missing ): (unclosed"),
    ("name: t\nrules:\n  - id: a\n    kind: forbidden\n    words: [x]\n    message: 'Non {mot}'\n",
     "test.yaml:6:14: unknown placeholder {mot} in message; this rule can use {match}, "
     "{suggestion}"),
    ("name: t\nrules:\n  - id: a\n    kind: forbidden\n    words: [x]\n    examples:\n"
     "      bad: [propre]\n",
     "test.yaml:7:13: rule 'a' should report this bad example but finds nothing in it "
     "(checked as chat)"),
    ("name: t\nrules:\n  - id: a\n    kind: forbidden\n    words: [x]\n    examples:\n"
     "      good: [un x ici]\n",
     "test.yaml:7:14: rule 'a' reports this good example: 'x' at 3-4"),
    ("name: t\nextends: [nope]\n", "test.yaml:2:11: unknown charter 'nope' in extends"),
    ("name: t\nrules:\n  - id: a\n    kind: forbidden\n    words: ['**']\n",
     "test.yaml:5:13: term '**' has nothing to match"),
    ("name: t\nrules:\n  - id: a\n    kind: forbidden\n    words: [x]\n    networks: [tiwtter]\n",
     "test.yaml:6:16: 'networks' must be one of"),
    ("name: t\nrules:\n  - id: a\n    kind: forbidden\n    words: [x]\n    applies_to: [chat]\n"
     "    networks: [twitter]\n",
     "test.yaml:7:15: 'networks' only applies to drafts"),
    ("name: t\nrules:\n  - id: a\n    kind: repetition\n    times: 3\n    within: bientôt\n",
     "test.yaml:6:13: 'within' must be a duration like 30s, 10m, 2h or 1d, got 'bientôt'"),
    ("name: T C\n", "test.yaml:1:7: charter name 'T C' must be lowercase letters"),
    ("name: t\nrules:\n  - id: a\n    kind: forbidden\n    words: ['" + "a" * 201 + "']\n",
     "test.yaml:5:13: term '" + "a" * 30 + "…' is 201 characters long; the limit is 200"),
    ("- a\n- b\n", "test.yaml:1:1: a charter must be a mapping of keys, got a list"),
    ("", "test.yaml:1:1: the charter is empty"),
    ("name: t\nrules:\n  - id: a\n    enabled: false\n",
     "test.yaml:3:5: rule 'a' has no 'kind'"),
])
def test_errors_point_at_the_file_line_and_column(tmp_path, write_charter, body, expected):
    assert load_error(tmp_path, write_charter, body).startswith(expected)


def test_a_billion_laughs_charter_is_refused_at_once_with_its_position(tmp_path, write_charter):
    # 406 bytes that expanded to gigabytes: each level refers to the previous one 9 times.
    levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    for n in range(1, 9):
        prev = chr(ord("a") + n - 1)
        levels.append(f"{chr(ord('a') + n)}: &{chr(ord('a') + n)} [{', '.join(['*' + prev] * 9)}]")
    body = "name: t\nlists:\n" + "".join(f"  {line}\n" for line in levels)
    error = load_error(tmp_path, write_charter, body)
    assert error.startswith("test.yaml:3:6: YAML anchors and aliases (&name, *name) are not "
                            "supported")


def test_a_self_referencing_anchor_is_refused_not_a_traceback(tmp_path, write_charter):
    error = load_error(tmp_path, write_charter, "name: t\nlists: &me\n  loop: *me\n")
    assert error.startswith("test.yaml:2:8: YAML anchors and aliases")


def test_extends_cycle_is_refused(tmp_path, write_charter):
    write_charter("name: a\nextends: [b]\n", "a.yaml")
    write_charter("name: b\nextends: [a]\n", "b.yaml")
    with pytest.raises(SourceError, match="cycle: a → b → a"):
        CharterLibrary([tmp_path]).load("a")


def test_duplicate_charter_names_blame_the_newer_copy(tmp_path, write_charter):
    import os

    good = write_charter("name: coop\n", "coop.yaml")
    copy = write_charter("name: coop\n", "a-copy.yaml")  # sorts first, but is the copy
    os.utime(good, (1_700_000_000, 1_700_000_000))
    with pytest.raises(SourceError) as caught:
        CharterLibrary([tmp_path]).load("coop")
    assert str(caught.value) == (f"{copy}:1:7: charter name 'coop' is already used by {good}; "
                                 "give this copy its own name")


def test_unknown_charter_name_suggests(tmp_path, write_charter):
    write_charter("name: coop-fr\n", "a.yaml")
    with pytest.raises(SourceError, match="unknown charter 'coop'; did you mean 'coop-fr'"):
        CharterLibrary([tmp_path]).load("coop")


def test_not_utf8_file(tmp_path):
    path = tmp_path / "bad.yaml"
    path.write_bytes(b"name: caf\xe9\n")
    with pytest.raises(SourceError, match=r"bad.yaml:1:1: not UTF-8 text"):
        CharterLibrary([tmp_path]).load(str(path))


def test_composition_replaces_amends_and_disables_parent_rules(tmp_path, write_charter):
    write_charter("""\
name: parent
lists:
  mots: [zut, flûte]
rules:
  - id: mots
    kind: forbidden
    words: ['@mots']
  - id: replaced
    kind: forbidden
    words: [ancien]
  - id: amended
    kind: forbidden
    words: [crotte]
  - id: disabled
    kind: forbidden
    words: [mince]
""", "parent.yaml")
    child = write_charter("""\
name: child
extends: [parent]
lists:
  mots: [zut]
rules:
  - id: replaced
    kind: forbidden
    words: [nouveau]
  - id: amended
    level: error
    action: block
  - id: disabled
    enabled: false
  - id: own
    kind: forbidden
    words: ['@mots']
""", "child.yaml")
    charter = CharterLibrary([tmp_path]).load(str(child))
    assert [r.id for r in charter.rules] == ["mots", "replaced", "amended", "own"]
    assert charter.parents == ["parent"]
    found = {(f.rule, f.match, f.level, f.action)
             for f in charter.check("zut flûte ancien nouveau crotte mince", "chat")}
    assert found == {("mots", "zut", "warning", "warn"), ("own", "zut", "warning", "warn"),
                     ("replaced", "nouveau", "warning", "warn"),
                     ("amended", "crotte", "error", "block")}


def test_list_files_are_relative_to_the_charter_and_allow_comments(tmp_path, write_charter):
    (tmp_path / "lists").mkdir()
    (tmp_path / "lists" / "mots.txt").write_text("# commentaire\nzut\n\n  flûte  \n",
                                                 encoding="utf-8")
    path = write_charter("name: t\nlists:\n  m: {file: lists/mots.txt}\nrules:\n  - id: a\n"
                         "    kind: forbidden\n    words: ['@m']\n")
    charter = CharterLibrary([tmp_path]).load(str(path))
    assert [f.match for f in charter.check("Zut et flute", "chat")] == ["Zut", "flute"]


def test_user_directory_overrides_bundled_charters_but_can_extend_them(tmp_path, write_charter):
    write_charter("name: client-a\nextends: [coop-fr]\n", "client.yaml")
    library = CharterLibrary([tmp_path, bundled_charters_dir()])
    charter = library.load("client-a")
    assert charter.parents == ["base", "coop-fr"]
    assert {"insultes", "vouvoiement"} <= {r.id for r in charter.rules}


def test_bundled_charters_load_and_prove_their_examples():
    library = CharterLibrary([bundled_charters_dir()])
    assert {"base", "coop-fr"} <= set(library.names())
    base = library.load("base")
    coop = library.load("coop-fr")
    assert all(rule.examples for rule in base.rules)
    assert all(rule.examples for rule in coop.rules)
    assert coop.rule("crier").level == "info"  # amended by coop-fr
    assert base.rule("crier").level == "warning"


def test_a_charter_file_extends_the_charters_next_to_it(tmp_path, write_charter):
    write_charter("name: agence\nrules:\n  - id: a\n    kind: forbidden\n    words: [zut]\n",
                  "agence.yaml")
    client = write_charter("name: client\nextends: [agence]\n", "client.yaml")
    charter = CharterLibrary([bundled_charters_dir()]).load(str(client))
    assert charter.parents == ["agence"]


def test_a_broken_sibling_does_not_break_other_charters(tmp_path, write_charter):
    write_charter("name: a\nrules:\n  - id: r\n    kind: forbidden\n    words: [zut]\n", "a.yaml")
    write_charter("name: [oops\n", "broken.yaml")
    child = write_charter("name: b\nextends: [a]\n", "b.yaml")
    assert CharterLibrary([tmp_path]).load(str(child)).parents == ["a"]
    with pytest.raises(SourceError, match=r"unknown charter 'c'.*could not be read.*broken.yaml"):
        CharterLibrary([tmp_path]).load("c")


def test_yaml_yes_no_words_as_swap_keys_stay_words(make_charter):
    charter = make_charter("""
        - id: r
          kind: replace
          swap: {on: nous, yes: oui}
    """)
    assert [(f.match, f.suggestion) for f in charter.check("On y va, yes", "draft")] == [
        ("On", "nous"), ("yes", "oui")]


def test_amending_a_rule_no_parent_has(tmp_path, write_charter):
    write_charter("name: a\n", "a.yaml")
    child = write_charter("name: b\nextends: [a]\nrules:\n  - id: autre\n    level: info\n",
                          "b.yaml")
    with pytest.raises(SourceError, match="no parent charter has a rule 'autre' to amend"):
        CharterLibrary([tmp_path]).load(str(child))


def test_multi_network_examples_are_checked_on_every_network(make_charter):
    charter = make_charter("""
        - id: court
          kind: length
          max: {twitter: 10, linkedin: 100}
          networks: [linkedin, twitter]
          examples:
            bad: ["un texte de plus de dix caractères"]
    """)
    # The bad example is bad on X only: checking linkedin alone would have refused it.
    example = "un texte de plus de dix caractères"
    assert [f.rule for f in charter.check(example, "draft", "twitter")] == ["court"]
    assert charter.check(example, "draft", "linkedin") == []
