"""Baselines: --write-baseline records every finding, --baseline (or config baseline:)
reports only the others; fingerprints survive edits elsewhere in the file."""

from __future__ import annotations

import json

from click.testing import CliRunner

from lintkit.cli import main


def check(*args: str, cwd=None):
    return CliRunner().invoke(main, ["check", "--isolated", *args])


def write_baseline(tmp_path, *paths: str, select="ALL"):
    baseline = tmp_path / "baseline.json"
    result = check("--select", select, "--write-baseline", str(baseline), *paths)
    assert result.exit_code == 0, result.output
    return baseline


def new_findings(baseline, *paths: str, select="ALL", output_format="json"):
    result = check("--select", select, "--baseline", str(baseline), "--format", output_format, *paths)
    return result


def rules_of(result) -> list[tuple[str, int]]:
    start = result.output.index("{")
    report = json.loads(result.output[start : result.output.rindex("}") + 1])
    return [(f["rule"], f["line"]) for f in report["findings"]]


DOCKERFILE = """\
FROM debian:12
RUN apt-get update && apt-get install -y curl
USER app
"""

MANIFESTS = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:latest
---
apiVersion: v1
kind: Pod
metadata:
  name: api
spec:
  containers:
    - name: api
      image: api:latest
"""

PLAYBOOK = """\
- name: Web
  hosts: all
  tasks:
    - name: Install nginx
      apt:
        name: nginx
        state: latest
    - name: Start nginx
      service:
        name: nginx
        state: started
