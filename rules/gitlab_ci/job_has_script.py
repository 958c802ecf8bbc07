"""A visible job without ``script:``, ``run:`` or ``trigger:``."""

from lintkit.model import Example, Problem, rule

from . import _pipeline


@rule(
    id="GL012",
    name="job-has-script",
    severity="error",
    summary="Job has no `script:`, `run:` or `trigger:` (a template missing its leading dot?)",
    rationale=(
        "GitLab rejects a job that runs nothing (`config should implement the script:, "
        "run:, or trigger: keyword`). Usually a template lost the `.` that hides it, or "
        "the job extends a template that does not exist."
    ),
    tags=("reliability",),
    aliases=("gitlab-lint:job-without-script",),
    collect=_pipeline.FACTS,
    examples=(
        Example(
            bad="base:\n  image: alpine:3.20\ntest:\n  extends: base\n  script: make test\n",
            good=".base:\n  image: alpine:3.20\ntest:\n  extends: .base\n  script: make test\n",
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipelines, ctx):
    yield from _pipeline.unique(_problems(pipelines))


def _problems(pipelines):
    for pipeline in _pipeline.entry_pipelines(pipelines, complete=True):
        for job in pipeline.jobs.values():
            if job.hidden or any(pipeline.has_key(job, k) for k in ("script", "run", "trigger")):
                continue
            if any(ref.name not in pipeline.jobs for ref in job.extends):
                continue  # extends-valid reports the unknown template
            yield Problem(job.name_span, f"job {job.name!r} has no `script:`, `run:` or `trigger:`; hide a template with a leading dot (`.{job.name}`)", path=job.path)
