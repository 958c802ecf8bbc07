"""``contains('a b c', github.ref)``: a substring test used as a membership test."""

from lintkit.expressions import Call, Literal
from lintkit.model import Example, Problem, rule

from .expression_nodes import context_path, expression_nodes, node_span

#: Context values whoever triggers the workflow chooses (a branch name, an input...).
CONTROLLABLE = ("github.ref", "github.ref_name", "github.head_ref", "github.base_ref", "github.actor", "github.triggering_actor", "inputs", "env")


@rule(
    id="GH026",
    name="unsound-contains",
    severity="error",
    summary="`contains()` of a value someone else chooses in a string literal is a substring test, not a list lookup",
    rationale=(
        "With a string as its first argument, `contains()` asks whether the second is a "
        "substring of it: `contains('refs/heads/main refs/heads/release', github.ref)` also "
        "holds for a branch named `m` or `rel` (`refs/heads/m`), which anyone who can push a "
        "branch or trigger the workflow can create. Compare with `==`, or look the value "
        "up in a real list: `contains(fromJSON('[\"refs/heads/main\", \"refs/heads/release\"]'), github.ref)`."
    ),
    tags=("security",),
    aliases=("zizmor:unsound-contains",),
    examples=(
        Example(
            bad=(
                "on: push\npermissions: {}\njobs:\n  deploy:\n    if: contains('refs/heads/main refs/heads/release', github.ref)\n"
                "    runs-on: ubuntu-24.04\n    steps:\n      - run: make deploy\n"
            ),
            good=(
                "on: push\npermissions: {}\njobs:\n  deploy:\n"
                "    if: contains(fromJSON('[\"refs/heads/main\", \"refs/heads/release\"]'), github.ref)\n"
                "    runs-on: ubuntu-24.04\n    steps:\n      - run: make deploy\n"
            ),
            filename=".github/workflows/deploy.yml",
        ),
    ),
)
def check(workflow, ctx):
    for site, node in expression_nodes(workflow, conditions_only=True):
        if not (isinstance(node, Call) and node.name.lower() == "contains" and len(node.args) == 2):
            continue
        haystack, needle = node.args
        if not (isinstance(haystack, Literal) and isinstance(haystack.value, str)):
            continue
        path = context_path(needle)
        if path is None or not any(path == c or path.startswith(c + ".") for c in CONTROLLABLE):
            continue
        yield Problem(
            node_span(workflow, site, node),
            f"`{site.text[node.start:node.end]}` holds for any substring of that text, which whoever sets `{site.text[needle.start:needle.end]}` can choose; compare with `==` or use `fromJSON('[...]')`",
        )
