"""actionlint-style correctness rules: needs, expressions, cron, matrix, runner labels,
ids, env names. Exact positions and messages; corpus regressions."""

import os

import pytest
import shared_folder

from lintkit.expressions import ExpressionError, parse
from lintkit.testing import lint_files

CORPUS = os.path.join(shared_folder.CORPUS, "github-actions")


def findings(text, select, filename=".github/workflows/w.yml"):
    return [(f.line, f.column, f.message) for f in lint_files({filename: text}, select=select)]


def test_expression_grammar_errors_have_offsets():
    with pytest.raises(ExpressionError) as error:
        parse("contains(a, ", 10)
    assert error.value.offset == 22
    with pytest.raises(ExpressionError) as error:
        parse("a b")
    assert (error.value.offset, str(error.value)) == (2, "unexpected 'b' after a complete expression")


def test_needs_unknown_self_duplicate_and_cycle():
    text = (
        "on: push\njobs:\n"
        "  a:\n    needs: [c, biuld, a]\n    runs-on: ubuntu-24.04\n    steps:\n      - run: x\n"
        "  build:\n    needs: [a, a]\n    runs-on: ubuntu-24.04\n    steps:\n      - run: x\n"
        "  c:\n    needs: build\n    runs-on: ubuntu-24.04\n    steps:\n      - run: x\n"
    )
    assert findings(text, ["GH019"]) == [
        (4, 13, "the jobs' needs form a cycle (a -> c -> build -> a); none of them can start"),
        (4, 16, "job 'a' needs 'biuld', which is not a job of this workflow (did you mean 'build'?)"),
        (4, 23, "job 'a' needs itself"),
        (9, 16, "job 'build' lists 'a' in `needs:` twice"),
    ]


def test_expression_contexts_functions_and_availability():
    text = (
        "on: push\nenv:\n  A: ${{ env.B }}\njobs:\n  j:\n    if: success() && github.ref == 'refs/heads/main'\n"
        "    runs-on: ubuntu-24.04\n    steps:\n"
        "      - if: secrets.TOKEN != ''\n        run: echo ${{ githb.sha }} ${{ toJson(github, 1) }} ${{ startsWith(github.ref) }}\n"
        "      - run: echo ${{ hashFiles('a') }} ${{ succes() }} ${{ always() }}\n"
    )
    assert findings(text, ["GH020"]) == [
        (3, 10, "the `env` context is not available in the workflow's `env:`"),
        (9, 13, "the `secrets` context is not available in a step's `if:`"),
        (10, 23, "unknown context `githb` (did you mean `github`?)"),
        (10, 40, "`toJson()` takes 1 argument(s), not 2"),
        (10, 65, "`startsWith()` takes 2 argument(s), not 1"),
        (11, 45, "unknown function `succes()` (did you mean `success`?)"),
        (11, 61, "`always()` is not available in a step's `run:`"),
    ]


def test_expression_references_to_needs_steps_and_inputs():
    text = (
        "on:\n  workflow_dispatch:\n    inputs:\n      target:\n        type: string\njobs:\n"
        "  build:\n    runs-on: ubuntu-24.04\n    outputs:\n      tag: ${{ steps.tag.outputs.value }}\n    steps:\n"
        "      - run: echo ${{ steps.tag.outputs.value }} ${{ inputs.targte }}\n"
        "      - id: tag\n        run: echo value=1 >> \"$GITHUB_OUTPUT\"\n"
        "  deploy:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ needs.build.outputs.tag }}\n"
    )
    assert findings(text, ["GH020"]) == [
        (12, 29, "`steps.tag`: step 'tag' has not run yet at this point (it comes later in the job or is this step)"),
        (12, 61, "`inputs.targte`: no input 'targte' is declared (did you mean `target`?)"),
        (18, 29, "`needs.build`: 'build' is not listed in `needs:` of job 'deploy', so its result and outputs are not available"),
    ]


def test_invalid_expression_syntax():
    text = "on: push\njobs:\n  j:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ github.sha == }} ${{ x\n"
    assert findings(text, ["GH020"]) == [
        (6, 37, "invalid expression: expression ends where a value was expected"),
        (6, 40, "invalid expression: `${{` is never closed with `}}`"),
    ]


