"""Configs that follow the tree: a .lintkit.yaml in a subfolder applies to the files below
it on top of the configs above it (implicit inheritance; root: true stands alone)."""

import json

import pytest
from test_cli import files, run

from lintkit.config_tree import rebase

POD = ("apiVersion: v1\nkind: Pod\nmetadata:\n  name: web\nspec:\n  containers:\n"
       "    - name: web\n      image: nginx:latest\n")
DOCKERFILE = "FROM debian:12\nRUN apt-get install -y curl\n"


def _found(result):
    return sorted((f["path"], f["rule"], f["severity"]) for f in json.loads(result.stdout)["findings"])


def _monorepo(tmp_path, deploy_config, top_config="select: [K8001, DF003]\n"):
    return files(tmp_path, **{
        ".lintkit.yaml": top_config,
        "pod.yaml": POD,
        "deploy__pod.yaml": POD,
        "deploy__Dockerfile": DOCKERFILE,
        "deploy__.lintkit.yaml": deploy_config,
    })


def test_a_subfolder_config_builds_on_the_one_above(tmp_path):
    _monorepo(tmp_path, "ignore: [DF003]\nseverity:\n  K8001: error\n")
    found = _found(run(["check", "--format", "json", "."], tmp_path))
    assert found == [("deploy/pod.yaml", "K8001", "error"), ("pod.yaml", "K8001", "warning")]


def test_linting_the_subfolder_alone_applies_the_same_configs(tmp_path):
    _monorepo(tmp_path, "ignore: [DF003]\nseverity:\n  K8001: error\n")
    assert _found(run(["check", "--format", "json", "deploy"], tmp_path)) == [("deploy/pod.yaml", "K8001", "error")]
    inside = _found(run(["check", "--format", "json", "."], tmp_path / "deploy"))
    assert inside == [("pod.yaml", "K8001", "error")]


def test_select_replaces_and_root_stands_alone(tmp_path):
    _monorepo(tmp_path, "select: [DF003]\n")
    assert _found(run(["check", "--format", "json", "."], tmp_path)) == [
        ("deploy/Dockerfile", "DF003", "warning"), ("pod.yaml", "K8001", "warning")]
    _monorepo(tmp_path, "root: true\nignore: [K8001]\n", top_config="select: [DF003]\n")
    # root: the top select does not reach deploy/, whose config keeps the default rule set.
    found = _found(run(["check", "--format", "json", "--select", "DF003,K8001", "."], tmp_path))
    assert ("deploy/pod.yaml", "K8001", "warning") not in found and ("pod.yaml", "K8001", "warning") in found


def test_command_line_selection_still_wins(tmp_path):
    _monorepo(tmp_path, "ignore: [K8001]\n")
    found = _found(run(["check", "--format", "json", "--select", "K8001", "--ignore", "DF003", "."], tmp_path))
    assert found == [("pod.yaml", "K8001", "warning")]


def test_nested_per_file_ignores_are_relative_to_their_folder(tmp_path):
    _monorepo(tmp_path, "per-file-ignores:\n  /pod.yaml: [K8001]\n")
    files(tmp_path, **{"deploy__sub__pod.yaml": POD})
    found = _found(run(["check", "--format", "json", "."], tmp_path))
    assert [f for f in found if f[1] == "K8001"] == [
        ("deploy/sub/pod.yaml", "K8001", "warning"), ("pod.yaml", "K8001", "warning")]


def test_nested_rule_options_merge_per_rule(tmp_path):
    workflow = ("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
                "      - uses: actions/checkout@v4\n      - uses: evil/thing@v1\n")
    files(tmp_path, **{
        ".lintkit.yaml": "select: [action-policy]\nrules:\n  action-policy:\n    deny: ['evil/*']\n",
        "a__.github__workflows__ci.yml": workflow,
        "b__.github__workflows__ci.yml": workflow,
        "b__.lintkit.yaml": "rules:\n  action-policy:\n    allow: ['actions/*']\n",
    })
    result = run(["check", "--format", "json", "."], tmp_path)
    messages = sorted((f["path"], f["line"]) for f in json.loads(result.stdout)["findings"])
    assert messages == [("a/.github/workflows/ci.yml", 7), ("b/.github/workflows/ci.yml", 7)]


@pytest.mark.parametrize("key", ["fail-on: error", "exclude: [x]", "output-format: concise"])
def test_run_wide_keys_belong_to_the_run_config(tmp_path, key):
    _monorepo(tmp_path, key + "\n")
    result = run(["check", "."], tmp_path)
    assert result.exit_code == 2
    assert "deploy/.lintkit.yaml" in result.stderr and "applies to the whole run" in result.stderr


def test_nested_selectors_are_validated(tmp_path):
    _monorepo(tmp_path, "ignore: [dockerfil]\n")
    result = run(["check", "."], tmp_path)
    assert result.exit_code == 2 and "deploy/.lintkit.yaml: ignore: unknown rule selector(s) 'dockerfil'" in result.stderr


def test_config_and_isolated_turn_nested_configs_off(tmp_path):
    _monorepo(tmp_path, "ignore: [K8001]\n")
    found = _found(run(["check", "--config", ".lintkit.yaml", "--format", "json", "."], tmp_path))
    assert ("deploy/pod.yaml", "K8001", "warning") in found


@pytest.mark.parametrize(
    ("pattern", "rebased"),
    [("legacy", "/deploy/**/legacy"), ("/pod.yaml", "/deploy/pod.yaml"), ("k8s/*.yaml", "/deploy/k8s/*.yaml"),
     ("!keep.yaml", "!/deploy/**/keep.yaml"), ("gen/", "/deploy/**/gen/")],
)
def test_rebase(pattern, rebased, tmp_path):
    assert rebase(pattern, str(tmp_path / "deploy"), str(tmp_path)) == rebased


def test_without_a_run_config_nested_ones_below_the_working_folder_apply(tmp_path):
    files(tmp_path, **{"pod.yaml": POD, "deploy__pod.yaml": POD, "deploy__.lintkit.yaml": "ignore: [K8001]\n"})
    found = _found(run(["check", "--select", "K8001", "--format", "json", "."], tmp_path))
    assert found == [("pod.yaml", "K8001", "warning")]


def test_configs_above_the_working_folder_are_not_nested_layers(tmp_path):
    files(tmp_path, **{"outer__deploy__pod.yaml": POD, "outer__.lintkit.yaml": "ignore: [K8001]\n",
                       "here__pod.yaml": POD})
    # The first path has no config above it: outer/'s config is not read for outer/deploy.
    found = _found(run(["check", "--isolated", "--select", "K8001", "--format", "json", "pod.yaml",
                        "../outer/deploy/pod.yaml"], tmp_path / "here"))
    assert found == [("../outer/deploy/pod.yaml", "K8001", "warning"), ("pod.yaml", "K8001", "warning")]
    found = _found(run(["check", "--select", "K8001", "--format", "json", "pod.yaml", "../outer/deploy/pod.yaml"],
                       tmp_path / "here"))
    assert ("../outer/deploy/pod.yaml", "K8001", "warning") in found
