"""Service-account tokens mounted into pods that do not ask for them."""

from lintkit.model import Example, Fix, Problem, rule
from lintkit.yamledit import set_entry

_POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  automountServiceAccountToken: VALUE
  containers:
    - name: web
      image: nginx:1.27.2
"""


def _fix(manifest, node) -> Fix | None:
    edits = set_entry(manifest.source, node, "automountServiceAccountToken", "false")
    return Fix("set automountServiceAccountToken: false", edits) if edits else None


@rule(
    id="K8040",
    name="no-automount-sa-token",
    severity="info",
    summary="Service-account token is mounted without need",
    rationale=(
        "Every pod gets a token for its service account at "
        "/var/run/secrets/kubernetes.io/serviceaccount unless told otherwise; an attacker in "
        "the pod uses it against the API server with whatever RBAC grants. Pods that do not "
        "talk to the API should set `automountServiceAccountToken: false` (and so should the "
        "`default` ServiceAccount of each namespace)."
    ),
    tags=("security",),
    aliases=("CKV_K8S_38", "CKV_K8S_41", "polaris:automountServiceAccountToken", "KSV036"),
    fix="unsafe",
    examples=(Example(bad=_POD.replace("VALUE", "true"), good=_POD.replace("VALUE", "false"), filename="pod.yaml"),),
)
def check(manifest, ctx):
    for obj, pod in manifest.workloads():
        if "automountServiceAccountToken" in pod.node:
            if pod.node["automountServiceAccountToken"] is not False:
                yield Problem(
                    pod.node.value_span("automountServiceAccountToken"), f"{obj.label} mounts its service-account token",
                    _fix(manifest, pod.node),
                )
        elif not obj.is_patch:  # a patch leaves what it does not set to its base
            yield Problem(
                pod.span,
                f"{obj.label} does not set automountServiceAccountToken: false, so its service-account token is mounted",
                _fix(manifest, pod.node),
            )
    for obj in manifest.of_kind("ServiceAccount"):
        if obj.name == "default" and obj.node.get("automountServiceAccountToken") is not False:
            where = (
                obj.node.value_span("automountServiceAccountToken")
                if "automountServiceAccountToken" in obj.node
                else obj.name_span()
            )
            yield Problem(where, "the default ServiceAccount does not set automountServiceAccountToken: false", _fix(manifest, obj.node))
