"""``matrix.<axis>`` references to axes the job's matrix does not define, and ``exclude:``
entries naming keys that are not axes."""

from __future__ import annotations

from lintkit.expressions import Name, Property, walk_nodes
from lintkit.model import Example, Problem, rule
from lintkit.parsers.github_actions import text_offsets
from lintkit.yamlmodel import YMap, YSeq


@rule(
    id="GH022",
    name="matrix-valid",
    severity="error",
    summary="`matrix.<axis>` that the job's matrix does not define, or an `exclude:` key that is not an axis",
    rationale=(
        "A reference to a matrix axis that does not exist (a typo, an axis renamed, a job "
        "without a matrix) is empty at run time: the job runs on the wrong runner or with an "
        "empty version, without an error. GitHub rejects an `exclude:` entry whose key is "
        "not one of the matrix's axes."
    ),
    tags=("reliability",),
    aliases=("actionlint:matrix", "actionlint:expression"),
    examples=(
        Example(
            bad=(
                "on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    strategy:\n"
                "      matrix:\n        python: ['3.12', '3.13']\n    steps:\n"
                "      - uses: actions/setup-python@v5\n        with:\n          python-version: ${{ matrix.pyhton }}\n"
            ),
            good=(
                "on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    strategy:\n"
                "      matrix:\n        python: ['3.12', '3.13']\n    steps:\n"
                "      - uses: actions/setup-python@v5\n        with:\n          python-version: ${{ matrix.python }}\n"
            ),
            filename=".github/workflows/test.yml",
        ),
    ),
)
def check(workflow, ctx):
    if workflow.is_action:
        return
    axes_by_job = {}
    for job in workflow.jobs:
        axes, has_matrix = _axes(job.node)
        axes_by_job[id(job.node)] = (axes, has_matrix)
        if has_matrix and axes is not None:
            yield from _exclude_problems(job)
    for site in workflow.expression_sites:
        if site.job is None:
            continue
        axes, has_matrix = axes_by_job[id(site.job.node)]
        if axes is None:
            continue
        for tree, _error in site.parsed:
            if tree is None:
                continue
            for node in walk_nodes(tree):
                if not (isinstance(node, Property) and isinstance(node.receiver, Name) and node.receiver.name.lower() == "matrix"):
                    continue
                if node.name in axes:
                    continue
                if not has_matrix:
                    message = f"`matrix.{node.name}`: job {site.job.id!r} has no matrix, so it is always empty"
                else:
                    known = ", ".join(sorted(axes)) or "none"
                    message = f"`matrix.{node.name}`: the matrix of job {site.job.id!r} has no axis {node.name!r} (axes: {known})"
                offsets = text_offsets(workflow, site.holder, site.index)
                yield Problem(offsets.span(node.name_start, node.end), message)


def _axes(job: YMap) -> tuple[set[str] | None, bool]:
    """(axis names, whether the job has a matrix); None when the axes are computed."""
    strategy = job.get("strategy")
    if strategy is None:
        return set(), False
    if not isinstance(strategy, YMap):
        return None, True
    matrix = strategy.get("matrix")
    if matrix is None:
        return set(), False
    if not isinstance(matrix, YMap):
        return None, True
    axes = {key for key in matrix if isinstance(key, str) and key not in ("include", "exclude")}
    include = matrix.get("include")
    if include is not None:
        if not isinstance(include, YSeq):
            return None, True
        for entry in include:
            if not isinstance(entry, YMap):
                return None, True
            axes.update(key for key in entry if isinstance(key, str))
    return axes, True


def _exclude_problems(job):
    matrix = job.node["strategy"]["matrix"]
    exclude = matrix.get("exclude")
    if not isinstance(exclude, YSeq):
        return
    axes = {key for key in matrix if isinstance(key, str) and key not in ("include", "exclude")}
    for entry in exclude:
        if not isinstance(entry, YMap):
            continue
        for key in entry:
            if isinstance(key, str) and key not in axes:
                known = ", ".join(sorted(axes)) or "none"
                yield Problem(entry.key_span(key), f"job {job.id!r}: `exclude:` key {key!r} is not an axis of the matrix (axes: {known})")
