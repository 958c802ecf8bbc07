"""Base images from registries outside the allow-list."""

from lintkit.registries import registry_rule

check = registry_rule(
    id="DF075",
    kind="dockerfile",
    summary="Base image pulled from a registry that is not on the allow-list",
    aliases=("DL3026",),
    bad='FROM quay.io/example/app:1.0\n',
    good='FROM registry.acme.internal/example/app:1.0\n',
    filename='Dockerfile',
)
