"""Labels and annotations an organisation requires on every object."""

from lintkit.model import Example, Problem, rule

_POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
  labels:
    LABEL
spec:
  containers:
    - {name: web, image: "nginx:1.27.2"}
"""


@rule(
    id="K8087",
    name="required-metadata",
    severity="info",
    summary="Required labels or annotations are missing",
    rationale=(
        "Ownership labels and contact annotations are how an on-call engineer finds who runs "
        "a workload at 3 a.m. List the keys your organisation requires in the `labels` and "
        "`annotations` options (default: an `owner` label). Off by default."
    ),
    tags=("maintainability",),
    aliases=(
        "kube-linter:required-annotation-email",
        "kube-linter:required-label-owner",
        "polaris:metadataAndInstanceMismatched",
    ),
    enabled=False,
    options={
        "type": "object",
        "properties": {
            "labels": {"type": "array", "items": {"type": "string"}, "default": ["owner"]},
            "annotations": {"type": "array", "items": {"type": "string"}, "default": []},
        },
        "additionalProperties": False,
    },
    examples=(
        Example(
            bad=_POD.replace("LABEL", "app: web"), good=_POD.replace("LABEL", "owner: shop-team"), filename="pod.yaml"
        ),
    ),
)
def check(manifest, ctx):
    for obj in manifest.objects:
        if obj.kind in ("Kustomization", "Component"):
            continue
        for field, required, present in (
            ("label", ctx.options["labels"], obj.labels),
            ("annotation", ctx.options["annotations"], obj.annotations),
        ):
            missing = [k for k in required if k not in present]
            if missing:
                yield Problem(obj.name_span(), f"{obj.label} lacks required {field}(s) {', '.join(missing)}")
