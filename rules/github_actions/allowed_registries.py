"""Job container, service and docker:// step images from registries outside the allow-list."""

from lintkit.model import Example, rule
from lintkit.registries import RATIONALE, REGISTRIES_OPTION, registry_problems

@rule(
    id="GH049",
    name="allowed-registries",
    severity="error",
    summary="Job container, service or docker:// image pulled from a registry that is not on the allow-list",
    rationale=RATIONALE,
    tags=("security",),
    aliases=(),
    enabled=False,
    options=REGISTRIES_OPTION,
    examples=(
        Example(
            bad='on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    container: quay.io/acme/python:3.12\n    steps:\n      - run: pytest\n',
            good='on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    container: registry.acme.internal/python:3.12\n    steps:\n      - run: pytest\n',
            filename='.github/workflows/test.yml',
            options=(("registries", ["registry.acme.internal"]),),
        ),
    ),
)
def check(view, ctx):
    yield from registry_problems("github-actions", view, ctx)
