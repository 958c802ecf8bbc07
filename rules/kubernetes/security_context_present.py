"""Pods and containers without any securityContext."""

from lintkit.model import Example, Problem, rule

from .security import POD


@rule(
    id="K8020",
    name="security-context-present",
    severity="info",
    summary="Pod or container has no securityContext at all",
    rationale=(
        "Without a securityContext every hardening setting is at its permissive default (root "
        "user, privilege escalation, all default capabilities, no seccomp). The specific rules "
        "say what to set; this one flags pods and containers that set nothing. Off by default."
    ),
    tags=("security",),
    aliases=("CKV_K8S_29", "CKV_K8S_30", "KSV118"),
    enabled=False,
    examples=(
        Example(
            bad=POD.replace("      securityContext:\n        SETTING\n", ""),
            good=POD.replace(
                "spec:\n  containers", "spec:\n  securityContext: {runAsNonRoot: true}\n  containers"
            ).replace("SETTING", "allowPrivilegeEscalation: false"),
            filename="pod.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj, pod in manifest.workloads():
        if not pod.security_context:
            where = pod.node.key_span("securityContext") if "securityContext" in pod.node else pod.span
            yield Problem(where, f"{obj.label} sets no pod securityContext")
        for container in pod.containers:
            if container.list_name == "ephemeralContainers":
                continue
            if not container.security_context:
                node = container.node
                where = node.key_span("securityContext") if "securityContext" in node else container.name_span()
                yield Problem(where, f"{container.label} sets no securityContext")
