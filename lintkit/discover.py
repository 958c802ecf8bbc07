"""From command-line paths to the files to lint, each with the kind its name implies.

Directory walks enter dot-folders (``.github/``) and skip version-control folders,
installed dependencies (``node_modules/``, ``.venv/``...) and what ``.gitignore`` files
or the config's ``exclude`` rule out. Symlinked directories are
not followed (so link loops cannot hang the walk); symlinked files are linted when they
point inside the project root (:mod:`lintkit.project`), and passed over (with a reason
under ``--verbose``) when they point outside it or dangle. Only regular files are linted:
a FIFO, a device or a socket is passed over. Files named on the command line are always
considered, even when a ``.gitignore`` would hide them or they link outside the project
(the user chose them), but config excludes apply to them too (pre-commit passes files
explicitly and expects the project's excludes to hold).
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field

from . import files
from .kinds import claim, is_yaml_name, kind_from_globs, kind_from_name
from .project import Project


#: Folders a walk never enters, .gitignore or not: version control, and the installed
#: dependencies and caches of tool chains, whose files are other projects' (a package's
#: own .github/workflows in node_modules is not this repository's pipeline). Named on the
#: command line, a path inside them is still linted.
SKIPPED_DIRS = frozenset((
    ".git", ".hg", ".svn", "node_modules", ".venv", "venv", ".tox", ".nox", "__pycache__",
    ".mypy_cache", ".pytest_cache", ".ruff_cache", ".terraform", ".direnv",
))  # fmt: skip


@dataclass(frozen=True, slots=True)
class Target:
    """A file to lint. ``kind`` is None for a YAML file whose kind its content decides."""

    path: str
    kind: str | None
    #: The kind was decided by a parser's ``claims()`` (a file that is not YAML by name):
    #: the engine hands it to the parser as text instead of loading it as YAML.
    claimed: bool = False
    #: The Helm chart (folder holding Chart.yaml) whose ``templates/`` hold this file.
    chart: str | None = None


@dataclass
class Discovery:
    targets: list[Target] = field(default_factory=list)
    #: (path, reason) for files passed over: unknown kind, dangling link, excluded...
    skipped: list[tuple[str, str]] = field(default_factory=list)


class _GitIgnore:
    """The .gitignore files that apply below a directory, loaded as the walk meets them."""

    def __init__(self) -> None:
        self._specs: dict[str, object] = {}

    def load(self, directory: str) -> None:
        path = os.path.join(directory, ".gitignore")
        if directory in self._specs or not os.path.isfile(path):
            return
        import pathspec  # only walks that meet a .gitignore pay for it

        try:
            # Like git (2.32+), a .gitignore that is a symbolic link is not followed.
            text = files.read_text(path, files.DEFAULT_MAX_FILE_SIZE, follow_symlinks=False)
        except files.Unreadable:
            return
        self._specs[directory] = pathspec.GitIgnoreSpec.from_lines(text.splitlines())

    def load_parents(self, directory: str) -> None:
        """.gitignore files between the repository root and ``directory``."""
        chain = []
        current = os.path.abspath(directory)
        while True:
            chain.append(current)
            if os.path.exists(os.path.join(current, ".git")):
                break
            parent = os.path.dirname(current)
            if parent == current:
                return  # not inside a git work tree: only the walked folders count
            current = parent
        for folder in reversed(chain):
            self.load(folder)

    def ignored(self, path: str, is_dir: bool) -> bool:
        absolute = os.path.abspath(path)
        for base, spec in self._specs.items():
            if absolute.startswith(base + os.sep):
                relative = os.path.relpath(absolute, base).replace(os.sep, "/")
                if is_dir:
                    relative += "/"
                if spec.match_file(relative):
                    return True
        return False


class ConfigPaths:
    """Config ``exclude`` and ``per-file-ignores`` patterns (gitignore syntax) and ``kinds``
    globs are relative to the config's folder."""

    def __init__(self, patterns: list[str], base: str) -> None:
        self.base = os.path.abspath(base)
        self.spec = None
        if patterns:
            import pathspec

            self.spec = pathspec.GitIgnoreSpec.from_lines(patterns)

    def relative(self, path: str) -> str:
        """``path`` relative to the config's folder (as given when it lies outside)."""
        relative = os.path.relpath(os.path.abspath(path), self.base).replace(os.sep, "/")
        return path.replace(os.sep, "/") if relative.startswith("../") else relative

    def excluded(self, path: str, is_dir: bool = False) -> bool:
        if self.spec is None:
            return False
        relative = self.relative(path)
        if is_dir:
            relative += "/"
        return self.spec.match_file(relative)


