"""A container without a CPU request."""

from lintkit.model import Example, rule

from .resources import POD, missing_resource


@rule(
    id="K8008",
    name="cpu-requests",
    severity="warning",
    summary="Container has no CPU request",
    rationale=(
        "The scheduler places pods by their requests. A container without a CPU request "
        "counts as needing none, so nodes get overcommitted and the container is the first "
        "to be starved under contention (BestEffort QoS). A limit without a request is fine: "
        "the request then defaults to the limit."
    ),
    tags=("reliability",),
    aliases=(
        "CKV_K8S_10",
        "kube-linter:unset-cpu-requirements",
        "kube-score:container-resources",
        "polaris:cpuRequestsMissing",
        "KSV015",
    ),
    examples=(Example(bad=POD.replace("cpu: 100m, ", "").replace("cpu: 500m, ", ""), good=POD, filename="pod.yaml"),),
)
def check(manifest, ctx):
    yield from missing_resource(manifest, "requests", "cpu")
