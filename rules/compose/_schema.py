"""A small JSON Schema validator, compiled to closures once per process.

The Compose Specification schema uses a handful of keywords (type, properties,
patternProperties, additionalProperties, unevaluatedProperties with allOf, items, oneOf,
anyOf, required, enum, uniqueItems, pattern, minimum, maximum, $ref). Compiling exactly
those into nested Python functions validates the 119 files of the compose corpus in a few
milliseconds, where the general ``jsonschema`` package needs over a second and 0.2 s just
to import — and a pre-commit run lints one file. Formats are not checked (Compose does
not check them either); an unknown keyword is ignored, as JSON Schema requires.

Errors are ``(path, keyword, message)``; for a ``oneOf``/``anyOf`` that no branch matches,
the error of the branch that got deepest into the value is kept, which is the one a reader
can act on ("services.web.ports[0]: expected string or integer, got object").
"""

from __future__ import annotations

import re
from typing import Any, Callable

Error = tuple[tuple, str, str]
Check = Callable[[Any, tuple, list], None]

_TYPE_PREFERENCE = {"type": 0, "required": 1, "enum": 1, "additionalProperties": 2}


def json_type(value: Any) -> str:
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
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


def _is_type(value: Any, name: str) -> bool:
    if name == "object":
        return isinstance(value, dict)
    if name == "array":
        return isinstance(value, list)
    if name == "string":
        return isinstance(value, str)
    if name == "integer":
        return isinstance(value, int) and not isinstance(value, bool) or (
            isinstance(value, float) and value.is_integer()
        )
    if name == "number":
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if name == "boolean":
        return isinstance(value, bool)
    if name == "null":
        return value is None
    return True


class Validator:
    def __init__(self, schema: dict):
        self.schema = schema
        self._compiled: dict[int, Check] = {}

    def errors(self, instance: Any) -> list[Error]:
        found: list[Error] = []
        self._compile(self.schema)(instance, (), found)
        return found

    # -- compilation --

    def _resolve(self, ref: str) -> dict:
        if not ref.startswith("#"):
            return {}
        node: Any = self.schema
        for part in ref[1:].lstrip("/").split("/"):
            if part:
                node = node[part.replace("~1", "/").replace("~0", "~")]
        return node

    def _compile(self, schema: Any) -> Check:
        key = id(schema)
        compiled = self._compiled.get(key)
        if compiled is not None:
            return compiled
        if schema is True or schema == {}:
            check: Check = _accept
        elif schema is False:
            check = _reject
        else:
            # Recursive references: install a trampoline before compiling the body.
            holder: list[Check] = []
            self._compiled[key] = lambda value, path, errors: holder[0](value, path, errors)
            check = self._build(schema)
            holder.append(check)
        self._compiled[key] = check
        return check

    def _build(self, schema: dict) -> Check:
        checks: list[Check] = []
        if "$ref" in schema:
            target = self._resolve(schema["$ref"])
            ref_check = self._compile(target)
            checks.append(ref_check)
        if "type" in schema:
            checks.append(_type_check(schema["type"]))
        if "enum" in schema:
            checks.append(_enum_check(schema["enum"]))
        if "const" in schema:
            checks.append(_enum_check([schema["const"]]))
        if "pattern" in schema:
            checks.append(_pattern_check(schema["pattern"]))
        if "minimum" in schema or "maximum" in schema:
            checks.append(_range_check(schema.get("minimum"), schema.get("maximum")))
        if "required" in schema:
            checks.append(_required_check(schema["required"]))
        if "uniqueItems" in schema and schema["uniqueItems"]:
            checks.append(_unique_check)
        if "items" in schema:
            checks.append(self._items_check(schema["items"]))
        if any(k in schema for k in ("properties", "patternProperties", "additionalProperties", "unevaluatedProperties")):
            checks.append(self._object_check(schema))
        if "allOf" in schema:
            subs = [self._compile(s) for s in schema["allOf"]]
            checks.extend(subs)
        if "oneOf" in schema:
            checks.append(self._combinator_check([self._compile(s) for s in schema["oneOf"]], one=True))
        if "anyOf" in schema:
            checks.append(self._combinator_check([self._compile(s) for s in schema["anyOf"]], one=False))
        if not checks:
            return _accept
        if len(checks) == 1:
            return checks[0]

        def run_all(value, path, errors):
            for c in checks:
                c(value, path, errors)

        return run_all

    def _items_check(self, items: Any) -> Check:
        item_check = self._compile(items)

        def check(value, path, errors):
            if isinstance(value, list):
                for i, item in enumerate(value):
                    item_check(item, path + (i,), errors)

        return check

    def _evaluated(self, schema: dict) -> tuple[set, list]:
        """Property names and patterns a schema (and what it includes by allOf/$ref)
        evaluates: what ``unevaluatedProperties`` must leave alone."""
        names = set(schema.get("properties", {}))
        patterns = [re.compile(p) for p in schema.get("patternProperties", {})]
        for sub in schema.get("allOf", ()):
            if "$ref" in sub:
                sub = self._resolve(sub["$ref"])
            sub_names, sub_patterns = self._evaluated(sub)
            names |= sub_names
            patterns += sub_patterns
        return names, patterns

    def _object_check(self, schema: dict) -> Check:
        properties = {k: self._compile(v) for k, v in schema.get("properties", {}).items()}
        patterns = [(re.compile(p), self._compile(v)) for p, v in schema.get("patternProperties", {}).items()]
        additional = schema.get("additionalProperties", True)
        additional_check = None if additional in (True, False) else self._compile(additional)
        forbid_additional = additional is False
        unevaluated_false = schema.get("unevaluatedProperties", True) is False
        if unevaluated_false:
            allowed_names, allowed_patterns = self._evaluated(schema)
        else:
            allowed_names, allowed_patterns = set(), []

        def check(value, path, errors):
            if not isinstance(value, dict):
                return
            extra = []
            for key, item in value.items():
                name = key if isinstance(key, str) else str(key)
                known = False
                sub = properties.get(name)
                if sub is not None:
                    sub(item, path + (key,), errors)
                    known = True
                for regex, pattern_check in patterns:
                    if regex.search(name):
                        pattern_check(item, path + (key,), errors)
                        known = True
                if known:
                    continue
                if additional_check is not None:
                    additional_check(item, path + (key,), errors)
                elif forbid_additional:
                    extra.append(key)
                elif unevaluated_false and name not in allowed_names and not any(
                    r.search(name) for r in allowed_patterns
                ):
                    extra.append(key)
            for key in extra:
                errors.append((path + (key,), "additionalProperties", f"unknown key {key!r}"))

        return check

    def _combinator_check(self, branches: list[Check], *, one: bool) -> Check:
        def check(value, path, errors):
            failures: list[list[Error]] = []
            passed = 0
            for branch in branches:
                branch_errors: list[Error] = []
                branch(value, path, branch_errors)
                if branch_errors:
                    failures.append(branch_errors)
                else:
                    passed += 1
                    if not one:
                        return
            if passed == 1 or (passed and not one):
                return
            if passed > 1:
                errors.append((path, "oneOf", "matches more than one of the allowed forms"))
                return
            errors.extend(_most_specific(failures, path, value))

        return check


