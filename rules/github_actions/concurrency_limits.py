"""Workflows whose runs pile up: no ``concurrency:`` group, or one that never cancels."""

from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap


@rule(
    id="GH037",
    name="concurrency-limits",
    severity="style",
    summary="No `concurrency:` on the workflow or a job, or a bare group without `cancel-in-progress` (pedantic)",
    rationale=(
        "Without a concurrency group every push starts another full run beside the ones "
        "still running for older commits: runner minutes are spent on results nobody "
        "reads, and deployments of an old and a new commit can race. Set `concurrency:` "
        "with a group per branch and `cancel-in-progress: true` (or `false`, said "
        "explicitly, when runs must finish)."
    ),
    tags=("performance",),
    aliases=("zizmor:concurrency-limits",),
    enabled=False,
    examples=(
        Example(
            bad="on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make test\n",
            good=(
                "on: push\npermissions: {}\nconcurrency:\n  group: ${{ github.workflow }}-${{ github.ref }}\n  cancel-in-progress: true\n"
                "jobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make test\n"
            ),
            filename=".github/workflows/test.yml",
        ),
    ),
)
def check(workflow, ctx):
    if workflow.is_action or not workflow.root or list(workflow.triggers) == ["workflow_call"]:
        return  # a reusable workflow runs inside its caller's concurrency group
    root = workflow.root
    if "concurrency" in root:
        if not isinstance(root.get("concurrency"), YMap):
            yield Problem(root.value_span("concurrency"), "workflow concurrency group without `cancel-in-progress`; use the mapping form and say whether runs are cancelled")
        return
    jobs = [job for job in workflow.jobs if not job.is_reusable_call]
    bare = [job for job in jobs if "concurrency" in job.node and not isinstance(job.node.get("concurrency"), YMap)]
    for job in bare:
        yield Problem(job.node.value_span("concurrency"), f"job {job.id!r} concurrency group without `cancel-in-progress`; use the mapping form")
    if jobs and not any("concurrency" in job.node for job in jobs):
        key = workflow.on_key if workflow.on_key is not None else next(iter(root))
        yield Problem(root.key_span(key), "no `concurrency:` on the workflow or its jobs: runs for older commits keep going beside new ones")
