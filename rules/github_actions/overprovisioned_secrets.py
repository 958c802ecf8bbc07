"""The whole ``secrets`` context handed to the runner."""

from lintkit.expressions import Call, Index, Name
from lintkit.model import Example, Problem, rule

from .expression_nodes import expression_nodes, node_span


@rule(
    id="GH027",
    name="overprovisioned-secrets",
    severity="warning",
    summary="`toJSON(secrets)` or `secrets[<expression>]` sends every secret of the repository to the runner",
    rationale=(
        "A job's runner normally receives only the secrets its expressions name. "
        "`toJSON(secrets)` serialises all of them into one value, and an index computed at "
        "run time (`secrets[format('TOKEN_{0}', matrix.env)]`) makes GitHub send the whole "
        "context so the runner can look the name up: every step, action and log line of "
        "the job can then reach secrets it never needed. Name each secret it uses."
    ),
    tags=("security",),
    aliases=("zizmor:overprovisioned-secrets",),
    examples=(
        Example(
            bad=(
                "on: push\npermissions: {}\njobs:\n  deploy:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - run: ./deploy.sh\n        env:\n          ALL_SECRETS: ${{ toJSON(secrets) }}\n"
            ),
            good=(
                "on: push\npermissions: {}\njobs:\n  deploy:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - run: ./deploy.sh\n        env:\n          DEPLOY_TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n"
            ),
            filename=".github/workflows/deploy.yml",
        ),
    ),
)
def check(workflow, ctx):
    for site, node in expression_nodes(workflow):
        if isinstance(node, Call) and node.name.lower() == "tojson" and any(_is_secrets(arg) for arg in node.args):
            yield Problem(node_span(workflow, site, node), "`toJSON(secrets)` puts every secret of the repository in this value; pass the secrets needed by name")
        elif isinstance(node, Index) and _is_secrets(node.receiver):
            yield Problem(node_span(workflow, site, node), "a secret chosen at run time (`secrets[...]` with a computed name) makes GitHub send every secret to the runner; name the secrets used")


def _is_secrets(node) -> bool:
    return isinstance(node, Name) and node.name.lower() == "secrets"
