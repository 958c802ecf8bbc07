"""GitHub Actions rules and the expression reader: exact positions, regressions."""

import json
import subprocess
import sys

from lintkit.expressions import context_refs, find_expressions

WORKFLOW = "on: {on}\npermissions: {{}}\njobs:\n  j:\n    runs-on: ubuntu-24.04\n    steps:\n{steps}"


def lint(tmp_path, text, select):
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    path = folder / "w.yml"
    path.write_text(text)
    out = subprocess.run(
        [sys.executable, "-m", "lintkit", "check", "--isolated", "--select", select, "--format", "json", str(path)],
        capture_output=True, text=True,
    )  # fmt: skip
    return json.loads(out.stdout)["findings"]


def test_expression_refs_with_string_braces():
    text = "echo ${{ format('}}{0}', github.event.issue.title) }} ${{ steps.a.outputs['b'] }}"
    refs = [r.path for e in find_expressions(text) for r in context_refs(e)]
    assert refs == ["github.event.issue.title", "steps.a.outputs.b"]


def test_template_injection_points_at_context(tmp_path):
    steps = "      - run: |\n          echo start\n          echo \"${{ github.event.issue.title }}\"\n"
    [f] = lint(tmp_path, WORKFLOW.format(on="issues", steps=steps), "GH002")
    assert (f["line"], f["column"], f["end_column"]) == (9, 21, 45)


def test_constant_env_and_matrix_are_not_injection(tmp_path):
    text = (
        "on: push\npermissions: {}\nenv:\n  NAME: x\njobs:\n  j:\n    runs-on: ubuntu-24.04\n"
        "    strategy:\n      matrix:\n        v: [1, 2]\n    steps:\n      - run: echo ${{ env.NAME }} ${{ matrix.v }}\n"
    )
    assert lint(tmp_path, text, "GH002") == []


def test_checkout_persist_credentials(tmp_path):
    steps = "      - uses: actions/checkout@v4\n"
    [f] = lint(tmp_path, WORKFLOW.format(on="push", steps=steps), "GH003")
    assert (f["line"], f["column"]) == (7, 15)


def test_unsound_condition(tmp_path):
    text = "on: push\npermissions: {}\njobs:\n  j:\n    if: ${{ true }} && false\n    runs-on: ubuntu-24.04\n    steps:\n      - run: x\n"
    [f] = lint(tmp_path, text, "GH007")
    assert f["line"] == 5


def test_github_env_write_in_workflow_run(tmp_path):
    steps = "      - run: echo \"A=$(cat a)\" >> \"$GITHUB_ENV\"\n"
    [f] = lint(tmp_path, WORKFLOW.format(on="workflow_run", steps=steps), "GH008")
    assert f["line"] == 7
