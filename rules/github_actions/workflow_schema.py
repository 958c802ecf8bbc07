"""Workflow and action metadata that GitHub rejects: unknown keys, wrong shapes, missing
required keys, checked against the workflow / action JSON Schemas.

The file is validated as GitHub reads it (YAML 1.2: the unquoted ``on`` key and values
such as ``yes`` are strings), against the schemas check-jsonschema vendors with the
places where they are stricter than GitHub relaxed (a ``strategy:`` without a matrix),
and a value that is a whole ``${{ }}`` expression is accepted where GitHub accepts it.
The schemas are compiled once (lintkit.schemastore): valid files cost a few dict lookups
per node, and only a file with an error is walked again to explain it.
"""

from __future__ import annotations

import copy
import difflib
import json
from typing import Any

from lintkit.images import written_reference_error
from lintkit.model import Example, Problem, Span, rule
from lintkit.schemastore import (
    TYPE_ORDER, TYPE_WORDS, SchemaError, compiled_schema, describe_value, follow_refs, json_type, rejected_keys,
    vendored_schema,
)  # fmt: skip
from lintkit.yamlmodel import YMap, YSeq, span_at

from .pin_container_images import image_entries


@rule(
    id="GH011",
    name="workflow-schema",
    severity="error",
    summary="Workflow or action.yml keys and values that GitHub rejects",
    rationale=(
        "GitHub refuses a workflow file that does not match its syntax (the run fails with "
        "\"Invalid workflow file\" only after a push), and an action.yml that does not match "
        "fails every workflow using the action. A misspelt key, a key at the wrong level, or "
        "a list where a mapping is required are caught here, at the line that causes them."
    ),
    tags=("reliability",),
    aliases=("actionlint:syntax-check", "actionlint:permissions"),
    examples=(
        Example(
            bad="on: push\npermissions: {}\njobs:\n  test:\n    runs_on: ubuntu-24.04\n    steps:\n      - run: make test\n",
            good="on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make test\n",
            filename=".github/workflows/test.yml",
        ),
        Example(
            bad="name: Hello\ndescription: Greets\nruns:\n  using: composite\n  step:\n    - run: echo hi\n      shell: bash\n",
            good="name: Hello\ndescription: Greets\nruns:\n  using: composite\n  steps:\n    - run: echo hi\n      shell: bash\n",
            filename="action.yml",
        ),
    ),
)
def check(workflow, ctx):
    yield from _invalid_images(workflow)
    schema_name = "github-actions" if workflow.is_action else "github-workflows"
    instance = workflow.github_reading
    compiled = compiled_schema(schema_name, loader=_LOADERS[schema_name])
    if compiled.is_valid(instance):
        return
    explained = [
        result
        for error in compiled.iter_errors(instance)
        for result in _explain(error, instance, compiled.schema, workflow.is_action)
    ]
    # An empty block whose keys slid out of it is explained at those keys.
    slid = {path[:-1] for _span, message, path in explained if "which is empty: indent it" in message}
    reported: set[tuple[Span, str]] = set()
    for span, message, path in explained:
        empty_block = path[:-1] in slid and _node_at(instance, path) is None
        if (span, message) not in reported and not empty_block:
            reported.add((span, message))
            yield Problem(span, message)


def _invalid_images(workflow):
    """Container images written out (no expressions) that are no image reference: the job
    fails to pull them (``node:sha256:<hex>``, ``Node:20.11``, ``node:``)."""
    for job in workflow.jobs:
        for image, span in image_entries(job):
            error = written_reference_error(image) if image.strip() else None
            if error is not None:
                yield Problem(span, f"job {job.id!r}: image {image!r} is not a valid image reference: {error}")


# --- schemas ------------------------------------------------------------------------


