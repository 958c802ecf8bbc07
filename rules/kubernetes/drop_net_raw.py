"""NET_RAW neither dropped nor left out."""

from lintkit.model import Example, Problem, rule

from .security import (
    capabilities,
    capabilities_span,
    capability_name,
    linux_containers,
    pod_security_policies,
    pod_with,
)

_DROPPING_NET_RAW = frozenset(("ALL", "NET_RAW"))


@rule(
    id="K8022",
    name="drop-net-raw",
    severity="warning",
    summary="NET_RAW is not dropped, or is explicitly added",
    rationale=(
        "NET_RAW lets a process craft arbitrary packets: ARP and DNS spoofing of its "
        "neighbours on the node's network. Runtimes grant it by default. Off by default "
        "because drop-all-capabilities already covers it; enable it when a policy only "
        "requires NET_RAW to go."
    ),
    tags=("security",),
    aliases=("CKV_K8S_28", "CKV_K8S_7", "kube-linter:drop-net-raw-capability", "KSV119"),
    enabled=False,
    examples=(
        Example(
            bad=pod_with("capabilities: {drop: [SYS_ADMIN]}"),
            good=pod_with("capabilities: {drop: [NET_RAW]}"),
            filename="pod.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for container in linux_containers(manifest):
        added = capabilities(container, "add") or []
        for index, capability in enumerate(added):
            if capability_name(capability) == "NET_RAW":
                yield Problem(added.item_span(index), f"{container.label} adds NET_RAW")
        drop = capabilities(container, "drop")
        if drop is not None and any(capability_name(c) in _DROPPING_NET_RAW for c in drop):
            continue
        where = (
            container.security_context["capabilities"].key_span("drop")
            if drop is not None
            else capabilities_span(container)
        )
        yield Problem(where, f"{container.label} does not drop NET_RAW")
    for obj, spec in pod_security_policies(manifest):
        required = spec.get("requiredDropCapabilities")
        if isinstance(required, list) and any(capability_name(c) in _DROPPING_NET_RAW for c in required):
            continue
        where = spec.key_span("requiredDropCapabilities") if "requiredDropCapabilities" in spec else obj.spec_span()
        yield Problem(where, f"{obj.label} does not require dropping NET_RAW")
