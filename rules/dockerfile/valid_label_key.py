"""Malformed LABEL keys."""

import re

from lintkit.model import Example, Problem, rule

#: Lower-case alphanumerics separated by single dots or dashes (Docker's guideline).
_KEY = re.compile(r"[a-z0-9]+(?:[._-][a-z0-9]+)*")
RESERVED_NAMESPACES = ("com.docker.", "io.docker.", "org.dockerproject.")


@rule(
    id="DF059",
    name="valid-label-key",
    severity="style",
    summary="LABEL key is malformed (characters, separators, reserved namespace)",
    rationale=(
        "Label keys should be lower-case reverse-DNS names made of alphanumerics, dots and "
        "dashes; com.docker.*, io.docker.* and org.dockerproject.* are reserved for Docker."
    ),
    tags=("style",),
    aliases=("DL3048", "dockerfilelint:label_invalid"),
    examples=(
        Example(
            bad='FROM alpine:3.20\nLABEL "Maintainer Name"="x"\n',
            good='FROM alpine:3.20\nLABEL org.opencontainers.image.authors="x"\n',
            filename="Dockerfile",
        ),
    ),
)
def check(dockerfile, ctx):
    for instruction in dockerfile.instructions_named("LABEL"):
        for pair in instruction.pairs:
            key = pair.name
            if "$" in key:
                continue
            if key.startswith(RESERVED_NAMESPACES):
                yield Problem(
                    pair.key.span, f"Label key {key} is in a namespace reserved for Docker"
                )
            elif not _KEY.fullmatch(key):
                yield Problem(pair.key.span, f"Invalid label key {key}")
