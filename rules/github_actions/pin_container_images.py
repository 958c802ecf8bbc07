"""Job containers and service containers without a tag, or on a floating tag (latest, lts, a major version only)."""

from lintkit.images import parse_image, written_reference_error
from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap


def image_entries(job):
    """(image, span) of a job's ``container:`` and ``services:``, as written."""
    entries = []
    container = job.node.get("container")
    if container is not None:
        entries.append((job.node, "container", container))
    services = job.node.get("services")
    if isinstance(services, YMap):
        entries += [(services, name, spec) for name, spec in services.items()]
    for holder, key, spec in entries:
        if isinstance(spec, YMap) and isinstance(spec.get("image"), str):
            yield spec["image"], spec.value_span("image")
        elif isinstance(spec, str):
            yield spec, holder.value_span(key)


@rule(
    id="GH009",
    name="pin-container-images",
    severity="warning",
    summary="`container:` or `services:` image untagged or on a floating tag (latest, lts, a major version only)",
    rationale=(
        "The job runs in whatever image was pushed last under that name; a pinned tag (or "
        "a digest) makes runs reproducible and a compromised push visible."
    ),
    tags=("security", "reliability"),
    aliases=("zizmor:unpinned-images",),
    examples=(
        Example(
            bad="on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    container: node\n    steps:\n      - run: npm test\n",
            good="on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    container: node:22.11-bookworm\n    steps:\n      - run: npm test\n",
            filename=".github/workflows/test.yml",
        ),
    ),
)
def check(workflow, ctx):
    for job in workflow.jobs:
        for image, span in image_entries(job):
            ref = parse_image(image)
            what = ref.pinning_problem
            if ref.has_variable or not image.strip() or what is None or written_reference_error(image) is not None:
                continue  # pinned, or no image at all (workflow-schema reports it)
            yield Problem(span, f"job {job.id!r}: image {image!r} has {what}; pin a version or digest",
                          exact_aliases=None if ref.untagged_or_latest else ())  # zizmor: untagged, latest
