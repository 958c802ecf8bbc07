"""Images pinned by tag but not by digest."""

from lintkit.images import parse_image
from lintkit.model import Example, Problem, rule


@rule(
    id="DC049",
    name="image-digest",
    severity="info",
    summary="Image pinned by tag but not by digest",
    rationale=(
        "A tag can be re-pushed: `postgres:16.4` today and next month may be different "
        "images. Only `@sha256:` pins the bytes. Off by default (a supply-chain policy; "
        "floating tags are image-explicit-tag's)."
    ),
    tags=("security",),
    aliases=("compose-lint:CL-0019",),
    enabled=False,
    examples=(
        Example(
            bad="services:\n  db:\n    image: postgres:16.4\n",
            good="services:\n  db:\n    image: postgres:16.4@sha256:2f5a4ac9ae09c3e3fe95b8e9d2d8fcdf1f2d2e0f5b8c0a9c4d8f7e6b5a4c3d2e1\n",
            filename="docker-compose.yml",
        ),
    ),
)
def check(compose, ctx):
    for service, image, resolved in compose.service_images():
        written = parse_image(str(image))
        if written.digest or "@" in resolved.text or written.tag is None:
            continue  # pinned, or untagged (image-explicit-tag's), or wholly a variable
        ref = parse_image(resolved.text)
        if ref.floating_tag is not None:
            continue  # a floating tag is image-explicit-tag's
        tag = ref.tag if ref.tag is not None else written.tag
        yield Problem(service.node.value_span("image"), f"service {service.name!r}: image {image} is pinned by tag ({tag}), not by digest")
