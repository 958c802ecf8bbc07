"""Reports built by hand for the reporter tests: a few rules, findings over two files, and
the source text the findings point into."""

from __future__ import annotations

import io
from collections import Counter
from collections.abc import Iterable

from lintkit.model import Edit, Example, Finding, Fix, Rule, Severity, Span
from lintkit.report import Report
from lintkit.reporters import get_reporter


def _no_problems(document, ctx):
    return iter(())


APT_PIN = Rule(
    id="DF008",
    name="apt-pin-versions",
    severity=Severity.WARNING,
    summary="Pin versions in apt-get install",
    rationale="Unpinned packages make builds unreproducible.",
    check=_no_problems,
    tags=("reliability",),
    aliases=("DL3008",),
    examples=(
        Example(
            bad="FROM debian:12\nRUN apt-get install -y curl\n",
            good="FROM debian:12\nRUN apt-get install -y curl=7.88.1-10\n",
        ),
    ),
)
LATEST_TAG = Rule(
    id="K8001",
    name="latest-tag",
    severity=Severity.ERROR,
    summary="Do not use the latest tag",
    rationale="A moving tag deploys different code on every pull.",
    check=_no_problems,
    tags=("reliability", "security"),
    aliases=("CKV_K8S_14", "kube-linter:latest-tag"),
)
UNPINNED_ACTION = Rule(
    id="GH001",
    name="unpinned-action",
    severity=Severity.INFO,
    summary="Pin third-party actions to a commit SHA",
    rationale="Tags of actions can be moved to malicious commits.",
    check=_no_problems,
    tags=("security",),
)
RULES = {rule.id: rule for rule in (APT_PIN, LATEST_TAG, UNPINNED_ACTION)}

SOURCES = {
    "app/Dockerfile": (
        "FROM debian:12\n# tools\nRUN apt-get install -y curl\nRUN apt-get install -y git\n"
    ),
    "k8s/deploy.yaml": (
        "apiVersion: apps/v1\n"
        "kind: Deployment\n"
        "spec:\n"
        "  template:\n"
        "    spec:\n"
        "      containers:\n"
        "        - image: nginx:latest\n"
    ),
}


def finding(
    rule: Rule,
    path: str,
    span: Span,
    message: str,
    *,
    severity: Severity | None = None,
    kind: str | None = None,
    fix: Fix | None = None,
) -> Finding:
    return Finding(
        rule=rule.id,
        name=rule.name,
        severity=severity or rule.severity,
        message=message,
        path=path,
        kind=kind or rule.kind,
        span=span,
        aliases=rule.aliases,
        fix=fix,
    )


def source_lines(sources: dict[str, str]):
    """A ``Report.source_line`` callback over in-memory files."""

    def source_line(path: str, line: int) -> str | None:
        text = sources.get(path)
        if text is None:
            return None
        lines = text.splitlines()
        return lines[line - 1] if 0 < line <= len(lines) else None

    return source_line


def make_report(
    findings: Iterable[Finding],
    *,
    sources: dict[str, str] | None = None,
    files: dict[str, int] | None = None,
    rules: dict[str, Rule] | None = None,
) -> Report:
    return Report(
        findings=sorted(findings, key=Finding.sort_key),
        rules=RULES if rules is None else rules,
        files=Counter({"dockerfile": 1, "kubernetes": 1} if files is None else files),
        source_line=source_lines(SOURCES if sources is None else sources),
        tool_name="lintkit",
        tool_version="0.1.0",
    )


def render(report: Report, format_name: str, *, color: bool = False) -> str:
    stream = io.StringIO()
    get_reporter(format_name)(report, stream, color=color)
    return stream.getvalue()


CURL_FIX = Fix(
    description="Pin curl to the installed version",
    edits=(Edit(Span(3, 24, 3, 28), "curl=7.88.1-10"),),
)


def sample_findings() -> list[Finding]:
    """A warning with a fix, a second warning, and an error in another file."""
    return [
        finding(
            APT_PIN,
            "app/Dockerfile",
            Span(3, 5, 3, 28),
            "Pin versions in apt-get install (curl)",
            fix=CURL_FIX,
        ),
        finding(
            APT_PIN, "app/Dockerfile", Span(4, 5, 4, 27), "Pin versions in apt-get install (git)"
        ),
        finding(
            LATEST_TAG,
            "k8s/deploy.yaml",
            Span(7, 18, 7, 30),
            "Image nginx:latest uses the latest tag",
        ),
    ]


def sample_report() -> Report:
    return make_report(sample_findings())
