"""Images say where their source lives, so a scanner's finding leads back to a repository."""

from lintkit.model import Example, Problem, rule

LABEL = "org.opencontainers.image.source"


@rule(
    id="ACME100",
    name="image-source-label",
    kind="dockerfile",
    severity="warning",
    summary="The final stage has no org.opencontainers.image.source label",
    rationale=(
        "Registries and scanners show the `org.opencontainers.image.source` label as the link "
        "from an image to its repository; without it, a vulnerability report on the image "
        "cannot be traced to the code that built it."
    ),
    tags=("maintainability",),
    examples=(
        Example(
            bad="FROM alpine:3.20\n",
            good=f'FROM alpine:3.20\nLABEL {LABEL}="https://example.com/acme/app"\n',
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    stage = dockerfile.final_stage
    if stage is None:
        return
    for instruction in stage.instructions_named("LABEL"):
        if any(pair.name == LABEL for pair in instruction.pairs):
            return
    yield Problem(stage.from_instruction.keyword_span, f"the final stage sets no {LABEL} label")
