"""Containers binding a port of the node."""

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
        - containerPort: 8080
"""


@rule(
    id="K8034",
    name="no-host-port",
    severity="warning",
    summary="Container binds a hostPort",
    rationale=(
        "A hostPort opens the port on the node's own addresses, around Services and "
        "NetworkPolicies, and limits scheduling: two pods wanting the same hostPort cannot "
        "share a node. Expose the pod through a Service instead."
    ),
    tags=("security",),
    aliases=("CKV_K8S_26", "polaris:hostPortSet", "KSV024"),
    examples=(Example(bad=_POD.replace("8080\n", "8080\n          hostPort: 8080\n"), good=_POD, filename="pod.yaml"),),
)
def check(manifest, ctx):
    for container in manifest.containers():
        for port in container.ports:
            if "hostPort" in port and port["hostPort"] not in (None, 0):
                yield Problem(port.value_span("hostPort"), f"{container.label} binds host port {port['hostPort']}")
