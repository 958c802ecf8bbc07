"""Writes to GITHUB_ENV / GITHUB_PATH in workflows that outsiders can trigger."""

from lintkit.model import Example, Problem, rule

from .dangerous_triggers import DANGEROUS

SPECIAL_FILES = ("GITHUB_ENV", "GITHUB_PATH")


@rule(
    id="GH008",
    name="github-env-injection",
    severity="error",
    summary="Step writes to GITHUB_ENV/GITHUB_PATH in a `pull_request_target`/`workflow_run` workflow",
    rationale=(
        "A line appended to $GITHUB_ENV becomes an environment variable of every later "
        "step (LD_PRELOAD, NODE_OPTIONS, BASH_ENV run code); $GITHUB_PATH decides which "
        "programs run. When what is written can come from a pull request or an artifact of "
        "one, the PR's author runs code with the privileged token."
    ),
    tags=("security",),
    aliases=("zizmor:github-env",),
    examples=(
        Example(
            bad=(
                "on: workflow_run\npermissions: {}\njobs:\n  report:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - run: echo \"PR=$(cat pr.txt)\" >> \"$GITHUB_ENV\"\n"
            ),
            good=(
                "on: workflow_run\npermissions: {}\njobs:\n  report:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - id: pr\n        run: echo \"number=$(cat pr.txt)\" >> \"$GITHUB_OUTPUT\"\n"
            ),
            filename=".github/workflows/report.yml",
        ),
    ),
)
def check(workflow, ctx):
    if workflow.is_action or not any(t in DANGEROUS for t in workflow.triggers):
        return
    for step in workflow.steps:
        run = step.run
        if run is None or not any(f in run for f in SPECIAL_FILES):
            continue
        script = workflow.run_script(step)
        if script is None:
            continue
        for command in script.commands:
            for redirect in command.redirects:
                target = redirect.target
                if target is not None and redirect.operator in (">", ">>") and any(f in target.raw for f in SPECIAL_FILES):
                    name = next(f for f in SPECIAL_FILES if f in target.raw)
                    yield Problem(target.span, f"writes to ${name} in a workflow that outsiders can trigger")
                    break
