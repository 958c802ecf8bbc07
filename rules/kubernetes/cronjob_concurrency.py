"""CronJobs that let runs overlap."""

from lintkit.model import Example, Problem, rule

from .snippets import CRONJOB


@rule(
    id="K8080",
    name="cronjob-concurrency",
    severity="warning",
    summary="CronJob allows concurrent runs (concurrencyPolicy Allow, the default)",
    rationale=(
        "With `concurrencyPolicy: Allow` (the default) a run that takes longer than the "
        "schedule interval overlaps the next one: two migrations, two backups writing the "
        "same file. Use Forbid (skip the new run) or Replace (stop the old one)."
    ),
    tags=("reliability",),
    examples=(
        Example(
            bad=CRONJOB.replace("SETTING", "concurrencyPolicy: Allow"),
            good=CRONJOB.replace("SETTING", "concurrencyPolicy: Forbid"),
            filename="cronjob.yaml",
        ),
    ),
)
def check(manifest, ctx):
    for obj in manifest.of_kind("CronJob"):
        spec = obj.spec
        if "concurrencyPolicy" not in spec:
            yield Problem(obj.spec_span(), f"{obj.label} sets no concurrencyPolicy, so runs may overlap (Allow)")
        elif spec["concurrencyPolicy"] == "Allow":
            yield Problem(
                spec.value_span("concurrencyPolicy"), f"{obj.label} lets runs overlap (concurrencyPolicy: Allow)"
            )
