"""cache-poisoning and trusted-publishing: which jobs publish, and the false positives
found on the corpus (lint jobs of tag-triggered CI, goreleaser snapshots, GitHub
Packages registries, `pnpm dlx x publish`); action-policy from configuration."""

import json

import pytest
from click.testing import CliRunner

from lintkit.cli import main


@pytest.fixture
def lint(lint_workflow):
    def run(text, select):
        return [(f["rule"], f["line"], f["column"]) for f in lint_workflow(text, select)]

    return run


TAGS = "on:\n  push:\n    branches: [main]\n    tags: ['v*']\npermissions: {}\njobs:\n"


def test_lint_job_of_tag_triggered_ci_is_not_publishing(lint):
    text = TAGS + (
        "  lint:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/setup-go@v5\n"
        "      - uses: actions/upload-artifact@v4\n        with:\n          name: coverage\n"
    )
    assert lint(text, "GH030") == []


def test_artifact_flowing_to_a_publishing_job(lint):
    text = TAGS + (
        "  ui:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/cache@v4\n        with:\n          path: x\n          key: k\n"
        "      - uses: actions/upload-artifact@v4\n        with:\n          name: ui-dist\n"
        "  cli:\n    needs: ui\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/download-artifact@v4\n        with:\n          name: ui-dist\n"
        "      - uses: actions/upload-artifact@v4\n        with:\n          name: cli-${{ matrix.os }}\n"
        "  publish:\n    needs: [cli]\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/download-artifact@v4\n        with:\n          pattern: cli-*\n"
        "      - uses: softprops/action-gh-release@v2\n"
        "  other:\n    needs: [cli]\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/setup-go@v5\n"
    )
    assert lint(text, "GH030") == [("GH030", 10, 15)]


def test_cache_inputs_and_snapshots(lint):
    text = "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n" + (
        "      - uses: actions/setup-node@v4\n        with:\n          cache: ${{ github.ref_type != 'tag' && 'npm' || '' }}\n"
        "      - uses: actions/setup-python@v5\n        with:\n          cache: pip\n"
        "      - uses: goreleaser/goreleaser-action@v6\n        with:\n          args: release --snapshot --clean\n"
        "  b:\n    runs-on: ubuntu-24.04\n    steps:\n      - uses: actions/setup-python@v5\n        with:\n          cache: pip\n"
        "      - run: twine upload dist/*\n"
    )
    assert lint(text, "GH030") == [("GH030", 21, 11)]


def test_trusted_publishing_skips_other_registries_and_id_token_jobs(lint):
    text = "on: push\npermissions: {}\njobs:\n  gpr:\n    runs-on: ubuntu-24.04\n    steps:\n" + (
        "      - uses: actions/setup-node@v4\n        with:\n          registry-url: https://npm.pkg.github.com\n"
        "      - run: npm publish\n"
        "      - run: gem push --host https://rubygems.pkg.github.com/acme x.gem\n"
        "      - run: pnpm dlx pkg-pr-new publish ./pkg\n"
        "      - run: npm publish --dry-run\n"
        "  oidc:\n    runs-on: ubuntu-24.04\n    permissions:\n      id-token: write\n    steps:\n      - run: uv publish\n"
        "  token:\n    runs-on: ubuntu-24.04\n    steps:\n      - run: |\n          python -m build\n          twine upload dist/*\n"
    )
    assert lint(text, "GH031") == [("GH031", 25, 11)]


def test_action_policy_from_config(tmp_path):
    folder = tmp_path / ".github" / "workflows"
    folder.mkdir(parents=True)
    (folder / "w.yml").write_text(
        "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
        "      - uses: actions/checkout@v4\n      - uses: Evil/thing/sub@v1\n      - uses: ./local\n"
        "      - uses: docker/login-action@v3\n      - uses: docker/login-action@abc\n"
    )
    config = tmp_path / ".lintkit.yaml"
    config.write_text("rules:\n  action-policy:\n    allow: ['actions/*', 'docker/login-action@v3', 'evil/*']\n    deny: [evil/thing]\n")
    out = CliRunner().invoke(main, ["check", "--config", str(config), "--select", "GH040", "--format", "json", str(tmp_path)])
    assert [(f["line"], f["message"].split("`")[1]) for f in json.loads(out.stdout)["findings"]] == [(8, "Evil/thing/sub@v1"), (11, "docker/login-action@abc")]
    # nothing configured: nothing reported
    out = CliRunner().invoke(main, ["check", "--isolated", "--select", "GH040", "--format", "json", str(tmp_path)])
    assert json.loads(out.stdout)["findings"] == []


def test_misfeature_shells_and_pip_install(lint):
    text = "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: windows-2025\n    steps:\n" + (
        "      - run: x\n        shell: cmd\n      - run: x\n        shell: Rscript {0}\n      - run: x\n        shell: bash -e {0}\n"
        "      - uses: actions/setup-python@v6\n        with:\n          pip-install: requests\n      - uses: x/y@v1\n        shell: cmd\n"
    )
    assert lint(text, "GH043") == [("GH043", 8, 16), ("GH043", 10, 16), ("GH043", 15, 11)]


def test_pin_tools(lint):
    text = "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n" + (
        "      - uses: hashicorp/setup-terraform@v3\n"
        "      - uses: hashicorp/setup-terraform@v3\n        with: ${{ fromJSON(vars.TF) }}\n"
        "      - uses: extractions/setup-just@v2\n        with:\n          just-version: '*'\n"
        "      - uses: docker/metadata-action@v5\n        with:\n          tags: latest\n"
        "      - uses: actions/setup-node@v4\n        with:\n          node-version: 22\n"
    )
    assert lint(text, "GH044") == [("GH044", 7, 15), ("GH044", 12, 25)]


def test_document_permissions_comments(lint):
    text = (
        "on: push\npermissions:\n  contents: read\n  packages: write  # push the image\n"
        "  # sign with sigstore\n  id-token: write\n  issues: write  # lintkit: ignore=GH004\n  pull-requests: write\n"
        "jobs:\n  a:\n    runs-on: ubuntu-24.04\n    permissions: {statuses: write}\n    steps:\n      - run: x\n"
    )
    assert lint(text, "GH045") == [("GH045", 7, 3), ("GH045", 8, 3), ("GH045", 12, 19)]


def test_artifact_signing_evidence(lint):
    head = "on: push\npermissions: {}\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
    signed_by_xargs = head + (
        "      - uses: docker/build-push-action@v6\n        with:\n          push: ${{ github.event_name != 'pull_request' }}\n          sbom: true\n"
        "      - run: echo \"$TAGS\" | xargs -I {} cosign sign --yes {}@${DIGEST}\n"
    )
    assert lint(signed_by_xargs, "GH046") == []
    provenance_only = head + (
        "      - run: docker buildx build --push -t x/y:1 .\n      - uses: actions/attest-build-provenance@v2\n"
        "      - uses: docker/build-push-action@v6\n        with:\n          push: false\n"
    )
    assert lint(provenance_only, "GH046") == [("GH046", 7, 14)]
