"""Consecutive RUN instructions that could be one layer."""

from lintkit.model import Example, Problem, rule


def _mounts(instruction):
    return sorted(f.value or "" for f in instruction.flags)


@rule(
    id="DF011",
    name="consolidate-run",
    severity="info",
    summary="Consecutive RUN instructions; consider one RUN joined with `&&`",
    rationale=(
        "Each RUN is a layer: files a later RUN deletes still ship in the earlier layer, and "
        "each layer costs a step in every pull. Consecutive RUNs with the same flags can "
        "usually be one."
    ),
    tags=("performance", "style"),
    aliases=("DL3059",),
    examples=(
        Example(
            bad="FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\nRUN mkdir /data\n",
            good="FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0 && mkdir /data\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    previous = None
    for instruction in dockerfile.instructions:
        if (
            instruction.keyword == "RUN"
            and previous is not None
            and previous.keyword == "RUN"
            and _mounts(previous) == _mounts(instruction)
        ):
            yield Problem(
                instruction.keyword_span,
                f"RUN follows the RUN on line {previous.line}; consider consolidating them",
            )
        previous = instruction
