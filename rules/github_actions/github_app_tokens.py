"""GitHub App installation tokens minted wider or longer-lived than needed."""

from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap

from .actions import inputs_of, is_true, uses_action


@rule(
    id="GH029",
    name="github-app-tokens",
    severity="warning",
    summary="actions/create-github-app-token without `permission-*` inputs, with `owner` but no `repositories`, or with `skip-token-revoke`",
    rationale=(
        "An app token minted by actions/create-github-app-token has, unless narrowed, every "
        "permission the app's installation has; with `owner:` and no `repositories:` it "
        "reaches every repository of that installation; with `skip-token-revoke: true` it "
        "stays valid for an hour after the job. A step that leaks it (a compromised action, "
        "a log) then gives far more than the job used. Name the `permission-<scope>` inputs "
        "the job needs and the `repositories` it works on, and let the token be revoked."
    ),
    tags=("security",),
    aliases=("zizmor:github-app",),
    examples=(
        Example(
            bad=(
                "on: push\npermissions: {}\njobs:\n  sync:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - uses: actions/create-github-app-token@v2\n        id: app\n        with:\n"
                "          app-id: ${{ vars.APP_ID }}\n          private-key: ${{ secrets.APP_KEY }}\n"
            ),
            good=(
                "on: push\npermissions: {}\njobs:\n  sync:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - uses: actions/create-github-app-token@v2\n        id: app\n        with:\n"
                "          app-id: ${{ vars.APP_ID }}\n          private-key: ${{ secrets.APP_KEY }}\n"
                "          permission-contents: write\n"
            ),
            filename=".github/workflows/sync.yml",
        ),
    ),
)
def check(workflow, ctx):
    for step in workflow.steps:
        if not uses_action(step, "actions/create-github-app-token"):
            continue
        if "with" in step.node and not isinstance(step.node.get("with"), YMap):
            continue  # `with: ${{ ... }}`: nothing to read
        inputs = inputs_of(step)
        if not any(isinstance(key, str) and key.startswith("permission-") for key in inputs):
            yield Problem(step.node.value_span("uses"), "the app token gets every permission of the app's installation; add the `permission-<scope>` inputs the job needs")
        if "owner" in inputs and "repositories" not in inputs:
            yield Problem(inputs.key_span("owner"), "with `owner:` and no `repositories:` the app token reaches every repository of the installation; list the repositories")
        if "skip-token-revoke" in inputs:
            value = inputs["skip-token-revoke"]
            if is_true(value) or (isinstance(value, str) and "${{" in value):
                yield Problem(inputs.value_span("skip-token-revoke"), "`skip-token-revoke` keeps the app token valid after the job; let the action revoke it")
