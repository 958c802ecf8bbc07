"""Wildcards in RBAC rules."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.kubernetes import items_of

_ROLE = """\
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: deployer
  namespace: shop
rules:
  - apiGroups: [apps]
    resources: [deployments]
    verbs: [VERBS]
"""


@rule(
    id="K8090",
    name="rbac-no-wildcards",
    severity="warning",
    summary="Role or ClusterRole rule with `*` in verbs, resources or apiGroups",
    rationale=(
        "A wildcard grants everything that exists today and everything added later: new "
        "resources, subresources such as pods/exec and new verbs such as escalate. Name the "
        "verbs and resources the subject needs."
    ),
    tags=("security",),
    aliases=(
        "CKV_K8S_49",
        "kube-linter:wildcard-in-rules",
        "polaris:rolebindingClusterAdminRole",
        "KSV044",
        "KSV045",
        "KSV046",
        "KSV112",
    ),
    examples=(
        Example(
            bad=_ROLE.replace("VERBS", '"*"'), good=_ROLE.replace("VERBS", "get, list, patch"), filename="role.yaml"
        ),
    ),
)
def check(manifest, ctx):
    for obj in manifest.of_kind("Role", "ClusterRole"):
        for entry in items_of(obj.node.get("rules")):
            for field in ("verbs", "resources", "apiGroups"):
                values = entry.get(field)
                if not isinstance(values, list):
                    continue
                for index, value in enumerate(values):
                    if isinstance(value, str) and "*" in value:
                        yield Problem(values.item_span(index), f"{obj.label} grants {field} {value!r}")
