"""Helm charts: one notice per chart instead of an error per template, rendering with
--render-helm (a stand-in `helm` prints pre-rendered output: no helm binary is needed),
and findings on rendered manifests placed in the templates through `# Source:`."""

import json
import os
import stat
import sys

import pytest
from click.testing import CliRunner

from lintkit.cli import main
from lintkit.helm import ChartIndex, locate, sections
from lintkit.model import Span

CHART = "apiVersion: v2\nname: web\nversion: 0.1.0\n"
POD_TEMPLATE = """\
apiVersion: v1
kind: Pod
metadata:
  name: {{ .Release.Name }}
spec:
  containers:
    - name: web
      image: "nginx:{{ .Values.image.tag }}"
"""
STATIC_CONFIGMAP = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: static\ndata:\n  a: b\n"
RENDERED = """\
---
# Source: web/templates/cm.yaml
apiVersion: v1
kind: ConfigMap
metadata:
  name: static
data:
  a: b
---
# Source: web/templates/pod.yaml
apiVersion: v1
kind: Pod
metadata:
  name: release-name
spec:
  containers:
    - name: web
      image: "nginx:latest"
"""


def _chart(root):
    (root / "web/templates").mkdir(parents=True)
    (root / "web/Chart.yaml").write_text(CHART)
    (root / "web/values.yaml").write_text("image:\n  tag: latest\n")
    (root / "web/templates/pod.yaml").write_text(POD_TEMPLATE)
    (root / "web/templates/svc.yaml").write_text(POD_TEMPLATE.replace("kind: Pod", "kind: Service"))
    (root / "web/templates/cm.yaml").write_text(STATIC_CONFIGMAP)
    (root / "web/templates/_helpers.tpl").write_text('{{- define "web.name" -}}web{{- end }}\n')
    return root


def _run(args, cwd, stdin=None, env=None):
    old = os.getcwd()
    os.chdir(cwd)
    try:
        return CliRunner().invoke(main, args, input=stdin, env=env, catch_exceptions=False)
    finally:
        os.chdir(old)


def _findings(result):
    return [(f["path"], f["rule"], f["line"], f["column"], f["message"]) for f in json.loads(result.stdout)["findings"]]


def test_a_chart_gets_one_notice_that_does_not_fail_the_run(tmp_path):
    result = _run(["check", "--isolated", "--format", "json", "."], _chart(tmp_path))
    assert result.exit_code == 0
    [(path, rule, line, column, message)] = _findings(result)
    assert (path, rule, line, column) == ("web/Chart.yaml", "LK008", 1, 1)
    assert message.startswith("Helm chart: 2 templates not linted until rendered")
    assert "helm template web | lintkit check -" in message
    assert json.loads(result.stdout)["summary"]["by_kind"] == {"kubernetes": 1}  # the static ConfigMap


def test_the_notice_counts_even_at_the_strictest_threshold_and_can_be_ignored(tmp_path):
    _chart(tmp_path)
    assert _run(["check", "--isolated", "--severity", "style", "."], tmp_path).exit_code == 0
    result = _run(["check", "--isolated", "--ignore", "helm-chart", "--format", "json", "."], tmp_path)
    assert _findings(result) == []


def test_templates_named_on_the_command_line_are_chart_templates_too(tmp_path):
    _chart(tmp_path)
    result = _run(["check", "--isolated", "--format", "json", "web/templates/pod.yaml"], tmp_path)
    assert [f[1] for f in _findings(result)] == ["LK008"]


def test_a_templates_folder_without_chart_yaml_is_still_reported_per_file(tmp_path):
    (tmp_path / "templates").mkdir()
    (tmp_path / "templates/pod.yaml").write_text(POD_TEMPLATE)
    result = _run(["check", "--isolated", "--format", "json", "."], tmp_path)
    assert [f[1] for f in _findings(result)] == ["K8109"]


