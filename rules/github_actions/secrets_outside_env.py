"""Secrets read by jobs that run in no deployment environment."""

from lintkit.expressions import context_refs, find_expressions
from lintkit.model import Example, Problem, rule
from lintkit.parsers.github_actions import text_offsets


@rule(
    id="GH035",
    name="secrets-outside-env",
    severity="info",
    summary="Job reads a repository secret but runs in no `environment:` (auditor check)",
    rationale=(
        "A secret stored on a deployment environment is released only to jobs that name "
        "that environment, after its protection rules (required reviewers, allowed branches) "
        "pass. A repository or organisation secret reaches every job of every workflow, "
        "including one changed in a pull request branch by someone with write access. Move "
        "deployment credentials to an environment and name it on the job that deploys. Off "
        "by default: many secrets (a read-only API key, a cache token) need no such gate."
    ),
    tags=("security",),
    aliases=("zizmor:secrets-outside-env",),
    enabled=False,
    examples=(
        Example(
            bad=(
                "on: push\npermissions: {}\njobs:\n  deploy:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - run: ./deploy.sh\n        env:\n          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n"
            ),
            good=(
                "on: push\npermissions: {}\njobs:\n  deploy:\n    runs-on: ubuntu-24.04\n    environment: production\n    steps:\n"
                "      - run: ./deploy.sh\n        env:\n          TOKEN: ${{ secrets.DEPLOY_TOKEN }}\n"
            ),
            filename=".github/workflows/deploy.yml",
        ),
    ),
)
def check(workflow, ctx):
    if workflow.is_action or list(workflow.triggers) == ["workflow_call"]:
        return  # a reusable workflow's secrets are what its caller passes: the caller's job decides
    for site in workflow.expression_sites:
        job = site.job
        if job is None or job.is_reusable_call or "environment" in job.node or site.condition:
            continue
        for expression in find_expressions(site.text):
            for ref in context_refs(expression):
                parts = ref.path.split(".")
                if parts[0].lower() != "secrets" or (len(parts) > 1 and parts[1].lower() == "github_token"):
                    continue
                offsets = text_offsets(workflow, site.holder, site.index)
                yield Problem(offsets.span(ref.start, ref.end), f"job {job.id!r} reads `{ref.path}` without an `environment:`; keep deployment secrets on an environment")
