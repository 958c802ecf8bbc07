"""CronJobs without startingDeadlineSeconds."""

from lintkit.model import Example, Problem, rule

from .snippets import CRONJOB


@rule(
    id="K8079",
    name="cronjob-deadline",
    severity="info",
    summary="CronJob has no startingDeadlineSeconds",
    rationale=(
        "Without a starting deadline, a CronJob that missed more than 100 schedules (the "
        "controller was down, the job was suspended) stops being scheduled at all until "
        "someone notices. `startingDeadlineSeconds` bounds how late a run may start."
    ),
    tags=("reliability",),
    aliases=("kube-score:cronjob-has-deadline",),
    examples=(
        Example(
            bad=CRONJOB.replace("  SETTING\n", ""),
            good=CRONJOB.replace("SETTING", "startingDeadlineSeconds: 600"),
            filename="cronjob.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj in manifest.of_kind("CronJob"):
        if "startingDeadlineSeconds" not in obj.spec:
            yield Problem(obj.spec_span(), f"{obj.label} sets no startingDeadlineSeconds")
