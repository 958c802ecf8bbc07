"""Workflows and jobs running with the default (possibly write-all) token permissions."""

from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap


@rule(
    id="GH004",
    name="least-privilege-permissions",
    severity="warning",
    summary="No `permissions:` (default token scopes) or `write-all`",
    rationale=(
        "Without a `permissions:` block the job's GITHUB_TOKEN gets the repository's "
        "default scopes, which for older repositories and organisations is read/write on "
        "everything: one compromised step can push code, create releases or approve pull "
        "requests. Declare what the workflow needs (`permissions: {}` or `contents: read` "
        "at the top, more on the one job that needs it)."
    ),
    tags=("security",),
    aliases=("zizmor:excessive-permissions", "CKV2_GHA_1"),
    examples=(
        Example(
            bad="on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make test\n",
            good="on: push\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make test\n",
            filename=".github/workflows/test.yml",
        ),
    ),
)
def check(workflow, ctx):
    if workflow.is_action:
        return
    root = workflow.root
    jobs = workflow.jobs
    if "permissions" in root:
        granted = root.get("permissions")
        if _write_all(granted):
            yield Problem(root.value_span("permissions"), "workflow grants `write-all` to every job; list the scopes each job needs")
        elif isinstance(granted, YMap) and len(jobs) > 1:
            for scope, level in granted.items():
                if level == "write":
                    yield Problem(granted.key_span(scope), f"`{scope}: write` is granted to all {len(jobs)} jobs; grant it on the job that needs it")
    else:
        unscoped = [job for job in jobs if "permissions" not in job.node]
        if len(jobs) > 1 and unscoped:
            first = next(iter(root))
            yield Problem(root.key_span(first), "workflow has no `permissions:`; every job without its own gets the default token scopes")
    for job in jobs:
        if "permissions" in job.node:
            if _write_all(job.node.get("permissions")):
                yield Problem(job.node.value_span("permissions"), f"job {job.id!r} grants `write-all`; list the scopes it needs")
        elif "permissions" not in root:
            yield Problem(job.id_span(), f"job {job.id!r} runs with the default token permissions (no `permissions:` here or at the top)")


def _write_all(value) -> bool:
    return isinstance(value, str) and value.strip() == "write-all"
