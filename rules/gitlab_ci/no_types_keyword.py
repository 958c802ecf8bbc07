"""Deprecated ``types:`` and ``type:`` instead of ``stages:`` and ``stage:``."""

from lintkit.model import Edit, Example, Fix, Problem, rule
from lintkit.parsers.gitlab_ci import OLD_STAGE_KEY, OLD_STAGES_KEY


@rule(
    id="GL029",
    name="no-types-keyword",
    severity="warning",
    summary="Deprecated `types:` / `type:` used instead of `stages:` / `stage:`",
    rationale=(
        "`types` and `type` are the old names of `stages` and `stage`. GitLab deprecated them "
        "in 9.0 and has planned their removal since (it still reads them); SchemaStore's CI "
        "schema no longer lists them, so the schema check leaves them to this rule. A job that "
        "sets both is ambiguous."
    ),
    tags=("maintainability",),
    aliases=("gitlab-lint:types-type-deprecated",),
    fix="safe",
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
    if OLD_STAGES_KEY in root:
        yield Problem(root.key_span(OLD_STAGES_KEY), "top-level `types:` is deprecated; use `stages:`",
                      _rename(pipeline, root, OLD_STAGES_KEY, "stages"))
    for job in pipeline.jobs:
        if OLD_STAGE_KEY in job.node:
            message = f"job {job.name!r} uses deprecated `type:`; use `stage:`"
            yield Problem(job.node.key_span(OLD_STAGE_KEY), message, _rename(pipeline, job.node, OLD_STAGE_KEY, "stage"))


def _rename(pipeline, node, old: str, new: str) -> Fix | None:
    """The old key renamed, unless the new one is there too (then which wins is a choice)."""
    span = node.key_span(old)
    if new in node or pipeline.source.text_of(span) != old:
        return None
    return Fix(f"rename to {new}", (Edit(span, new),))
