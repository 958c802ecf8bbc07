"""allowPrivilegeEscalation not set to false."""

from lintkit.model import Example, Problem, rule

from .security import linux_containers, pod_security_policies, pod_with


@rule(
    id="K8015",
    name="no-privilege-escalation",
    severity="warning",
    summary="allowPrivilegeEscalation is not explicitly false",
    rationale=(
        "Unless `allowPrivilegeEscalation: false` is set, a process in the container can gain "
        "more privileges than its parent through setuid binaries or file capabilities "
        "(`no_new_privs` is not set), so a compromise of a non-root process can become root. "
        "The default is to allow it. Also reported for PodSecurityPolicies that allow it."
    ),
    tags=("security",),
    aliases=(
        "CKV_K8S_20",
        "CKV_K8S_5",
        "kube-linter:privilege-escalation-container",
        "polaris:privilegeEscalationAllowed",
        "KSV001",
    ),
    examples=(
        Example(
            bad=pod_with("allowPrivilegeEscalation: true"),
            good=pod_with("allowPrivilegeEscalation: false"),
            filename="pod.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for container in linux_containers(manifest):
        context = container.security_context
        if context is not None and "allowPrivilegeEscalation" in context:
            if context["allowPrivilegeEscalation"] is not False:
                yield Problem(
                    context.value_span("allowPrivilegeEscalation"), f"{container.label} allows privilege escalation"
                )
        else:
            where = container.node.key_span("securityContext") if context is not None else container.name_span()
            yield Problem(where, f"{container.label} does not set allowPrivilegeEscalation: false")
    for obj, spec in pod_security_policies(manifest):
        if spec.get("allowPrivilegeEscalation") is False:
            continue
        where = spec.value_span("allowPrivilegeEscalation") if "allowPrivilegeEscalation" in spec else obj.spec_span()
        yield Problem(where, f"{obj.label} admits containers that escalate privileges")
