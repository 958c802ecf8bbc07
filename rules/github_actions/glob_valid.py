"""Branch, tag and path filters of triggers that are not valid glob patterns."""

from __future__ import annotations

from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap, YSeq

#: Events whose configuration takes filters, and the filters.
FILTERS = ("branches", "branches-ignore", "tags", "tags-ignore", "paths", "paths-ignore")
REF_FILTERS = frozenset(("branches", "branches-ignore", "tags", "tags-ignore"))
#: Characters git refuses in a ref name (a branch or tag filter can never match them).
_REF_FORBIDDEN = {" ": "a space", "~": "`~`", "^": "`^`", ":": "`:`", "\\": "`\\`"}


@rule(
    id="GH041",
    name="glob-valid",
    severity="error",
    summary="Trigger filter (`branches`, `tags`, `paths` and their `-ignore`) that is not a valid pattern or can never match",
    rationale=(
        "GitHub reads these filters as glob patterns: an unclosed `[`, an empty pattern, or "
        "a branch/tag pattern with a character git forbids in ref names (a space, `~`, `^`, "
        "`:`, `\\`) is rejected or silently never matches, so the workflow does not run "
        "when it should."
    ),
    tags=("reliability",),
    aliases=("actionlint:glob",),
    examples=(
        Example(
            bad="on:\n  push:\n    branches: ['release/[0-9*']\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make\n",
            good="on:\n  push:\n    branches: ['release/[0-9]*']\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make\n",
            filename=".github/workflows/build.yml",
        ),
    ),
)
def check(workflow, ctx):
    if workflow.is_action:
        return
    for config in workflow.triggers.values():
        if not isinstance(config, YMap):
            continue
        for key in FILTERS:
            patterns = config.get(key)
            if isinstance(patterns, str):
                holder, items = config, [(key, patterns)]
            elif isinstance(patterns, YSeq):
                holder, items = patterns, [(i, p) for i, p in enumerate(patterns) if isinstance(p, str)]
            else:
                continue
            for index, pattern in items:
                problem = _problem(pattern, key in REF_FILTERS)
                if problem is not None:
                    span = holder.value_span(index) if isinstance(holder, YMap) else holder.item_span(index)
                    yield Problem(span, f"`{key}` pattern {pattern!r} {problem}")


def _problem(pattern: str, ref: bool) -> str | None:
    body = pattern[1:] if pattern.startswith("!") else pattern
    if not body:
        return "is empty"
    if "${{" in body:
        return "holds an expression, which filters do not evaluate"
    if ref:
        for char, name in _REF_FORBIDDEN.items():
            if char in body:
                return f"contains {name}, which no branch or tag name can"
    index = 0
    while index < len(body):
        char = body[index]
        if char == "\\" and not ref:
            index += 2
            continue
        if char == "[":
            # `[]...]` holds a `]`: the class closes at the next one.
            close = body.find("]", index + 2 if body[index + 1 : index + 2] == "]" else index + 1)
            if close == -1:
                return "opens `[` without closing it"
            index = close
        index += 1
    return None
