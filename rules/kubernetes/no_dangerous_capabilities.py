"""Capabilities added to a container."""

from lintkit.model import Example, Problem, rule

from .security import capabilities, capability_name, pod_security_policies, pod_with

#: Capabilities that amount to root on the node (or close), named as such in messages.
_DANGEROUS = {
    "ALL": "every capability",
    "SYS_ADMIN": "mount, namespaces, most of root",
    "NET_ADMIN": "network configuration of the pod, sniffing and rerouting",
    "SYS_MODULE": "loading kernel modules",
    "SYS_PTRACE": "tracing and injecting into other processes",
    "SYS_RAWIO": "raw device and I/O port access",
    "SYS_BOOT": "rebooting the node",
    "DAC_READ_SEARCH": "reading any file, container escape (shocker)",
    "BPF": "loading eBPF programs into the kernel",
    "PERFMON": "kernel performance monitoring",
    "NET_RAW": "crafting raw packets (spoofing)",
    "SYS_TIME": "setting the node clock",
    "MKNOD": "creating device files",
}


@rule(
    id="K8023",
    name="no-dangerous-capabilities",
    severity="warning",
    summary="Container adds Linux capabilities (SYS_ADMIN, NET_ADMIN, ...)",
    rationale=(
        "Every added capability widens what a compromised process can do to the node; "
        "SYS_ADMIN, NET_ADMIN, SYS_MODULE and friends amount to root. The `allowed` option "
        "lists capabilities that may be added (default: NET_BIND_SERVICE, the only one the "
        "restricted Pod Security Standard allows). PodSecurityPolicies that allow or add "
        "capabilities are reported too."
    ),
    tags=("security",),
    aliases=("CKV_K8S_25", "CKV_K8S_24", "CKV_K8S_39", "polaris:dangerousCapabilities", "KSV005", "KSV022", "KSV120"),
    options={
        "type": "object",
        "properties": {
            "allowed": {
                "type": "array",
                "items": {"type": "string"},
                "default": ["NET_BIND_SERVICE"],
                "description": "capabilities that may be added",
            },
        },
        "additionalProperties": False,
    },
    examples=(
        Example(
            bad=pod_with("capabilities: {drop: [ALL], add: [SYS_ADMIN]}"),
            good=pod_with("capabilities: {drop: [ALL], add: [NET_BIND_SERVICE]}"),
            filename="pod.yaml",
        ),
    ),
)
def check(manifest, ctx):
    allowed = {capability_name(c) for c in ctx.options["allowed"]}
    for container in manifest.containers():
        added = capabilities(container, "add") or []
        for index, capability in enumerate(added):
            name = capability_name(capability)
            if name not in allowed:
                yield Problem(added.item_span(index), f"{container.label} adds {name}{_why(name)}")
    for obj, spec in pod_security_policies(manifest):
        for field in ("allowedCapabilities", "defaultAddCapabilities"):
            listed = spec.get(field)
            if not isinstance(listed, list):
                continue
            for index, capability in enumerate(listed):
                name = capability_name(capability)
                if name not in allowed:
                    yield Problem(listed.item_span(index), f"{obj.label} {field} includes {name}{_why(name)}")


def _why(name: str) -> str:
    return f" ({_DANGEROUS[name]})" if name in _DANGEROUS else ""
