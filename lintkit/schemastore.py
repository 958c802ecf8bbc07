"""JSON Schemas shipped by installed packages, compiled once per process into Python
closures, and their errors turned into positioned messages.

* Compose Specification, GitLab CI, GitHub workflow and action schemas come from the
  files check-jsonschema vendors (its code is never imported: only the data is read).
* Kubernetes schemas come from kubernetes-validate's per-version, per-kind strict schemas.

Nothing is fetched at run time; a missing package gives a clear error.

Why compile: the ``jsonschema`` package costs 0.2 s to import and several milliseconds
per file (it builds an error object for every failed ``oneOf`` branch of every node,
valid files included); a pre-commit run lints one file and a CI run hundreds. A schema
compiled by :func:`compiled_schema` answers "valid?" with a few dict lookups per node
(:meth:`CompiledSchema.is_valid`), and only an invalid instance is walked again to
explain it (:meth:`CompiledSchema.iter_errors`), with the errors jsonschema would give:
same keywords, paths, messages and ``oneOf``/``anyOf`` contexts, so the rules' wording
does not depend on which of the two produced them.

Compiled keywords: the ones our vendored schemas use — ``type``, ``enum``, ``const``,
``properties``, ``patternProperties``, ``additionalProperties``, ``required``,
``dependencies`` (draft-07), ``minProperties``/``maxProperties``, ``items`` (one schema
for every item), ``minItems``/``maxItems``, ``uniqueItems``, ``minLength``/``maxLength``,
``pattern``, ``minimum``/``maximum``, ``allOf``/``anyOf``/``oneOf``/``not``,
``if``/``then``/``else``, ``unevaluatedProperties`` (2020-12) and local ``$ref``s.
Drafts before 2019-09 ignore the siblings of ``$ref``; 2019-09 and 2020-12 apply them.
``format`` is an annotation (the tools that read these files do not check it either).

A schema node the compiled layer cannot decide is handed, with its subtree, to
jsonschema (imported then, and only then): keywords no vendored schema uses
(:data:`_JSONSCHEMA_KEYWORDS`: ``contains``, ``propertyNames``, ``multipleOf``, the
exclusive bounds, ``prefixItems``/list-form ``items``, ``dependentRequired``/
``dependentSchemas``, ``unevaluatedItems``), the dynamic references (``$dynamicRef``,
``$recursiveRef``) and ``$ref``s that are not JSON pointers into the same document
(they need jsonschema's URI resolution), and an ``unevaluatedProperties`` whose
evaluated keys depend on which ``oneOf``/``anyOf``/``if`` branch matches.
``unevaluatedProperties`` is read statically otherwise: the keys evaluated by the node and
by what it includes through ``allOf``/``$ref`` — which is what the keyword means when
those subschemas hold; when one fails, jsonschema counts every key as unevaluated, which
only adds noise to a node that is invalid anyway (same verdict, fewer errors).
"""

from __future__ import annotations

import importlib.util
import json
import operator
import os
import re
from functools import cache
from typing import Any, Callable, Iterator

from .model import Span
from .yamlmodel import span_at


class SchemaUnavailable(Exception):
    """The package that ships a schema is not installed (or lacks the file)."""


def _package_dir(package: str) -> str:
    spec = importlib.util.find_spec(package)  # locates the package without importing it
    if spec is None or not spec.submodule_search_locations:
        raise SchemaUnavailable(f"the {package} package is not installed; reinstall lintkit")
    return list(spec.submodule_search_locations)[0]


@cache
def vendored_schema(name: str) -> dict:
    """A schema vendored by check-jsonschema: ``compose-spec``, ``gitlab-ci``,
    ``github-workflows``, ``github-actions``..."""
    path = os.path.join(_package_dir("check_jsonschema"), "builtin_schemas", "vendor", f"{name}.json")
    try:
        with open(path, encoding="utf-8") as fh:
            return json.load(fh)
    except OSError:
        raise SchemaUnavailable(f"schema {name!r} not found in check-jsonschema") from None


def kubernetes_schema_dir(version: str) -> str:
    """Folder of kubernetes-validate's strict schemas for ``version`` ("1.31" or "v1.31.0");
    the newest available version at or below it (and the oldest if it is older still)."""
    root = os.path.join(_package_dir("kubernetes_validate"), "kubernetes-json-schema")
    wanted = _version_tuple(version)
    available = sorted(
        (_version_tuple(d.split("-")[0]), d) for d in os.listdir(root) if d.endswith("-local-strict")
    )
    if not available:
        raise SchemaUnavailable("kubernetes-validate ships no schemas")
    chosen = available[0][1]
    for number, folder in available:
        if number[:2] <= wanted[:2]:
            chosen = folder
    return os.path.join(root, chosen)


