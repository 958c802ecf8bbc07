"""Workloads without node affinity."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.kubernetes import dig

from .snippets import DEPLOYMENT


@rule(
    id="K8067",
    name="node-affinity",
    severity="info",
    summary="Workload declares no node affinity or node selector",
    rationale=(
        "Without node affinity a workload can be scheduled onto any node pool, including "
        "ones meant for other tenants or special hardware. Off by default: most clusters "
        "have one general pool."
    ),
    tags=("reliability",),
    aliases=("kube-linter:no-node-affinity",),
    enabled=False,
    examples=(
        Example(
            bad=DEPLOYMENT.replace("      SPREAD\n", ""),
            good=DEPLOYMENT.replace("SPREAD", "nodeSelector: {pool: web}"),
            filename="deployment.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj, pod in manifest.workloads():
        if dig(pod.node, "affinity", "nodeAffinity") or pod.node.get("nodeSelector"):
            continue
        yield Problem(pod.span, f"{obj.label} sets no node affinity or nodeSelector")
