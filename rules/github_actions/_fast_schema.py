"""A yes/no JSON Schema check compiled to Python closures, to skip jsonschema on the
(vast majority of) files that are valid.

jsonschema explains errors well but costs several milliseconds per workflow: it builds
an error object for every failed ``oneOf`` branch of every step. Most files have no
error at all, so the schema rule first asks this predicate, which answers "valid" with
a few dict lookups per node, and runs jsonschema only when the answer is "invalid" (to
get the explanations). The predicate follows draft 7 for the keywords it knows and
answers "invalid" for any keyword it does not, so it can make lintkit slower, never
make it miss an error.
"""

from __future__ import annotations

import re
from typing import Any, Callable

Check = Callable[[Any], bool]

#: Keywords that never affect validity (``format`` is not asserted, as in the validator).
_ANNOTATIONS = frozenset((
    "$schema", "$id", "$comment", "title", "description", "default", "examples", "format",
    "markdownDescription", "deprecationMessage", "deprecated", "readOnly", "writeOnly", "definitions",
))  # fmt: skip


def _never(_instance: Any) -> bool:
    return False


def _always(_instance: Any) -> bool:
    return True


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_TYPES: dict[str, Check] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": _is_number,
    "integer": lambda v: _is_number(v) and (isinstance(v, int) or v.is_integer()),
}


def _equal(left: Any, right: Any) -> bool:
    """JSON equality: booleans are not numbers, 1 == 1.0."""
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left == right
    if isinstance(left, dict) and isinstance(right, dict):
        return left.keys() == right.keys() and all(_equal(left[k], right[k]) for k in left)
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(_equal(a, b) for a, b in zip(left, right))
    if isinstance(left, (dict, list)) or isinstance(right, (dict, list)):
        return False
    return left == right


