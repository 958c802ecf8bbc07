"""``cond && '' || 'x'``: a pseudo-ternary whose true branch is falsy."""

from lintkit.expressions import Binary, Call, Literal, Node
from lintkit.model import Example, Problem, rule

from .expression_nodes import expression_nodes, node_span


@rule(
    id="GH039",
    name="unsound-ternary",
    severity="warning",
    summary="`a && b || c` used as a ternary where `b` is falsy (`''`, `0`, `false`, `null`): the result is always `c`",
    rationale=(
        "Expressions have no `?:`, so `cond && 'x' || 'y'` stands in for one; it works only "
        "while the middle value is truthy. With `''`, `0`, `false` or `null` there, `&&` "
        "yields that falsy value when the condition holds and `||` then picks the last "
        "operand anyway: `github.event_name == 'push' && '' || '--dry-run'` passes "
        "`--dry-run` on pushes too. Swap the condition (`!cond && 'y' || ''`) or use "
        "`case()`."
    ),
    tags=("reliability",),
    aliases=("zizmor:unsound-ternary",),
    examples=(
        Example(
            bad=(
                "on: push\npermissions: {}\njobs:\n  release:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - run: ./release.sh \"$FLAGS\"\n        env:\n          FLAGS: ${{ github.ref == 'refs/heads/main' && '' || '--dry-run' }}\n"
            ),
            good=(
                "on: push\npermissions: {}\njobs:\n  release:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - run: ./release.sh \"$FLAGS\"\n        env:\n          FLAGS: ${{ github.ref != 'refs/heads/main' && '--dry-run' || '' }}\n"
            ),
            filename=".github/workflows/release.yml",
        ),
    ),
)
def check(workflow, ctx):
    seen = set()  # a chain `a || b || c` nests: its inner `||` is met again
    for site, node in expression_nodes(workflow):
        if not (isinstance(node, Binary) and node.operator == "||"):
            continue
        for operand in _or_operands(node.left):
            if (id(site), operand.start) in seen:
                continue
            seen.add((id(site), operand.start))
            if isinstance(operand, Binary) and operand.operator == "&&" and _falsy_constant(operand.right) and not isinstance(operand.left, Literal):
                value = site.text[operand.right.start : operand.right.end]
                yield Problem(node_span(workflow, site, operand.right), f"`{value}` is falsy, so this `&& {value} ||` always takes the value after `||`; swap the condition or use case()")


def _or_operands(node: Node) -> list[Node]:
    """The operands of a chain of ``||`` (left-associative: only the left side nests)."""
    operands = []
    while isinstance(node, Binary) and node.operator == "||":
        operands.append(node.right)
        node = node.left
    operands.append(node)
    return operands


def _falsy_constant(node: Node) -> bool:
    if isinstance(node, Literal):
        return node.value in ("", 0, False, None)
    if isinstance(node, Call) and node.name.lower() == "fromjson" and len(node.args) == 1:
        arg = node.args[0]
        return isinstance(arg, Literal) and isinstance(arg.value, str) and arg.value.strip() in ("false", "0", "null", '""')
    return False

