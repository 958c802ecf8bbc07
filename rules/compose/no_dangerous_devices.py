"""Host block devices and kernel interfaces passed to a service with ``devices:``."""

import re

from lintkit.model import Example, Problem, rule
from lintkit.hostpaths import normalize_host_path

#: Device paths that give raw access to host disks or the kernel.
DANGEROUS = re.compile(
    r"/dev(?:/(?:sd[a-z]|nvme|vd[a-z]|xvd[a-z]|mmcblk|md\d|md/|disk/|block/|loop|dm-|mapper/|rbd|zd\d|zvol/|nbd\d|mtdblock|hd[a-z]\d*$|zfs$|kmsg$|mem$|kmem$|port$|char/1:11$|char/10:237$).*)?$"
)


@rule(
    id="DC050",
    name="no-dangerous-devices",
    severity="error",
    summary="A host disk or kernel device is passed into a service",
    rationale=(
        "`devices:` gives the container the host's device node itself: a block device is "
        "the host's disk, readable and writable below every file permission; /dev/mem and "
        "/dev/kmsg reach the kernel. Pass a specific, harmless device, or a volume."
    ),
    tags=("security",),
    aliases=("compose-lint:CL-0016",),
    examples=(
        Example(
            bad="services:\n  backup:\n    image: backup:1.0\n    devices:\n      - /dev/sda:/dev/sda\n",
            good="services:\n  backup:\n    image: backup:1.0\n    devices:\n      - /dev/fuse:/dev/fuse\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    for service in compose.services:
        for _i, item, span in service.items("devices"):
            if isinstance(item, dict):
                host, permissions = item.get("source"), item.get("permissions")
            elif isinstance(item, str):
                parts = item.split(":")
                host, permissions = parts[0], parts[2] if len(parts) == 3 else None
            else:
                continue
            if not isinstance(host, str):
                continue
            if isinstance(permissions, str) and permissions.strip() and not set(permissions) & {"r", "w"}:
                continue  # mknod-only access opens nothing
            host = normalize_host_path(compose.resolved_text(host) or "")
            if host and DANGEROUS.fullmatch(host):
                yield Problem(span, f"service {service.name!r} gets host device {host}")
