"""Self-hosted runners in workflows that anyone can trigger."""

from lintkit.expressions import find_expressions
from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap, YSeq

#: Events that people outside the repository can cause in a public repository.
PUBLIC_TRIGGERS = (
    "pull_request", "pull_request_target", "pull_request_review", "pull_request_review_comment",
    "issue_comment", "issues", "discussion", "discussion_comment", "workflow_run", "fork", "watch",
)  # fmt: skip
LABEL = "self-hosted"


@rule(
    id="GH014",
    name="self-hosted-runners",
    severity="warning",
    summary="Job runs on a self-hosted runner in a workflow that outsiders can trigger (pull requests, comments...)",
    rationale=(
        "A self-hosted runner is a machine you own that usually keeps its state between jobs. "
        "When a pull request from a fork (or an issue comment) can start the job, whoever opens "
        "it runs code on that machine, can leave a backdoor for the next job, and reaches "
        "whatever the machine's network reaches. Use GitHub-hosted runners for such triggers, or "
        "ephemeral, isolated self-hosted runners with approval required for outside contributors."
    ),
    tags=("security",),
    aliases=("zizmor:self-hosted-runner",),
    examples=(
        Example(
            bad="on: pull_request\npermissions: {}\njobs:\n  test:\n    runs-on: [self-hosted, linux]\n    steps:\n      - run: make test\n",
            good="on: pull_request\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make test\n",
            filename=".github/workflows/test.yml",
        ),
    ),
)
def check(workflow, ctx):
    if workflow.is_action:
        return
    public = [t for t in workflow.triggers if t in PUBLIC_TRIGGERS]
    if not public:
        return
    why = f"`{public[0]}` lets outsiders run code on it"
    for job in workflow.jobs:
        if "runs-on" not in job.node:
            continue
        runs_on = job.node["runs-on"]
        if isinstance(runs_on, YMap):
            runs_on = runs_on.get("labels")
        label_span = _self_hosted_label(job.node, runs_on)
        if label_span is not None:
            yield Problem(label_span, f"job {job.id!r} runs on a self-hosted runner and {why}")
            continue
        matrix_line = _matrix_self_hosted(job.node, runs_on)
        if matrix_line is not None:
            yield Problem(
                job.node.value_span("runs-on"),
                f"job {job.id!r} runs on a self-hosted runner for the matrix entry on line {matrix_line}, and {why}",
            )


def _self_hosted_label(job: YMap, labels):
    """Where the ``self-hosted`` label is written, if the job asks for one."""
    if isinstance(labels, YSeq):
        for index, label in enumerate(labels):
            if isinstance(label, str) and label.strip().lower() == LABEL:
                return labels.item_span(index)
        return None
    return job.value_span("runs-on") if _is_self_hosted(labels) and isinstance(job["runs-on"], str) else None


def _is_self_hosted(labels) -> bool:
    if isinstance(labels, str):
        return labels.strip().lower() == LABEL
    if isinstance(labels, YSeq):
        return any(isinstance(label, str) and label.strip().lower() == LABEL for label in labels)
    return False


def _matrix_self_hosted(job: YMap, runs_on) -> int | None:
    """Line of a matrix value that ``runs-on: ${{ matrix.x }}`` expands to a self-hosted
    runner, if any."""
    if not isinstance(runs_on, str):
        return None
    expressions = find_expressions(runs_on)
    if len(expressions) != 1:
        return None
    parts = expressions[0].inner.strip().split(".")
    if len(parts) != 2 or parts[0] != "matrix":
        return None
    strategy = job.get("strategy")
    matrix = strategy.get("matrix") if isinstance(strategy, YMap) else None
    if not isinstance(matrix, YMap):
        return None
    axis = parts[1]
    candidates = []
    if isinstance(matrix.get(axis), YSeq):
        candidates += [(matrix[axis], i) for i in range(len(matrix[axis]))]
    include = matrix.get("include")
    if isinstance(include, YSeq):
        candidates += [(entry, axis) for entry in include if isinstance(entry, YMap) and axis in entry]
    for holder, index in candidates:
        if _is_self_hosted(holder[index]):
            return holder.item_span(index).line if isinstance(holder, YSeq) else holder.value_span(index).line
    return None
