"""Workloads without dnsConfig options."""

from lintkit.model import Example, Problem, rule

from .snippets import DEPLOYMENT


@rule(
    id="K8083",
    name="dns-config-options",
    severity="info",
    summary="Workload sets no dnsConfig options (ndots)",
    rationale=(
        "With the default `ndots: 5` every lookup of an external name first tries each "
        "search domain of the cluster, multiplying DNS traffic and latency. Off by default."
    ),
    tags=("performance",),
    aliases=("kube-linter:dnsconfig-options",),
    enabled=False,
    examples=(
        Example(
            bad=DEPLOYMENT.replace("      SPREAD\n", ""),
            good=DEPLOYMENT.replace("SPREAD", "dnsConfig: {options: [{name: ndots, value: '2'}]}"),
            filename="deployment.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj, pod in manifest.workloads():
        config = pod.node.get("dnsConfig")
        if not (isinstance(config, dict) and config.get("options")):
            yield Problem(pod.span, f"{obj.label} sets no dnsConfig options")
