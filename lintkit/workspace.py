"""The files around the one being linted, as the engine lets parsers and rules see them.

A file's result may depend on other files: the ``.env`` and overrides of a compose file,
the ``.dockerignore`` beside a Dockerfile, the local includes of a GitLab pipeline, the
roles and handlers an Ansible task file names, a kustomization listing a manifest. Every
such look (a read, an existence test, a folder listing, a glob) goes through the
functions of this module, never through ``open()`` or ``os.path`` in a parser or rule,
so that:

* the engine knows, for each file, which other files its result depends on and what
  they held (:meth:`Workspace.recording`): the cache keys an entry on them and checks
  them before it reuses one (:meth:`Workspace.still_holds`);
* texts that are not on disk (stdin, a language server's open buffers) are seen in
  place of the files' contents (``Workspace(texts=...)``);
* a run looks at each file once, however many files ask (an in-run memo, not a
  process-wide one, so a long-lived process never sees stale contents).

:func:`open_dependency` is the only place a file is opened on another file's behalf: the
place for a policy on what may be read (inside the project root, regular files only).
"""

from __future__ import annotations

import glob as _glob
import hashlib
import os
import stat
from contextlib import contextmanager
from typing import Iterator, Mapping

from . import files, project

#: Dependencies of one result: (probe, absolute path or pattern) -> what the probe saw
#: (a digest of a file's bytes or None when unreadable; "file", "dir" or None; the
#: sorted names of a folder or matches of a glob).
Dependencies = dict[tuple[str, str], object]


def open_dependency(path: str) -> bytes:
    """The bytes of a file read on another file's behalf (raises OSError). The one
    function through which parsers and rules read other files: only a regular file inside
    the project root (:mod:`lintkit.project`) is opened, with the run's size cap, and a
    refusal is noted for ``--verbose``."""
    here = project.current()
    real = here.inside(path)
    if real is None:
        project.note(path, "leads outside the project root; not read")
        raise OSError(f"{path}: outside the project root")
    try:
        # The resolved path, not followed again: a link swapped in after the check is refused.
        return files.read_regular(real, here.max_file_size, follow_symlinks=False)
    except files.Unreadable as exc:
        if not exc.missing:
            project.note(path, f"{exc.reason}; not read")
        raise OSError(f"{path}: {exc.reason}") from None


def digest(data: bytes | None) -> str | None:
    return None if data is None else hashlib.blake2b(data, digest_size=16).hexdigest()


