"""The command line contract: exit codes, selectors, config errors, stdin, bad input."""

import json
import os

import pytest
from click.testing import CliRunner

from lintkit.cli import main

POD = """\
apiVersion: v1
kind: Pod
metadata:
  name: web
spec:
  containers:
    - name: web
      image: nginx:latest
"""
COMPOSE_OK = "services:\n  web:\n    image: nginx:1.27.2\n"


def run(args, cwd, stdin=None):
    runner = CliRunner()
    old = os.getcwd()
    os.chdir(cwd)
    try:
        result = runner.invoke(main, args, input=stdin, catch_exceptions=False)
    finally:
        os.chdir(old)
    return result


def files(tmp_path, **contents):
    for name, text in contents.items():
        path = tmp_path / name.replace("__", "/")
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(text if isinstance(text, bytes) else text.encode())
    return tmp_path


def findings(result):
    return json.loads(result.stdout)["findings"]


def test_clean_run_exits_0_and_findings_exit_1(tmp_path):
    files(tmp_path, **{"docker-compose.yml": COMPOSE_OK})
    assert run(["check", "--isolated", "."], tmp_path).exit_code == 0
    files(tmp_path, **{"pod.yaml": POD})
    result = run(["check", "--isolated", "--format", "json", "."], tmp_path)
    assert result.exit_code == 1
    latest = [f for f in findings(result) if f["rule"] == "K8001"]
    assert latest and latest[0]["line"] == 8 and latest[0]["column"] == 14
    assert "CKV_K8S_14" in latest[0]["aliases"] and latest[0]["path"] == "pod.yaml"


def test_check_is_the_default_command(tmp_path):
    files(tmp_path, **{"pod.yaml": POD})
    assert run(["--isolated", "pod.yaml"], tmp_path).exit_code == 1


def test_severity_threshold(tmp_path):
    files(tmp_path, **{"docker-compose.yml": "version: '3'\n" + COMPOSE_OK})
    assert run(["check", "--isolated", "."], tmp_path).exit_code == 1
    assert run(["check", "--isolated", "--severity", "warning", "."], tmp_path).exit_code == 0


@pytest.mark.parametrize("selector", ["K8001", "image-tag-pinned", "CKV_K8S_14", "kube-linter:latest-tag", "K8"])
def test_select_by_id_name_alias_and_prefix(tmp_path, selector):
    files(tmp_path, **{"pod.yaml": POD})
    result = run(["check", "--isolated", "--format", "json", "--select", selector, "."], tmp_path)
    assert "K8001" in {f["rule"] for f in findings(result)}


def test_ignore_by_kind_and_tag(tmp_path):
    files(tmp_path, **{"pod.yaml": POD})
    assert run(["check", "--isolated", "--ignore", "kubernetes", "."], tmp_path).exit_code == 0
    result = run(["check", "--isolated", "--format", "json", "--ignore", "reliability", "."], tmp_path)
    from lintkit.registry import find_rule

    reported = {f["rule"] for f in findings(result)}
    assert reported and not [r for r in reported if "reliability" in find_rule(r).tags]


def test_unknown_selector_is_a_usage_error(tmp_path):
    files(tmp_path, **{"pod.yaml": POD})
    result = run(["check", "--isolated", "--select", "NOPE123", "."], tmp_path)
    assert result.exit_code == 2 and "NOPE123" in result.stderr


def test_config_unknown_key_names_file_position_and_key(tmp_path):
    files(tmp_path, **{"pod.yaml": POD, ".lintkit.yaml": "select: [K8001]\nignroe: [K8002]\n"})
    result = run(["check", "."], tmp_path)
    assert result.exit_code == 2
    assert ".lintkit.yaml:2:1" in result.stderr and "ignroe" in result.stderr and "expected one of" in result.stderr


