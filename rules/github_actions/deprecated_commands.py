"""The retired ``::set-output``, ``::save-state``, ``::set-env`` and ``::add-path``
workflow commands printed by ``run:`` scripts."""

from lintkit.model import Edit, Example, Fix, Problem, Span, rule
from lintkit.parsers.github_actions import is_posix_shell, prints_to_log

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
    fix="safe",
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
                    fix = _fix(workflow, step, command, word, name)
                    yield Problem(word.span, f"`::{name}` is a retired workflow command; use `{REPLACEMENTS[name]}`", fix)
                    break


#: Command -> the file its replacement appends to.
_FILES = {"set-output": "GITHUB_OUTPUT", "save-state": "GITHUB_STATE", "set-env": "GITHUB_ENV", "add-path": "GITHUB_PATH"}


def _fix(workflow, step, command, word, name: str) -> Fix | None:
    """``echo "::set-output name=x::v"`` -> ``echo "x=v" >> "$GITHUB_OUTPUT"``, for a
    POSIX shell's ``echo`` of that one word, written as the shell reads it (a value with
    the old commands' ``%`` escapes, or split over lines, is left as it is)."""
    if command.base_name != "echo" or len(command.args) != 1 or command.redirects:
        return None
    if not is_posix_shell(workflow.shell_of(step)):
        return None
    run_span = step.node.value_span("run")
    if workflow.source.text_of(run_span)[:1] == '"':
        return None  # a double-quoted YAML string would need its quotes escaped
    if word.span.line != word.span.end_line:
        return None
    raw = workflow.source.text_of(word.span)  # with any ${{ }} as written
    quote = raw[0] if raw[:1] in ("'", '"') and raw[-1:] == raw[0] and len(raw) > 1 else ""
    inner = raw[len(quote) : len(raw) - len(quote)]
    head, separator, value = inner[2:].partition("::")
    if not separator or "%" in value or "\n" in inner:
        return None
    if name == "add-path":
        line = value
    else:
        parameter = head[len(name) :].strip()
        if not parameter.startswith("name="):
            return None
        line = f"{parameter[5:]}={value}"
    span = word.span
    end = Span(span.end_line, span.end_column, span.end_line, span.end_column)
    return Fix(f"append to ${_FILES[name]}", (Edit(span, f"{quote}{line}{quote}"), Edit(end, f' >> "${_FILES[name]}"')))


def _workflow_command(text: str) -> str | None:
    """``set-output`` for ``::set-output name=x::y`` (the printed argument starts with it)."""
    if not text.startswith("::"):
        return None
    name = text[2:].split("::", 1)[0].split(" ", 1)[0]
    return name if name in REPLACEMENTS else None

