"""A container without a memory request."""

from lintkit.model import Example, rule

from .resources import POD, missing_resource


@rule(
    id="K8010",
    name="memory-requests",
    severity="warning",
    summary="Container has no memory request",
    rationale=(
        "The scheduler places pods by their requests; a container without a memory request "
        "can land on a node that has no memory for it, and it is the first one the kubelet "
        "evicts under memory pressure. A limit without a request is fine: the request then "
        "defaults to the limit."
    ),
    tags=("reliability",),
    aliases=(
        "CKV_K8S_12",
        "kube-linter:unset-memory-requirements",
        "kube-score:container-resources",
        "polaris:memoryRequestsMissing",
        "KSV016",
    ),
    examples=(
        Example(bad=POD.replace("memory: 128Mi", "").replace(", memory: 256Mi", ""), good=POD, filename="pod.yaml"),
    ),
)
def check(manifest, ctx):
    yield from missing_resource(manifest, "requests", "memory")
