"""Service images from registries outside the allow-list."""

from lintkit.registries import registry_rule

check = registry_rule(
    id="DC057",
    kind="compose",
    summary="Service image pulled from a registry that is not on the allow-list",
    bad='services:\n  web:\n    image: quay.io/acme/web:1.4.2\n',
    good='services:\n  web:\n    image: registry.acme.internal/web:1.4.2\n',
    filename='docker-compose.yml',
)
