"""A container image referenced by tag rather than by digest."""

from lintkit.images import parse_image
from lintkit.model import Example, Problem, rule

_POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: IMAGE
"""
_DIGEST = "nginx:1.27.2@sha256:" + "0" * 64


@rule(
    id="K8006",
    name="image-digest-pinned",
    severity="info",
    summary="Container image is not pinned by digest",
    rationale=(
        "A tag can be moved to another image at any time (by the publisher, or by whoever "
        "gets write access to the registry); a `@sha256:` digest names exactly one image, so "
        "every node runs the bytes that were reviewed. Off by default: most teams pin tags "
        "and let an admission policy or a bot maintain digests."
    ),
    tags=("security",),
    aliases=("CKV_K8S_43",),
    enabled=False,
    examples=(
        Example(bad=_POD.replace("IMAGE", "nginx:1.27.2"), good=_POD.replace("IMAGE", _DIGEST), filename="pod.yaml"),
    ),
)
def check(manifest, ctx):
    for container in manifest.containers():
        image = container.image
        if image is None or not image.strip():
            continue
        ref = parse_image(image)
        if ref.digest is None and not ref.has_variable:
            yield Problem(
                container.node.value_span("image"), f"{container.label} uses image {image!r} without a digest"
            )
