"""security_opt turning seccomp, AppArmor or SELinux labelling off."""

from lintkit.model import Example, Problem, rule

#: security_opt values (``:`` or ``=`` form) that remove a confinement layer.
DISABLING = {
    "seccomp:unconfined": "the seccomp syscall filter",
    "apparmor:unconfined": "the AppArmor profile",
    "label:disable": "SELinux labelling",
    "systempaths:unconfined": "the masking of /proc and /sys paths",
}


@rule(
    id="DC022",
    name="seccomp-not-disabled",
    severity="warning",
    summary="security_opt turns seccomp, AppArmor or SELinux confinement off",
    rationale=(
        "Docker's default seccomp profile blocks about 50 syscalls that containers do not "
        "need and that most kernel escapes use; AppArmor and SELinux confine file access. "
        "`seccomp:unconfined` and friends remove that layer for the whole container. Write "
        "a custom profile that allows the one syscall needed."
    ),
    tags=("security",),
    aliases=("kics:default_seccomp_profile_disabled", "compose-lint:CL-0009"),
    examples=(
        Example(
            bad="services:\n  app:\n    image: app:1.0\n    security_opt:\n      - seccomp:unconfined\n",
            good="services:\n  app:\n    image: app:1.0\n    security_opt:\n      - no-new-privileges:true\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    for service in compose.services:
        for _i, item, span in service.items("security_opt"):
            text = compose.resolved_text(item)
            if text is None:
                continue
            normalized = text.strip().lower().replace("=", ":", 1).replace(" ", "")
            what = DISABLING.get(normalized)
            if what:
                yield Problem(span, f"service {service.name!r} disables {what} (`{text}`)")
