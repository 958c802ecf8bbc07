"""unsound-contains, overprovisioned-secrets, unredacted-secrets, github-app-tokens:
exact positions and the forms that must stay quiet."""

import json

import pytest
from click.testing import CliRunner

from lintkit.cli import main


@pytest.fixture
def lint(lint_workflow):
    def run(text, select):
        return [(f["rule"], f["line"], f["column"], f["end_column"]) for f in lint_workflow(text, select)]

    return run


HEAD = "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n"


def test_unsound_contains_only_on_controllable_values(lint):
    text = HEAD + (
        "    steps:\n"
        "      - if: contains('a,b', inputs.x) || contains(fromJSON('[\"a\"]'), github.ref)\n        run: x\n"
        "      - if: ${{ contains('push pull_request', github.event_name) }}\n        run: x\n"
        "      - if: contains(github.ref, 'refs/tags/')\n        run: x\n"
    )
    assert lint(text, "GH026") == [("GH026", 7, 13, 38)]


def test_unsound_contains_is_for_conditions_only(lint):
    text = HEAD + "    steps:\n      - run: echo ${{ contains('a b', github.ref) }}\n"
    assert lint(text, "GH026") == []


def test_overprovisioned_secrets_forms(lint):
    text = HEAD + (
        "    steps:\n"
        "      - run: echo ${{ secrets['A'] }} ${{ toJSON(secrets.B) }} ${{ secrets[matrix.n] }} ${{ ToJson(SECRETS) }}\n"
    )
    assert lint(text, "GH027") == [("GH027", 7, 68, 85), ("GH027", 7, 93, 108)]


def test_unredacted_secrets_forms(lint):
    text = HEAD + (
        "    steps:\n      - run: x\n        env:\n"
        "          A: ${{ fromJSON(secrets.CFG).password }}\n          B: ${{ fromJSON(steps.s.outputs.o).x }}\n"
    )
    assert lint(text, "GH028") == [("GH028", 9, 18, 39)]


def test_github_app_token_owner_and_revoke(lint):
    text = HEAD + (
        "    steps:\n      - uses: actions/create-github-app-token@v2\n        with:\n"
        "          owner: acme\n          permission-contents: read\n          skip-token-revoke: true\n"
        "      - uses: actions/create-github-app-token@v2\n        with:\n"
        "          owner: acme\n          repositories: a,b\n          permission-contents: read\n"
    )
    assert lint(text, "GH029") == [("GH029", 9, 11, 16), ("GH029", 11, 30, 34)]


def test_shell_name_runner_os(lint):
    text = "on: push\npermissions: {}\njobs:\n" + (
        "  w:\n    runs-on: windows-2025\n    defaults:\n      run:\n        shell: sh\n    steps:\n      - run: x\n        shell: bash\n"
        "  s:\n    runs-on: [self-hosted, windows]\n    steps:\n      - run: x\n        shell: sh\n"
        "  l:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: x\n        shell: cmd\n      - run: x\n        shell: /bin/zsh -e {0}\n"
        "      - run: x\n        shell: ${{ matrix.shell }}\n"
    )
    assert lint(text, "GH032") == [("GH032", 8, 16, 18), ("GH032", 21, 16, 19)]


def test_reusable_workflow_call(tmp_path):
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "called.yml").write_text(
        "on:\n  workflow_call:\n    inputs:\n      Version:\n        required: true\n        type: string\n"
        "      level:\n        required: true\n        type: string\n        default: x\n"
        "    secrets:\n      token:\n        required: true\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: x\n"
    )
    (folder / "plain.yml").write_text("on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: x\n")
    caller = (
        "on: push\npermissions: {}\njobs:\n"
        "  a:\n    uses: ./.github/workflows/called.yml\n    with:\n      version: '1'\n    secrets: inherit\n"
        "  b:\n    uses: ./.github/workflows/called.yml\n    secrets:\n      tokn: x\n"
        "  c:\n    uses: ./.github/workflows/plain.yml\n"
        "  d:\n    uses: ./.github/workflows/not-linted.yml\n    with:\n      anything: 1\n"
    )
    (folder / "caller.yml").write_text(caller)
    out = CliRunner().invoke(main, ["check", "--isolated", "--select", "GH033", "--format", "json", str(tmp_path)])
    found = [(f["path"].rsplit("/", 1)[-1], f["line"], f["column"], f["message"].split(" ")[0:3]) for f in json.loads(out.stdout)["findings"]]
    assert [(name, line, column) for name, line, column, _ in found] == [("caller.yml", 10, 11), ("caller.yml", 10, 11), ("caller.yml", 12, 7), ("caller.yml", 14, 11)]


def test_permission_scopes_under_actionlint_alias(lint):
    text = "on: push\npermissions:\n  issue: write\n  contents: admin\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: x\n"
    assert [(rule, line) for rule, line, _c, _e in lint(text, "actionlint:permissions")] == [("GH011", 3), ("GH011", 4)]


def test_obfuscated_uses_paths_and_constant_expressions(lint):
    text = HEAD + (
        "    steps:\n      - uses: actions/checkout/./@v4\n      - uses: ./.github/actions/../actions/x\n"
        "      - uses: ./.github/actions/x/\n      - uses: owner/repo/sub@v1\n"
        "      - run: x\n        if: ${{ false }}\n        env:\n"
        "          A: ${{ format('{0}-{1}', 'a', 'b') }}\n          B: ${{ 1 }}\n          C: ${{ format('{0}', github.ref) }}\n"
    )
    assert [(line, column) for _r, line, column, _e in lint(text, "GH034")] == [(7, 15), (8, 15), (14, 18)]


def test_secrets_outside_env_skips_reusable_workflows_and_github_token(lint):
    called = "on:\n  workflow_call:\n    secrets:\n      t:\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: x\n        env:\n          T: ${{ secrets.t }}\n"
    assert lint(called, "GH035") == []
    text = HEAD + "    steps:\n      - run: x\n        env:\n          A: ${{ secrets.GITHUB_TOKEN }}\n          B: ${{ secrets.NPM }}\n"
    assert [(line, column) for _r, line, column, _e in lint(text, "GH035")] == [(10, 18)]


def test_secrets_outside_env_whole_context(lint):
    text = HEAD + "    steps:\n      - run: echo ${{ toJSON(secrets) }} ${{ secrets[matrix.n] }}\n"
    assert [(line, column) for _r, line, column, _e in lint(text, "GH035")] == [(7, 30), (7, 46)]


def test_unsound_ternary_forms(lint):
    text = HEAD + (
        "    steps:\n      - run: x\n        env:\n"
        "          A: ${{ a.b && '' || 'x' || 'y' }}\n"
        "          B: ${{ a.b && 'x' || '' }}\n"
        "          C: ${{ true && '' || 'x' }}\n"
        "          D: ${{ a.b && 0 || c.d && fromJSON('false') || 'z' }}\n"
    )
    assert [(line, column) for _r, line, column, _e in lint(text, "GH039")] == [(9, 25), (12, 25), (12, 37)]


def test_glob_filters(lint):
    text = (
        "on:\n  push:\n    branches: ['main', '!rel ease', 'v[0-9]*', '']\n    tags: 'v1:2'\n"
        "    paths: ['src/\\[x', 'docs/[]]x', 'a/[b']\n  workflow_dispatch:\n"
        "permissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: x\n"
    )
    assert [(line, column) for _r, line, column, _e in lint(text, "GH041")] == [(3, 24), (3, 48), (4, 11), (5, 37)]
