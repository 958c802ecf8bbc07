"""GitLab Code Quality report: the JSON array GitLab reads from
``artifacts:reports:codequality`` and shows in merge requests.

GitLab tells new findings from known ones by ``fingerprint`` and shows only one issue per
fingerprint, so fingerprints are unique within a report and survive unrelated edits (see
``_fingerprints``).
"""

from __future__ import annotations

import json
from typing import TextIO

from ..model import Severity
from ..report import Report
from ._fingerprints import fingerprints
from ._paths import relative_posix_path

#: GitLab has five severities (info, minor, major, critical, blocker); lintkit's four map
#: onto distinct ones. ``blocker`` is left for problems that should stop a merge outright.
SEVERITIES = {
    Severity.ERROR: "critical",
    Severity.WARNING: "major",
    Severity.INFO: "minor",
    Severity.STYLE: "info",
}


def render(report: Report, stream: TextIO, *, color: bool = False) -> None:
    """Write the report as a Code Quality JSON array (``color`` does not apply)."""
    issues = [
        {
            "description": f"{finding.rule}: {finding.message}",
            "check_name": finding.rule,
            "fingerprint": fingerprint,
            "severity": SEVERITIES[finding.severity],
            "location": {
                "path": relative_posix_path(finding.path),
                "lines": {"begin": finding.span.line, "end": finding.span.end_line},
            },
        }
        for finding, fingerprint in zip(report.findings, fingerprints(report), strict=True)
    ]
    json.dump(issues, stream, indent=2, ensure_ascii=True)
    stream.write("\n")
