"""Policies as data: loading, errors, verdicts with positions, and `lintkit policy test`."""

import os
import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from lintkit.cli import main

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
EXAMPLES = os.path.join(ROOT, "examples", "policies")


def _write(tmp_path, name, text):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return str(path)


def _check(*args):
    result = CliRunner().invoke(main, ["check", "--isolated", *args])
    return result.exit_code, result.output


POLICY = """\
policies:
  - id: ACME010
    name: no-latest
    severity: warning
    subject: image
    message: no latest tags
    assert: 'image.tag != "latest"'
"""


def test_policy_findings_have_exact_positions_in_json(tmp_path):
    policy = _write(tmp_path, "p.yaml", POLICY)
    df = _write(tmp_path, "Dockerfile", "FROM alpine:3.20 AS build\nFROM nginx:latest\n")
    code, out = _check("--policy", policy, "--select", "ACME010", "--format", "json", df)
    import json

    report = json.loads(out)
    assert code == 1
    [finding] = report["findings"]
    assert (finding["rule"], finding["name"], finding["severity"]) == ("ACME010", "no-latest", "warning")
    # The tag is placed: the finding lands on `latest`, not on the whole reference.
    assert (finding["line"], finding["column"], finding["end_column"]) == (2, 12, 18)


def test_suppression_and_ignore_treat_policies_as_rules(tmp_path):
    policy = _write(tmp_path, "p.yaml", POLICY)
    df = _write(tmp_path, "Dockerfile", "# lintkit: ignore=ACME010 -- vendor image\nFROM nginx:latest\n")
    assert _check("--policy", policy, "--select", "ACME010", df)[0] == 0
    df2 = _write(tmp_path, "b/Dockerfile", "FROM nginx:latest\n")
    assert _check("--policy", policy, "--select", "ACME010", "--ignore", "no-latest", df2)[0] == 0


def test_config_policies_are_relative_to_the_config(tmp_path):
    _write(tmp_path, "policies/p.yaml", POLICY)
    _write(tmp_path, ".lintkit.yaml", "select: [ACME010]\npolicies: [policies]\n")
    _write(tmp_path, "Dockerfile", "FROM nginx:latest\n")
    result = CliRunner().invoke(main, ["check", str(tmp_path / "Dockerfile")])
    assert result.exit_code == 1 and "ACME010" in result.output


def test_schema_policy_lands_on_the_failing_field(tmp_path):
    policy = _write(tmp_path, "p.yaml", """\
        policies:
          - id: ACME011
            name: user-set
            severity: error
            subject: container
            kinds: [compose]
            message: services run as a numeric user
            schema:
              type: object
              properties:
                user: {type: string, pattern: "^[0-9]+$"}
        """)
    compose = _write(tmp_path, "docker-compose.yml", "services:\n  web:\n    image: web:1\n    user: root\n")
    code, out = _check("--policy", policy, "--select", "ACME011", compose)
    assert code == 1
    assert "docker-compose.yml:4:11: ACME011" in out
    assert "services run as a numeric user: 'root' does not match" in out


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("assert: 'image.tag != \"latest\"'", "assert: 'image.tag != '", ":7: policy ACME010: assert: CEL error"),
        ("subject: image", "subject: pod", ":5: policy ACME010: unknown subject 'pod'"),
        ("id: ACME010", "id: DF999", ":2: policy DF999: id prefix DF is lintkit's own"),
        ("name: no-latest", "name: No_Latest", ":3: policy ACME010: name must be kebab-case"),
        ("severity: warning", "severity: fatal", ":4: policy ACME010: unknown severity 'fatal'"),
    ],
)
def test_a_broken_policy_exits_2_with_file_line_and_id(tmp_path, old, new, expected):
    assert old in POLICY
    policy = _write(tmp_path, "p.yaml", POLICY.replace(old, new))
    df = _write(tmp_path, "Dockerfile", "FROM alpine:3.20\n")
    code, out = _check("--policy", policy, df)
    assert code == 2
    assert f"{policy}{expected}" in out, out


def test_an_unknown_cel_function_and_an_invalid_schema_are_errors(tmp_path):
    bad_fn = _write(tmp_path, "a.yaml", POLICY.replace("image.tag != \"latest\"", "nosuch(image.tag)"))
    df = _write(tmp_path, "Dockerfile", "FROM alpine:3.20\n")
    code, out = _check("--policy", bad_fn, df)
    assert code == 2 and "undeclared reference to 'nosuch'" in out and ":7: policy ACME010" in out
    bad_schema = _write(tmp_path, "b.yaml", POLICY.replace("assert: 'image.tag != \"latest\"'", "schema: {type: 12}"))
    code, out = _check("--policy", bad_schema, df)
    assert code == 2 and "schema is not a valid JSON Schema" in out


def test_duplicate_policy_ids_name_both_places(tmp_path):
    a = _write(tmp_path, "a.yaml", POLICY)
    b = _write(tmp_path, "b.yaml", POLICY)
    df = _write(tmp_path, "Dockerfile", "FROM alpine:3.20\n")
    code, out = _check("--policy", a, "--policy", b, df)
    assert code == 2 and "duplicate id" in out and f"{a}:2" in out


def test_an_evaluation_error_is_a_finding_not_a_verdict(tmp_path):
    policy = _write(tmp_path, "p.yaml", POLICY.replace("image.tag != \"latest\"", "image.nosuchfield == 1"))
    df = _write(tmp_path, "Dockerfile", "FROM alpine:3.20\n")
    code, out = _check("--policy", policy, "--select", "ACME010", df)
    assert code == 1 and "`assert` could not be evaluated" in out


def test_rules_and_explain_show_policies(tmp_path):
    policy = _write(tmp_path, "p.yaml", POLICY)
    result = CliRunner().invoke(main, ["rules", "--policy", policy])
    assert result.exit_code == 0
    assert [line for line in result.output.splitlines() if line.startswith("ACME010")]
    assert result.output.count("ACME010") == 1  # one policy, one line, whatever its kinds
    result = CliRunner().invoke(main, ["explain", "ACME010", "--policy", policy])
    assert result.exit_code == 0 and "Defined by policy" in result.output and "dockerfile, compose" in result.output


def test_policy_test_passes_the_examples():
    result = CliRunner().invoke(main, ["policy", "test", EXAMPLES])
    assert result.exit_code == 0, result.output
    assert "0 failed" in result.output


def test_policy_test_fails_with_a_readable_diff(tmp_path):
    policy = _write(tmp_path, "p.yaml", POLICY + """\
    tests:
      - name: wrong expectation
        kind: dockerfile
        input: "FROM nginx:latest\\n"
        expect: [{id: ACME010, line: 2}]
""")
    result = CliRunner().invoke(main, ["policy", "test", policy])
    assert result.exit_code == 1
    assert "FAIL ACME010 wrong expectation" in result.output
    assert "- expected a finding at line 2" in result.output
    assert "+ unexpected finding at line 1, column 12" in result.output


def test_a_run_without_policies_imports_none_of_it(tmp_path):
    df = _write(tmp_path, "Dockerfile", "FROM alpine:3.20\n")
    code = (
        "import sys\nfrom lintkit.cli import main\n"
        "try:\n    main(['check', '--isolated', sys.argv[1]])\nexcept SystemExit:\n    pass\n"
        "print(sorted(m for m in sys.modules if m.startswith(('cel_expr_python', 'lintkit.policies', 'lintkit.yamlmodel'))))"
    )
    out = subprocess.run([sys.executable, "-c", code, df], capture_output=True, text=True, check=True).stdout
    assert out.strip().splitlines()[-1] == "[]"
