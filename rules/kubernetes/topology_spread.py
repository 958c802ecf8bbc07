"""Replicated workloads without topology spread constraints."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.kubernetes import items_of

from .snippets import DEPLOYMENT, SPREAD

_KEYS = ("maxSkew", "topologyKey", "whenUnsatisfiable")


@rule(
    id="K8066",
    name="topology-spread",
    severity="info",
    summary="Missing or incomplete topologySpreadConstraints",
    rationale=(
        "topologySpreadConstraints spread replicas over nodes and zones so that one failure "
        "domain cannot take all of them. A constraint without labelSelector matches no pods "
        "and spreads nothing. Off by default."
    ),
    tags=("reliability",),
    aliases=("kube-score:pod-topology-spread-constraints", "polaris:topologySpreadConstraint"),
    enabled=False,
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
        pod = obj.pod
        if pod is None:
            continue
        constraints = items_of(pod.node.get("topologySpreadConstraints"))
        if not constraints:
            yield Problem(pod.span, f"{obj.label} sets no topologySpreadConstraints")
        for constraint in constraints:
            missing = [k for k in _KEYS if k not in constraint]
            if "labelSelector" not in constraint:
                missing.append("labelSelector")
            if missing:
                yield Problem(constraint.span, f"{obj.label}: topology spread constraint lacks {', '.join(missing)}")
