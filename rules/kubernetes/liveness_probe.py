"""A long-running container without a liveness probe."""

from lintkit.model import Example, rule

from .probes import POD_WITHOUT_PROBES, missing_probe


@rule(
    id="K8002",
    name="liveness-probe",
    severity="warning",
    summary="Container has no liveness probe",
    rationale=(
        "Without a liveness probe the kubelet restarts a container only when its process "
        "exits; one that hangs (deadlock, exhausted pool) keeps receiving traffic forever."
    ),
    tags=("reliability",),
    aliases=(
        "CKV_K8S_8",
        "kube-linter:no-liveness-probe",
        "kube-score:pod-probes",
        "polaris:livenessProbeMissing",
    ),
    examples=(
        Example(
            bad=POD_WITHOUT_PROBES,
            good=POD_WITHOUT_PROBES + "      livenessProbe:\n        httpGet: {path: /healthz, port: 80}\n",
            filename="pod.yaml",
        ),
    ),
)
def check(manifest, ctx):
    yield from missing_probe(manifest, "livenessProbe", "a hung process is never restarted")
