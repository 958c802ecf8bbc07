"""CMD / ENTRYPOINT in shell form."""

from lintkit.model import Example, Problem, rule


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
            )
