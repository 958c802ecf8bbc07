"""The project a run lints, and the one way a linted file's references are resolved.

The project root is the folder of the config file in use (when it holds the linted
paths), else the top of the git work tree holding them (found by looking for ``.git``,
never by running git), else their common parent. Whatever a linted file names (a compose
``include:`` or ``env_file:``, a ``.env``, a build context, a GitLab ``local:`` include,
an Ansible ``import_tasks``, a ``.dockerignore``...) is resolved here: a path that leaves
the root, literally (``../../..``, ``/etc/shadow``) or through a symbolic link, is never
opened, and only regular files are read (:mod:`lintkit.files`), up to the size cap.

Written references are listed by the views (``file_references()``) and checked by the
engine, which reports those it will not read as ``reference-outside-project`` (LK004) at
the reference. Files read by convention rather than by reference (the ``.env`` beside a
compose file, ``kustomization.yaml``, ``ansible.cfg``) that cannot be read are noted
(``notes``, shown with ``--verbose``) and passed over.

The project is set once per run (:func:`use`) and inherited by forked workers.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass

from . import files
from .model import Span


@dataclass(frozen=True)
class Project:
    #: Absolute path of the root with symbolic links resolved.
    root: str
    max_file_size: int = files.DEFAULT_MAX_FILE_SIZE

    def contains(self, path: str) -> bool:
        """Whether ``path``, with every symbolic link resolved, lies inside the root."""
        return self.inside(path) is not None

    def inside(self, path: str) -> str | None:
        """``path`` with every symbolic link resolved, when that lies inside the root."""
        real = os.path.realpath(path)
        inside = real == self.root or real.startswith(self.root.rstrip(os.sep) + os.sep)
        return real if inside else None

    def resolve(self, base: str, written: str) -> str | None:
        """``written`` (relative to the folder ``base``, or absolute) as a path, or None
        when it leaves the root."""
        path = os.path.normpath(os.path.join(base or ".", os.path.expanduser(written)))
        return path if self.contains(path) else None


@dataclass(frozen=True, slots=True)
class Reference:
    """A file or folder a linted file names, for the engine's containment check."""

    span: Span
    #: What names it and how it is written, for the message: "env_file '../x.env'".
    what: str
    #: The paths it may resolve to (Ansible searches several folders), before checks.
    candidates: tuple[str, ...]
    #: It names a folder (a build context, a role): True; a file: False; either: None.
    directory: bool | None = False


#: Outside a run (a parser or rule called directly, as tests do) nothing is bounded: every
#: run (`engine.run`, the language server's workspace) sets its own project first.
_current = Project(os.path.realpath(os.sep))
_notes: list[tuple[str, str]] = []


def use(project: Project) -> None:
    global _current
    _current = project


def current() -> Project:
    return _current


def note(path: str, reason: str) -> None:
    """Record why a file was not read, for ``--verbose``."""
    # As paths are printed everywhere else: relative to the working directory.
    _notes.append((os.path.relpath(path) if os.path.isabs(path) else os.path.normpath(path), reason))


def drain_notes() -> list[tuple[str, str]]:
    taken = list(_notes)
    _notes.clear()
    return taken


def find_root(config_path: str | None, paths: list[str]) -> str:
    """The root for a run over ``paths`` (see the module's description)."""
    absolute = [os.path.abspath(p) for p in paths] or [os.getcwd()]
    folders = [p if os.path.isdir(p) else os.path.dirname(p) for p in absolute]
    common = os.path.commonpath(folders)
    if config_path:
        folder = os.path.dirname(os.path.abspath(config_path))
        if all(p == folder or p.startswith(folder.rstrip(os.sep) + os.sep) for p in absolute):
            return folder
    current = common
    while True:
        if os.path.lexists(os.path.join(current, ".git")):
            return current
        parent = os.path.dirname(current)
        if parent == current:
            return common
        current = parent


def check_reference(reference: Reference, project: Project | None = None) -> str | None:
    """Why the engine will not read ``reference`` (outside the root, or not a regular
    file / not a folder), or None when it is fine or simply missing (rules report that)."""
    project = project or _current
    inside = [c for c in reference.candidates if project.contains(c)]
    if not inside:
        return f"{reference.what} leads outside the project root; not read (lintkit reads nothing outside the project)"
    for candidate in inside:
        try:
            mode = os.stat(candidate).st_mode
        except OSError:
            continue
        if stat.S_ISDIR(mode) and reference.directory is not False:
            return None
        if stat.S_ISREG(mode) and reference.directory is not True:
            return None
        wanted = "a folder" if reference.directory else "a regular file"
        kind = "a regular file" if stat.S_ISREG(mode) else files.kind_of(mode)
        return f"{reference.what} is {kind}, not {wanted}; not read"
    return None
