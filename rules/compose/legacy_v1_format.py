"""The retired v1 file format: services at the top level, no ``services:`` key."""

from lintkit.model import Example, Problem, rule


@rule(
    id="DC004",
    name="legacy-v1-format",
    severity="error",
    summary="Compose file in the retired v1 format (services at the top level)",
    rationale=(
        "Version 1 files put each service at the top level. Docker Compose v2 no longer "
        "reads them: every service name becomes an unknown top-level key. Move the "
        "services under a `services:` key (and links to networks)."
    ),
    tags=("reliability",),
    aliases=("dclint:invalid-schema",),
    examples=(
        Example(
            bad="web:\n  image: nginx:1.27\n  ports:\n    - '127.0.0.1:80:80'\n",
            good="services:\n  web:\n    image: nginx:1.27\n    ports:\n      - '127.0.0.1:80:80'\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    if not compose.legacy_v1:
        return
    first = compose.services[0]
    names = ", ".join(repr(s.name) for s in compose.services[:4])
    more = "..." if len(compose.services) > 4 else ""
    yield Problem(
        first.name_span(),
        f"retired v1 compose format: services ({names}{more}) sit at the top level; "
        "Compose v2 needs them under `services:`",
    )
