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
                edits = [Edit(current.keyword_span, current.keyword)]
                # `from x as y` becomes `FROM x AS y`, not a FROM that from-as-casing reports.
                if current.keyword == "FROM" and len(current.args) >= 3 and current.args[1].value == "as":
                    edits.append(Edit(current.args[1].span, "AS"))
                fix = Fix(f"write {current.keyword}", tuple(edits))
                yield Problem(current.keyword_span, f"Write {current.keyword_raw} as {current.keyword}", fix)
