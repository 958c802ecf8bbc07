"""Workloads with too few replicas to survive a node failure."""

from lintkit.model import Example, Problem, rule

_DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  replicas: COUNT
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - {name: web, image: "nginx:1.27.2"}
"""


@rule(
    id="K8064",
    name="min-replicas",
    severity="info",
    summary="Deployment or StatefulSet runs fewer replicas than the minimum",
    rationale=(
        "With one replica every node drain, eviction or crash is an outage; with two, a "
        "rolling update or a node loss leaves a single pod carrying everything. Workloads "
        "managed by a HorizontalPodAutoscaler usually leave replicas unset and are not "
        "reported for it. Off by default (`minimum`: 3)."
    ),
    tags=("reliability",),
    aliases=(
        "kube-linter:minimum-three-replicas",
        "kube-score:deployment-replicas",
        "polaris:deploymentMissingReplicas",
    ),
    enabled=False,
    options={
        "type": "object",
        "properties": {"minimum": {"type": "integer", "default": 3, "minimum": 1}},
        "additionalProperties": False,
    },
    examples=(
        Example(
            bad=_DEPLOYMENT.replace("COUNT", "1"), good=_DEPLOYMENT.replace("COUNT", "3"), filename="deployment.yaml"
        ),
    ),
)
def check(manifest, ctx):
    minimum = ctx.options["minimum"]
    for obj in manifest.of_kind("Deployment", "StatefulSet"):
        replicas = obj.spec.get("replicas")
        if isinstance(replicas, int) and not isinstance(replicas, bool) and 0 < replicas < minimum:
            yield Problem(
                obj.spec.value_span("replicas"), f"{obj.label} runs {replicas} replica(s), fewer than {minimum}"
            )
