"""Pod sysctls outside the namespaced safe set."""

from lintkit.model import Example, Problem, rule

from .security import POD

#: Sysctls Kubernetes considers safe (namespaced, no effect on other pods).
SAFE_SYSCTLS = frozenset((
    "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
    "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
    "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl",
    "net.ipv4.tcp_keepalive_probes", "net.ipv4.tcp_rmem", "net.ipv4.tcp_wmem",
))  # fmt: skip
_GOOD = POD.replace("      securityContext:\n        SETTING\n", "").replace(
    "spec:\n  containers", "spec:\n  securityContext:\n    sysctls:\n      - {name: NAME, value: '1'}\n  containers"
)


@rule(
    id="K8029",
    name="no-unsafe-sysctls",
    severity="warning",
    summary="Pod sets sysctls outside the safe set",
    rationale=(
        "Unsafe sysctls are not isolated per pod: they change the kernel of the whole node, "
        "affect every other pod there, and can destabilise it. The kubelet rejects them "
        "unless explicitly allowed."
    ),
    tags=("security",),
    aliases=("kube-linter:unsafe-sysctls", "KSV026"),
    examples=(
        Example(
            bad=_GOOD.replace("NAME", "kernel.msgmax"),
            good=_GOOD.replace("NAME", "net.ipv4.tcp_syncookies"),
            filename="pod.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj, pod in manifest.workloads():
        sysctls = (pod.security_context or {}).get("sysctls")
        if not isinstance(sysctls, list):
            continue
        for item in sysctls:
            name = item.get("name") if isinstance(item, dict) else None
            if isinstance(name, str) and name not in SAFE_SYSCTLS:
                yield Problem(item.value_span("name"), f"{obj.label} sets unsafe sysctl {name}")
