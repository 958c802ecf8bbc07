"""A service image without a tag, or on a floating one such as ``latest``."""

from lintkit.images import FLOATING_TAGS, parse_image, written_reference_error
from lintkit.model import Example, Problem, rule

#: Tags that move, as dclint and compose-lint count them besides the shared list.


@rule(
    id="DC001",
    name="image-explicit-tag",
    severity="warning",
    summary="Service image is untagged or uses a floating tag such as latest",
    rationale=(
        "An untagged image means `latest`, and `latest` (like `stable` or `main`) moves: the "
        "same compose file starts different software from one pull to the next, and a "
        "rollback cannot return to what ran before. Pin a version tag or a digest. Images "
        "built from variables are judged after interpolation (defaults and `.env`); a tag "
        "that comes from an unset variable is unset-variable-without-default's to report."
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
    for service, image, resolved in compose.service_images():
        ref = parse_image(resolved.text)
        if not resolved.complete:
            # Unset variables: judge only what the file itself fixes. With no tag written
            # and the name itself unknown (`${IMAGE}`), the variable may well carry a tag.
            written = parse_image(str(image))
            if written.tag is not None or written.digest is not None or _name_unknown(written.repository):
                continue
        what = ref.pinning_problem
        if what is None or (resolved.complete and written_reference_error(resolved.text) is not None):
            continue  # pinned, or no image at all (valid-compose-file reports it)
        span = service.node.value_span("image")
        # dclint and compose-lint know the named floating tags, not a major version alone.
        named = ref.tag is None or ref.tag.lower() in FLOATING_TAGS
        yield Problem(span, f"service {service.name!r} uses image {compose.shown(image)} with {what}; pin a version or digest",
                      exact_aliases=None if named else ())


def _name_unknown(repository: str) -> bool:
    last = repository.rsplit("/", 1)[-1]
    return "$" in last
