"""Parse -> run rules -> suppress -> sort.

Each file is handled by :func:`lint_target`, in this process or in forked workers
(``--jobs``): read and decode it, load YAML once (and decide the kind from the content
when the name did not), parse the kind's view, run the file rules, collect the facts
project rules need, and scan suppression comments. The parent then runs project rules
over the collected facts, applies suppressions and per-file ignores, and sorts.

Whatever a file's parser and rules look at besides the file goes through the run's
:class:`~lintkit.workspace.Workspace`, which records it as the file's dependencies. With a
cache (:mod:`lintkit.cache`), a file whose bytes and dependencies are unchanged is not
linted again, and a kind whose files' facts are unchanged does not run its project rules.
"""

from __future__ import annotations

import dataclasses
import datetime
import gc
import os
import sys
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Any, Callable, Iterator, Mapping

from . import files, project, registry, suppression, workspace
from .engine_rules import (
    DUPLICATE_KEY,
    EXPIRED_SUPPRESSION,
    HELM_CHART,
    INVALID_ENCODING,
    INVALID_SUPPRESSION,
    PARSE_ERROR,
    REFERENCE_OUTSIDE_PROJECT,
    UNUSED_SUPPRESSION,
)
from .kinds import YAML_KINDS, is_chart_template, parser_module, sniff
from .model import Finding, Fix, ParseError, Problem, Related, Rule, RuleContext, Severity, Span
from .registry import Selection, matches
from .secrets import mask_text
from .source import SourceFile

#: Below this many bytes of input a single process is as fast as two (measured on the
#: corpus with two cores: 119 compose files, 144 kB, 0.31 s either way; 118 GitLab CI
#: files, 381 kB, 0.76 s alone and 0.63 s with a worker; 374 Ansible files, 542 kB,
#: 0.86 s and 0.66 s).
PARALLEL_MIN_BYTES = 200_000


@dataclass
class RunOptions:
    selection: Selection
    severity_overrides: dict[str, str] = field(default_factory=dict)
    rule_options: dict[str, dict[str, Any]] = field(default_factory=dict)
    settings: dict[str, Any] = field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = field(default_factory=dict)
    config_base: str = "."
    jobs: int | None = None
    #: Contents of files that do not come from the file system (stdin), by path.
    texts: dict[str, str | bytes] = field(default_factory=dict)
    verbose: bool = False
    #: The folder references are resolved against (:mod:`lintkit.project`); None: the
    #: root :func:`project.find_root` gives for the targets.
    project_root: str | None = None
    max_file_size: int = files.DEFAULT_MAX_FILE_SIZE
    #: Called with the number of files linted so far, as the run goes (progress display).
    progress: Callable[[int], None] | None = None
    #: Render Helm charts with ``helm template`` and lint the output (else one notice each).
    render_helm: bool = False
    #: Where results are kept between runs (lintkit.cache.Cache), or None for no cache.
    #: Never used when ``texts`` is given: those are not files whose bytes key an entry.
    cache: Any = None
    #: Give findings their ``context`` (what a baseline fingerprints) from the parsed file.
    contexts: bool = False


@dataclass
class InternalError:
    path: str
    rule: str | None
    message: str


@dataclass
class FileResult:
    path: str
    kind: str | None
    findings: list[Finding] = field(default_factory=list)
    suppressions: list[suppression.Suppression] = field(default_factory=list)
    facts: dict[str, Any] = field(default_factory=dict)
    errors: list[InternalError] = field(default_factory=list)
    #: Why the file was passed over (no kind recognised), or None when it was linted.
    skipped: str | None = None
    #: (path, reason) for files read on this file's behalf that were not (``--verbose``).
    notes: list[tuple[str, str]] = field(default_factory=list)
    #: The chart whose Go template this file is (left for the chart's notice or render).
    chart_template: str | None = None
    #: The other files the result depends on (lintkit.workspace.Dependencies).
    dependencies: dict = field(default_factory=dict)
    #: ``facts`` pickled, as a cache entry holds them (unpickled only when a project rule
    #: has to run again: they are instances of the rule modules' classes).
    facts_blob: bytes | None = None
    #: Secrets found by the secret rules the run did not select (to mask, not to report).
    secret_spans: list[Span] = field(default_factory=list)


