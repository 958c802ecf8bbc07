"""Job container, service and docker:// step images from registries outside the allow-list."""

from lintkit.registries import registry_rule

check = registry_rule(
    id="GH049",
    kind="github-actions",
    summary="Job container, service or docker:// image pulled from a registry that is not on the allow-list",
    bad='on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    container: quay.io/acme/python:3.12\n    steps:\n      - run: pytest\n',
    good='on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    container: registry.acme.internal/python:3.12\n    steps:\n      - run: pytest\n',
    filename='.github/workflows/test.yml',
)
