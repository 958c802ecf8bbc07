"""Linting with several processes (--jobs): the same report as one process, and a worker
that dies costs its files an internal error each, never the run."""

from __future__ import annotations

import os
import shutil
import time

from lintkit import engine
from lintkit.discover import discover
from lintkit.engine import RunOptions, run
from lintkit.registry import Selection

EXAMPLES = os.path.join(os.path.dirname(__file__), os.pardir, os.pardir, "examples")


def _run(paths, jobs):
    return run(discover(paths).targets, RunOptions(selection=Selection(["ALL"], []), jobs=jobs))


def test_workers_report_what_one_process_reports(tmp_path):
    project = tmp_path / "project"
    shutil.copytree(EXAMPLES, project)
    for index in range(12):  # files of no kind the names tell, linted wherever they land
        (project / f"pod-{index}.yaml").write_text(
            f"apiVersion: v1\nkind: Pod\nmetadata:\n  name: pod-{index}\nspec:\n"
            "  containers:\n    - name: app\n      image: nginx:latest\n"
        )
    alone, shared = _run([str(project)], 1), _run([str(project)], 3)
    assert shared.errors == alone.errors == []
    assert shared.findings == alone.findings
    assert shared.files == alone.files
    assert len(alone.findings) > 50


def test_a_worker_that_dies_costs_its_files_an_internal_error(tmp_path, monkeypatch):
    for index in range(8):
        (tmp_path / f"pod-{index}.yaml").write_text(f"apiVersion: v1\nkind: Pod\nmetadata:\n  name: p{index}\n")
    parent = os.getpid()
    lint_target = engine.lint_target

    def dies_in_workers(target):
        if os.getpid() != parent:
            os._exit(3)
        time.sleep(0.05)  # leave the worker files to take
        return lint_target(target)

    monkeypatch.setattr(engine, "lint_target", dies_in_workers)
    result = _run([str(tmp_path)], 2)
    linted = {f.path for f in result.findings}
    lost = {e.path for e in result.errors}
    assert lost and not lost & linted
    assert lost | linted == {str(tmp_path / f"pod-{index}.yaml") for index in range(8)}
    assert all("worker process" in e.message for e in result.errors)


def test_a_result_a_worker_cannot_send_becomes_an_internal_error(tmp_path, monkeypatch):
    for index in range(8):
        (tmp_path / f"pod-{index}.yaml").write_text(f"apiVersion: v1\nkind: Pod\nmetadata:\n  name: p{index}\n")
    parent = os.getpid()
    lint_target = engine.lint_target

    def unpicklable_in_workers(target):
        result = lint_target(target)
        if os.getpid() != parent:
            result.facts["plugin"] = lambda: None  # what a careless plugin's collect may return
        else:
            time.sleep(0.05)
        return result

    monkeypatch.setattr(engine, "lint_target", unpicklable_in_workers)
    result = _run([str(tmp_path)], 2)
    assert result.errors
    assert all("could not be sent from the worker process" in e.message for e in result.errors)
    assert len({f.path for f in result.findings} | {e.path for e in result.errors}) == 8


def test_a_worker_killed_while_taking_a_file_does_not_stop_the_others():
    import fcntl
    import signal

    from lintkit.workers import _Counter

    counter = _Counter()
    assert counter.take() == 0
    pid = os.fork()
    if pid == 0:  # dies holding the lock, as a worker the OOM killer ends mid-take would
        fcntl.lockf(counter._lock, fcntl.LOCK_EX)
        os.kill(os.getpid(), signal.SIGKILL)
    os.waitpid(pid, 0)
    signal.alarm(10)  # a lock left behind would block here: fail rather than hang
    try:
        assert [counter.take(), counter.take()] == [1, 2]
    finally:
        signal.alarm(0)
        counter.close()