def _relaxed(name: str) -> dict:
    """The vendored schema with what GitHub's own workflow parser accepts and the schema
    does not (checked against GitHub's workflow-v1.0 definitions) allowed."""
    schema = copy.deepcopy(vendored_schema(name))
    stack: list[Any] = [schema]
    while stack:
        node = stack.pop()
        if isinstance(node, dict):
            properties = node.get("properties")
            # `strategy:` with only fail-fast/max-parallel is accepted (and common).
            if isinstance(properties, dict) and "matrix" in properties and "fail-fast" in properties:
                node.pop("required", None)
            stack.extend(node.values())
        elif isinstance(node, list):
            stack.extend(node)
    if name != "github-workflows":
        return schema
    single = {"type": "string", "minLength": 1}
    definitions = schema.get("definitions", {})
    # Branch, tag and path filters (and workflow_run's `workflows`) take one pattern too.
    if "globs" in definitions:
        definitions["globs"] = {"anyOf": [single, definitions["globs"]]}
    run_filters = _at(schema, "properties", "on", "oneOf", 2, "properties", "workflow_run", "oneOf", 1, "properties")
    if isinstance(run_filters, dict) and "workflows" in run_filters:
        run_filters["workflows"] = {"anyOf": [single, run_filters["workflows"]]}
    schema.get("properties", {}).setdefault("description", {"type": "string"})
    job = _at(schema, "definitions", "normalJob", "properties")
    if isinstance(job, dict) and "timeout-minutes" in job:
        job.setdefault("cancel-timeout-minutes", job["timeout-minutes"])
    events = _at(schema, "properties", "on", "oneOf", 2, "properties")
    event_names = _at(schema, "definitions", "event", "enum")
    for event in _NEWER_EVENTS:
        if isinstance(events, dict):
            events.setdefault(event, {"$ref": "#/definitions/eventObject"})
        if isinstance(event_names, list) and event not in event_names:
            event_names.append(event)
    return schema


#: Events GitHub's parser knows that the vendored schema does not list yet.
_NEWER_EVENTS = ("image_version",)


def _at(node: Any, *path: Any) -> Any:
    for step in path:
        if isinstance(node, dict) and step in node:
            node = node[step]
        elif isinstance(node, list) and isinstance(step, int) and step < len(node):
            node = node[step]
        else:
            return None
    return node


def _workflow_schema() -> dict:
    return _relaxed("github-workflows")


def _action_schema() -> dict:
    return _relaxed("github-actions")


_LOADERS = {"github-workflows": _workflow_schema, "github-actions": _action_schema}


# --- explaining errors ----------------------------------------------------------------


def _is_expression(value: Any) -> bool:
    return isinstance(value, str) and value.strip().startswith("${{") and value.strip().endswith("}}")


def _explain(error: SchemaError, root: Any, schema: dict, is_action: bool) -> list[tuple[Span, str, tuple]]:
    """(span, message, path) for one schema error, said in the file's terms."""
    path = error.path
    if _is_expression(error.instance):
        return []  # GitHub evaluates a whole-value expression where the schema wants a shape
    if error.keyword in ("oneOf", "anyOf"):
        return _explain_alternatives(error, root, schema, is_action)
    where = _where(path, is_action)
    if error.keyword == "additionalProperties":
        if path == ("jobs",):
            return []  # job ids that break the naming rule: ids-valid says it better
        return [_unknown_key(error, root, path, key, where) for key in rejected_keys(error)]
    if error.keyword == "required":
        present = [k for k in error.instance if isinstance(k, str)] if isinstance(error.instance, dict) else []
        # A misspelt required key (`runs_on`) is reported once, as the unknown key.
        missing = [
            name for name in error.keyword_value
            if name not in present and not difflib.get_close_matches(name, present, n=1, cutoff=0.75)
        ]  # fmt: skip
        return [(_key_span(root, path), f"{where} has no `{name}:`{_REQUIRED_WHY.get(name, '')}", path) for name in missing]
    span = span_at(root, path)
    if error.keyword in ("type", "enum", "const") or _expression_pattern(error):
        return [(span, f"{where}: {_expected_message(error.schema, schema, error.instance)}", path)]
    if error.keyword == "minItems":
        return [(span, f"{where}: must list at least {error.keyword_value} item(s)", path)]
    if error.keyword == "minProperties":
        return [(span, f"{where}: must not be empty", path)]
    if error.keyword == "dependencies":
        return [(span, f"{where}: {error.message.replace('is a dependency of', 'is required by')}", path)]
    return [(span, f"{where}: {error.message}", path)]


