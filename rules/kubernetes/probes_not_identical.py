"""Liveness and readiness probes that run the same check."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.kubernetes import mapping

_POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27.2
      livenessProbe:
        httpGet: {path: /healthz, port: 80}
      readinessProbe:
        httpGet: {path: READY, port: 80}
"""
_HANDLERS = ("httpGet", "tcpSocket", "exec", "grpc")


@rule(
    id="K8005",
    name="probes-not-identical",
    severity="info",
    summary="Liveness and readiness probes are the same check",
    rationale=(
        'Readiness answers "can I take traffic now" and liveness "am I beyond repair". '
        "When both ask the same question, a pod that is only overloaded fails liveness too "
        "and is restarted, which turns a slowdown into an outage. Make liveness a cheaper "
        "check (process alive) than readiness (dependencies reachable)."
    ),
    tags=("reliability",),
    aliases=("kube-score:pod-probes-identical",),
    examples=(
        Example(bad=_POD.replace("READY", "/healthz"), good=_POD.replace("READY", "/ready"), filename="pod.yaml"),
    ),
)
def check(manifest, ctx):
    for container in manifest.containers():
        liveness = mapping(container.node.get("livenessProbe"))
        readiness = mapping(container.node.get("readinessProbe"))
        if liveness is None or readiness is None:
            continue
        handler = next((h for h in _HANDLERS if h in liveness), None)
        if handler is not None and liveness.get(handler) == readiness.get(handler):
            yield Problem(
                container.node.key_span("livenessProbe"),
                f"{container.label}: livenessProbe runs the same {handler} check as its readinessProbe",
            )
