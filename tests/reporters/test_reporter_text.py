"""The text format: exact output for findings, carets, colour and the summary."""

from __future__ import annotations

from lintkit.model import Severity, Span

from .support import (
    APT_PIN,
    LATEST_TAG,
    UNPINNED_ACTION,
    finding,
    make_report,
    render,
    sample_report,
)

DOCKERFILE = "app/Dockerfile"


def _render_one(line_text: str, span: Span, *, color: bool = False) -> str:
    """The text output of one DF008 finding on ``line_text`` (as line 1 of the file)."""
    report = make_report(
        [finding(APT_PIN, DOCKERFILE, span, "msg")],
        sources={DOCKERFILE: line_text + "\n"},
        files={"dockerfile": 1},
    )
    return render(report, "text", color=color)


def _quoted(output: str) -> list[str]:
    """The quoted source line and the caret line of a one-finding output."""
    return output.split("\n")[1:3]


def test_findings_with_source_line_caret_and_summary():
    assert render(sample_report(), "text") == (
        "app/Dockerfile:3:5: DF008 [warning] Pin versions in apt-get install (curl)"
        " (apt-pin-versions)\n"
        "  3 | RUN apt-get install -y curl\n"
        "    |     ^~~~~~~~~~~~~~~~~~~~~~~\n"
        "\n"
        "app/Dockerfile:4:5: DF008 [warning] Pin versions in apt-get install (git)"
        " (apt-pin-versions)\n"
        "  4 | RUN apt-get install -y git\n"
        "    |     ^~~~~~~~~~~~~~~~~~~~~~\n"
        "\n"
        "k8s/deploy.yaml:7:18: K8001 [error] Image nginx:latest uses the latest tag (latest-tag)\n"
        "  7 |         - image: nginx:latest\n"
        "    |                  ^~~~~~~~~~~~\n"
        "\n"
        "Found 3 findings in 2 files: 1 error, 2 warnings.\n"
    )


def test_a_clean_run_prints_only_the_summary():
    assert render(make_report([], files={"compose": 3}), "text") == "No findings in 3 files.\n"


def test_summary_counts_are_singular_or_plural_and_ordered_by_severity():
    findings = [
        finding(UNPINNED_ACTION, ".github/workflows/ci.yml", Span.point(1), "a"),
        finding(UNPINNED_ACTION, ".github/workflows/ci.yml", Span.point(2), "b"),
        finding(APT_PIN, DOCKERFILE, Span.point(1), "c", severity=Severity.STYLE),
        finding(LATEST_TAG, "k.yaml", Span.point(1), "d"),
    ]
    output = render(make_report(findings, sources={}, files={"github-actions": 1}), "text")
    assert output.endswith("Found 4 findings in 1 file: 1 error, 2 info, 1 style.\n")


def test_without_the_source_line_only_the_header_is_printed():
    report = make_report([finding(APT_PIN, "gone/Dockerfile", Span(2, 1, 2, 4), "msg")], sources={})
    assert render(report, "text") == (
        "gone/Dockerfile:2:1: DF008 [warning] msg (apt-pin-versions)\n\n"
        "Found 1 finding in 2 files: 1 warning.\n"
    )


def test_color_wraps_location_id_severity_caret_and_summary_in_ansi_codes():
    output = _render_one("RUN x", Span(1, 5, 1, 6), color=True)
    assert output == (
        "\x1b[1mapp/Dockerfile:1:5:\x1b[0m \x1b[1m\x1b[33mDF008\x1b[0m \x1b[33m[warning]\x1b[0m"
        " msg \x1b[2m(apt-pin-versions)\x1b[0m\n"
        "  \x1b[34m1 |\x1b[0m RUN x\n"
        "  \x1b[34m  |\x1b[0m     \x1b[1m\x1b[33m^\x1b[0m\n"
        "\n"
        "\x1b[1mFound 1 finding in 1 file: 1 warning.\x1b[0m\n"
    )


def test_a_clean_summary_is_green_in_color():
    output = render(make_report([], files={"dockerfile": 1}), "text", color=True)
    assert output == "\x1b[1m\x1b[32mNo findings in 1 file.\x1b[0m\n"


def test_no_escape_codes_without_color():
    assert "\x1b" not in render(sample_report(), "text", color=False)


def test_a_span_over_several_lines_is_underlined_to_the_end_of_its_first_line():
    assert _quoted(_render_one("RUN a && \\", Span(1, 5, 3, 2))) == [
        "  1 | RUN a && \\",
        "    |     ^~~~~~",
    ]


def test_an_empty_span_and_a_span_past_the_end_get_one_caret():
    assert _quoted(_render_one("RUN x", Span(1, 3, 1, 3)))[1] == "    |   ^"
    # A "missing newline at end of file" finding sits just after the last character.
    assert _quoted(_render_one("RUN x", Span(1, 6, 1, 7)))[1] == "    |      ^"
    assert _quoted(_render_one("RUN x", Span(1, 40, 1, 44)))[1] == "    |      ^"


def test_an_empty_source_line_leaves_no_trailing_space():
    assert _quoted(_render_one("", Span(1, 1, 1, 1))) == ["  1 |", "    | ^"]


def test_tabs_are_expanded_and_the_caret_follows_them():
    assert _quoted(_render_one("RUN\tapt-get\tinstall", Span(1, 13, 1, 20))) == [
        "  1 | RUN apt-get install",
        "    |             ^~~~~~~",
    ]


def test_wide_characters_take_two_columns_under_the_caret():
    assert _quoted(_render_one("LABEL 名前=x", Span(1, 7, 1, 9))) == [
        "  1 | LABEL 名前=x",
        "    |       ^~~~",
    ]


def test_a_long_line_is_cropped_around_the_span():
    line = "x" * 200 + "BAD" + "y" * 200
    quoted, carets = _quoted(_render_one(line, Span(1, 201, 1, 204)))
    text = quoted.removeprefix("  1 | ")
    assert text == "…" + "x" * 30 + "BAD" + "y" * 87 + "…"
    assert carets == "    | " + " " * 31 + "^~~"


def test_a_long_line_keeps_its_start_when_the_span_is_near_it():
    line = "BAD" + "y" * 200
    quoted, carets = _quoted(_render_one(line, Span(1, 1, 1, 4)))
    assert quoted == "  1 | BAD" + "y" * 117 + "…"
    assert carets == "    | ^~~"


def test_control_characters_from_the_file_never_reach_the_terminal():
    report = make_report(
        [finding(APT_PIN, "evil\x1b[2J/Dockerfile", Span(1, 1, 1, 2), "bad \x1b]0;x\x07 name")],
        sources={"evil\x1b[2J/Dockerfile": "RUN \x1b[31mred\n"},
    )
    output = render(report, "text")
    assert "\x1b" not in output and "\x07" not in output
    assert output.startswith(
        "evil\ufffd[2J/Dockerfile:1:1: DF008 [warning] bad \ufffd]0;x\ufffd name"
    )
    assert "  1 | RUN \ufffd[31mred\n" in output
