"""A container image without a tag, or on ``latest``."""

from lintkit.images import parse_image, written_reference_error
from lintkit.model import Example, Problem, rule

_GOOD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:1.27.2
"""


@rule(
    id="K8001",
    name="image-tag-pinned",
    severity="warning",
    summary="Container image is untagged or uses a floating tag (latest, lts, a major version only)",
    rationale=(
        "Nodes pull `latest` (and untagged images, which mean `latest`) whenever they start a "
        "pod, so replicas of one Deployment can run different code, and a rollback does not "
        "roll back. Pin a version tag, or better a digest. A container without any image is "
        "reported too (outside kustomize patches, which take it from their base)."
    ),
    tags=("reliability",),
    aliases=(
        "CKV_K8S_14",
        "kube-linter:latest-tag",
        "kube-score:container-image-tag",
        "polaris:tagNotSpecified",
        "KSV013",
    ),
    examples=(Example(bad=_GOOD.replace("nginx:1.27.2", "nginx:latest"), good=_GOOD, filename="pod.yaml"),),
)
def check(manifest, ctx):
    for container in manifest.containers():
        image = container.node.get("image")
        if image is None and "image" not in container.node:
            # kustomize patches and bases get their image from elsewhere (images:, the base).
            if manifest.kustomize_role is None:
                yield Problem(container.name_span(), f"{container.label} has no image (the API server rejects it)")
            continue
        if not isinstance(image, str) or not image.strip():
            continue
        ref = parse_image(image)
        what = ref.pinning_problem
        if ref.has_variable or what is None or written_reference_error(image) is not None:
            continue  # pinned, or no image at all (schema-valid reports it)
        yield Problem(
            container.node.value_span("image"),
            f"container {container.name!r} of {container.pod.obj.label} uses image {image!r} with {what}",
            # The other tools only know untagged and latest.
            exact_aliases=None if ref.untagged_or_latest else (),
        )
