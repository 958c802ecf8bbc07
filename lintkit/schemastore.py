"""JSON Schemas shipped by installed packages, compiled once, and their errors turned into
positioned messages.

* Compose Specification, GitLab CI, GitHub workflow and action schemas come from the
  files check-jsonschema vendors (its code is never imported: only the data is read).
* Kubernetes schemas come from kubernetes-validate's per-version, per-kind strict schemas.

Nothing is fetched at run time; a missing package gives a clear error.
"""

from __future__ import annotations

import importlib.util
import json
import os
from functools import cache
from typing import Any, Iterator

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


def _version_tuple(text: str) -> tuple[int, ...]:
    return tuple(int(p) for p in text.lstrip("v").split(".") if p.isdigit())


@cache
def validator(schema_key: str, loader=None):
    """A compiled validator for a vendored schema name (or, with ``loader``, for whatever
    schema ``loader()`` returns), built once per process."""
    import jsonschema

    schema = loader() if loader else vendored_schema(schema_key)
    cls = jsonschema.validators.validator_for(schema, default=jsonschema.Draft7Validator)
    # Formats are not checked: the tools that read these files do not check them either.
    return cls(schema)


def schema_errors(validator_obj, instance: Any, root: Any) -> Iterator[tuple[Span, str, tuple]]:
    """(span, message, json path) for each schema error, at the offending node.

    For ``oneOf``/``anyOf`` failures the most specific branch error is reported (the one
    that got deepest into the instance), which is what a reader can act on.
    """
    for error in validator_obj.iter_errors(instance):
        error = _most_specific(error)
        path = tuple(error.absolute_path)
        key_level = error.validator == "additionalProperties"
        message = _message(error)
        if key_level:
            extra = _extra_properties(error)
            for name in extra:
                span = span_at(root, path + (name,), key=True) or span_at(root, path)
                yield span, f"{_where(path + (name,))}: unknown key {name!r}", path + (name,)
            if extra:
                continue
        span = span_at(root, path)
        yield span, f"{_where(path)}: {message}", path


def _most_specific(error):
    while error.context:
        deepest = max(error.context, key=lambda e: (len(e.absolute_path), -_rank(e)))
        if len(deepest.absolute_path) <= len(error.absolute_path) and error.validator in ("oneOf", "anyOf"):
            # No branch got further than the node itself: the node has the wrong shape.
            return error
        error = deepest
    return error


def _rank(error) -> int:
    # Prefer type/required/enum explanations over generic combinator failures.
    return {"type": 0, "required": 1, "enum": 1, "additionalProperties": 2}.get(error.validator, 3)


def _extra_properties(error) -> list[str]:
    allowed = set(error.schema.get("properties", {}))
    patterns = error.schema.get("patternProperties", {})
    import re

    return [
        k
        for k in error.instance
        if k not in allowed and not any(re.search(p, str(k)) for p in patterns)
    ]


def _where(path: tuple) -> str:
    if not path:
        return "(top level)"
    return "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else str(p)) for i, p in enumerate(path))


def _message(error) -> str:
    if error.validator == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        return f"expected {expected}, got {_json_type(error.instance)}"
    if error.validator == "required":
        return error.message
    if error.validator == "enum":
        options = ", ".join(json.dumps(v) for v in error.validator_value[:8])
        return f"{json.dumps(error.instance, default=str)} is not one of {options}"
    if error.validator in ("oneOf", "anyOf"):
        return f"value of type {_json_type(error.instance)} matches none of the allowed forms"
    return error.message


def _json_type(value: Any) -> str:
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
