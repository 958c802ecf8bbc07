"""Linting what an editor holds: a buffer's text, in the context of its workspace on disk.

The language server (:mod:`lintkit.server`) asks :meth:`Workspace.lint` for the findings of
one open document. Everything protocol-free lives here, so it can be tested and timed
without a client.

Cross-file context: project rules (Kubernetes cross-object checks, compose overrides,
GitLab includes, Ansible includes and handlers...) see every file of the buffer's kind in
the workspace. :meth:`Workspace._context` gives them the files on disk, each linted once
and kept until its size or modification time changes, overlaid by the open buffers (their
text wins). That one method is the place to switch to the engine's overlay accessor for
cross-file facts once it exists: files that parsers and rules read for themselves (a
compose ``.env``, an included GitLab file no run lints) are still read from disk.
"""

from __future__ import annotations

import os
import re
import threading
from dataclasses import dataclass, field

from . import engine, files, project
from .config import CONFIG_NAMES, Config, find_config, load_config
from .discover import Target, discover
from .kinds import YAML_KINDS, claim, is_yaml_name, kind_from_globs, kind_from_name
from .model import Finding
from .registry import Selection, UsageError, check_selectors

#: A walk of the workspace for cross-file context stops after this many files: a home
#: folder opened by mistake must not stall every keystroke.
MAX_CONTEXT_FILES = 5000

#: Open buffers this long give the context of other files from their file on disk (kept
#: while unchanged) rather than their text: linting a multi-megabyte buffer again would
#: hold up each run of a small one.
CONTEXT_MAX_CHARS = 256 * 1024

#: ``path:line:column: message`` (YAML config errors), else ``path: message``.
_CONFIG_ERROR = re.compile(r"(?P<path>.+?):(?P<line>\d+):(?P<column>\d+): (?P<message>.*)", re.DOTALL)


@dataclass
class ConfigError:
    """A configuration mistake, shown as one diagnostic on the config file."""

    path: str
    line: int  #: 1-based; 1 when the mistake has no position
    column: int
    message: str


@dataclass
class LintResult:
    findings: list[Finding] = field(default_factory=list)
    #: Exceptions raised by a parser or a rule (the server logs them).
    errors: list[engine.InternalError] = field(default_factory=list)
    #: The document's kind, None when lintkit knows none (nothing was linted).
    kind: str | None = None


class Workspace:
    """One workspace folder: its configuration and the file results kept for context."""

    def __init__(self, root: str | None):
        self.root = os.path.abspath(root) if root else None
        if self.root:
            # What a buffer's references may make the server read: the workspace only.
            project.use(project.Project(os.path.realpath(self.root)))
        self._lock = threading.Lock()
        self._configs: dict[str | None, tuple[Config, ConfigError | None]] = {}
        #: path -> (what it was linted at: config, size and modification time or the
        #: buffer's text, and the result), for the context of other files' runs.
        self._disk: dict[str, tuple[tuple, engine.FileResult]] = {}
        self._listing: list[Target] | None = None
        #: Bumped when the configuration changes, so no kept result of another one is reused.
        self.generation = 0

    # --- configuration -----------------------------------------------------------

    def config_for(self, path: str) -> tuple[Config, ConfigError | None]:
        """The configuration that applies to ``path`` (defaults when it is broken, with
        the mistake)."""
        try:
            found = find_config(os.path.dirname(path) or ".")
        except UsageError as exc:  # an unreadable pyproject.toml on the way up
            return Config(), _config_error(str(exc), path)
        with self._lock:
            if found not in self._configs:
                self._configs[found] = _load(found)
            return self._configs[found]

    def config_changed(self) -> None:
        """A config file (or a file of the workspace) was created, changed or deleted."""
        with self._lock:
            self._configs.clear()
            self._disk.clear()
            self._listing = None
            self.generation += 1

    def files_changed(self) -> None:
        """Files were created or deleted: the next run lists the workspace again."""
        with self._lock:
            self._listing = None

    def config_errors(self) -> list[ConfigError]:
        with self._lock:
            return [error for _, error in self._configs.values() if error is not None]

    # --- linting -----------------------------------------------------------------

    def lint(self, path: str, text: str, open_texts: dict[str, str], language: str | None = None) -> LintResult:
        """Findings in ``path`` whose text is ``text`` (the buffer), with ``open_texts``
        (every open buffer by path) overlaying the workspace on disk."""
        config, _ = self.config_for(path)
        target = _target(path, config, language)
        if target is None:
            return LintResult()
        plan = _plan(config)
        texts = {**open_texts, path: text}
        own = engine.lint_target(target, _with_texts(plan, texts))
        if own.skipped:
            return LintResult(errors=own.errors)
        results = [own]
        kind = own.kind
        if kind is not None and plan.rules_of(kind)[1] and self.root and _inside(path, self.root):
            results.extend(self._context(kind, path, plan, texts, config))
        combined = engine.combine(results, plan)
        here = os.path.normcase(os.path.abspath(path))
        findings = [f for f in combined.findings if os.path.normcase(os.path.abspath(f.path)) == here]
        errors = [e for e in combined.errors if e.path in (path, "(project)")]
        return LintResult(findings, errors, kind)

    def _context(self, kind: str, path: str, plan, texts: dict[str, str], config: Config) -> list[engine.FileResult]:
        """Results of the workspace's other files that may be of ``kind``: open buffers
        linted from their text, files on disk from what was kept while they are unchanged."""
        results = []
        for target in self._targets(config):
            if target.path == path or (target.kind != kind and not (target.kind is None and kind in YAML_KINDS)):
                continue
            text = texts.get(target.path)
            if text is not None and len(text) < CONTEXT_MAX_CHARS:
                result = self._kept_buffer(target, text, plan, config)
            else:
                result = self._kept(target, plan, config)
            if result is not None and result.kind == kind and not result.skipped:
                results.append(result)
        return results

    def _kept_buffer(self, target: Target, text: str, plan, config: Config) -> engine.FileResult:
        key = (self.generation, config.path, "buffer", hash(text), len(text))
        kept = self._disk.get(target.path)
        if kept is not None and kept[0] == key:
            return kept[1]
        result = engine.lint_target(target, _with_texts(plan, {target.path: text}))
        self._disk[target.path] = (key, result)
        return result

    def _kept(self, target: Target, plan, config: Config) -> engine.FileResult | None:
        try:
            stat = os.stat(target.path)
        except OSError:
            return None
        key = (self.generation, config.path, stat.st_size, stat.st_mtime_ns)
        kept = self._disk.get(target.path)
        if kept is not None and kept[0] == key:
            return kept[1]
        result = engine.lint_target(target, _with_texts(plan, {}))
        self._disk[target.path] = (key, result)
        return result

    def _targets(self, config: Config) -> list[Target]:
        listing = self._listing
        if listing is None:
            try:
                found = discover([self.root], exclude=config.exclude, exclude_base=config.base, kind_globs=config.kinds)
                listing = [Target(os.path.abspath(t.path), t.kind, t.claimed) for t in found.targets]
            except OSError:
                listing = []
            self._listing = listing = listing[:MAX_CONTEXT_FILES]
        return listing


