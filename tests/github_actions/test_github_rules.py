"""GitHub Actions rules and the expression reader: exact positions, regressions."""

import json
import os

import pytest
import shared_folder
from click.testing import CliRunner

from lintkit.cli import main
from lintkit.expressions import context_refs, find_expressions

WORKFLOW = "on: {on}\npermissions: {{}}\njobs:\n  j:\n    runs-on: ubuntu-24.04\n    steps:\n{steps}"


def lint(tmp_path, text, select):
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    path = folder / "w.yml"
    path.write_text(text)
    out = CliRunner().invoke(main, ["check", "--isolated", "--select", select, "--format", "json", str(path)])
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


# --- corpus regressions: false positives fixed while measuring against zizmor -------------

CORPUS = os.path.join(shared_folder.CORPUS, "github-actions")


def corpus_findings(relative, select):
    from lintkit.discover import discover
    from lintkit.engine import RunOptions, run
    from lintkit.registry import Selection

    path = os.path.join(CORPUS, relative)
    result = run(discover([path]).targets, RunOptions(selection=Selection([select], []), jobs=1))
    return [(f.rule, f.line) for f in result.findings]


needs_corpus = pytest.mark.corpus


@needs_corpus
def test_actor_excluded_from_a_condition_is_not_a_bot_condition():
    # `github.actor != 'dependabot[bot]'` only skips the bot; it trusts nobody.
    assert corpus_findings("kubernetes__dashboard/.github/workflows/ci.yml", "GH010") == []


@needs_corpus
def test_labeler_only_pull_request_target_is_not_dangerous():
    assert corpus_findings("helm__helm/.github/workflows/label-pr.yml", "GH005") == []
    assert corpus_findings("tokio-rs__tokio/.github/workflows/labeler.yml", "GH005") == []


@needs_corpus
def test_permissions_of_reusable_workflows_and_unreached_top_level_blocks():
    # Called workflows get the caller's token; a top-level block every job overrides is inert.
    assert corpus_findings("kubernetes-sigs__kubespray/.github/workflows/upgrade-patch-versions.yml", "GH004") == []
    assert corpus_findings("adoptium__containers/.github/workflows/auto-merge.yml", "GH004") == []
    # read-all reaching jobs is reported (zizmor reports it too).
    assert corpus_findings("helm__helm/.github/workflows/release.yml", "GH004") == [("GH004", 10)]


@needs_corpus
def test_explicit_persist_credentials_true_is_a_decision():
    assert corpus_findings("pypa__pip/.github/workflows/update-build-project-lock.yml", "GH003") == []


@needs_corpus
def test_reusable_workflow_calls_are_pinned_and_malformed_uses_skipped():
    assert ("GH001", 14) in corpus_findings("adoptium__containers/.github/workflows/auto-merge.yml", "GH001")
    # `uses: $/.github/actions/...` is no owner/repo reference: nothing to pin.
    assert corpus_findings("vitejs__vite/.github/workflows/issue-close-require.yml", "GH001") == []


def test_bot_condition_on_equality_only(tmp_path):
    text = (
        "on: pull_request_target\npermissions: {}\njobs:\n  j:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - if: github.actor != 'dependabot[bot]'\n        run: x\n"
        "      - if: ${{ 'dependabot[bot]' == github.triggering_actor }}\n        run: x\n"
    )
    [f] = lint(tmp_path, text, "GH010")
    assert f["line"] == 9 and "github.triggering_actor" in f["message"]
