"""The retired ``::set-output``, ``::save-state``, ``::set-env`` and ``::add-path``
workflow commands printed by ``run:`` scripts."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.github_actions import prints_to_log

#: Command -> what replaces it.
REPLACEMENTS = {
    "set-output": 'echo "{name}={value}" >> "$GITHUB_OUTPUT"',
    "save-state": 'echo "{name}={value}" >> "$GITHUB_STATE"',
    "set-env": 'echo "{name}={value}" >> "$GITHUB_ENV"',
    "add-path": 'echo "{path}" >> "$GITHUB_PATH"',
}
#: Commands that print their arguments to standard output (the runner reads it).
PRINTERS = frozenset(("echo", "printf", "Write-Output", "Write-Host"))


@rule(
    id="GH013",
    name="no-deprecated-commands",
    severity="warning",
    summary="`run:` prints a retired workflow command (`::set-output`, `::save-state`, `::set-env`, `::add-path`)",
    rationale=(
        "Workflow commands read from a step's output can be forged by anything else the step "
        "prints, so GitHub replaced them with files: `$GITHUB_OUTPUT`, `$GITHUB_STATE`, "
        "`$GITHUB_ENV` and `$GITHUB_PATH`. `set-env` and `add-path` are disabled and fail "
        "the step; `set-output` and `save-state` print a deprecation warning and will stop "
        "working."
    ),
    tags=("reliability", "security"),
    aliases=("actionlint:deprecated-commands",),
    examples=(
        Example(
            bad=(
                "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - id: version\n        run: echo \"::set-output name=tag::$(git describe)\"\n"
            ),
            good=(
                "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - id: version\n        run: echo \"tag=$(git describe)\" >> \"$GITHUB_OUTPUT\"\n"
            ),
            filename=".github/workflows/build.yml",
        ),
    ),
)
def check(workflow, ctx):
    for step in workflow.steps:
        run = step.run
        if run is None or "::" not in run:
            continue
        script = workflow.run_script(step, any_shell=True)
        if script is None:
            continue
        for command in script.commands:
            if command.base_name not in PRINTERS or not prints_to_log(command):
                continue
            for word in command.args:
                name = _workflow_command(word.text)
                if name is not None:
                    yield Problem(word.span, f"`::{name}` is a retired workflow command; use `{REPLACEMENTS[name]}`")
                    break


def _workflow_command(text: str) -> str | None:
    """``set-output`` for ``::set-output name=x::y`` (the printed argument starts with it)."""
    if not text.startswith("::"):
        return None
    name = text[2:].split("::", 1)[0].split(" ", 1)[0]
    return name if name in REPLACEMENTS else None