class Workspace:
    """One run's view of the file system (see the module's documentation)."""

    def __init__(self, texts: Mapping[str, str | bytes] | None = None, *, memo: bool = True):
        self._texts = {os.path.abspath(p): t.encode("utf-8") if isinstance(t, str) else t for p, t in (texts or {}).items()}
        self._memo = memo
        self._bytes: dict[str, bytes | None] = {}
        self._types: dict[str, str | None] = {}
        self._listings: dict[str, tuple[str, ...]] = {}
        self._globs: dict[str, tuple[str, ...]] = {}
        self._recorders: list[Dependencies] = []

    # --- recording -------------------------------------------------------------------

    @contextmanager
    def recording(self) -> Iterator[Dependencies]:
        """Collect what is looked at inside the ``with`` block (nested blocks see their own
        looks; the enclosing block sees them too)."""
        found: Dependencies = {}
        self._recorders.append(found)
        try:
            yield found
        finally:
            self._recorders.pop()

    def _record(self, probe: str, key: str, seen: object) -> None:
        for recorder in self._recorders:
            recorder[probe, key] = seen

    def still_holds(self, dependencies: Mapping[tuple[str, str], object]) -> bool:
        """Whether every look of ``dependencies`` would see the same today."""
        probes = {"read": self._read, "type": self._type, "ltype": self._link_type, "listdir": self._listdir,
                  "glob": self._glob}
        for (probe, key), seen in dependencies.items():
            look = probes.get(probe)
            if look is None:
                return False
            now = look(key)
            if probe == "read":
                now = digest(now)
            if now != seen:
                return False
        return True

    # --- the looks -------------------------------------------------------------------

    def read_bytes(self, path: str) -> bytes | None:
        """A file's bytes, or None when it cannot be read (missing, not a regular file)."""
        key = os.path.abspath(path)
        data = self._read(key)
        self._record("read", key, digest(data))
        return data

    def read_text(self, path: str, *, strict: bool = False) -> str | None:
        """A file's text as UTF-8 (a BOM dropped), or None when it cannot be read; bytes
        that are not UTF-8 are replaced, or with ``strict`` make it None."""
        data = self.read_bytes(path)
        if data is None:
            return None
        try:
            return data.decode("utf-8", errors="strict" if strict else "replace").removeprefix("\ufeff")
        except UnicodeDecodeError:
            return None

    def is_file(self, path: str) -> bool:
        key = os.path.abspath(path)
        found = self._type(key)
        self._record("type", key, found)
        return found == "file"

    def is_dir(self, path: str) -> bool:
        key = os.path.abspath(path)
        found = self._type(key)
        self._record("type", key, found)
        return found == "dir"

    def exists(self, path: str) -> bool:
        key = os.path.abspath(path)
        found = self._type(key)
        self._record("type", key, found)
        return found is not None

    def lexists(self, path: str) -> bool:
        """Whether anything is there, a symbolic link included, without following it."""
        key = os.path.abspath(path)
        found = self._link_type(key)
        self._record("ltype", key, found)
        return found is not None

    def listdir(self, path: str) -> list[str]:
        """The names in a folder, sorted ([] when it cannot be listed)."""
        key = os.path.abspath(path or ".")
        names = self._listdir(key)
        self._record("listdir", key, names)
        return list(names)

    def glob(self, pattern: str) -> list[str]:
        """Paths matching a glob (``**`` recursive), sorted, as :func:`glob.glob` spells them."""
        matches = self._glob(pattern)
        self._record("glob", pattern, matches)
        return list(matches)

    # --- the file system, memoised for the run ----------------------------------------

    def _read(self, key: str) -> bytes | None:
        if key in self._texts:
            return self._texts[key]
        if key in self._bytes:
            return self._bytes[key]
        data = None
        found = self._type(key)
        if found == "file":  # never open a FIFO or a device, which may block
            try:
                data = open_dependency(key)
            except (OSError, ValueError):
                pass
        elif found in ("other", "dir"):  # opening it could block or fail: say what it is
            try:
                project.note(key, f"{files.kind_of(os.stat(key).st_mode)}, not a regular file; not read")
            except OSError:
                pass
        elif found is None and os.path.lexists(key) and project.current().inside(key) is None:
            project.note(key, "leads outside the project root; not read")
        if self._memo:
            self._bytes[key] = data
        return data

    def _type(self, key: str) -> str | None:
        if key in self._texts:
            return "file"
        if key in self._types:
            return self._types[key]
        found = self._stat_type(key, os.stat)
        if self._memo:
            self._types[key] = found
        return found

    def _link_type(self, key: str) -> str | None:
        if key in self._texts:
            return "file"
        return self._stat_type(key, os.lstat)

    @staticmethod
    def _stat_type(key: str, stat_of) -> str | None:
        """What is at ``key``: nothing is probed outside the project root (it counts as
        absent), so a linted file cannot learn what the machine around it holds."""
        if stat_of is os.stat and project.current().inside(key) is None:
            return None
        if stat_of is os.lstat and project.current().inside(os.path.dirname(key) or ".") is None:
            return None
        try:
            mode = stat_of(key).st_mode
        except (OSError, ValueError):
            found = None
        else:
            found = "file" if stat.S_ISREG(mode) else "dir" if stat.S_ISDIR(mode) else "other"
        return found

    def _listdir(self, key: str) -> tuple[str, ...]:
        if key in self._listings:
            return self._listings[key]
        try:
            names = set(os.listdir(key)) if project.current().inside(key) is not None else set()
        except (OSError, ValueError):
            names = set()
        names.update(os.path.basename(p) for p in self._texts if os.path.dirname(p) == key)
        found = tuple(sorted(names))
        if self._memo:
            self._listings[key] = found
        return found

    def _glob(self, pattern: str) -> tuple[str, ...]:
        if pattern in self._globs:
            return self._globs[pattern]
        within = project.current()
        found = tuple(sorted(p for p in _glob.glob(pattern, recursive=True) if within.inside(p) is not None))
        if self._memo:
            self._globs[pattern] = found
        return found


#: Outside a run (a parser called directly, as tests do): the file system as it is now.
_UNMEMOISED = Workspace(memo=False)
_active: list[Workspace] = []


def current() -> Workspace:
    """The workspace of the run in progress (set by the engine with :func:`use`)."""
    return _active[-1] if _active else _UNMEMOISED


@contextmanager
def use(workspace: Workspace) -> Iterator[Workspace]:
    _active.append(workspace)
    try:
        yield workspace
    finally:
        _active.remove(workspace)


# The looks, on the workspace of the run in progress: what parsers and rules call.


def read_text(path: str, *, strict: bool = False) -> str | None:
    return current().read_text(path, strict=strict)


def read_bytes(path: str) -> bytes | None:
    return current().read_bytes(path)


def is_file(path: str) -> bool:
    return current().is_file(path)


def is_dir(path: str) -> bool:
    return current().is_dir(path)


def exists(path: str) -> bool:
    return current().exists(path)


def lexists(path: str) -> bool:
    return current().lexists(path)


def listdir(path: str) -> list[str]:
    return current().listdir(path)


def glob(pattern: str) -> list[str]:
    return current().glob(pattern)
