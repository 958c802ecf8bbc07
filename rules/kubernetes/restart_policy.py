"""restartPolicy values the controller rejects."""

from lintkit.model import Example, Problem, rule

from .snippets import JOB

_ALLOWED = {
    "Job": ("OnFailure", "Never"),
    "CronJob": ("OnFailure", "Never"),
    "Deployment": ("Always",),
    "StatefulSet": ("Always",),
    "DaemonSet": ("Always",),
    "ReplicaSet": ("Always",),
    "ReplicationController": ("Always",),
}


@rule(
    id="K8078",
    name="restart-policy",
    severity="error",
    summary="restartPolicy unset or invalid for the controller",
    rationale=(
        "Jobs and CronJobs must say `restartPolicy: OnFailure` or `Never`: the default, "
        "Always, is rejected by the API server for them. Deployments, StatefulSets, "
        "DaemonSets and ReplicaSets only accept Always."
    ),
    tags=("reliability",),
    aliases=("kube-linter:restart-policy", "kube-score:cronjob-restartpolicy"),
    examples=(
        Example(
            bad=JOB.replace("      restartPolicy: Never\n", "").replace("  SETTING\n", ""),
            good=JOB.replace("  SETTING\n", ""),
            filename="job.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj, pod in manifest.workloads():
        allowed = _ALLOWED.get(obj.kind)
        if allowed is None:
            continue
        policy = pod.node.get("restartPolicy")
        if policy is None and "Always" in allowed:
            continue
        if policy is None:
            yield Problem(
                pod.span, f"{obj.label} sets no restartPolicy (must be {' or '.join(allowed)}; Always is rejected)"
            )
        elif policy not in allowed:
            yield Problem(
                pod.node.value_span("restartPolicy"),
                f"{obj.label} cannot use restartPolicy {policy} (must be {' or '.join(allowed)})",
            )
