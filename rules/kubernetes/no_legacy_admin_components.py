"""The Kubernetes dashboard or Helm 2's Tiller deployed."""

from lintkit.model import Example, Problem, rule

_DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: tool
spec:
  selector:
    matchLabels: {app: tool}
  template:
    metadata:
      labels: {app: tool}
    spec:
      containers:
        - {name: tool, image: "IMAGE"}
"""


def _tiller(container, labels) -> bool:
    image = container.image or ""
    return "tiller" in image or labels.get("app") == "helm" or labels.get("name") == "tiller"


def _dashboard(container, labels) -> bool:
    image = container.image or ""
    return (
        "kubernetes-dashboard" in image
        or "kubernetesui/" in image
        or "kubernetes-dashboard" in (labels.get("app"), labels.get("k8s-app"))
    )


@rule(
    id="K8104",
    name="no-legacy-admin-components",
    severity="warning",
    summary="Kubernetes dashboard or Helm v2 Tiller deployed",
    rationale=(
        "Tiller (Helm 2) listens inside the cluster with cluster-admin rights and no "
        "authentication: any pod can install anything through it. The dashboard has a long "
        "history of being exposed with a privileged service account. Helm 3 needs no server "
        "side; use kubectl or a properly authenticated UI."
    ),
    tags=("security",),
    aliases=("CKV_K8S_33", "CKV_K8S_34", "CKV_K8S_44", "CKV_K8S_45", "KSV102"),
    examples=(
        Example(
            bad=_DEPLOYMENT.replace("IMAGE", "ghcr.io/helm/tiller:v2.17.0"),
            good=_DEPLOYMENT.replace("IMAGE", "nginx:1.27.2"),
            filename="deployment.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for _obj, pod in manifest.workloads():
        labels = pod.labels
        for container in pod.containers:
            if _tiller(container, labels):
                args = container.node.get("args")
                listen = [a for a in args if isinstance(a, str) and "--listen" in a] if isinstance(args, list) else []
                local = any("localhost" in a or "127.0.0.1" in a for a in listen)
                how = "" if local else ", reachable from every pod of the cluster"
                yield Problem(_where(container), f"{container.label} runs Helm 2's Tiller{how}")
            elif _dashboard(container, labels):
                yield Problem(_where(container), f"{container.label} runs the Kubernetes dashboard")
    for obj in manifest.of_kind("Service"):
        selector = obj.spec.get("selector")
        values = [obj.name, *obj.labels.values(), *(selector.values() if isinstance(selector, dict) else ())]
        if any("tiller" in str(v).lower() for v in values):
            yield Problem(obj.name_span(), f"{obj.label} exposes Helm 2's Tiller")


def _where(container):
    return container.node.value_span("image") if container.image is not None else container.name_span()