def test_config_bad_value_and_bad_rule_option(tmp_path):
    files(tmp_path, **{"pod.yaml": POD, ".lintkit.yaml": "fail-on: fatal\n"})
    result = run(["check", "."], tmp_path)
    assert result.exit_code == 2 and "fail-on" in result.stderr
    files(tmp_path, **{".lintkit.yaml": "rules:\n  pin-actions-sha:\n    allow-github-owned: maybe\n"})
    result = run(["check", "."], tmp_path)
    assert result.exit_code == 2 and "allow-github-owned" in result.stderr


def test_config_select_severity_and_per_file_ignores(tmp_path):
    files(
        tmp_path,
        **{
            "pod.yaml": POD,
            "other__pod.yaml": POD,
            ".lintkit.yaml": "select: [K8001]\nseverity:\n  K8001: error\nper-file-ignores:\n  'other/*': [image-tag-pinned]\n",
        },
    )
    result = run(["check", "--format", "json", "."], tmp_path)
    got = findings(result)
    assert {(f["path"], f["rule"], f["severity"]) for f in got} == {("pod.yaml", "K8001", "error")}


def test_pyproject_tool_table_is_read(tmp_path):
    files(tmp_path, **{"pod.yaml": POD, "pyproject.toml": "[tool.lintkit]\nignore = ['K8']\n"})
    assert run(["check", "."], tmp_path).exit_code == 0


def test_stdin_with_stdin_filename(tmp_path):
    result = run(["check", "--isolated", "--format", "json", "--stdin-filename", "k8s/pod.yaml", "-"], tmp_path, stdin=POD)
    assert result.exit_code == 1
    assert {f["path"] for f in findings(result)} == {"k8s/pod.yaml"}


def test_stdin_snippet_quotes_the_text_linted_not_the_file_on_disk(tmp_path):
    files(tmp_path, Dockerfile="FROM ubuntu:22.04\nRUN echo on disk\n")
    stdin = "FROM alpine:3.20\nRUN apk add curl\n"
    result = run(["check", "--isolated", "--select", "DF026", "--stdin-filename", "Dockerfile", "-"], tmp_path, stdin=stdin)
    assert "Dockerfile:2:" in result.output
    assert "  2 | RUN apk add curl" in result.output
    assert "on disk" not in result.output


def test_stdin_of_unknown_kind_is_a_usage_error(tmp_path):
    result = run(["check", "--isolated", "-"], tmp_path, stdin="FROM x\n")
    assert result.exit_code == 2 and "--kind" in result.stderr
    result = run(["check", "--isolated", "--kind", "dockerfile", "--format", "json", "-"], tmp_path, stdin="FROM x\n")
    assert result.exit_code in (0, 1)


@pytest.mark.parametrize(
    "content, message",
    [
        (b"\x00\x01binary\x00", "binary"),
        (b"services:\n  web:\n    image: caf\xe9\n", "UTF-8"),
        (b"services: [\n", "invalid YAML"),
        (b"services:\n  web:\n    image: nginx:1.27.2\n" + b"# padding\n" * 600_000, "over the"),
        (
            b'a: &a ["x","x","x","x","x","x","x","x","x"]\n'
            + b"".join(
                f"{n}: &{n} [{','.join(['*' + p] * 9)}]\n".encode()
                for p, n in zip("abcdefgh", "bcdefghi")
            ),
            "alias bomb",
        ),
    ],
)
def test_bad_input_is_a_positioned_parse_error_and_the_run_goes_on(tmp_path, content, message):
    files(tmp_path, **{"docker-compose.yml": content, "pod.yaml": POD})
    result = run(["check", "--isolated", "--max-file-size", "5MB", "--format", "json", "."], tmp_path)
    assert result.exit_code == 1
    got = findings(result)
    errors = [f for f in got if f["name"] == "parse-error"]
    assert len(errors) == 1 and message in errors[0]["message"] and errors[0]["severity"] == "error"
    assert any(f["path"] == "pod.yaml" for f in got)


def test_non_utf8_position_is_the_bad_byte(tmp_path):
    files(tmp_path, **{"docker-compose.yml": b"services:\n  web:\n    image: caf\xe9\n"})
    (error,) = findings(run(["check", "--isolated", "--format", "json", "."], tmp_path))
    assert (error["line"], error["column"]) == (3, 15)


