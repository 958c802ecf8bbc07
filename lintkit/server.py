"""``lintkit server``: the Language Server Protocol over stdio, on pygls and lsprotocol.

Diagnostics are published when a document is opened or saved, and after a pause in its
changes (:data:`DEBOUNCE_SECONDS`). A run lints the buffer's text (not the file on disk)
with its workspace as context (:mod:`lintkit.live`) away from the protocol's thread: in a
worker thread, or for a text of :data:`PROCESS_MIN_CHARS` or more in a process of its own,
which holds no lock the server needs (a multi-megabyte YAML file keeps a thread busy for
seconds) and is killed when newer text arrives. A thread's run whose text was edited
meanwhile is thrown away; either way the newest text is linted once the run ends. Whatever a document holds and whatever a request asks, a handler
that fails logs the failure (``window/logMessage``) and the server goes on.

Only the ``server`` command imports this module: a ``lintkit check`` never loads pygls.
"""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
import os
import re
import traceback
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass

from lsprotocol import types as lsp
from pygls.lsp.server import LanguageServer
from pygls.uris import from_fs_path, to_fs_path

from . import __version__
from .live import ConfigError, LintResult, Workspace, is_config_file, lint_in_child, lint_safely
from .model import Finding, Fix, Severity, Span
from .ruledocs import rule_url

#: Quiet time after the last change of a document before it is linted.
DEBOUNCE_SECONDS = 0.15
FIX_ALL = "source.fixAll.lintkit"
#: Runs at once in threads: one file being linted leaves a worker for the others.
WORKERS = 2
#: Texts this long are linted in a process (about a second of linting and more).
PROCESS_MIN_CHARS = 256 * 1024

SEVERITIES = {
    Severity.ERROR: lsp.DiagnosticSeverity.Error,
    Severity.WARNING: lsp.DiagnosticSeverity.Warning,
    Severity.INFO: lsp.DiagnosticSeverity.Information,
    Severity.STYLE: lsp.DiagnosticSeverity.Hint,
}

_WATCHED = ("**/.lintkit.yaml", "**/.lintkit.yml", "**/pyproject.toml", "**/*.{yml,yaml}", "**/*ockerfile*", "**/.env")
_LINTKIT_COMMENT = re.compile(r"#\s*lintkit:\s*(ignore|ignore-file)\s*=\s*[^\s#]+(?:\s*,\s*[^\s#]+)*")
#: Dockerfile parser directives, which must stay the first lines.
_DIRECTIVE = re.compile(r"#\s*(?:syntax|escape|check)\s*=", re.IGNORECASE)


@dataclass
class Published:
    """What was published for a document: the text it was linted at and each diagnostic
    with its finding (code actions and hovers are answered from here)."""

    text: str
    entries: list[tuple[lsp.Diagnostic, Finding]]
    kind: str | None = None


class LintkitServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("lintkit", __version__, text_document_sync_kind=lsp.TextDocumentSyncKind.Incremental)
        self.workspaces: dict[str | None, Workspace] = {}
        self.executor = ThreadPoolExecutor(max_workers=WORKERS, thread_name_prefix="lintkit-lint")
        self.pending: dict[str, asyncio.TimerHandle] = {}
        self.running: set[str] = set()
        self.processes: dict[str, multiprocessing.process.BaseProcess] = {}
        self.rerun: set[str] = set()
        self.published: dict[str, Published] = {}
        #: Config file URI -> the mistake published on it.
        self.config_errors: dict[str, ConfigError] = {}

    # --- where documents belong ----------------------------------------------------

    def workspace_of(self, path: str | None) -> Workspace:
        roots = [to_fs_path(folder.uri) for folder in self.workspace.folders.values()]
        if not roots and self.workspace.root_path:
            roots = [self.workspace.root_path]
        if path is not None:
            for root in sorted(filter(None, roots), key=len, reverse=True):
                root = os.path.abspath(root)
                if os.path.commonpath([os.path.abspath(path), root]) == root:
                    return self.workspaces.setdefault(root, Workspace(root))
        return self.workspaces.setdefault(None, Workspace(None))

    def log(self, message: str, kind: lsp.MessageType = lsp.MessageType.Error) -> None:
        self.window_log_message(lsp.LogMessageParams(type=kind, message=message))

    # --- linting ---------------------------------------------------------------------

    def schedule(self, uri: str, delay: float) -> None:
        handle = self.pending.pop(uri, None)
        if handle is not None:
            handle.cancel()
        loop = asyncio.get_running_loop()
        self.pending[uri] = loop.call_later(delay, lambda: asyncio.ensure_future(self.lint_and_publish(uri)))

    async def lint_and_publish(self, uri: str) -> None:
        self.pending.pop(uri, None)
        if uri in self.running:  # linted again once the run under way ends
            self.rerun.add(uri)
            process = self.processes.get(uri)
            if process is not None:
                process.kill()  # its text is stale: no use finishing it
            return
        document = self.workspace.text_documents.get(uri)
        if document is None:
            return
        version, text = document.version, document.source
        path = document_path(uri)
        open_texts = {
            p: d.source for u, d in list(self.workspace.text_documents.items()) if (p := to_fs_path(u)) and u != uri
        }
        workspace = self.workspace_of(path if uri.startswith("file:") else None)
        self.running.add(uri)
        try:
            if len(text) >= PROCESS_MIN_CHARS:
                result = await self.lint_in_process(uri, workspace, path, text, open_texts, document.language_id)
            else:
                result = await asyncio.get_running_loop().run_in_executor(
                    self.executor, lint_safely, workspace, path, text, open_texts, document.language_id
                )
        finally:
            self.running.discard(uri)
        if uri in self.rerun:
            self.rerun.discard(uri)
            self.schedule(uri, 0)
        current = self.workspace.text_documents.get(uri)
        if result is None or current is None or current.version != version or current.source != text:
            return  # stale: newer text is on its way
        for error in result.errors:
            where = f"{error.path}: rule {error.rule}" if error.rule else error.path
            self.log(f"lintkit: internal error in {where}: {error.message}")
        entries = [(self.diagnostic(uri, f, text), f) for f in result.findings]
        previous = self.published.get(uri)
        self.published[uri] = Published(text, entries, result.kind)
        self.text_document_publish_diagnostics(
            lsp.PublishDiagnosticsParams(uri=uri, version=version, diagnostics=[d for d, _ in entries])
        )
        self.publish_config_errors(workspace)
        if result.kind is not None and (previous is None or previous.text != text):
            # Cross-file rules: the other open documents of this kind may read this one.
            for other, shown in list(self.published.items()):
                if other != uri and shown.kind == result.kind and other not in self.pending:
                    self.schedule(other, DEBOUNCE_SECONDS)

    async def lint_in_process(self, uri, workspace, path, text, open_texts, language) -> LintResult | None:
        """A run in a fresh process; None when it was killed for newer text."""
        context = multiprocessing.get_context("spawn")  # a fork would copy the server's threads' locks
        connection, child_end = context.Pipe()
        process = context.Process(target=lint_in_child, args=(child_end,), daemon=True)
        process.start()
        child_end.close()
        self.processes[uri] = process
        payload = (workspace.root, path, text, open_texts, language)
        try:
            return await asyncio.get_running_loop().run_in_executor(None, _exchange, connection, payload)
        finally:
            self.processes.pop(uri, None)
            connection.close()
            process.join(timeout=0)

    def publish_config_errors(self, workspace: Workspace) -> None:
        """One diagnostic on each broken config file; cleared once it is mended."""
        errors: dict[str, ConfigError] = {}
        for ws in self.workspaces.values():
            for error in ws.config_errors():
                errors.setdefault(from_fs_path(os.path.abspath(error.path)), error)
        for uri in set(self.config_errors) - set(errors):
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        for uri, error in errors.items():
            if self.config_errors.get(uri) == error:
                continue  # published already
            position = lsp.Position(line=max(error.line - 1, 0), character=max(error.column - 1, 0))
            diagnostic = lsp.Diagnostic(
                range=lsp.Range(start=position, end=position),
                message=error.message,
                severity=lsp.DiagnosticSeverity.Error,
                source="lintkit",
                code="config",
            )
            self.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[diagnostic]))
        self.config_errors = errors

    def relint_all(self, delay: float = 0) -> None:
        for uri in list(self.workspace.text_documents):
            self.schedule(uri, delay)

    # --- positions -------------------------------------------------------------------

    def position(self, lines: list[str], line: int, column: int) -> lsp.Position:
        """The LSP position of lintkit's 1-based line and character column: 0-based, the
        character counted in the negotiated code units (UTF-16 unless agreed otherwise)."""
        index = min(max(line - 1, 0), len(lines) - 1)
        if line - 1 > index:  # past the end: the end of the last line
            column = len(lines[index]) + 1
        text = lines[index].rstrip("\r")
        prefix = text[: min(max(column - 1, 0), len(text))]
        return lsp.Position(line=index, character=self.workspace.position_codec.client_num_units(prefix))

    def range(self, lines: list[str], span: Span) -> lsp.Range:
        return lsp.Range(
            start=self.position(lines, span.line, span.column),
            end=self.position(lines, span.end_line, span.end_column),
        )

    def diagnostic(self, uri: str, finding: Finding, text: str) -> lsp.Diagnostic:
        lines = text.split("\n")
        related = [
            lsp.DiagnosticRelatedInformation(
                location=lsp.Location(
                    uri=from_fs_path(os.path.abspath(r.path)) if r.path else uri,
                    range=self.range(lines, r.span) if not r.path else _plain_range(r.span),
                ),
                message=r.message,
            )
            for r in finding.related
        ]
        return lsp.Diagnostic(
            range=self.range(lines, finding.span),
            message=finding.message,
            severity=SEVERITIES[finding.severity],
            code=finding.rule,
            code_description=lsp.CodeDescription(href=rule_url(finding.rule)),
            source="lintkit",
            data={"name": finding.name, "aliases": list(finding.aliases), "fixable": finding.fix is not None},
            related_information=related or None,
        )

    def edits(self, lines: list[str], fix: Fix) -> list[lsp.TextEdit]:
        return [lsp.TextEdit(range=self.range(lines, e.span), new_text=e.text) for e in fix.edits]


