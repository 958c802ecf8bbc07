"""HorizontalPodAutoscalers aimed at nothing, or at containers without CPU requests."""

from lintkit.model import Example, Problem, rule

from . import inventory
from .snippets import WEB_DEPLOYMENT_AND_HPA


@rule(
    id="K8073",
    name="hpa-target-exists",
    severity="error",
    summary="HPA targets a missing workload, or scales on CPU without CPU requests",
    rationale=(
        "An autoscaler whose scaleTargetRef names nothing does nothing. One that scales on CPU "
        "utilization needs every container of the target to request CPU: utilization is "
        "measured against the request, and without one the HPA reports `missing request for "
        "cpu` and never scales. Reported when the HPA's folder defines objects of the target's kind."
    ),
    tags=("reliability",),
    aliases=("kube-linter:dangling-horizontalpodautoscaler", "kube-score:horizontalpodautoscaler-has-target"),
    examples=(
        Example(
            bad=WEB_DEPLOYMENT_AND_HPA.replace("TARGET", "webapp"),
            good=WEB_DEPLOYMENT_AND_HPA.replace("TARGET", "web"),
            filename="web.yaml",
        ),
    ),
    collect=inventory.FACTS,
)
def check(run, ctx):
    for path, hpa in run.of_kind("HorizontalPodAutoscaler"):
        kind, name = hpa.spec.get("target_kind"), hpa.spec.get("target_name")
        if not isinstance(kind, str) or name is None:
            continue
        found = run.find(kind, name, hpa.namespace)
        if not found:
            if run.folder_defines(path, kind):
                yield Problem(
                    hpa.spec["target_span"], f"{hpa.label} scales {kind} {name}, which is not defined", path=path
                )
            continue
        if hpa.spec.get("cpu_span") is None:
            continue
        for _target_path, target in found:
            if target.pod is None:
                continue
            lacking = [c.name for c in target.pod.containers if not c.init and not c.cpu_request]
            if lacking:
                yield Problem(
                    hpa.spec["cpu_span"],
                    f"{hpa.label} scales on CPU, but {target.label} containers {', '.join(map(repr, lacking))} request no CPU",
                    path=path,
                )
