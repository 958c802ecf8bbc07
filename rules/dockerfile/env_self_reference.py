"""ENV referring to a variable set earlier in the same ENV."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.dockerfile import substitute


@rule(
    id="DF057",
    name="env-self-reference",
    severity="error",
    summary="ENV refers to a variable assigned in the same ENV instruction",
    rationale=(
        "All pairs of one ENV are expanded against the environment before the instruction, "
        "so `ENV A=1 B=$A` sets B to the old (often empty) A, not 1."
    ),
    tags=("reliability",),
    aliases=("DL3044",),
    examples=(
        Example(
            bad="FROM alpine:3.20\nENV DIR=/opt BIN=$DIR/bin\n",
            good="FROM alpine:3.20\nENV DIR=/opt\nENV BIN=$DIR/bin\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction in dockerfile.instructions_named("ENV"):
        defined_here: set[str] = set()
        for pair in instruction.pairs:
            _, names = substitute(pair.raw_value or "", {})
            for name in sorted(names & defined_here):
                if name not in instruction.variables:
                    yield Problem(
                        pair.value_token.span,
                        f"{name} is set in this same ENV; its new value is not visible here",
                    )
            defined_here.add(pair.name)
