"""``!reference`` to a job or key that the pipeline does not define."""

from lintkit.model import Example, Problem, rule

from . import _pipeline


@rule(
    id="GL009",
    name="reference-defined",
    severity="error",
    summary="`!reference` points at a job or keyword that does not exist",
    rationale=(
        "GitLab resolves `!reference [job, keyword]` when it creates the pipeline and "
        "fails when the job or keyword is missing, in this file or any file it includes."
    ),
    tags=("reliability",),
    aliases=("gitlab-lint:reference-not-found",),
    collect=_pipeline.FACTS,
    examples=(
        Example(
            bad=".setup:\n  script: [make deps]\ntest:\n  script:\n    - !reference [.setpu, script]\n    - make test\n",
            good=".setup:\n  script: [make deps]\ntest:\n  script:\n    - !reference [.setup, script]\n    - make test\n",
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipelines, ctx):
    yield from _pipeline.unique(_problems(pipelines))


def _problems(pipelines):
    for pipeline in _pipeline.entry_pipelines(pipelines, complete=True):
        for facts in pipeline.files:
            for path, span in facts.references:
                if not path or not all(isinstance(p, str) for p in path):
                    yield Problem(span, "`!reference` takes a list of names: [job, keyword, ...]", path=facts.path)
                    continue
                job = pipeline.jobs.get(path[0])
                if job is None:
                    yield Problem(span, f"`!reference` to {path[0]!r}, which is not defined in this pipeline", path=facts.path)
                elif len(path) > 1 and path[1] not in job.keys:
                    yield Problem(span, f"`!reference`: {path[0]!r} has no `{path[1]}:`", path=facts.path)