def _plain_range(span: Span) -> lsp.Range:
    """A range in another file, whose text the server does not hold: characters as code units."""
    return lsp.Range(
        start=lsp.Position(line=span.line - 1, character=span.column - 1),
        end=lsp.Position(line=span.end_line - 1, character=span.end_column - 1),
    )


def document_path(uri: str) -> str:
    """The file a document is (``file:`` URIs), else a name to tell its kind by, in a
    folder that does not exist: an unsaved buffer has no neighbours to read."""
    path = to_fs_path(uri) if uri.startswith("file:") else None
    if path:
        return os.path.abspath(path)
    scheme, _, rest = uri.partition(":")
    name = rest.rstrip("/").rsplit("/", 1)[-1] or "untitled"
    return os.path.join(os.sep, f"{scheme}:", name)


def _exchange(connection, payload) -> LintResult | None:
    """Send a worker process its run and wait for the result (in a thread: both block)."""
    try:
        connection.send(payload)
        return connection.recv()
    except (EOFError, OSError):  # killed for newer text, or it died: the newer run reports
        return None


server = LintkitServer()


def guarded(handler):
    """A handler whose exception is logged instead of answered as a failure (or, for a
    notification, lost)."""

    @functools.wraps(handler)
    def wrapper(ls: LintkitServer, params):
        try:
            return handler(ls, params)
        except Exception as exc:
            ls.log(f"lintkit: {handler.__name__} failed: {''.join(traceback.format_exception(exc)).rstrip()}")
            return None

    return wrapper


@server.feature(lsp.INITIALIZED)
@guarded
def initialized(ls: LintkitServer, params: lsp.InitializedParams) -> None:
    capabilities = ls.client_capabilities.workspace
    watched = capabilities.did_change_watched_files if capabilities else None
    if watched and watched.dynamic_registration:
        options = lsp.DidChangeWatchedFilesRegistrationOptions(
            watchers=[lsp.FileSystemWatcher(glob_pattern=glob) for glob in _WATCHED]
        )
        registration = lsp.Registration(
            id="lintkit-watched-files", method=lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES, register_options=options
        )
        ls.client_register_capability(lsp.RegistrationParams(registrations=[registration]))


@server.feature(lsp.TEXT_DOCUMENT_DID_OPEN)
@guarded
def did_open(ls: LintkitServer, params: lsp.DidOpenTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, 0)


@server.feature(lsp.TEXT_DOCUMENT_DID_CHANGE)
@guarded
def did_change(ls: LintkitServer, params: lsp.DidChangeTextDocumentParams) -> None:
    ls.schedule(params.text_document.uri, DEBOUNCE_SECONDS)


