"""``needs:`` or ``dependencies:`` name a job the pipeline does not have."""

from lintkit.model import Example, Problem, rule

from . import _pipeline


@rule(
    id="GL005",
    name="needs-defined",
    severity="error",
    summary="`needs:` or `dependencies:` names a job that does not exist",
    rationale=(
        "GitLab rejects the pipeline (`undefined need` / `undefined dependency`). A typo in "
        "a job name, or a job removed or renamed in an included file, is the usual cause. "
        "Mark a need `optional: true` when the job only exists in some pipelines."
    ),
    tags=("reliability",),
    aliases=("gitlab-lint:undefined-need", "gitlab-lint:undefined-dependency"),
    collect=_pipeline.FACTS,
    examples=(
        Example(
            bad="build:\n  stage: build\n  script: make\ntest:\n  needs: [biuld]\n  script: make test\n",
            good="build:\n  stage: build\n  script: make\ntest:\n  needs: [build]\n  script: make test\n",
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipelines, ctx):
    yield from _pipeline.unique(_problems(pipelines))


def _problems(pipelines):
    for pipeline in _pipeline.entry_pipelines(pipelines, complete=True):
        for job in pipeline.visible_jobs:
            for keyword in ("needs", "dependencies"):
                for ref in pipeline.effective(job, keyword) or ():
                    if ref.optional or _pipeline.job_exists(pipeline, ref.name):
                        continue
                    hidden = f"; {ref.name!r} is a hidden template, not a job" if ref.name.startswith(".") else ""
                    yield Problem(ref.span, f"job {job.name!r}: `{keyword}:` names {ref.name!r}, which is not a job of this pipeline{hidden}", path=ref_path(job, ref, pipeline))


def ref_path(job, ref, pipeline):
    """The file the reference is written in (an inherited `needs:` is in the template's file)."""
    for candidate in pipeline.jobs.values():
        for keyword in ("needs", "dependencies"):
            if any(r is ref for r in getattr(candidate, keyword) or ()):
                return candidate.path
    return job.path