def test_helm_template_gets_a_hint(tmp_path):
    files(tmp_path, **{"templates__deployment.yaml": "apiVersion: apps/v1\nkind: Deployment\n{{- if .Values.x }}\nspec: {}\n{{- end }}\n"})
    got = findings(run(["check", "--isolated", "--format", "json", "."], tmp_path))
    assert len(got) == 1 and "helm template" in got[0]["message"]
    assert got[0]["kind"] == "kubernetes"


def test_no_known_files_says_so(tmp_path):
    files(tmp_path, **{"README.md": "hello\n"})
    result = run(["check", "--isolated", "."], tmp_path)
    assert result.exit_code == 0 and "no files of a kind lintkit knows" in result.stderr


def test_missing_path_is_a_usage_error(tmp_path):
    result = run(["check", "--isolated", "nowhere"], tmp_path)
    assert result.exit_code == 2 and "nowhere" in result.stderr


SUPPRESSED = {
    "lintkit comment above": "apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n    - name: web\n      # lintkit: ignore=K8001 -- pinned by the registry\n      image: nginx:latest\n",
    "lintkit comment at end of line": POD.replace("image: nginx:latest", "image: nginx:latest  # lintkit: ignore=image-tag-pinned"),
    "alias in lintkit comment": POD.replace("image: nginx:latest", "image: nginx:latest  # lintkit: ignore=CKV_K8S_14"),
    "checkov skip in the resource": POD.replace("kind: Pod\n", "kind: Pod\n# checkov:skip=CKV_K8S_14: pinned elsewhere\n"),
    "ignore-file": "# lintkit: ignore-file=K8001\n" + POD,
    "kube-linter annotation": POD.replace("  name: web\n", "  name: web\n  annotations:\n    ignore-check.kube-linter.io/latest-tag: reason\n", 1),
}


@pytest.mark.parametrize("case", SUPPRESSED)
def test_suppression_forms(tmp_path, case):
    files(tmp_path, **{"pod.yaml": SUPPRESSED[case]})
    got = findings(run(["check", "--isolated", "--format", "json", "--select", "K8001", "."], tmp_path))
    assert got == []


def test_zizmor_ignore_comment_silences_the_aliased_rule(tmp_path):
    workflow = (
        "on: push\npermissions: {}\njobs:\n  build:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - uses: docker/login-action@v3 # zizmor: ignore[unpinned-uses] pinned by policy\n"
    )
    files(tmp_path, **{".github__workflows__ci.yml": workflow})
    assert findings(run(["check", "--isolated", "--format", "json", "--select", "GH001", "."], tmp_path)) == []


@pytest.mark.parametrize(
    "text",
    [
        "services:\n  db:\n    image: mongo:latest # dclint disable-line service-image-require-explicit-tag\n",
        "services:\n  db:\n    # dclint disable-next-line service-image-require-explicit-tag\n    image: mongo:latest\n",
        "# dclint disable-file\nservices:\n  db:\n    image: mongo:latest\n",
    ],
)
def test_dclint_comments_silence_the_aliased_rule(tmp_path, text):
    files(tmp_path, **{"docker-compose.yml": text})
    assert findings(run(["check", "--isolated", "--format", "json", "--select", "DC001", "."], tmp_path)) == []


def test_another_tools_blanket_comment_leaves_other_rules_alone(tmp_path):
    files(tmp_path, **{"docker-compose.yml": "# dclint disable-file\nservices:\n  db:\n    image: mongo:latest\n    image: mongo:7.0\n"})
    got = findings(run(["check", "--isolated", "--format", "json", "--select", "DC001,duplicate-key", "."], tmp_path))
    assert [f["name"] for f in got] == ["duplicate-key"]


def test_unused_suppression_is_reported_when_selected(tmp_path):
    files(tmp_path, **{"docker-compose.yml": "# lintkit: ignore=K8001\n" + COMPOSE_OK})
    got = findings(run(["check", "--isolated", "--format", "json", "--select", "unused-suppression", "."], tmp_path))
    assert [(f["name"], f["line"]) for f in got] == [("unused-suppression", 1)]


