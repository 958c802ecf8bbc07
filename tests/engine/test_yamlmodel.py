import pickle

import pytest

from lintkit.model import ParseError, Span
from lintkit.source import SourceFile
from lintkit.yamlmodel import YMap, YSeq, Tagged, load, span_at


def load_one(text):
    return load(SourceFile("t.yaml", text))[0]


def test_keys_values_and_items_know_their_positions():
    doc = load_one("spec:\n  image: nginx:1.27\n  ports:\n    - 80\n    - '443'\n")
    spec = doc.root["spec"]
    assert spec.key_span("image") == Span(2, 3, 2, 8)
    assert spec.value_span("image") == Span(2, 10, 2, 20)
    assert spec["ports"].item_span(1) == Span(5, 7, 5, 12)
    assert spec["ports"] == [80, "443"]
    # A block mapping ends where its last value ends, not at the next token.
    assert spec.span == Span(2, 3, 5, 12)


def test_flow_collections_and_multiple_documents():
    docs = load(SourceFile("t.yaml", "a: {b: [1, 2]}\n---\nc: 3\n"))
    assert [d.index for d in docs] == [0, 1]
    assert docs[0].root["a"].span == Span(1, 4, 1, 15)
    assert docs[0].root["a"]["b"].item_span(1) == Span(1, 12, 1, 13)
    assert docs[1].root.key_span("c").line == 3


def test_yaml_1_1_implicit_types_like_pyyaml():
    doc = load_one("a: yes\nb: off\nc: 0755\nd: 22:22\ne: 0x1f\nf: 1_000\ng: ~\nh: '0755'\ni: 1.5\nj: 2001-12-14\n")
    assert doc.root == {
        "a": True, "b": False, "c": 493, "d": 1342, "e": 31, "f": 1000, "g": None,
        "h": "0755", "i": 1.5, "j": "2001-12-14",
    }


def test_merge_keys_take_positions_from_the_anchor():
    doc = load_one("base: &b\n  x: 1\n  y: 2\nm:\n  <<: *b\n  y: 3\n")
    m = doc.root["m"]
    assert m == {"x": 1, "y": 3}
    assert m.value_span("x") == Span(2, 6, 2, 7)
    assert m.value_span("y") == Span(6, 6, 6, 7)


def test_quoted_merge_key_is_an_ordinary_key():
    assert load_one("'<<': 1\n").root == {"<<": 1}


def test_duplicate_keys_are_recorded_at_the_second_occurrence():
    doc = load_one("a: 1\nb: 2\na: 3\n")
    assert doc.root["a"] == 3
    (dup,) = doc.duplicate_keys
    assert (dup.key, dup.span.line, dup.span.column, dup.first_line) == ("a", 3, 1, 1)


def test_application_tags_are_kept():
    doc = load_one("password: !vault |\n  $ANSIBLE_VAULT;1.1;AES256\n  6162\nref: !reference [.setup, script]\n")
    assert isinstance(doc.root["password"], Tagged) and doc.root["password"].tag == "!vault"
    assert isinstance(doc.root["ref"], YSeq) and doc.root["ref"].tag == "!reference"


def test_alias_bomb_is_refused_with_a_position():
    lines = ['a: &a ["x","x","x","x","x","x","x","x","x"]']
    previous = "a"
    for name in "bcdefghi":
        lines.append(f"{name}: &{name} [" + ",".join([f"*{previous}"] * 9) + "]")
        previous = name
    with pytest.raises(ParseError) as info:
        load(SourceFile("bomb.yaml", "\n".join(lines) + "\n"))
    assert "alias" in info.value.message and info.value.span.line > 1


def test_syntax_error_points_at_the_problem():
    with pytest.raises(ParseError) as info:
        load(SourceFile("t.yaml", "a:\n  b: 1\n c: 2\n"))
    assert info.value.span.line == 3
    assert info.value.message.startswith("invalid YAML")


def test_undefined_alias_is_a_parse_error():
    with pytest.raises(ParseError) as info:
        load(SourceFile("t.yaml", "a: *nowhere\n"))
    assert "undefined alias" in info.value.message


def test_values_pickle_with_their_positions():
    doc = load_one("a: &x [1, {b: c}]\nz: *x\n")
    copy = pickle.loads(pickle.dumps(doc.root))
    assert copy == doc.root
    assert copy["a"][1].value_span("b") == doc.root["a"][1].value_span("b")
    assert isinstance(copy, YMap)


def test_span_at_falls_back_to_the_nearest_ancestor():
    doc = load_one("spec:\n  template:\n    metadata: {}\n")
    assert span_at(doc.root, ("spec", "template", "metadata")) == Span(3, 15, 3, 17)
    assert span_at(doc.root, ("spec", "template", "missing")) == doc.root["spec"].value_span("template")
    assert span_at(doc.root, ("spec", "template"), key=True) == Span(2, 3, 2, 11)
