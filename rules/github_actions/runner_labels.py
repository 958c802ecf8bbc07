"""``runs-on`` labels written like a GitHub-hosted runner image that GitHub does not have."""

from __future__ import annotations

import re

from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap, YSeq

#: GitHub-hosted runner labels (standard and larger runners with GitHub's own names).
HOSTED = frozenset((
    "ubuntu-latest", "ubuntu-slim", "ubuntu-26.04", "ubuntu-24.04", "ubuntu-22.04",
    "ubuntu-26.04-arm", "ubuntu-24.04-arm", "ubuntu-22.04-arm",
    "windows-latest", "windows-2025", "windows-2022", "windows-11-arm",
    "macos-latest", "macos-26", "macos-15", "macos-14",
    "macos-latest-large", "macos-26-large", "macos-15-large", "macos-14-large",
    "macos-latest-xlarge", "macos-26-xlarge", "macos-15-xlarge", "macos-14-xlarge",
    "macos-26-intel", "macos-15-intel",
))  # fmt: skip
#: Images GitHub has retired: jobs asking for them wait for a runner that never comes.
RETIRED = frozenset((
    "ubuntu-16.04", "ubuntu-18.04", "ubuntu-20.04", "windows-2016", "windows-2019",
    "macos-10.15", "macos-11", "macos-12", "macos-13", "macos-12-large", "macos-13-large",
    "macos-12-xl", "macos-12-xlarge", "macos-13-xl", "macos-13-xlarge", "macos-latest-xl",
))  # fmt: skip
#: The shape of GitHub-hosted labels; other labels are self-hosted or larger-runner names.
HOSTED_SHAPE = re.compile(r"(?:ubuntu|windows|macos)-(?:latest|slim|\d+(?:\.\d+)?)(?:-(?:arm|large|xlarge|xl|intel))?", re.IGNORECASE)


@rule(
    id="GH023",
    name="runner-label-valid",
    severity="info",
    summary="`runs-on` names a GitHub-hosted runner image that does not exist or was retired",
    rationale=(
        "A job whose `runs-on` matches no runner waits in the queue until it is cancelled "
        "(after 24 hours). Labels shaped like GitHub's images (`ubuntu-20.04`, `macos-12`) "
        "that GitHub has retired, or never offered, are caught here; labels of self-hosted "
        "and larger runners are left alone."
    ),
    tags=("reliability",),
    aliases=("actionlint:runner-label",),
    examples=(
        Example(
            bad="on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-20.04\n    steps:\n      - run: make test\n",
            good="on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make test\n",
            filename=".github/workflows/test.yml",
        ),
    ),
)
def check(workflow, ctx):
    for job in workflow.jobs:
        if "runs-on" not in job.node:
            continue
        holder, key = job.node, "runs-on"
        labels = job.node["runs-on"]
        if isinstance(labels, YMap):
            if "labels" not in labels:
                continue
            holder, key, labels = labels, "labels", labels["labels"]
        if isinstance(labels, str):
            written = [(labels, holder.value_span(key))]
        elif isinstance(labels, YSeq):
            written = [(label, labels.item_span(i)) for i, label in enumerate(labels) if isinstance(label, str)]
            if any(label.strip().lower() == "self-hosted" for label, _ in written):
                continue
        else:
            continue
        written += _matrix_labels(job.node, labels)
        for label, span in written:
            problem = _label_problem(label.strip())
            if problem is not None:
                yield Problem(span, f"job {job.id!r}: {problem}")


def _label_problem(label: str) -> str | None:
    lowered = label.lower()
    if "${{" in label or lowered in HOSTED or not HOSTED_SHAPE.fullmatch(label):
        return None
    if lowered in RETIRED:
        return f"GitHub has retired the {label!r} runner image; jobs asking for it are never picked up"
    return f"{label!r} is not a GitHub-hosted runner label"


def _matrix_labels(job: YMap, runs_on) -> list:
    """(label, span) of the literal values ``runs-on: ${{ matrix.<axis> }}`` takes."""
    if not isinstance(runs_on, str):
        return []
    text = runs_on.strip()
    if not (text.startswith("${{") and text.endswith("}}")):
        return []
    parts = text[3:-2].strip().split(".")
    if len(parts) != 2 or parts[0] != "matrix":
        return []
    strategy = job.get("strategy")
    matrix = strategy.get("matrix") if isinstance(strategy, YMap) else None
    if not isinstance(matrix, YMap):
        return []
    found = []
    values = matrix.get(parts[1])
    if isinstance(values, YSeq):
        found += [(v, values.item_span(i)) for i, v in enumerate(values) if isinstance(v, str)]
    include = matrix.get("include")
    if isinstance(include, YSeq):
        found += [(e[parts[1]], e.value_span(parts[1])) for e in include if isinstance(e, YMap) and isinstance(e.get(parts[1]), str)]
    return found
