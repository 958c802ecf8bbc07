"""PodDisruptionBudgets that block every eviction, or set no policy."""

from lintkit.model import Example, Problem, rule

from .snippets import PDB


def _blocks_everything(field: str, value) -> bool:
    if field == "maxUnavailable":
        return value == 0 and not isinstance(value, bool) or value == "0%"
    return value == "100%"


@rule(
    id="K8069",
    name="pdb-allows-disruption",
    severity="warning",
    summary="PodDisruptionBudget that always blocks evictions, or sets no policy",
    rationale=(
        "`maxUnavailable: 0` or `minAvailable: 100%` forbids every voluntary eviction: node "
        "drains hang and cluster upgrades stall until someone deletes the budget. A budget "
        "with neither minAvailable nor maxUnavailable protects nothing."
    ),
    tags=("reliability",),
    aliases=(
        "kube-linter:pdb-max-unavailable",
        "kube-linter:pdb-min-available",
        "kube-score:poddisruptionbudget-has-policy",
        "polaris:pdbDisruptionsIsZero",
        "polaris:pdbMinAvailableGreaterThanHPAMinReplicas",
    ),
    examples=(
        Example(
            bad=PDB.replace("POLICY", "maxUnavailable: 0"),
            good=PDB.replace("POLICY", "maxUnavailable: 1"),
            filename="pdb.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj in manifest.of_kind("PodDisruptionBudget"):
        spec = obj.spec
        policies = [f for f in ("minAvailable", "maxUnavailable") if f in spec]
        if not policies:
            yield Problem(obj.spec_span(), f"{obj.label} sets neither minAvailable nor maxUnavailable")
        for field in policies:
            if _blocks_everything(field, spec[field]):
                yield Problem(spec.value_span(field), f"{obj.label} ({field}: {spec[field]}) never allows an eviction")
