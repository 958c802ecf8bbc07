"""Base image not pinned by digest (opt-in)."""

from lintkit.model import Example, Problem, rule


@rule(
    id="DF076",
    name="pin-base-image-digest",
    severity="info",
    summary="Base image not pinned by `@sha256:` digest (opt-in)",
    rationale=(
        "A tag can be moved to another image; only a digest names exactly one. Pinning by "
        "digest makes builds reproducible and needs a bot to keep the digests fresh."
    ),
    tags=("security", "reliability"),
    enabled=False,
    examples=(
        Example(
            bad="FROM alpine:3.20\n",
            good="FROM alpine:3.20@sha256:beefdbd8a1da6d2915566fde36db9db0b524eb737fc57cd1367effd16dc0d06d\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for stage in dockerfile.stages:
        image = stage.image
        if image is None or stage.base_stage is not None or stage.is_scratch or image.digest:
            continue
        yield Problem(stage.image_token.span, f"Pin {image.text} by digest")