#: Patterns of the vendored schemas that a backtracking engine runs in super-linear time
#: on a long value, with linear ones that match the same strings (``re.search``).
_LINEAR_EQUIVALENTS = {
    # GitHub's reusable-workflow `uses:`. `(.+/)+` is `.+/` (a segment may hold slashes),
    # the first slash after the first character leaves the most for the rest, and the
    # value must be one line (`.` stops at a newline, `$` only before the last one).
    r"^(.+\/)+(.+)\.(ya?ml)(@.+)?$": r"^(?=[^\n]*+\n?\Z)[^\n][^\n/]*+/[^\n]+?\.ya?ml(?:@[^\n]+)?$",
    # A `${{ }}` expression somewhere: the first `${{` of the first line and the last `}}`
    # leave the most room, so neither needs to be retried.
    # (The schema writes the carriage return and newline themselves in the class.)
    "^.*\\$\\{\\{(.|[\r\n])*\\}\\}.*$": r"^(?>[^\n]*?\$\{\{)(?>[\s\S]*\}\})[^\n]*$",
}


def schema_regex(pattern: str) -> re.Pattern:
    """A schema's ``pattern`` (or ``patternProperties`` name) compiled, linear in the
    value's length."""
    return re.compile(_LINEAR_EQUIVALENTS.get(pattern, pattern))


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.lstrip("v").split(".") if p.isdigit())


# --- JSON values --------------------------------------------------------------------


def json_type(value: Any) -> str:
    """The JSON Schema type name of a loaded value (``boolean`` before ``integer``:
    bool is an int in Python, not in JSON)."""
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


def json_equal(left: Any, right: Any) -> bool:
    """Equality as JSON Schema means it (``enum``, ``const``, ``uniqueItems``): booleans
    are not numbers, 1 == 1.0, containers compare element by element."""
    if left is right:
        return True
    if isinstance(left, str) or isinstance(right, str):
        return left == right
    if isinstance(left, list) and isinstance(right, list):
        return len(left) == len(right) and all(json_equal(a, b) for a, b in zip(left, right))
    if isinstance(left, dict) and isinstance(right, dict):
        return len(left) == len(right) and all(k in right and json_equal(v, right[k]) for k, v in left.items())
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left == right
    if isinstance(left, (list, dict)) or isinstance(right, (list, dict)):
        return False
    return left == right


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


_TYPE_TESTS: dict[str, Callable[[Any], bool]] = {
    "object": lambda v: isinstance(v, dict),
    "array": lambda v: isinstance(v, list),
    "string": lambda v: isinstance(v, str),
    "boolean": lambda v: isinstance(v, bool),
    "null": lambda v: v is None,
    "number": _is_number,
    "integer": lambda v: _is_number(v) and (isinstance(v, int) or v.is_integer()),
}


def follow_refs(node: Any, schema: dict) -> dict:
    """``node`` with local ``$ref``s (``#/definitions/x``) followed; {} where one leads
    nowhere."""
    for _ in range(20):
        if not (isinstance(node, dict) and "$ref" in node):
            break
        target = _resolve_pointer(schema, node["$ref"])
        if target is None:
            return node
        node = target
    return node if isinstance(node, dict) else {}


def _resolve_pointer(root: Any, ref: str) -> Any:
    """The node a local JSON pointer (``#``, ``#/$defs/x``) names, or None."""
    if ref == "#":
        return root
    if not ref.startswith("#/"):
        return None
    node = root
    for part in ref[2:].split("/"):
        part = part.replace("~1", "/").replace("~0", "~")
        if isinstance(node, dict) and part in node:
            node = node[part]
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            node = node[int(part)]
        else:
            return None
    return node


def _key_name(key: Any) -> str:
    """A mapping key as schemas name it: YAML keys that are not strings (``1:``) are
    matched by their text."""
    return key if isinstance(key, str) else str(key)


# --- errors -------------------------------------------------------------------------


class SchemaError:
    """One way an instance fails a schema, shaped like jsonschema's ValidationError.

    ``keyword`` failed at ``path`` (keys and indexes from the root of the instance), in
    the schema node ``schema`` where it has the value ``keyword_value``; ``instance`` is
    the value at ``path``. A failed ``oneOf``/``anyOf`` carries the errors of its
    branches in ``context``, each with its ``branch`` index. ``subject`` says what the
    error is about where the message alone would have to be parsed: the missing key of
    ``required``, the keys ``additionalProperties``/``unevaluatedProperties`` reject.
    """

    __slots__ = ("keyword", "keyword_value", "schema", "instance", "path", "message", "context", "branch", "subject")

    def __init__(self, keyword, keyword_value, schema, instance, path, message, context=(), subject=None):
        self.keyword: str | None = keyword
        self.keyword_value = keyword_value
        self.schema = schema
        self.instance = instance
        self.path: tuple = path
        self.message: str = message
        self.context: list[SchemaError] = list(context)
        self.branch: int | None = None
        self.subject = subject

    def __repr__(self) -> str:
        return f"<SchemaError {self.keyword} at {self.path!r}: {self.message}>"


def from_jsonschema(error, prefix: tuple = ()) -> SchemaError:
    """A jsonschema ValidationError as a :class:`SchemaError` (paths below ``prefix``)."""
    converted = SchemaError(
        error.validator,
        error.validator_value,
        error.schema,
        error.instance,
        prefix + tuple(error.absolute_path),
        error.message,
        [from_jsonschema(sub, prefix) for sub in error.context],
    )
    if error.relative_schema_path and isinstance(error.relative_schema_path[0], int) and error.parent is not None:
        converted.branch = error.relative_schema_path[0]
    return converted


