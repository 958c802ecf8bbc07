"""Artifacts kept without ``expire_in``."""

from lintkit.model import Example, Problem, rule
from lintkit.yamlmodel import YMap


@rule(
    id="GL019",
    name="artifacts-expire-in",
    severity="info",
    summary="`artifacts:` without `expire_in`",
    rationale=(
        "Without `expire_in`, artifacts follow the instance default (30 days on GitLab.com, "
        "possibly never on self-managed instances), filling storage with build outputs "
        "nobody downloads. Say how long they are useful."
    ),
    tags=("performance",),
    examples=(
        Example(
            bad="build:\n  script: make\n  artifacts:\n    paths: [dist/]\n",
            good="build:\n  script: make\n  artifacts:\n    paths: [dist/]\n    expire_in: 1 week\n",
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipeline, ctx):
    default = pipeline.default
    for job in pipeline.visible_jobs:
        artifacts = job.effective.get("artifacts")
        if not isinstance(artifacts, YMap) or "expire_in" in artifacts:
            continue
        if set(artifacts) <= {"reports"}:
            continue  # report artifacts feed merge request widgets and expire with the pipeline
        own = job.node.get("artifacts")
        if isinstance(own, YMap):
            span = job.node.key_span("artifacts")
        elif isinstance(default.get("artifacts"), YMap):
            continue  # reported once, at default:
        else:
            span = job.name_span()
        yield Problem(span, f"job {job.name!r}: artifacts have no `expire_in`")
    artifacts = default.get("artifacts")
    if isinstance(artifacts, YMap) and "expire_in" not in artifacts and isinstance(pipeline.root.get("default"), YMap):
        yield Problem(pipeline.root["default"].key_span("artifacts"), "default: artifacts have no `expire_in`")
