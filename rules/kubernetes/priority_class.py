"""Workloads without a priorityClassName."""

from lintkit.model import Example, Problem, rule

from .snippets import DEPLOYMENT


@rule(
    id="K8075",
    name="priority-class",
    severity="info",
    summary="Workload sets no priorityClassName",
    rationale=(
        "Without a priority class every pod has priority 0: under resource pressure the "
        "scheduler preempts and the kubelet evicts without regard to what matters. Off by default."
    ),
    tags=("reliability",),
    aliases=("kube-linter:priority-class-name", "polaris:priorityClassNotSet"),
    enabled=False,
    examples=(
        Example(
            bad=DEPLOYMENT.replace("      SPREAD\n", ""),
            good=DEPLOYMENT.replace("SPREAD", "priorityClassName: web-tier"),
            filename="deployment.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj, pod in manifest.workloads():
        if not pod.node.get("priorityClassName"):
            yield Problem(pod.span, f"{obj.label} sets no priorityClassName")