def _unknown_key(error: SchemaError, root: Any, path: tuple, key: str, where: str) -> tuple[Span, str, tuple]:
    """An unknown key; when an empty sibling block takes mappings (`with:` followed by a
    key at the step's level), the key was meant to be indented under it."""
    span = span_at(root, path + (key,), key=True)
    properties = error.schema.get("properties", {})
    for sibling, value in error.instance.items():
        if value is None and sibling in _BLOCKS and sibling in properties:
            line = _node_at(root, path).key_span(sibling).line
            return span, f"{where}: `{key}` is not a key here; it belongs under `{sibling}:` (line {line}), which is empty: indent it", path + (key,)
    allowed = sorted(k for k in properties if isinstance(k, str))
    hint = difflib.get_close_matches(key, allowed, n=1, cutoff=0.75)
    suggestion = f" (did you mean `{hint[0]}`?)" if hint else ""
    return span, f"{where}: unknown key `{key}`{suggestion}", path + (key,)


#: Keys whose value is a block of free-form keys, where a mis-indented key belongs.
_BLOCKS = frozenset(("with", "env", "inputs", "outputs", "secrets", "permissions", "credentials", "defaults", "run"))


#: Why a missing required key matters, in GitHub's terms.
_REQUIRED_WHY = {
    "on": " (the events that trigger it); GitHub does not run a workflow without triggers",
    "jobs": "; a workflow needs at least one job",
    "runs-on": " (the runner it runs on)",
    "runs": " (how the action runs)",
    "using": " (the runtime: node20, composite or docker)",
    "main": " (the JavaScript file the action runs)",
}


def _explain_alternatives(error: SchemaError, root: Any, schema: dict, is_action: bool) -> list[tuple[Span, str, tuple]]:
    """A oneOf/anyOf failure. A scalar is told every form the key accepts; a mapping or
    a list is explained by the alternative it was meant to match."""
    path = error.path
    where = _where(path, is_action)
    if _is_step(path, is_action) and isinstance(error.instance, dict):
        kinds = [k for k in ("uses", "run") if k in error.instance]
        if not error.context and len(kinds) > 1:
            return [(_key_span(root, path), f"{where} has both `uses:` and `run:`; a step does one or the other", path)]
        if not kinds and all(e.keyword == "required" for e in error.context):
            return [(_key_span(root, path), f"{where} has neither `uses:` nor `run:`", path)]
    if not isinstance(error.instance, (dict, list)):
        return [(span_at(root, path), f"{where}: {_expected_message(error.schema, schema, error.instance)}", path)]
    branches: dict[int, list] = {}
    for sub in error.context:
        branches.setdefault(sub.branch, []).append(sub)
    # A branch that failed on the value's own type is the wrong shape, not the intended one.
    shaped = {
        index: errors for index, errors in branches.items()
        if not any(e.path == path and e.keyword == "type" for e in errors)
    }  # fmt: skip
    if not shaped:
        return [(span_at(root, path), f"{where}: {_expected_message(error.schema, schema, error.instance)}", path)]
    alternatives = error.keyword_value

    def intent(index: int) -> tuple:
        """How surely the author meant this alternative: a key that selects it (`using:
        composite`, `uses:`), then how deep its errors reach into the value, then how
        many of the written keys it knows, then how few errors it has."""
        errors = shaped[index]
        branch = follow_refs(alternatives[index], schema)
        return (
            -_selecting_keys(branch, error.instance),
            -max(len(e.path) for e in errors),
            -sum(1 for key in error.instance if key in branch.get("properties", {})) if isinstance(error.instance, dict) else 0,
            len(errors),
        )

    chosen = min(shaped, key=intent)
    results: list[tuple[Span, str, tuple]] = []
    for sub in shaped[chosen]:
        results.extend(_explain(sub, root, schema, is_action))
    return results


def _expected_message(node: dict, schema: dict, value: Any) -> str:
    """"expected <every form the key accepts>, got <the value>", with a suggestion when
    the value is a near miss of an accepted word."""
    types, words, expression = _accepted(node, schema)
    forms = [TYPE_WORDS[t] for t in TYPE_ORDER if t in types]
    if len(words) > 8:
        forms.append(f"one of {len(words)} names ({', '.join(json.dumps(w) for w in words[:4])}, ...)")
    else:
        forms += [json.dumps(w) for w in words]
    if expression and "string" not in types:
        forms.append("a `${{ }}` expression")
    expected = forms[0] if len(forms) == 1 else ", ".join(forms[:-1]) + " or " + forms[-1] if forms else "something else"
    message = f"expected {expected}, got {describe_value(value)}"
    if isinstance(value, str):
        close = difflib.get_close_matches(value, words, n=1, cutoff=0.7)
        if close:
            message += f" (did you mean {json.dumps(close[0])}?)"
        elif value.lower() in _YAML11_BOOLEANS and "boolean" in types:
            word = "true" if value.lower() in ("yes", "on", "y") else "false"
            message += f" (GitHub reads `{value}` as text, not a boolean: write `{word}`)"
    return message