# --- compiling ----------------------------------------------------------------------

Ok = Callable[[Any], bool]
Explain = Callable[[Any, tuple], list]

#: Keywords jsonschema asserts that no vendored schema uses: a node with one is
#: validated by jsonschema (see the module docstring).
_JSONSCHEMA_KEYWORDS = {
    "legacy": frozenset(("contains", "exclusiveMaximum", "exclusiveMinimum", "multipleOf", "propertyNames")),
    "modern": frozenset((
        "$dynamicRef", "$recursiveRef", "contains", "dependentRequired", "dependentSchemas",
        "exclusiveMaximum", "exclusiveMinimum", "multipleOf", "prefixItems", "propertyNames",
        "unevaluatedItems",
    )),
}  # fmt: skip
_OBJECT_KEYWORDS = frozenset(("properties", "patternProperties", "additionalProperties"))
#: Keywords whose matching branch decides which keys count as evaluated.
_DYNAMIC_EVALUATION = ("oneOf", "anyOf", "if", "dependentSchemas", "unevaluatedProperties", "$dynamicRef")


def _accept(_instance: Any) -> bool:
    return True


def _reject(_instance: Any) -> bool:
    return False


def _no_errors(_instance: Any, _path: tuple) -> list:
    return []


class _Node:
    """One compiled schema node: ``ok(instance)``, and ``explain(instance, path)`` giving
    the errors of an instance ``ok`` rejected."""

    __slots__ = ("ok", "explain", "ready")

    def __init__(self) -> None:
        self.ready = False
        self.ok: Ok = _accept
        self.explain: Explain = _no_errors

    def bound_ok(self) -> Ok:
        """``ok`` for a parent to call: the function itself once compiled; for a node
        reached again while it is being compiled (a recursive ``$ref``), a call that
        looks the function up when it runs."""
        return self.ok if self.ready else self._late_ok

    def bound_explain(self) -> Explain:
        return self.explain if self.ready else self._late_explain

    def _late_ok(self, instance: Any) -> bool:
        return self.ok(instance)

    def _late_explain(self, instance: Any, path: tuple) -> list:
        return self.explain(instance, path)


