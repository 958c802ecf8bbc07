"""Deprecated ``types:`` and ``type:`` instead of ``stages:`` and ``stage:``."""

from lintkit.model import Example, Problem, rule


@rule(
    id="GL029",
    name="no-types-keyword",
    severity="info",
    summary="Deprecated `types:` / `type:` used instead of `stages:` / `stage:`",
    rationale=(
        "`types` and `type` are the old names of `stages` and `stage`. GitLab deprecated "
        "them long ago and plans their removal; tools and readers expect the current names, "
        "and a job that sets both `type` and `stage` is ambiguous."
    ),
    tags=("maintainability", "style"),
    aliases=("gitlab-lint:types-type-deprecated",),
    examples=(
        Example(
            bad="types:\n  - build\n  - test\nbuild:\n  type: build\n  script: make\n",
            good="stages:\n  - build\n  - test\nbuild:\n  stage: build\n  script: make\n",
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipeline, ctx):
    root = pipeline.root
    if "types" in root:
        yield Problem(root.key_span("types"), "top-level `types:` is deprecated; use `stages:`")
    for job in pipeline.jobs:
        if "type" in job.node:
            yield Problem(job.node.key_span("type"), f"job {job.name!r} uses deprecated `type:`; use `stage:`")
