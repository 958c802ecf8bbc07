"""Jobs with no bound on how long they may run."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.kubernetes import dig, mapping

from .snippets import JOB


@rule(
    id="K8082",
    name="job-limits",
    severity="info",
    summary="Job (or CronJob job template) without activeDeadlineSeconds",
    rationale=(
        "A Job without `activeDeadlineSeconds` that hangs holds its pods and resources "
        "forever, and a CronJob's next runs pile up behind it. Bound the run time (and, with "
        "`backoffLimit`, the retries: the default of 6 retries with back-off can take hours)."
    ),
    tags=("reliability",),
    examples=(
        Example(
            bad=JOB.replace("  SETTING\n", ""),
            good=JOB.replace("SETTING", "activeDeadlineSeconds: 3600"),
            filename="job.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj in manifest.of_kind("Job", "CronJob"):
        spec = obj.spec if obj.kind == "Job" else mapping(dig(obj.spec, "jobTemplate", "spec"))
        if spec is None or "activeDeadlineSeconds" in spec:
            continue
        retries = "" if "backoffLimit" in spec else " nor backoffLimit"
        where = obj.spec_span() if obj.kind == "Job" else obj.spec["jobTemplate"].key_span("spec")
        yield Problem(where, f"{obj.label} sets no activeDeadlineSeconds{retries}: a hung run is never stopped")