def discover(
    paths: list[str],
    *,
    exclude: list[str] = (),
    exclude_base: str = ".",
    kind_globs: dict[str, str] | None = None,
    forced_kind: str | None = None,
    respect_gitignore: bool = True,
    project: Project | None = None,
) -> Discovery:
    """The files to lint under ``paths``. ``project`` (default: the root
    :func:`lintkit.project.find_root` gives for ``paths``) bounds where walked symbolic
    links may lead."""
    from .helm import ChartIndex
    from .project import find_root

    project = project or Project(os.path.realpath(find_root(None, list(paths))))

    result = Discovery()
    charts = ChartIndex()
    excludes = ConfigPaths(list(exclude), exclude_base)
    globs = kind_globs or {}
    seen: set[str] = set()

    def consider(path: str, explicit: bool) -> None:
        if path in seen:
            return
        seen.add(path)
        if excludes.excluded(path):
            result.skipped.append((path, "excluded by config"))
            return
        kind = forced_kind or (globs and kind_from_globs(excludes.relative(path), globs)) or kind_from_name(path)
        unreadable = _unreadable(path, explicit, project)
        claimed = False
        if kind is None and not is_yaml_name(path):
            kind = claim(path) if unreadable is None else None  # claim() reads the file
            if kind is None:
                if explicit:
                    result.skipped.append((path, unreadable or "not a file kind lintkit knows"))
                return
            claimed = True
        if unreadable is not None:
            result.skipped.append((path, unreadable))
            return
        chart = charts.chart_of(path) if kind in (None, "kubernetes") else None
        result.targets.append(Target(path, kind, claimed, chart))

    for root in paths:
        if os.path.isdir(root):
            gitignore = _GitIgnore()
            if respect_gitignore:
                gitignore.load_parents(root)
            for folder, dirs, files in os.walk(root):
                if respect_gitignore:
                    gitignore.load(os.path.abspath(folder))
                kept = []
                for d in sorted(dirs):
                    sub = os.path.normpath(os.path.join(folder, d))
                    if d in SKIPPED_DIRS or (respect_gitignore and gitignore.ignored(sub, True)):
                        continue
                    if excludes.excluded(sub, is_dir=True):
                        result.skipped.append((sub, "excluded by config"))
                        continue
                    kept.append(d)
                dirs[:] = kept
                for name in sorted(files):
                    path = os.path.normpath(os.path.join(folder, name))
                    if respect_gitignore and gitignore.ignored(path, False):
                        continue
                    consider(path, explicit=False)
        elif os.path.lexists(root):
            consider(root, explicit=True)
        else:
            raise FileNotFoundError(root)
    return result


def _unreadable(path: str, explicit: bool, project: Project) -> str | None:
    """Why ``path`` is not linted (a link out of the project met in a walk, a dangling
    link, not a regular file), or None."""
    if not explicit and os.path.islink(path) and not project.contains(path):
        return "symbolic link to a file outside the project root; not followed"
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        return "dangling symbolic link" if os.path.islink(path) else f"cannot read file: {exc.strerror or exc}"
    if not stat.S_ISREG(mode):
        return f"{files.kind_of(mode)}, not a regular file; not read"
    return None
