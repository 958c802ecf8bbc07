"""The deprecated MAINTAINER instruction."""

from lintkit.model import Example, Problem, rule


@rule(
    id="DF033",
    name="no-maintainer",
    severity="warning",
    summary="MAINTAINER is deprecated; use a label",
    rationale=(
        "MAINTAINER has been deprecated since Docker 1.13. "
        "`LABEL org.opencontainers.image.authors=...` carries the same information in a "
        "form tools read."
    ),
    tags=("maintainability",),
    aliases=("DL4000", "CKV_DOCKER_6", "DS022", "buildkit:MaintainerDeprecated"),
    examples=(
        Example(
            bad="FROM alpine:3.20\nMAINTAINER Jane <jane@example.com>\n",
            good='FROM alpine:3.20\nLABEL org.opencontainers.image.authors="jane@example.com"\n',
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction in dockerfile.instructions_named("MAINTAINER"):
        yield Problem(instruction.keyword_span, "MAINTAINER is deprecated; use a LABEL")
