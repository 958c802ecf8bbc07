"""GitHub Actions workflow commands: each finding becomes an annotation on the file and
line in the run's summary and the pull request's diff::

    ::warning file=Dockerfile,line=1,col=6,endLine=1,endColumn=18,title=DF001 latest-tag::Pin a tag

A plain summary line goes to stderr, for the job log (GitHub shows only the first few
annotations of each level per step); stdout carries the annotations only, as every machine
format carries only its report.
"""

from __future__ import annotations

import functools
import sys
from typing import TextIO

from ..model import Finding, Severity
from ..report import Report
from ._paths import relative_posix_path
from .text import summary_sentence

COMMANDS = {
    Severity.ERROR: "error",
    Severity.WARNING: "warning",
    Severity.INFO: "notice",
    Severity.STYLE: "notice",
}


def render(report: Report, stream: TextIO, *, color: bool = False) -> None:
    """Write one workflow command per finding, and the summary to stderr (``color`` does
    not apply)."""
    path_of = functools.cache(relative_posix_path)  # one per file, not per finding
    for finding in report.findings:
        stream.write(_annotation(finding, path_of(finding.path)) + "\n")
    print(summary_sentence(report), file=sys.stderr)


def _annotation(finding: Finding, path: str) -> str:
    span = finding.span
    properties = [("file", path), ("line", span.line)]
    # The runner rejects the command when columns come with a span over several lines.
    if span.end_line == span.line:
        properties += [
            ("col", span.column),
            ("endLine", span.end_line),
            ("endColumn", span.end_column),
        ]
    else:
        properties.append(("endLine", span.end_line))
    properties.append(("title", f"{finding.rule} {finding.name}"))
    rendered = ",".join(f"{key}={_escape_property(str(value))}" for key, value in properties)
    return f"::{COMMANDS[finding.severity]} {rendered}::{_escape_data(finding.message)}"


def _escape_data(text: str) -> str:
    # "%" first, so the escapes added next are not escaped again.
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    # In properties, ":" would end the property list and "," would start the next property.
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")
