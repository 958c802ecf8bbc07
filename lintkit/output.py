"""What ``lintkit check`` writes besides the report itself: the extra reports of
``--report FORMAT=FILE``, the per-rule counts of ``--statistics`` and the progress line
on a terminal.
"""

from __future__ import annotations

import json
import os
import sys
import time
from collections import Counter
from typing import TextIO

from .registry import UsageError
from .report import Report

#: The styles of the text format: ``full`` quotes the source line under each finding,
#: ``concise`` is one line per finding.
OUTPUT_STYLES = ("full", "concise")


def parse_report_specs(specs: list[str], formats: dict[str, str], origin: str) -> list[tuple[str, str]]:
    """``["sarif=out.sarif", ...]`` -> ``[("sarif", "out.sarif"), ...]``, checking each
    format is known and each file is named once."""
    parsed = []
    seen: set[str] = set()
    for spec in specs:
        name, equals, path = spec.partition("=")
        name = name.strip()
        if not equals or not name or not path:
            raise UsageError(f"{origin}: {spec!r} is not FORMAT=FILE (e.g. sarif=lintkit.sarif)")
        if name not in formats:
            raise UsageError(f"{origin}: unknown format {name!r} in {spec!r} (expected one of: {', '.join(sorted(formats))})")
        if path in seen:
            raise UsageError(f"{origin}: two reports would be written to {path!r}")
        seen.add(path)
        parsed.append((name, path))
    return parsed


def statistics(report: Report) -> list[dict]:
    """One row per rule with findings: id, name, severity, count (findings counted),
    fixable (how many carry a fix), suppressed (findings a comment silenced) and the
    distinct justifications written on those comments. Sorted as ruff sorts its
    statistics: most findings first, then by id."""
    counted = Counter(f.rule for f in report.findings)
    fixable = Counter(f.rule for f in report.findings if f.fix)
    silenced = Counter(f.rule for f in report.suppressed)
    reasons: dict[str, list[str]] = {}
    first: dict[str, object] = {}
    for finding in (*report.findings, *report.suppressed):
        first.setdefault(finding.rule, finding)
        reason = finding.suppression.justification if finding.suppression else None
        if reason and reason not in reasons.setdefault(finding.rule, []):
            reasons[finding.rule].append(reason)
    rows = [
        {
            "id": rule_id,
            "name": finding.name,
            "severity": finding.severity.value,
            "count": counted[rule_id],
            "fixable": fixable[rule_id],
            "suppressed": silenced[rule_id],
            "justifications": reasons.get(rule_id, []),
        }
        for rule_id, finding in first.items()
    ]
    rows.sort(key=lambda row: (-row["count"], -row["suppressed"], row["id"]))
    return rows


def write_statistics(report: Report, stream: TextIO, *, as_json: bool) -> None:
    """The rows of :func:`statistics`, as a JSON array or as aligned text::

        12  DF003  [warning]  apt-pin-versions
         3  DF006  [info]     apt-no-install-recommends  (3 fixable)
         0  DC001  [warning]  image-explicit-tag  (1 suppressed: vendor pins it)
    """
    rows = statistics(report)
    if as_json:
        json.dump(rows, stream, indent=2, ensure_ascii=True)
        stream.write("\n")
        return
    if not rows:
        return
    count_width = max(len(str(row["count"])) for row in rows)
    id_width = max(len(row["id"]) for row in rows)
    severity_width = max(len(row["severity"]) for row in rows) + 2
    for row in rows:
        notes = []
        if row["fixable"]:
            notes.append(f"{row['fixable']} fixable")
        if row["suppressed"]:
            why = f": {'; '.join(row['justifications'])}" if row["justifications"] else ""
            notes.append(f"{row['suppressed']} suppressed{_printable(why)}")
        tail = f"  ({', '.join(notes)})" if notes else ""
        stream.write(
            f"{row['count']:>{count_width}}  {row['id']:<{id_width}}  {'[' + row['severity'] + ']':<{severity_width}}"
            f"  {row['name']}{tail}\n"
        )


def _printable(text: str) -> str:
    return "".join(char if char.isprintable() else "\N{REPLACEMENT CHARACTER}" for char in text)


class Progress:
    """``lintkit: 1200/2649 files`` on stderr, rewritten in place, once a run has lasted
    ``delay`` seconds; only on a terminal and never in CI (``CI`` set), whose logs would
    keep every rewrite. Cleared when the run ends, so the report starts on a clean line."""

    def __init__(self, total: int, stream: TextIO | None = None, delay: float = 1.0, interval: float = 0.1):
        self.total = total
        self.stream = stream or sys.stderr
        self.enabled = total > 1 and _is_terminal(self.stream) and not os.environ.get("CI")
        self.start = time.monotonic()
        self.delay = delay
        self.interval = interval
        self.shown_at: float | None = None

    def __call__(self, done: int) -> None:
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self.start < self.delay or (self.shown_at is not None and now - self.shown_at < self.interval):
            return
        self.shown_at = now
        self.stream.write(f"\r\x1b[Klintkit: {done}/{self.total} files")
        self.stream.flush()

    def close(self) -> None:
        if self.shown_at is not None:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self.shown_at = None


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
