"""Paths as CI systems want them: relative to the working directory, with forward slashes.

Findings carry paths as typed on the command line (``./app/Dockerfile``, an absolute path,
``app\\Dockerfile`` on Windows). SARIF viewers, GitLab and GitHub match them against the files
of the checkout, so the machine-readable CI formats normalise them first.
"""

from __future__ import annotations

import os
import posixpath
from pathlib import Path
from urllib.parse import quote


def relative_posix_path(path: str) -> str:
    """``path`` relative to the working directory when it lies below it, with ``/``
    separators and no ``./`` or ``..`` detours; a path outside stays absolute."""
    if os.path.isabs(path):
        try:
            relative = os.path.relpath(path)
        except ValueError:  # Windows: the path is on another drive than the working directory.
            return Path(path).as_posix()
        if relative == os.pardir or relative.startswith(os.pardir + os.sep):
            return Path(path).as_posix()
        path = relative
    return posixpath.normpath(path.replace(os.sep, "/"))


def artifact_uri(path: str) -> tuple[str, bool]:
    """The URI of a file for SARIF, and whether it is relative to the working directory
    (then it is meant to be resolved against the ``%SRCROOT%`` base)."""
    normalised = relative_posix_path(path)
    if os.path.isabs(normalised):
        return Path(normalised).as_uri(), False
    return quote(normalised, safe="/"), True
