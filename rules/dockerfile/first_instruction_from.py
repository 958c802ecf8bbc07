"""A Dockerfile that does not start with FROM (or ARG)."""

from lintkit.model import Example, Problem, rule


@rule(
    id="DF044",
    name="first-instruction-from",
    severity="error",
    summary="The Dockerfile must start with FROM (only ARG, directives and comments before it)",
    rationale="BuildKit rejects instructions before the first FROM other than ARG.",
    tags=("reliability",),
    aliases=("DL3061", "dockerfilelint:from_first"),
    examples=(
        Example(
            bad="LABEL a=b\nFROM alpine:3.20\n",
            good="ARG V=3.20\nFROM alpine:$V\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction in dockerfile.instructions:
        if instruction.keyword == "FROM":
            return
        if instruction.keyword != "ARG":
            yield Problem(instruction.keyword_span, f"{instruction.keyword} before the first FROM")
