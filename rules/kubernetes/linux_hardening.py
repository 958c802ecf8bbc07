"""Containers with none of the Linux hardening mechanisms."""

from lintkit.model import Example, Problem, rule

from .security import POD, capabilities, linux_containers


@rule(
    id="K8026",
    name="linux-hardening",
    severity="info",
    summary="None of seccomp, AppArmor, SELinux or capability drops applied",
    rationale=(
        "Each of seccomp, AppArmor, SELinux and dropped capabilities closes some escape "
        "routes; a container with none of them relies on the namespace boundary alone. Off "
        "by default: the specific rules (seccomp-profile, drop-all-capabilities) are more precise."
    ),
    tags=("security",),
    aliases=("polaris:linuxHardening",),
    enabled=False,
    examples=(
        Example(
            bad=POD.replace("SETTING", "runAsNonRoot: true"),
            good=POD.replace("SETTING", "capabilities: {drop: [ALL]}"),
            filename="pod.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for container in linux_containers(manifest):
        if capabilities(container, "drop"):
            continue
        if any(container.security_setting(f) for f in ("seccompProfile", "appArmorProfile", "seLinuxOptions")):
            continue
        annotations = container.pod.annotations
        if annotations.get("seccomp.security.alpha.kubernetes.io/pod") or annotations.get(
            "container.apparmor.security.beta.kubernetes.io/" + container.name
        ):
            continue
        yield Problem(container.name_span(), f"{container.label} has no seccomp, AppArmor, SELinux or capability drops")
