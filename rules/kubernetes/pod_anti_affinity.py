"""Replicated workloads whose pods can all land on one node."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.kubernetes import dig, items_of

from .snippets import DEPLOYMENT, SPREAD


@rule(
    id="K8065",
    name="pod-anti-affinity",
    severity="info",
    summary="Replicated workload has no pod anti-affinity or topology spread",
    rationale=(
        "The scheduler is free to put every replica of a Deployment on the same node; losing "
        "that node then takes the whole service down despite the replicas. A preferred "
        "podAntiAffinity on the hostname, or a topologySpreadConstraint, spreads them."
    ),
    tags=("reliability",),
    aliases=(
        "kube-linter:no-anti-affinity",
        "kube-score:deployment-has-host-podantiaffinity",
        "kube-score:statefulset-has-host-podantiaffinity",
    ),
    examples=(
        Example(
            bad=DEPLOYMENT.replace("      SPREAD\n", ""),
            good=DEPLOYMENT.replace("SPREAD", SPREAD),
            filename="deployment.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj in manifest.of_kind("Deployment", "StatefulSet"):
        replicas = obj.spec.get("replicas")
        pod = obj.pod
        if pod is None or not isinstance(replicas, int) or isinstance(replicas, bool) or replicas < 2:
            continue
        if dig(pod.node, "affinity", "podAntiAffinity") or items_of(pod.node.get("topologySpreadConstraints")):
            continue
        yield Problem(
            obj.spec.value_span("replicas"),
            f"{obj.label} runs {replicas} replicas with no podAntiAffinity or topologySpreadConstraints; one node can hold them all",
        )
