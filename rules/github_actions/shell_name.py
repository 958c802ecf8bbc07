"""``shell:`` values GitHub does not know, or that the job's runner does not have."""

from __future__ import annotations

from lintkit.model import Example, Problem, rule
from lintkit.parsers.github_actions import shell_program
from lintkit.yamlmodel import YMap, YSeq

#: Shells GitHub runs by name; anything else must be a command line with `{0}`.
BUILTIN = frozenset(("bash", "sh", "pwsh", "python", "cmd", "powershell"))
#: Built-in shells missing on a runner OS (GitHub-hosted images).
MISSING_ON = {"windows": frozenset(("sh",)), "linux": frozenset(("cmd", "powershell")), "macos": frozenset(("cmd", "powershell"))}


@rule(
    id="GH032",
    name="shell-name",
    severity="error",
    summary="`shell:` that is neither a built-in shell nor a command with `{0}`, or a shell the job's runner OS does not have",
    rationale=(
        "GitHub runs `run:` with one of its built-in shells (bash, sh, pwsh, python, and on "
        "Windows cmd and powershell) or with a custom command line that names the script "
        "file as `{0}` (`zsh -e {0}`). Any other value (`zsh`, `bash -e`) fails the step "
        "when it starts, as does `cmd`/`powershell` on a Linux or macOS runner and `sh` on "
        "a Windows one."
    ),
    tags=("reliability",),
    aliases=("actionlint:shell-name",),
    examples=(
        Example(
            bad="on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make test\n        shell: zsh\n",
            good="on: push\npermissions: {}\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make test\n        shell: zsh -e {0}\n",
            filename=".github/workflows/test.yml",
        ),
    ),
)
def check(workflow, ctx):
    holders = []  # (mapping holding `shell`, os of its runner or None)
    if workflow.is_action:
        holders = [(step.node, None) for step in workflow.steps]
    else:
        run = _run_defaults(workflow.root)
        if run is not None:
            holders.append((run, None))
        for job in workflow.jobs:
            os_name = _runner_os(job.node)
            run = _run_defaults(job.node)
            if run is not None:
                holders.append((run, os_name))
            holders.extend((step.node, os_name) for step in job.steps)
    for holder, os_name in holders:
        shell = holder.get("shell")
        if not isinstance(shell, str) or "${{" in shell or not shell.strip():
            continue
        program = shell_program(shell)
        if "{0}" in shell:
            continue
        if shell.strip() not in BUILTIN:
            yield Problem(holder.value_span("shell"), f"`shell: {shell.strip()}` is not a built-in shell ({', '.join(sorted(BUILTIN))}); a custom shell must name the script as {{0}}, e.g. `{program} {{0}}`")
        elif os_name is not None and program in MISSING_ON[os_name]:
            yield Problem(holder.value_span("shell"), f"`shell: {program}` is not available on the job's {os_name} runner")


def _run_defaults(holder: YMap) -> YMap | None:
    defaults = holder.get("defaults")
    run = defaults.get("run") if isinstance(defaults, YMap) else None
    return run if isinstance(run, YMap) else None


def _runner_os(job: YMap) -> str | None:
    """The OS of the job's GitHub-hosted runner when every literal label names the same
    one (``ubuntu-24.04``, ``windows-latest``, ``macos-15``); None when unknown or
    self-hosted."""
    runs_on = job.get("runs-on")
    if isinstance(runs_on, YMap):
        runs_on = runs_on.get("labels")
    labels = [runs_on] if isinstance(runs_on, str) else list(runs_on) if isinstance(runs_on, YSeq) else []
    found = set()
    for label in labels:
        if not isinstance(label, str) or "${{" in label:
            return None
        name = label.lower()
        if name == "self-hosted":
            return None  # a self-hosted machine has whatever its owner installed
        for os_name, prefix in (("linux", "ubuntu"), ("windows", "windows"), ("macos", "macos")):
            if name.startswith(prefix):
                found.add(os_name)
    return found.pop() if len(found) == 1 else None
