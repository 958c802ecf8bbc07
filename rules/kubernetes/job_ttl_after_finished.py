"""Finished Jobs that are never cleaned up."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.kubernetes import dig, mapping

from .snippets import JOB


@rule(
    id="K8081",
    name="job-ttl-after-finished",
    severity="info",
    summary="Standalone Job without ttlSecondsAfterFinished (or a CronJob's Job setting it)",
    rationale=(
        "A finished Job and its pods stay in the cluster forever unless "
        "`ttlSecondsAfterFinished` lets the TTL controller delete them; they pile up and slow "
        "down every list call. CronJobs have their own history limits, so a TTL in their job "
        "template fights those limits."
    ),
    tags=("maintainability",),
    aliases=("kube-linter:job-ttl-seconds-after-finished",),
    examples=(
        Example(
            bad=JOB.replace("  SETTING\n", ""),
            good=JOB.replace("SETTING", "ttlSecondsAfterFinished: 86400"),
            filename="job.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj in manifest.of_kind("Job"):
        if "ttlSecondsAfterFinished" not in obj.spec:
            yield Problem(obj.spec_span(), f"{obj.label} sets no ttlSecondsAfterFinished; it is never cleaned up")
    for obj in manifest.of_kind("CronJob"):
        job_spec = mapping(dig(obj.spec, "jobTemplate", "spec"))
        if job_spec is not None and "ttlSecondsAfterFinished" in job_spec:
            yield Problem(
                job_spec.key_span("ttlSecondsAfterFinished"),
                f"{obj.label} sets ttlSecondsAfterFinished in its job template; use successfulJobsHistoryLimit instead",
            )