"""


def test_write_baseline_exits_0_and_baseline_hides_everything(tmp_path):
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    assert check("--select", "ALL", str(tmp_path)).exit_code == 1
    baseline = write_baseline(tmp_path, str(tmp_path))
    result = new_findings(baseline, str(tmp_path), output_format="text")
    assert result.exit_code == 0, result.output
    assert "No findings in 1 file." in result.output


def test_lines_inserted_above_keep_findings_baselined(tmp_path):
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(DOCKERFILE)
    baseline = write_baseline(tmp_path, str(tmp_path))
    dockerfile.write_text("# syntax=docker/dockerfile:1\n\n# the image\n" + DOCKERFILE)
    assert new_findings(baseline, str(tmp_path)).exit_code == 0


def test_lines_removed_above_keep_findings_baselined(tmp_path):
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text("# comment\n\n" + DOCKERFILE)
    baseline = write_baseline(tmp_path, str(tmp_path))
    dockerfile.write_text(DOCKERFILE)
    assert new_findings(baseline, str(tmp_path)).exit_code == 0


def test_another_finding_fixed_keeps_the_rest_baselined_and_counts_the_fixed_entry(tmp_path):
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(DOCKERFILE.replace("debian:12", "debian"))
    baseline = write_baseline(tmp_path, str(tmp_path), select="DF001,DF003")
    dockerfile.write_text(DOCKERFILE.replace("debian:12", "debian:12.8"))  # a major version alone floats
    result = check("--select", "DF001,DF003", "--baseline", str(baseline), str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "1 baseline entry is fixed; rewrite the baseline to drop it" in result.output


def test_an_option_added_to_the_same_instruction_keeps_its_other_findings(tmp_path):
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(DOCKERFILE.replace(" -y", ""))
    baseline = write_baseline(tmp_path, str(tmp_path), select="DF003,DF007")
    dockerfile.write_text(DOCKERFILE)
    result = check("--select", "DF003,DF007", "--baseline", str(baseline), str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "1 baseline entry is fixed" in result.output


def test_the_summary_counts_fixed_entries(tmp_path):
    manifest = tmp_path / "pods.yaml"
    manifest.write_text(MANIFESTS)
    baseline = write_baseline(tmp_path, str(tmp_path))
    manifest.write_text(MANIFESTS.replace("nginx:latest", "nginx:1.27.2").replace("api:latest", "api:1.0.0"))
    result = check("--select", "ALL", "--baseline", str(baseline), str(tmp_path))
    fixed = json.loads(baseline.read_text())["entries"]
    gone = sum(e["count"] for e in fixed if "latest" in e["message"])
    assert gone >= 2
    assert f"{gone} baseline entries are fixed; rewrite the baseline to drop them" in result.output


def test_kubernetes_documents_reordered_keep_findings_baselined(tmp_path):
    manifest = tmp_path / "pods.yaml"
    manifest.write_text(MANIFESTS)
    baseline = write_baseline(tmp_path, str(tmp_path))
    first, second = MANIFESTS.split("---\n")
    manifest.write_text(second + "---\n" + first)
    result = new_findings(baseline, str(tmp_path))
    assert result.exit_code == 0, result.output


def test_tasks_moved_within_a_play_keep_findings_baselined(tmp_path):
    playbook = tmp_path / "playbook.yml"
    playbook.write_text(PLAYBOOK)
    baseline = write_baseline(tmp_path, str(tmp_path))
    head, first, second = PLAYBOOK.split("    - name: ")
    playbook.write_text(head + "    - name: " + second + "    - name: " + first)
    result = new_findings(baseline, str(tmp_path))
    assert result.exit_code == 0, result.output


def test_fixes_of_a_task_keep_its_other_findings_baselined(tmp_path):
    playbook = tmp_path / "playbook.yml"
    playbook.write_text(PLAYBOOK.replace("Install nginx", "install nginx"))
    baseline = write_baseline(tmp_path, str(tmp_path))
    result = check("--select", "ALL", "--baseline", str(baseline), "--fix", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert "ansible.builtin.apt:" in playbook.read_text() and "- name: Install nginx" in playbook.read_text()
    assert "baseline entries are fixed" in result.output


def test_a_second_identical_problem_is_new(tmp_path):
    compose = tmp_path / "docker-compose.yml"
    compose.write_text("services:\n  web:\n    image: nginx:latest\n")
    baseline = write_baseline(tmp_path, str(tmp_path), select="DC001")
    compose.write_text("services:\n  web:\n    image: nginx:latest\n  web2:\n    image: nginx:latest\n")
    result = new_findings(baseline, str(tmp_path), select="DC001")
    assert result.exit_code == 1
    assert rules_of(result) == [("DC001", 5)]


def test_identical_problems_are_one_entry_with_a_count(tmp_path):
    (tmp_path / "Dockerfile").write_text("FROM debian:12\nRUN apt install -y curl\nRUN apt install -y curl\n")
    baseline = write_baseline(tmp_path, str(tmp_path), select="DF009")
    entries = json.loads(baseline.read_text())["entries"]
    assert [(e["rule"], e["count"]) for e in entries] == [("DF009", 2)]


def test_a_changed_offending_line_is_new(tmp_path):
    dockerfile = tmp_path / "Dockerfile"
    dockerfile.write_text(DOCKERFILE)
    baseline = write_baseline(tmp_path, str(tmp_path), select="DF003")
    dockerfile.write_text(DOCKERFILE.replace("curl", "wget"))
    result = new_findings(baseline, str(tmp_path), select="DF003")
    assert result.exit_code == 1
    assert "1 baseline entry is fixed" in result.output


def test_the_file_is_deterministic_sorted_and_versioned(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "a").mkdir()
    (tmp_path / "b" / "Dockerfile").write_text(DOCKERFILE)
    (tmp_path / "a" / "docker-compose.yml").write_text("version: '3'\nservices:\n  web:\n    image: nginx:latest\n")
    baseline = write_baseline(tmp_path, str(tmp_path))
    first = baseline.read_text()
    write_baseline(tmp_path, str(tmp_path / "b"), str(tmp_path / "a"))
    assert baseline.read_text() == first
    data = json.loads(first)
    assert data["lintkit-baseline"] == 1
    keys = [(e["path"], e["rule"], e["fingerprint"]) for e in data["entries"]]
    assert keys == sorted(keys)
    assert {e["path"] for e in data["entries"]} == {"a/docker-compose.yml", "b/Dockerfile"}
    assert first.endswith("}\n") and '\n  "entries": [\n' in first
    assert list(data["entries"][0]) == ["path", "rule", "name", "fingerprint", "count", "message"]


def test_secret_values_never_reach_the_file(tmp_path):
    secret = "hunter2-Sup3rSecret-value"
    (tmp_path / "Dockerfile").write_text(f"FROM debian:12\nENV DB_PASSWORD={secret}\nENV API_TOKEN {secret}\n")
    baseline = write_baseline(tmp_path, str(tmp_path))
    text = baseline.read_text()
    assert '"DF069"' in text or '"DF073"' in text
    assert secret not in text


def test_baseline_from_config_relative_to_it(tmp_path):
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    (tmp_path / "ci").mkdir()
    result = CliRunner().invoke(main, ["check", "--select", "DF003", "--write-baseline", str(tmp_path / "ci" / "b.json"), str(tmp_path)])
    assert result.exit_code == 0
    (tmp_path / ".lintkit.yaml").write_text("baseline: ci/b.json\nselect: [DF003]\n")
    assert CliRunner().invoke(main, ["check", str(tmp_path)]).exit_code == 0
    assert CliRunner().invoke(main, ["check", "--isolated", "--select", "DF003", str(tmp_path)]).exit_code == 1


def test_every_output_format_reports_only_new_findings(tmp_path):
    compose = tmp_path / "docker-compose.yml"
    compose.write_text("services:\n  web:\n    image: nginx:latest\n")
    baseline = write_baseline(tmp_path, str(tmp_path), select="DC001,DC002")
    compose.write_text("version: '3'\nservices:\n  web:\n    image: nginx:latest\n")
    for output_format in ("text", "json", "sarif", "gitlab", "junit", "github"):
        result = new_findings(baseline, str(tmp_path), select="DC001,DC002", output_format=output_format)
        assert result.exit_code == 1, output_format
        if output_format == "sarif":  # which also describes every rule of the run
            results = json.loads(result.output)["runs"][0]["results"]
            assert [r["ruleId"] for r in results] == ["DC002"]
        else:
            assert "DC002" in result.output and "DC001" not in result.output, output_format


def test_baseline_with_fix(tmp_path):
    compose = tmp_path / "docker-compose.yml"
    compose.write_text("services:\n  web:\n    image: nginx:latest\n")
    baseline = write_baseline(tmp_path, str(tmp_path), select="DC001,DC002")
    compose.write_text("version: '3'\nservices:\n  web:\n    image: nginx:latest\n")
    result = check("--select", "DC001,DC002", "--baseline", str(baseline), "--fix", str(tmp_path))
    assert result.exit_code == 0, result.output
    assert compose.read_text() == "services:\n  web:\n    image: nginx:latest\n"


def test_only_linted_files_and_selected_rules_count_as_fixed(tmp_path):
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "Dockerfile").write_text(DOCKERFILE)
    (tmp_path / "b" / "Dockerfile").write_text(DOCKERFILE)
    baseline = write_baseline(tmp_path, str(tmp_path), select="DF001,DF003")
    result = check("--select", "DF003", "--baseline", str(baseline), str(tmp_path / "a"))
    assert result.exit_code == 0
    assert "baseline entr" not in result.output


def test_a_bad_baseline_is_a_usage_error(tmp_path):
    (tmp_path / "Dockerfile").write_text(DOCKERFILE)
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2]")
    result = check("--baseline", str(bad), str(tmp_path))
    assert result.exit_code == 2 and "not a lintkit baseline" in result.output
    bad.write_text("{")
    result = check("--baseline", str(bad), str(tmp_path))
    assert result.exit_code == 2 and "is not JSON" in result.output
    result = check("--baseline", str(tmp_path / "missing.json"), str(tmp_path))
    assert result.exit_code == 2 and "cannot read baseline" in result.output
