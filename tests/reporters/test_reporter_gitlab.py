"""The GitLab Code Quality format and its fingerprints."""

from __future__ import annotations

import json
import re

from lintkit.model import Severity, Span

from .support import APT_PIN, LATEST_TAG, finding, make_report, render, sample_report

COMPOSE = "docker-compose.yml"


def _issues(report=None) -> list[dict]:
    return json.loads(render(report or sample_report(), "gitlab"))


def _fingerprints(report) -> list[str]:
    return [issue["fingerprint"] for issue in _issues(report)]


def test_each_finding_is_a_code_quality_issue():
    issues = _issues()
    assert len(issues) == 3
    fingerprint = issues[2].pop("fingerprint")
    assert issues[2] == {
        "description": "K8001: Image nginx:latest uses the latest tag",
        "check_name": "K8001",
        "severity": "critical",
        "location": {"path": "k8s/deploy.yaml", "lines": {"begin": 7, "end": 7}},
    }
    assert re.fullmatch("[0-9a-f]{32}", fingerprint)


def test_a_clean_run_is_an_empty_array():
    assert render(make_report([]), "gitlab") == "[]\n"


def test_severities_map_to_distinct_gitlab_severities():
    findings = [
        finding(APT_PIN, "Dockerfile", Span.point(line), "m", severity=severity)
        for line, severity in enumerate(Severity, start=1)
    ]
    assert [issue["severity"] for issue in _issues(make_report(findings, sources={}))] == [
        "critical",
        "major",
        "minor",
        "info",
    ]


def test_paths_are_normalised_relative_paths():
    report = make_report([finding(APT_PIN, "./app/../app/Dockerfile", Span.point(1), "m")])
    assert _issues(report)[0]["location"]["path"] == "app/Dockerfile"


def test_fingerprints_are_unique_and_stable_across_runs():
    first = _fingerprints(sample_report())
    assert len(set(first)) == len(first)
    assert _fingerprints(sample_report()) == first


def _compose_report(text: str, lines: list[int]):
    findings = [
        finding(LATEST_TAG, COMPOSE, Span(line, 12, line, 24), "latest tag") for line in lines
    ]
    return make_report(findings, sources={COMPOSE: text})


TWO_SERVICES = "services:\n  web:\n    image: nginx:latest\n  api:\n    image: redis:latest\n"


def test_fingerprints_survive_lines_moving_and_reindentation():
    before = _fingerprints(_compose_report(TWO_SERVICES, [3, 5]))
    moved = "# a comment\nservices:\n  # another\n" + TWO_SERVICES.removeprefix("services:\n")
    reindented = moved.replace("  ", "    ")
    assert _fingerprints(_compose_report(moved, [5, 7])) == before
    assert _fingerprints(_compose_report(reindented, [5, 7])) == before


def test_identical_lines_get_distinct_fingerprints():
    text = "services:\n  a:\n    image: nginx:latest\n  b:\n    image: nginx:latest\n"
    first, second = _fingerprints(_compose_report(text, [3, 5]))
    assert first != second


def test_fingerprints_depend_on_the_rule_the_file_and_the_line_text():
    base = _fingerprints(_compose_report(TWO_SERVICES, [3]))[0]
    other_text = TWO_SERVICES.replace("nginx", "httpd")
    assert _fingerprints(_compose_report(other_text, [3]))[0] != base
    other_file = make_report(
        [finding(LATEST_TAG, "compose.yaml", Span(3, 12, 3, 24), "latest tag")],
        sources={"compose.yaml": TWO_SERVICES},
    )
    assert _fingerprints(other_file)[0] != base
    other_rule = make_report(
        [finding(APT_PIN, COMPOSE, Span(3, 12, 3, 24), "latest tag")],
        sources={COMPOSE: TWO_SERVICES},
    )
    assert _fingerprints(other_rule)[0] != base


def test_without_the_source_the_line_number_keeps_fingerprints_unique():
    findings = [finding(APT_PIN, "gone/Dockerfile", Span.point(line), "m") for line in (1, 2)]
    first, second = _fingerprints(make_report(findings, sources={}))
    assert first != second