def test_chart_index_finds_the_nearest_chart_and_subcharts(tmp_path):
    (tmp_path / "web/charts/db/templates").mkdir(parents=True)
    (tmp_path / "web/templates").mkdir(parents=True)
    (tmp_path / "web/Chart.yaml").write_text(CHART)
    (tmp_path / "web/charts/db/Chart.yaml").write_text(CHART)
    index = ChartIndex()
    web = str(tmp_path / "web")
    assert index.chart_of(os.path.join(web, "templates", "a.yaml")) == web
    assert index.chart_of(os.path.join(web, "templates", "sub", "a.yaml")) == web
    assert index.chart_of(os.path.join(web, "charts", "db", "templates", "a.yaml")) == os.path.join(web, "charts", "db")
    assert index.chart_of(os.path.join(web, "values.yaml")) is None


def test_piped_helm_output_is_mapped_to_the_templates(tmp_path):
    _chart(tmp_path)
    result = _run(["check", "--isolated", "--select", "K8001,K8002", "--format", "json", "-"], tmp_path, stdin=RENDERED)
    assert _findings(result) == [
        # "- name: web" reads the same in the template: exact.
        ("web/templates/pod.yaml", "K8002", 7, 13,
         "container 'web' of Pod/release-name has no livenessProbe (a hung process is never restarted)"),
        # The image line is templated: the line setting `image:` in the same place, approximate.
        ("web/templates/pod.yaml", "K8001", 8, 7,
         "container 'web' of Pod/release-name uses image 'nginx:latest' with the latest tag"
         " (position in the Helm template is approximate)"),
    ]


def test_piped_output_run_inside_the_chart_finds_the_templates_too(tmp_path):
    _chart(tmp_path)
    result = _run(["check", "--isolated", "--select", "K8002", "--format", "json", "-"], tmp_path / "web", stdin=RENDERED)
    assert [f[:4] for f in _findings(result)] == [("templates/pod.yaml", "K8002", 7, 13)]


def test_piped_output_whose_templates_are_absent_keeps_its_place_and_names_them(tmp_path):
    result = _run(["check", "--isolated", "--select", "K8002", "--format", "json", "--stdin-filename",
                   "manifests.yaml", "-"], tmp_path, stdin=RENDERED)
    assert _findings(result) == [(
        "manifests.yaml", "K8002", 17, 13,
        "container 'web' of Pod/release-name has no livenessProbe (a hung process is never restarted)"
        " (rendered from web/templates/pod.yaml)",
    )]


@pytest.mark.parametrize("source", ["../../etc/passwd", "/etc/passwd", "web/../../x.yaml"])
def test_source_comments_never_lead_outside_the_tree(tmp_path, source):
    _chart(tmp_path)
    text = RENDERED.replace("web/templates/pod.yaml", source)
    result = _run(["check", "--isolated", "--select", "K8002", "--format", "json", "-"], tmp_path, stdin=text)
    [(path, *_rest, message)] = _findings(result)
    assert path == "-" and message.endswith(f"(rendered from {source})")