class CompiledSchema:
    """A JSON Schema compiled to closures (see the module docstring)."""

    def __init__(self, schema: dict):
        self.schema = schema
        uri = str(schema.get("$schema", "")) if isinstance(schema, dict) else ""
        self.draft = "modern" if ("2019-09" in uri or "2020-12" in uri) else "legacy"
        self._nodes: dict[int, _Node] = {}
        self._jsonschema_validator = None
        root = self._node(schema)
        self._ok = root.ok
        self._explain = root.explain

    def is_valid(self, instance: Any) -> bool:
        return self._ok(instance)

    def iter_errors(self, instance: Any) -> Iterator[SchemaError]:
        """The errors of ``instance``, in the order and shape jsonschema gives them."""
        if self._ok(instance):
            return iter(())
        return iter(self._explain(instance, ()))

    # -- nodes ---------------------------------------------------------------------

    def _node(self, schema: Any) -> _Node:
        key = id(schema)
        node = self._nodes.get(key)
        if node is not None:
            return node
        node = self._nodes[key] = _Node()
        if schema is True or schema == {} or not isinstance(schema, (dict, bool)):
            node.ok, node.explain = _accept, _no_errors
        elif schema is False:
            node.ok, node.explain = _reject, _false_schema
        else:
            node.ok, node.explain = self._compile(schema)
        node.ready = True
        return node

    def _compile(self, schema: dict) -> tuple[Ok, Explain]:
        ref = schema.get("$ref")
        if ref is not None and self.draft == "legacy":  # the siblings of $ref are ignored
            target = _resolve_pointer(self.schema, ref)
            if target is None:
                return self._by_jsonschema(schema)
            node = self._node(target)
            return node.bound_ok(), node.bound_explain()
        if self._needs_jsonschema(schema):
            return self._by_jsonschema(schema)
        keywords: list[tuple[Ok | None, Explain]] = []
        checks: list[Ok] = []
        object_checked = False
        for keyword, value in schema.items():
            build = _KEYWORDS.get(keyword)
            built = build(self, value, schema) if build is not None else None
            if built is not None:
                keywords.append(built)
            if keyword in _OBJECT_KEYWORDS:
                if not object_checked:
                    checks.append(self._object_ok(schema))
                    object_checked = True
            elif built is not None:
                checks.append(built[0])
        return _all_of(checks), _explain_all(keywords)

    def _object_ok(self, schema: dict) -> Ok:
        """``properties``, ``patternProperties`` and ``additionalProperties`` of one node
        checked in one pass over the instance's keys (the explanation keeps them apart,
        in jsonschema's order)."""
        get = {name: self._node(sub).bound_ok() for name, sub in schema.get("properties", {}).items()}.get
        patterns = [(schema_regex(p), self._node(sub).bound_ok()) for p, sub in schema.get("patternProperties", {}).items()]
        additional = schema.get("additionalProperties", True)
        forbid = additional is False
        additional_ok = None if forbid else self._node(additional).bound_ok()
        if additional_ok is _accept:
            additional_ok = None
        if not (patterns or forbid or additional_ok or schema.get("properties")):
            return _accept
        if not patterns:

            def ok(instance):
                if not isinstance(instance, dict):
                    return True
                for key, item in instance.items():
                    check = get(key if isinstance(key, str) else str(key))
                    if check is None:
                        if forbid or (additional_ok is not None and not additional_ok(item)):
                            return False
                    elif not check(item):
                        return False
                return True

            return ok

        def ok_with_patterns(instance):
            if not isinstance(instance, dict):
                return True
            for key, item in instance.items():
                name = key if isinstance(key, str) else str(key)
                check = get(name)
                matched = check is not None
                if matched and not check(item):
                    return False
                for regex, pattern_check in patterns:
                    if regex.search(name):
                        matched = True
                        if not pattern_check(item):
                            return False
                if not matched and (forbid or (additional_ok is not None and not additional_ok(item))):
                    return False
            return True

        return ok_with_patterns

    def _needs_jsonschema(self, schema: dict) -> bool:
        if any(keyword in schema for keyword in _JSONSCHEMA_KEYWORDS[self.draft]):
            return True
        items = schema.get("items")
        if isinstance(items, list) or items is False:
            return True
        ref = schema.get("$ref")
        if ref is not None and _resolve_pointer(self.schema, ref) is None:
            return True
        return self.draft == "modern" and "unevaluatedProperties" in schema and self._evaluated(schema) is None

    def _by_jsonschema(self, schema: dict) -> tuple[Ok, Explain]:
        """A node jsonschema decides, reached from compiled ones; its ``$ref``s resolve
        against the whole document."""
        state: dict[str, Any] = {}

        def validator():
            if "validator" not in state:
                state["validator"] = self._jsonschema().evolve(schema=schema)
            return state["validator"]

        def ok(instance):
            return validator().is_valid(instance)

        def explain(instance, path):
            return [from_jsonschema(error, path) for error in validator().iter_errors(instance)]

        return ok, explain

    def _jsonschema(self):
        if self._jsonschema_validator is None:
            import jsonschema

            cls = jsonschema.validators.validator_for(self.schema, default=jsonschema.Draft7Validator)
            # Formats are not checked: the tools that read these files do not check them either.
            self._jsonschema_validator = cls(self.schema)
        return self._jsonschema_validator

    # -- unevaluatedProperties, read statically ---------------------------------------

    def _evaluated(self, schema: dict, depth: int = 0) -> tuple[frozenset, tuple, bool] | None:
        """(names, patterns, everything) a node evaluates through ``properties``,
        ``patternProperties``, ``additionalProperties`` and the ``allOf``/``$ref``
        subschemas it applies in place; None when that depends on which branch of a
        ``oneOf``/``anyOf``/``if`` matches."""
        if not isinstance(schema, dict) or depth > 30:
            return frozenset(), (), False
        dynamic = [k for k in _DYNAMIC_EVALUATION if k in schema]
        if dynamic and (depth or dynamic != ["unevaluatedProperties"]):
            return None
        names = set(schema.get("properties", ()))
        patterns = list(schema.get("patternProperties", ()))
        everything = "additionalProperties" in schema
        parts = list(schema.get("allOf", ()))
        if "$ref" in schema:
            parts.append(_resolve_pointer(self.schema, schema["$ref"]))
        for part in parts:
            found = self._evaluated(part, depth + 1)
            if found is None:
                return None
            names |= found[0]
            patterns += found[1]
            everything = everything or found[2]
        return frozenset(names), tuple(patterns), everything

    def _unevaluated(self, schema: dict) -> tuple[Ok, Explain]:
        names, pattern_texts, everything = self._evaluated(schema)
        if everything:
            return _accept, _no_errors
        patterns = [schema_regex(p) for p in pattern_texts]
        rest = self._node(schema["unevaluatedProperties"])
        rest_ok = rest.bound_ok()

        def unevaluated(instance) -> list:
            return [
                key for key in instance
                if _key_name(key) not in names and not any(p.search(_key_name(key)) for p in patterns)
            ]  # fmt: skip

        def ok(instance):
            if not isinstance(instance, dict):
                return True
            return all(rest_ok(instance[key]) for key in unevaluated(instance))

        def explain(instance, path):
            rejected = [key for key in unevaluated(instance) if not rest_ok(instance[key])]
            if schema["unevaluatedProperties"] is False:
                extras = sorted(rejected, key=str)
                message = "Unevaluated properties are not allowed (%s %s unexpected)" % _extras(extras)
            else:
                message = "Unevaluated properties are not valid under the given schema (%s %s unevaluated and invalid)" % _extras(rejected)
            return [SchemaError("unevaluatedProperties", schema["unevaluatedProperties"], schema, instance, path, message, subject=tuple(rejected))]

        return ok, explain


def _extras(keys: list) -> tuple[str, str]:
    return ", ".join(repr(k) for k in keys), "was" if len(keys) == 1 else "were"


def _false_schema(instance: Any, path: tuple) -> list:
    return [SchemaError(None, None, False, instance, path, f"False schema does not allow {instance!r}")]


