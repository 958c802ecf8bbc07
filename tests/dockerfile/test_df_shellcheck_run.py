"""DF084 shellcheck-run: ShellCheck batched over the RUNs of every Dockerfile of a run, each
finding mapped back to its own file and token."""

import json

import pytest
from click.testing import CliRunner

from lintkit import shellcheck
from lintkit.cli import main

pytestmark = pytest.mark.skipif(shellcheck.find_shellcheck() is None, reason="shellcheck is not installed")


def lint(tmp_path, files, *options):
    for name, text in files.items():
        (tmp_path / name).write_text(text)
    paths = [str(tmp_path / name) for name in files]
    out = CliRunner().invoke(main, ["check", "--isolated", "--select", "DF084", "--format", "json", *options, *paths])
    return [(f["path"].rsplit("/", 1)[-1], f["line"], f["column"], f["end_column"], f["aliases"]) for f in json.loads(out.stdout)["findings"]]


def test_findings_land_on_the_token_across_continuation_lines(tmp_path):
    found = lint(tmp_path, {"Dockerfile": "FROM debian:12\nRUN apt-get update && \\\n    touch `date`\n"})
    assert found == [("Dockerfile", 3, 11, 17, ["SC2046"]), ("Dockerfile", 3, 11, 17, ["SC2006"])]


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_one_batch_maps_each_finding_to_its_file_and_instruction(tmp_path, jobs):
    files = {
        "a.Dockerfile": "FROM debian:12\nRUN echo ok\nRUN cp $A /x\n",
        "b.Dockerfile": "FROM debian:12\nRUN echo ok\nRUN cd /tmp\n",
        "c.Dockerfile": "FROM debian:12\nCOPY . /app\n",
    }
    assert lint(tmp_path, files, "--jobs", jobs) == [
        ("a.Dockerfile", 3, 8, 10, ["SC2086"]),
        ("b.Dockerfile", 3, 5, 12, ["SC2164"]),
    ]


def test_bash_shell_instruction_checks_as_bash(tmp_path):
    text = 'FROM debian:12\nRUN [[ -f x ]] && echo sh\nSHELL ["/bin/bash", "-c"]\nRUN [[ -f x ]] && echo bash\n'
    assert [f[1:] for f in lint(tmp_path, {"Dockerfile": text})] == [(2, 5, 15, ["SC3010"])]


def test_no_run_starts_no_process(monkeypatch):
    import subprocess

    monkeypatch.setattr(subprocess, "Popen", None)  # would fail if called (imported lazily)
    assert list(shellcheck.check_scripts([], ())) == []


def test_missing_binary_says_so_once(monkeypatch, capsys):
    monkeypatch.setattr(shellcheck, "find_shellcheck", lambda: None)
    monkeypatch.setattr(shellcheck, "_missing_reported", False)
    assert list(shellcheck.check_scripts([("echo $a", "sh")], ())) == []
    assert list(shellcheck.check_scripts([("echo $b", "sh")], ())) == []
    assert capsys.readouterr().err.count("shellcheck not found") == 1
