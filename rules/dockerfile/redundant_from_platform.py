"""``FROM --platform=$TARGETPLATFORM``: the default spelled out."""

from lintkit.model import Example, Problem, rule


@rule(
    id="DF046",
    name="redundant-from-platform",
    severity="style",
    summary="FROM sets `--platform=$TARGETPLATFORM`, which is already the default",
    rationale="Stages are built for the target platform anyway; the flag only adds noise.",
    tags=("style",),
    aliases=("DL3065", "buildkit:RedundantTargetPlatform"),
    examples=(
        Example(
            bad="FROM --platform=$TARGETPLATFORM alpine:3.20\n",
            good="FROM alpine:3.20\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for stage in dockerfile.stages:
        flag = stage.from_instruction.flag("platform")
        if flag is not None and flag.value in ("$TARGETPLATFORM", "${TARGETPLATFORM}"):
            yield Problem(flag.span, "--platform=$TARGETPLATFORM is the default")
