"""Objects of built-in kinds that the Kubernetes API server would reject."""

from lintkit.images import written_reference_error
from lintkit.model import Example, Problem, rule

from . import apis, schema

_GOOD = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27.2
"""
_BAD = _GOOD.replace("  selector:\n    matchLabels: {app: web}\n", "").replace(
    "spec:\n  template", 'spec:\n  replicas: "2"\n  template'
)


@rule(
    id="K8084",
    name="schema-valid",
    severity="error",
    summary="Object does not validate against the Kubernetes schema",
    rationale=(
        "The API server refuses an object with an unknown field, a value of the wrong type or "
        "a missing required field, and `kubectl apply` fails only at deploy time, often after "
        "half of the manifests went in. Every object of a built-in kind is checked against "
        "the OpenAPI schema of the configured Kubernetes version (`kubernetes-version`, "
        f"{schema.DEFAULT_KUBERNETES_VERSION} when unset), offline, and each error is reported "
        "at the offending field with its path; a field written at the wrong indentation is "
        "named as such. Custom resources are checked only against schemas the `crd-schemas` "
        "option points at (folders laid out as `<group>/<kind>_<version>.json`, as in the "
        "CRDs-catalog used with kubeconform; relative to the working directory). "
        "apiVersions the target version no longer serves are left to no-deprecated-api. "
        "Files that a kustomization.yaml beside them lists are not required to be complete: "
        "kustomize fills them in (patches, labels, generators) before they reach the cluster."
    ),
    tags=("reliability",),
    aliases=("kube-linter:schema-validation", "k8s:schema", "kubeconform:schema"),
    options={
        "type": "object",
        "properties": {
            "crd-schemas": {
                "type": "array",
                "items": {"type": "string"},
                "default": [],
                "description": "folders of custom resource schemas (<group>/<kind>_<version>.json)",
            }
        },
        "additionalProperties": False,
    },
    examples=(Example(bad=_BAD, good=_GOOD, filename="deployment.yaml"),),
)
def check(manifest, ctx):
    if not manifest.objects:
        return
    yield from _invalid_images(manifest)
    version = schema.target_version(ctx.settings)
    catalog = schema.catalog(version)
    crd_folders = tuple(ctx.options["crd-schemas"])
    for obj in manifest.objects:
        found = catalog.schema_for(obj.api_version, obj.kind)
        if found is None:
            if catalog.is_builtin_group(obj.group):
                if apis.change_for(obj.api_version, obj.kind) is None:
                    yield _unknown_kind(obj, catalog)
            elif crd_folders:
                yield from _custom_resource_errors(obj, crd_folders, manifest)
            continue
        if found.ok(obj.node):
            continue
        for error in schema.explain(found, obj.node):
            if _is_patch_directive(error.path) or (error.kind == "required" and manifest.kustomize_role is not None):
                continue
            yield Problem(error.span, f"{obj.label}: {error.message}")


def _custom_resource_errors(obj, folders, manifest):
    version = obj.api_version.rpartition("/")[2]
    validator = schema.crd_validator(folders, obj.group, version, obj.kind)
    if validator is None:
        return
    from lintkit.schemastore import schema_errors

    for span, message, path in schema_errors(validator, obj.node, obj.node):
        if _is_patch_directive(path) or ("is a required property" in message and manifest.kustomize_role is not None):
            continue
        yield Problem(span, f"{obj.label}: {message}")


def _is_patch_directive(path: tuple) -> bool:
    """``$patch: delete``, ``$setElementOrder/...``: strategic-merge-patch directives, which
    only occur in patches that kustomize or kubectl apply, never in stored objects."""
    return bool(path) and isinstance(path[-1], str) and path[-1].startswith("$")


def _unknown_kind(obj, catalog):
    import difflib

    later = schema.first_version_serving(obj.api_version, obj.kind, after=catalog.version)
    if later is not None:
        return Problem(
            obj.node.value_span("kind"),
            f"{obj.api_version} {obj.kind} is not served by Kubernetes {catalog.version} (it is from {later}); "
            "raise kubernetes-version if the cluster runs that",
        )
    known = sorted(catalog.kinds_by_api_version.get(obj.api_version, ()))
    close = difflib.get_close_matches(obj.kind, known, n=1, cutoff=0.75)
    hint = f" (did you mean {close[0]}?)" if close else ""
    if known:
        message = f"{obj.api_version} has no kind {obj.kind!r} in Kubernetes {catalog.version}{hint}"
    else:
        message = f"Kubernetes {catalog.version} serves no {obj.api_version} API (for kind {obj.kind})"
    return Problem(obj.node.value_span("kind"), message)


def _invalid_images(manifest):
    """Container images that are no image reference: the kubelet fails to pull them
    (``nginx:sha256:<hex>``, ``Nginx:1.27``, ``nginx:``)."""
    for container in manifest.containers():
        image = container.node.get("image")
        if not isinstance(image, str) or not image.strip():
            continue
        error = written_reference_error(image)
        if error is not None:
            yield Problem(container.node.value_span("image"), f"{container.label} uses image {image!r}, which is not a valid image reference: {error}")
