"""Container ports below 1024."""

from lintkit.model import Example, Problem, rule

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
        - containerPort: PORT
"""


@rule(
    id="K8055",
    name="no-privileged-ports",
    severity="info",
    summary="Container listens on a port below 1024",
    rationale=(
        "Binding a port below 1024 needs root or NET_BIND_SERVICE inside the container, which "
        "gets in the way of running as non-root. Listen on a high port and let the Service "
        "map port 80 to it. Off by default."
    ),
    tags=("security",),
    aliases=("kube-linter:privileged-ports", "KSV117"),
    enabled=False,
    examples=(Example(bad=_POD.replace("PORT", "80"), good=_POD.replace("PORT", "8080"), filename="pod.yaml"),),
)
def check(manifest, ctx):
    for container in manifest.containers():
        for port in container.ports:
            number = port.get("containerPort")
            if isinstance(number, int) and not isinstance(number, bool) and 0 < number < 1024:
                yield Problem(
                    port.value_span("containerPort"), f"{container.label} listens on privileged port {number}"
                )
