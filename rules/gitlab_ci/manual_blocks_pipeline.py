"""``when: manual`` in ``rules:`` makes a job that blocks later stages."""

from lintkit.model import Example, Problem, rule

from . import _pipeline


@rule(
    id="GL010",
    name="manual-job-blocks",
    severity="info",
    summary="Manual job in `rules:` without `allow_failure: true` blocks the later stages",
    rationale=(
        "A job made manual by `rules: - when: manual` defaults to `allow_failure: false`, "
        "unlike a job-level `when: manual`: the pipeline stops at its stage (status "
        "blocked) until someone runs it. When the job is optional, say "
        "`allow_failure: true` in the rule."
    ),
    tags=("reliability",),
    collect=_pipeline.FACTS,
    examples=(
        Example(
            bad=(
                "stages: [build, deploy]\nreview:\n  stage: build\n  script: make review\n  rules:\n"
                "    - when: manual\ndeploy:\n  stage: deploy\n  script: make deploy\n"
            ),
            good=(
                "stages: [build, deploy]\nreview:\n  stage: build\n  script: make review\n  rules:\n"
                "    - when: manual\n      allow_failure: true\ndeploy:\n  stage: deploy\n  script: make deploy\n"
            ),
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipelines, ctx):
    yield from _pipeline.unique(_problems(pipelines))


def _problems(pipelines):
    for pipeline in _pipeline.entry_pipelines(pipelines):
        indexes = {}
        for job in pipeline.jobs.values():
            if not job.hidden:
                indexes[job.name] = pipeline.stage_index(job)
        known = [i for i in indexes.values() if i is not None]
        last = max(known) if known else None
        for job in pipeline.jobs.values():
            index = indexes.get(job.name)
            if job.hidden or index is None or index >= last:
                continue
            if pipeline.effective_value(job, "allow_failure") is True:
                continue
            for span, allow_failure in job.manual_rules[:1]:  # once per job
                if allow_failure is not True:
                    later = pipeline.stages[index + 1 : last + 1]
                    yield Problem(
                        span,
                        f"job {job.name!r} is manual through rules and blocks the pipeline at stage "
                        f"{pipeline.stage_of(job)!r}: later stages ({', '.join(later)}) wait for it; "
                        "add `allow_failure: true` if it is optional",
                        path=job.path,
                    )