def test_cron():
    text = "on:\n  schedule:\n    - cron: '0 25 * * *'\n    - cron: '@weekly'\n    - cron: '*/15 * * * MON-FRI'\njobs:\n  j:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: x\n"
    assert findings(text, ["GH021"]) == [
        (3, 13, "cron '0 25 * * *': hour field '25': 25 is out of range (0-23)"),
        (4, 13, "cron '@weekly': GitHub does not support the `@weekly` shorthand; write the five fields"),
    ]


def test_matrix_axes_and_exclude():
    text = (
        "on: push\njobs:\n  t:\n    runs-on: ${{ matrix.os }}\n    strategy:\n      matrix:\n        os: [ubuntu-24.04]\n"
        "        include:\n          - os: windows-2025\n            experimental: true\n        exclude:\n          - python: '3.9'\n"
        "    steps:\n      - run: echo ${{ matrix.experimental }} ${{ matrix.pyhton }}\n"
        "  u:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: echo ${{ matrix.os }}\n"
    )
    assert findings(text, ["GH022"]) == [
        (12, 13, "job 't': `exclude:` key 'python' is not an axis of the matrix (axes: os)"),
        (14, 57, "`matrix.pyhton`: the matrix of job 't' has no axis 'pyhton' (axes: experimental, os)"),
        (18, 30, "`matrix.os`: job 'u' has no matrix, so it is always empty"),
    ]


def test_computed_matrix_is_not_checked():
    text = "on: push\njobs:\n  t:\n    runs-on: ${{ matrix.os }}\n    strategy:\n      matrix: ${{ fromJSON(vars.M) }}\n    steps:\n      - run: echo ${{ matrix.anything }}\n"
    assert findings(text, ["GH022"]) == []


def test_runner_labels():
    text = (
        "on: push\njobs:\n  a:\n    runs-on: ubuntu-20.04\n    steps:\n      - run: x\n"
        "  b:\n    runs-on: [self-hosted, ubuntu-18.04]\n    steps:\n      - run: x\n"
        "  c:\n    runs-on: ubuntu-latest-16-cores\n    steps:\n      - run: x\n"
        "  d:\n    runs-on: macos-16\n    steps:\n      - run: x\n"
    )
    assert findings(text, ["GH023"]) == [
        (4, 14, "job 'a': GitHub has retired the 'ubuntu-20.04' runner image; jobs asking for it are never picked up"),
        (16, 14, "job 'd': 'macos-16' is not a GitHub-hosted runner label"),
    ]


def test_ids_and_env_names():
    text = (
        "on: push\njobs:\n  1build:\n    runs-on: ubuntu-24.04\n    env:\n      'NODE ENV': test\n    steps:\n"
        "      - id: Tag\n        run: x\n      - id: tag\n        run: x\n      - id: my.step\n        run: x\n"
    )
    assert findings(text, ["GH024", "GH025"]) == [
        (3, 3, "job id '1build' must start with a letter or `_` and contain only letters, digits, `-` and `_`"),
        (6, 7, "environment variable name 'NODE ENV' contains ' ', which a name cannot"),
        (10, 13, "step id 'tag' is already used on line 8 of this job (step ids are case-insensitive)"),
        (12, 13, "step id 'my.step' must start with a letter or `_` and contain only letters, digits, `-` and `_`"),
    ]


@pytest.mark.corpus
def test_corpus_correctness_findings_are_the_known_bugs():
    """What these rules find in the corpus are real mistakes (a step id, a job and matrix
    axes that do not exist); everything else is clean."""
    from lintkit.discover import discover
    from lintkit.engine import RunOptions, run
    from lintkit.registry import Selection

    rules = ["GH019", "GH020", "GH021", "GH022", "GH023", "GH024", "GH025"]
    result = run(discover([CORPUS]).targets, RunOptions(selection=Selection(rules, []), jobs=1))
    assert not result.errors
    found = sorted((f.rule, os.path.relpath(f.path, CORPUS), f.line) for f in result.findings)
    assert found == [
        ("GH020", "actions__starter-workflows/deployments/.github/workflows/google-cloudrun-docker.yml", 95),
        ("GH020", "actions__starter-workflows/deployments/.github/workflows/google-cloudrun-source.yml", 75),
        ("GH020", "kubernetes__dashboard/.github/workflows/ci.yml", 143),
        ("GH022", "tokio-rs__tokio/.github/workflows/ci.yml", 671),
        ("GH022", "tokio-rs__tokio/.github/workflows/ci.yml", 756),
        ("GH022", "tokio-rs__tokio/.github/workflows/ci.yml", 1210),
    ]
