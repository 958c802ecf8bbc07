"""Third-party actions referenced by a tag or branch instead of a full commit SHA."""

import re

from lintkit.model import Example, Problem, rule

from .actions import uses_holders

_FULL_SHA = re.compile(r"[0-9a-f]{40}")
#: GitHub user and organisation names.
_OWNER = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?")
#: Owners whose actions GitHub itself publishes; pinning them is a policy choice (option).
GITHUB_OWNERS = ("actions", "github")


@rule(
    id="GH001",
    name="pin-actions-sha",
    severity="warning",
    summary="Third-party action or reusable workflow not pinned to a full commit SHA",
    rationale=(
        "Tags and branches of an action's repository can be moved by whoever controls it; a "
        "compromised or hijacked action then runs in every workflow that references the tag, "
        "with the workflow's token and secrets (tj-actions/changed-files, 2025). A full "
        "40-character commit SHA cannot be moved."
    ),
    tags=("security",),
    aliases=("zizmor:unpinned-uses", "CKV_GHA_8"),
    options={
        "type": "object",
        "properties": {
            "allow-github-owned": {
                "type": "boolean",
                "default": True,
                "description": "Accept tags for actions published by GitHub (actions/*, github/*)",
            }
        },
    },
    examples=(
        Example(
            bad="on: push\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: docker/login-action@v3\n",
            good="on: push\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: docker/login-action@74a5d142397b4f367a81961eba4e8cd7edddf772 # v3.4.0\n",
            filename=".github/workflows/build.yml",
        ),
    ),
)
def check(workflow, ctx):
    # Steps' actions, and reusable workflows called by jobs.
    for holder in uses_holders(workflow):
        uses = holder.get("uses")
        if not isinstance(uses, str) or uses.startswith(("./", "docker://")):
            continue
        action, _, ref = uses.partition("@")
        owner = action.split("/", 1)[0]
        if not _OWNER.fullmatch(owner) or "/" not in action:
            continue  # not an `owner/repo` reference at all: nothing to pin
        if ctx.options["allow-github-owned"] and owner.lower() in GITHUB_OWNERS:
            continue
        if _FULL_SHA.fullmatch(ref):
            continue
        detail = f"@{ref}" if ref else "without any ref"
        yield Problem(holder.value_span("uses"), f"{action} is used {detail}; pin it to a full commit SHA")