@server.feature(lsp.TEXT_DOCUMENT_DID_SAVE)
@guarded
def did_save(ls: LintkitServer, params: lsp.DidSaveTextDocumentParams) -> None:
    path = document_path(params.text_document.uri)
    if is_config_file(path):
        _config_changed(ls)
    else:
        ls.schedule(params.text_document.uri, 0)


@server.feature(lsp.TEXT_DOCUMENT_DID_CLOSE)
@guarded
def did_close(ls: LintkitServer, params: lsp.DidCloseTextDocumentParams) -> None:
    uri = params.text_document.uri
    handle = ls.pending.pop(uri, None)
    if handle is not None:
        handle.cancel()
    ls.published.pop(uri, None)
    process = ls.processes.get(uri)
    if process is not None:
        process.kill()
    if uri not in ls.config_errors:
        ls.text_document_publish_diagnostics(lsp.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


@server.feature(lsp.WORKSPACE_DID_CHANGE_WATCHED_FILES)
@guarded
def did_change_watched_files(ls: LintkitServer, params: lsp.DidChangeWatchedFilesParams) -> None:
    paths = [(document_path(change.uri), change.type) for change in params.changes]
    if any(is_config_file(path) for path, _ in paths):
        _config_changed(ls)
        return
    if any(kind != lsp.FileChangeType.Changed for _, kind in paths):
        for workspace in ls.workspaces.values():
            workspace.files_changed()
    ls.relint_all(DEBOUNCE_SECONDS)


def _config_changed(ls: LintkitServer) -> None:
    for workspace in ls.workspaces.values():
        workspace.config_changed()
    ls.relint_all()


@server.feature(
    lsp.TEXT_DOCUMENT_CODE_ACTION,
    lsp.CodeActionOptions(code_action_kinds=[lsp.CodeActionKind.QuickFix, FIX_ALL]),
)
@guarded
def code_action(ls: LintkitServer, params: lsp.CodeActionParams) -> list[lsp.CodeAction] | None:
    uri = params.text_document.uri
    published = ls.published.get(uri)
    document = ls.workspace.text_documents.get(uri)
    if published is None or document is None or document.source != published.text:
        return None  # the diagnostics are of an older text: their edits would land wrong
    lines = published.text.split("\n")
    only = params.context.only
    actions: list[lsp.CodeAction] = []
    if not only or any(lsp.CodeActionKind.QuickFix.value.startswith(k) or k.startswith("quickfix") for k in only):
        asked = {(d.code, _range_key(d.range)) for d in params.context.diagnostics if d.source == "lintkit"}
        for diagnostic, finding in published.entries:
            if (diagnostic.code, _range_key(diagnostic.range)) in asked:
                actions.extend(_quick_fixes(ls, uri, lines, diagnostic, finding))
    if not only or any(FIX_ALL.startswith(k) for k in only):
        fix_all = _fix_all(ls, uri, lines, published)
        if fix_all is not None:
            actions.append(fix_all)
    return actions


def _range_key(r: lsp.Range) -> tuple[int, int, int, int]:
    return (r.start.line, r.start.character, r.end.line, r.end.character)


def _quick_fixes(ls: LintkitServer, uri: str, lines: list[str], diagnostic: lsp.Diagnostic, finding: Finding):
    if finding.fix is not None:
        yield lsp.CodeAction(
            title=f"Fix {finding.rule}: {finding.fix.description}",
            kind=lsp.CodeActionKind.QuickFix,
            diagnostics=[diagnostic],
            is_preferred=finding.fix.safe,
            edit=lsp.WorkspaceEdit(changes={uri: ls.edits(lines, finding.fix)}),
        )
    for title, edit in (
        (f"Suppress {finding.rule} ({finding.name}) on this line", _suppress_line(ls, lines, finding)),
        (f"Suppress {finding.rule} ({finding.name}) in this file", _suppress_file(ls, lines, finding)),
    ):
        yield lsp.CodeAction(
            title=title, kind=lsp.CodeActionKind.QuickFix, diagnostics=[diagnostic],
            edit=lsp.WorkspaceEdit(changes={uri: [edit]}),
        )  # fmt: skip


def _suppress_line(ls: LintkitServer, lines: list[str], finding: Finding) -> lsp.TextEdit:
    """``# lintkit: ignore=ID`` alone on the line above the finding's (which covers the
    statement starting below it), or ``,ID`` added to such a comment already there."""
    index = min(finding.span.line, len(lines)) - 1
    above = lines[index - 1] if index > 0 else ""
    existing = _LINTKIT_COMMENT.search(above)
    if existing and existing.group(1) == "ignore" and not above[: existing.start()].strip():
        at = ls.position(lines, index, existing.end() + 1)
        return lsp.TextEdit(range=lsp.Range(start=at, end=at), new_text=f",{finding.rule}")
    indent = lines[index][: len(lines[index]) - len(lines[index].lstrip())]
    at = lsp.Position(line=index, character=0)
    return lsp.TextEdit(range=lsp.Range(start=at, end=at), new_text=f"{indent}# lintkit: ignore={finding.rule}\n")


def _suppress_file(ls: LintkitServer, lines: list[str], finding: Finding) -> lsp.TextEdit:
    """``# lintkit: ignore-file=ID`` at the top (below a Dockerfile's parser directives),
    or ``,ID`` added to such a comment in the file's leading comments."""
    first = 0
    for number, line in enumerate(lines):
        stripped = line.strip()
        if not stripped.startswith("#"):
            break
        existing = _LINTKIT_COMMENT.search(line)
        if existing and existing.group(1) == "ignore-file":
            at = ls.position(lines, number + 1, existing.end() + 1)
            return lsp.TextEdit(range=lsp.Range(start=at, end=at), new_text=f",{finding.rule}")
        if finding.kind == "dockerfile" and _DIRECTIVE.match(stripped) and first == number:
            first = number + 1
    at = lsp.Position(line=first, character=0)
    return lsp.TextEdit(range=lsp.Range(start=at, end=at), new_text=f"# lintkit: ignore-file={finding.rule}\n")


def _fix_all(ls: LintkitServer, uri: str, lines: list[str], published: Published) -> lsp.CodeAction | None:
    """Every safe fix, leaving out those whose edits overlap one taken already."""
    taken: list[Span] = []
    edits: list[lsp.TextEdit] = []
    for _, finding in published.entries:
        fix = finding.fix
        if fix is None or not fix.safe or any(_overlaps(e.span, t) for e in fix.edits for t in taken):
            continue
        taken.extend(e.span for e in fix.edits)
        edits.extend(ls.edits(lines, fix))
    if not edits:
        return None
    return lsp.CodeAction(title="lintkit: fix all safe problems", kind=FIX_ALL, edit=lsp.WorkspaceEdit(changes={uri: edits}))


def _overlaps(a: Span, b: Span) -> bool:
    return (a.line, a.column) < (b.end_line, b.end_column) and (b.line, b.column) < (a.end_line, a.end_column)


@server.feature(lsp.TEXT_DOCUMENT_HOVER)
@guarded
def hover(ls: LintkitServer, params: lsp.HoverParams) -> lsp.Hover | None:
    published = ls.published.get(params.text_document.uri)
    if published is None:
        return None
    at = (params.position.line, params.position.character)
    shown: list[str] = []
    parts = []
    for diagnostic, finding in published.entries:
        start, end = diagnostic.range.start, diagnostic.range.end
        if (start.line, start.character) <= at <= (end.line, end.character) and finding.rule not in shown:
            shown.append(finding.rule)
            parts.append(_explain(finding))
    if not parts:
        return None
    text_document = ls.client_capabilities.text_document
    formats = text_document.hover.content_format if text_document and text_document.hover else None
    if formats and lsp.MarkupKind.Markdown not in formats:
        plain = "\n\n".join(_explanation_of(rule) for rule in shown)
        return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.PlainText, value=plain))
    return lsp.Hover(contents=lsp.MarkupContent(kind=lsp.MarkupKind.Markdown, value="\n\n---\n\n".join(parts)))


def _explanation_of(rule_id: str) -> str:
    from .cli import explanation
    from .registry import find_rule

    found = find_rule(rule_id)
    return explanation(found) if found is not None else rule_id


def _explain(finding: Finding) -> str:
    url = rule_url(finding.rule)
    return f"**{finding.rule}** `{finding.name}` ([docs]({url}))\n\n```text\n{_explanation_of(finding.rule)}\n```"


def serve() -> None:
    """Serve one client over stdin and stdout until it exits."""
    try:
        server.start_io()
    finally:
        for process in list(server.processes.values()):
            process.kill()
