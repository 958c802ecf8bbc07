"""What a run hands to a reporter."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from . import __version__
from .model import Finding, Rule, Severity


@dataclass
class Report:
    """The outcome of one run.

    ``findings`` are sorted by path, line, column and rule. ``rules`` maps the id of every
    rule that was selected for the run to its metadata (reporters such as SARIF describe
    them). ``files`` counts the files linted, per kind (``None``: YAML that could not be
    read well enough to tell its kind). ``source_line(path, line)`` returns
    the text of a line (without its terminator) or ``None``, for reporters that quote it.
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
