"""A stage alias that is a reserved word."""

from lintkit.model import Example, Problem, rule

RESERVED = frozenset(("scratch", "context"))


@rule(
    id="DF040",
    name="stage-name-not-reserved",
    severity="error",
    summary="Stage alias is a reserved word (`scratch`, `context`)",
    rationale="`scratch` and `context` have a meaning of their own in FROM and COPY --from.",
    tags=("reliability",),
    aliases=("DL3063", "buildkit:ReservedStageName"),
    examples=(
        Example(
            bad="FROM alpine:3.20 AS scratch\n",
            good="FROM alpine:3.20 AS base\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for stage in dockerfile.stages:
        if stage.name in RESERVED:
            yield Problem(stage.name_token.span, f"`{stage.name}` is reserved; rename the stage")
