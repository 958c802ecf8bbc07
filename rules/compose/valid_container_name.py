"""container_name values Docker rejects."""

import re

from lintkit.model import Example, Problem, rule

#: Docker's container name grammar (daemon/names: `[a-zA-Z0-9][a-zA-Z0-9_.-]+`).
VALID_NAME = re.compile(r"[a-zA-Z0-9][a-zA-Z0-9_.-]+")


@rule(
    id="DC008",
    name="valid-container-name",
    severity="error",
    summary="container_name has characters Docker rejects",
    rationale=(
        "Docker accepts container names of letters, digits, `_`, `.` and `-`, starting "
        "with a letter or digit and at least two characters long. Anything else fails "
        "when the container is created, after the images were pulled or built."
    ),
    tags=("reliability",),
    aliases=("dclint:service-container-name-regex",),
    examples=(
        Example(
            bad="services:\n  web:\n    image: nginx:1.27\n    container_name: my web\n",
            good="services:\n  web:\n    image: nginx:1.27\n    container_name: my-web\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    for service in compose.services:
        if "container_name" not in service.node:
            continue
        resolved = compose.resolve(service.node["container_name"])
        if resolved is None or not resolved.complete:
            continue  # a variable decides it; unset-variable reports an unset one
        if not VALID_NAME.fullmatch(resolved.text):
            yield Problem(
                service.node.value_span("container_name"),
                f"container name {compose.shown(service.node['container_name'], quoted=True)} is not valid: use letters, digits, "
                "`_`, `.` and `-`, starting with a letter or digit",
            )
