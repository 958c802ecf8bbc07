"""allowPrivilegeEscalation not set to false."""

from lintkit.model import Example, Problem, rule

from .security import pod_security_policies, pod_with, required_setting


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
    fix="unsafe",
    examples=(
        Example(
            bad=pod_with("allowPrivilegeEscalation: true"),
            good=pod_with("allowPrivilegeEscalation: false"),
            filename="pod.yaml",
        ),
    ),
)
def check(manifest, ctx):
    yield from required_setting(manifest, "allowPrivilegeEscalation", False, "allows privilege escalation")
    for obj, spec in pod_security_policies(manifest):
        if spec.get("allowPrivilegeEscalation") is False:
            continue
        where = spec.value_span("allowPrivilegeEscalation") if "allowPrivilegeEscalation" in spec else obj.spec_span()
        yield Problem(where, f"{obj.label} admits containers that escalate privileges")