def _all_of(checks: list[Ok]) -> Ok:
    if not checks:
        return _accept
    if len(checks) == 1:
        return checks[0]
    if len(checks) == 2:
        first, second = checks
        return lambda i: first(i) and second(i)
    if len(checks) == 3:
        first, second, third = checks
        return lambda i: first(i) and second(i) and third(i)

    def ok(instance):
        for check in checks:
            if not check(instance):
                return False
        return True

    return ok


def _explain_all(keywords: list[tuple[Ok | None, Explain]]) -> Explain:
    """Each keyword's errors, in the schema's order; a keyword without its own ``ok``
    checks as it explains."""

    def explain(instance, path):
        errors: list[SchemaError] = []
        for ok, explain_keyword in keywords:
            if ok is None or not ok(instance):
                errors.extend(explain_keyword(instance, path))
        return errors

    return explain


def _error(keyword: str, schema: dict, instance: Any, path: tuple, message: str, **more) -> SchemaError:
    return SchemaError(keyword, schema[keyword], schema, instance, path, message, **more)


# --- keywords: each returns (ok, explain) or None when it asserts nothing -------------


def _k_ref(compiler: CompiledSchema, ref: str, schema: dict):
    target = compiler._node(_resolve_pointer(compiler.schema, ref))
    return target.bound_ok(), target.bound_explain()


def _k_type(compiler, expected, schema):
    names = [expected] if isinstance(expected, str) else list(expected)
    tests = [_TYPE_TESTS[n] for n in names if n in _TYPE_TESTS]
    if len(tests) != len(names):
        return None  # an unknown type name: jsonschema raises on it, we assert nothing
    ok = tests[0] if len(tests) == 1 else (lambda i: any(t(i) for t in tests))
    reprs = ", ".join(repr(n) for n in names)

    def explain(instance, path):
        return [_error("type", schema, instance, path, f"{instance!r} is not of type {reprs}")]

    return ok, explain


def _k_enum(compiler, options, schema):
    if all(isinstance(o, str) for o in options):
        members = frozenset(options)

        def ok(instance):
            return isinstance(instance, str) and instance in members
    else:

        def ok(instance):
            return any(json_equal(instance, o) for o in options)

    def explain(instance, path):
        return [_error("enum", schema, instance, path, f"{instance!r} is not one of {options!r}")]

    return ok, explain


def _k_const(compiler, const, schema):
    def ok(instance):
        return json_equal(instance, const)

    def explain(instance, path):
        return [_error("const", schema, instance, path, f"{const!r} was expected")]

    return ok, explain


# properties, patternProperties and additionalProperties are checked together, in one
# pass over the keys (CompiledSchema._object_ok); each explains its own errors.


def _k_properties(compiler, properties, schema):
    nodes = {name: compiler._node(sub) for name, sub in properties.items()}

    def explain(instance, path):
        if not isinstance(instance, dict):
            return []
        present = {_key_name(k): k for k in instance}
        errors = []
        for name, node in nodes.items():  # in the schema's order, as jsonschema
            if name in present and not node.ok(instance[present[name]]):
                errors.extend(node.explain(instance[present[name]], path + (present[name],)))
        return errors

    return None, explain


def _k_patternProperties(compiler, patterns, schema):
    compiled = [(schema_regex(p), compiler._node(sub)) for p, sub in patterns.items()]

    def explain(instance, path):
        if not isinstance(instance, dict):
            return []
        errors = []
        for regex, node in compiled:
            for key, item in instance.items():
                if regex.search(_key_name(key)) and not node.ok(item):
                    errors.extend(node.explain(item, path + (key,)))
        return errors

    return None, explain


def _k_additionalProperties(compiler, additional, schema):
    known = frozenset(schema.get("properties", ()))
    pattern_texts = list(schema.get("patternProperties", ()))
    patterns = [schema_regex(p) for p in pattern_texts]
    node = compiler._node(additional)

    def extras(instance) -> list:
        return [
            key for key in instance
            if _key_name(key) not in known and not any(p.search(_key_name(key)) for p in patterns)
        ]  # fmt: skip

    def explain(instance, path):
        if not isinstance(instance, dict):
            return []
        found = extras(instance)
        if additional is not False:
            errors = []
            for key in found:
                if not node.ok(instance[key]):
                    errors.extend(node.explain(instance[key], path + (key,)))
            return errors
        if not found:
            return []
        if pattern_texts:
            verb = "does" if len(found) == 1 else "do"
            joined = ", ".join(repr(k) for k in sorted(found, key=str))
            shown = ", ".join(repr(p) for p in sorted(pattern_texts))
            message = f"{joined} {verb} not match any of the regexes: {shown}"
        else:
            message = "Additional properties are not allowed (%s %s unexpected)" % _extras(sorted(found, key=str))
        return [_error("additionalProperties", schema, instance, path, message, subject=tuple(found))]

    return None, explain


def _k_required(compiler, required, schema):
    def ok(instance):
        return not isinstance(instance, dict) or all(name in instance for name in required)

    def explain(instance, path):
        return [
            _error("required", schema, instance, path, f"{name!r} is a required property", subject=name)
            for name in required if name not in instance
        ]  # fmt: skip

    return ok, explain


