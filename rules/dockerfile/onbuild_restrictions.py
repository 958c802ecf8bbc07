"""ONBUILD wrapping ONBUILD, FROM or MAINTAINER."""

from lintkit.model import Example, Problem, rule

FORBIDDEN = frozenset(("ONBUILD", "FROM", "MAINTAINER"))


@rule(
    id="DF056",
    name="onbuild-restrictions",
    severity="error",
    summary="ONBUILD wraps ONBUILD, FROM or MAINTAINER",
    rationale="Docker does not allow these as ONBUILD triggers; the build fails.",
    tags=("reliability",),
    aliases=("DL3043",),
    examples=(
        Example(
            bad="FROM alpine:3.20\nONBUILD FROM alpine:3.20\n",
            good="FROM alpine:3.20\nONBUILD COPY . /app\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction in dockerfile.instructions_named("ONBUILD"):
        trigger = instruction.trigger
        if trigger is not None and trigger.keyword in FORBIDDEN:
            yield Problem(trigger.keyword_span, f"{trigger.keyword} is not allowed in ONBUILD")
