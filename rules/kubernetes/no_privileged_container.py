"""A privileged container."""

from lintkit.model import Example, Problem, rule

from .security import pod_security_policies, pod_with


@rule(
    id="K8014",
    name="no-privileged-container",
    severity="error",
    summary="Container runs privileged",
    rationale=(
        "A privileged container sees every device of the node and runs without the kernel's "
        "confinement (capabilities, seccomp, AppArmor, cgroup device rules): root in it is root "
        "on the node. Grant the one capability or device the workload needs instead. Also "
        "reported for PodSecurityPolicies that admit privileged pods."
    ),
    tags=("security",),
    aliases=(
        "CKV_K8S_16",
        "CKV_K8S_2",
        "kube-linter:privileged-container",
        "kube-score:container-security-context-privileged",
        "polaris:runAsPrivileged",
        "KSV017",
    ),
    examples=(Example(bad=pod_with("privileged: true"), good=pod_with("privileged: false"), filename="pod.yaml"),),
)
def check(manifest, ctx):
    for container in manifest.containers():
        context = container.security_context
        if context is not None and context.get("privileged") is True:
            yield Problem(context.value_span("privileged"), f"{container.label} runs privileged")
    for obj, spec in pod_security_policies(manifest):
        if spec.get("privileged") is True:
            yield Problem(spec.value_span("privileged"), f"{obj.label} admits privileged containers")
