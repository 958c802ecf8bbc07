"""A job's stage is not one of the pipeline's stages."""

from lintkit.model import Example, Problem, rule

from . import _pipeline


@rule(
    id="GL004",
    name="stage-defined",
    severity="error",
    summary="Job uses a stage that the pipeline's `stages:` does not list",
    rationale=(
        "GitLab refuses to create the pipeline (`chosen stage does not exist`). Without a "
        "`stages:` list only .pre, build, test, deploy and .post exist."
    ),
    tags=("reliability",),
    aliases=("gitlab-lint:stage-not-defined",),
    collect=_pipeline.FACTS,
    examples=(
        Example(
            bad="stages: [build, test]\npublish:\n  stage: release\n  script: make publish\n",
            good="stages: [build, test, release]\npublish:\n  stage: release\n  script: make publish\n",
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipelines, ctx):
    yield from _pipeline.unique(_problems(pipelines))


def _problems(pipelines):
    for pipeline in pipelines:
        # Stages are known when the entry file (whose `stages:` wins) or everything
        # it includes is visible.
        if not pipeline.root.entry or not (pipeline.complete or pipeline.root.stages is not None):
            continue
        for job in pipeline.visible_jobs:
            stage = pipeline.effective(job, "stage")
            if stage is None and not pipeline.complete:
                continue  # the job may be completed by a same-named job of an unseen include
            stage = stage or "test"
            if stage in pipeline.stages:
                continue
            listed = ", ".join(s for s in pipeline.stages if s not in (".pre", ".post"))
            if "stage" in job.keys:
                yield Problem(job.keys["stage"], f"job {job.name!r}: stage {stage!r} is not defined in `stages:` ({listed})", path=job.path)
            else:
                yield Problem(job.name_span, f"job {job.name!r} inherits stage {stage!r}, which is not defined in `stages:` ({listed})", path=job.path)
