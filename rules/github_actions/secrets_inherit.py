"""Reusable workflows called with ``secrets: inherit``."""

from lintkit.model import Example, Problem, rule


@rule(
    id="GH006",
    name="secrets-inherit",
    severity="warning",
    summary="Reusable workflow called with `secrets: inherit`",
    rationale=(
        "`secrets: inherit` passes every secret of the caller to the called workflow, "
        "whatever it needs; a change in that workflow (or the ref it is called at) can "
        "read all of them. Pass the secrets it uses by name."
    ),
    tags=("security",),
    aliases=("zizmor:secrets-inherit",),
    examples=(
        Example(
            bad="on: push\npermissions: {}\njobs:\n  call:\n    uses: ./.github/workflows/release.yml\n    secrets: inherit\n",
            good="on: push\npermissions: {}\njobs:\n  call:\n    uses: ./.github/workflows/release.yml\n    secrets:\n      token: ${{ secrets.RELEASE_TOKEN }}\n",
            filename=".github/workflows/ci.yml",
        ),
    ),
)
def check(workflow, ctx):
    for job in workflow.jobs:
        if job.node.get("secrets") == "inherit" and isinstance(job.node.get("uses"), str):
            yield Problem(job.node.value_span("uses"), f"job {job.id!r} passes all secrets to {job.node['uses']} (`secrets: inherit`); pass the ones it needs")
