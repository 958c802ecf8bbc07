"""Blank lines inside a line continuation."""

from lintkit.model import Example, Problem, Span, rule


@rule(
    id="DF079",
    name="no-empty-continuation",
    severity="warning",
    summary="Empty line inside a line continuation",
    rationale=(
        "BuildKit skips a blank line after a trailing `\\` and joins what follows into the "
        "same instruction; if the blank line was meant to end the instruction, the next "
        "instruction is silently swallowed. BuildKit warns and plans to make it an error."
    ),
    tags=("reliability",),
    aliases=("buildkit:NoEmptyContinuation",),
    examples=(
        Example(
            bad="FROM alpine:3.20\nRUN apk add --no-cache \\\n\n    curl=8.9.1-r0\n",
            good="FROM alpine:3.20\nRUN apk add --no-cache \\\n    curl=8.9.1-r0\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction in dockerfile.instructions:
        for line in instruction.empty_continuation_lines:
            yield Problem(
                Span.point(line),
                f"Empty line inside the continuation of the {instruction.keyword} on line "
                f"{instruction.line}",
            )
