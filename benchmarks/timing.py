"""What the benchmark scripts share: which lintkit to run, and the timing of one child process.

The scripts run as ``python benchmarks/bench_x.py``, which puts this folder first on
``sys.path``, so they import this module as ``timing``.
"""

from __future__ import annotations

import os
import resource
import shlex
import shutil
import subprocess
import sys
import time
from typing import NamedTuple


def lintkit_command() -> list[str]:
    """The installed ``lintkit`` script: the one next to this Python, else the one on PATH.

    ``python -m lintkit`` is the last resort: it imports a ``lintkit/`` folder in the current
    directory before the installed package, so run from a source checkout with a
    non-editable install it imports the source tree, which cannot load its plugins (exit 2).
    """
    exe = shutil.which("lintkit", path=os.path.dirname(sys.executable)) or shutil.which("lintkit")
    return [exe] if exe else [sys.executable, "-m", "lintkit"]


class Run(NamedTuple):
    wall: float  #: seconds
    cpu: float  #: user + system seconds of the child and everything it started
    max_rss: int  #: KiB: the largest child process this script has waited for so far
    result: subprocess.CompletedProcess  #: returncode and stderr


def timed(command: list[str], cwd: str | None = None, env: dict | None = None) -> Run:
    """Run ``command`` once, stdout discarded (the scripts write reports to files), stderr kept."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(
        command, cwd=cwd, env=env, check=False, encoding="utf-8", errors="replace",
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )  # fmt: skip
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return Run(wall, cpu, after.ru_maxrss, result)


#: On a lintkit run's stderr, signs that it did not lint (whatever its exit code).
FAILURE_TEXT = ("Traceback", "internal error", "No module named")


def check_lintkit(result: subprocess.CompletedProcess, what: str = "lintkit") -> None:
    """Stop the benchmark when a lintkit run failed, rather than report its time.

    Failed: an exit code other than 0 (no findings) or 1 (findings), or on stderr a
    traceback, an internal error or ``No module named`` (``python -m lintkit`` without
    lintkit exits 1 with only that). Only for lintkit: the reference tools' exit codes mean
    other things.
    """
    stderr = result.stderr or ""
    if result.returncode in (0, 1) and not any(text in stderr for text in FAILURE_TEXT):
        return
    command = shlex.join(str(arg) for arg in result.args)
    if len(command) > 300:  # bench_dockerfile passes every file
        command = f"{command[:300]}... ({len(result.args)} arguments)"
    sys.exit(f"{what} failed (exit code {result.returncode}): {command}\n{stderr[-2000:].rstrip()}")


def timed_lintkit(command: list[str], cwd: str | None = None, env: dict | None = None, what: str = "lintkit") -> Run:
    """``timed`` for a lintkit run, which must succeed (``check_lintkit``)."""
    run = timed(command, cwd=cwd, env=env)
    check_lintkit(run.result, what)
    return run
