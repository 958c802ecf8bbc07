"""The result cache: what a warm run reuses, and every change that must invalidate it."""

import json
import os

import pytest
from click.testing import CliRunner

import lintkit
from lintkit import engine
from lintkit.cache import Cache
from lintkit.cli import main

COMPOSE = 'services:\n  web:\n    image: "nginx:${TAG}"\n'

PIPELINE = """\
include:
  - local: ci/jobs.yml
stages: [build, test]
test:
  stage: test
  needs: [build]
  script: make test
"""
JOBS = "build:\n  stage: build\n  script: make\n"

DEPLOYMENT = """\
apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
spec:
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
        - name: web
          image: nginx:1.27.2
"""
SERVICE = """\
apiVersion: v1
kind: Service
metadata:
  name: web
spec:
  selector: {app: %s}
  ports:
    - port: 80
"""


@pytest.fixture
def linted(monkeypatch):
    """Paths the engine lints (rather than serves from the cache), in the last run."""
    seen: list[str] = []
    original = engine.lint_target

    def recording(target):
        seen.append(target.path)
        return original(target)

    monkeypatch.setattr(engine, "lint_target", recording)
    return seen


def run(tmp_path, *args, stdin=None):
    old = os.getcwd()
    os.chdir(tmp_path)
    try:
        result = CliRunner().invoke(main, ["check", "--isolated", "-j", "1", "--format", "json", *args],
                                    input=stdin, catch_exceptions=False)
    finally:
        os.chdir(old)
    return result, json.loads(result.output)["findings"] if result.output.startswith("{") else None


def findings(tmp_path, *args):
    return sorted((f["path"], f["rule"], f["line"], f["column"], f["message"]) for f in run(tmp_path, *args)[1])


def write(folder, name, text):
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text)


def test_a_warm_run_lints_nothing_and_reports_the_same(tmp_path, linted):
    write(tmp_path, "docker-compose.yml", COMPOSE)
    write(tmp_path, ".env", "TAG=latest\n")
    write(tmp_path, "Dockerfile", "FROM debian\nRUN apt-get install curl\n")
    cold = findings(tmp_path, ".")
    assert sorted(linted) == ["Dockerfile", "docker-compose.yml"]
    linted.clear()
    assert findings(tmp_path, ".") == cold
    assert linted == []


def test_editing_dotenv_changes_the_compose_findings(tmp_path, linted):
    write(tmp_path, "docker-compose.yml", COMPOSE)
    write(tmp_path, ".env", "TAG=latest\n")
    assert [f[1] for f in findings(tmp_path, ".")] == ["DC001"]
    write(tmp_path, ".env", "TAG=1.27.2\n")
    linted.clear()
    assert findings(tmp_path, ".") == []
    assert linted == ["docker-compose.yml"]
    (tmp_path / ".env").unlink()  # a dependency that disappears invalidates too
    linted.clear()
    assert any("TAG" in f[4] for f in findings(tmp_path, "."))
    assert linted == ["docker-compose.yml"]


def test_editing_an_included_gitlab_file_changes_the_including_pipelines_findings(tmp_path):
    write(tmp_path, ".gitlab-ci.yml", PIPELINE)
    write(tmp_path, "ci/jobs.yml", JOBS)
    # Only the entry file is linted: the include is read by the whole-pipeline pass.
    assert [f for f in findings(tmp_path, ".gitlab-ci.yml") if f[1] == "GL005"] == []
    write(tmp_path, "ci/jobs.yml", JOBS.replace("build:", "compile:"))
    needs = [f[:4] for f in findings(tmp_path, ".gitlab-ci.yml") if f[1] == "GL005"]
    assert needs == [(".gitlab-ci.yml", "GL005", 6, 11)]


def test_editing_one_manifest_relints_it_alone_and_reruns_the_cross_object_rules(tmp_path, linted):
    write(tmp_path, "k8s/deployment.yaml", DEPLOYMENT)
    write(tmp_path, "k8s/service.yaml", SERVICE % "web")
    rule = "service-selects-pods"
    cold = [f for f in run(tmp_path, "--select", rule, "k8s")[1]]
    assert cold == []
    write(tmp_path, "k8s/service.yaml", SERVICE % "api")
    linted.clear()
    warm = run(tmp_path, "--select", rule, "k8s")[1]
    assert linted == ["k8s/service.yaml"]
    assert [(f["path"], f["name"], f["line"]) for f in warm] == [("k8s/service.yaml", rule, 6)]