def _fake_helm(tmp_path, script_body):
    """A `helm` on PATH that prints what a real one would (pre-rendered text)."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    helm = bin_dir / "helm"
    helm.write_text(f"#!{sys.executable}\nimport sys\n{script_body}\n")
    helm.chmod(helm.stat().st_mode | stat.S_IEXEC)
    return {"PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}"}


def test_render_helm_lints_the_rendered_chart_in_the_templates(tmp_path, monkeypatch):
    _chart(tmp_path)
    (tmp_path / "rendered.yaml").write_text(RENDERED)
    env = _fake_helm(tmp_path, "assert sys.argv[1:3] == ['template', 'lintkit-render'], sys.argv\n"
                               f"sys.stdout.write(open({str(tmp_path / 'rendered.yaml')!r}).read())")
    monkeypatch.setenv("PATH", env["PATH"])
    result = _run(["check", "--isolated", "--render-helm", "--select", "K8001,K8002,LK", "--format", "json", "web"],
                  tmp_path)
    assert [f[:4] for f in _findings(result)] == [
        ("web/templates/pod.yaml", "K8002", 7, 13), ("web/templates/pod.yaml", "K8001", 8, 7)]
    assert result.exit_code == 1


def test_render_helm_config_key_and_a_failed_render(tmp_path, monkeypatch):
    _chart(tmp_path)
    (tmp_path / ".lintkit.yaml").write_text("render-helm: true\n")
    env = _fake_helm(tmp_path, "sys.stderr.write('Error: found in Chart.yaml, but missing in charts/ directory: db\\n')\n"
                               "sys.exit(1)")
    monkeypatch.setenv("PATH", env["PATH"])
    result = _run(["check", "--format", "json", "."], tmp_path)
    [(path, rule, line, _column, message)] = _findings(result)
    assert (path, rule, line) == ("web/Chart.yaml", "LK001", 1)
    assert message == "helm template failed: Error: found in Chart.yaml, but missing in charts/ directory: db"
    assert result.exit_code == 1


def test_render_helm_without_helm_is_a_usage_error(tmp_path, monkeypatch):
    _chart(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    result = _run(["check", "--isolated", "--render-helm", "."], tmp_path)
    assert result.exit_code == 2 and "needs helm on PATH" in result.stderr


def test_only_source_comments_that_open_a_document_count():
    lines = ["---", "# Source: web/templates/a.yaml", "data:", "  x: |", "# Source: not/this.yaml", "---",
             "# Source: web/templates/b.yaml", "kind: Pod"]
    assert [(s.source, s.start, s.end) for s in sections(lines)] == [
        ("web/templates/a.yaml", 2, 6), ("web/templates/b.yaml", 7, 8)]


def test_locate_is_exact_only_for_a_unique_line():
    template = ["a:", "  name: x", "b:", "  name: x"]
    rendered = ["# Source: c/templates/t.yaml", "a:", "  name: x", "b:", "  name: x"]
    section = sections(rendered)[0]
    assert section.start == 1 and section.end == 5
    span, exact = locate(template, rendered, section, Span(5, 9, 5, 10))
    assert (span, exact) == (Span(4, 9, 4, 10), False)  # two candidates: the nearer one
    span, exact = locate(["a:", "    b: 1"], ["# Source: c/templates/t.yaml", "a:", "  b: 1"],
                         sections(["# Source: c/templates/t.yaml", "a:", "  b: 1"])[0], Span(3, 6, 3, 7))
    assert (span, exact) == (Span(2, 8, 2, 9), True)  # re-indented: the column follows


def test_a_subchart_is_rendered_with_its_parent_only(tmp_path, monkeypatch):
    _chart(tmp_path)
    (tmp_path / "web/charts/db/templates").mkdir(parents=True)
    (tmp_path / "web/charts/db/Chart.yaml").write_text(CHART.replace("web", "db"))
    (tmp_path / "web/charts/db/templates/pod.yaml").write_text(POD_TEMPLATE)
    subchart_pod = RENDERED[RENDERED.index("---\n# Source: web/templates/pod.yaml"):]
    rendered = RENDERED + subchart_pod.replace("web/templates/pod.yaml", "web/charts/db/templates/pod.yaml")
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "rendered.yaml").write_text(rendered)
    calls = outside / "calls"
    env = _fake_helm(outside, f"open({str(calls)!r}, 'a').write(sys.argv[3] + '\\n')\n"
                              f"sys.stdout.write(open({str(outside / 'rendered.yaml')!r}).read())")
    monkeypatch.setenv("PATH", env["PATH"])
    result = _run(["check", "--isolated", "--render-helm", "--select", "K8002", "--format", "json", "web"], tmp_path)
    assert calls.read_text() == "web\n"
    assert [f[:3] for f in _findings(result)] == [
        ("web/charts/db/templates/pod.yaml", "K8002", 7), ("web/templates/pod.yaml", "K8002", 7)]
