"""Instruction keywords not written in upper case."""

from lintkit.model import Edit, Example, Fix, Problem, rule


@rule(
    id="DF072",
    name="uppercase-instructions",
    severity="style",
    summary="Instruction keyword written in lower or mixed case",
    rationale="Upper-case keywords are the convention that makes instructions stand out from arguments.",
    tags=("style",),
    aliases=("dockerfilelint:uppercase_commands", "buildkit:ConsistentInstructionCasing"),
    fix="safe",
    examples=(
        Example(
            bad="from alpine:3.20\nrun echo hi\n",
            good="FROM alpine:3.20\nRUN echo hi\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction in dockerfile.instructions:
        for current in (instruction, instruction.trigger):
            if current is not None and current.keyword_raw != current.keyword:
                fix = Fix(f"write {current.keyword}", (Edit(current.keyword_span, current.keyword),))
                yield Problem(current.keyword_span, f"Write {current.keyword_raw} as {current.keyword}", fix)
