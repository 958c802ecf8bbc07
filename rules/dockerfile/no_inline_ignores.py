"""Inline lint-suppression comments (a policy some teams adopt)."""

import re

from lintkit.model import Example, Problem, rule

_SUPPRESSION = re.compile(r"^(?:hadolint\s+ignore=|lintkit:\s*ignore|checkov:skip=)", re.IGNORECASE)


@rule(
    id="DF077",
    name="no-inline-ignores",
    severity="info",
    summary="Inline lint-suppression comment (policy: keep exceptions in the configuration)",
    rationale=(
        "Some teams keep every exception in one reviewed configuration file instead of "
        "scattered comments. Off by default."
    ),
    tags=("maintainability",),
    aliases=("DL1001",),
    enabled=False,
    examples=(
        Example(
            bad="FROM alpine:3.20\n# hadolint ignore=DL3018\nRUN apk add --no-cache curl\n",
            good="FROM alpine:3.20\nRUN apk add --no-cache curl=8.9.1-r0\n",
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for comment in dockerfile.comments:
        if _SUPPRESSION.match(comment.text):
            yield Problem(comment.span, "Inline suppression comment")
