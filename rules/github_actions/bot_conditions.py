"""Conditions that trust ``github.actor`` to be a bot."""

from lintkit.expressions import Expression, context_refs, find_expressions
from lintkit.model import Example, Problem, rule


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
    holders = [job.node for job in workflow.jobs] + [step.node for step in workflow.steps]
    for holder in holders:
        condition = holder.get("if")
        if not isinstance(condition, str):
            continue
        expressions = find_expressions(condition) or _bare(condition)
        for expression in expressions:
            actors = [r for r in context_refs(expression) if r.path in ("github.actor", "github.triggering_actor")]
            if actors and "[bot]'" in expression.inner:
                yield Problem(holder.value_span("if"), f"`{actors[0].path}` compared with a bot name can be spoofed by a human's event; check the pull request's author")
                break


def _bare(condition: str) -> list[Expression]:
    """A condition written without ``${{ }}`` is one expression."""
    return [Expression(0, len(condition), condition, 0)]
