"""YAML edits as text: entries move with the comments above them, a mapping that is a
sequence item keeps its "- ", inserted keys take their siblings' indentation."""

from lintkit.fixes import apply_fixes
from lintkit.model import Fix
from lintkit.source import SourceFile
from lintkit.yamledit import insert_entry, remove_entry, remove_item, reorder, set_nested
from lintkit.yamlmodel import load

TEXT = """\
# top
services:
  web:  # the web
    image: x
  # about db
  db:
    image: y
tasks:
  - when: y  # c
    debug: msg
"""


def edited(text, make):
    source = SourceFile("x.yml", text)
    root = load(source)[0].root
    edits = make(source, root)
    assert edits, "no edit"
    return apply_fixes(text, [Fix("", tuple(edits) if isinstance(edits, tuple) else (edits,))])[0]


def test_reorder_moves_comments_with_their_entry():
    result = edited(TEXT, lambda s, r: reorder(s, r["services"], ["db", "web"]))
    assert result.startswith("# top\nservices:\n  # about db\n  db:\n    image: y\n  web:  # the web\n    image: x\ntasks:\n")


def test_reorder_of_a_sequence_item_mapping_keeps_its_dash():
    result = edited(TEXT, lambda s, r: reorder(s, r["tasks"][0], ["debug", "when"]))
    assert result.endswith("tasks:\n  - debug: msg\n    when: y  # c\n")


def test_reorder_of_a_flow_sequence_swaps_the_items():
    assert edited("a: [b, c]  # k\n", lambda s, r: reorder(s, r["a"], [1, 0])) == "a: [c, b]  # k\n"


def test_insert_entry_uses_the_siblings_indentation_and_nests():
    result = edited(TEXT, lambda s, r: insert_entry(s, r["tasks"][0], "become", {"x": "true"}))
    assert result.endswith("    debug: msg\n    become:\n      x: true\n")


def test_insert_into_a_file_without_a_final_newline():
    assert edited("a:\n  b: 1", lambda s, r: insert_entry(s, r["a"], "c", "2")) == "a:\n  b: 1\n  c: 2"


def test_set_nested_creates_the_missing_mapping():
    text = "spec:\n    name: web\n    other:\n        k: v\n"
    result = edited(text, lambda s, r: set_nested(s, r["spec"], ("securityContext", "privileged"), "false"))
    assert result == text + "    securityContext:\n        privileged: false\n"


def test_remove_entry_and_item():
    assert edited(TEXT, lambda s, r: remove_entry(s, r, "tasks")).endswith("    image: y\n")
    assert edited("a:\n  - b\n  - c  # x\n  - d\n", lambda s, r: remove_item(s, r["a"], 1)) == "a:\n  - b\n  - d\n"


def test_layouts_it_cannot_edit_give_no_edit():
    source = SourceFile("x.yml", "a: {b: 1, c: 2}\n")
    root = load(source)[0].root
    assert insert_entry(source, root["a"], "d", "3") is None
    source = SourceFile("x.yml", "base: &b\n  k: 1\nuse:\n  <<: *b\n  z: 2\n")
    root = load(source)[0].root
    assert reorder(source, root["use"], ["z", "k"]) is None
