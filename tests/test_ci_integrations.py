"""The CI integrations shipped in the repository: the GitHub Action (action.yml), the
GitLab CI template (ci/lintkit.gitlab-ci.yml), the container image (Dockerfile) and the
pre-commit hooks. Each is linted clean by lintkit itself, and the commands each runs are
run here, against the installed lintkit."""

import json
import os
import re
import shutil
import subprocess
import sys

import pytest
import yaml
from click.testing import CliRunner

from lintkit.cli import main
from lintkit.parsers import dockerfile as dockerfile_parser
from lintkit.source import SourceFile

ROOT = os.path.normpath(os.path.join(os.path.dirname(__file__), os.pardir))
ACTION = os.path.join(ROOT, "action.yml")
GITLAB_TEMPLATE = os.path.join(ROOT, "ci", "lintkit.gitlab-ci.yml")
DOCKERFILE = os.path.join(ROOT, "Dockerfile")
HOOKS = os.path.join(ROOT, ".pre-commit-hooks.yaml")
#: The folder of the lintkit program this test run uses.
BIN = os.path.dirname(sys.executable)

BAD_TREE = {
    "Dockerfile": "FROM debian:12\nRUN apt-get install -y curl\n",
    "docker-compose.yml": "services:\n  web:\n    image: nginx:1.27.2\n",
}


def _load(path):
    with open(path, encoding="utf-8") as fh:
        return yaml.safe_load(fh)


def _lint_json(*paths):
    result = CliRunner().invoke(main, ["check", "--isolated", "--select", "ALL", "--format", "json", *paths])
    return result, json.loads(result.stdout)


@pytest.mark.parametrize(
    ("path", "kind"),
    [(ACTION, "github-actions"), (GITLAB_TEMPLATE, "gitlab-ci"), (DOCKERFILE, "dockerfile")],
)
def test_lintkit_lints_its_own_integrations_clean_with_every_rule(path, kind):
    result, report = _lint_json(path)
    assert report["findings"] == [] and result.exit_code == 0
    assert report["summary"]["by_kind"] == {kind: 1}


def _write(tree, files):
    for name, text in files.items():
        (tree / name).write_text(text)
    return tree


# --- GitHub Action ----------------------------------------------------------------------


def test_action_is_composite_with_the_documented_inputs():
    action = _load(ACTION)
    assert action["runs"]["using"] == "composite"
    assert {"paths", "format", "fail-on", "baseline", "sarif-file", "upload-sarif"} <= set(action["inputs"])
    steps = action["runs"]["steps"]
    uses = [step.get("uses", "") for step in steps]
    assert any(u.startswith("github/codeql-action/upload-sarif@") for u in uses)
    assert all(re.fullmatch(r"[\w/-]+@[0-9a-f]{40}", u) for u in uses if u)  # pinned by commit
    install = next(step for step in steps if step.get("name") == "Install lintkit")
    assert '"$GITHUB_ACTION_PATH"' in install["run"]  # the action's own revision


def _action_step(name):
    return next(step for step in _load(ACTION)["runs"]["steps"] if step.get("name") == name)


def test_the_action_run_step_writes_sarif_prints_the_format_and_records_the_exit_code(tmp_path):
    step = _action_step("Run lintkit")
    tree = _write(tmp_path, BAD_TREE)
    output = tmp_path / "github-output"
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "GITHUB_OUTPUT": str(output),
        "LINTKIT_PATHS": "Dockerfile docker-compose.yml",
        "LINTKIT_FORMAT": "github",
        "LINTKIT_FAIL_ON": "warning",
        "LINTKIT_BASELINE": "",
        "LINTKIT_SARIF": "lintkit.sarif",
    }
    env.pop("CI", None)
    completed = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=tree, env=env, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr  # the failure comes in a later step
    assert output.read_text() == "exit-code=1\n"
    assert "::warning file=Dockerfile,line=2" in completed.stdout
    sarif = json.loads((tree / "lintkit.sarif").read_text())
    assert "DF003" in {result["ruleId"] for result in sarif["runs"][0]["results"]}


def test_the_action_passes_the_baseline_through():
    script = _action_step("Run lintkit")["run"]
    assert 'args+=(--baseline "$LINTKIT_BASELINE")' in script
    assert _action_step("Run lintkit")["env"]["LINTKIT_BASELINE"] == "${{ inputs.baseline }}"


# --- GitLab CI template -----------------------------------------------------------------


