"""Host ports below 1024."""

from lintkit.model import Example, Problem, rule


@rule(
    id="DC011",
    name="no-privileged-host-ports",
    severity="info",
    summary="A port below 1024 is published on the host",
    rationale=(
        "Ports below 1024 are the host's privileged ports (80, 443, 22...): publishing a "
        "container on one competes with host services and, for 22, hides the host's SSH. "
        "Prefer a high port behind a reverse proxy. Off by default: a proxy container "
        "publishing 80/443 is the usual exception."
    ),
    tags=("security",),
    aliases=("kics:privileged_ports_mapped_in_container",),
    enabled=False,
    examples=(
        Example(
            bad="services:\n  web:\n    image: nginx:1.27\n    ports:\n      - '127.0.0.1:80:8080'\n",
            good="services:\n  web:\n    image: nginx:1.27\n    ports:\n      - '127.0.0.1:8080:8080'\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    for service in compose.services:
        for spec, span, _item in service.ports():
            published = compose.resolved_text(spec.published) if spec.published else None
            low = [p for p in spec.published_ports() if 0 < p < 1024] if published == spec.published else []
            if low:
                yield Problem(span, f"service {service.name!r} publishes privileged host port {low[0]}")
