"""Jobs using ``only``/``except`` instead of ``rules``."""

from lintkit.model import Example, Problem, rule


@rule(
    id="GL001",
    name="prefer-rules",
    severity="info",
    summary="only/except used instead of rules",
    rationale=(
        "GitLab no longer develops `only`/`except`; `rules` replaces them, can express what "
        "they cannot (variables, changes, exists, when per rule), and the two cannot be "
        "combined in one job, so templates written with `only` block moving to `rules`."
    ),
    tags=("maintainability",),
    aliases=("gitlab-lint:only-except-deprecated",),
    examples=(
        Example(
            bad="build:\n  script: make\n  only:\n    - main\n",
            good="build:\n  script: make\n  rules:\n    - if: $CI_COMMIT_BRANCH == \"main\"\n",
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipeline, ctx):
    for job in pipeline.jobs:
        for key in ("only", "except"):
            if key in job.node:
                yield Problem(job.node.key_span(key), f"job {job.name!r} uses `{key}:`; use `rules:` instead")
