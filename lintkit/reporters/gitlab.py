"""GitLab Code Quality report: the JSON array GitLab reads from
``artifacts:reports:codequality`` and shows in merge requests.

GitLab tells new findings from known ones by ``fingerprint`` and shows only one issue per
fingerprint, so fingerprints are unique within a report and survive unrelated edits (see
``_fingerprints``).
"""

from __future__ import annotations

import functools
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
    """Write the report as a Code Quality JSON array, an issue per line (``color`` does not
    apply). Each issue is encoded by the C encoder, as in the JSON reporter: an indented
    ``json.dump`` (the pure-Python encoder) took 25 s for 31,000 issues."""
    path_of = functools.cache(relative_posix_path)  # one per file, not per finding
    encode = json.JSONEncoder(ensure_ascii=True).encode
    issues = [
        encode({
            "description": f"{finding.rule}: {finding.message}",
            "check_name": finding.rule,
            "fingerprint": fingerprint,
            "severity": SEVERITIES[finding.severity],
            "location": {
                "path": path_of(finding.path),
                "lines": {"begin": finding.span.line, "end": finding.span.end_line},
            },
        })
        for finding, fingerprint in zip(report.findings, fingerprints(report), strict=True)
    ]
    stream.write("[\n  " + ",\n  ".join(issues) + "\n]\n" if issues else "[]\n")