def _k_dependencies(compiler, dependencies, schema):
    if compiler.draft != "legacy":
        return None  # replaced by dependentRequired/dependentSchemas in 2019-09
    pairs = [(name, dep if isinstance(dep, list) else compiler._node(dep)) for name, dep in dependencies.items()]

    def ok(instance):
        if not isinstance(instance, dict):
            return True
        for name, dep in pairs:
            if name in instance:
                if isinstance(dep, list):
                    if not all(d in instance for d in dep):
                        return False
                elif not dep.ok(instance):
                    return False
        return True

    def explain(instance, path):
        errors = []
        for name, dep in pairs:
            if name not in instance:
                continue
            if isinstance(dep, list):
                errors += [
                    _error("dependencies", schema, instance, path, f"{each!r} is a dependency of {name!r}")
                    for each in dep if each not in instance
                ]  # fmt: skip
            elif not dep.ok(instance):
                errors.extend(dep.explain(instance, path))
        return errors

    return ok, explain


def _size_keyword(keyword: str, kind: type, compare: Callable[[Any, Any], bool], messages: tuple[str, str, int]):
    """minItems/maxItems/minLength/maxLength/minProperties/maxProperties: one shape."""
    short, other, special = messages

    def build(compiler, limit, schema):
        def ok(instance):
            return not isinstance(instance, kind) or compare(len(instance), limit)

        def explain(instance, path):
            message = short if limit == special else other
            return [_error(keyword, schema, instance, path, f"{instance!r} {message}")]

        return ok, explain

    return build


def _k_items(compiler, items, schema):
    node = compiler._node(items)
    if node.ready and node.ok is _accept:
        return None
    check = node.bound_ok()

    def ok(instance):
        return not isinstance(instance, list) or all(check(item) for item in instance)

    def explain(instance, path):
        errors = []
        for index, item in enumerate(instance):
            if not node.ok(item):
                errors.extend(node.explain(item, path + (index,)))
        return errors

    return ok, explain


def _k_uniqueItems(compiler, unique, schema):
    if not unique:
        return None

    def ok(instance):
        if not isinstance(instance, list):
            return True
        if all(isinstance(item, str) for item in instance):
            return len(set(instance)) == len(instance)
        return not any(json_equal(a, b) for n, a in enumerate(instance) for b in instance[n + 1 :])

    def explain(instance, path):
        return [_error("uniqueItems", schema, instance, path, f"{instance!r} has non-unique elements")]

    return ok, explain


def _k_pattern(compiler, pattern, schema):
    regex = schema_regex(pattern)

    def ok(instance):
        return not isinstance(instance, str) or regex.search(instance) is not None

    def explain(instance, path):
        return [_error("pattern", schema, instance, path, f"{instance!r} does not match {pattern!r}")]

    return ok, explain


def _k_minimum(compiler, minimum, schema):
    def ok(instance):
        return not _is_number(instance) or instance >= minimum

    def explain(instance, path):
        return [_error("minimum", schema, instance, path, f"{instance!r} is less than the minimum of {minimum!r}")]

    return ok, explain


def _k_maximum(compiler, maximum, schema):
    def ok(instance):
        return not _is_number(instance) or instance <= maximum

    def explain(instance, path):
        return [_error("maximum", schema, instance, path, f"{instance!r} is greater than the maximum of {maximum!r}")]

    return ok, explain


def _k_allOf(compiler, subschemas, schema):
    nodes = [compiler._node(sub) for sub in subschemas]
    ok = _all_of([node.bound_ok() for node in nodes])

    def explain(instance, path):
        errors = []
        for node in nodes:
            if not node.ok(instance):
                errors.extend(node.explain(instance, path))
        return errors

    return ok, explain


def _branch_errors(nodes: list[_Node], instance: Any, path: tuple) -> list[SchemaError]:
    """The errors of every branch, each marked with its branch index (jsonschema's
    ``context`` of a failed ``oneOf``/``anyOf``)."""
    context = []
    for index, node in enumerate(nodes):
        for error in node.explain(instance, path):
            error.branch = index
            context.append(error)
    return context


def _k_anyOf(compiler, subschemas, schema):
    nodes = [compiler._node(sub) for sub in subschemas]
    checks = [node.bound_ok() for node in nodes]

    def ok(instance):
        for check in checks:
            if check(instance):
                return True
        return False

    def explain(instance, path):
        message = f"{instance!r} is not valid under any of the given schemas"
        return [_error("anyOf", schema, instance, path, message, context=_branch_errors(nodes, instance, path))]

    return ok, explain


def _k_oneOf(compiler, subschemas, schema):
    nodes = [compiler._node(sub) for sub in subschemas]
    checks = [node.bound_ok() for node in nodes]

    def ok(instance):
        matched = False
        for check in checks:
            if check(instance):
                if matched:
                    return False
                matched = True
        return matched

    def explain(instance, path):
        valid = [index for index, node in enumerate(nodes) if node.ok(instance)]
        if not valid:
            message = f"{instance!r} is not valid under any of the given schemas"
            return [_error("oneOf", schema, instance, path, message, context=_branch_errors(nodes, instance, path))]
        # jsonschema lists the later matches, then the first one.
        reprs = ", ".join(repr(subschemas[index]) for index in valid[1:] + valid[:1])
        return [_error("oneOf", schema, instance, path, f"{instance!r} is valid under each of {reprs}")]

    return ok, explain


