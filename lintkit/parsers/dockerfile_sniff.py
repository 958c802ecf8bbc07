"""Whether a ``Dockerfile.<variant>`` file is a Dockerfile: its first instruction is one.

Kept apart from :mod:`lintkit.parsers.dockerfile` so that discovery stays light: it reads
the head of the file and the first word after the comments and blank lines, the way
BuildKit's parser skips parser directives and comments before the first instruction.
"""

from __future__ import annotations

import os
import posixpath

from ..kinds import dockerfile_variant

#: Instructions BuildKit knows; anything else parses but fails at build time.
INSTRUCTIONS = frozenset(
    (
        "ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE", "FROM", "HEALTHCHECK",
        "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME",
        "WORKDIR",
    )
)  # fmt: skip

#: Enough to pass a licence header before the first instruction.
_HEAD_BYTES = 65536


def first_instruction_word(text: str) -> str | None:
    """The first word of the first line that is neither blank nor a comment, uppercased."""
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        return stripped.split(None, 1)[0].upper()
    return None


def claims(path: str) -> bool:
    """Whether ``path`` is a ``Dockerfile.<variant>`` whose first instruction is a
    Dockerfile instruction (only regular files are opened)."""
    if dockerfile_variant(posixpath.basename(path.replace("\\", "/"))) is None:
        return False
    if not os.path.isfile(path):
        return False
    try:
        with open(path, "rb") as fh:
            head = fh.read(_HEAD_BYTES)
    except OSError:
        return False
    return first_instruction_word(head.decode("utf-8-sig", errors="replace")) in INSTRUCTIONS
