"""``if:`` conditions that are always true."""

from lintkit.expressions import find_expressions
from lintkit.model import Example, Problem, rule


@rule(
    id="GH007",
    name="sound-conditions",
    severity="error",
    summary="`if:` is always true: text around `${{ }}` makes it a non-empty string",
    rationale=(
        "In `if:`, an expression is evaluated only when it is the whole value. With text "
        "outside the braces (`if: ${{ a }} && b`, or a block scalar whose trailing newline "
        "is kept) the value is a non-empty string, which is true: the step or job always "
        "runs. Write the condition without `${{ }}`, or put all of it inside one pair."
    ),
    tags=("reliability", "security"),
    aliases=("actionlint:if-cond", "zizmor:unsound-condition"),
    examples=(
        Example(
            bad="on: push\npermissions: {}\njobs:\n  deploy:\n    if: ${{ github.ref == 'refs/heads/main' }} && true\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make deploy\n",
            good="on: push\npermissions: {}\njobs:\n  deploy:\n    if: github.ref == 'refs/heads/main'\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make deploy\n",
            filename=".github/workflows/deploy.yml",
        ),
    ),
)
def check(workflow, ctx):
    holders = [job.node for job in workflow.jobs] + [step.node for step in workflow.steps]
    for holder in holders:
        condition = holder.get("if")
        if not isinstance(condition, str) or "${{" not in condition:
            continue
        expressions = find_expressions(condition)
        if not expressions:
            continue
        outside = condition[: expressions[0].start] + "".join(
            condition[a.end : b.start] for a, b in zip(expressions, expressions[1:])
        ) + condition[expressions[-1].end :]
        if len(expressions) == 1 and not outside.strip():
            continue
        yield Problem(holder.value_span("if"), "this `if:` is a string with text outside `${{ }}`, which is always true")
