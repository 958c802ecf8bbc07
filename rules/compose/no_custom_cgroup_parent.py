"""cgroup_parent pointing to a non-default cgroup."""

from lintkit.model import Example, Problem, rule


@rule(
    id="DC033",
    name="no-custom-cgroup-parent",
    severity="info",
    summary="cgroup_parent places the container in a non-default cgroup",
    rationale=(
        "A custom `cgroup_parent` moves the container out of Docker's cgroup, and with it "
        "out of the resource limits and accounting set there. Off by default."
    ),
    tags=("security",),
    aliases=("kics:cgroup_not_default",),
    enabled=False,
    examples=(
        Example(
            bad="services:\n  app:\n    image: app:1.0\n    cgroup_parent: m-executor-abcd\n",
            good="services:\n  app:\n    image: app:1.0\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    for service in compose.services:
        value = compose.resolved_text(service.node.get("cgroup_parent"))
        if value:
            yield Problem(service.node.value_span("cgroup_parent"), f"service {service.name!r} sets cgroup_parent {value!r}")