def test_gitlab_template_job_reports_code_quality_and_prints_concise_text(tmp_path):
    job = _load(GITLAB_TEMPLATE)["lintkit"]
    assert job["artifacts"]["reports"]["codequality"] == "$LINTKIT_CODE_QUALITY_REPORT"
    assert job["artifacts"]["when"] == "always"
    install, *commands = job["script"]
    assert install.startswith("python -m pip install") and '"$LINTKIT_REQUIREMENT"' in install
    tree = _write(tmp_path, BAD_TREE)
    env = {**os.environ, **job["variables"], "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    env.pop("CI", None)
    completed = subprocess.run(["sh", "-c", "\n".join(commands)], cwd=tree, env=env, capture_output=True, text=True)
    assert completed.returncode == 1
    assert "Dockerfile:2:24: DF003 [warning] Pin versions in apt-get install (curl) (apt-pin-versions)" in (
        completed.stdout.splitlines())
    issues = json.loads((tree / "gl-code-quality.json").read_text())
    assert "DF003" in {issue["check_name"] for issue in issues}


# --- container image --------------------------------------------------------------------


def _dockerfile():
    with open(DOCKERFILE, encoding="utf-8") as fh:
        return dockerfile_parser.parse(SourceFile("Dockerfile", fh.read()))


def test_the_image_is_small_pinned_non_root_and_runs_lintkit():
    parsed = _dockerfile()
    final = parsed.final_stage
    assert all("@sha256:" in stage.from_instruction.value for stage in parsed.stages)
    assert "alpine" in final.from_instruction.value  # small base
    [user] = list(final.instructions_named("USER"))
    assert not user.value.startswith(("0", "root"))
    [entrypoint] = list(final.instructions_named("ENTRYPOINT"))
    assert [token.value for token in entrypoint.exec_form] == ["lintkit"]


def _install_step():
    """The build stage's COPY sources and its RUN command."""
    build = _dockerfile().stages[0]
    copies = [[token.value for token in copy.args[:-1]] for copy in build.instructions_named("COPY")]
    [run] = list(build.instructions_named("RUN"))
    return [source for sources in copies for source in sources], run.value


def test_the_image_copies_everything_pip_install_needs():
    sources, command = _install_step()
    assert all(os.path.exists(os.path.join(ROOT, source)) for source in sources)
    assert {"pyproject.toml", "README.md", "lintkit", "rules"} <= set(sources)
    assert command.startswith("python -m venv /opt/lintkit && /opt/lintkit/bin/pip install")


@pytest.mark.slow
def test_the_image_install_step_works_in_a_venv(tmp_path):
    """The build stage's install, without Docker: its COPY sources staged in a folder and
    its RUN command run there, with the image's /opt/lintkit moved into the test's folder.
    Installs lintkit and its dependencies from the package index (slow: `pytest -m slow`)."""
    sources, command = _install_step()
    stage = tmp_path / "build"
    stage.mkdir()
    for source in sources:
        origin = os.path.join(ROOT, source)
        if os.path.isdir(origin):
            shutil.copytree(origin, stage / source, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(origin, stage / source)
    venv = tmp_path / "opt-lintkit"
    env = {**os.environ, "PATH": f"{os.path.dirname(sys.executable)}{os.pathsep}{os.environ['PATH']}"}
    subprocess.run(["sh", "-c", command.replace("/opt/lintkit", str(venv))], cwd=stage, env=env, check=True)
    (tmp_path / "Dockerfile").write_text("FROM debian:12\nRUN apt-get install -y curl\n")
    completed = subprocess.run([str(venv / "bin" / "lintkit"), "check", "--isolated", "--output-format", "concise",
                                "Dockerfile"], cwd=tmp_path, capture_output=True, text=True)
    assert completed.returncode == 1
    assert "Dockerfile:2:24: DF003" in completed.stdout


# --- pre-commit hooks -------------------------------------------------------------------


def _hooks():
    return {hook["id"]: hook for hook in _load(HOOKS)}


@pytest.mark.parametrize(
    ("path", "passed"),
    [
        ("Dockerfile", True), ("app/Dockerfile.prod", True), ("build.dockerfile", True), ("Containerfile", True),
        ("deploy/pod.yaml", True), ("docker-compose.yml", True), (".gitlab-ci.yml", True),
        ("inventory.ini", True), ("ansible/hosts", True), ("inventories/prod/hosts.ini", True),
        ("inventory/prod", True), ("inventory", True),
        ("README.md", False), ("setup.py", False), ("ghosts", False), ("docs/hosts.md", False),
    ],
)
def test_the_main_hook_passes_every_kind_including_ini_inventories(path, passed):
    hook = _hooks()["lintkit"]
    assert hook["types"] == ["text"]
    assert bool(re.search(hook["files"], path)) is passed


def test_the_hooks_run_in_one_process_so_the_summary_prints_once():
    for hook in _hooks().values():
        assert hook["require_serial"] is True
        assert "--quiet" not in hook["entry"]


def test_the_hook_lints_an_ini_inventory_it_is_given(tmp_path):
    (tmp_path / "inventory").mkdir()
    (tmp_path / "inventory/hosts").write_text("[web]\nweb1 ansible_host=10.0.0.1 ansible_password=hunter2\n")
    entry = _hooks()["lintkit"]["entry"].split()[1:]
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, [*entry, "--isolated", "--format", "json", "inventory/hosts"])
    finally:
        os.chdir(old)
    report = json.loads(result.stdout)
    assert report["summary"]["by_kind"] == {"ansible": 1}