def test_rules_and_explain(tmp_path):
    result = run(["rules", "--format", "json"], tmp_path)
    listed = json.loads(result.stdout)
    assert {"LK001", "K8001", "DC001", "GH001"} <= {r["id"] for r in listed}
    result = run(["explain", "CKV_K8S_14"], tmp_path)
    assert result.exit_code == 0 and "image-tag-pinned" in result.stdout and "Bad" in result.stdout
    assert run(["explain", "nope"], tmp_path).exit_code == 2


def test_json_output_matches_its_schema(tmp_path):
    import jsonschema
    from importlib import resources

    files(
        tmp_path,
        **{
            "pod.yaml": POD,
            "docker-compose.yml": "version: '3'\n" + COMPOSE_OK,
            # unparsable YAML whose kind nothing tells: counted, but in no kind
            "broken.yaml": "a: [1, 2\n",
        },
    )
    result = run(["check", "--isolated", "--format", "json", "--select", "ALL", "."], tmp_path)
    schema = json.loads(resources.files("lintkit").joinpath("schemas/output.schema.json").read_text())
    document = json.loads(result.stdout)
    jsonschema.validate(document, schema)
    assert document["summary"]["files"] == 3
    assert document["summary"]["by_kind"] == {"compose": 1, "kubernetes": 1}


def test_output_file(tmp_path):
    files(tmp_path, **{"pod.yaml": POD})
    result = run(["check", "--isolated", "--format", "sarif", "--output", "out.sarif", "."], tmp_path)
    assert result.exit_code == 1 and result.stdout == ""
    sarif = json.loads((tmp_path / "out.sarif").read_text())
    assert sarif["version"] == "2.1.0"


def test_config_compose_projects_combine_files_like_docker_compose_f(tmp_path):
    files(
        tmp_path,
        **{
            "app__docker-compose.yml": "services:\n  web:\n    image: nginx:1.27.2\n    depends_on: [db]\n",
            "infra__docker-compose.db.yml": "services:\n  db:\n    image: postgres:16.4\n",
        },
    )
    alone = findings(run(["check", "--isolated", "--format", "json", "--select", "depends-on-defined", "."], tmp_path))
    assert [(f["path"], f["line"]) for f in alone] == [("app/docker-compose.yml", 4)]
    files(tmp_path, **{".lintkit.yaml": "select: [depends-on-defined]\ncompose-projects:\n  - [app/docker-compose.yml, infra/docker-compose.db.yml]\n"})
    assert findings(run(["check", "--format", "json", "."], tmp_path)) == []


@pytest.mark.parametrize(
    "on_block",
    [
        "on:  # zizmor: ignore[dangerous-triggers]\n  pull_request_target:\n",
        "on:\n  # zizmor: ignore[dangerous-triggers] labels only\n  push:\n  pull_request_target:\n",
    ],
)
def test_zizmor_comment_covers_the_block_it_sits_in(tmp_path, on_block):
    workflow = on_block + "permissions: {}\njobs:\n  label:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo hi\n"
    files(tmp_path, **{".github__workflows__label.yml": workflow})
    got = findings(run(["check", "--isolated", "--format", "json", "--select", "zizmor:dangerous-triggers", "."], tmp_path))
    assert got == []


@pytest.mark.parametrize("output_format", ["text", "json", "sarif", "gitlab", "junit", "github"])
def test_every_format_reports_bad_input_without_failing(tmp_path, output_format):
    files(
        tmp_path,
        **{
            "pod.yaml": POD,
            "broken.yaml": "a: [1, 2\n",
            "Dockerfile": b"FROM ubuntu\x00\x01",
            "templates__svc.yaml": "kind: Service\n{{ .Values.x }}: [\n",
            "docker-compose.yml": b"services:\n  web:\n    image: caf\xe9\n",
        },
    )
    result = run(["check", "--isolated", "--select", "ALL", "--format", output_format, "."], tmp_path)
    assert result.exit_code == 1, result.stderr
    assert "internal error" not in result.stderr
