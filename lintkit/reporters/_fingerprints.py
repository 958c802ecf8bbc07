"""Fingerprints that identify a finding across runs, for GitLab Code Quality and SARIF.

CI systems compare the fingerprints of two pipelines to tell new problems from fixed ones.
A fingerprint built from the line number would call every finding below an inserted line
"new"; this one hashes the rule, the file and the stripped text of the finding's line, plus
the finding's rank among those that share all three (two identical ``image: nginx:latest``
lines stay distinct). It only falls back to the line number when the text is unavailable.
The text is the line as ``Report.source_line`` gives it, with secret values masked: a hash
of the line itself would let anyone holding the report test guesses of a password.
"""

from __future__ import annotations

import functools
import hashlib
from collections import Counter

from ..model import Finding
from ..report import Report
from ._paths import relative_posix_path


def fingerprints(report: Report, findings: list[Finding] | None = None) -> list[str]:
    """One fingerprint (32 hex digits) per finding, in the order of ``findings`` (by
    default ``report.findings``), which must be sorted."""
    occurrences: Counter[tuple[str, ...]] = Counter()
    result = []
    path_of = functools.cache(relative_posix_path)  # one per file, not per finding
    for finding in report.findings if findings is None else findings:
        text = report.source_line(finding.path, finding.line)
        # The tag keeps a line whose text is "3" apart from the fallback for line 3.
        anchor = ("text", text.strip()) if text is not None else ("line", str(finding.line))
        key = (finding.rule, path_of(finding.path), *anchor)
        occurrence = occurrences[key]
        occurrences[key] += 1
        material = "\0".join((*key, str(occurrence)))
        # surrogatepass: paths and lines decoded with surrogateescape must still hash.
        digest = hashlib.sha256(material.encode("utf-8", "surrogatepass")).hexdigest()
        result.append(digest[:32])
    return result
