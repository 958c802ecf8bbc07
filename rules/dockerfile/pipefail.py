"""A pipe in RUN while the shell does not fail on a failing pipeline element."""

from lintkit.model import Example, Problem, rule

from ._commands import run_scripts


@rule(
    id="DF024",
    name="pipefail",
    severity="warning",
    summary="RUN with a pipe while the shell lacks `-o pipefail`",
    rationale=(
        "A pipeline's status is that of its last command: in `curl -fsSL $URL | tar xz` a "
        "failed download still ends the step successfully and the build goes on without "
        'the file. Use `SHELL ["/bin/bash", "-o", "pipefail", "-c"]` (or `set -o pipefail` '
        "at the start of the script)."
    ),
    tags=("reliability",),
    aliases=("DL4006",),
    examples=(
        Example(
            bad="FROM debian:12\nRUN curl -fsSL https://example.com/x.tgz | tar xz\n",
            good=(
                'FROM debian:12\nSHELL ["/bin/bash", "-o", "pipefail", "-c"]\n'
                "RUN curl -fsSL https://example.com/x.tgz | tar xz\n"
            ),
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for _, script in run_scripts(dockerfile):
        for command in script.commands:
            if command.in_pipeline and command.pipeline_index == 0:
                if "pipefail" in command.options:
                    continue
                anchor = command.name_word or command
                yield Problem(
                    anchor.span,
                    "Set -o pipefail (SHELL or `set -o pipefail`) before piping "
                    f"`{command.name or 'a command'}` into another command",
                )
                break
