"""``logging: driver: none``."""

from lintkit.model import Example, Problem, rule


@rule(
    id="DC055",
    name="no-logging-disabled",
    severity="info",
    summary="The service's logging driver is none",
    rationale=(
        "With the `none` driver the container's output is discarded: `docker logs` shows "
        "nothing and nothing reaches a log collector, so a crash or an intrusion leaves no "
        "trace. Use a driver with rotation (`json-file` with `max-size`, `local`)."
    ),
    tags=("security",),
    aliases=("compose-lint:CL-0014",),
    examples=(
        Example(
            bad="services:\n  app:\n    image: app:1.0\n    logging:\n      driver: none\n",
            good="services:\n  app:\n    image: app:1.0\n    logging:\n      driver: local\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    for service in compose.services:
        logging = service.node.get("logging")
        if isinstance(logging, dict) and "driver" in logging and compose.resolved_text(logging["driver"]) == "none":
            yield Problem(logging.value_span("driver"), f"service {service.name!r} discards its logs (`driver: none`)")
