"""Rolling-update settings that allow every replica down at once."""

from lintkit.model import Example, Problem, rule
from lintkit.numbers import decimal
from lintkit.parsers.kubernetes import dig, mapping

from .snippets import DEPLOYMENT

_STRATEGY = "strategy: {type: RollingUpdate, rollingUpdate: {maxUnavailable: VALUE, maxSurge: 1}}"


def percent(value) -> int | None:
    if isinstance(value, str) and value.endswith("%"):
        return decimal(value[:-1].strip())
    return None


def _is_zero(value) -> bool:
    return (value == 0 and not isinstance(value, bool)) or percent(value) == 0


@rule(
    id="K8071",
    name="rolling-update-strategy",
    severity="warning",
    summary="Rolling update allows all replicas to be unavailable at once",
    rationale=(
        "`maxUnavailable: 100%` (or at least the replica count) lets a rollout stop every old "
        "pod before a new one is ready: each deploy is an outage, and a bad image takes the "
        "service down entirely. maxUnavailable and maxSurge both 0 is rejected by the API server."
    ),
    tags=("reliability",),
    aliases=("kube-linter:no-rolling-update-strategy", "kube-score:deployment-strategy"),
    examples=(
        Example(
            bad=DEPLOYMENT.replace(
                "  replicas: 3\n", "  replicas: 3\n  " + _STRATEGY.replace("VALUE", "100%") + "\n"
            ).replace("      SPREAD\n", ""),
            good=DEPLOYMENT.replace(
                "  replicas: 3\n", "  replicas: 3\n  " + _STRATEGY.replace("VALUE", "25%") + "\n"
            ).replace("      SPREAD\n", ""),
            filename="deployment.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj in manifest.of_kind("Deployment", "DaemonSet", "StatefulSet"):
        field = "strategy" if obj.kind == "Deployment" else "updateStrategy"
        rolling = mapping(dig(obj.spec, field, "rollingUpdate"))
        if rolling is None:
            continue
        unavailable = rolling.get("maxUnavailable")
        replicas = obj.spec.get("replicas", 1)
        if unavailable is not None:
            share = percent(unavailable)
            everything = (share is not None and share >= 100) or (
                isinstance(unavailable, int)
                and not isinstance(unavailable, bool)
                and isinstance(replicas, int)
                and replicas > 1
                and unavailable >= replicas
            )
            if everything:
                yield Problem(
                    rolling.value_span("maxUnavailable"),
                    f"{obj.label} lets a rollout take every replica down (maxUnavailable: {unavailable})",
                )
                continue
        if obj.kind == "Deployment" and _is_zero(unavailable) and _is_zero(rolling.get("maxSurge")):
            yield Problem(
                rolling.span, f"{obj.label} sets maxUnavailable and maxSurge both to 0; a rollout cannot progress"
            )
