"""``needs:`` names a job whose name, once ``parallel:`` expands it, is too long."""

from lintkit.model import Example, Problem, rule

from . import _pipeline
from .needs_defined import ref_path

#: GitLab stores the name of each needed job in at most this many characters.
MAX_NEED_NAME = 128


@rule(
    id="GL025",
    name="needs-name-length",
    severity="error",
    summary=f"A needed job's name is longer than {MAX_NEED_NAME} characters once `parallel:` expands it",
    rationale=(
        f"GitLab keeps the name of every job a job needs in at most {MAX_NEED_NAME} "
        "characters. `parallel:` instances are named after the job plus their index or "
        "their matrix values (`deploy: [aws, eu-west-1, monitoring]`), so long matrix "
        "values push a needed job past the limit, and the pipeline fails to be created "
        "(older GitLab versions give no error at all). Shorten the job name or the matrix "
        "values, or raise `max-length` for an instance with a higher limit."
    ),
    tags=("reliability",),
    aliases=("gitlab-lint:need-name-too-long",),
    collect=_pipeline.FACTS,
    options={
        "type": "object",
        "properties": {
            "max-length": {
                "type": "integer", "minimum": 1, "default": MAX_NEED_NAME,
                "description": "Longest name of a needed job the GitLab instance accepts.",
            },
        },
    },
    examples=(
        Example(
            bad=(
                "build:\n  stage: build\n  script: make\n  parallel:\n    matrix:\n"
                f"      - TARGET: [{'x' * 130}]\n"
                "test:\n  needs: [build]\n  script: make test\n"
            ),
            good=(
                "build:\n  stage: build\n  script: make\n  parallel:\n    matrix:\n"
                "      - TARGET: [linux, windows]\n"
                "test:\n  needs: [build]\n  script: make test\n"
            ),
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipelines, ctx):
    limit = ctx.options.get("max-length", MAX_NEED_NAME)
    yield from _pipeline.unique(_problems(pipelines, limit))


def _problems(pipelines, limit):
    for pipeline in _pipeline.entry_pipelines(pipelines):
        for job in pipeline.visible_jobs:
            for ref in pipeline.effective(job, "needs") or ():
                if _pipeline.job_named(pipeline, ref.name) is None:
                    continue  # needs-defined reports it (GitLab checks the name first)
                needed = pipeline.jobs.get(ref.name)
                if needed is not None and not ref.subset:
                    suffix = pipeline.parallel_suffix_of(needed) or 0
                    length = len(ref.name) + suffix
                    what = "its longest `parallel:` instance name" if suffix else "the name"
                else:  # an instance named in full, or a subset of the matrix: the name as written
                    length, what = len(ref.name), "the name"
                if length > limit:
                    yield Problem(
                        ref.span,
                        f"job {job.name!r} needs {ref.name!r}, {what} is {length} characters, "
                        f"more than the {limit} GitLab allows for a needed job",
                        path=ref_path(job, ref, pipeline),
                    )
