"""PodDisruptionBudgets leaving unhealthyPodEvictionPolicy implicit."""

from lintkit.model import Example, Problem, rule

from .snippets import PDB


@rule(
    id="K8070",
    name="pdb-unhealthy-eviction-policy",
    severity="info",
    summary="PodDisruptionBudget leaves unhealthyPodEvictionPolicy unset",
    rationale=(
        "With the default (IfHealthyBudget) a pod that never became ready still counts "
        "against the budget, so one crash-looping pod can block node drains. "
        "`unhealthyPodEvictionPolicy: AlwaysAllow` lets such pods be evicted. Off by default."
    ),
    tags=("reliability",),
    aliases=("kube-linter:pdb-unhealthy-pod-eviction-policy",),
    enabled=False,
    examples=(
        Example(
            bad=PDB.replace("POLICY", "maxUnavailable: 1"),
            good=PDB.replace("POLICY", "maxUnavailable: 1\n  unhealthyPodEvictionPolicy: AlwaysAllow"),
            filename="pdb.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj in manifest.of_kind("PodDisruptionBudget"):
        if "unhealthyPodEvictionPolicy" not in obj.spec:
            yield Problem(obj.spec_span(), f"{obj.label} does not set unhealthyPodEvictionPolicy")
