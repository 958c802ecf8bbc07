"""Kubernetes OpenAPI schemas, compiled once into plain Python checks.

The schemas are kubernetes-validate's strict per-version schemas (found through
``lintkit.schemastore.kubernetes_schema_dir``); every built-in kind of a version is a
definition of its ``_definitions.json`` carrying ``x-kubernetes-group-version-kind``, so
one file gives both the index (apiVersion, kind) -> definition and the schemas.

Why not jsonschema at run time: these schemas use a small vocabulary (type, enum,
properties, additionalProperties, required, items, oneOf, $ref), and validating the 1,300
built-in objects of the corpus with jsonschema costs 0.6 s even with every $ref inlined
(1.0 s through a referencing Registry), more than the whole lint run may take. Compiled
to closures, a definition checks an object in a few microseconds. Only objects that fail
are walked a second time, by :func:`explain`, to say where and why.

One deliberate difference from JSON Schema: ``oneOf`` appears only in IntOrString and
Quantity, whose two branches both allow null; read literally, null would match both and
fail, while Kubernetes accepts it as "unset". It is read as "any branch matches".
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from typing import Any

from lintkit.model import Span
from lintkit.parsers.kubernetes import first_line_span
from lintkit.schemastore import kubernetes_schema_dir
from lintkit.yamlmodel import Tagged, YMap, YSeq

#: The Kubernetes version assumed when the configuration names none.
DEFAULT_KUBERNETES_VERSION = "1.34"
#: Schema errors reported for one object at most (a mis-indented object can have dozens).
MAX_ERRORS_PER_OBJECT = 20

_IGNORED_KEYWORDS = frozenset(("description", "format", "$schema", "$id"))
_JSON_TYPES = {
    YMap: "object", dict: "object", YSeq: "array", list: "array", str: "string", Tagged: "string",
    bool: "boolean", int: "integer", float: "number", type(None): "null",
}  # fmt: skip


def json_type(value: Any) -> str:
    found = _JSON_TYPES.get(type(value))
    if found is not None:
        return found
    for cls, name in _JSON_TYPES.items():  # subclasses of the basic types
        if isinstance(value, cls):
            return name
    return "object"


def target_version(settings: dict) -> str:
    return str(settings.get("kubernetes_version") or DEFAULT_KUBERNETES_VERSION)


class Schema:
    """One compiled schema node. ``ok(value)`` answers whether the value is valid.

    A node is compiled on first use: the PodSpec schema alone has some forty properties
    most manifests never set, so compiling only what objects reach keeps the per-process
    start-up cost to what the run needs. ``ensure()`` compiles it for code that reads
    its parts (the error explanations).
    """

    __slots__ = (
        "ok",
        "types",
        "enum",
        "properties",
        "additional",
        "required",
        "items",
        "one_of",
        "name",
        "_source",
        "_catalog",
    )

    def __init__(self, name: str | None, source: dict | None, catalog: Catalog | None):
        self.name = name
        self.types: frozenset[str] | None = None
        self.enum: tuple | None = None
        self.properties: dict[str, Schema] = {}
        #: None: any extra key; False: none; a Schema: what their values must be.
        self.additional: Schema | bool | None = None
        self.required: tuple[str, ...] = ()
        self.items: Schema | None = None
        self.one_of: tuple[Schema, ...] = ()
        self._source = source
        self._catalog = catalog
        self.ok = self._compile_and_check

    def _compile_and_check(self, value) -> bool:
        return self.ensure().ok(value)

    def ensure(self) -> Schema:
        if self._source is not None:
            source, self._source = self._source, None
            self._catalog._fill(self, source)
        return self


class Catalog:
    """The built-in kinds of one Kubernetes version and their compiled schemas."""

    def __init__(self, folder: str):
        self.folder = folder
        self.version = os.path.basename(folder).split("-")[0].lstrip("v").rsplit(".", 1)[0]
        with open(os.path.join(folder, "_definitions.json"), encoding="utf-8") as fh:
            self._definitions: dict[str, dict] = json.load(fh)["$defs"]
        self._by_kind: dict[tuple[str, str], str] = {}
        self.groups: set[str] = set()
        self.kinds_by_api_version: dict[str, set[str]] = {}
        for name, definition in self._definitions.items():
            for gvk in definition.get("x-kubernetes-group-version-kind", ()):
                group, version, kind = gvk["group"], gvk["version"], gvk["kind"]
                api_version = f"{group}/{version}" if group else version
                self._by_kind[(api_version, kind)] = name
                self.groups.add(group)
                self.kinds_by_api_version.setdefault(api_version, set()).add(kind)
        self._compiled: dict[str, Schema] = {}

    def schema_for(self, api_version: str, kind: str) -> Schema | None:
        name = self._by_kind.get((api_version, kind))
        return None if name is None else self._definition(name)

    def is_builtin_group(self, group: str) -> bool:
        return group in self.groups

    # --- compiling -------------------------------------------------------------------

    def _definition(self, name: str) -> Schema:
        """One node per definition, so recursive ones (JSONSchemaProps) refer to themselves."""
        schema = self._compiled.get(name)
        if schema is None:
            schema = self._compiled[name] = Schema(name, self._definitions[name], self)
        return schema

    def _compile(self, node: dict) -> Schema:
        ref = node.get("$ref")
        if ref is not None:
            return self._definition(ref.rpartition("/")[2])
        return Schema(None, node, self)

    def _fill(self, schema: Schema, node: dict) -> None:
        for keyword in node:
            if keyword not in _KNOWN_KEYWORDS and keyword not in _IGNORED_KEYWORDS and not keyword.startswith("x-"):
                raise NotImplementedError(f"schema keyword {keyword!r} is not supported")
        types = node.get("type")
        if types is not None:
            schema.types = frozenset([types] if isinstance(types, str) else types)
        if "enum" in node:
            schema.enum = tuple(node["enum"])
        schema.properties = {k: self._compile(v) for k, v in node.get("properties", {}).items()}
        additional = node.get("additionalProperties")
        if additional is False:
            schema.additional = False
        elif isinstance(additional, dict):
            schema.additional = self._compile(additional)
        schema.required = tuple(node.get("required", ()))
        if "items" in node:
            schema.items = self._compile(node["items"])
        schema.one_of = tuple(self._compile(branch) for branch in node.get("oneOf", ()))
        schema.ok = _make_check(schema)


_KNOWN_KEYWORDS = frozenset(
    ("$ref", "type", "enum", "properties", "additionalProperties", "required", "items", "oneOf")
)


def _type_check(types: frozenset[str] | None):
    """A predicate for a JSON Schema ``type`` list, as isinstance tests (bool is not an
    integer; a float with no fraction is)."""
    if types is None:
        return None
    allowed = set(types)
    nullable = "null" in allowed
    allowed.discard("null")
    classes = tuple(cls for name in allowed for cls in _PYTHON_TYPES.get(name, ()))
    numbers = "number" in allowed
    integers = "integer" in allowed and not numbers
    booleans = "boolean" in allowed

    if not (numbers or integers):
        if booleans or not classes:

            def type_ok(value) -> bool:
                return (value is None and nullable) or isinstance(value, classes)
        else:
            # isinstance(True, int) is not a concern: no int class is among ``classes``.
            def type_ok(value) -> bool:
                return isinstance(value, classes) or (value is None and nullable)

        return type_ok

    def type_ok(value) -> bool:
        if value is None:
            return nullable
        if isinstance(value, bool):
            return booleans
        if isinstance(value, int):
            return True
        if isinstance(value, float):
            return numbers or value.is_integer()
        return isinstance(value, classes)

    return type_ok


_PYTHON_TYPES = {"object": (dict,), "array": (list,), "string": (str,), "boolean": (bool,)}


def _enum_check(enum: tuple | None):
    if enum is None:
        return None
    if all(isinstance(e, str) for e in enum):
        members = frozenset(enum)
        return lambda value: isinstance(value, str) and value in members
    return lambda value: any(_json_equal(value, e) for e in enum)


def _json_equal(a, b) -> bool:
    if isinstance(a, bool) or isinstance(b, bool):
        return a is b
    return a == b


def _make_check(schema: Schema):
    """The fastest closure that answers ``schema.ok(value)``."""
    type_ok = _type_check(schema.types)
    enum_ok = _enum_check(schema.enum)
    properties = schema.properties
    additional = schema.additional
    required = schema.required
    items = schema.items
    branches = schema.one_of
    checks_mapping = bool(properties or required) or additional is not None

    if checks_mapping and not (enum_ok or items or branches) and schema.types == _OBJECT_OR_NULL:
        # The common case, a plain object: one isinstance test, then its keys.
        get = properties.get

        def object_ok(value) -> bool:
            if not isinstance(value, dict):
                return value is None
            for key in required:
                if key not in value:
                    return False
            for key, item in value.items():
                child = get(key)
                if child is not None:
                    if not child.ok(item):
                        return False
                elif additional is False:
                    return False
                elif additional is not None and not additional.ok(item):
                    return False
            return True

        return object_ok

    def ok(value) -> bool:
        if type_ok is not None and not type_ok(value):
            return False
        if enum_ok is not None and not enum_ok(value):
            return False
        if checks_mapping and isinstance(value, dict):
            for key in required:
                if key not in value:
                    return False
            for key, item in value.items():
                child = properties.get(key)
                if child is not None:
                    if not child.ok(item):
                        return False
                elif additional is False:
                    return False
                elif additional is not None and not additional.ok(item):
                    return False
        if items is not None and isinstance(value, list):
            item_ok = items.ok
            for item in value:
                if not item_ok(item):
                    return False
        if branches and not any(branch.ok(value) for branch in branches):
            return False
        return True

    if not (enum_ok or checks_mapping or items or branches) and type_ok is not None:
        return type_ok  # a plain scalar: the type test is the whole check
    return ok


#: Catalogs by requested version and by schema folder (versions share a folder).
_CATALOGS: dict[str, Catalog] = {}
_OBJECT_OR_NULL = frozenset(("object", "null"))


def catalog(version: str) -> Catalog:
    """The catalog of the newest shipped version at or below ``version``, built once."""
    found = _CATALOGS.get(version)
    if found is None:
        folder = kubernetes_schema_dir(version)
        found = _CATALOGS.get(folder) or Catalog(folder)
        _CATALOGS[version] = _CATALOGS[folder] = found
    return found


def first_version_serving(api_version: str, kind: str, *, after: str) -> str | None:
    """The first shipped Kubernetes version newer than ``after`` that serves ``kind`` in
    ``api_version`` (an API that graduated later), or None. Looks at the small per-kind
    files of the newer versions rather than loading their whole definitions."""
    folder = kubernetes_schema_dir(after)
    root = os.path.dirname(folder)
    group, slash, version = api_version.rpartition("/")
    short_group = group.split(".")[0] if slash else ""
    name = f"{kind.lower()}-{short_group}-{version}.json" if short_group else f"{kind.lower()}-{version}.json"
    current = _major_minor(os.path.basename(folder))
    for newer, entry in sorted((_major_minor(d), d) for d in os.listdir(root) if d.endswith("-local-strict")):
        if newer is None or current is None or newer <= current:
            continue
        path = os.path.join(root, entry, name)
        if os.path.isfile(path):
            with open(path, encoding="utf-8") as fh:
                served = json.load(fh).get("properties", {}).get("apiVersion", {}).get("enum", ())
            if api_version in served:
                return f"{newer[0]}.{newer[1]}"
    return None


def _major_minor(text: str) -> tuple[int, int] | None:
    parts = text.lstrip("v").split("-")[0].split(".")
    return (int(parts[0]), int(parts[1])) if len(parts) >= 2 and parts[0].isdigit() and parts[1].isdigit() else None


# --- custom resources -----------------------------------------------------------------

_CRD_VALIDATORS: dict[str, Any] = {}


def crd_validator(folders: tuple[str, ...], group: str, version: str, kind: str):
    """A jsonschema validator for a custom resource, from the first of ``folders`` that
    has ``<group>/<kind>_<version>.json`` (the layout of the CRDs-catalog that
    kubeconform users keep), or None. CRD schemas use all of OpenAPI v3 (patterns,
    bounds, anyOf), so they go through jsonschema rather than the compiled checks."""
    for folder in folders:
        path = os.path.join(folder, group, f"{kind.lower()}_{version}.json")
        if path in _CRD_VALIDATORS:
            return _CRD_VALIDATORS[path]
        if not os.path.isfile(path):
            continue
        import jsonschema

        with open(path, encoding="utf-8") as fh:
            loaded = json.load(fh)
        cls = jsonschema.validators.validator_for(loaded, default=jsonschema.Draft7Validator)
        found = _CRD_VALIDATORS[path] = cls(loaded)
        return found
    return None


# --- explaining failures --------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SchemaError:
    span: Span
    path: tuple
    message: str
    #: "type", "enum", "required" or "unknown".
    kind: str


def where(path: tuple) -> str:
    """``spec.template.spec.containers[0]``; ``(top level)`` for the object itself."""
    if not path:
        return "(top level)"
    text = ""
    for step in path:
        text += f"[{step}]" if isinstance(step, int) else (f".{step}" if text else str(step))
    return text


def explain(schema: Schema, obj: YMap) -> list[SchemaError]:
    """Why ``obj`` fails ``schema``: each error at the node it concerns."""
    errors: list[SchemaError] = []
    _explain(schema, obj, (), obj, None, None, None, errors)
    return errors[:MAX_ERRORS_PER_OBJECT]


def _value_span(container, key, fallback: Span) -> Span:
    if isinstance(container, YMap) and key in container._pos:
        return container.value_span(key)
    if isinstance(container, YSeq) and isinstance(key, int):
        return container.item_span(key)
    return fallback


def _explain(schema, value, path, obj, container, key, parent_schema, errors) -> None:
    """Append the errors of ``value`` (found at ``container[key]``) to ``errors``."""
    if schema.ok(value):
        return
    schema.ensure()
    here = _value_span(container, key, obj.span)
    if schema.types is not None and not _type_check(schema.types)(value):
        expected = " or ".join(sorted(t for t in schema.types if t != "null"))
        errors.append(SchemaError(here, path, f"{where(path)}: expected {expected}, got {_describe(value)}", "type"))
        return
    if schema.enum is not None and not _enum_check(schema.enum)(value):
        options = ", ".join(json.dumps(e) for e in schema.enum[:10])
        errors.append(SchemaError(here, path, f"{where(path)}: {_describe(value)} is not one of {options}", "enum"))
        return
    if schema.one_of and not any(branch.ok(value) for branch in schema.one_of):
        expected = sorted({t for b in schema.one_of for t in (b.ensure().types or ()) if t != "null"})
        errors.append(
            SchemaError(here, path, f"{where(path)}: expected {' or '.join(expected)}, got {_describe(value)}", "type")
        )
        return
    if isinstance(value, dict):
        for name in schema.required:
            if name not in value:
                span = _missing_span(container, key, value, obj)
                errors.append(SchemaError(span, path, f"{where(path)}: missing required field {name!r}", "required"))
        for name, item in value.items():
            child = schema.properties.get(name)
            if child is None and schema.additional is False:
                span = value.key_span(name) if isinstance(value, YMap) and name in value._pos else here
                hint = _misplaced_hint(name, schema, value, path, parent_schema, container)
                errors.append(
                    SchemaError(span, path + (name,), f"{where(path)}: unknown field {name!r}{hint}", "unknown")
                )
                continue
            child = child or (schema.additional if isinstance(schema.additional, Schema) else None)
            if child is not None:
                _explain(child, item, path + (name,), obj, value, name, schema, errors)
    if schema.items is not None and isinstance(value, list):
        for index, item in enumerate(value):
            _explain(schema.items, item, path + (index,), obj, value, index, schema, errors)


def _missing_span(container, key, value, obj: YMap) -> Span:
    """A missing field is reported at the key that holds its mapping (``spec:``), at a
    list item's first key, or at the object's kind."""
    if isinstance(container, YMap) and key in container._pos:
        return container.key_span(key)
    if isinstance(value, (YMap, YSeq)) and value:
        return first_line_span(value)
    return obj.value_span("kind") if "kind" in obj._pos else obj.span


def _describe(value: Any) -> str:
    kind = json_type(value)
    if kind in ("string", "integer", "number", "boolean"):
        shown = json.dumps(value)
        if len(shown) > 40:
            shown = shown[:37] + "..."
        return f"{kind} {shown}"
    return kind


def _misplaced_hint(name, schema: Schema, value: dict, path: tuple, parent_schema, parent_value) -> str:
    """What an unknown field probably is: a typo of an allowed one, a field of a block
    present beside it (or of a block inside that one) written too shallow, or a field of
    the parent written too deep."""
    import difflib

    close = difflib.get_close_matches(str(name), list(schema.properties), n=1, cutoff=0.8)
    if close:
        return f" (did you mean {close[0]!r}?)"
    for sibling, sibling_schema in schema.properties.items():
        if sibling not in value:
            continue
        held = value[sibling]
        if not (held is None or isinstance(held, dict)):
            continue
        if name in sibling_schema.ensure().properties and not (held and name in held):
            return f" (it belongs under {where(path + (sibling,))}; check the indentation)"
        for child, child_schema in sibling_schema.properties.items():
            if name in child_schema.ensure().properties:
                return f" (it belongs under {where(path + (sibling, child))}; check the indentation)"
    if parent_schema is not None and name in parent_schema.properties:
        if isinstance(parent_value, dict) and name not in parent_value:
            return f" (it belongs one level up, in {where(path[:-1])}; check the indentation)"
    return ""
