"""imagePullPolicy that lets a node run a stale copy of a mutable tag."""

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
      image: nginx:1.27
      imagePullPolicy: POLICY
"""


@rule(
    id="K8007",
    name="image-pull-policy-always",
    severity="info",
    summary="imagePullPolicy is not Always for an image referenced by tag",
    rationale=(
        "With `IfNotPresent` (the default for tagged images) a node reuses whatever it pulled "
        "under that tag before, so replicas on different nodes can run different images after "
        "a tag is re-pushed, and a pod can start from a cached image without its "
        "imagePullSecrets being checked. Images pinned by digest are immutable and exempt. "
        "Off by default: pinning the tag (or the digest) is the better fix."
    ),
    tags=("security",),
    aliases=("CKV_K8S_15", "kube-score:container-image-pull-policy", "polaris:pullPolicyNotAlways"),
    enabled=False,
    examples=(
        Example(bad=_POD.replace("POLICY", "IfNotPresent"), good=_POD.replace("POLICY", "Always"), filename="pod.yaml"),
    ),
)
def check(manifest, ctx):
    for container in manifest.containers():
        image = container.image
        if image is None or not image.strip():
            continue
        ref = parse_image(image)
        if ref.digest is not None:
            continue
        node = container.node
        if "imagePullPolicy" in node:
            policy = node["imagePullPolicy"]
            if policy != "Always":
                yield Problem(
                    node.value_span("imagePullPolicy"),
                    f"{container.label} pulls tag-referenced image {image!r} with imagePullPolicy {policy}",
                )
        elif not (ref.untagged or ref.latest):
            # Untagged and :latest images default to Always.
            yield Problem(
                node.value_span("image"),
                f"{container.label} has no imagePullPolicy, so {image!r} is pulled only if absent (IfNotPresent)",
            )
