"""Capabilities not dropped down to none."""

from lintkit.model import Example, Problem, rule

from .security import (
    capabilities,
    capabilities_span,
    capability_name,
    linux_containers,
    pod_security_policies,
    pod_with,
)


@rule(
    id="K8021",
    name="drop-all-capabilities",
    severity="warning",
    summary="Container does not drop ALL capabilities",
    rationale=(
        "Container runtimes grant a default set of Linux capabilities (CHOWN, DAC_OVERRIDE, "
        "FOWNER, SETUID, NET_RAW, ...) that most applications never use and attackers do. "
        "Drop ALL and add back the one or two the workload needs (usually none, or "
        "NET_BIND_SERVICE). PodSecurityPolicies should require dropping ALL."
    ),
    tags=("security",),
    aliases=("CKV_K8S_37", "CKV_K8S_36", "polaris:insecureCapabilities", "KSV003", "KSV004", "KSV106"),
    examples=(
        Example(
            bad=pod_with("capabilities: {drop: [NET_RAW]}"),
            good=pod_with("capabilities: {drop: [ALL]}"),
            filename="pod.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for container in linux_containers(manifest):
        drop = capabilities(container, "drop")
        if drop is not None and any(capability_name(c) == "ALL" for c in drop):
            continue
        if drop is None and container.pod.obj.is_patch:
            continue  # a patch leaves what it does not set to its base
        where = (
            container.security_context["capabilities"].key_span("drop")
            if drop is not None
            else capabilities_span(container)
        )
        yield Problem(where, f"{container.label} does not drop ALL capabilities")
    for obj, spec in pod_security_policies(manifest):
        required = spec.get("requiredDropCapabilities")
        if isinstance(required, list) and any(capability_name(c) == "ALL" for c in required):
            continue
        where = spec.key_span("requiredDropCapabilities") if "requiredDropCapabilities" in spec else obj.spec_span()
        yield Problem(where, f"{obj.label} does not require dropping ALL capabilities")
