"""Consecutive RUN instructions that could be one layer."""

from lintkit.model import Example, Problem, rule


def _flags(instruction):
    return sorted((f.name, f.value or "") for f in instruction.flags)


def _is_single_command(instruction) -> bool:
    """A RUN of several commands is a deliberate, self-contained step; only RUNs of one
    command each are worth merging (hadolint draws the same line)."""
    script = instruction.script
    if script is None:
        return instruction.is_exec_form  # a PowerShell/cmd script: its size is unknown
    return sum(1 for command in script.commands if command.interpreter is None) <= 1


@rule(
    id="DF011",
    name="consolidate-run",
    severity="info",
    summary="Consecutive RUN instructions; consider one RUN joined with `&&`",
    rationale=(
        "Each RUN is a layer: files a later RUN deletes still ship in the earlier layer, and "
        "each layer costs a step in every pull. Consecutive RUNs with the same flags can "
        "usually be one. RUNs of several commands, or with different flags, are left "
        "alone: splitting those is usually deliberate."
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
            and _flags(previous) == _flags(instruction)
            and _is_single_command(previous)
            and _is_single_command(instruction)
        ):
            yield Problem(
                instruction.keyword_span,
                f"RUN follows the RUN on line {previous.line}; consider consolidating them",
            )
        previous = instruction
