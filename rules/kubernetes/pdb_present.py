"""Deployments and StatefulSets not covered by a PodDisruptionBudget."""

from lintkit.model import Example, Problem, rule

from . import inventory
from .labels import selector_matches
from .snippets import DEPLOYMENT, PDB


@rule(
    id="K8068",
    name="pdb-present",
    severity="info",
    summary="Deployment or StatefulSet not covered by a PodDisruptionBudget",
    rationale=(
        "Without a PodDisruptionBudget a node drain (cluster upgrade, autoscaler scale-down) "
        "may evict every replica at once. Off by default."
    ),
    tags=("reliability",),
    aliases=(
        "kube-score:deployment-has-poddisruptionbudget",
        "kube-score:statefulset-has-poddisruptionbudget",
        "polaris:missingPodDisruptionBudget",
    ),
    enabled=False,
    examples=(
        Example(
            bad=DEPLOYMENT.replace("      SPREAD\n", ""),
            good=DEPLOYMENT.replace("      SPREAD\n", "") + "---\n" + PDB.replace("POLICY", "maxUnavailable: 1"),
            filename="web.yaml",
        ),
    ),
    collect=inventory.FACTS,
)
def check(run, ctx):
    budgets = [b for _p, b in run.of_kind("PodDisruptionBudget") if b.spec.get("selector") is not None]
    for path, obj in run.of_kind("Deployment", "StatefulSet"):
        if obj.pod is None:
            continue
        if any(
            inventory.same_namespace(b.namespace, obj.namespace)
            and selector_matches(b.spec["selector"], obj.pod.labels)
            for b in budgets
        ):
            continue
        yield Problem(obj.name_span, f"{obj.label} is not covered by any PodDisruptionBudget", path=path)
