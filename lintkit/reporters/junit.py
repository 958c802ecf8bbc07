"""JUnit XML, for the test report views of GitLab, Jenkins and other CI systems.

Each file with findings is a ``<testsuite>`` named after the file, and each finding a
failed ``<testcase>`` in it whose text is the finding as the text format shows it. Each
file linted clean is a suite of one passing test case, as CI dashboards count passes per
file. A run that linted nothing is one passing test case, so that the CI view shows that
the lint step ran rather than an empty report.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from itertools import groupby
from operator import attrgetter
from typing import TextIO

from ..model import Finding
from ..report import Report
from .text import format_finding

# Characters XML 1.0 cannot carry, not even escaped; a linted file may contain them.
_NOT_XML_CHARS = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def render(report: Report, stream: TextIO, *, color: bool = False) -> None:
    """Write the report as a JUnit XML document (``color`` does not apply)."""
    by_path = {path: list(found) for path, found in groupby(report.findings, key=attrgetter("path"))}
    clean = sorted(set(report.linted_paths) - set(by_path))
    tests = (len(report.findings) + len(clean)) or 1
    root = ET.Element(
        "testsuites",
        name=report.tool_name,
        tests=str(tests),
        failures=str(len(report.findings)),
        errors="0",
    )
    # Findings arrive sorted by path, so the findings of a file are contiguous.
    for path in sorted([*by_path, *clean]):
        findings = by_path.get(path, [])
        suite = _testsuite(root, _xml_safe(path), tests=len(findings) or 1, failures=len(findings))
        for finding in findings:
            _add_failed_testcase(suite, report, finding)
        if not findings:
            safe = _xml_safe(path)
            ET.SubElement(suite, "testcase", classname=safe, name="no findings", file=safe)
    if not report.findings and not clean:
        suite = _testsuite(root, report.tool_name, tests=1, failures=0)
        ET.SubElement(suite, "testcase", classname=report.tool_name, name="no findings")
    ET.indent(root)
    # ASCII with character references: the document stays valid whatever the stream's encoding.
    stream.write(ET.tostring(root, encoding="us-ascii", xml_declaration=True).decode("ascii"))
    stream.write("\n")


def _testsuite(root: ET.Element, name: str, *, tests: int, failures: int) -> ET.Element:
    return ET.SubElement(
        root,
        "testsuite",
        name=name,
        tests=str(tests),
        failures=str(failures),
        errors="0",
        skipped="0",
    )


def _add_failed_testcase(suite: ET.Element, report: Report, finding: Finding) -> None:
    path = _xml_safe(finding.path)
    testcase = ET.SubElement(
        suite,
        "testcase",
        classname=path,
        name=f"{finding.rule} {finding.name} at line {finding.line}, column {finding.column}",
        file=path,
        line=str(finding.line),
    )
    failure = ET.SubElement(
        testcase, "failure", message=_xml_safe(finding.message), type=finding.severity.value
    )
    source_line = report.source_line(finding.path, finding.line)
    failure.text = _xml_safe(format_finding(finding, source_line, color=False))


def _xml_safe(text: str) -> str:
    return _NOT_XML_CHARS.sub("\N{REPLACEMENT CHARACTER}", text)
