"""Passwords and tokens passed as command-line options (``docker login -p``,
``--password=``, ``--token``)."""

from lintkit.commands import STDIN_PASSWORD_LOGINS, invocations, secret_options
from lintkit.model import Example, Problem, rule
from lintkit.secrets import is_literal_value


@rule(
    id="GL014",
    name="password-on-command-line",
    severity="warning",
    summary="A password or token is passed as a command-line option (`docker login -p`, `--password`, `--token`)",
    rationale=(
        "A password given as an argument is visible to every process on the runner "
        "(`ps`), lands in shell traces (`set -x`) and is echoed by the login command's "
        "own warning. Pipe it in: `echo \"$PASSWORD\" | docker login -u user --password-stdin`; "
        "programs without such an option read it from a file or an environment variable."
    ),
    tags=("security",),
    reports_secrets=True,
    examples=(
        Example(
            bad="push:\n  script:\n    - docker login -u $CI_REGISTRY_USER -p $CI_REGISTRY_PASSWORD $CI_REGISTRY\n",
            good="push:\n  script:\n    - echo \"$CI_REGISTRY_PASSWORD\" | docker login -u $CI_REGISTRY_USER --password-stdin $CI_REGISTRY\n",
            filename=".gitlab-ci.yml",
        ),
    ),
)
def check(pipeline, ctx):
    for line in pipeline.script_lines:
        for run in invocations(line.script):
            secret = next(secret_options(run), None)
            if secret is not None:
                if run.name in STDIN_PASSWORD_LOGINS:
                    message = f"`{run.name} login {secret.word.text}` passes the password on the command line; use --password-stdin"
                else:
                    message = f"`{run.name} {secret.option}` passes a secret on the command line; read it from a file or an environment variable"
                written = pipeline.source.text_of(secret.value).strip("'\"")
                literal = (secret.value,) if is_literal_value(written) else ()
                yield Problem(secret.word.span, f"{line.owner}: {message}", secret_spans=literal)
