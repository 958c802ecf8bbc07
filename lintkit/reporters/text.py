"""Human-readable output, in the shape of ruff, hadolint and gcc::

    app/Dockerfile:3:5: DF008 [warning] Pin versions in apt-get install (curl) (apt-pin-versions)
      3 | RUN apt-get install -y curl
        |     ^~~~~~~~~~~~~~~~~~~~~~~

    Found 1 finding in 1 file: 1 warning.

The first line is the one editors and terminals turn into a link. The quoted source line
has tabs expanded and very long lines cropped around the span, so the caret stays under
the right characters and minified files do not flood the terminal.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TextIO

from ..model import Finding, Severity
from ..report import Report
from ..secrets import MaskedLine

_RESET = "\x1b[0m"
_BOLD = "\x1b[1m"
_DIM = "\x1b[2m"
_GREEN = "\x1b[32m"
_GUTTER_COLOR = "\x1b[34m"
_SEVERITY_COLORS = {
    Severity.ERROR: "\x1b[31m",
    Severity.WARNING: "\x1b[33m",
    Severity.INFO: "\x1b[36m",
    Severity.STYLE: "\x1b[35m",
}

_TAB_WIDTH = 4
#: Longest source line quoted in full; longer ones are cropped to this many characters.
_MAX_QUOTED_CHARS = 120
#: Characters kept before the span when a long line is cropped.
_CONTEXT_BEFORE_SPAN = 30
_ELLIPSIS = "…"

# Control characters from a linted file must not reach the terminal: an escape sequence in
# a message or quoted line could rewrite what the user sees. Tabs are expanded instead.
_CONTROL_CHARS = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f]")

_SEVERITY_NOUNS = {
    Severity.ERROR: ("error", "errors"),
    Severity.WARNING: ("warning", "warnings"),
    Severity.INFO: ("info", "info"),
    Severity.STYLE: ("style", "style"),
}


def render(report: Report, stream: TextIO, *, color: bool = False) -> None:
    """Write every finding with its source line (only its first line when
    ``report.output_style`` is ``concise``), then the summary unless ``report.quiet``;
    ANSI colour if ``color``."""
    if report.output_style == "concise":
        for finding in report.findings:
            stream.write(format_finding(finding, None, color=color) + "\n")
        if report.findings and not report.quiet:
            stream.write("\n")
    else:
        for finding in report.findings:
            source_line = report.source_line(finding.path, finding.line)
            stream.write(format_finding(finding, source_line, color=color) + "\n\n")
    if report.quiet:
        return
    summary = summary_sentence(report)
    if color:
        summary = f"{_BOLD if report.findings else _BOLD + _GREEN}{summary}{_RESET}"
    stream.write(summary + "\n")


def format_finding(finding: Finding, source_line: str | None, *, color: bool) -> str:
    """The header line of a finding and, when its source line is known, that line with
    the first line of the span underlined (no trailing newline)."""
    # Styles are inlined rather than applied by a function: reports run to thousands of
    # findings, and this is the reporter's loop.
    if color:
        bold, dim, gutter_color, reset = _BOLD, _DIM, _GUTTER_COLOR, _RESET
        severity_color = _SEVERITY_COLORS[finding.severity]
    else:
        bold = dim = gutter_color = reset = severity_color = ""
    header = (
        f"{bold}{_printable(finding.path)}:{finding.line}:{finding.column}:{reset} "
        f"{bold}{severity_color}{finding.rule}{reset} {severity_color}[{finding.severity.value}]{reset} "
        f"{_printable(finding.message)} {dim}({finding.name}){reset}"
    )
    if source_line is None:
        return header
    span = finding.span
    start = span.column - 1
    end = span.end_column - 1 if span.end_line == span.line else None
    if isinstance(source_line, MaskedLine):  # a masked value may be shorter than the secret
        start = source_line.shown_offset(start)
        end = None if end is None else source_line.shown_offset(end)
    if end is None:
        end = len(source_line)
    quoted, caret_offset, caret_width = _quote(source_line, start, end)
    number = str(finding.line)
    # An empty source line would otherwise leave a trailing space after the gutter.
    quoted_line = f"  {gutter_color}{number} |{reset} {quoted}" if quoted else f"  {gutter_color}{number} |{reset}"
    caret = "^" + "~" * (caret_width - 1)
    return (
        f"{header}\n{quoted_line}\n  {gutter_color}{' ' * len(number)} |{reset} "
        f"{' ' * caret_offset}{bold}{severity_color}{caret}{reset}"
    )


def summary_sentence(report: Report) -> str:
    """``Found 3 findings in 2 files: 1 error, 2 warnings.`` or ``No findings in 2 files.``"""
    files = _count(report.file_count, "file", "files")
    if not report.findings:
        return f"No findings in {files}."
    by_severity = ", ".join(
        _count(number, *_SEVERITY_NOUNS[Severity(severity)])
        for severity, number in report.by_severity().items()
    )
    return f"Found {_count(len(report.findings), 'finding', 'findings')} in {files}: {by_severity}."


def _count(number: int, singular: str, plural: str) -> str:
    return f"{number} {singular if number == 1 else plural}"


def _printable(text: str) -> str:
    if text.isprintable():  # no control character (nor other unprintables, which stay)
        return text
    return _CONTROL_CHARS.sub("\N{REPLACEMENT CHARACTER}", text)


def _quote(line: str, start: int, end: int) -> tuple[str, int, int]:
    """Prepare ``line`` for display and place the underline of characters
    ``line[start:end]`` (0-based; a span reaching past the end of the line is clamped).

    Returns the text to show, the display column where the caret starts and how many
    columns it covers (at least one, so an empty span still points somewhere).
    """
    start = min(max(start, 0), len(line))
    end = min(max(end, start), len(line))
    if len(line) > _MAX_QUOTED_CHARS:
        window_start = max(0, min(start - _CONTEXT_BEFORE_SPAN, len(line) - _MAX_QUOTED_CHARS))
        window_end = window_start + _MAX_QUOTED_CHARS
        prefix = _ELLIPSIS if window_start else ""
        suffix = _ELLIPSIS if window_end < len(line) else ""
        line = prefix + line[window_start:window_end] + suffix
        start = start - window_start + len(prefix)
        end = min(end, window_end) - window_start + len(prefix)
    line = _printable(line)
    if line.isascii() and "\t" not in line:  # almost every line: one column per character
        return line, start, max(1, end - start)
    text, columns = _expand(line)
    return text, columns[start], max(1, columns[end] - columns[start])


def _expand(line: str) -> tuple[str, list[int]]:
    """``line`` with tabs expanded, and the display column at which each of its characters
    starts (plus one entry for the end of the line). Wide East Asian characters take two
    columns and combining marks none, as in a terminal."""
    pieces = []
    columns = []
    column = 0
    for char in line:
        columns.append(column)
        if char == "\t":
            width = _TAB_WIDTH - column % _TAB_WIDTH
            pieces.append(" " * width)
        else:
            pieces.append(char)
            if unicodedata.combining(char):
                width = 0
            elif unicodedata.east_asian_width(char) in ("W", "F"):
                width = 2
            else:
                width = 1
        column += width
    columns.append(column)
    return "".join(pieces), columns
