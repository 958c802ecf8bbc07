"""Pods editing /etc/hosts through hostAliases."""

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
"""


@rule(
    id="K8038",
    name="no-host-aliases",
    severity="info",
    summary="Pod sets hostAliases (entries in /etc/hosts)",
    rationale=(
        "hostAliases hard-code name resolution inside the pod: the entries silently go stale "
        "when the address changes, and they can redirect a trusted name. Prefer DNS. Off by default."
    ),
    tags=("maintainability",),
    aliases=("KSV007",),
    enabled=False,
    examples=(
        Example(
            bad=_POD.replace("spec:\n", "spec:\n  hostAliases:\n    - {ip: 10.0.0.5, hostnames: [db.internal]}\n"),
            good=_POD,
            filename="pod.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj, pod in manifest.workloads():
        if pod.node.get("hostAliases"):
            yield Problem(pod.node.key_span("hostAliases"), f"{obj.label} writes entries into /etc/hosts (hostAliases)")
