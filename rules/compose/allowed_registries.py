"""Service images from registries outside the allow-list."""

from lintkit.model import Example, rule
from lintkit.registries import RATIONALE, REGISTRIES_OPTION, registry_problems

@rule(
    id="DC057",
    name="allowed-registries",
    severity="error",
    summary="Service image pulled from a registry that is not on the allow-list",
    rationale=RATIONALE,
    tags=("security",),
    aliases=(),
    enabled=False,
    options=REGISTRIES_OPTION,
    examples=(
        Example(
            bad='services:\n  web:\n    image: quay.io/acme/web:1.4.2\n',
            good='services:\n  web:\n    image: registry.acme.internal/web:1.4.2\n',
            filename='docker-compose.yml',
            options=(("registries", ["registry.acme.internal"]),),
        ),
    ),
)
def check(view, ctx):
    yield from registry_problems("compose", view, ctx)
