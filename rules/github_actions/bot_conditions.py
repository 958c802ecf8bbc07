"""Conditions that trust ``github.actor`` to be a bot."""

from lintkit.expressions import Binary, Literal, walk_nodes
from lintkit.model import Example, Problem, rule

from .expression_nodes import context_path

#: Contexts naming whoever caused the event.
ACTORS = ("github.actor", "github.triggering_actor")


@rule(
    id="GH010",
    name="bot-conditions",
    severity="warning",
    summary="`if:` trusts `github.actor` (or triggering_actor) being a bot such as dependabot[bot]",
    rationale=(
        "`github.actor` is whoever caused the latest event, not who wrote the code: a "
        "pull request opened by a human and later updated by Dependabot passes "
        "`github.actor == 'dependabot[bot]'`. Check `github.event.pull_request.user.login` "
        "instead."
    ),
    tags=("security",),
    aliases=("zizmor:bot-conditions",),
    examples=(
        Example(
            bad="on: pull_request_target\npermissions: {}\njobs:\n  merge:\n    if: github.actor == 'dependabot[bot]'\n    runs-on: ubuntu-24.04\n    steps:\n      - run: gh pr merge --auto\n",
            good="on: pull_request_target\npermissions: {}\njobs:\n  merge:\n    if: github.event.pull_request.user.login == 'dependabot[bot]'\n    runs-on: ubuntu-24.04\n    steps:\n      - run: gh pr merge --auto\n",
            filename=".github/workflows/merge.yml",
        ),
    ),
)
def check(workflow, ctx):
    for site in workflow.expression_sites:
        if not site.condition:
            continue
        for tree, _error in site.parsed:
            actor = _trusted_bot_actor(tree) if tree is not None else None
            if actor is not None:
                yield Problem(site.span(), f"`{actor}` compared with a bot name can be spoofed by a human's event; check the pull request's author")
                break


def _trusted_bot_actor(tree) -> str | None:
    """``github.actor == 'x[bot]'`` (either side) somewhere in the condition: the bot name
    grants something. ``!=`` comparisons only exclude the bot and are fine."""
    for node in walk_nodes(tree):
        if not (isinstance(node, Binary) and node.operator == "=="):
            continue
        for side, other in ((node.left, node.right), (node.right, node.left)):
            path = context_path(side)
            if path in ACTORS and isinstance(other, Literal) and isinstance(other.value, str) and other.value.lower().endswith("[bot]"):
                return path
    return None

