"""``uses:`` paths and expressions written to hide what they are."""

from lintkit.expressions import Call, Literal, Node
from lintkit.model import Example, Problem, rule

from .actions import uses_holders
from .expression_nodes import node_span

#: Functions whose result depends only on their arguments.
_PURE = frozenset(("format", "join", "tojson"))


@rule(
    id="GH034",
    name="obfuscation",
    severity="warning",
    summary="`uses:` path with `.`, `..` or empty segments, or a `${{ }}` that is a constant string",
    rationale=(
        "`actions/checkout/./../evil@v4` and `owner//repo` resolve to other code than a "
        "reader (or an allow-list) sees, and `${{ 'x' }}` or `${{ format('{0}', 'x') }}` "
        "dress a constant up as something computed: reviewers skim past both. Write the "
        "path and the value as they are."
    ),
    tags=("security",),
    aliases=("zizmor:obfuscation",),
    examples=(
        Example(
            bad="on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make\n        env:\n          SCHEME: ${{ 'default' }}\n",
            good="on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make\n        env:\n          SCHEME: default\n",
            filename=".github/workflows/build.yml",
        ),
    ),
)
def check(workflow, ctx):
    for holder in uses_holders(workflow):
        uses = holder.get("uses")
        if isinstance(uses, str) and not uses.startswith("docker://"):
            path = uses.partition("@")[0]
            parts = path.split("/")[1:] if path.startswith("./") else path.split("/")
            odd = [part for part in parts if part in ("", ".", "..")]
            if odd and not (parts and parts[-1] == "" and odd == [""]):
                yield Problem(holder.value_span("uses"), f"`uses: {uses}` has {', '.join(repr(p or '//') for p in odd)} path segments; write the path it resolves to")
    for site in workflow.expression_sites:
        if site.condition:
            continue
        for tree, _error in site.parsed:
            if tree is not None and _constant_string(tree):
                yield Problem(node_span(workflow, site, tree), f"`{site.text[tree.start:tree.end]}` is a constant; write its value without `${{{{ }}}}`")


def _constant_string(node: Node) -> bool:
    """A string literal, or a pure function of constants (``format('{0}', 'x')``)."""
    if isinstance(node, Literal):
        return isinstance(node.value, str)
    return isinstance(node, Call) and node.name.lower() in _PURE and bool(node.args) and all(_constant(arg) for arg in node.args)


def _constant(node: Node) -> bool:
    return isinstance(node, Literal) or _constant_string(node)