@dataclass
class RunResult:
    findings: list[Finding]
    #: Every rule selected for the kinds of the run (looked up when first read: a run
    #: served from the cache imports no rule module unless a reporter asks).
    rules: Mapping[str, Rule]
    files: Counter
    skipped: list[tuple[str, str]]
    errors: list[InternalError]
    #: Findings a suppression comment silenced, each with its ``suppression`` set; they
    #: count for nothing (exit code, summary) and only some reporters show them.
    suppressed: list[Finding] = field(default_factory=list)
    #: The files linted (those skipped left out), in the order they were given.
    paths: list[str] = field(default_factory=list)
    #: Where each file's secrets are written, by path: from every finding, suppressed or
    #: not, and from the secret rules not selected. Reporters mask them.
    secret_spans: dict[str, list[Span]] = field(default_factory=dict)


class _Plan:
    """Everything a worker needs, built once in the parent and inherited by fork.

    A kind's rules are looked up the first time a file of that kind shows up, so a
    one-file run imports the rule modules of that file's kind only.
    """

    def __init__(self, options: RunOptions):
        self.options = options
        self._overrides = {key.lower(): Severity.parse(level) for key, level in options.severity_overrides.items()}
        self._kinds: dict[str, tuple[list[Rule], list[Rule]]] = {}
        self._secret_rules: dict[str, list[tuple[Rule, RuleContext]]] = {}
        self.contexts: dict[str, RuleContext] = {}
        self.severity: dict[str, Severity] = {}
        engine_rules = options.selection.engine_rules()
        self.engine_rule_ids = {r.id for r in engine_rules}
        #: ``per-file-ignores`` compiled, the first time a file has findings.
        self.per_file_patterns: list | None = None
        for r in engine_rules:
            self._register(r)
        #: What parsers and rules see of the other files (options.texts in place of theirs).
        self.workspace = workspace.Workspace(options.texts)

    def _register(self, rule: Rule) -> None:
        self.severity[rule.id] = self._overrides.get(rule.id.lower()) or self._overrides.get(rule.name) or rule.severity
        user = self.options.rule_options.get(rule.id) or self.options.rule_options.get(rule.name) or {}
        self.contexts[rule.id] = RuleContext(rule, {**rule.option_defaults, **user}, self.options.settings)

    def rules_of(self, kind: str) -> tuple[list[Rule], list[Rule]]:
        """(file rules, project rules) selected for ``kind``."""
        if kind not in self._kinds:
            selected = self.options.selection.rules_for(kind)
            for r in selected:
                self._register(r)
            self._kinds[kind] = (
                [r for r in selected if r.scope == "file"],
                [r for r in selected if r.scope == "project"],
            )
        return self._kinds[kind]

    def unselected_secret_rules(self, kind: str) -> list[tuple[Rule, RuleContext]]:
        """The rules of ``kind`` that report secrets but were not selected, with their
        contexts: run for the spans of the secrets they find, which reports mask."""
        if kind not in self._secret_rules:
            selected = {r.id for r in self.rules_of(kind)[0]}
            self._secret_rules[kind] = [
                (r, RuleContext(r, r.option_defaults, self.options.settings))
                for r in registry.rules_for_kind(kind)
                if r.reports_secrets and r.id not in selected
            ]
        return self._secret_rules[kind]

    @property
    def rules(self) -> dict[str, Rule]:
        return {ctx.rule.id: ctx.rule for ctx in self.contexts.values()}

    def finding(self, rule: Rule, problem: Problem, path: str, kind: str | None) -> Finding:
        return Finding(
            rule=rule.id,
            name=rule.name,
            severity=self.severity[rule.id],
            message=problem.message,
            path=problem.path or path,
            kind=kind,
            span=problem.span,
            aliases=_aliases(rule, problem),
            fix=_with_safety(problem.fix, rule),
            related=problem.related,
            secret_spans=problem.secret_spans,
        )


