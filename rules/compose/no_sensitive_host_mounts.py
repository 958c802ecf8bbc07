"""Bind mounts of sensitive host paths."""

from lintkit.model import Example, Problem, rule

from lintkit.hostpaths import sensitive


@rule(
    id="DC026",
    name="no-sensitive-host-mounts",
    severity="warning",
    summary="A sensitive host directory is bind-mounted",
    rationale=(
        "A bind mount of /etc, /root, /proc, /boot, the container store or the binary "
        "directories, writable, is root on the host through ordinary file writes (a cron "
        "job, an authorized key, a replaced binary). /sys, /dev, home directories and "
        "credential folders disclose the host even read-only. Mount only the files the "
        "service needs, read-only, or use a named volume."
    ),
    tags=("security",),
    aliases=("compose-lint:CL-0013", "compose-lint:CL-0025", "kics:volume_has_sensitive_host_directory"),
    examples=(
        Example(
            bad="services:\n  agent:\n    image: agent:1.0\n    volumes:\n      - /etc:/host/etc\n",
            good="services:\n  agent:\n    image: agent:1.0\n    volumes:\n      - /etc/localtime:/etc/localtime:ro\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    for service in compose.services:
        for host_path, read_only, span in service.bind_mounts():
            why = sensitive(host_path, read_only)
            if why:
                yield Problem(span, f"service {service.name!r} mounts {host_path}: {why}")
