"""cap_add of capabilities that reach the host."""

from lintkit.model import Example, Problem, rule

#: Capability -> what it hands the container. The first group is host takeover.
CAPABILITIES = {
    "ALL": "every capability, the capability half of privileged: true",
    "SYS_ADMIN": "mount, namespace and device administration: the usual container-escape route",
    "SYS_MODULE": "loading kernel modules, i.e. running code in the host kernel",
    "SYS_RAWIO": "raw access to I/O ports and physical memory",
    "NET_ADMIN": "reconfiguring interfaces, routes and firewall rules, and intercepting neighbours' traffic",
    "BPF": "loading BPF programs into the host kernel",
    "SYS_BOOT": "rebooting the host",
    "PERFMON": "performance monitoring of every process on the host",
    "SYS_TIME": "setting the host clock, which no namespace isolates",
    "SYS_PTRACE": "tracing and reading the memory of other processes",
    "DAC_READ_SEARCH": "bypassing read permissions and opening files by handle (a known escape with host mounts)",
    "SYS_NICE": "real-time scheduling above every host process",
    "IPC_LOCK": "locking unbounded host memory",
    "LEASE": "file leases that stall the host's own access to mounted files",
    "SYSLOG": "reading the host kernel log",
}


@rule(
    id="DC024",
    name="dangerous-capabilities",
    severity="warning",
    summary="cap_add grants a capability that reaches past the container",
    rationale=(
        "Capabilities split root's power; most reach only into the container, but some act "
        "on the host kernel, its clock, its modules or its other processes. Adding one gives "
        "up much of the isolation a container provides. Grant the narrowest capability that "
        "works, or none."
    ),
    tags=("security",),
    aliases=(
        "compose-lint:CL-0011",
        "compose-lint:CL-0024",
        "compose-lint:CL-0027",
        "compose-lint:CL-0028",
        "compose-lint:CL-0029",
        "compose-lint:CL-0030",
        "kics:container_capabilities_unrestricted",
    ),
    examples=(
        Example(
            bad="services:\n  vpn:\n    image: wg:1.0\n    cap_add:\n      - SYS_ADMIN\n",
            good="services:\n  vpn:\n    image: wg:1.0\n    cap_add:\n      - NET_BIND_SERVICE\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    for service in compose.services:
        for _i, item, span in service.items("cap_add"):
            text = compose.resolved_text(item)
            if text is None:
                continue
            written = text.strip().upper()
            name = written.removeprefix("CAP_")
            if name == "ALL" and written != "ALL":
                continue  # CAP_ALL is not a name Docker accepts
            what = CAPABILITIES.get(name)
            if what:
                yield Problem(span, f"service {service.name!r} adds {written}: {what}")
