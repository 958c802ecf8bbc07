"""Requests that differ from limits (pods not in the Guaranteed QoS class)."""

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
      resources:
        requests: {cpu: 500m, memory: 256Mi}
        limits: {cpu: 500m, memory: LIMIT}
"""


@rule(
    id="K8013",
    name="requests-equal-limits",
    severity="info",
    summary="CPU or memory requests differ from the limits",
    rationale=(
        "Only pods whose requests equal their limits get the Guaranteed QoS class, the last "
        "to be evicted under node pressure; with requests below limits the node is "
        "overcommitted by design. Off by default: Burstable is a reasonable choice for most workloads."
    ),
    tags=("reliability",),
    aliases=(
        "kube-score:container-resource-requests-equal-limits",
        "kube-score:container-cpu-requests-equal-limits",
        "kube-score:container-memory-requests-equal-limits",
    ),
    enabled=False,
    examples=(Example(bad=_POD.replace("LIMIT", "512Mi"), good=_POD.replace("LIMIT", "256Mi"), filename="pod.yaml"),),
)
def check(manifest, ctx):
    for container in manifest.containers():
        for resource in ("cpu", "memory"):
            request = container.resource("requests", resource)
            limit = container.resource("limits", resource)
            if request is not None and limit is not None and str(request) != str(limit):
                yield Problem(
                    container.resources["requests"].value_span(resource),
                    f"{container.label} requests {request} of {resource} but is limited to {limit}",
                )
