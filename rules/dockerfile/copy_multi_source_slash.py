"""COPY of several sources to a destination without a trailing slash."""

from lintkit.model import Example, Problem, rule


@rule(
    id="DF061",
    name="copy-multi-source-slash",
    severity="error",
    summary="COPY with several sources needs a destination ending in `/`",
    rationale="Docker refuses to copy several sources to a destination that is not a directory.",
    tags=("reliability",),
    aliases=("DL3021", "DS011"),
    examples=(
        Example(
            bad="FROM alpine:3.20\nCOPY a.txt b.txt /data\n",
            good="FROM alpine:3.20\nCOPY a.txt b.txt /data/\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction in dockerfile.instructions_named("COPY", "ADD"):
        if instruction.heredocs or len(instruction.args) < 3:
            continue
        destination = instruction.args[-1]
        if not destination.value.endswith(("/", "\\")) and "$" not in destination.value:
            yield Problem(destination.span, "With several sources the destination must end in /")
