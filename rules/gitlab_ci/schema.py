"""The pipeline does not match GitLab's CI schema: unknown keywords, wrong shapes.

Validation runs on the pipeline as GitLab sees it after ``!reference`` resolution (a
reference to a job in another file is left out rather than misread as a list of two
strings). Errors are reported at the offending node, and two mistakes that a bare schema
message hides are said in a user's words: a bare string where a list is required
(``only: master``), and the keys of an empty block that slid to the job level through
bad indentation (``environment:`` followed by ``name:``/``url:`` at the job's level).
"""

from __future__ import annotations

import json
from typing import Any

from lintkit.images import written_reference_error
from lintkit.model import Example, Problem, Span, rule
from lintkit.parsers.gitlab_ci import GLOBAL_KEYWORDS, OLD_STAGE_KEY, OLD_STAGES_KEY, is_reference
from lintkit.schemastore import (
    TYPE_ORDER, TYPE_WORDS, SchemaError, compiled_schema, describe_value, follow_refs, json_type, most_specific,
    rejected_keys,
)  # fmt: skip
from lintkit.yamlmodel import YMap, YSeq, positioned_like, span_at

from .pin_images import image_entries

#: Job keywords whose nested lists GitLab flattens.
FLATTENED_KEYS = ("cache", "rules", "needs", "services", "tags", "before_script", "script", "after_script")