def _most_specific(failures: list[list[Error]], path: tuple, value: Any) -> list[Error]:
    """The branch that got deepest into the value; at the node itself, one summary."""
    def depth(branch: list[Error]) -> tuple:
        deepest = max(len(p) for p, _k, _m in branch)
        return deepest, -min(_TYPE_PREFERENCE.get(k, 3) for _p, k, _m in branch)

    best = max(failures, key=depth)
    if max(len(p) for p, _k, _m in best) > len(path):
        return [e for e in best if len(e[0]) > len(path)]
    expected = []
    for branch in failures:
        for _p, keyword, message in branch:
            if keyword == "type" and message.startswith("expected "):
                expected.append(message[9:].split(", got")[0])
    if expected and len(expected) == len(failures):
        return [(path, "type", f"expected {' or '.join(dict.fromkeys(expected))}, got {json_type(value)}")]
    return [(path, "oneOf", f"value of type {json_type(value)} matches none of the allowed forms")]


def _accept(value, path, errors):
    return None


def _reject(value, path, errors):
    errors.append((path, "false", "no value is allowed here"))


def _type_check(expected: Any) -> Check:
    names = expected if isinstance(expected, list) else [expected]
    wanted = " or ".join(names)

    def check(value, path, errors):
        if not any(_is_type(value, n) for n in names):
            errors.append((path, "type", f"expected {wanted}, got {json_type(value)}"))

    return check


def _enum_check(options: list) -> Check:
    allowed = list(options)
    shown = ", ".join(repr(o) for o in allowed[:8])

    def check(value, path, errors):
        if isinstance(value, bool) and not any(isinstance(o, bool) for o in allowed):
            errors.append((path, "enum", f"{value!r} is not one of {shown}"))
        elif value not in allowed:
            errors.append((path, "enum", f"{value!r} is not one of {shown}"))

    return check


def _pattern_check(pattern: str) -> Check:
    regex = re.compile(pattern)

    def check(value, path, errors):
        if isinstance(value, str) and not regex.search(value):
            errors.append((path, "pattern", f"{value!r} does not match {pattern!r}"))

    return check


def _range_check(minimum, maximum) -> Check:
    def check(value, path, errors):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return
        if minimum is not None and value < minimum:
            errors.append((path, "minimum", f"{value} is less than the minimum of {minimum}"))
        if maximum is not None and value > maximum:
            errors.append((path, "maximum", f"{value} is more than the maximum of {maximum}"))

    return check


def _required_check(required: list) -> Check:
    def check(value, path, errors):
        if isinstance(value, dict):
            for name in required:
                if name not in value:
                    errors.append((path, "required", f"required key {name!r} is missing"))

    return check


def _freeze(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((str(k), _freeze(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_freeze(v) for v in value)
    return (type(value).__name__ if isinstance(value, bool) else "v", value)


def _unique_check(value, path, errors):
    if not isinstance(value, list):
        return
    seen: dict = {}
    for i, item in enumerate(value):
        frozen = _freeze(item)
        if frozen in seen:
            errors.append((path + (i,), "uniqueItems", f"duplicate of item {seen[frozen] + 1}"))
        else:
            seen[frozen] = i
