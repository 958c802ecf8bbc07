"""ephemeral-storage request and limit unset, or different."""

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
        requests: {ephemeral-storage: 1Gi}
        limits: {ephemeral-storage: LIMIT}
"""


@rule(
    id="K8012",
    name="ephemeral-storage-resources",
    severity="info",
    summary="ephemeral-storage request/limit absent or unequal",
    rationale=(
        "Logs, emptyDir volumes and the writable layer all count as ephemeral storage. A pod "
        "without a limit can fill the node's disk, and the kubelet then evicts pods at random; "
        "with request equal to limit the scheduler reserves what the pod may use. Off by default."
    ),
    tags=("reliability",),
    aliases=(
        "kube-score:container-ephemeral-storage-request-and-limit",
        "kube-score:container-ephemeral-storage-request-equals-limit",
    ),
    enabled=False,
    examples=(Example(bad=_POD.replace("LIMIT", "2Gi"), good=_POD.replace("LIMIT", "1Gi"), filename="pod.yaml"),),
)
def check(manifest, ctx):
    for container in manifest.containers():
        if container.list_name == "ephemeralContainers":
            continue
        request = container.resource("requests", "ephemeral-storage")
        limit = container.resource("limits", "ephemeral-storage")
        where = container.node.key_span("resources") if container.resources is not None else container.name_span()
        if limit is None:
            yield Problem(where, f"{container.label} has no ephemeral-storage limit")
        elif request is not None and str(request) != str(limit):
            yield Problem(
                container.resources["requests"].value_span("ephemeral-storage"),
                f"{container.label} requests {request} of ephemeral-storage but is limited to {limit}",
            )
