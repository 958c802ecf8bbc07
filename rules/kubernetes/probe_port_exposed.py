"""A probe aimed at a port the container does not declare."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.kubernetes import mapping, port_number

_POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27.2
      ports:
        - {name: http, containerPort: 8080}
      livenessProbe:
        httpGet: {path: /healthz, port: PORT}
"""


@rule(
    id="K8004",
    name="probe-port-exposed",
    severity="warning",
    summary="Probe targets a port the container does not declare",
    rationale=(
        "A probe on a named port the container does not declare never runs: the kubelet "
        "cannot resolve the name and the probe fails, so the container is restarted (liveness) "
        "or never gets traffic (readiness). A numeric port that is missing from a container's "
        "declared ports usually means the probe was not updated when the port changed."
    ),
    tags=("reliability",),
    aliases=("kube-linter:liveness-port", "kube-linter:readiness-port", "kube-linter:startup-port"),
    examples=(Example(bad=_POD.replace("PORT", "metrics"), good=_POD.replace("PORT", "http"), filename="pod.yaml"),),
)
def check(manifest, ctx):
    for container in manifest.containers():
        numbers = {p.get("containerPort") for p in container.ports if isinstance(p.get("containerPort"), int)}
        names = {p.get("name") for p in container.ports if isinstance(p.get("name"), str)}
        for probe_name, probe in container.probes():
            for handler in ("httpGet", "tcpSocket", "grpc"):
                action = mapping(probe.get(handler))
                if action is None or "port" not in action:
                    continue
                port = action["port"]
                if isinstance(port, str) and not port.isdigit():
                    if port not in names:
                        yield Problem(
                            action.value_span("port"),
                            f"{probe_name} of {container.label} uses port name {port!r}, which the container does not declare",
                        )
                elif container.ports and port_number(port) is not None and port_number(port) not in numbers:
                    yield Problem(
                        action.value_span("port"),
                        f"{probe_name} of {container.label} probes port {port}, which is not among the container's ports",
                    )
