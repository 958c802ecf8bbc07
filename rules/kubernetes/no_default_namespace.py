"""Objects that land in the default namespace."""

from lintkit.model import Example, Problem, rule

#: Namespaced kinds whose placement matters (as Checkov scopes CKV_K8S_21).
_KINDS = frozenset((
    "Pod", "Deployment", "DaemonSet", "StatefulSet", "ReplicaSet", "ReplicationController", "Job", "CronJob",
    "Service", "Secret", "ServiceAccount", "Role", "RoleBinding", "ConfigMap", "Ingress",
))  # fmt: skip
_SERVICE = """\
apiVersion: v1
kind: Service
metadata:
  name: web
  NAMESPACE
spec:
  selector: {app: web}
  ports: [{port: 80}]
"""


@rule(
    id="K8050",
    name="no-default-namespace",
    severity="info",
    summary="Object lands in the `default` namespace",
    rationale=(
        "The default namespace is shared by everything that forgot to pick one: RBAC, quotas "
        "and NetworkPolicies scoped to it apply to unrelated workloads. Objects without a "
        "namespace go wherever the applying context points, usually `default`. Off by "
        "default, since Helm, kustomize and `kubectl -n` commonly set the namespace at apply time."
    ),
    tags=("security",),
    aliases=("CKV_K8S_21", "kube-linter:use-namespace", "KSV110"),
    enabled=False,
    examples=(
        Example(
            bad=_SERVICE.replace("NAMESPACE", "namespace: default"),
            good=_SERVICE.replace("NAMESPACE", "namespace: shop"),
            filename="service.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj in manifest.objects:
        if obj.kind not in _KINDS:
            continue
        meta = obj.metadata
        if obj.namespace is not None and obj.namespace != "default":
            continue
        if (obj.kind, obj.name) in (("ServiceAccount", "default"), ("Service", "kubernetes")):
            continue
        if "namespace" in meta:
            yield Problem(meta.value_span("namespace"), f"{obj.label} is placed in the default namespace")
        else:
            where = obj.node.key_span("metadata") if "metadata" in obj.node else obj.name_span()
            yield Problem(where, f"{obj.label} names no namespace, so it lands in the applying context's (default)")
