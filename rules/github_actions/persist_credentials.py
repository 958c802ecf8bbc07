"""actions/checkout leaving the token in ``.git/config``."""

from lintkit.model import Example, Fix, Problem, rule
from lintkit.yamledit import set_nested
from lintkit.yamlmodel import YMap


@rule(
    id="GH003",
    name="no-persisted-checkout-credentials",
    severity="warning",
    summary="actions/checkout leaves `persist-credentials` at its default (true)",
    rationale=(
        "By default actions/checkout writes the job's token into `.git/config`, where every "
        "later step (and any artifact that uploads the workspace) can read it. Steps that "
        "push can be given the token explicitly; all others should not have it. An explicit "
        "`persist-credentials: true` is taken as that decision and not reported."
    ),
    tags=("security",),
    aliases=("zizmor:artipacked",),
    fix="unsafe",
    examples=(
        Example(
            bad="on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/checkout@v4\n",
            good=(
                "on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - uses: actions/checkout@v4\n        with:\n          persist-credentials: false\n"
            ),
            filename=".github/workflows/test.yml",
        ),
    ),
)
def check(workflow, ctx):
    for step in workflow.steps:
        uses = step.uses or ""
        if not uses.lower().startswith("actions/checkout@") and uses.lower() != "actions/checkout":
            continue
        with_ = step.node.get("with")
        if isinstance(with_, YMap) and "persist-credentials" in with_:
            continue  # set either way on purpose (`true` for a step that pushes)
        edits = set_nested(workflow.source, step.node, ("with", "persist-credentials"), "false")
        fix = Fix("set persist-credentials: false", edits) if edits else None
        yield Problem(step.node.value_span("uses"), "actions/checkout keeps the token in .git/config; set `persist-credentials: false`", fix)
