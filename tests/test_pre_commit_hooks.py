"""The pre-commit hooks exist, call the installed command, and lint what they claim to."""

import os
import shlex

import yaml
from click.testing import CliRunner

from lintkit.cli import main

HOOKS_FILE = os.path.join(os.path.dirname(__file__), os.pardir, ".pre-commit-hooks.yaml")


def load_hooks():
    with open(HOOKS_FILE) as fh:
        return {hook["id"]: hook for hook in yaml.safe_load(fh)}


def test_hooks_are_well_formed():
    hooks = load_hooks()
    assert {"lintkit", "lintkit-dockerfile"} <= set(hooks)
    for hook in hooks.values():
        assert {"id", "name", "entry", "language"} <= set(hook)
        assert hook["language"] == "python"
        assert shlex.split(hook["entry"])[0] == "lintkit"


def test_main_hook_covers_dockerfiles_yaml_and_ini_inventories():
    # `files` picks them by name (tests/test_ci_integrations.py lists the names).
    hook = load_hooks()["lintkit"]
    assert hook["types"] == ["text"] and "inventor" in hook["files"] and ".ini" in hook["files"]


def test_hook_entry_lints_the_files_pre_commit_passes(tmp_path):
    (tmp_path / "Dockerfile").write_text("FROM ubuntu:24.04\nRUN apt-get update && apt-get upgrade -y\n")
    (tmp_path / "docker-compose.yml").write_text("services:\n  web:\n    image: nginx:latest\n")
    args = shlex.split(load_hooks()["lintkit"]["entry"])[1:] + ["--isolated"]
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, args + ["Dockerfile", "docker-compose.yml"])
    finally:
        os.chdir(old)
    assert result.exit_code == 1
    assert "docker-compose.yml:3:12" in result.stdout
