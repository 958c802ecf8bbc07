"""A local ``include:`` that matches no file."""

from lintkit.model import Example, Problem, rule

from . import _pipeline


@rule(
    id="GL008",
    name="include-local-exists",
    severity="error",
    summary="Local `include:` names a file that does not exist in the project",
    rationale=(
        "GitLab fails to create the pipeline (`Local file ... does not exist!`). Local "
        "include paths are relative to the project root, the folder of `.gitlab-ci.yml`."
    ),
    tags=("reliability",),
    aliases=("gitlab-lint:include-not-found",),
    collect=_pipeline.FACTS,
    examples=(
        Example(
            bad="include:\n  - local: ci/missing.yml\ntest:\n  script: make test\n",
            good="include:\n  - local: ci/build.yml\ntest:\n  script: make test\n",
            filename=".gitlab-ci.yml",
            files=(("ci/build.yml", "build:\n  script: make\n"),),
        ),
    ),
)
def check(pipelines, ctx):
    yield from _pipeline.unique(
        Problem(include.span, message, path=path)
        for pipeline in pipelines
        for path, include, message in pipeline.missing_includes
    )