def _k_not(compiler, subschema, schema):
    node = compiler._node(subschema)
    check = node.bound_ok()

    def ok(instance):
        return not check(instance)

    def explain(instance, path):
        return [_error("not", schema, instance, path, f"{instance!r} should not be valid under {subschema!r}")]

    return ok, explain


def _k_if(compiler, condition, schema):
    test = compiler._node(condition)
    then = compiler._node(schema["then"]) if "then" in schema else None
    otherwise = compiler._node(schema["else"]) if "else" in schema else None
    if then is None and otherwise is None:
        return None
    test_ok = test.bound_ok()
    then_ok = then.bound_ok() if then else _accept
    else_ok = otherwise.bound_ok() if otherwise else _accept

    def ok(instance):
        return then_ok(instance) if test_ok(instance) else else_ok(instance)

    def explain(instance, path):
        branch = then if test.ok(instance) else otherwise
        return branch.explain(instance, path) if branch is not None else []

    return ok, explain


_KEYWORDS: dict[str, Callable] = {
    "$ref": lambda compiler, ref, schema: _k_ref(compiler, ref, schema) if compiler.draft == "modern" else None,
    "type": _k_type,
    "enum": _k_enum,
    "const": _k_const,
    "properties": _k_properties,
    "patternProperties": _k_patternProperties,
    "additionalProperties": _k_additionalProperties,
    "required": _k_required,
    "dependencies": _k_dependencies,
    "minProperties": _size_keyword("minProperties", dict, operator.ge, ("should be non-empty", "does not have enough properties", 1)),
    "maxProperties": _size_keyword("maxProperties", dict, operator.le, ("is expected to be empty", "has too many properties", 0)),
    "items": _k_items,
    "minItems": _size_keyword("minItems", list, operator.ge, ("should be non-empty", "is too short", 1)),
    "maxItems": _size_keyword("maxItems", list, operator.le, ("is expected to be empty", "is too long", 0)),
    "uniqueItems": _k_uniqueItems,
    "minLength": _size_keyword("minLength", str, operator.ge, ("should be non-empty", "is too short", 1)),
    "maxLength": _size_keyword("maxLength", str, operator.le, ("is expected to be empty", "is too long", 0)),
    "pattern": _k_pattern,
    "minimum": _k_minimum,
    "maximum": _k_maximum,
    "allOf": _k_allOf,
    "anyOf": _k_anyOf,
    "oneOf": _k_oneOf,
    "not": _k_not,
    "if": _k_if,
    "unevaluatedProperties": lambda compiler, value, schema: compiler._unevaluated(schema) if compiler.draft == "modern" else None,
}


@cache
def compiled_schema(name: str, loader: Callable[[], dict] | None = None) -> CompiledSchema:
    """The compiled form of a vendored schema (or, with ``loader``, of whatever schema
    ``loader()`` returns), built once per process."""
    return CompiledSchema(loader() if loader else vendored_schema(name))


# --- errors at the offending node ---------------------------------------------------


def most_specific(error: SchemaError) -> SchemaError:
    """Descend into the ``oneOf``/``anyOf`` branch that got deepest into the value; stay
    at the node when no branch got past it (the node itself has the wrong shape)."""
    while error.context:
        deepest = max(error.context, key=lambda e: (len(e.path), -_rank(e)))
        if len(deepest.path) <= len(error.path):
            return error
        error = deepest
    return error


def _rank(error: SchemaError) -> int:
    # Prefer type/required/enum explanations over generic combinator failures.
    return {"type": 0, "required": 1, "enum": 1, "additionalProperties": 2}.get(error.keyword, 3)


def schema_errors(validator_obj, instance: Any, root: Any) -> Iterator[tuple[Span, str, tuple]]:
    """(span, message, json path) for each schema error of a :class:`CompiledSchema` or
    a jsonschema validator, at the offending node.

    For ``oneOf``/``anyOf`` failures the most specific branch error is reported (the one
    that got deepest into the instance), which is what a reader can act on.
    """
    for error in validator_obj.iter_errors(instance):
        if not isinstance(error, SchemaError):
            error = from_jsonschema(error)
        error = most_specific(error)
        path = error.path
        message = _message(error)
        if error.keyword == "additionalProperties":
            extra = rejected_keys(error)
            for name in extra:
                span = span_at(root, path + (name,), key=True) or span_at(root, path)
                yield span, f"{path_text(path + (name,))}: unknown key {name!r}", path + (name,)
            if extra:
                continue
        yield span_at(root, path), f"{path_text(path)}: {message}", path


def rejected_keys(error: SchemaError) -> list:
    """The keys an ``additionalProperties``/``unevaluatedProperties`` error rejects."""
    if error.subject is not None:
        return list(error.subject)
    allowed = set(error.schema.get("properties", {}))
    patterns = error.schema.get("patternProperties", {})
    return [k for k in error.instance if k not in allowed and not any(schema_regex(p).search(str(k)) for p in patterns)]


def path_text(path: tuple) -> str:
    """A path into a document as a reader finds it: ``services.web.ports[0]``."""
    if not path:
        return "(top level)"
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(path))


