"""Bindings to anonymous or all-authenticated users, or system:masters."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.kubernetes import items_of

_DANGEROUS = {
    "system:anonymous": "every unauthenticated request",
    "system:unauthenticated": "every unauthenticated request",
    "system:authenticated": "every authenticated user and service account",
    "system:masters": "a group that bypasses RBAC entirely",
}
_BINDING = """\
apiVersion: rbac.authorization.k8s.io/v1
kind: ClusterRoleBinding
metadata:
  name: readers
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
subjects:
  - {kind: Group, name: GROUP, apiGroup: rbac.authorization.k8s.io}
"""


@rule(
    id="K8102",
    name="rbac-dangerous-subjects",
    severity="error",
    summary="Binding to system:anonymous, system:unauthenticated, system:authenticated or system:masters",
    rationale=(
        "Binding a role to system:anonymous or system:unauthenticated opens it to the internet "
        "if the API server is reachable; system:authenticated means every service account of "
        "every namespace. system:masters is hard-wired to full access."
    ),
    tags=("security",),
    aliases=("KSV122", "KSV0123", "KSV01011"),
    examples=(
        Example(
            bad=_BINDING.replace("GROUP", "system:authenticated"),
            good=_BINDING.replace("GROUP", "auditors"),
            filename="binding.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj in manifest.of_kind("ClusterRoleBinding", "RoleBinding"):
        for subject in items_of(obj.node.get("subjects")):
            name = subject.get("name")
            if isinstance(name, str) and name in _DANGEROUS:
                yield Problem(subject.value_span("name"), f"{obj.label} binds {name}: {_DANGEROUS[name]}")
