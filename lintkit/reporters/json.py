"""The JSON output contract of DESIGN.md, described by ``lintkit/schemas/output.schema.json``.

Editors and scripts parse this format, so its shape only changes with ``version``. Beyond
the contract's summary keys it carries ``summary.by_kind`` (files linted per kind), which
the schema documents.
"""

from __future__ import annotations

import json
from typing import TextIO

from ..report import Report

FORMAT_VERSION = "1"


def render(report: Report, stream: TextIO, *, color: bool = False) -> None:
    """Write the report as one JSON document, a finding per line (``color`` does not apply).

    Each finding is encoded on its own by the C encoder: an indented ``json.dump`` of the
    whole document goes through the pure-Python encoder, which took longer than linting
    itself on runs with thousands of findings. One finding per line still reads and greps.
    """
    head = {"version": FORMAT_VERSION, "tool": {"name": report.tool_name, "version": report.tool_version}}
    summary = {
        "files": report.file_count,
        "findings": len(report.findings),
        "by_severity": report.by_severity(),
        "by_kind": {kind: report.files[kind] for kind in sorted(k for k in report.files if k) if report.files[kind]},
    }
    # ASCII escapes keep the document intact whatever encoding the output stream has.
    encode = json.JSONEncoder(ensure_ascii=True).encode
    stream.write(encode(head)[:-1])
    stream.write(', "findings": [')
    separator = "\n  "
    for finding in report.findings:
        stream.write(separator)
        stream.write(encode(finding.to_dict()))
        separator = ",\n  "
    stream.write("\n], " if report.findings else "], ")
    if report.suppressed:
        # Silenced by a comment (each with its ``suppression``), counted nowhere else.
        stream.write('"suppressed": [')
        stream.write(",".join("\n  " + encode(finding.to_dict()) for finding in report.suppressed))
        stream.write("\n], ")
    stream.write(f'"summary": {encode(summary)}}}\n')
