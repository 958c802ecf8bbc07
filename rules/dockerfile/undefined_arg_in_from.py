"""FROM using a variable no global ARG declares."""

from lintkit.model import Example, Problem, rule
from lintkit.parsers.dockerfile import AUTOMATIC_PLATFORM_ARGS, substitute


@rule(
    id="DF074",
    name="undefined-arg-in-from",
    severity="warning",
    summary="FROM uses a variable that no ARG before the first FROM declares",
    rationale=(
        "Only ARGs declared before the first FROM (and the automatic platform ARGs) are "
        "visible in FROM; anything else expands to an empty string."
    ),
    tags=("reliability",),
    aliases=("buildkit:UndefinedArgInFrom",),
    examples=(
        Example(
            bad="FROM alpine:${VERSION}\n",
            good="ARG VERSION=3.20\nFROM alpine:${VERSION}\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    declared = {p.name for i in dockerfile.global_args for p in i.pairs} | AUTOMATIC_PLATFORM_ARGS
    for stage in dockerfile.stages:
        instruction = stage.from_instruction
        tokens = list(instruction.args[:1]) + [f.token for f in instruction.flags]
        for token in tokens:
            _, names = substitute(token.value, {})
            for name in sorted(names - declared):
                yield Problem(token.span, f"{name} is not declared by an ARG before the first FROM")
