"""FROM an image without a tag, or with the floating ``latest`` tag."""

from lintkit.model import Example, Problem, rule


@rule(
    id="DF001",
    name="pin-base-image-tag",
    severity="warning",
    summary="Base image in FROM has no tag or uses the floating `latest` tag",
    rationale=(
        "Without a tag (or with `latest`) the base image is whatever the registry serves on "
        "the day of the build: two builds of the same commit can get different operating "
        "systems, and a rebuild can break for reasons unrelated to the change being built. "
        "Name a version tag, or pin a digest."
    ),
    tags=("reliability",),
    aliases=(
        "DL3006",
        "DL3007",
        "CKV_DOCKER_7",
        "DS001",
        "dockerfilelint:missing_tag",
        "dockerfilelint:latest_tag",
    ),
    examples=(
        Example(bad="FROM nginx\n", good="FROM nginx:1.27-alpine\n", filename="Dockerfile"),
        Example(bad="FROM ubuntu:latest\n", good="FROM ubuntu:24.04\n", filename="Dockerfile"),
    ),
)
def check(dockerfile, ctx):
    for stage in dockerfile.stages:
        image, token = stage.image, stage.image_token
        if token is None or image is None or stage.base_stage is not None or stage.is_scratch:
            continue
        if image.digest:
            continue
        if image.tag is None:
            yield Problem(token.span, f"Pin a version tag on the base image {image.text}")
        elif image.tag == "latest":
            yield Problem(
                token.span, f"The `latest` tag of {image.repository} moves; pin a version tag"
            )
