"""Results of earlier runs, reused when nothing they depend on has changed.

Layout: ``<cache dir>/v1/<2 hex>/<30 hex>``, one pickle per entry, named by a digest of
its key. Two kinds of entry:

* a **file entry**, keyed by the run's *salt* (below), the path as given, its kind as
  discovery decided it, and the file's bytes. It holds what linting the file produced
  (findings, suppression comments, the sniffed kind, the project rules' facts as one
  pickled blob) and the file's dependencies (:mod:`lintkit.workspace`): each other file
  it read or looked for, with what was seen. A hit is used only while every dependency
  still holds, so editing a ``.env`` re-lints the compose files beside it;
* a **project entry** per kind, keyed by the salt, the kind and every file's path and
  facts digest: the project rules' findings over that set, with the dependencies of the
  whole-set pass (a GitLab include the run did not lint). Editing one manifest re-lints
  it and, when its facts changed, re-runs the cross-object rules from the other files'
  cached facts.

The salt is lintkit's version, a fingerprint of the installed lintkit and plugin sources
(size and modification time of each file: an edited rule in a checkout invalidates),
the Python version, the working directory, and the effective configuration and rule
selection. Upgrading lintkit or changing the configuration therefore misses everything.

Entries are written to a temporary file and renamed into place (concurrent runs never see
half an entry); one that cannot be read or is not what this version wrote is a miss. The
folder is kept under :data:`MAX_BYTES`: the oldest entries go first.

Entries are pickles, but read with :func:`loads`, which builds only plain data and
instances of classes of lintkit and its plugins, never calls a function: a cache folder
someone else could write to (``--cache-dir`` inside a checked-out tree) does not run code.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
import pickle
import sys
from typing import Any

FORMAT = "lintkit-cache-3"
#: Size the cache folder is trimmed to (oldest entries first) after a run that wrote to it.
MAX_BYTES = 256 * 1024 * 1024
_TRIM_TO = 0.8


def default_dir() -> str:
    """``$LINTKIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/lintkit``, else ``~/.cache/lintkit``."""
    configured = os.environ.get("LINTKIT_CACHE_DIR")
    if configured:
        return configured
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return os.path.join(base, "lintkit")


#: Classes of the standard library an entry may hold, besides what pickle builds natively,
#: and the functions that rebuild lintkit's YAML containers (which only build them).
_SAFE_GLOBALS = {
    "builtins": frozenset(("set", "frozenset", "bytearray", "complex", "slice", "range")),
    "collections": frozenset(("OrderedDict", "Counter", "deque")),
    "lintkit.yamlmodel": frozenset(("_rebuild_map", "_rebuild_seq")),
}


def _plugin_packages() -> frozenset[str]:
    from .registry import PLUGIN_GROUP, declared_plugins

    return frozenset(reference.partition(":")[0].strip().split(".")[0] for _n, reference in declared_plugins(PLUGIN_GROUP))


class _DataUnpickler(pickle.Unpickler):
    packages: frozenset[str] = frozenset(("lintkit",))

    def find_class(self, module: str, name: str):
        if name in _SAFE_GLOBALS.get(module, ()):
            return super().find_class(module, name)
        if module.split(".")[0] in self.packages:
            found = super().find_class(module, name)
            if isinstance(found, type):  # a class builds an object; a function could do anything
                return found
        raise pickle.UnpicklingError(f"{module}.{name} is not data lintkit stores")


def loads(data: bytes):
    """Unpickle what the cache stored (see the module's documentation)."""
    import io

    return _DataUnpickler(io.BytesIO(data)).load()


def sources_fingerprint() -> str:
    """Size and modification time of every file of lintkit and of each declared plugin's
    package, without importing the plugins."""
    import importlib.util

    from . import __version__
    from .registry import PLUGIN_GROUP, declared_plugins

    roots = {os.path.dirname(os.path.abspath(__file__))}
    for _name, reference in declared_plugins(PLUGIN_GROUP):
        module = reference.partition(":")[0].strip()
        try:
            spec = importlib.util.find_spec(module)
        except (ImportError, ValueError):
            spec = None
        if spec is None:
            roots.add(f"unresolved:{module}")
        elif spec.submodule_search_locations:
            roots.update(os.path.abspath(p) for p in spec.submodule_search_locations)
        elif spec.origin:
            roots.add(os.path.abspath(spec.origin))
    hasher = hashlib.blake2b(f"{__version__}\0{sys.version}".encode(), digest_size=16)
    for root in sorted(roots):
        hasher.update(root.encode(errors="surrogateescape") + b"\0")
        for path, size, mtime in sorted(_walk(root)):
            hasher.update(f"{path}\0{size}\0{mtime}\0".encode(errors="surrogateescape"))
    return hasher.hexdigest()


def _walk(root: str):
    if os.path.isfile(root):
        status = os.stat(root)
        yield root, status.st_size, status.st_mtime_ns
        return
    pending = [root]
    while pending:
        try:
            entries = list(os.scandir(pending.pop()))
        except OSError:
            continue
        for entry in entries:
            if entry.is_dir(follow_symlinks=False):
                if entry.name != "__pycache__":
                    pending.append(entry.path)
            elif entry.is_file():
                status = entry.stat()
                yield entry.path, status.st_size, status.st_mtime_ns


class Cache:
    def __init__(self, directory: str, settings: Any):
        """``settings``: everything of the run's configuration that can change a result
        (JSON-serialisable, with repr() for the rest)."""
        self.directory = os.path.join(directory, "v1")
        salt = hashlib.blake2b(digest_size=16)
        for part in (FORMAT, sources_fingerprint(), os.getcwd(), json.dumps(settings, sort_keys=True, default=repr)):
            salt.update(part.encode(errors="surrogateescape") + b"\0")
        self.salt = salt.digest()
        self.written = 0
        _DataUnpickler.packages = frozenset(("lintkit",)) | _plugin_packages()

    # --- keys ------------------------------------------------------------------------

    def file_key(self, path: str, kind: str | None, claimed: bool, data: bytes) -> str:
        hasher = hashlib.blake2b(self.salt, digest_size=16)
        hasher.update(f"file\0{path}\0{kind}\0{claimed}\0".encode(errors="surrogateescape"))
        hasher.update(data)
        return hasher.hexdigest()

    def project_key(self, kind: str, facts_digests: list[tuple[str, str]]) -> str:
        hasher = hashlib.blake2b(self.salt, digest_size=16)
        hasher.update(f"project\0{kind}\0".encode())
        for path, facts_digest in sorted(facts_digests):
            hasher.update(f"{path}\0{facts_digest}\0".encode(errors="surrogateescape"))
        return hasher.hexdigest()

    # --- entries ---------------------------------------------------------------------

    def _path(self, key: str) -> str:
        return os.path.join(self.directory, key[:2], key[2:])

    def get(self, key: str) -> Any | None:
        """The value stored under ``key``, or None (absent, unreadable, corrupt, foreign)."""
        try:
            with open(self._path(key), "rb") as fh:
                data = fh.read()
            stored = loads(data)
        except Exception:  # a corrupt or foreign entry is a miss, whatever it raises
            return None
        if not (isinstance(stored, tuple) and len(stored) == 3 and stored[0] == FORMAT and stored[1] == key):
            return None
        return stored[2]

    def put(self, key: str, value: Any) -> None:
        """Store ``value`` atomically (temp file, then rename); failures are ignored: a
        cache that cannot be written only makes the next run slower."""
        try:
            data = pickle.dumps((FORMAT, key, value), protocol=pickle.HIGHEST_PROTOCOL)
        except Exception:
            return
        path = self._path(key)
        folder = os.path.dirname(path)
        try:
            os.makedirs(folder, mode=0o700, exist_ok=True)  # entries hold findings: the user's alone
            # A name no other process uses, created exclusively (tempfile would cost a
            # one-file run its import of random and shutil).
            temporary = f"{path}.tmp-{os.getpid()}-{id(data):x}-{time.monotonic_ns()}"
            handle = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            try:
                with os.fdopen(handle, "wb") as fh:
                    fh.write(data)
                os.replace(temporary, path)
            except BaseException:
                try:
                    os.unlink(temporary)
                except OSError:
                    pass
                raise
        except OSError:
            return
        self.written += len(data)

    def trim(self, max_bytes: int = MAX_BYTES) -> None:
        """Remove the oldest entries while the folder holds more than ``max_bytes``."""
        if not self.written:
            return
        entries = []
        total = 0
        try:
            folders = list(os.scandir(self.directory))
        except OSError:
            return
        for folder in folders:
            if not folder.is_dir(follow_symlinks=False):
                continue
            try:
                for entry in os.scandir(folder.path):
                    status = entry.stat(follow_symlinks=False)
                    entries.append((status.st_mtime_ns, status.st_size, entry.path))
                    total += status.st_size
            except OSError:
                continue
        if total <= max_bytes:
            return
        entries.sort()
        for _mtime, size, path in entries:
            if total <= max_bytes * _TRIM_TO:
                break
            try:
                os.unlink(path)
            except OSError:
                continue
            total -= size


# --- what the engine asks of the cache -------------------------------------------------


def lookup(store: Cache | None, targets, files) -> tuple[dict, dict[str, str], list]:
    """(results served from the cache by path, the file key of each target whose bytes
    could be read, the targets still to lint). ``files``: the run's workspace, which
    checks an entry's dependencies."""
    from . import files as reading
    from . import project
    from .engine import FileResult

    limit = project.current().max_file_size
    if store is None:
        return {}, {}, list(targets)
    results: dict[str, FileResult] = {}
    keys: dict[str, str] = {}
    pending = []
    for target in targets:
        try:
            # Regular files only, never more than the cap: a FIFO must not block the lookup.
            data = reading.read_regular(target.path, limit)
        except reading.Unreadable:
            pending.append(target)  # reported by the engine as it reads the file
            continue
        key = keys[target.path] = store.file_key(target.path, target.kind, target.claimed, data)
        entry = store.get(key)
        try:
            kind, skipped, chart_template, findings, suppressions, facts_blob, dependencies, secret_spans = entry
            usable = files.still_holds(dependencies)
        except Exception:  # absent, or not what this version writes
            usable = False
        if not usable:
            pending.append(target)
            continue
        results[target.path] = FileResult(
            target.path, kind, findings=list(findings), suppressions=list(suppressions), skipped=skipped,
            chart_template=chart_template, dependencies=dependencies, facts_blob=facts_blob,
            secret_spans=list(secret_spans),
        )
    return results, keys, pending


def store_files(store: Cache | None, results, keys: dict[str, str]) -> None:
    """Keep the results just linted (not those with an internal error: the next run tries
    again). Called before suppressions are applied, which marks them used."""
    if store is None:
        return
    for r in results:
        key = keys.get(r.path)
        if key is None or r.errors:
            continue
        try:
            blob = pickle.dumps(r.facts, protocol=pickle.HIGHEST_PROTOCOL) if r.facts else None
            if blob is not None:
                loads(blob)  # what a later run could not read back is not kept
        except Exception:  # facts a plugin made unpicklable, or that hold a function
            continue
        r.facts_blob = blob
        # The secrets of unselected secret rules too: a cached run masks what a cold one does.
        store.put(key, (r.kind, r.skipped, r.chart_template, r.findings, r.suppressions, r.facts_blob, r.dependencies,
                        r.secret_spans))


def facts_of(result) -> dict[str, Any]:
    """A result's facts, unpickled from its cache entry when it came from there."""
    if not result.facts and result.facts_blob is not None:
        result.facts = loads(result.facts_blob)
    return result.facts


def project_pass(store: Cache | None, kind: str, results, plan, run_pass):
    """``run_pass(kind, results, plan)`` -> (findings, errors), or what it returned for the
    same facts in an earlier run while the files it looked at are unchanged."""
    if store is None:
        return run_pass(kind, results, plan)
    digests = []
    for r in results:
        blob = r.facts_blob
        if blob is None and r.facts:
            try:
                blob = pickle.dumps(r.facts, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:
                return run_pass(kind, results, plan)
        digests.append((r.path, hashlib.blake2b(blob or b"", digest_size=16).hexdigest()))
    key = store.project_key(kind, digests)
    entry = store.get(key)
    try:
        findings, dependencies = entry
        if plan.workspace.still_holds(dependencies):
            return list(findings), []
    except Exception:  # absent, or not what this version writes
        pass
    with plan.workspace.recording() as dependencies:
        findings, errors = run_pass(kind, results, plan)
    if not errors:
        store.put(key, (findings, dependencies))
    return findings, errors
