"""Output options of `lintkit check`: --output-format, --statistics, --quiet, --exit-zero,
--report FORMAT=FILE (and their config keys), and the progress line."""

import io
import json
import xml.etree.ElementTree as ET

import pytest

from lintkit.output import Progress, parse_report_specs
from lintkit.registry import UsageError

from test_cli import files, run

DOCKERFILE = "FROM debian:12\nRUN apt-get install -y curl\n"
CLEAN_COMPOSE = "services:\n  web:\n    image: nginx:1.27.2\n"


def _tree(tmp_path):
    return files(tmp_path, Dockerfile=DOCKERFILE, **{"docker-compose.yml": CLEAN_COMPOSE})


def test_concise_prints_one_line_per_finding_and_the_summary(tmp_path):
    result = run(["check", "--isolated", "--output-format", "concise", "Dockerfile"], _tree(tmp_path))
    lines = result.stdout.splitlines()
    assert "Dockerfile:2:24: DF003 [warning] Pin versions in apt-get install (curl) (apt-pin-versions)" in lines
    assert not any(line.lstrip().startswith(("2 |", "|")) for line in lines)  # no quoted source
    assert lines[-1].startswith("Found ") and lines[-2] == ""
    assert result.exit_code == 1


def test_full_is_the_default_and_quotes_the_source_line(tmp_path):
    result = run(["check", "--isolated", "Dockerfile"], _tree(tmp_path))
    assert "  2 | RUN apt-get install -y curl\n    |                        ^~~~\n" in result.stdout


def test_config_sets_the_output_format_and_the_option_overrides_it(tmp_path):
    _tree(tmp_path)
    (tmp_path / ".lintkit.yaml").write_text("output-format: concise\n")
    concise = run(["check", "Dockerfile"], tmp_path).stdout
    assert " | " not in concise and "DF003" in concise
    full = run(["check", "--output-format", "full", "Dockerfile"], tmp_path).stdout
    assert "  2 | RUN apt-get install -y curl" in full


def test_quiet_prints_findings_only(tmp_path):
    result = run(["check", "--isolated", "-q", "--output-format", "concise", "Dockerfile"], _tree(tmp_path))
    assert result.stdout.splitlines()[-1].startswith("Dockerfile:")
    assert "Found" not in result.stdout
    clean = run(["check", "--isolated", "-q", "docker-compose.yml"], tmp_path)
    assert clean.stdout == "" and clean.exit_code == 0


def test_exit_zero_exits_0_with_findings_but_not_on_usage_errors(tmp_path):
    _tree(tmp_path)
    assert run(["check", "--isolated", "--exit-zero", "Dockerfile"], tmp_path).exit_code == 0
    assert run(["check", "--isolated", "--exit-zero", "--select", "NOPE1", "Dockerfile"], tmp_path).exit_code == 2


def test_statistics_counts_per_rule_sorted_by_count_then_id(tmp_path):
    # One apt-pin-versions finding per instruction, one --no-install-recommends for the first.
    files(tmp_path, Dockerfile="FROM debian:12\nRUN apt-get install -y curl\n"
                               "RUN apt-get install -y --no-install-recommends git\n")
    result = run(["check", "--isolated", "--select", "DF003,DF006", "--statistics", "Dockerfile"], tmp_path)
    assert result.stdout.splitlines() == [
        "2  DF003  [warning]  apt-pin-versions",
        "1  DF006  [info]     apt-no-install-recommends  (1 fixable)",
    ]
    assert result.exit_code == 1
    rows = json.loads(run(["check", "--isolated", "--select", "DF003,DF006", "--statistics", "--format", "json",
                           "Dockerfile"], tmp_path).stdout)
    assert rows[0] == {"id": "DF003", "name": "apt-pin-versions", "severity": "warning", "count": 2,
                       "fixable": 0, "suppressed": 0, "justifications": []}
    assert [row["id"] for row in rows] == ["DF003", "DF006"]


def test_statistics_show_suppressed_findings_with_their_reasons(tmp_path):
    files(tmp_path, Dockerfile="FROM debian:12\n# lintkit: ignore=DF003 -- pinned by the snapshot mirror\n"
                               "RUN apt-get install -y curl\n")
    result = run(["check", "--isolated", "--select", "DF003", "--statistics", "Dockerfile"], tmp_path)
    assert result.stdout == "0  DF003  [warning]  apt-pin-versions  (1 suppressed: pinned by the snapshot mirror)\n"
    assert result.exit_code == 0


def test_statistics_only_in_text_or_json(tmp_path):
    result = run(["check", "--isolated", "--statistics", "--format", "sarif", "Dockerfile"], _tree(tmp_path))
    assert result.exit_code == 2 and "--statistics" in result.stderr


