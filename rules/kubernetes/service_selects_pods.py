"""Services whose selector matches no pod."""

import difflib

from lintkit.model import Example, Problem, rule

from . import inventory
from .snippets import WEB_DEPLOYMENT_AND_SERVICE
from .labels import map_selector_matches


@rule(
    id="K8058",
    name="service-selects-pods",
    severity="error",
    summary="Service selector matches no pod template",
    rationale=(
        "A Service routes to the pods its selector matches. When no workload's pod template "
        "carries those labels (a typo, a renamed app), the Service has no endpoints and every "
        "request to it fails, with no error anywhere at apply time. Reported when the "
        "Service's folder defines workloads at all (pods made elsewhere, e.g. by Helm, are "
        "not visible); labels of custom resources count, since operators label their pods alike."
    ),
    tags=("reliability",),
    aliases=("kube-linter:dangling-service", "kube-score:service-targets-pod"),
    examples=(
        Example(
            bad=WEB_DEPLOYMENT_AND_SERVICE.replace("APP", "webb"),
            good=WEB_DEPLOYMENT_AND_SERVICE.replace("APP", "web"),
            filename="web.yaml",
        ),
    ),
    collect=inventory.FACTS,
)
def check(run, ctx):
    for path, service in run.of_kind("Service"):
        selector = service.spec.get("selector")
        if not selector or service.spec.get("type") == "ExternalName":
            continue
        if not run.folder_defines(path, *_WORKLOAD_KINDS):
            continue
        if any(
            map_selector_matches(selector, labels) for _p, _o, labels in run.pod_label_sets(service.namespace, selector)
        ):
            continue
        shown = ", ".join(f"{k}={v}" for k, v in selector.items())
        hint = _near_miss(selector, run.pod_label_sets(service.namespace))
        yield Problem(
            service.spec["selector_span"],
            f"{service.label} selects {shown}, which no pod template carries{hint}",
            path=path,
        )


_WORKLOAD_KINDS = (
    "Deployment",
    "StatefulSet",
    "DaemonSet",
    "ReplicaSet",
    "ReplicationController",
    "Pod",
    "Job",
    "CronJob",
    "DeploymentConfig",
    "Rollout",
)


def _near_miss(selector: dict, candidates) -> str:
    """The workload whose labels differ from the selector by one close value (a typo)."""
    for _path, obj, labels in candidates:
        differing = [k for k, v in selector.items() if labels.get(k) != v]
        if len(differing) != 1 or differing[0] not in labels:
            continue
        key = differing[0]
        if difflib.SequenceMatcher(None, selector[key], labels[key]).ratio() >= 0.8:
            return f" (did you mean {key}={labels[key]}, as in {obj.label}?)"
    return ""
