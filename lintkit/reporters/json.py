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
    """Write the report as one indented JSON document (``color`` does not apply)."""
    document = {
        "version": FORMAT_VERSION,
        "tool": {"name": report.tool_name, "version": report.tool_version},
        "findings": [finding.to_dict() for finding in report.findings],
        "summary": {
            "files": report.file_count,
            "findings": len(report.findings),
            "by_severity": report.by_severity(),
            "by_kind": {kind: count for kind, count in sorted(report.files.items()) if count},
        },
    }
    # ASCII escapes keep the document intact whatever encoding the output stream has.
    json.dump(document, stream, indent=2, ensure_ascii=True)
    stream.write("\n")
