"""A writable root filesystem."""

from lintkit.model import Example, Problem, rule

from .security import linux_containers, pod_with


@rule(
    id="K8019",
    name="read-only-root-fs",
    severity="warning",
    summary="Container root filesystem is writable",
    rationale=(
        "An attacker who gets code execution in a container with a writable root filesystem "
        "can drop tools and persist changes to binaries and configuration for the life of the "
        "container. Set `readOnlyRootFilesystem: true` and mount an emptyDir where the "
        "application really writes (/tmp, caches)."
    ),
    tags=("security",),
    aliases=(
        "CKV_K8S_22",
        "kube-linter:no-read-only-root-fs",
        "kube-score:container-security-context-readonlyrootfilesystem",
        "polaris:notReadOnlyRootFilesystem",
        "KSV014",
    ),
    examples=(
        Example(
            bad=pod_with("readOnlyRootFilesystem: false"),
            good=pod_with("readOnlyRootFilesystem: true"),
            filename="pod.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for container in linux_containers(manifest):
        context = container.security_context
        if context is not None and "readOnlyRootFilesystem" in context:
            if context["readOnlyRootFilesystem"] is not True:
                yield Problem(
                    context.value_span("readOnlyRootFilesystem"), f"{container.label} has a writable root filesystem"
                )
        else:
            where = container.node.key_span("securityContext") if context is not None else container.name_span()
            yield Problem(where, f"{container.label} does not set readOnlyRootFilesystem: true")
