"""More than one HEALTHCHECK in a stage."""

from lintkit.model import Example, rule

from ._repeated import repeated


@rule(
    id="DF036",
    name="single-healthcheck",
    severity="warning",
    summary="More than one HEALTHCHECK in a stage: only the last takes effect",
    rationale=(
        "Docker keeps only the last HEALTHCHECK of a stage; the earlier ones are dead code "
        "that suggests a behaviour the image does not have."
    ),
    tags=("maintainability",),
    aliases=("DL3012", "DS023", "buildkit:MultipleInstructionsDisallowed"),
    examples=(
        Example(
            bad='FROM alpine:3.20\nHEALTHCHECK CMD ["a"]\nHEALTHCHECK CMD ["b"]\n',
            good='FROM alpine:3.20\nHEALTHCHECK CMD ["b"]\n',
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    yield from repeated(dockerfile, "HEALTHCHECK")
