"""A controller whose selector does not match its own pod template."""

from lintkit.model import Example, Problem, rule

from .labels import selector_matches
from .snippets import DEPLOYMENT

_KINDS = ("Deployment", "StatefulSet", "DaemonSet", "ReplicaSet", "ReplicationController", "Job")


@rule(
    id="K8076",
    name="selector-matches-template",
    severity="error",
    summary="Controller selector does not match its pod template labels",
    rationale=(
        "A Deployment (StatefulSet, DaemonSet, ReplicaSet) manages the pods its selector "
        "matches; when the template's labels do not satisfy the selector the API server "
        "rejects the object (`selector does not match template labels`)."
    ),
    tags=("reliability",),
    aliases=(
        "kube-linter:mismatching-selector",
        "kube-score:deployment-pod-selector-labels-match-template-metadata-labels",
        "kube-score:statefulset-pod-selector-labels-match-template-metadata-labels",
    ),
    examples=(
        Example(
            bad=DEPLOYMENT.replace("labels: {app: web}", "labels: {app: website}").replace("      SPREAD\n", ""),
            good=DEPLOYMENT.replace("      SPREAD\n", ""),
            filename="deployment.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj in manifest.of_kind(*_KINDS):
        selector = obj.spec.get("selector")
        pod = obj.pod
        if pod is None or selector is None or (obj.kind == "Job" and obj.spec.get("manualSelector") is not True):
            continue
        if obj.kind == "ReplicationController":
            selector = {"matchLabels": selector} if isinstance(selector, dict) else None
        if not isinstance(selector, dict):
            continue
        labels = pod.labels
        if not selector_matches(selector, labels):
            shown = ", ".join(f"{k}={v}" for k, v in labels.items()) or "none"
            yield Problem(
                obj.spec.key_span("selector"),
                f"{obj.label}: selector does not match the pod template's labels ({shown})",
            )
