"""A writable root filesystem."""

from lintkit.model import Example, rule

from .security import pod_with, required_setting


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
    fix="unsafe",
    examples=(
        Example(
            bad=pod_with("readOnlyRootFilesystem: false"),
            good=pod_with("readOnlyRootFilesystem: true"),
            filename="pod.yaml",
        ),
    ),
)
def check(manifest, ctx):
    yield from required_setting(manifest, "readOnlyRootFilesystem", True, "has a writable root filesystem")
