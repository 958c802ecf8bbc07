"""Bind mounts with shared propagation."""

from lintkit.model import Example, Problem, rule

SHARED = frozenset(("shared", "rshared"))


@rule(
    id="DC027",
    name="no-shared-mount-propagation",
    severity="warning",
    summary="Bind mount propagation set to shared",
    rationale=(
        "With `shared`/`rshared` propagation, mounts the container makes under the path "
        "appear on the host (and in every container sharing it): a container that can "
        "mount can place a filesystem over a host directory. Use the default `rprivate`."
    ),
    tags=("security",),
    aliases=("kics:volume_mounted_in_multiple_containers", "compose-lint:CL-0017"),
    examples=(
        Example(
            bad="services:\n  csi:\n    image: csi:1.0\n    volumes:\n      - /mnt/data:/data:rshared\n",
            good="services:\n  csi:\n    image: csi:1.0\n    volumes:\n      - /mnt/data:/data\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    for service in compose.services:
        for spec, span, _item in service.volumes():
            if spec.propagation in SHARED:
                yield Problem(span, f"service {service.name!r} mounts {spec.source} with {spec.propagation} propagation")
