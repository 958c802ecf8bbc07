"""``needs:``/``dependencies:`` point at a job of a later stage."""

from lintkit.model import Example, Problem, rule

from . import _pipeline
from .needs_defined import ref_path


@rule(
    id="GL006",
    name="needs-stage-order",
    severity="error",
    summary="`needs:` or `dependencies:` points at a job in a later stage",
    rationale=(
        "A job can only need or take artifacts from jobs of its own or earlier stages; "
        "GitLab rejects the pipeline (`is not defined in current or prior stages`)."
    ),
    tags=("reliability",),
    aliases=("gitlab-lint:need-later-stage", "gitlab-lint:dependency-later-stage"),
    collect=_pipeline.FACTS,
    examples=(
        Example(
            bad="build:\n  stage: build\n  needs: [lint]\n  script: make\nlint:\n  stage: test\n  script: make lint\n",
            good="build:\n  stage: test\n  needs: [lint]\n  script: make\nlint:\n  stage: build\n  script: make lint\n",
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipelines, ctx):
    yield from _pipeline.unique(_problems(pipelines))


def _problems(pipelines):
    for pipeline in _pipeline.entry_pipelines(pipelines):
        for job in pipeline.visible_jobs:
            own = pipeline.stage_index(job)
            if own is None:
                continue
            for keyword in ("needs", "dependencies"):
                for ref in pipeline.effective(job, keyword) or ():
                    other = pipeline.jobs.get(ref.name)
                    if other is None or other.hidden:
                        continue
                    index = pipeline.stage_index(other)
                    if index is not None and index > own:
                        yield Problem(
                            ref.span,
                            f"job {job.name!r} (stage {pipeline.stage_of(job)!r}) {keyword} {ref.name!r}, "
                            f"which runs later (stage {pipeline.stage_of(other)!r})",
                            path=ref_path(job, ref, pipeline),
                        )
