"""Job and service images from registries outside the allow-list."""

from lintkit.model import Example, rule
from lintkit.registries import RATIONALE, REGISTRIES_OPTION, registry_problems

@rule(
    id="GL030",
    name="allowed-registries",
    severity="error",
    summary="Job or service image pulled from a registry that is not on the allow-list",
    rationale=RATIONALE,
    tags=("security",),
    aliases=(),
    enabled=False,
    options=REGISTRIES_OPTION,
    examples=(
        Example(
            bad='test:\n  image: quay.io/acme/python:3.12\n  script: [pytest]\n',
            good='test:\n  image: registry.acme.internal/python:3.12\n  script: [pytest]\n',
            filename='.gitlab-ci.yml',
            options=(("registries", ["registry.acme.internal"]),),
        ),
    ),
)
def check(view, ctx):
    yield from registry_problems("gitlab-ci", view, ctx)
