"""The deprecated MAINTAINER instruction."""

from lintkit.model import Edit, Example, Fix, Problem, Span, rule


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
    fix="safe",
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
        yield Problem(instruction.keyword_span, "MAINTAINER is deprecated; use a LABEL", _fix(instruction))


def _fix(instruction) -> Fix | None:
    author = instruction.value.strip()
    if not author or instruction.trigger is not None:
        return None
    # A LABEL value expands variables and reads escapes; MAINTAINER's did neither.
    quoted = author.replace("\\", "\\\\").replace('"', '\\"').replace("$", "\\$")
    start, end = instruction.keyword_span, instruction.value_span
    span = Span(start.line, start.column, end.end_line, end.end_column)
    return Fix("replace with a LABEL", (Edit(span, f'LABEL org.opencontainers.image.authors="{quoted}"'),))
