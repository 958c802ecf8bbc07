"""A container without a CPU limit."""

from lintkit.model import Example, rule

from .resources import POD, missing_resource


@rule(
    id="K8009",
    name="cpu-limits",
    severity="info",
    summary="Container has no CPU limit",
    rationale=(
        "Without a CPU limit one busy container can take every idle core of its node. "
        "Opinions differ (limits cause throttling even when cores are idle), so this is "
        "informational; set at least a request."
    ),
    tags=("reliability",),
    aliases=(
        "CKV_K8S_11",
        "kube-linter:unset-cpu-requirements",
        "kube-score:container-resources",
        "polaris:cpuLimitsMissing",
        "KSV011",
    ),
    examples=(Example(bad=POD.replace("cpu: 500m, ", ""), good=POD, filename="pod.yaml"),),
)
def check(manifest, ctx):
    yield from missing_resource(manifest, "limits", "cpu")