def lint_safely(workspace: Workspace, path: str, text: str, open_texts: dict[str, str], language: str | None) -> LintResult:
    """:meth:`Workspace.lint`, with a failure anywhere turned into an error to log."""
    try:
        return workspace.lint(path, text, open_texts, language)
    except Exception as exc:  # never lose the server to a bug in a run
        import traceback

        message = "".join(traceback.format_exception(exc)).rstrip()
        return LintResult(errors=[engine.InternalError(path, None, message)])


def lint_in_child(connection) -> None:
    """A worker process of the server: one run, its arguments and result over ``connection``.
    Its standard output is the server's channel to the editor: nothing may reach it."""
    os.dup2(os.open(os.devnull, os.O_WRONLY), 1)
    root, path, text, open_texts, language = connection.recv()
    connection.send(lint_safely(Workspace(root), path, text, open_texts, language))
    connection.close()


def _inside(path: str, root: str) -> bool:
    return os.path.commonpath([os.path.abspath(path), root]) == root


def _target(path: str, config: Config, language: str | None) -> Target | None:
    """What the engine is to lint ``path`` as; None for a file of no kind lintkit knows."""
    kind = kind_from_globs(path, config.kinds) or kind_from_name(path) or LANGUAGE_KINDS.get(language or "")
    if kind is not None:
        return Target(path, kind)
    if is_yaml_name(path) or language == "yaml":
        return Target(path, None)  # the content decides
    claimed = claim(path) if os.path.basename(path) else None
    return Target(path, claimed, claimed=True) if claimed else None


#: LSP language ids that tell a kind (for buffers whose name does not: "untitled" ones).
LANGUAGE_KINDS = {
    "dockerfile": "dockerfile",
    "dockercompose": "compose",
    "github-actions-workflow": "github-actions",
    "ansible": "ansible",
    "gitlab-ci": "gitlab-ci",
}


def _plan(config: Config):
    """The engine's plan for one run under ``config``."""
    settings = config.settings()
    # settings() makes compose project paths relative to the working directory; the
    # server's paths are absolute.
    settings["compose_projects"] = [[os.path.abspath(p) for p in group] for group in settings["compose_projects"]]
    options = engine.RunOptions(
        selection=Selection(config.select, list(config.ignore)),
        severity_overrides=config.severity,
        rule_options=config.rules,
        settings=settings,
        per_file_ignores=config.per_file_ignores,
        config_base=config.base,
        jobs=1,
        max_file_size=_size_limit(config),
    )
    return engine._Plan(options)


def _size_limit(config: Config) -> int:
    """The config's ``max-file-size``; the default when the value is not a size (the
    schema checks its shape, not every spelling)."""
    try:
        return files.parse_size(config.max_file_size or files.DEFAULT_MAX_FILE_SIZE)
    except ValueError:
        return files.DEFAULT_MAX_FILE_SIZE


def _with_texts(plan, texts: dict[str, str]):
    """``plan`` reading ``texts`` instead of the files of those paths."""
    plan.options.texts = texts
    return plan


def _load(found: str | None) -> tuple[Config, ConfigError | None]:
    if found is None:
        return Config(), None
    try:
        config = load_config(found)
        for origin, selectors in ((f"{found}: select", config.select or []), (f"{found}: ignore", config.ignore)):
            check_selectors(selectors, origin)
        from .cli import _check_rule_settings

        _check_rule_settings(config)
    except UsageError as exc:
        return Config(), _config_error(str(exc), found)
    return config, None


def _config_error(text: str, path: str) -> ConfigError:
    match = _CONFIG_ERROR.fullmatch(text)
    if match and os.path.abspath(match.group("path")) == os.path.abspath(path):
        return ConfigError(path, int(match.group("line")), int(match.group("column")), match.group("message"))
    prefix = f"{path}: "
    return ConfigError(path, 1, 1, text.removeprefix(prefix))


def is_config_file(path: str) -> bool:
    return os.path.basename(path) in (*CONFIG_NAMES, "pyproject.toml")
