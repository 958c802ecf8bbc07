"""Container images from registries outside a configured allow-list."""

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


@rule(
    id="K8111",
    name="trusted-registries",
    severity="error",
    summary="Container image comes from a registry outside the allowed set",
    rationale=(
        "Clusters that mirror, scan or sign images expect every pod to pull from those "
        "registries; an image from anywhere else skips that review, and a typo-squatted "
        "public name runs whatever its owner pushed. Opt-in: select it and list the "
        "`registries` (docker.io stands for Docker Hub, where names without a registry go)."
    ),
    tags=("security",),
    aliases=("KSV0125", "KSV032", "KSV033", "KSV034", "KSV035", "KSV-0124"),
    enabled=False,
    options={
        "type": "object",
        "properties": {
            "registries": {
                "type": "array",
                "items": {"type": "string"},
                "default": [],
                "description": "Registries images may come from (host[:port], optionally with a path prefix)",
            }
        },
        "additionalProperties": False,
    },
    examples=(
        Example(
            bad=_POD.replace("IMAGE", "quay.io/acme/web:1.4.2"),
            good=_POD.replace("IMAGE", "registry.acme.internal/web:1.4.2"),
            filename="pod.yaml",
            options=(("registries", ["registry.acme.internal"]),),
        ),
    ),
)
def check(manifest, ctx):
    allowed = [r.rstrip("/").lower() for r in ctx.options["registries"]]
    if not allowed:
        return
    for container in manifest.containers():
        if container.image is None or not container.image.strip():
            continue
        ref = parse_image(container.image)
        if ref.has_variable:
            continue
        location = f"{ref.registry or 'docker.io'}/{ref.repository}".lower()
        if any(location == r or location.startswith(r + "/") for r in allowed):
            continue
        yield Problem(
            container.node.value_span("image"),
            f"{container.label} pulls {container.image!r} from {ref.registry or 'docker.io'}, "
            "which is not an allowed registry",
        )
