"""The GitHub Actions format: workflow commands and their escaping."""

from __future__ import annotations

from lintkit.model import Severity, Span

from .support import APT_PIN, finding, make_report, render, sample_report


def _render_one(path: str, span: Span, message: str, **kwargs) -> str:
    """The workflow command of one DF008 finding."""
    report = make_report([finding(APT_PIN, path, span, message, **kwargs)], sources={})
    return render(report, "github").split("\n")[0]


def test_one_command_per_finding_on_stdout_and_the_summary_on_stderr(capsys):
    assert render(sample_report(), "github") == (
        "::warning file=app/Dockerfile,line=3,col=5,endLine=3,endColumn=28,"
        "title=DF008 apt-pin-versions::Pin versions in apt-get install (curl)\n"
        "::warning file=app/Dockerfile,line=4,col=5,endLine=4,endColumn=27,"
        "title=DF008 apt-pin-versions::Pin versions in apt-get install (git)\n"
        "::error file=k8s/deploy.yaml,line=7,col=18,endLine=7,endColumn=30,"
        "title=K8001 latest-tag::Image nginx:latest uses the latest tag\n"
    )
    assert capsys.readouterr().err == "Found 3 findings in 2 files: 1 error, 2 warnings.\n"


def test_a_clean_run_prints_nothing_on_stdout_and_the_summary_on_stderr(capsys):
    assert render(make_report([], files={"github-actions": 2}), "github") == ""
    assert capsys.readouterr().err == "No findings in 2 files.\n"


def test_info_and_style_are_notices():
    for severity in (Severity.INFO, Severity.STYLE):
        command = _render_one("Dockerfile", Span(1, 1, 1, 4), "m", severity=severity)
        assert command.startswith("::notice file=Dockerfile,")


def test_a_span_over_several_lines_has_no_columns():
    assert _render_one("Dockerfile", Span(2, 5, 4, 3), "m") == (
        "::warning file=Dockerfile,line=2,endLine=4,title=DF008 apt-pin-versions::m"
    )


def test_the_message_escapes_percent_and_line_breaks():
    command = _render_one("Dockerfile", Span(1, 1, 1, 2), "100% sure\r\nnext: a, b")
    assert command.endswith("::100%25 sure%0D%0Anext: a, b")


def test_properties_also_escape_colon_and_comma():
    command = _render_one("odd,name: 50%/Dockerfile", Span(1, 1, 1, 2), "m")
    assert command.startswith("::warning file=odd%2Cname%3A 50%25/Dockerfile,line=1,")


def test_paths_are_normalised_relative_paths():
    command = _render_one("./app//Dockerfile", Span(1, 1, 1, 2), "m")
    assert command.startswith("::warning file=app/Dockerfile,line=1,")
