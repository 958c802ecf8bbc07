"""Registry passwords passed as ``-p``/``--password`` on a command line."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.gitlab_ci import script_lines

from ._scripts import invocations, password_flag


@rule(
    id="GL014",
    name="password-on-command-line",
    severity="warning",
    summary="`docker login -p` (or --password) puts the password on the command line",
    rationale=(
        "A password given as an argument is visible to every process on the runner "
        "(`ps`), lands in shell traces (`set -x`) and is echoed by the login command's "
        "own warning. Pipe it in: `echo \"$PASSWORD\" | docker login -u user --password-stdin`."
    ),
    tags=("security",),
    examples=(
        Example(
            bad="push:\n  script:\n    - docker login -u $CI_REGISTRY_USER -p $CI_REGISTRY_PASSWORD $CI_REGISTRY\n",
            good="push:\n  script:\n    - echo \"$CI_REGISTRY_PASSWORD\" | docker login -u $CI_REGISTRY_USER --password-stdin $CI_REGISTRY\n",
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipeline, ctx):
    for line in script_lines(pipeline.source, pipeline.root):
        for run in invocations(line.script):
            flag = password_flag(run)
            if flag is not None:
                yield Problem(flag.span, f"{line.owner}: `{run.name} login {flag.text}` passes the password on the command line; use --password-stdin")
