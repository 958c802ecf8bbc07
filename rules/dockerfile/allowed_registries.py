"""Base images from registries outside the allow-list."""

from lintkit.model import Example, rule
from lintkit.registries import REGISTRIES_OPTION, registry_problems

RATIONALE = (
    "Organisations that mirror, scan or sign images want every image pulled from those "
    "registries; an image from elsewhere skips that review, and a typo-squatted public name "
    "runs whatever its owner pushed. Opt-in: list the registries in the config's "
    "`allowed-registries` (every kind) or in this rule's `registries` option."
)


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
