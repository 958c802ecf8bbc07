"""HorizontalPodAutoscalers that can scale to one replica, or cannot scale."""

from lintkit.model import Example, Problem, rule

_HPA = """\
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: web
spec:
  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}
  minReplicas: MIN
  maxReplicas: 10
"""


@rule(
    id="K8072",
    name="hpa-replica-bounds",
    severity="info",
    summary="HPA minReplicas below the minimum, or maxReplicas not above minReplicas",
    rationale=(
        "An autoscaler allowed down to one replica turns every quiet hour into a single point "
        "of failure; one whose maxReplicas does not exceed minReplicas never scales."
    ),
    tags=("reliability",),
    aliases=(
        "kube-linter:hpa-minimum-three-replicas",
        "kube-score:horizontalpodautoscaler-replicas",
        "polaris:hpaMinAvailability",
        "polaris:hpaMaxAvailability",
    ),
    options={
        "type": "object",
        "properties": {"minimum": {"type": "integer", "default": 2, "minimum": 1}},
        "additionalProperties": False,
    },
    examples=(Example(bad=_HPA.replace("MIN", "1"), good=_HPA.replace("MIN", "2"), filename="hpa.yaml"),),
)
def check(manifest, ctx):
    minimum = ctx.options["minimum"]
    for obj in manifest.of_kind("HorizontalPodAutoscaler"):
        spec = obj.spec
        low = spec.get("minReplicas", 1)
        high = spec.get("maxReplicas")
        if isinstance(low, int) and low < minimum:
            where = spec.value_span("minReplicas") if "minReplicas" in spec else obj.spec_span()
            yield Problem(where, f"{obj.label} may scale down to {low} replica(s) (minimum {minimum})")
        if isinstance(low, int) and isinstance(high, int) and high <= low:
            yield Problem(
                spec.value_span("maxReplicas"), f"{obj.label} cannot scale: maxReplicas {high} <= minReplicas {low}"
            )
