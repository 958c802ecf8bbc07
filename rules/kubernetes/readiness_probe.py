"""A container without a readiness probe."""

from lintkit.model import Example, rule

from .probes import POD_WITHOUT_PROBES, missing_probe


@rule(
    id="K8003",
    name="readiness-probe",
    severity="warning",
    summary="Container has no readiness probe",
    rationale=(
        "Without a readiness probe a pod receives Service traffic as soon as its process "
        "starts, before it can answer, and keeps receiving it while it is overloaded; rolling "
        "updates then drop requests."
    ),
    tags=("reliability",),
    aliases=(
        "CKV_K8S_9",
        "kube-linter:no-readiness-probe",
        "kube-score:pod-probes",
        "polaris:readinessProbeMissing",
    ),
    examples=(
        Example(
            bad=POD_WITHOUT_PROBES,
            good=POD_WITHOUT_PROBES + "      readinessProbe:\n        httpGet: {path: /ready, port: 80}\n",
            filename="pod.yaml",
        ),
    ),
)
def check(manifest, ctx):
    yield from missing_probe(manifest, "readinessProbe", "it gets traffic before it can serve")
