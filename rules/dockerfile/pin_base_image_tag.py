"""FROM an image without a tag, or with a floating tag (``latest``, ``lts``, a major version only)."""

from lintkit.images import written_reference_error
from lintkit.model import Example, Problem, rule

#: The other tools' checks of an untagged base image and of one on `latest`.
_UNTAGGED = ("DL3006", "CKV_DOCKER_7", "DS001", "dockerfilelint:missing_tag")
_LATEST = ("DL3007", "CKV_DOCKER_7", "DS001", "dockerfilelint:latest_tag")


@rule(
    id="DF001",
    name="pin-base-image-tag",
    severity="warning",
    summary="Base image in FROM has no tag or a floating tag (`latest`, `lts`, a major version only)",
    rationale=(
        "Without a tag (or with `latest`) the base image is whatever the registry serves on "
        "the day of the build: two builds of the same commit can get different operating "
        "systems, and a rebuild can break for reasons unrelated to the change being built. "
        "`lts`, `stable` and a major version alone (`node:20`) move the same way. Name a "
        "version tag, or pin a digest."
    ),
    tags=("reliability",),
    aliases=tuple(dict.fromkeys(_UNTAGGED + _LATEST)),
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
        if written_reference_error(image.text) is not None:
            continue  # not an image at all: instruction-syntax reports it
        problem = image.pinning_problem
        if problem is None:
            continue
        if image.tag is None:
            yield Problem(token.span, f"Pin a version tag on the base image {image.text}", exact_aliases=_UNTAGGED)
        elif image.tag == "latest":
            yield Problem(
                token.span, f"The `latest` tag of {image.repository} moves; pin a version tag", exact_aliases=_LATEST
            )
        else:
            # hadolint, Checkov and Trivy only know untagged and latest.
            yield Problem(token.span, f"{image.text} has {problem}, which moves; pin a version tag", exact_aliases=())
