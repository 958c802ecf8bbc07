"""More than one CMD in a stage."""

from lintkit.model import Example, rule

from ._repeated import repeated


@rule(
    id="DF034",
    name="single-cmd",
    severity="warning",
    summary="More than one CMD in a stage: only the last takes effect",
    rationale=(
        "Docker keeps only the last CMD of a stage; the earlier ones are dead code "
        "that suggests a behaviour the image does not have."
    ),
    tags=("maintainability",),
    aliases=("DL4003", "DS016", "buildkit:MultipleInstructionsDisallowed"),
    examples=(
        Example(
            bad='FROM alpine:3.20\nCMD ["a"]\nCMD ["b"]\n',
            good='FROM alpine:3.20\nCMD ["b"]\n',
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    yield from repeated(dockerfile, "CMD")