def _with_safety(fix: Fix | None, rule: Rule) -> Fix | None:
    """The fix marked as its rule's metadata says (``Rule.fix``): an unsafe rule's fixes
    are never applied by --fix alone, nor by an editor's "fix all"."""
    if fix is None or fix.safe == (rule.fix != "unsafe"):
        return fix
    return replace(fix, safe=rule.fix != "unsafe")


def _aliases(rule: Rule, problem: Problem) -> tuple[str, ...]:
    if problem.exact_aliases is not None:
        return problem.exact_aliases
    return rule.aliases + problem.aliases if problem.aliases else rule.aliases


_PLAN: _Plan | None = None


class NotUtf8(ParseError):
    """Bytes that are not UTF-8; ``text`` is them decoded with U+FFFD replacements."""

    def __init__(self, message: str, span: Span, text: str):
        super().__init__(message, span)
        self.text = text


class Vanished(Exception):
    """The file is gone, or is no longer a regular file: passed over, not a parse error."""


def read_source(path: str, texts: dict[str, str | bytes], limit: int = files.DEFAULT_MAX_FILE_SIZE) -> SourceFile:
    """The decoded file, ParseError for what cannot be linted as text, Vanished for a
    file that is no longer there to lint."""
    if path in texts:
        text = texts[path]
        # An editor's buffer or stdin: the same limit as a file's (a character is a byte at least).
        if len(text) > limit and (size := len(text if isinstance(text, bytes) else text.encode())) > limit:
            raise ParseError(f"text is {size:,} bytes, over the {limit:,}-byte limit; not linted")
        return SourceFile(path, text if isinstance(text, str) else decode(text))
    try:
        data = files.read_regular(path, limit)
    except files.Unreadable as exc:
        if exc.cause == files.MISSING:
            raise Vanished("deleted during the run") from None
        if exc.cause == files.NOT_REGULAR:
            raise Vanished(f"{exc.reason}; not read") from None
        if exc.cause == files.TOO_LARGE:
            raise ParseError(f"{exc.reason}; not linted (see max-file-size)") from None
        raise ParseError(exc.reason) from None
    return SourceFile(path, decode(data))


def decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    elif data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise ParseError("invalid UTF-16 text") from None
    if b"\x00" in data[:8192]:
        raise ParseError("binary file (contains NUL bytes); not linted")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        prefix = data[: exc.start]
        line = prefix.count(b"\n") + 1
        # The column counts characters, as every other position does.
        column = len(prefix[prefix.rfind(b"\n") + 1 :].decode("utf-8", errors="replace")) + 1
        raise NotUtf8(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            Span.point(line, column),
            data.decode("utf-8", errors="replace"),
        ) from None


def _template_hint(source: SourceFile, error: ParseError) -> ParseError:
    """A YAML file that is really a Helm/Go template gets a message saying so."""
    if "{{" in source.text:
        return ParseError(
            f"{error.message}; this looks like a Helm/Go template, which is not YAML until "
            "rendered: lint the output, e.g. `helm template . | lintkit check "
            "--stdin-filename manifests.yaml -`",
            error.span,
        )
    return error


def lint_target(target, plan: _Plan | None = None) -> FileResult:
    """One file's result, under ``plan`` (default: the plan of the current :func:`run`,
    which forked workers inherit)."""
    plan = plan or _PLAN
    assert plan is not None
    result = FileResult(target.path, target.kind)
    with plan.workspace.recording() as dependencies:
        try:
            _lint_into(result, target, plan)
        except Exception as exc:  # a bug in a parser: report it, keep the run going
            result.errors.append(InternalError(target.path, None, _describe(exc, plan)))
    result.dependencies = dependencies
    return result


def _describe(exc: Exception, plan: _Plan) -> str:
    if plan.options.verbose:
        import traceback

        return "".join(traceback.format_exception(exc)).rstrip()
    return f"{type(exc).__name__}: {exc}"