class Compiler:
    """Compiles one root schema; ``$ref``s are resolved within it."""

    def __init__(self, root: dict):
        self.root = root
        self.compiled: dict[int, Check] = {}

    def check(self, node: Any) -> Check:
        if node is True or node == {}:
            return _always
        if node is False or not isinstance(node, dict):
            return _never
        key = id(node)
        if key not in self.compiled:
            # A placeholder first, so a recursive reference reaches the finished check.
            slot: list[Check] = []
            self.compiled[key] = lambda instance: slot[0](instance)
            slot.append(self._compile(node))
            self.compiled[key] = slot[0]
        return self.compiled[key]

    def _resolve(self, pointer: str) -> Any:
        if not pointer.startswith("#"):
            return None
        target: Any = self.root
        for part in pointer[1:].lstrip("/").split("/") if pointer != "#" else ():
            part = part.replace("~1", "/").replace("~0", "~")
            if not isinstance(target, dict) or part not in target:
                return None
            target = target[part]
        return target

    def _compile(self, node: dict) -> Check:
        if "$ref" in node:  # draft 7: siblings of $ref are ignored
            target = self._resolve(node["$ref"])
            return _never if target is None else self.check(target)
        checks: list[Check] = []
        for keyword, value in node.items():
            if keyword in _ANNOTATIONS:
                continue
            build = getattr(self, "_k_" + keyword.replace("-", "_").replace("$", ""), None)
            if build is None:
                return _never  # unknown keyword: leave the answer to jsonschema
            built = build(value, node)
            if built is not None:
                checks.append(built)
        return _conjunction(checks)

    # -- keywords ----------------------------------------------------------------------

    def _k_type(self, value, node):
        tests = [_TYPES[t] for t in ([value] if isinstance(value, str) else value)]
        if len(tests) == 1:
            return tests[0]
        return lambda i: any(t(i) for t in tests)

    def _k_enum(self, value, node):
        if all(isinstance(option, str) for option in value):
            options = frozenset(value)
            return lambda i: isinstance(i, str) and i in options
        return lambda i: any(_equal(i, option) for option in value)

    def _k_const(self, value, node):
        return lambda i: _equal(i, value)

    def _k_properties(self, value, node):
        checks = {name: self.check(sub) for name, sub in value.items()}
        get = checks.get

        def test(i):
            if not isinstance(i, dict):
                return True
            for name, item in i.items():
                check = get(name) if isinstance(name, str) else None
                if check is not None and not check(item):
                    return False
            return True

        return test

    def _k_patternProperties(self, value, node):
        checks = [(re.compile(p), self.check(sub)) for p, sub in value.items()]
        return lambda i: not isinstance(i, dict) or all(
            c(v) for k, v in i.items() for p, c in checks if isinstance(k, str) and p.search(k)
        )

    def _k_additionalProperties(self, value, node):
        known = set(node.get("properties", {}))
        patterns = [re.compile(p) for p in node.get("patternProperties", {})]
        check = self.check(value)

        def test(i):
            if not isinstance(i, dict):
                return True
            for key, item in i.items():
                if key in known or (isinstance(key, str) and any(p.search(key) for p in patterns)):
                    continue
                if not isinstance(key, str) or not check(item):
                    return False
            return True

        return test

    def _k_required(self, value, node):
        return lambda i: not isinstance(i, dict) or all(name in i for name in value)

    def _k_minProperties(self, value, node):
        return lambda i: not isinstance(i, dict) or len(i) >= value

    def _k_maxProperties(self, value, node):
        return lambda i: not isinstance(i, dict) or len(i) <= value

    def _k_dependencies(self, value, node):
        pairs = [(name, dep if isinstance(dep, list) else self.check(dep)) for name, dep in value.items()]

        def test(i):
            if not isinstance(i, dict):
                return True
            for name, dep in pairs:
                if name in i:
                    if isinstance(dep, list):
                        if not all(d in i for d in dep):
                            return False
                    elif not dep(i):
                        return False
            return True

        return test

    def _k_items(self, value, node):
        if isinstance(value, list):
            checks = [self.check(sub) for sub in value]
            extra = self.check(node.get("additionalItems", True))
            return lambda i: not isinstance(i, list) or all(
                (checks[n] if n < len(checks) else extra)(item) for n, item in enumerate(i)
            )
        check = self.check(value)
        return lambda i: not isinstance(i, list) or all(check(item) for item in i)

    def _k_additionalItems(self, value, node):
        return None  # read together with a list-form `items`; ignored otherwise

    def _k_minItems(self, value, node):
        return lambda i: not isinstance(i, list) or len(i) >= value

    def _k_maxItems(self, value, node):
        return lambda i: not isinstance(i, list) or len(i) <= value

    def _k_uniqueItems(self, value, node):
        if not value:
            return None
        return lambda i: not isinstance(i, list) or not any(
            _equal(a, b) for n, a in enumerate(i) for b in i[n + 1 :]
        )

    def _k_contains(self, value, node):
        check = self.check(value)
        return lambda i: not isinstance(i, list) or any(check(item) for item in i)

    def _k_minLength(self, value, node):
        return lambda i: not isinstance(i, str) or len(i) >= value

    def _k_maxLength(self, value, node):
        return lambda i: not isinstance(i, str) or len(i) <= value

    def _k_pattern(self, value, node):
        pattern = re.compile(value)
        return lambda i: not isinstance(i, str) or pattern.search(i) is not None

    def _k_minimum(self, value, node):
        return lambda i: not _is_number(i) or i >= value

    def _k_maximum(self, value, node):
        return lambda i: not _is_number(i) or i <= value

    def _k_exclusiveMinimum(self, value, node):
        return lambda i: not _is_number(i) or i > value

    def _k_exclusiveMaximum(self, value, node):
        return lambda i: not _is_number(i) or i < value

    def _k_multipleOf(self, value, node):
        return lambda i: not _is_number(i) or (i / value).is_integer()

    def _k_allOf(self, value, node):
        checks = [self.check(sub) for sub in value]
        return lambda i: all(c(i) for c in checks)

    def _k_anyOf(self, value, node):
        checks = [self.check(sub) for sub in value]
        return lambda i: any(c(i) for c in checks)

    def _k_oneOf(self, value, node):
        checks = [self.check(sub) for sub in value]

        def test(i):
            matched = False
            for c in checks:
                if c(i):
                    if matched:
                        return False
                    matched = True
            return matched

        return test

    def _k_not(self, value, node):
        check = self.check(value)
        return lambda i: not check(i)

    def _k_if(self, value, node):
        condition = self.check(value)
        then = self.check(node.get("then", True))
        otherwise = self.check(node.get("else", True))
        return lambda i: then(i) if condition(i) else otherwise(i)

    def _k_then(self, value, node):
        return None  # read by `if`

    def _k_else(self, value, node):
        return None  # read by `if`


def _conjunction(checks: list[Check]) -> Check:
    if not checks:
        return _always
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda i: first(i) and second(i)
    if len(checks) == 3:
        first, second, third = checks
        return lambda i: first(i) and second(i) and third(i)

    def test(i):
        for check in checks:
            if not check(i):
                return False
        return True

    return test


def compile_schema(schema: dict) -> Check:
    """A function telling whether an instance is valid against ``schema``."""
    return Compiler(schema).check(schema)
