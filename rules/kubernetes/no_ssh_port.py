"""Containers exposing SSH."""

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
    id="K8054",
    name="no-ssh-port",
    severity="warning",
    summary="Container exposes port 22 (SSH)",
    rationale=(
        "An SSH server in a container is a second, unaudited way in, with its own keys to "
        "manage. Use `kubectl exec` (governed by RBAC) for debugging."
    ),
    tags=("security",),
    aliases=("kube-linter:ssh-port",),
    examples=(Example(bad=_POD.replace("PORT", "22"), good=_POD.replace("PORT", "8080"), filename="pod.yaml"),),
)
def check(manifest, ctx):
    for container in manifest.containers():
        for port in container.ports:
            if port.get("containerPort") == 22 and port.get("protocol", "TCP") == "TCP":
                yield Problem(port.value_span("containerPort"), f"{container.label} exposes SSH (port 22)")