@rule(
    id="GL003",
    name="gitlab-schema",
    severity="error",
    summary="Pipeline keywords or values that GitLab's CI schema rejects",
    rationale=(
        "GitLab refuses to create a pipeline from a configuration that does not match its "
        "schema, and the error only shows up after a push. A keyword at the wrong "
        "indentation, a bare string where a list is expected or a misspelt key are caught "
        "here, at the line that causes them."
    ),
    tags=("reliability",),
    aliases=("gitlab:schema", "gitlab-lint:unknown-keys"),
    examples=(
        Example(
            bad="deploy:\n  script: ./deploy.sh\n  only: master\n",
            good="deploy:\n  script: ./deploy.sh\n  only:\n    - master\n",
            filename=".gitlab-ci.yml",
        ),
        Example(
            bad=(
                "review:\n  script: ./deploy.sh\n  environment:\n  name: review/$CI_COMMIT_REF_SLUG\n"
                "  url: https://$CI_ENVIRONMENT_SLUG.example.com\n"
            ),
            good=(
                "review:\n  script: ./deploy.sh\n  environment:\n    name: review/$CI_COMMIT_REF_SLUG\n"
                "    url: https://$CI_ENVIRONMENT_SLUG.example.com\n"
            ),
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipeline, ctx):
    yield from _invalid_images(pipeline)
    compiled = compiled_schema("gitlab-ci")
    instance = _as_created(pipeline)
    if compiled.is_valid(instance):
        return
    schema = compiled.schema
    slid = _slid_keys(instance, schema, schema["definitions"]["job_template"])
    reported: set[tuple] = set()
    for error in compiled.iter_errors(instance):
        for path, span, message in _explain(error, instance, schema, slid):
            # A template's mistake shows in every job extending it: report it once.
            where = (span, message.split(":", 1)[-1])
            if _through_unresolved_reference(instance, path) or where in reported:
                continue
            reported.add(where)
            yield Problem(span, message)


def _as_created(pipeline) -> YMap:
    """The top level as GitLab validates it: references resolved and every visible job
    merged with what it ``extends:`` (a job may get its ``trigger.include`` or its
    ``script`` from a template). Merged values keep the positions they were written at."""
    root = pipeline.resolved_root
    merged = positioned_like(YMap(), root)
    for key, value in root.items():
        if key == OLD_STAGES_KEY:
            continue  # deprecated, still read by GitLab: no-types-keyword reports it
        if isinstance(value, YMap) and isinstance(key, str) and key not in GLOBAL_KEYWORDS and not key.startswith("."):
            value = _flattened(pipeline.extended(key) if "extends" in value else value)
            if OLD_STAGE_KEY in value:
                value = _without(value, OLD_STAGE_KEY)
        merged[key] = value
    return merged


def _without(job: YMap, key: str) -> YMap:
    return positioned_like(YMap((k, v) for k, v in job.items() if k != key), job)


def _flattened(job: YMap) -> YMap:
    """GitLab flattens lists nested in these keywords' lists (a YAML anchor of a list
    used as an item: `cache: [*shared_caches]`)."""
    nested = [k for k in FLATTENED_KEYS if isinstance(job.get(k), YSeq) and any(isinstance(i, YSeq) for i in job[k])]
    if not nested:
        return job
    copy = positioned_like(YMap(job), job)
    for key in nested:
        flat = YSeq()
        flat.start, flat.end, flat.tag = job[key].start, job[key].end, job[key].tag
        for index, item in enumerate(job[key]):
            if isinstance(item, YSeq) and not is_reference(item):
                flat.extend(item)
                flat._pos.extend([job[key]._pos[index]] * len(item))
            else:
                flat.append(item)
                flat._pos.append(job[key]._pos[index])
        copy[key] = flat
    return copy


def _slid_keys(root: YMap, schema: dict, job_schema: dict) -> dict[tuple, str]:
    """(job, key) -> the empty sibling keyword the key belongs under, for job-level keys
    that are no job keyword but are a property of an empty sibling block."""
    job_keys = job_schema.get("properties", {})
    found: dict[tuple, str] = {}
    for name, job in root.items():
        if not isinstance(job, YMap) or name in GLOBAL_KEYWORDS or str(name).startswith("."):
            continue
        empty = [k for k, v in job.items() if v is None and k in job_keys]
        for key in job:
            if key in job_keys:
                continue
            for sibling in empty:
                if key in _object_properties(job_keys[sibling], schema):
                    found[(name, key)] = sibling
                    break
    return found


def _object_properties(node: dict, schema: dict) -> set[str]:
    node = follow_refs(node, schema)
    names = set(node.get("properties", {}))
    for combinator in ("oneOf", "anyOf", "allOf"):
        for branch in node.get(combinator, ()):
            names |= _object_properties(branch, schema)
    return names


def _explain(error: SchemaError, root: Any, schema: dict, slid: dict) -> list[tuple[tuple, Span, str]]:
    error = most_specific(error)
    path = error.path
    where = _where(path)
    if error.keyword == "additionalProperties":
        results = []
        for key in rejected_keys(error):
            key_path = path + (key,)
            span = span_at(root, key_path, key=True)
            sibling = slid.get(key_path) if len(path) == 1 else None
            if sibling is not None:
                block = root[path[0]]
                message = (
                    f"{where}: `{key}` is not a job keyword; it belongs under `{sibling}:` "
                    f"(line {block.key_span(sibling).line}), which is empty: indent it below `{sibling}:`"
                )
            else:
                message = f"{_where(key_path)}: unknown keyword `{key}`"
            results.append((key_path, span, message))
        return results
    span = span_at(root, path)
    if error.keyword in ("oneOf", "anyOf", "type"):
        types = _expected_types(error, schema)
        got = describe_value(error.instance)
        if error.keyword != "type" and json_type(error.instance) in _branch_types(error, schema):
            # The value has an accepted shape but fails inside it: explain that failure.
            inner = [e for e in error.context if e.keyword != "type" and len(e.path) == len(path)]
            if inner:
                return _explain(min(inner, key=_rank), root, schema, slid)
        if error.instance is None and len(path) == 2:
            holder = root[path[0]] if isinstance(root, YMap) else None
            slid_here = [k for (job, k), s in slid.items() if job == path[0] and s == path[1]]
            if slid_here and isinstance(holder, YMap):
                keys = ", ".join(f"`{k}`" for k in slid_here)
                return [(path, holder.key_span(path[1]),
                         f"{where} is empty, and {keys} below it sit at the job's level: "
                         f"indent them under `{path[1]}:`")]  # fmt: skip
        if error.instance is None and len(path) == 2 and _holds_job_keywords(path[0], schema):
            return []  # GitLab reads an empty job keyword as unset (`parallel: null` undoes extends:)
        message = f"{where}: expected {types}, got {got}" if types else f"{where}: {got} is not allowed here"
        return [(path, span, message + _shape_hint(error.instance, types))]
    if error.keyword == "enum":
        options = ", ".join(json.dumps(v) for v in error.keyword_value[:10])
        return [(path, span, f"{where}: {json.dumps(error.instance, default=str)} is not one of {options}")]
    return [(path, span, f"{where}: {error.message}")]


def _invalid_images(pipeline):
    """Images written out (no variables) that are no image reference: the job fails to
    pull them (``python:sha256:<hex>``, ``Python:3.12``, ``python:``)."""
    holders = [("default", pipeline.default), ("(global)", pipeline.root)]
    holders += [(job.name, job.node) for job in pipeline.jobs]
    for owner, holder in holders:
        if not isinstance(holder, YMap):
            continue
        for text, span in image_entries(holder):
            error = written_reference_error(text)
            if error is not None:
                yield Problem(span, f"{owner}: image {text!r} is not a valid image reference: {error}")


def _holds_job_keywords(top_key: Any, schema: dict) -> bool:
    """A job or ``default:``, whose empty keywords GitLab reads as unset; not a global
    section such as ``variables:``, where an empty value is an error as in a job's."""
    return top_key == "default" or top_key not in schema.get("properties", {})


def _rank(error: SchemaError) -> int:
    return {"type": 0, "required": 1, "enum": 1, "additionalProperties": 2}.get(error.keyword, 3)


def _types_of(node: Any, schema: dict, depth: int = 0) -> set[str]:
    node = follow_refs(node, schema)
    if depth > 8:
        return set()
    declared = node.get("type")
    if isinstance(declared, str):
        return {declared}
    if isinstance(declared, list):
        return set(declared)
    if "enum" in node:
        return {json_type(v) for v in node["enum"]}
    if "const" in node:
        return {json_type(node["const"])}
    found: set[str] = set()
    for combinator in ("oneOf", "anyOf", "allOf"):
        for branch in node.get(combinator, ()):
            found |= _types_of(branch, schema, depth + 1)
    return found


def _branch_types(error: SchemaError, schema: dict) -> set[str]:
    """JSON types the failing node's schema accepts."""
    if error.keyword == "type":
        value = error.keyword_value
        return set(value) if isinstance(value, list) else {value}
    types = _types_of(error.schema, schema)
    if "number" in types:
        types.add("integer")
    return types


def _expected_types(error: SchemaError, schema: dict) -> str:
    """The shapes the failing node accepts, e.g. "a list or a mapping"."""
    types = _branch_types(error, schema)
    if "number" in types:
        types.discard("integer")
    words = [TYPE_WORDS[t] for t in TYPE_ORDER if t in types]
    if not words:
        return ""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " or " + words[-1]


def _shape_hint(value: Any, expected: str) -> str:
    """A bare string where only a list is accepted (`only: master`)."""
    if isinstance(value, str) and expected.startswith("a list") and "a string" not in expected:
        return f": write it as a list, `[{value}]`"
    return ""


def _where(path: tuple) -> str:
    if not path:
        return "(top level)"
    parts = [str(path[0])]
    for step in path[1:]:
        parts.append(f"[{step}]" if isinstance(step, int) else f".{step}")
    return "`" + "".join(parts) + "`"


def _through_unresolved_reference(root: Any, path: tuple) -> bool:
    node = root
    for step in path:
        if is_reference(node):
            return True
        if isinstance(node, YMap) and step in node:
            node = node[step]
        elif isinstance(node, YSeq) and isinstance(step, int) and step < len(node):
            node = node[step]
        else:
            return False
    return is_reference(node)
