"""workflow-schema (GH011): messages at the node, YAML as GitHub reads it, what GitHub
accepts and the vendored schema does not (the compiled schema layer's agreement with
jsonschema is tested in tests/shared/test_schemastore.py)."""

import glob
import os

import pytest
import shared_folder

from lintkit.testing import lint_files

CORPUS = os.path.join(shared_folder.CORPUS, "github-actions")
WORKFLOW = ".github/workflows/ci.yml"


def schema_findings(text, filename=WORKFLOW):
    return [(f.line, f.column, f.message) for f in lint_files({filename: text}, select=["GH011"])]


def test_misspelt_key_is_reported_once_with_a_suggestion():
    text = "on: push\npermissions: {}\njobs:\n  test:\n    runs_on: ubuntu-24.04\n    steps:\n      - run: make\n"
    assert schema_findings(text) == [(5, 5, "`jobs.test`: unknown key `runs_on` (did you mean `runs-on`?)")]


def test_unquoted_on_key_and_yaml11_values():
    # YAML 1.1 reads `on:` as true; GitHub reads it (and `yes`) as text.
    text = (
        "on:\n  push:\nconcurrency:\n  group: ci\n  cancel-in-progress: yes\npermissions: {}\n"
        "jobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make\n"
    )
    assert schema_findings(text) == [
        (5, 23, "`concurrency.cancel-in-progress`: expected true/false or a `${{ }}` expression, got the string \"yes\" "
                "(GitHub reads `yes` as text, not a boolean: write `true`)"),
    ]  # fmt: skip


def test_step_with_both_uses_and_run():
    text = "on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/checkout@v4\n        run: make\n"
    assert schema_findings(text) == [(6, 9, "`jobs.test.steps[0]` has both `uses:` and `run:`; a step does one or the other")]


def test_wrong_type_in_user_words():
    text = "on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    timeout-minutes: ten\n    steps:\n      - run: make\n"
    assert schema_findings(text) == [(5, 22, "`jobs.test.timeout-minutes`: expected a number or a `${{ }}` expression, got the string \"ten\"")]


def test_call_job_with_runner_keys():
    text = "on: push\njobs:\n  call:\n    uses: ./.github/workflows/release.yml\n    runs-on: ubuntu-24.04\n"
    assert schema_findings(text) == [(5, 5, "`jobs.call`: unknown key `runs-on`")]


def test_missing_on_is_reported_at_the_first_key():
    text = "name: Release\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: make\n"
    [(line, column, message)] = schema_findings(text)
    assert (line, column) == (1, 1) and message.startswith("the workflow has no `on:`")


@pytest.mark.parametrize(
    "text",
    [
        # GitHub accepts a single pattern for branch/tag/path filters.
        "on:\n  push:\n    branches: main\n    paths: src/**\njobs:\n  t:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: x\n",
        # strategy without a matrix (fail-fast only).
        "on: push\njobs:\n  t:\n    runs-on: ubuntu-24.04\n    strategy:\n      fail-fast: false\n    steps:\n      - run: x\n",
        # a whole strategy computed by an expression.
        "on: push\njobs:\n  t:\n    runs-on: ubuntu-24.04\n    strategy: ${{ fromJSON(vars.STRATEGY) }}\n    steps:\n      - run: x\n",
        # a workflow description.
        "name: x\ndescription: Builds it\non: push\njobs:\n  t:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: x\n",
    ],
)
def test_what_github_accepts_is_clean(text):
    assert schema_findings(text) == []


def test_action_metadata():
    bad = "name: Hello\ndescription: Greets\nruns:\n  using: composite\n  step:\n    - run: echo hi\n      shell: bash\n"
    findings = schema_findings(bad, filename="action.yml")
    assert (5, 3, "`runs`: unknown key `step` (did you mean `steps`?)") in findings
    good = bad.replace("  step:", "  steps:")
    assert schema_findings(good, filename="action.yml") == []


def _corpus_files():
    return sorted(glob.glob(os.path.join(CORPUS, "**", "*.y*ml"), recursive=True, include_hidden=True))


@pytest.mark.corpus
def test_corpus_only_has_the_known_schema_errors():
    """Every corpus workflow GitHub accepts is clean; the three findings are files GitHub
    rejects: two starter templates with a `{{ groupId }}` placeholder (a YAML mapping) and
    a workflow whose `on:` is commented out."""
    from lintkit.discover import discover
    from lintkit.engine import RunOptions, run
    from lintkit.registry import Selection

    result = run(discover([CORPUS]).targets, RunOptions(selection=Selection(["GH011"], []), jobs=1))
    found = sorted((os.path.relpath(f.path, CORPUS), f.line) for f in result.findings)
    assert found == [
        ("actions__starter-workflows/code-scanning/.github/workflows/nowsecure-mobile-sbom.yml", 55),
        ("actions__starter-workflows/code-scanning/.github/workflows/nowsecure.yml", 47),
        ("kubernetes__kube-state-metrics/.github/workflows/pre-release.yml", 1),
    ]


def test_keys_that_slid_out_of_an_empty_block():
    text = (
        "on: push\njobs:\n  test:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/checkout@v4\n"
        "        with:\n        fetch-depth: 0\n"
    )
    assert schema_findings(text) == [
        (8, 9, "`jobs.test.steps[0]`: `fetch-depth` is not a key here; it belongs under `with:` (line 7), which is empty: indent it"),
    ]


def test_every_accepted_form_and_a_suggestion():
    text = "on: [push, pull-request]\npermissions: read\njobs:\n  call:\n    uses: o/r/.github/workflows/x.yml@v1\n    secrets: all\n"
    assert schema_findings(text) == [
        (1, 12, '`on[1]`: expected one of 35 names ("branch_protection_rule", "check_run", "check_suite", "create", ...), '
                'got the string "pull-request" (did you mean "pull_request"?)'),
        (2, 14, '`permissions`: expected a mapping, "read-all" or "write-all", got the string "read"'),
        (6, 14, '`jobs.call.secrets`: expected a mapping, "inherit" or a `${{ }}` expression, got the string "all"'),
    ]  # fmt: skip
