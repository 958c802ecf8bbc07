"""Workloads running as, and bindings granting to, the default ServiceAccount."""

from lintkit.model import Example, Problem, rule

_BINDING = """\
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: reader
  namespace: shop
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
  - {kind: ServiceAccount, name: NAME, namespace: shop}
"""


@rule(
    id="K8041",
    name="no-default-service-account",
    severity="warning",
    summary="Workload runs as, or RBAC grants to, the `default` ServiceAccount",
    rationale=(
        "Every pod of a namespace that names no service account runs as `default`. "
        "Permissions bound to `default` are therefore handed to every such pod, including "
        "ones added later for other purposes. Give the workload its own ServiceAccount and "
        "bind the role to that."
    ),
    tags=("security",),
    aliases=("CKV_K8S_42", "kube-linter:default-service-account"),
    examples=(
        Example(bad=_BINDING.replace("NAME", "default"), good=_BINDING.replace("NAME", "reader"), filename="rbac.yaml"),
    ),
)
def check(manifest, ctx):
    for obj, pod in manifest.workloads():
        for field in ("serviceAccountName", "serviceAccount"):
            if pod.node.get(field) == "default":
                yield Problem(pod.node.value_span(field), f"{obj.label} runs as the default ServiceAccount")
                break
    for obj in manifest.of_kind("RoleBinding", "ClusterRoleBinding"):
        subjects = obj.node.get("subjects")
        if not isinstance(subjects, list):
            continue
        for subject in subjects:
            if (
                isinstance(subject, dict)
                and subject.get("kind") == "ServiceAccount"
                and subject.get("name") == "default"
            ):
                yield Problem(subject.value_span("name"), f"{obj.label} grants its role to the default ServiceAccount")
