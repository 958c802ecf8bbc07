"""Two stages with the same alias."""

from lintkit.model import Example, Problem, rule


@rule(
    id="DF039",
    name="unique-stage-names",
    severity="error",
    summary="Two build stages share the same `AS` alias",
    rationale="BuildKit rejects a Dockerfile whose stages reuse a name.",
    tags=("reliability",),
    aliases=("DL3024", "CKV_DOCKER_11", "DS012", "buildkit:DuplicateStageName"),
    examples=(
        Example(
            bad="FROM alpine:3.20 AS build\nFROM alpine:3.20 AS build\n",
            good="FROM alpine:3.20 AS build\nFROM alpine:3.20 AS test\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    seen = {}
    for stage in dockerfile.stages:
        if stage.name is None:
            continue
        if stage.name in seen:
            yield Problem(
                stage.name_token.span,
                f"Stage name {stage.name} is already used on line {seen[stage.name]}",
            )
        else:
            seen[stage.name] = stage.from_instruction.line
