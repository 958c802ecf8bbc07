"""kustomization.yaml fields that kustomize deprecated."""

from lintkit.model import Example, Problem, rule

_KUSTOMIZATION = """\
apiVersion: kustomize.config.k8s.io/v1beta1
kind: Kustomization
resources:
  - deployment.yaml
FIELD:
  - patch.yaml
"""
#: Deprecated field -> what replaces it.
_REPLACEMENTS = {
    "bases": "resources",
    "patchesStrategicMerge": "patches",
    "patchesJson6902": "patches",
    "commonLabels": "labels (with includeSelectors: true where selectors must change)",
    "vars": "replacements",
    "imageTags": "images",
}


@rule(
    id="K8110",
    name="kustomize-deprecated-fields",
    severity="warning",
    summary="kustomization.yaml uses a deprecated field",
    rationale=(
        "kustomize 5 deprecated `bases`, `patchesStrategicMerge`, `patchesJson6902`, "
        "`commonLabels` and `vars` in favour of `resources`, `patches`, `labels` and "
        "`replacements`; `kustomize edit fix` rewrites them. The old fields will be removed."
    ),
    tags=("maintainability",),
    examples=(
        Example(
            bad=_KUSTOMIZATION.replace("FIELD", "patchesStrategicMerge"),
            good=_KUSTOMIZATION.replace("FIELD:\n  - patch.yaml", "patches:\n  - path: patch.yaml"),
            filename="kustomization.yaml",
        ),
    ),
)
def check(manifest, ctx):
    kustomization = manifest.kustomization
    if kustomization is None:
        return
    for field, replacement in _REPLACEMENTS.items():
        if field in kustomization:
            yield Problem(kustomization.key_span(field), f"{field} is deprecated in kustomize; use {replacement}")
