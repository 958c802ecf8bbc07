"""Base images from registries outside a configured allow-list."""

from lintkit.model import Example, Problem, rule


def registry_of(image) -> str:
    """The registry an image is pulled from (Docker Hub for names without one)."""
    return image.registry or "docker.io"


@rule(
    id="DF075",
    name="allowed-registries",
    severity="error",
    summary="Base image pulled from a registry that is not on the configured allow-list",
    rationale=(
        "Organisations that mirror or vet images want every FROM to use those registries; "
        "an image from elsewhere bypasses that review. Opt-in: select it and set "
        "`registries` (default: Docker Hub only)."
    ),
    tags=("security",),
    aliases=("DL3026",),
    enabled=False,
    options={
        "type": "object",
        "properties": {
            "registries": {
                "type": "array",
                "items": {"type": "string"},
                "default": ["docker.io"],
                "description": "Allowed registries; docker.io stands for Docker Hub.",
            }
        },
        "additionalProperties": False,
    },
    examples=(
        Example(
            bad="FROM quay.io/example/app:1.0\n",
            good="FROM alpine:3.20\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    allowed = {r.lower() for r in ctx.options.get("registries") or ()}
    for stage in dockerfile.stages:
        image = stage.image
        if image is None or stage.base_stage is not None or stage.is_scratch:
            continue
        registry = registry_of(image).lower()
        if registry not in allowed and not (
            registry == "docker.io" and "hub.docker.com" in allowed
        ):
            yield Problem(stage.image_token.span, f"Registry {registry} is not on the allow-list")
