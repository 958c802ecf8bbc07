"""``image:`` and ``services:`` without a tag, or on ``latest``."""

from lintkit.images import parse_image, written_reference_error
from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap, YSeq


def image_entries(holder: YMap):
    """(text, span) of the image and the service images a job or default: names."""
    image = holder.get("image")
    if isinstance(image, str):
        yield image, holder.value_span("image")
    elif isinstance(image, YMap) and isinstance(image.get("name"), str):
        yield image["name"], image.value_span("name")
    services = holder.get("services")
    if isinstance(services, YSeq):
        for i, service in enumerate(services):
            if isinstance(service, str):
                yield service, services.item_span(i)
            elif isinstance(service, YMap) and isinstance(service.get("name"), str):
                yield service["name"], service.value_span("name")


@rule(
    id="GL002",
    name="pin-images",
    severity="warning",
    summary="CI image or service is untagged or uses a floating tag (latest, lts, a major version only)",
    rationale=(
        "A job on `latest` runs in whatever image was pushed last: a pipeline that passed "
        "yesterday fails today with no change to the repository, and a past pipeline cannot "
        "be reproduced. Pin a version tag or a digest."
    ),
    tags=("reliability",),
    aliases=("CKV_GITLABCI_3",),
    examples=(
        Example(
            bad="test:\n  image: python:latest\n  script: pytest\n",
            good="test:\n  image: python:3.12-slim\n  script: pytest\n",
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipeline, ctx):
    holders = [("default", pipeline.default), ("(global)", pipeline.root)]
    holders += [(job.name, job.node) for job in pipeline.jobs]
    for owner, holder in holders:
        for text, span in image_entries(holder):
            ref = parse_image(text)
            what = ref.pinning_problem
            if ref.has_variable or what is None or written_reference_error(text) is not None:
                continue  # pinned, or no image at all (gitlab-schema reports it)
            yield Problem(span, f"{owner}: image {text!r} has {what}; pin a version or digest",
                          exact_aliases=None if ref.untagged_or_latest else ())  # Checkov: untagged, latest
