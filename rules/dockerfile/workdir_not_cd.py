"""``cd`` in RUN to change directory for later steps."""

from lintkit.model import Example, Problem, rule

from ._commands import run_scripts


@rule(
    id="DF012",
    name="workdir-not-cd",
    severity="warning",
    summary="RUN uses `cd`; use WORKDIR to change directory",
    rationale=(
        "A `cd` lasts for one RUN only, which makes the directory later instructions run in "
        "hard to see; WORKDIR states it once and applies to RUN, CMD, COPY alike."
    ),
    tags=("maintainability",),
    aliases=("DL3003", "DS013"),
    examples=(
        Example(
            bad="FROM alpine:3.20\nRUN cd /app && make\n",
            good="FROM alpine:3.20\nWORKDIR /app\nRUN make\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for _, script in run_scripts(dockerfile):
        for command in script.commands_named("cd"):
            if command.in_substitution:
                continue  # `$(cd "$(dirname "$0")" && pwd)` computes a path, it moves nothing
            yield Problem(command.name_word.span, "Use WORKDIR to switch to a directory")
