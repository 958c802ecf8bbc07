"""Workloads pinning spec.replicas while an HPA manages them."""

from lintkit.model import Example, Problem, rule

from . import inventory
from .snippets import WEB_DEPLOYMENT_AND_HPA


@rule(
    id="K8074",
    name="no-replicas-with-hpa",
    severity="warning",
    summary="Deployment sets spec.replicas while an HPA scales it",
    rationale=(
        "When an autoscaler manages a Deployment, every `kubectl apply` of a manifest that "
        "sets `spec.replicas` resets the replica count to that number, undoing the scaling "
        "(a traffic peak meets a rollout and loses its extra pods). Leave replicas unset."
    ),
    tags=("reliability",),
    aliases=("kube-score:deployment-targeted-by-hpa-does-not-have-replicas-configured",),
    examples=(
        Example(
            bad=WEB_DEPLOYMENT_AND_HPA.replace("TARGET", "web").replace(
                "spec:\n  selector", "spec:\n  replicas: 3\n  selector"
            ),
            good=WEB_DEPLOYMENT_AND_HPA.replace("TARGET", "web"),
            filename="web.yaml",
        ),
    ),
    collect=inventory.FACTS,
)
def check(run, ctx):
    targeted = {}
    for _path, hpa in run.of_kind("HorizontalPodAutoscaler"):
        if hpa.spec.get("target_name") is not None:
            targeted[(hpa.spec.get("target_kind"), hpa.spec["target_name"])] = hpa
    for path, obj in run.of_kind("Deployment", "StatefulSet", "ReplicaSet"):
        hpa = targeted.get((obj.kind, obj.name))
        if hpa is not None and "replicas_span" in obj.spec and inventory.same_namespace(hpa.namespace, obj.namespace):
            yield Problem(
                obj.spec["replicas_span"], f"{obj.label} sets replicas although {hpa.label} scales it", path=path
            )
