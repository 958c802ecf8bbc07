"""The ``lintkit`` program as a process: exit codes and complete output, although it ends
without the interpreter's teardown (``cli.run_and_exit``)."""

from __future__ import annotations

import json
import subprocess
import sys

POD = "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      image: nginx:latest\n"


def lintkit(*args, cwd, stdin=None):
    return subprocess.run(
        [sys.executable, "-c", "from lintkit.cli import run_and_exit; run_and_exit()", *args],
        cwd=cwd, input=stdin, capture_output=True, text=True, check=False,
    )  # fmt: skip


def test_exit_codes_and_complete_output(tmp_path):
    (tmp_path / "pods").mkdir()
    for index in range(300):  # more output than a pipe buffer holds
        (tmp_path / "pods" / f"pod-{index}.yaml").write_text(POD)
    (tmp_path / "docker-compose.yml").write_text("services:\n  web:\n    image: nginx:1.27.2\n")

    clean = lintkit("check", "--isolated", "docker-compose.yml", cwd=tmp_path)
    assert (clean.returncode, clean.stderr) == (0, "")
    assert clean.stdout.startswith("No findings in 1 file.")

    found = lintkit("check", "--isolated", "--format", "json", "pods", cwd=tmp_path)
    assert found.returncode == 1
    report = json.loads(found.stdout)
    assert report["summary"]["files"] == 300
    assert {f["path"] for f in report["findings"] if f["rule"] == "K8001"} == {
        f"pods/pod-{index}.yaml" for index in range(300)
    }

    usage = lintkit("check", "--select", "NO-SUCH-RULE", "pods", cwd=tmp_path)
    assert usage.returncode == 2
    assert "unknown rule selector" in usage.stderr


def test_written_report_is_complete(tmp_path):
    (tmp_path / "pod.yaml").write_text(POD)
    done = lintkit("check", "--isolated", "--format", "sarif", "-o", "report.sarif", "pod.yaml", cwd=tmp_path)
    assert done.returncode == 1
    assert json.loads((tmp_path / "report.sarif").read_text())["runs"][0]["results"]


def test_help_and_version_exit_0(tmp_path):
    assert lintkit("--version", cwd=tmp_path).returncode == 0
    shown = lintkit("--help", cwd=tmp_path)
    assert shown.returncode == 0 and "lintkit check" in shown.stdout
