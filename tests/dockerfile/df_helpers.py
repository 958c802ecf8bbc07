"""Helpers for the Dockerfile parser, shell layer and rule tests (a uniquely named module:
every test folder's ``conftest`` is a module called ``conftest``, so helpers imported by
name must not live there)."""

from __future__ import annotations

import textwrap

from lintkit.parsers import dockerfile
from lintkit.source import SourceFile


def parse_dockerfile(text: str, path: str = "Dockerfile") -> dockerfile.Dockerfile:
    """Parse a dedented snippet (a leading newline is dropped)."""
    return dockerfile.parse(SourceFile(path, textwrap.dedent(text).lstrip("\n")))