def _parse_error(plan: _Plan, result: FileResult, error: ParseError, source: SourceFile | None) -> None:
    if PARSE_ERROR.id in plan.engine_rule_ids:
        result.findings.append(
            plan.finding(PARSE_ERROR, Problem(error.span, error.message), result.path, result.kind)
        )
    if source is not None:
        result.suppressions = suppression.scan(source)


def _lint_into(result: FileResult, target, plan: _Plan) -> None:
    try:
        _lint_source(result, target, plan)
    finally:
        result.notes = project.drain_notes()


def _lint_source(result: FileResult, target, plan: _Plan) -> None:
    try:
        source = read_source(target.path, plan.options.texts, plan.options.max_file_size)
    except Vanished as gone:
        result.skipped = str(gone)
        return
    except NotUtf8 as error:
        if target.kind != "dockerfile":  # YAML must be Unicode: Compose, kubectl... refuse it
            _parse_error(plan, result, error, None)
            return
        # BuildKit builds it: lint it, and say once where the first bad byte is.
        source = SourceFile(target.path, error.text)
        if INVALID_ENCODING.id in plan.engine_rule_ids:
            message = f"{error.message}; linted with the bad bytes replaced"
            result.findings.append(plan.finding(INVALID_ENCODING, Problem(error.span, message), result.path, target.kind))
    except ParseError as error:
        _parse_error(plan, result, error, None)
        return
    if target.chart is not None and "{{" in source.text:
        result.chart_template = target.chart
        return

    documents = None
    kind = target.kind
    if kind is None or (kind in YAML_KINDS and not target.claimed):
        from . import yamlmodel

        try:
            documents = yamlmodel.load(source)
        except ParseError as error:
            if kind is None and is_chart_template(target.path, source.text):  # a Kubernetes finding
                result.kind = "kubernetes"
            _parse_error(plan, result, _template_hint(source, error), source)
            return
        if kind is None:
            kind = sniff(target.path, documents)
            if kind is None:
                result.skipped = "YAML of no kind lintkit knows"
                return
            result.kind = kind
        if DUPLICATE_KEY.id in plan.engine_rule_ids:
            for document in documents:
                for dup in document.duplicate_keys:
                    message = f"duplicate key {dup.key!r} (first set on line {dup.first_line})"
                    related = (Related(dup.first_span, "first set here"),) if dup.first_span else ()
                    result.findings.append(
                        plan.finding(DUPLICATE_KEY, Problem(dup.span, message, related=related), result.path, kind)
                    )

    module = parser_module(kind)
    try:
        view = module.parse(source, documents) if documents is not None else module.parse(source)
    except ParseError as error:
        _parse_error(plan, result, error, source)
        return

    if REFERENCE_OUTSIDE_PROJECT.id in plan.engine_rule_ids and hasattr(view, "file_references"):
        for reference in view.file_references():
            reason = project.check_reference(reference)
            if reason is not None:
                problem = Problem(reference.span, reason)
                result.findings.append(plan.finding(REFERENCE_OUTSIDE_PROJECT, problem, result.path, kind))

    file_rules, project_rules = plan.rules_of(kind)
    for rule in file_rules:
        ctx = plan.contexts[rule.id]
        try:
            for problem in rule.check(view, ctx):
                result.findings.append(plan.finding(rule, problem, result.path, kind))
        except Exception as exc:
            result.errors.append(InternalError(result.path, rule.id, _describe(exc, plan)))
    for rule, ctx in plan.unselected_secret_rules(kind):
        try:
            for problem in rule.check(view, ctx):
                result.secret_spans.extend(problem.secret_spans)
        except Exception as exc:
            result.errors.append(InternalError(result.path, rule.id, _describe(exc, plan)))
    collected_once: set[str] = set()  # rules sharing facts collect them once
    for rule in project_rules:
        name = rule.facts.name
        if name in collected_once:
            continue
        collected_once.add(name)
        try:
            facts = rule.facts.collect(view, plan.contexts[rule.id])
        except Exception as exc:
            result.errors.append(InternalError(result.path, rule.id, _describe(exc, plan)))
            continue
        if facts is not None:
            result.facts[name] = facts

    scopes = view.suppression_scopes() if hasattr(view, "suppression_scopes") else ()
    extra = view.suppressions() if hasattr(view, "suppressions") else ()
    result.suppressions = suppression.scan(source, scopes, extra)
    _mask_messages(result)
    if plan.options.contexts and result.findings:
        from .baseline import add_contexts

        result.findings = add_contexts(result.findings, source, view, documents)