def _message(error: SchemaError) -> str:
    if error.keyword == "type":
        expected = error.keyword_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        return f"expected {expected}, got {json_type(error.instance)}"
    if error.keyword == "required":
        return error.message
    if error.keyword == "enum":
        options = ", ".join(json.dumps(v) for v in error.keyword_value[:8])
        return f"{json.dumps(error.instance, default=str)} is not one of {options}"
    if error.keyword in ("oneOf", "anyOf"):
        return f"value of type {json_type(error.instance)} matches none of the allowed forms"
    return error.message


# --- one finding per problem, in short words ----------------------------------------

#: Which explanation of a failed branch a reader acts on first.
_BRANCH_PREFERENCE = {"type": 0, "required": 1, "enum": 1, "additionalProperties": 2}


def flat_errors(errors: list[SchemaError]) -> list[tuple[tuple, str, str]]:
    """``(path, keyword, message)`` per problem, in short words: an unknown key at the
    key, a duplicate list item at the item, and for a ``oneOf``/``anyOf`` no branch
    matches the errors of the branch that got deepest into the value — or, when none got
    past the node, one summary ("expected string or integer, got object")."""
    flat: list[tuple[tuple, str, str]] = []
    for error in errors:
        flat.extend(_flat(error))
    return flat


def _flat(error: SchemaError) -> list[tuple[tuple, str, str]]:
    path, keyword, value, instance = error.path, error.keyword, error.keyword_value, error.instance
    if keyword in ("additionalProperties", "unevaluatedProperties"):
        keys = error.subject if error.subject is not None else rejected_keys(error)
        return [(path + (key,), "additionalProperties", f"unknown key {key!r}") for key in keys]
    if keyword == "uniqueItems":
        return _duplicates(instance, path)
    if keyword in ("oneOf", "anyOf"):
        if not error.context:
            return [(path, "oneOf", "matches more than one of the allowed forms")]
        branches: dict[int, list] = {}
        for sub in error.context:
            branches.setdefault(sub.branch or 0, []).extend(_flat(sub))
        return _deepest_branch(list(branches.values()), path, instance)
    if keyword == "type":
        names = [value] if isinstance(value, str) else value
        return [(path, "type", f"expected {' or '.join(names)}, got {json_type(instance)}")]
    if keyword in ("enum", "const"):
        options = value if keyword == "enum" else [value]
        shown = ", ".join(repr(o) for o in options[:8])
        return [(path, "enum", f"{instance!r} is not one of {shown}")]
    if keyword == "required" and error.subject is not None:
        return [(path, "required", f"required key {error.subject!r} is missing")]
    if keyword == "pattern":
        return [(path, "pattern", f"{instance!r} does not match {value!r}")]
    if keyword == "minimum":
        return [(path, "minimum", f"{instance} is less than the minimum of {value}")]
    if keyword == "maximum":
        return [(path, "maximum", f"{instance} is more than the maximum of {value}")]
    if keyword is None:
        return [(path, "false", "no value is allowed here")]
    return [(path, keyword, error.message)]


def _deepest_branch(failures: list[list], path: tuple, value: Any) -> list[tuple[tuple, str, str]]:
    def depth(branch: list) -> tuple:
        deepest = max(len(p) for p, _k, _m in branch)
        return deepest, -min(_BRANCH_PREFERENCE.get(k, 3) for _p, k, _m in branch)

    best = max(failures, key=depth)
    if max(len(p) for p, _k, _m in best) > len(path):
        return [e for e in best if len(e[0]) > len(path)]
    expected = [
        message[9:].split(", got")[0]
        for branch in failures
        for _p, keyword, message in branch
        if keyword == "type" and message.startswith("expected ")
    ]  # fmt: skip
    if expected and len(expected) == len(failures):
        return [(path, "type", f"expected {' or '.join(dict.fromkeys(expected))}, got {json_type(value)}")]
    return [(path, "oneOf", f"value of type {json_type(value)} matches none of the allowed forms")]


def _duplicates(items: list, path: tuple) -> list[tuple[tuple, str, str]]:
    found = []
    for index, item in enumerate(items):
        first = next((n for n in range(index) if json_equal(items[n], item)), None)
        if first is not None:
            found.append((path + (index,), "uniqueItems", f"duplicate of item {first + 1}"))
    return found


# --- values in a YAML author's words --------------------------------------------------

#: JSON Schema types as a YAML author calls them.
TYPE_WORDS = {
    "array": "a list",
    "object": "a mapping",
    "string": "a string",
    "integer": "an integer",
    "number": "a number",
    "boolean": "true/false",
    "null": "nothing (empty)",
}
#: The order in which accepted shapes are listed.
TYPE_ORDER = ("array", "object", "string", "integer", "number", "boolean", "null")


def describe_value(value: Any) -> str:
    """What a value is, for "expected ..., got <this>"."""
    kind = json_type(value)
    if kind == "string":
        shown = value if len(value) <= 40 else value[:37] + "..."
        return f"the string {json.dumps(shown)}"
    if kind == "null":
        return "nothing (the key is empty)"
    return TYPE_WORDS.get(kind, kind)
