"""RoleBindings to roles that are not defined."""

from lintkit.model import Example, Problem, rule

from . import rbac
from .inventory import folder_of

_FILES = """\
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: reader
  namespace: shop
rules:
  - {apiGroups: [""], resources: [configmaps], verbs: [get]}
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: reader
  namespace: shop
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: ROLE}
subjects:
  - {kind: ServiceAccount, name: web, namespace: shop}
"""
#: Roles every cluster has (besides the system:* ones): ClusterRoles, and the Role of
#: kube-system that aggregated API servers bind to read the authentication config.
_BUILT_IN = frozenset(("cluster-admin", "admin", "edit", "view", "extension-apiserver-authentication-reader"))


@rule(
    id="K8103",
    name="rbac-role-exists",
    severity="error",
    summary="RoleBinding refers to a Role or ClusterRole that is not defined",
    rationale=(
        "A binding to a role that does not exist grants nothing: the subject's requests fail "
        "with 403 and nothing at apply time says why. Built-in roles (cluster-admin, admin, "
        "edit, view, extension-apiserver-authentication-reader, system:*) are known; others "
        "are looked up among the run's roles when the binding's folder defines roles of that kind."
    ),
    tags=("reliability",),
    examples=(
        Example(bad=_FILES.replace("ROLE", "readers"), good=_FILES.replace("ROLE", "reader"), filename="rbac.yaml"),
    ),
    collect=rbac.FACTS,
)
def check(facts_by_path, ctx):
    index = rbac.index_roles(facts_by_path)
    folders_with_roles: dict[str, set[str]] = {}
    for path, found in facts_by_path.items():
        for role in found.roles:
            folders_with_roles.setdefault(role.kind, set()).add(folder_of(path))
    for path, found in facts_by_path.items():
        for binding in found.bindings:
            name = binding.role_name
            if name in _BUILT_IN or name.startswith("system:"):
                continue
            if rbac.resolve(binding, index) or folder_of(path) not in folders_with_roles.get(binding.role_kind, ()):
                continue
            yield Problem(
                binding.role_span,
                f"{binding.label} refers to {binding.role_kind} {name}, which is not defined",
                path=path,
            )
