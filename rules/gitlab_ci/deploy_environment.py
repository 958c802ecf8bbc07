"""Deploy jobs that do not declare an ``environment:``."""

from lintkit.model import Example, Problem, rule



@rule(
    id="GL017",
    name="deploy-environment",
    severity="info",
    summary="Deploy job without `environment:`",
    rationale=(
        "An `environment:` makes GitLab track what is deployed where, offers rollback and "
        "stop actions, and lets protected environments restrict who can deploy and which "
        "variables the job sees. A job in a deploy stage, or named like one, without it "
        "deploys invisibly and with the project-wide variables."
    ),
    tags=("security", "maintainability"),
    examples=(
        Example(
            bad="deploy:\n  stage: deploy\n  script: ./deploy.sh production\n",
            good="deploy:\n  stage: deploy\n  script: ./deploy.sh production\n  environment: production\n",
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipeline, ctx):
    for job in pipeline.visible_jobs:
        merged = job.resolved
        if "environment" in merged or "trigger" in merged or "script" not in merged:
            continue
        stage = merged.get("stage")
        if job.name == "pages" or "pages" in merged:
            continue  # GitLab Pages tracks its own deployments
        named = job.name.lower().replace(":", "_").replace("-", "_").split("_")[0] in ("deploy", "production")
        if stage in ("deploy", "production") or named:
            yield Problem(job.name_span(), f"job {job.name!r} deploys but declares no `environment:`")
