"""Workflows and actions without a ``name:``."""

from lintkit.model import Example, Problem, rule


@rule(
    id="GH036",
    name="anonymous-definition",
    severity="style",
    summary="Workflow or action without a `name:` (pedantic)",
    rationale=(
        "Without `name:` the Actions tab, the checks of a pull request and branch "
        "protection settings show the file path instead, which says little about what runs "
        "and changes when the file is moved. Give the workflow a short name."
    ),
    tags=("style",),
    aliases=("zizmor:anonymous-definition",),
    enabled=False,
    examples=(
        Example(
            bad="on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make test\n",
            good="name: Tests\non: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make test\n",
            filename=".github/workflows/test.yml",
        ),
    ),
)
def check(workflow, ctx):
    root = workflow.root
    name = root.get("name")
    if isinstance(name, str) and name.strip() or not root:
        return
    what = "action" if workflow.is_action else "workflow"
    key = "name" if "name" in root else next(iter(root))
    yield Problem(root.key_span(key), f"this {what} has no name; add `name:`")
