"""Third-party actions for what the runner's own tools already do."""

from lintkit.model import Example, Problem, rule

from .actions import action_of

#: Action -> the preinstalled tool that does its job.
SUPERFLUOUS = {
    "softprops/action-gh-release": "`gh release create` / `gh release upload`",
    "ncipollo/release-action": "`gh release create`",
    "svenstaro/upload-release-action": "`gh release upload`",
    "elgohr/github-release-action": "`gh release create`",
    "actions/create-release": "`gh release create` (the action is archived)",
    "actions/upload-release-asset": "`gh release upload` (the action is archived)",
    "dacbd/create-issue-action": "`gh issue create`",
    "actions-ecosystem/action-add-labels": "`gh issue edit --add-label` / `gh pr edit --add-label`",
    "actions-ecosystem/action-remove-labels": "`gh issue edit --remove-label` / `gh pr edit --remove-label`",
    "addnab/docker-run-action": "`docker run`, or a job `container:`",
    "sergeysova/jq-action": "`jq`",
}


@rule(
    id="GH042",
    name="superfluous-actions",
    severity="info",
    summary="Third-party action doing what a preinstalled tool (`gh`, `jq`, `docker`) does",
    rationale=(
        "Each third-party action is more code from another owner running with the job's "
        "token and secrets, and one more dependency to pin and update. GitHub's runners "
        "ship `gh`, `jq` and `docker`: a release, a label or an issue is one command in a "
        "`run:` step. Off by default: a matter of preference."
    ),
    tags=("security", "maintainability"),
    aliases=("zizmor:superfluous-actions",),
    enabled=False,
    examples=(
        Example(
            bad="on: push\npermissions: {}\njobs:\n  release:\n    runs-on: ubuntu-24.04\n    permissions:\n      contents: write\n    steps:\n      - uses: softprops/action-gh-release@v2\n",
            good=(
                "on: push\npermissions: {}\njobs:\n  release:\n    runs-on: ubuntu-24.04\n    permissions:\n      contents: write\n    steps:\n"
                "      - run: gh release create \"$GITHUB_REF_NAME\" dist/*\n        env:\n          GH_TOKEN: ${{ github.token }}\n"
            ),
            filename=".github/workflows/release.yml",
        ),
    ),
)
def check(workflow, ctx):
    for step in workflow.steps:
        action = action_of(step)
        if action in SUPERFLUOUS:
            yield Problem(step.node.value_span("uses"), f"{action} does what {SUPERFLUOUS[action]} does on the runner already; use it in a `run:` step")
