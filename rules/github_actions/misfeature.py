"""Features GitHub Actions offers that are better left alone."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.github_actions import shell_program

from .actions import inputs_of, uses_action

#: Shells whose scripts the usual tools (and this linter) read.
WELL_KNOWN = frozenset(("bash", "sh", "pwsh", "powershell", "python"))


@rule(
    id="GH043",
    name="misfeature",
    severity="info",
    summary="`shell: cmd` or another uncommon shell, or setup-python's `pip-install`",
    rationale=(
        "`cmd` has no grammar to speak of (several continuation and quoting rules), so "
        "neither reviewers nor tools can tell what a script does; other custom shells are "
        "opaque the same way. setup-python's `pip-install` installs into the runner's "
        "global Python, which differs between images and versions. Use bash or pwsh, and "
        "install into a virtual environment. Off by default: a matter of policy."
    ),
    tags=("maintainability",),
    aliases=("zizmor:misfeature",),
    enabled=False,
    examples=(
        Example(
            bad="on: push\npermissions: {}\njobs:\n  test:\n    runs-on: windows-2025\n    steps:\n      - run: build.bat\n        shell: cmd\n",
            good="on: push\npermissions: {}\njobs:\n  test:\n    runs-on: windows-2025\n    steps:\n      - run: ./build.ps1\n        shell: pwsh\n",
            filename=".github/workflows/test.yml",
        ),
    ),
)
def check(workflow, ctx):
    for step in workflow.steps:
        if uses_action(step, "actions/setup-python") and "pip-install" in inputs_of(step):
            yield Problem(inputs_of(step).key_span("pip-install"), "`pip-install` installs into the runner's global Python; install into a virtual environment in a `run:` step")
        shell = step.node.get("shell")
        if "run" not in step.node or not isinstance(shell, str) or "${{" in shell:
            continue
        program = shell_program(shell)
        if program in ("cmd", "cmd.exe"):
            yield Problem(step.node.value_span("shell"), "`shell: cmd` scripts cannot be analysed reliably; use pwsh or bash")
        elif program is not None and program not in WELL_KNOWN:
            yield Problem(step.node.value_span("shell"), f"`{program}` is not a shell GitHub Actions knows well; prefer bash, pwsh or python")
