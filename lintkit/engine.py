"""Parse -> run rules -> suppress -> sort.

Each file is handled by :func:`lint_target`, in this process or in forked workers
(``--jobs``): read and decode it, load YAML once (and decide the kind from the content
when the name did not), parse the kind's view, run the file rules, collect the facts
project rules need, and scan suppression comments. The parent then runs project rules
over the collected facts, applies suppressions and per-file ignores, and sorts.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import gc
import os
import sys
import traceback
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from . import registry, suppression
from .engine_rules import DUPLICATE_KEY, PARSE_ERROR, UNUSED_SUPPRESSION
from .kinds import YAML_KINDS, parser_module, sniff
from .model import Finding, ParseError, Problem, Rule, RuleContext, Severity, Span
from .registry import Selection, matches
from .secrets import mask_text
from .source import SourceFile

#: Files larger than this are reported rather than parsed.
MAX_FILE_SIZE = 5 * 1024 * 1024
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
    #: Secrets found by the secret rules the run did not select (to mask, not to report).
    secret_spans: list[Span] = field(default_factory=list)


@dataclass
class RunResult:
    findings: list[Finding]
    rules: dict[str, Rule]
    files: Counter
    skipped: list[tuple[str, str]]
    errors: list[InternalError]
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
        for r in engine_rules:
            self._register(r)

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
            aliases=rule.aliases + problem.aliases if problem.aliases else rule.aliases,
            fix=problem.fix,
            secret_spans=problem.secret_spans,
        )


_PLAN: _Plan | None = None


def read_source(path: str, texts: dict[str, str | bytes]) -> SourceFile:
    """The decoded file, or ParseError for what cannot be linted as text."""
    if path in texts:
        text = texts[path]
        return SourceFile(path, text if isinstance(text, str) else decode(text))
    try:
        size = os.path.getsize(path)
        if size > MAX_FILE_SIZE:
            raise ParseError(f"file is {size:,} bytes, over the {MAX_FILE_SIZE:,}-byte limit; not linted")
        with open(path, "rb") as fh:
            data = fh.read()
    except OSError as exc:
        raise ParseError(f"cannot read file: {exc.strerror or exc}") from None
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
        column = len(prefix) - (prefix.rfind(b"\n") + 1) + 1
        raise ParseError(
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            Span.point(line, column),
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


def _is_helm_template(path: str, source: SourceFile) -> bool:
    """A chart template (``templates/`` holding ``{{ }}``): Kubernetes manifests once
    rendered, so its finding counts as a Kubernetes one."""
    return "{{" in source.text and "templates" in path.replace("\\", "/").split("/")[:-1]


def lint_target(target) -> FileResult:
    plan = _PLAN
    assert plan is not None
    result = FileResult(target.path, target.kind)
    try:
        _lint_into(result, target, plan)
    except Exception as exc:  # a bug in a parser: report it, keep the run going
        result.errors.append(InternalError(target.path, None, _describe(exc, plan)))
    return result


def _describe(exc: Exception, plan: _Plan) -> str:
    if plan.options.verbose:
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
        source = read_source(target.path, plan.options.texts)
    except ParseError as error:
        _parse_error(plan, result, error, None)
        return

    documents = None
    kind = target.kind
    if kind is None or (kind in YAML_KINDS and not target.claimed):
        from . import yamlmodel

        try:
            documents = yamlmodel.load(source)
        except ParseError as error:
            if kind is None and _is_helm_template(target.path, source):
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
                    result.findings.append(
                        plan.finding(DUPLICATE_KEY, Problem(dup.span, message), result.path, kind)
                    )

    module = parser_module(kind)
    try:
        view = module.parse(source, documents) if documents is not None else module.parse(source)
    except ParseError as error:
        _parse_error(plan, result, error, source)
        return

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
    for rule in project_rules:
        try:
            facts = rule.collect(view, plan.contexts[rule.id])
        except Exception as exc:
            result.errors.append(InternalError(result.path, rule.id, _describe(exc, plan)))
            continue
        if facts is not None:
            result.facts[rule.id] = facts

    scopes = view.suppression_scopes() if hasattr(view, "suppression_scopes") else ()
    extra = view.suppressions() if hasattr(view, "suppressions") else ()
    result.suppressions = suppression.scan(source, scopes, extra)
    _mask_messages(result)


def _mask_messages(result: FileResult) -> None:
    """Mask secrets in the findings' messages: rules mask the value they report, but another
    rule may quote the token that holds it (``Unknown instruction DB_PASSWORD=...``)."""
    for index, finding in enumerate(result.findings):
        message = mask_text(finding.message)
        if message != finding.message:
            result.findings[index] = dataclasses.replace(finding, message=message)


def _map(targets, jobs: int, plan: _Plan, sizes: dict[str, int]) -> list[FileResult]:
    if jobs <= 1 or len(targets) < 2 or not hasattr(os, "fork"):
        return [lint_target(t) for t in targets]
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
    results = workers.lint_in_parallel(ordered, jobs, lint_target, _unsendable, first)
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


def run(targets, options: RunOptions) -> RunResult:
    global _PLAN
    plan = _PLAN = _Plan(options)
    sizes = {t.path: _size(t.path) for t in targets}
    jobs = options.jobs if options.jobs else default_jobs(sizes)
    if options.texts:
        jobs = 1
    results = _map(targets, jobs, plan, sizes)

    findings: list[Finding] = []
    files: Counter = Counter()
    skipped: list[tuple[str, str]] = []
    errors: list[InternalError] = []
    suppressions: dict[str, list[suppression.Suppression]] = {}
    facts: dict[str, dict[str, Any]] = {}
    secret_spans: dict[str, list[Span]] = {}
    for r in results:
        errors.extend(r.errors)
        if r.skipped:
            skipped.append((r.path, r.skipped))
            continue
        files[r.kind] += 1  # None: unreadable YAML whose kind its content could not tell
        findings.extend(r.findings)
        if r.secret_spans:
            secret_spans.setdefault(r.path, []).extend(r.secret_spans)
        suppressions[r.path] = r.suppressions
        for rule_id, collected in r.facts.items():
            facts.setdefault(rule_id, {})[r.path] = collected

    for kind in sorted(k for k in files if k):
        for rule in plan.rules_of(kind)[1]:
            try:
                for problem in rule.check(facts.get(rule.id, {}), plan.contexts[rule.id]):
                    findings.append(plan.finding(rule, problem, problem.path or "", kind))
            except Exception as exc:
                errors.append(InternalError("(project)", rule.id, _describe(exc, plan)))

    by_path: dict[str, list[Finding]] = {}
    for f in findings:
        by_path.setdefault(f.path, []).append(f)
        if f.secret_spans:  # before suppression: a suppressed finding's secret stays hidden
            secret_spans.setdefault(f.path, []).extend(f.secret_spans)
    kept: list[Finding] = []
    for path, items in by_path.items():
        items = suppression.apply(items, suppressions.get(path, []))
        kept.extend(_per_file_ignores(items, path, plan))
    if UNUSED_SUPPRESSION.id in plan.engine_rule_ids:
        for path, entries in suppressions.items():
            # One comment may be read by several mechanisms (a generic `# noqa` and the
            # Ansible parser's reading of its old rule numbers): it is used if any is.
            used = {s.span for s in entries if s.used}
            reported = set()
            for s in entries:
                if s.span not in used and s.span not in reported:
                    reported.add(s.span)
                    problem = Problem(s.span, f"suppression matches no finding: {s.text}")
                    kept.append(plan.finding(UNUSED_SUPPRESSION, problem, path, None))
    kept.sort(key=Finding.sort_key)
    return RunResult(kept, plan.rules, files, skipped, errors, secret_spans)


def _per_file_ignores(findings: list[Finding], path: str, plan: _Plan) -> list[Finding]:
    table = plan.options.per_file_ignores
    if not table:
        return findings
    relative = os.path.relpath(os.path.abspath(path), plan.options.config_base).replace(os.sep, "/")
    selectors = [
        s
        for pattern, listed in table.items()
        if fnmatch.fnmatch(relative, pattern) or fnmatch.fnmatch(os.path.basename(path), pattern)
        for s in listed
    ]
    if not selectors:
        return findings
    rules = plan.rules
    return [
        f for f in findings if not (f.rule in rules and any(matches(s, rules[f.rule]) for s in selectors))
    ]


def print_errors(errors: list[InternalError]) -> None:
    for e in errors:
        where = f"{e.path}: rule {e.rule}" if e.rule else e.path
        print(f"lintkit: internal error in {where}: {e.message}", file=sys.stderr)
