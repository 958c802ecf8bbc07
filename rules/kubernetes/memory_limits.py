"""A container without a memory limit."""

from lintkit.model import Example, rule

from .resources import POD, missing_resource


@rule(
    id="K8011",
    name="memory-limits",
    severity="warning",
    summary="Container has no memory limit",
    rationale=(
        "Memory is not compressible: a container without a limit that leaks or spikes "
        "grows until the node runs out, and the kernel's OOM killer then picks victims "
        "among every pod on the node, not just the culprit."
    ),
    tags=("reliability",),
    aliases=(
        "CKV_K8S_13",
        "kube-linter:unset-memory-requirements",
        "kube-score:container-resources",
        "polaris:memoryLimitsMissing",
        "KSV018",
    ),
    examples=(Example(bad=POD.replace(", memory: 256Mi", ""), good=POD, filename="pod.yaml"),),
)
def check(manifest, ctx):
    yield from missing_resource(manifest, "limits", "memory")
