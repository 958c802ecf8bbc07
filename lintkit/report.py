"""What a run hands to a reporter."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Callable

from . import __version__
from .files import DEFAULT_MAX_FILE_SIZE, Unreadable, read_text
from .model import Finding, Rule, Severity, Span
from .secrets import MaskedLine, mask_line


@dataclass
class Report:
    """The outcome of one run.

    ``findings`` are sorted by path, line, column and rule. ``rules`` maps the id of every
    rule that was selected for the run to its metadata (reporters such as SARIF describe
    them). ``files`` counts the files linted, per kind (``None``: YAML that could not be
    read well enough to tell its kind). ``source_line(path, line)`` returns
    the text of a line (without its terminator) or ``None``, for reporters that quote it;
    the CLI's masks secret values (:class:`SecretMasks`), as every line a reporter shows or
    fingerprints must be.
    ``suppressed`` are the findings suppression comments silenced (each with its
    ``suppression`` set), for the reporters that show them (JSON, SARIF). The text format
    reads ``output_style`` (``full`` or ``concise``) and ``quiet`` (findings only).
    ``linted_paths`` are the files linted, for formats that list clean files (JUnit).
    """

    findings: list[Finding]
    rules: dict[str, Rule]
    files: Counter = field(default_factory=Counter)
    source_line: Callable[[str, int], str | None] = lambda path, line: None
    tool_name: str = "lintkit"
    tool_version: str = __version__
    suppressed: list[Finding] = field(default_factory=list)
    output_style: str = "full"
    quiet: bool = False
    linted_paths: list[str] = field(default_factory=list)

    @property
    def file_count(self) -> int:
        return sum(self.files.values())

    def by_severity(self) -> dict[str, int]:
        counts = Counter(f.severity.value for f in self.findings)
        return {s.value: counts[s.value] for s in Severity if counts[s.value]}


class SecretMasks:
    """The secrets of a run's files, by path and line, masked in the lines reporters show:
    the spans the engine collected (``RunResult.secret_spans``) and whatever the shared
    detector (``secrets.find_in_line``) recognises in the line itself."""

    def __init__(self, secret_spans: dict[str, list[Span]]):
        self._by_line: dict[tuple[str, int], list[Span]] = {}
        for path, spans in secret_spans.items():
            for span in spans:
                for number in range(span.line, span.end_line + 1):
                    self._by_line.setdefault((path, number), []).append(span)

    def mask(self, path: str, number: int, text: str) -> MaskedLine:
        """Line ``number`` of ``path``, whose text is ``text``, with its secrets masked."""
        ranges = [
            (span.column - 1 if span.line == number else 0, span.end_column - 1 if span.end_line == number else len(text))
            for span in self._by_line.get((path, number), ())
        ]
        return mask_line(text, ranges)


def without_secret_fixes(findings: list[Finding], secret_spans: dict[str, list[Span]]) -> list[Finding]:
    """The findings with the fixes that would write a secret into a report left out: a fix
    whose edit replaces text holding a secret (``ENV DB_PASSWORD value`` rewritten as
    ``DB_PASSWORD=value``) carries the secret in its text. ``--fix`` applies such fixes
    in-process; the reports say only that a fix exists nowhere but in the file."""
    if not secret_spans:
        return findings

    def overlaps(edit_span: Span, secret: Span) -> bool:
        return (edit_span.line, edit_span.column) < (secret.end_line, secret.end_column) and (
            secret.line, secret.column) < (edit_span.end_line, edit_span.end_column)

    kept = []
    for f in findings:
        spans = secret_spans.get(f.path, ())
        if f.fix is not None and any(overlaps(e.span, s) for e in f.fix.edits for s in spans):
            f = replace(f, fix=None)
        kept.append(f)
    return kept


def masked_source_lines(secret_spans: dict[str, list[Span]], texts: dict[str, str | bytes],
                        max_file_size: int = DEFAULT_MAX_FILE_SIZE) -> Callable[[str, int], str | None]:
    """A ``Report.source_line`` that reads the linted files (``texts`` holds those that
    came from elsewhere, such as stdin) as the engine does (regular files, the size cap)
    and masks their secrets."""
    masks = SecretMasks(secret_spans)
    lines_cache: dict[str, list[str] | None] = {}

    def source_line(path: str, line: int) -> str | None:
        if path not in lines_cache:
            try:
                if path in texts:  # stdin: the text linted, not a file of that name
                    text = texts[path]
                    lines_cache[path] = (text if isinstance(text, str) else text.decode("utf-8", errors="replace")).split("\n")
                else:
                    lines_cache[path] = read_text(path, max_file_size).split("\n")
            except Unreadable:
                lines_cache[path] = None
        lines = lines_cache[path]
        if lines is None or not 0 < line <= len(lines):
            return None
        return masks.mask(path, line, lines[line - 1].rstrip("\r"))

    return source_line
