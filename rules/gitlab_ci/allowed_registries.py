"""Job and service images from registries outside the allow-list."""

from lintkit.registries import registry_rule

check = registry_rule(
    id="GL030",
    kind="gitlab-ci",
    summary="Job or service image pulled from a registry that is not on the allow-list",
    bad='test:\n  image: quay.io/acme/python:3.12\n  script: [pytest]\n',
    good='test:\n  image: registry.acme.internal/python:3.12\n  script: [pytest]\n',
    filename='.gitlab-ci.yml',
)
