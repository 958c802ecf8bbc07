"""Secrets decoded with ``fromJSON``: their parts are not masked in logs."""

from lintkit.expressions import Call
from lintkit.model import Example, Problem, rule

from .expression_nodes import context_path, expression_nodes, node_span


@rule(
    id="GH028",
    name="unredacted-secrets",
    severity="warning",
    summary="`fromJSON(secrets.X)`: the values decoded from a secret are not masked in logs",
    rationale=(
        "The runner masks a secret by its exact text. A secret holding JSON and decoded "
        "with `fromJSON(secrets.CONFIG).password` yields a different text, the field, which "
        "GitHub does not know to hide: it appears in clear in logs and in anything printed. "
        "Store each value as its own secret, or register the field with `::add-mask::` "
        "before it can be printed."
    ),
    tags=("security",),
    aliases=("zizmor:unredacted-secrets",),
    examples=(
        Example(
            bad=(
                "on: push\npermissions: {}\njobs:\n  deploy:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - run: ./deploy.sh\n        env:\n          PASSWORD: ${{ fromJSON(secrets.DEPLOY_CONFIG).password }}\n"
            ),
            good=(
                "on: push\npermissions: {}\njobs:\n  deploy:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - run: ./deploy.sh\n        env:\n          PASSWORD: ${{ secrets.DEPLOY_PASSWORD }}\n"
            ),
            filename=".github/workflows/deploy.yml",
        ),
    ),
)
def check(workflow, ctx):
    for site, node in expression_nodes(workflow):
        if not (isinstance(node, Call) and node.name.lower() == "fromjson" and len(node.args) == 1):
            continue
        path = context_path(node.args[0])
        if path is not None and (path == "secrets" or path.startswith("secrets.")):
            yield Problem(node_span(workflow, site, node), f"`{site.text[node.start:node.end]}` decodes a secret into values GitHub does not mask in logs; store each value as its own secret")
