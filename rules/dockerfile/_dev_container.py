"""Runtime-hardening rules (HEALTHCHECK, USER) and dev-container images.

A dev-container image (``.devcontainer/Dockerfile``, or one built on a Dev Containers base
image) is where a developer works: it runs as the developer's user set by
``devcontainer.json`` (``remoteUser``), and nothing probes its health. The rules about the
shipped image's runtime skip it unless their ``dev-containers`` option asks for it.
"""

#: The option each of those rules takes.
OPTIONS = {
    "type": "object",
    "properties": {
        "dev-containers": {
            "type": "boolean",
            "default": False,
            "description": "Also check dev-container images (.devcontainer/, Dev Containers base images)",
        }
    },
}


def skipped(dockerfile, ctx) -> bool:
    """The file is a dev-container image and the rule was not asked to check those."""
    return dockerfile.is_dev_container and not ctx.options.get("dev-containers", False)
