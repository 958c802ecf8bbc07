"""Job and step ids GitHub rejects: bad characters, and step ids used twice in a job."""

import re

from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap

#: GitHub's rule for job and step ids.
ID_PATTERN = re.compile(r"[A-Za-z_][A-Za-z0-9_-]*")
MAX_LENGTH = 100


@rule(
    id="GH024",
    name="ids-valid",
    severity="error",
    summary="Job or step id with characters GitHub rejects, or a step id used twice in a job",
    rationale=(
        "Job and step ids must start with a letter or `_` and contain only letters, digits, `-` "
        "and `_` (they are used as `needs.<id>` and `steps.<id>`); GitHub rejects the workflow "
        "otherwise. Step ids are case-insensitive and must be unique within a job, or "
        "`steps.<id>` could not tell the steps apart."
    ),
    tags=("reliability",),
    aliases=("actionlint:id",),
    examples=(
        Example(
            bad=(
                "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - id: version\n        run: echo \"v=1\" >> \"$GITHUB_OUTPUT\"\n"
                "      - id: Version\n        run: echo \"v=2\" >> \"$GITHUB_OUTPUT\"\n"
            ),
            good=(
                "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - id: version\n        run: echo \"v=1\" >> \"$GITHUB_OUTPUT\"\n"
                "      - id: version-next\n        run: echo \"v=2\" >> \"$GITHUB_OUTPUT\"\n"
            ),
            filename=".github/workflows/build.yml",
        ),
    ),
)
def check(workflow, ctx):
    jobs = workflow.root.get("jobs")
    if not workflow.is_action and isinstance(jobs, YMap):
        seen_jobs: dict[str, str] = {}
        for name in jobs:
            if not isinstance(name, str):
                continue
            problem = _id_problem(name)
            if problem is not None:
                yield Problem(jobs.key_span(name), f"job id {name!r} {problem}")
            elif name.lower() in seen_jobs:
                yield Problem(jobs.key_span(name), f"job id {name!r} differs from {seen_jobs[name.lower()]!r} only by case; job ids are case-insensitive")
            seen_jobs.setdefault(name.lower(), name)
    seen_steps: dict[tuple[int, str], int] = {}
    for step in workflow.steps:
        identifier = step.node.get("id")
        if not isinstance(identifier, str) or "${{" in identifier:
            continue
        span = step.node.value_span("id")
        problem = _id_problem(identifier)
        if problem is not None:
            yield Problem(span, f"step id {identifier!r} {problem}")
            continue
        key = (id(step.job.node), identifier.lower())
        if key in seen_steps:
            yield Problem(span, f"step id {identifier!r} is already used on line {seen_steps[key]} of this job (step ids are case-insensitive)")
        else:
            seen_steps[key] = span.line


def _id_problem(identifier: str) -> str | None:
    if not ID_PATTERN.fullmatch(identifier):
        return "must start with a letter or `_` and contain only letters, digits, `-` and `_`"
    if len(identifier) >= MAX_LENGTH:
        return f"is {len(identifier)} characters long; GitHub allows fewer than {MAX_LENGTH}"
    return None
