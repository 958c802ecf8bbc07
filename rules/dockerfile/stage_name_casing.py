"""A stage name written with upper-case letters."""

from lintkit.model import Example, Problem, rule


@rule(
    id="DF071",
    name="stage-name-casing",
    severity="style",
    summary="Stage name is not lower-case",
    rationale="BuildKit lower-cases stage names; writing them lower-case avoids surprises.",
    tags=("style",),
    aliases=("buildkit:StageNameCasing",),
    examples=(
        Example(
            bad="FROM alpine:3.20 AS Build\n",
            good="FROM alpine:3.20 AS build\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for stage in dockerfile.stages:
        token = stage.name_token
        if token is not None and token.value != token.value.lower():
            yield Problem(token.span, f"Write the stage name {token.value} in lower case")
