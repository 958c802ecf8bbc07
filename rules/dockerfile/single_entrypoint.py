"""More than one ENTRYPOINT in a stage."""

from lintkit.model import Example, rule

from ._repeated import repeated


@rule(
    id="DF035",
    name="single-entrypoint",
    severity="warning",
    summary="More than one ENTRYPOINT in a stage: only the last takes effect",
    rationale=(
        "Docker keeps only the last ENTRYPOINT of a stage; the earlier ones are dead code "
        "that suggests a behaviour the image does not have."
    ),
    tags=("maintainability",),
    aliases=("DL4004", "DS007", "buildkit:MultipleInstructionsDisallowed"),
    examples=(
        Example(
            bad='FROM alpine:3.20\nENTRYPOINT ["a"]\nENTRYPOINT ["b"]\n',
            good='FROM alpine:3.20\nENTRYPOINT ["b"]\n',
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    yield from repeated(dockerfile, "ENTRYPOINT")
