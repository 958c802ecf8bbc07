"""A service image without a tag, or on a floating one such as ``latest``."""

from lintkit.images import parse_image
from lintkit.model import Example, Problem, rule


@rule(
    id="DC001",
    name="image-explicit-tag",
    severity="warning",
    summary="Service image is untagged or uses a floating tag such as latest",
    rationale=(
        "An untagged image means `latest`, and `latest` (like `stable` or `main`) moves: the "
        "same compose file starts different software from one pull to the next, and a "
        "rollback cannot return to what ran before. Pin a version tag or a digest."
    ),
    tags=("reliability",),
    aliases=("dclint:service-image-require-explicit-tag", "compose-lint:CL-0004", "kics:image_version_using_latest"),
    examples=(
        Example(
            bad="services:\n  db:\n    image: mongo:latest\n",
            good="services:\n  db:\n    image: mongo:7.0.14\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    for service, image in compose.service_items("image"):
        if not isinstance(image, str) or not image.strip():
            continue
        ref = parse_image(image)
        if ref.has_variable or not ref.floating:
            continue
        span = service.node.value_span("image")
        what = f"the floating tag {ref.tag!r}" if ref.tag else "no tag (so latest)"
        yield Problem(span, f"service {service.name!r} uses image {image!r} with {what}; pin a version or digest")


