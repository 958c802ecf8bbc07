"""Workflows and jobs running with the default (possibly write-all) token permissions, or
granting every scope at once."""

from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap

#: Shorthands that grant every scope.
BLANKET = {"write-all": "write", "read-all": "read"}
#: zizmor's audit covers every finding; Checkov's CKV2_GHA_1 only a top-level `write-all`.
_ZIZMOR = ("zizmor:excessive-permissions",)
_TOP_LEVEL_WRITE_ALL = (*_ZIZMOR, "CKV2_GHA_1")


@rule(
    id="GH004",
    name="least-privilege-permissions",
    severity="warning",
    summary="No `permissions:` (default token scopes), `write-all`/`read-all`, or write scopes granted to every job",
    rationale=(
        "Without a `permissions:` block the job's GITHUB_TOKEN gets the repository's "
        "default scopes, which for older repositories and organisations is read/write on "
        "everything: one compromised step can push code, create releases or approve pull "
        "requests. Declare what the workflow needs (`permissions: {}` or `contents: read` "
        "at the top, more on the one job that needs it). A workflow that can only be called "
        "by other workflows is not reported: its token is the caller's, and can only be "
        "narrowed there."
    ),
    tags=("security",),
    aliases=_TOP_LEVEL_WRITE_ALL,
    examples=(
        Example(
            bad="on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make test\n",
            good="on: push\npermissions:\n  contents: read\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make test\n",
            filename=".github/workflows/test.yml",
        ),
    ),
)
def check(workflow, ctx):
    if workflow.is_action or list(workflow.triggers) == ["workflow_call"]:
        return
    root = workflow.root
    jobs = workflow.jobs
    # The top-level block only reaches the jobs that do not set their own.
    reached = [job for job in jobs if "permissions" not in job.node]
    if "permissions" in root and reached:
        granted = root.get("permissions")
        if _blanket(granted):
            yield Problem(root.value_span("permissions"), f"workflow grants `{granted.strip()}` ({BLANKET[granted.strip()]} access to every scope) to {_jobs(reached)}; list the scopes each job needs",
                          exact_aliases=_TOP_LEVEL_WRITE_ALL if granted.strip() == "write-all" else _ZIZMOR)
        elif isinstance(granted, YMap) and len(reached) > 1:
            for scope, level in granted.items():
                if level == "write":
                    yield Problem(granted.key_span(scope), f"`{scope}: write` is granted to {_jobs(reached)}; grant it on the job that needs it", exact_aliases=_ZIZMOR)
    elif "permissions" not in root:
        if len(jobs) > 1 and reached:
            first = next(iter(root))
            yield Problem(root.key_span(first), "workflow has no `permissions:`; every job without its own gets the default token scopes", exact_aliases=_ZIZMOR)
    for job in jobs:
        if "permissions" in job.node:
            granted = job.node.get("permissions")
            if _blanket(granted):
                yield Problem(job.node.value_span("permissions"), f"job {job.id!r} grants `{granted.strip()}` ({BLANKET[granted.strip()]} access to every scope); list the scopes it needs", exact_aliases=_ZIZMOR)
        elif "permissions" not in root:
            yield Problem(job.id_span(), f"job {job.id!r} runs with the default token permissions (no `permissions:` here or at the top)", exact_aliases=_ZIZMOR)


def _jobs(jobs) -> str:
    return f"job {jobs[0].id!r}" if len(jobs) == 1 else f"{len(jobs)} jobs"


def _blanket(value) -> bool:
    return isinstance(value, str) and value.strip() in BLANKET
