"""Workloads placed in kube-system."""

from lintkit.model import Example, Problem, rule

_POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
  namespace: NAMESPACE
spec:
  containers:
    - name: web
      image: nginx:1.27.2
"""


@rule(
    id="K8051",
    name="no-user-objects-in-kube-system",
    severity="info",
    summary="Workload placed in kube-system",
    rationale=(
        "kube-system holds the cluster's own components and their highly privileged service "
        "accounts; anything else placed there shares that blast radius and escapes the "
        "policies applied to application namespaces. Off by default (cluster add-ons "
        "legitimately live there)."
    ),
    tags=("security",),
    aliases=("KSV037",),
    enabled=False,
    examples=(
        Example(
            bad=_POD.replace("NAMESPACE", "kube-system"), good=_POD.replace("NAMESPACE", "shop"), filename="pod.yaml"
        ),
    ),
)
def check(manifest, ctx):
    for obj, _pod in manifest.workloads():
        if obj.namespace == "kube-system":
            yield Problem(obj.metadata.value_span("namespace"), f"{obj.label} runs in kube-system")
