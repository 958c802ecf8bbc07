"""Primary, filesystem or supplementary group 0."""

from lintkit.model import Example, Problem, rule

from .security import is_zero, pod_with


@rule(
    id="K8018",
    name="no-root-group",
    severity="warning",
    summary="Container runs with group 0 (root) as primary, fs or supplementary group",
    rationale=(
        "Group 0 owns much of a typical image's filesystem and many host files: a process "
        "with GID 0 can write to them even as a non-root user. Set `runAsGroup`, `fsGroup` "
        "and `supplementalGroups` to non-zero groups."
    ),
    tags=("security",),
    aliases=("kube-linter:run-as-non-root", "KSV116"),
    examples=(Example(bad=pod_with("runAsGroup: 0"), good=pod_with("runAsGroup: 10001"), filename="pod.yaml"),),
)
def check(manifest, ctx):
    for obj, pod in manifest.workloads():
        pod_context = pod.security_context
        if pod_context is not None:
            if is_zero(pod_context.get("fsGroup")):
                yield Problem(pod_context.value_span("fsGroup"), f"{obj.label} sets fsGroup 0 (root)")
            groups = pod_context.get("supplementalGroups")
            if isinstance(groups, list):
                for index, group in enumerate(groups):
                    if is_zero(group):
                        yield Problem(groups.item_span(index), f"{obj.label} adds supplementary group 0 (root)")
            if is_zero(pod_context.get("runAsGroup")):
                yield Problem(
                    pod_context.value_span("runAsGroup"), f"{obj.label} runs its containers with GID 0 (root)"
                )
        for container in pod.containers:
            context = container.security_context
            if context is not None and is_zero(context.get("runAsGroup")):
                yield Problem(context.value_span("runAsGroup"), f"{container.label} runs with GID 0 (root)")