def test_a_new_lintkit_version_or_another_configuration_invalidates_everything(tmp_path, linted, monkeypatch):
    write(tmp_path, "Dockerfile", "FROM debian\n")
    write(tmp_path, "docker-compose.yml", "services:\n  web:\n    image: nginx:1.27.2\n")
    findings(tmp_path, ".")
    linted.clear()
    findings(tmp_path, "--ignore", "DF001", ".")
    assert len(linted) == 2
    linted.clear()
    findings(tmp_path, "--ignore", "DF001", ".")
    assert linted == []
    monkeypatch.setattr(lintkit, "__version__", "999.0.0")
    findings(tmp_path, "--ignore", "DF001", ".")
    assert len(linted) == 2


def test_a_corrupt_or_foreign_entry_is_a_miss(tmp_path, linted):
    cache_dir = tmp_path / "cache"
    project = tmp_path / "project"
    write(project, "Dockerfile", "FROM debian\nRUN apt-get install curl\n")
    cold = findings(project, "--cache-dir", str(cache_dir), ".")
    entries = [p for p in cache_dir.rglob("*") if p.is_file()]
    assert entries
    for number, entry in enumerate(entries):
        entry.write_bytes(b"\x80\x04garbage" if number % 2 else b"not a pickle at all")
    linted.clear()
    assert findings(project, "--cache-dir", str(cache_dir), ".") == cold
    assert linted == ["Dockerfile"]
    linted.clear()
    assert findings(project, "--cache-dir", str(cache_dir), ".") == cold
    assert linted == []


def test_no_cache_and_stdin_neither_read_nor_write_it(tmp_path, linted):
    cache_dir = tmp_path / "cache"
    project = tmp_path / "project"
    write(project, "Dockerfile", "FROM debian\n")
    run(project, "--no-cache", "--cache-dir", str(cache_dir), ".")
    assert not cache_dir.exists()
    result, found = run(project, "--cache-dir", str(cache_dir), "--stdin-filename", "Dockerfile", "-",
                        stdin="FROM debian\n")
    assert not cache_dir.exists()
    assert [f["rule"] for f in found] == [f["rule"] for f in run(project, "--no-cache", "Dockerfile")[1]]


def test_the_environment_variable_sets_the_folder(tmp_path, monkeypatch):
    monkeypatch.setenv("LINTKIT_CACHE_DIR", str(tmp_path / "from-env"))
    write(tmp_path, "Dockerfile", "FROM debian\n")
    run(tmp_path, "Dockerfile")
    assert any(p.is_file() for p in (tmp_path / "from-env").rglob("*"))


def test_the_folder_is_trimmed_oldest_first(tmp_path):
    cache = Cache(str(tmp_path), {})
    for number in range(10):
        cache.put(f"{number:02d}" + "0" * 30, b"x" * 1000)
        path = cache._path(f"{number:02d}" + "0" * 30)
        os.utime(path, ns=(number * 10**9, number * 10**9))
    cache.trim(max_bytes=5000)
    kept = sorted(p for p in tmp_path.rglob("*") if p.is_file())
    assert [p.parent.name for p in kept] == ["07", "08", "09"]  # the newest, within 80% of the cap
    assert sum(p.stat().st_size for p in kept) <= 4000
    assert cache.get("09" + "0" * 30) == b"x" * 1000


def test_an_entry_that_would_call_a_function_is_refused(tmp_path):
    import pickle

    from lintkit import cache as cache_module

    class RunsCode:
        def __reduce__(self):
            return (os.system, ("echo pwned > " + str(tmp_path / "ran"),))

    cache = Cache(str(tmp_path / "cache"), {})
    key = "ab" * 16
    cache.put(key, RunsCode())
    assert cache.get(key) is None
    assert not (tmp_path / "ran").exists()
    with pytest.raises(pickle.UnpicklingError):
        cache_module.loads(pickle.dumps(RunsCode()))


def test_concurrent_writers_never_leave_half_an_entry(tmp_path):
    key = "cd" * 16
    values = {name: name * 200_000 for name in ("a", "b")}
    children = []
    for name, value in values.items():
        pid = os.fork()
        if pid == 0:  # a writer: another run storing the same entry
            try:
                writer = Cache(str(tmp_path), {})
                for _ in range(50):
                    writer.put(key, value)
            finally:
                os._exit(0)
        children.append(pid)
    reader = Cache(str(tmp_path), {})
    while children:
        found = reader.get(key)
        assert found is None or found in values.values()
        children = [pid for pid in children if os.waitpid(pid, os.WNOHANG) == (0, 0)]
    assert reader.get(key) in values.values()
    assert not [p for p in (tmp_path / "v1").rglob(".tmp-*")]  # no temporary file left behind
