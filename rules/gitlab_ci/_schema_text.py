"""Schema errors said in a user's words: which YAML shapes a node accepts, what it got,
and how to turn the one into the other. Shared by the GitLab and GitHub schema rules."""

from __future__ import annotations

import json
from typing import Any

#: JSON Schema types as a YAML author calls them.
_TYPE_WORDS = {
    "array": "a list",
    "object": "a mapping",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true/false",
    "null": "nothing (empty)",
}
_ORDER = ("array", "object", "string", "integer", "number", "boolean", "null")


def ref_definition(node: Any, schema: dict, depth: int = 0) -> dict:
    """``node`` with a local ``$ref`` (``#/definitions/x``) followed."""
    while isinstance(node, dict) and "$ref" in node and depth < 20:
        pointer = node["$ref"]
        if not pointer.startswith("#/"):
            return node
        target: Any = schema
        for part in pointer[2:].split("/"):
            target = target.get(part, {}) if isinstance(target, dict) else {}
        node = target
        depth += 1
    return node if isinstance(node, dict) else {}


def _types_of(node: Any, schema: dict, depth: int = 0) -> set[str]:
    node = ref_definition(node, schema)
    if depth > 8:
        return set()
    declared = node.get("type")
    if isinstance(declared, str):
        return {declared}
    if isinstance(declared, list):
        return set(declared)
    if "enum" in node:
        return {json_kind(v) for v in node["enum"]}
    if "const" in node:
        return {json_kind(node["const"])}
    found: set[str] = set()
    for combinator in ("oneOf", "anyOf", "allOf"):
        for branch in node.get(combinator, ()):
            found |= _types_of(branch, schema, depth + 1)
    return found


def branch_types(error, schema: dict) -> set[str]:
    """JSON types the failing node's schema accepts."""
    if error.validator == "type":
        value = error.validator_value
        return set(value) if isinstance(value, list) else {value}
    types = _types_of(error.schema, schema)
    if "number" in types:
        types.add("integer")
    return types


def expected_types(error, schema: dict) -> str:
    """The shapes the failing node accepts, e.g. "a list or a mapping"."""
    types = branch_types(error, schema)
    if "number" in types:
        types.discard("integer")
    words = [_TYPE_WORDS[t] for t in _ORDER if t in types]
    if not words:
        return ""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def describe_type(value: Any) -> str:
    kind = json_kind(value)
    if kind == "string":
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the string {json.dumps(shown)}"
    if kind == "null":
        return "nothing (the key is empty)"
    return _TYPE_WORDS[kind]


def shape_hint(value: Any, expected: str) -> str:
    if isinstance(value, str) and expected.startswith("a list") and "a string" not in expected:
        return f": write it as a list, `[{value}]`"
    return ""


def json_kind(value: Any) -> str:
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    return "object"
