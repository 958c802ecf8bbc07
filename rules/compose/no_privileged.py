"""``privileged: true``."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.compose import as_bool


@rule(
    id="DC019",
    name="no-privileged",
    severity="error",
    summary="Service runs privileged",
    rationale=(
        "A privileged container gets every capability, every host device and no seccomp "
        "or AppArmor confinement: root in it is root on the host, one `mount` away. Grant "
        "the single capability or device the service needs instead."
    ),
    tags=("security",),
    aliases=("compose-lint:CL-0002", "kics:privileged_containers_enabled"),
    examples=(
        Example(
            bad="services:\n  app:\n    image: app:1.0\n    privileged: true\n",
            good="services:\n  app:\n    image: app:1.0\n    cap_add: [NET_BIND_SERVICE]\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    for service in compose.services:
        if "privileged" in service.node and as_bool(compose.resolved_text(service.node["privileged"])) is True:
            yield Problem(
                service.node.value_span("privileged"),
                f"service {service.name!r} runs privileged: all capabilities and host devices",
            )