def _mask_messages(result: FileResult) -> None:
    """Mask secrets in the findings' messages: rules mask the value they report, but another
    rule may quote the token that holds it (``Unknown instruction DB_PASSWORD=...``)."""
    for index, finding in enumerate(result.findings):
        message = mask_text(finding.message)
        if message != finding.message:
            result.findings[index] = dataclasses.replace(finding, message=message)


def _map(targets, jobs: int, plan: _Plan, sizes: dict[str, int]) -> list[FileResult]:
    progress = plan.options.progress
    if jobs <= 1 or len(targets) < 2 or not hasattr(os, "fork"):
        if progress is None:
            return [lint_target(t) for t in targets]
        results = []
        for t in targets:
            results.append(lint_target(t))
            progress(len(results))
        return results
    from . import workers

    # Kinds the names already tell are imported before forking, so the workers share one
    # copy. Kinds that only sniffing reveals are imported by each worker that meets them:
    # importing all five YAML kinds up front would cost more than it saves.
    named = {t.kind for t in targets if t.kind}
    if named & YAML_KINDS or any(t.kind is None for t in targets):
        from . import yamlmodel  # noqa: F401
    for kind in named:
        parser_module(kind)
        plan.rules_of(kind)
    # One file of a kind no name tells (of median size: the smallest are often empty or
    # odd) is linted before forking, so that the workers inherit its kind's parser and
    # rules: in a folder of manifests most files share it.
    unnamed = sorted((t for t in targets if t.kind is None), key=lambda t: sizes[t.path])
    first = unnamed[len(unnamed) // 2] if unnamed else None
    ordered = sorted(
        (t for t in targets if t is not first), key=lambda t: sizes[t.path], reverse=True
    )  # big files first balance the workers
    results = workers.lint_in_parallel(ordered, jobs, lint_target, _unsendable, first, progress)
    linted = {r.path for r in results}
    results.extend(FileResult(t.path, t.kind, errors=[_lost(t.path)]) for t in ordered if t.path not in linted)
    position = {t.path: index for index, t in enumerate(targets)}
    results.sort(key=lambda r: position[r.path])  # as one process would: the output does not vary
    return results


def _unsendable(result: FileResult, error: Exception) -> FileResult:
    message = f"its result could not be sent from the worker process ({type(error).__name__}: {error})"
    return FileResult(result.path, result.kind, errors=[InternalError(result.path, None, message)])


def _lost(path: str) -> InternalError:
    return InternalError(path, None, "the worker process linting it died (run with --jobs 1 to see why)")


def tune_collector() -> None:
    """Set Python's cyclic garbage collector for a process that lints and exits (the CLI).

    A file's YAML nodes and views are freed by reference counting once it is linted; with
    the default thresholds the collector still traverses them several times while they are
    built, and each full collection traverses every imported module and rule table too.
    Frozen start-up objects and a young generation of 100,000 allocations leave it the
    cyclic garbage it exists for. Forked workers inherit the setting.
    """
    gc.freeze()
    gc.set_threshold(100_000, 20, 10)


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0


def default_jobs(sizes: dict[str, int]) -> int:
    processes = min(os.cpu_count() or 1, 8, len(sizes))
    if processes <= 1 or sum(sizes.values()) < PARALLEL_MIN_BYTES:
        return 1
    return processes


def cache_settings(options: RunOptions) -> dict[str, Any]:
    """What of the options can change a file's result (the cache keys on it)."""
    return {
        "select": options.selection.select,
        "ignore": options.selection.ignore,
        "severity": options.severity_overrides,
        "rules": options.rule_options,
        "settings": options.settings,
    }


def run(targets, options: RunOptions) -> RunResult:
    global _PLAN
    plan = _PLAN = _Plan(options)
    root = options.project_root or project.find_root(None, [t.path for t in targets if t.path not in options.texts])
    outer = project.current()
    project.use(project.Project(os.path.realpath(root), options.max_file_size))
    try:
        with workspace.use(plan.workspace):
            return _run(targets, plan)
    finally:
        project.use(outer)  # a process that runs again (tests, a server) starts unbounded


def _run(targets, plan: _Plan) -> RunResult:
    from . import cache

    options = plan.options
    store = None if options.texts else options.cache
    results_by_path, keys, pending = cache.lookup(store, targets, plan.workspace)
    sizes = {t.path: _size(t.path) for t in pending}
    jobs = options.jobs if options.jobs else default_jobs(sizes)
    if options.texts:
        jobs = 1
    for r in _map(pending, jobs, plan, sizes):
        results_by_path[r.path] = r
    results = [results_by_path[t.path] for t in targets]
    cache.store_files(store, [results_by_path[t.path] for t in pending], keys)
    outcome = combine(results, plan, store)
    if store is not None:
        store.trim()
    return outcome


def combine(results: list[FileResult], plan: _Plan, store=None) -> RunResult:
    """The run's outcome from its files' results: project rules over the collected facts
    (from ``store``, the cache, when their facts are unchanged), then suppressions and
    per-file ignores, sorted. The language server calls it with results it kept from
    earlier runs beside the fresh result of the buffer being edited."""
    from . import cache

    options = plan.options
    findings: list[Finding] = []
    files: Counter = Counter()
    skipped: list[tuple[str, str]] = []
    errors: list[InternalError] = []
    paths: list[str] = []
    suppressions: dict[str, list[suppression.Suppression]] = {}
    charts: dict[str, list[str]] = {}
    suppressed_in_chart: list[Finding] = []
    secret_spans: dict[str, list[Span]] = {}
    for r in results:
        errors.extend(r.errors)
        skipped.extend(r.notes)
        if r.skipped:
            skipped.append((r.path, r.skipped))
            continue
        if r.chart_template is not None:
            charts.setdefault(r.chart_template, []).append(r.path)
            skipped.append((r.path, f"a template of the Helm chart {r.chart_template}: not YAML until rendered"))
            continue
        files[r.kind] += 1  # None: unreadable YAML whose kind its content could not tell
        paths.append(r.path)
        findings.extend(r.findings)
        if r.secret_spans:
            secret_spans.setdefault(r.path, []).extend(r.secret_spans)
        suppressions[r.path] = r.suppressions

    for chart, templates in charts.items():
        if options.render_helm and _parent_chart(chart, charts):
            continue  # rendered with its parent, with the values the parent gives it
        if options.render_helm:
            rendered = _lint_rendered_chart(chart, plan)
            files["kubernetes"] += 1
            findings.extend(rendered.findings)
            errors.extend(rendered.errors)
            # The comments of the templates are in the output: they silenced what they cover.
            suppressed_in_chart.extend(rendered.suppressed)
        elif HELM_CHART.id in plan.engine_rule_ids:
            message = (
                f"Helm chart: {len(templates)} template{'s' if len(templates) != 1 else ''} not linted until rendered; "
                f"use --render-helm (helm on PATH) or `helm template {chart} | lintkit check -`"
            )
            problem = Problem(Span.point(1), message)
            findings.append(plan.finding(HELM_CHART, problem, os.path.join(chart, "Chart.yaml"), "kubernetes"))

    for kind in sorted(k for k in files if k):
        of_kind = [r for r in results if r.kind == kind and not r.skipped]
        found, failed = cache.project_pass(store, kind, of_kind, plan, _project_pass)
        findings.extend(found)
        errors.extend(failed)
    skipped.extend(project.drain_notes())
    selected_rules = _SelectedRules(plan, [k for k in files if k])
    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        by_path.setdefault(f.path, []).append(f)
        if f.secret_spans:  # before suppression: a suppressed finding's secret stays hidden
            secret_spans.setdefault(f.path, []).extend(f.secret_spans)
    kept: list[Finding] = []
    suppressed: list[Finding] = suppressed_in_chart
    for path, items in by_path.items():
        items, silenced = suppression.apply(items, suppressions.get(path, []))
        kept.extend(_per_file_ignores(items, path, plan, selected_rules))
        suppressed.extend(_per_file_ignores(silenced, path, plan, selected_rules))
    if options.texts:
        kept = _map_piped_sources(kept, options.texts)
        suppressed = _map_piped_sources(suppressed, options.texts)
    kept.extend(_governance_findings(suppressions, plan))
    if UNUSED_SUPPRESSION.id in plan.engine_rule_ids:
        today = datetime.date.today()  # expired ones are reported as such, not as unused
        for path, entries in suppressions.items():
            # One comment may be read by several mechanisms (a generic `# noqa` and the
            # Ansible parser's reading of its old rule numbers): it is used if any is.
            used = {s.span for s in entries if s.used}
            reported = set()
            for s in entries:
                if s.span not in used and s.span not in reported and s.applies(today):
                    reported.add(s.span)
                    problem = Problem(s.span, f"suppression matches no finding: {s.text}")
                    kept.append(plan.finding(UNUSED_SUPPRESSION, problem, path, None))
    kept.sort(key=Finding.sort_key)
    suppressed.sort(key=Finding.sort_key)
    return RunResult(kept, selected_rules, files, skipped, errors, suppressed, paths, secret_spans)


def _map_piped_sources(findings: list[Finding], texts: dict[str, str | bytes]) -> list[Finding]:
    """Findings on piped ``helm template`` output placed in the templates its ``# Source:``
    comments name, when those files are in the working tree."""
    from . import helm

    for path, text in texts.items():
        if isinstance(text, bytes):
            text = text.decode("utf-8", "replace")
        if not helm.has_sources(text):
            continue
        piped = [f for f in findings if f.path == path]
        if piped:
            others = [f for f in findings if f.path != path]
            findings = others + helm.map_to_templates(piped, text.split("\n"), None, path)
    return findings


def _parent_chart(chart: str, charts: dict[str, list[str]]) -> str | None:
    """The chart of the run whose ``charts/`` folder holds ``chart`` (a subchart)."""
    return next((other for other in charts if chart.startswith(os.path.join(other, "charts", ""))), None)


@dataclass
class _RenderedChart:
    findings: list[Finding]
    suppressed: list[Finding]
    errors: list[InternalError]


def _lint_rendered_chart(chart: str, plan: _Plan) -> _RenderedChart:
    """``helm template`` of the chart, linted as Kubernetes manifests, its findings placed
    in the templates (:func:`helm.map_to_templates`); a chart helm cannot render is a
    parse error on its Chart.yaml."""
    from . import helm
    from .discover import Target

    chart_file = os.path.join(chart, "Chart.yaml")
    try:
        text = helm.render(chart)
    except ParseError as error:
        result = FileResult(chart_file, "kubernetes")
        _parse_error(plan, result, error, None)
        return _RenderedChart(result.findings, [], [])
    virtual = os.path.join(chart, "(rendered)")
    plan.options.texts[virtual] = text
    try:
        result = lint_target(Target(virtual, "kubernetes"))
    finally:
        del plan.options.texts[virtual]
    kept, silenced = suppression.apply(result.findings, result.suppressions)
    lines = text.split("\n")
    return _RenderedChart(
        helm.map_to_templates(kept, lines, chart, chart_file),
        helm.map_to_templates(silenced, lines, chart, chart_file),
        result.errors,
    )


def _governance_findings(suppressions: dict[str, list[suppression.Suppression]], plan: _Plan) -> list[Finding]:
    """``expired-suppression`` and ``invalid-suppression`` findings on lintkit's own
    comments. A selector is known when a rule of the run identifies it, or else any rule
    lintkit has (the comment may name a rule this run did not select)."""
    rules = {"expired": EXPIRED_SUPPRESSION, "invalid": INVALID_SUPPRESSION}
    if not any(r.id in plan.engine_rule_ids for r in rules.values()):
        return []
    from .registry import all_rules, identifies

    selected = list(plan.rules.values())

    def known(selector: str) -> bool:
        return selector.lower() == "all" or any(identifies(selector, r) for r in selected) or any(
            identifies(selector, r) for r in all_rules()
        )

    found = []
    for path, entries in suppressions.items():
        for which, span, message in suppression.governance_problems(entries, known):
            rule = rules[which]
            if rule.id in plan.engine_rule_ids:
                found.append(plan.finding(rule, Problem(span, message), path, None))
    return found


def _project_pass(kind: str, results: list[FileResult], plan: _Plan) -> tuple[list[Finding], list[InternalError]]:
    """The project rules of ``kind`` over the facts of its files: each shared
    :class:`~lintkit.model.Facts` is combined once, then every rule using it checks."""
    from .cache import facts_of

    findings: list[Finding] = []
    errors: list[InternalError] = []
    by_name: dict[str, dict[str, Any]] = {}
    for r in results:
        try:
            collected_facts = facts_of(r)
        except Exception as exc:  # a cache entry's facts that cannot be read back
            errors.append(InternalError(r.path, None, _describe(exc, plan)))
            continue
        for name, collected in collected_facts.items():
            by_name.setdefault(name, {})[r.path] = collected
    combined: dict[str, Any] = {}
    for rule in plan.rules_of(kind)[1]:
        facts = rule.facts
        try:
            if facts.name not in combined:
                by_path = by_name.get(facts.name, {})
                combined[facts.name] = facts.combine(by_path, plan.contexts[rule.id]) if facts.combine else by_path
            for problem in rule.check(combined[facts.name], plan.contexts[rule.id]):
                findings.append(plan.finding(rule, problem, problem.path or "", kind))
        except Exception as exc:
            errors.append(InternalError("(project)", rule.id, _describe(exc, plan)))
    return findings, errors


class _SelectedRules(Mapping):
    """:attr:`RunResult.rules`, resolved on first use."""

    def __init__(self, plan: _Plan, kinds: list[str]):
        self._plan = plan
        self._kinds = kinds
        self._rules: dict[str, Rule] | None = None

    def _resolved(self) -> dict[str, Rule]:
        if self._rules is None:
            for kind in self._kinds:
                self._plan.rules_of(kind)
            self._rules = self._plan.rules
        return self._rules

    def __getitem__(self, key: str) -> Rule:
        return self._resolved()[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._resolved())

    def __len__(self) -> int:
        return len(self._resolved())


def _per_file_ignores(findings: list[Finding], path: str, plan: _Plan, rules: Mapping[str, Rule]) -> list[Finding]:
    """Findings the config's ``per-file-ignores`` leave: each key is a gitignore-style
    pattern relative to the config's folder, as in ``exclude`` (``legacy`` is any file or
    folder of that name, ``/legacy`` only the top one, ``k8s/*.yaml`` one level)."""
    table = plan.options.per_file_ignores
    if not table or not findings:
        return findings
    if plan.per_file_patterns is None:
        from .discover import ConfigPaths

        plan.per_file_patterns = [
            (ConfigPaths([pattern], plan.options.config_base), listed) for pattern, listed in table.items()
        ]
    selectors = [s for patterns, listed in plan.per_file_patterns if patterns.excluded(path) for s in listed]
    if not selectors:
        return findings
    return [
        f for f in findings if not (f.rule in rules and any(matches(s, rules[f.rule]) for s in selectors))
    ]


def print_errors(errors: list[InternalError]) -> None:
    for e in errors:
        where = f"{e.path}: rule {e.rule}" if e.rule else e.path
        print(f"lintkit: internal error in {where}: {e.message}", file=sys.stderr)