def _accepted(node: Any, schema: dict, depth: int = 0) -> tuple[set[str], list[str], bool]:
    """What a schema node accepts, as (JSON types, listed words, whether a `${{ }}`
    expression is): a string restricted to an enum or to expressions is not "a string"."""
    node = follow_refs(node, schema)
    types: set[str] = set()
    words: list[str] = []
    expression = False
    if depth > 10 or not isinstance(node, dict):
        return types, words, expression
    listed = node.get("enum", [node["const"]] if "const" in node else None)
    if listed is not None:
        words += [v for v in listed if isinstance(v, str)]
        types |= {json_type(v) for v in listed if not isinstance(v, str)}
    elif "\\$\\{\\{" in str(node.get("pattern", "")):
        expression = True
    elif "type" in node:
        declared = node["type"]
        types |= set(declared) if isinstance(declared, list) else {declared}
    for combinator in ("oneOf", "anyOf"):
        for branch in node.get(combinator, ()):
            more_types, more_words, more_expression = _accepted(branch, schema, depth + 1)
            types |= more_types
            words += [w for w in more_words if w not in words]
            expression = expression or more_expression
    if "number" in types:
        types.discard("integer")
    return types, words, expression


#: Plain scalars YAML 1.1 reads as booleans and GitHub (YAML 1.2) as strings.
_YAML11_BOOLEANS = frozenset(("yes", "no", "on", "off", "y", "n"))


def _expression_pattern(error: SchemaError) -> bool:
    """The error of a string that must be (or contain) a `${{ }}` expression."""
    return error.keyword == "pattern" and "\\$\\{\\{" in str(error.keyword_value)


def _selecting_keys(branch: dict, instance: Any) -> int:
    """Keys of ``instance`` that pick this alternative: a value equal to the branch's
    ``const``/``enum`` for that key (``using: composite``), or ``uses:`` where the branch
    requires it (a reusable-workflow call, an action step)."""
    if not isinstance(instance, dict):
        return 0
    count = 0
    properties = branch.get("properties", {})
    for key, value in instance.items():
        spec = properties.get(key)
        if isinstance(spec, dict) and ("const" in spec and spec["const"] == value or value in spec.get("enum", ())):
            count += 1
    if "uses" in instance and "uses" in branch.get("required", ()):
        count += 1
    return count


def _is_step(path: tuple, is_action: bool) -> bool:
    if is_action:
        return len(path) == 3 and path[:2] == ("runs", "steps")
    return len(path) == 4 and path[0] == "jobs" and path[2] == "steps"


def _key_span(root: Any, path: tuple) -> Span:
    """Where a mapping is introduced: its key (a job's id, ``strategy:``), or for the
    top level of the file its first key."""
    if not path:
        return root.key_span(next(iter(root))) if isinstance(root, YMap) and root else Span.point(1)
    parent = _node_at(root, path[:-1])
    if isinstance(parent, YMap):
        return parent.key_span(path[-1])
    if isinstance(parent, YSeq):
        item = parent[path[-1]]
        if isinstance(item, YMap) and item:
            return item.key_span(next(iter(item)))
        return parent.item_span(path[-1])
    return span_at(root, path)


def _node_at(root: Any, path: tuple) -> Any:
    node = root
    for step in path:
        node = node[step]
    return node


def _where(path: tuple, is_action: bool) -> str:
    """A path as a reader finds it: ``jobs.build.steps[2]``; the top level is "the
    workflow" (or "action.yml")."""
    if not path:
        return "action.yml" if is_action else "the workflow"
    text = str(path[0])
    for step in path[1:]:
        text += f"[{step}]" if isinstance(step, int) else f".{step}"
    return f"`{text}`"
