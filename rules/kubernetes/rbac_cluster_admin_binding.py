"""Bindings to cluster-admin."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.kubernetes import mapping

_BINDING = """\
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: ci
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: ROLE}
subjects:
  - {kind: ServiceAccount, name: ci, namespace: ci}
"""


@rule(
    id="K8091",
    name="rbac-cluster-admin-binding",
    severity="warning",
    summary="Subjects bound to cluster-admin",
    rationale=(
        "cluster-admin can do anything to any object in any namespace. A service account bound "
        "to it turns any compromise of its pods into a compromise of the cluster. Bind a role "
        "that lists what the subject needs."
    ),
    tags=("security",),
    aliases=(
        "kube-linter:cluster-admin-role-binding",
        "polaris:clusterrolebindingClusterAdmin",
        "polaris:rolebindingClusterAdminClusterRole",
        "KSV111",
    ),
    examples=(
        Example(
            bad=_BINDING.replace("ROLE", "cluster-admin"),
            good=_BINDING.replace("ROLE", "ci-deployer"),
            filename="binding.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj in manifest.of_kind("ClusterRoleBinding", "RoleBinding"):
        ref = mapping(obj.node.get("roleRef"))
        if ref is not None and ref.get("kind") == "ClusterRole" and ref.get("name") == "cluster-admin":
            yield Problem(ref.value_span("name"), f"{obj.label} grants cluster-admin")
