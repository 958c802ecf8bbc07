"""One named volume mounted by several services."""

from lintkit.model import Example, Problem, rule


@rule(
    id="DC028",
    name="shared-volumes",
    severity="info",
    summary="The same named volume is mounted by several services",
    rationale=(
        "Services sharing a volume share its files: a compromise of one reaches the "
        "other's data, and two writers corrupt each other without locking. Often intended "
        "(a web server serving what an app writes); off by default."
    ),
    tags=("security",),
    aliases=("kics:shared_volumes_between_containers",),
    enabled=False,
    examples=(
        Example(
            bad="services:\n  a:\n    image: a:1.0\n    volumes: [data:/data]\n  b:\n    image: b:1.0\n    volumes: [data:/data]\nvolumes:\n  data:\n",
            good="services:\n  a:\n    image: a:1.0\n    volumes: [data:/data]\n  b:\n    image: b:1.0\nvolumes:\n  data:\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    first: dict[str, str] = {}
    for service in compose.services:
        for spec, span, _item in service.volumes():
            if spec.type != "volume" or not spec.source:
                continue
            owner = first.setdefault(spec.source, service.name)
            if owner != service.name:
                yield Problem(span, f"volume {spec.source!r} is also mounted by service {owner!r}")