def test_several_reports_in_one_run_beside_the_text_on_stdout(tmp_path):
    _tree(tmp_path)
    result = run(["check", "--isolated", "--output-format", "concise", "--report", "sarif=out/lintkit.sarif",
                  "--report", "gitlab=gl-code-quality.json", "."], tmp_path)
    assert result.exit_code == 1
    assert "Dockerfile:2:24: DF003" in result.stdout and "Found " in result.stdout
    sarif = json.loads((tmp_path / "out/lintkit.sarif").read_text())  # its folder is created
    assert "DF003" in {result["ruleId"] for result in sarif["runs"][0]["results"]}
    assert "DF003" in {issue["check_name"] for issue in json.loads((tmp_path / "gl-code-quality.json").read_text())}


def test_a_report_that_cannot_be_written_is_a_usage_error(tmp_path):
    _tree(tmp_path)
    (tmp_path / "taken").write_text("")
    result = run(["check", "--isolated", "--report", "sarif=taken/x.sarif", "Dockerfile"], tmp_path)
    assert result.exit_code == 2 and "cannot write report taken/x.sarif" in result.stderr


def test_reports_are_written_where_asked(tmp_path):
    _tree(tmp_path)
    result = run(["check", "--isolated", "--report", "sarif=lintkit.sarif", "--report", "gitlab=gl.json",
                  "--report", "junit=junit.xml", "--format", "json", "."], tmp_path)
    assert result.exit_code == 1
    stdout = json.loads(result.stdout)
    sarif = json.loads((tmp_path / "lintkit.sarif").read_text())
    gitlab = json.loads((tmp_path / "gl.json").read_text())
    assert len(sarif["runs"][0]["results"]) == len(gitlab) == len(stdout["findings"])
    suites = ET.parse(tmp_path / "junit.xml").getroot()
    assert {suite.get("name") for suite in suites} == {"Dockerfile", "docker-compose.yml"}


def test_config_lists_reports_relative_to_the_config_file(tmp_path):
    _tree(tmp_path)
    (tmp_path / "sub").mkdir()
    (tmp_path / ".lintkit.yaml").write_text("reports:\n  - gitlab=gl-code-quality.json\n")
    result = run(["check", "../Dockerfile"], tmp_path / "sub")
    assert result.exit_code == 1
    assert json.loads((tmp_path / "gl-code-quality.json").read_text())[0]["check_name"]


@pytest.mark.parametrize(
    ("specs", "message"),
    [
        (["sarif"], "is not FORMAT=FILE"),
        (["=x.sarif"], "is not FORMAT=FILE"),
        (["sarif="], "is not FORMAT=FILE"),
        (["sariff=x"], "unknown format 'sariff'"),
        (["sarif=x", "json=x"], "two reports would be written to 'x'"),
    ],
)
def test_bad_report_specs_are_usage_errors(specs, message):
    with pytest.raises(UsageError, match=message):
        parse_report_specs(specs, {"sarif": "", "json": ""}, "--report")


def test_bad_report_option_exits_2(tmp_path):
    result = run(["check", "--isolated", "--report", "sarif", "Dockerfile"], _tree(tmp_path))
    assert result.exit_code == 2 and "FORMAT=FILE" in result.stderr


class _Terminal(io.StringIO):
    def isatty(self):
        return True


def test_progress_shows_files_done_of_total_on_a_terminal_after_the_delay(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    stream = _Terminal()
    progress = Progress(10, stream, delay=0.0, interval=0.0)
    progress(3)
    progress.close()
    assert stream.getvalue() == "\r\x1b[Klintkit: 3/10 files\r\x1b[K"


def test_progress_waits_for_the_delay(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    stream = _Terminal()
    progress = Progress(10, stream, delay=3600.0)
    progress(3)
    progress.close()
    assert stream.getvalue() == ""


@pytest.mark.parametrize("ci", ["true", "1"])
def test_progress_never_shows_in_ci(monkeypatch, ci):
    monkeypatch.setenv("CI", ci)
    stream = _Terminal()
    progress = Progress(10, stream, delay=0.0, interval=0.0)
    progress(3)
    assert stream.getvalue() == ""


def test_progress_never_shows_when_stderr_is_not_a_terminal(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    stream = io.StringIO()
    progress = Progress(10, stream, delay=0.0, interval=0.0)
    progress(3)
    assert stream.getvalue() == ""


def test_the_engine_reports_progress_as_files_are_linted(tmp_path):
    from lintkit import engine
    from lintkit.discover import discover
    from lintkit.registry import Selection

    for index in range(4):
        (tmp_path / f"Dockerfile.{index}").write_text("FROM debian:12\n")
    seen = []
    targets = discover([str(tmp_path)]).targets
    engine.run(targets, engine.RunOptions(Selection(None, []), jobs=1, progress=seen.append))
    assert seen == [1, 2, 3, 4]
