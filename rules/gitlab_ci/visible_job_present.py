"""A pipeline without a job GitLab would run: only hidden templates, or nothing."""

import os

from lintkit.model import Example, Problem, Span, rule

from . import _pipeline


@rule(
    id="GL026",
    name="visible-job-present",
    severity="error",
    summary="Pipeline defines no visible job (only hidden `.templates`, or no job at all)",
    rationale=(
        "GitLab refuses a pipeline configuration without at least one job it can run "
        "(`jobs config should contain at least one visible job`). A job whose name starts "
        "with a dot is a hidden template; a configuration of templates only belongs in a "
        "file that others include. Only `.gitlab-ci.yml` files that no other linted file "
        "includes are checked (not components, which open with a `spec:` header), with "
        "everything they include locally, and only when no include is out of lintkit's "
        "sight (another project, a URL, a GitLab template or a component may bring the jobs)."
    ),
    tags=("reliability",),
    aliases=("gitlab-lint:no-visible-job",),
    collect=_pipeline.FACTS,
    examples=(
        Example(
            bad=".test:\n  script: pytest\n",
            good=".test:\n  script: pytest\ntest:\n  extends: .test\n",
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipelines, ctx):
    everything = list(pipelines)
    included = {os.path.realpath(f.path) for p in everything for f in p.files[1:]}
    for pipeline in everything:
        root = pipeline.root
        if not root.entry or root.has_spec or not pipeline.complete or os.path.realpath(root.path) in included:
            continue
        if pipeline.visible_jobs:
            continue
        hidden = [job for job in root.jobs.values() if job.hidden]
        if hidden:
            first = min(hidden, key=lambda j: (j.name_span.line, j.name_span.column))
            yield Problem(first.name_span, f"no visible job in the pipeline: {first.name!r} and every other job are hidden templates (their names start with a dot)", path=root.path)
        else:
            yield Problem(Span.point(1), "no visible job in the pipeline: the configuration defines no job", path=root.path)
