"""Secrets printed to the job log by ``echo``/``printf``, and registry passwords given as
command-line flags, in ``run:`` scripts."""

import re

from lintkit.commands import STDIN_PASSWORD_LOGINS, invocations, may_pass_secret_options, secret_options
from lintkit.expressions import context_refs, find_expressions
from lintkit.model import Example, Problem, rule
from lintkit.parsers.github_actions import prints_to_log
from lintkit.secrets import is_literal_value

#: Commands that print their arguments.
PRINTERS = frozenset(("echo", "printf"))


@rule(
    id="GH016",
    name="no-secrets-on-command-line",
    severity="warning",
    summary="`run:` prints a secret with echo/printf, or passes a password or token as a command-line option",
    rationale=(
        "GitHub masks a secret in the log only where its exact value appears: printed with a "
        "prefix that joins it to other text, split across lines, or transformed later in a "
        "pipe, it shows in clear. A password given as a command-line flag is visible to every "
        "process on the runner (`ps`) and in error output. Write secrets to the file or the "
        "standard input of the program that needs them (`--password-stdin`)."
    ),
    tags=("security",),
    reports_secrets=True,
    examples=(
        Example(
            bad=(
                "on: push\npermissions: {}\njobs:\n  push:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - run: docker login -u bot -p \"$REGISTRY_TOKEN\" ghcr.io\n"
                "        env:\n          REGISTRY_TOKEN: ${{ secrets.REGISTRY_TOKEN }}\n"
            ),
            good=(
                "on: push\npermissions: {}\njobs:\n  push:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - run: echo \"$REGISTRY_TOKEN\" | docker login -u bot --password-stdin ghcr.io\n"
                "        env:\n          REGISTRY_TOKEN: ${{ secrets.REGISTRY_TOKEN }}\n"
            ),
            filename=".github/workflows/push.yml",
        ),
    ),
)
def check(workflow, ctx):
    for step in workflow.steps:
        run = step.run
        if run is None:
            continue
        secret_vars = _secret_variables(workflow, step)
        logs_in = may_pass_secret_options(run)
        prints = ("echo" in run or "printf" in run) and (
            "secrets." in run or "github.token" in run or any("$" + v in run or "${" + v in run for v in secret_vars)
        )
        if not (logs_in or prints):
            continue
        script = workflow.run_script(step)
        if script is None:
            continue
        for invocation in invocations(script):
            passed = next(secret_options(invocation), None)
            if passed is not None:
                if invocation.name in STDIN_PASSWORD_LOGINS:
                    message = f"`{invocation.name} login` gets the password on its command line; pipe it to `--password-stdin`"
                else:
                    message = f"`{invocation.name} {passed.option}` gets a secret on its command line; read it from a file or the environment"
                written = workflow.source.text_of(passed.value).strip("'\"")
                yield Problem(passed.word.span, message, secret_spans=(passed.value,) if is_literal_value(written) else ())
            elif invocation.name in PRINTERS and prints_to_log(invocation.command):
                for word in invocation.args:
                    secret = _secret_in(workflow, step, word, secret_vars)
                    if secret is not None:
                        yield Problem(word.span, f"`{invocation.name}` prints {secret} to the log, where GitHub's masking is easily defeated")
                        break


def _secret_variables(workflow, step) -> dict[str, str]:
    """Environment variables the step sees that hold a secret: name -> the secret."""
    found: dict[str, str] = {}
    for name, value in workflow.env_of(step).items():
        secret = _secret_of_text(value) if isinstance(value, str) else None
        if secret is not None:
            found[name] = secret
    return found


def _secret_of_text(text: str) -> str | None:
    for expression in find_expressions(text):
        for ref in context_refs(expression):
            if ref.root == "secrets" or ref.path == "github.token":
                return f"`{ref.path}`"
    return None


def _secret_in(workflow, step, word, secret_vars: dict[str, str]) -> str | None:
    for expression in workflow.expressions_in(step, word):
        for ref in context_refs(expression):
            if ref.root == "secrets" or ref.path == "github.token":
                return f"`{ref.path}`"
    for name, secret in secret_vars.items():
        if re.search(rf"\$(?:{name}(?![A-Za-z0-9_])|\{{{name}[}}:#%/^,@-])", word.text):
            return f"${name} ({secret})"
    return None
