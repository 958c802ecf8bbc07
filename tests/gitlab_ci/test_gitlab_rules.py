"""GitLab CI rules: exact positions and messages, and corpus regressions."""

import json
import os

import pytest
import shared_folder
from click.testing import CliRunner

from lintkit.cli import main

SEEDS = shared_folder.SEEDS
CORPUS = os.path.join(shared_folder.CORPUS, "gitlab-ci")


def lint(tmp_path, text, select, name=".gitlab-ci.yml", extra=()):
    path = tmp_path / name
    path.write_text(text)
    for rel, body in extra:
        target = tmp_path / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(body)
    return run([str(path)], select)


def run(paths, select):
    out = CliRunner().invoke(main, ["check", "--isolated", "--select", select, "--format", "json", *paths])
    return json.loads(out.stdout)["findings"]


def test_bare_string_only_reported_at_value(tmp_path):
    [f] = lint(tmp_path, "deploy:\n  script: ./deploy.sh\n  only: master\n", "GL003")
    assert (f["line"], f["column"], f["end_column"]) == (3, 9, 15)
    assert "write it as a list, `[master]`" in f["message"]


def test_null_global_variable_is_reported_as_at_job_level(tmp_path):
    """A job's empty keyword is unset, but a null variable value is an error everywhere."""
    text = "variables:\n  GLOBAL_NULL:\n  OK: '1'\ndefault:\n  image:\njob:\n  parallel:\n  variables:\n    JOB_NULL:\n  script: [echo]\n"
    findings = lint(tmp_path, text, "GL003")
    assert [(f["line"], f["column"], f["message"].split(":")[0]) for f in findings] == [
        (2, 15, "`variables.GLOBAL_NULL`"),
        (9, 14, "`job.variables.JOB_NULL`"),
    ]


def test_slid_environment_keys_named(tmp_path):
    text = "review:\n  script: x\n  environment:\n  name: review\n  url: https://example.com\n"
    findings = lint(tmp_path, text, "GL003")
    by_line = {f["line"]: f["message"] for f in findings}
    assert "belongs under `environment:` (line 3)" in by_line[4]
    assert "belongs under `environment:` (line 3)" in by_line[5]


def test_reference_resolved_before_schema(tmp_path):
    text = ".rules:\n  rules:\n    - if: $CI_COMMIT_TAG\ntest:\n  script: x\n  rules:\n    - !reference [.rules, rules]\n"
    assert lint(tmp_path, text, "GL003") == []


def test_unresolvable_reference_is_not_misread(tmp_path):
    text = "test:\n  script: x\n  variables: !reference [.elsewhere, variables]\n"
    assert lint(tmp_path, text, "GL003") == []


def test_stage_and_needs_across_local_include(tmp_path):
    extra = (("ci/build.yml", "build:\n  stage: build\n  script: make\n"),)
    text = "include:\n  - local: ci/build.yml\ntest:\n  needs: [build]\n  script: make test\n"
    assert lint(tmp_path, text, "GL004,GL005,GL006", extra=extra) == []


def test_needs_later_stage(tmp_path):
    text = "build:\n  stage: build\n  needs: [lint]\n  script: make\nlint:\n  stage: test\n  script: make lint\n"
    [f] = lint(tmp_path, text, "GL006")
    assert (f["line"], f["column"]) == (3, 11)


def test_extends_cycle(tmp_path):
    text = ".a:\n  extends: .b\n.b:\n  extends: .a\njob:\n  extends: .a\n  script: x\n"
    messages = [f["message"] for f in lint(tmp_path, text, "GL007")]
    assert any("circular extends" in m for m in messages)


def test_password_flag_behind_sudo(tmp_path):
    [f] = lint(tmp_path, "push:\n  script:\n    - sudo docker login -u u -p $P\n", "GL014")
    assert (f["line"], f["column"], f["end_column"]) == (3, 30, 32)


def test_curl_pipe_shell_in_folded_scalar(tmp_path):
    [f] = lint(tmp_path, "setup:\n  script: >\n    curl -sSL https://x.example/i.sh\n    | sh\n", "GL015")
    assert (f["line"], f["column"]) == (3, 5)


def test_secret_masked(tmp_path):
    [f] = lint(tmp_path, "variables:\n  DB_PASSWORD: hunter2hunter2\njob:\n  script: x\n", "GL016")
    assert "hunter2hunter2" not in f["message"] and f["line"] == 2


@pytest.mark.corpus
def test_seed_expectations():
    findings = run([SEEDS + "/course-cicd", SEEDS + "/reddit-gitlab"], "gitlab-ci")
    seen = {(os.path.basename(os.path.dirname(f["path"])), f["rule"], f["line"]) for f in findings}
    assert ("course-cicd", "GL003", 62) in seen
    assert ("course-cicd", "GL013", 39) in seen
    assert ("course-cicd", "GL014", 49) in seen
    assert ("reddit-gitlab", "GL003", 43) in seen


@pytest.mark.corpus
def test_corpus_schema_false_positives_fixed():
    """Regressions: `parallel: null` / `variables:` left empty (GitLab reads them as
    unset), lists nested by YAML anchors in `cache:`, trigger completed by extends, and
    !reference splices in rules: none is a schema error."""
    paths = [
        CORPUS + "/gitlabhq__gitlab-runner/.gitlab/ci/test.gitlab-ci.yml",
        CORPUS + "/gitlabhq__gitlab-shell/.gitlab-ci.yml",
        CORPUS + "/gitlabhq__omnibus-gitlab/gitlab-ci-config/gitlab-com.yml",
        CORPUS + "/gitlabhq__omnibus-gitlab/gitlab-ci-config/dev-gitlab-org.yml",
    ]
    assert [f for f in run(paths, "GL003") if f["rule"] == "GL003"] == []
