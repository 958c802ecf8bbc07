"""CMD / ENTRYPOINT in shell form."""

import json

from lintkit.model import Edit, Example, Fix, Problem, Span, rule


@rule(
    id="DF017",
    name="exec-form-cmd-entrypoint",
    severity="warning",
    summary="CMD, ENTRYPOINT or HEALTHCHECK CMD in shell form instead of JSON (exec) form",
    rationale=(
        "In shell form the command runs under `/bin/sh -c`: the shell becomes PID 1, does "
        "not forward SIGTERM, and `docker stop` waits out its timeout before killing the "
        'app. The JSON form `CMD ["node", "server.js"]` runs the program directly (and a '
        "health check in JSON form needs no shell in the image)."
    ),
    tags=("reliability",),
    aliases=("DL3025", "buildkit:JSONArgsRecommended"),
    fix="unsafe",
    examples=(
        Example(
            bad="FROM node:20-alpine\nCMD node src/index.js\n",
            good='FROM node:20-alpine\nCMD ["node", "src/index.js"]\n',
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction in dockerfile.instructions_named("CMD", "ENTRYPOINT", "HEALTHCHECK"):
        is_healthcheck_command = (
            bool(instruction.args) and instruction.args[0].value.upper() == "CMD"
        )
        if instruction.keyword == "HEALTHCHECK" and not is_healthcheck_command:
            continue
        if instruction.exec_form is None and instruction.value:
            yield Problem(
                instruction.value_span,
                f"Use the JSON form for {instruction.keyword} so signals reach the process",
                _fix(instruction),
            )


#: Characters that make a word mean more than itself to the shell (globs, ``~``).
_SHELL_SPECIAL = frozenset("*?[]~{}")


def _fix(instruction) -> Fix | None:
    """The JSON form of a shell-form command that is one simple command of literal words
    (no operators, redirections, variables or globs). Unsafe: the program becomes PID 1
    instead of the shell, and an ENTRYPOINT starts taking CMD's arguments."""
    script = instruction.script
    if script is None or script.has_errors or len(script.commands) != 1:
        return None
    command = script.commands[0]
    start, end, _offsets = command.location
    if script.text[:start].strip() or script.text[end:].strip():
        return None
    if (command.name_word is None or command.assignments or command.redirects or command.negated
            or command.pipeline is not None and len(command.pipeline) > 1):
        return None
    words = (command.name_word, *command.args)
    if any(not w.literal or _SHELL_SPECIAL.intersection(w.raw) for w in words):
        return None
    first, last = command.span, instruction.value_span
    text = json.dumps([w.value for w in words], ensure_ascii=False)
    return Fix("use the JSON form", (Edit(Span(first.line, first.column, last.end_line, last.end_column), text),))
