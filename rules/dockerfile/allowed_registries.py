"""Base images from registries outside the allow-list."""

from lintkit.model import Example, rule
from lintkit.registries import RATIONALE, REGISTRIES_OPTION, registry_problems

@rule(
    id="DF075",
    name="allowed-registries",
    severity="error",
    summary="Base image pulled from a registry that is not on the allow-list",
    rationale=RATIONALE,
    tags=("security",),
    aliases=("DL3026",),
    enabled=False,
    options=REGISTRIES_OPTION,
    examples=(
        Example(
            bad='FROM quay.io/example/app:1.0\n',
            good='FROM registry.acme.internal/example/app:1.0\n',
            filename='Dockerfile',
            options=(("registries", ["registry.acme.internal"]),),
        ),
    ),
)
def check(view, ctx):
    yield from registry_problems("dockerfile", view, ctx)
