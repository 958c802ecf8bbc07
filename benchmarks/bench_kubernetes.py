#!/usr/bin/env python3
"""Whole-process speed of lintkit against Checkov on a folder of Kubernetes manifests.

Both run cold, as a user runs them: a fresh process each time, lintkit with ``--no-cache``
and its default rules (schema validation included), Checkov with ``--framework
kubernetes`` in its fastest configuration (``--quiet --compact``: its JSON output with code
blocks takes about twice as long). Runs of the two tools alternate, so that load from other
processes on the machine affects both alike; the medians of wall time and of CPU time (user
+ system, children included) are reported, with the ratios.

    python benchmarks/bench_kubernetes.py [DIR] [--runs 5] [--checkov-runs 3] [--checkov PATH]

Checkov is not a lintkit dependency: install it in a venv of its own
(``python3 -m venv /tmp/refvenv-checkov && /tmp/refvenv-checkov/bin/pip install checkov``);
without it only lintkit is measured.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys

from timing import Run, lintkit_command, timed, timed_lintkit

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.join(HERE, os.pardir, os.pardir, "shared", "corpus", "kubernetes")


def find_checkov(explicit: str | None) -> str | None:
    for candidate in (explicit, os.environ.get("CHECKOV"), "/tmp/refvenv-checkov/bin/checkov", shutil.which("checkov")):
        if candidate and os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", nargs="?", default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=5, help="lintkit runs (median reported)")
    parser.add_argument("--checkov-runs", type=int, default=3, help="Checkov runs (median reported)")
    parser.add_argument("--checkov", help="path of the checkov executable")
    args = parser.parse_args()
    folder = os.path.realpath(args.folder)
    if not os.path.isdir(folder):
        print(f"no such folder: {folder}", file=sys.stderr)
        return 2
    files = sum(len(names) for _root, _dirs, names in os.walk(folder))
    print(f"{folder}: {files} files, {os.cpu_count()} CPUs")

    # An installed lintkit has its bytecode compiled (pip does it); a source checkout run
    # with PYTHONDONTWRITEBYTECODE would otherwise recompile every module on every run.
    try:
        import lintkit
    except ImportError:  # not this Python's: the lintkit run below says whether it works
        lintkit = None
    if lintkit is not None:
        package = os.path.dirname(lintkit.__file__)
        rules = os.path.join(os.path.dirname(package), "rules")
        subprocess.run(
            [sys.executable, "-m", "compileall", "-q", package] + ([rules] if os.path.isdir(rules) else []),
            stdout=subprocess.DEVNULL,
            check=False,
        )
    command = [*lintkit_command(), "check", "--isolated", "--no-cache", "--quiet", folder]
    timed_lintkit(command)  # warm the file system cache, not lintkit's

    checkov = find_checkov(args.checkov) if args.checkov_runs > 0 else None
    if checkov is None and args.checkov_runs > 0:
        print("checkov not found: install it in its own venv (see this script's docstring) or pass --checkov")
    reference = [checkov, "-d", folder, "--framework", "kubernetes", "--quiet", "--compact", "--skip-download"]
    lintkit_runs, checkov_runs = [], []
    for index in range(max(args.runs, args.checkov_runs if checkov else 0)):
        if index < args.runs:
            lintkit_runs.append(timed_lintkit(command))
        if checkov and index < args.checkov_runs:
            checkov_runs.append(timed(reference))
    wall, cpu = report("lintkit", lintkit_runs)
    if checkov_runs:
        checkov_wall, checkov_cpu = report("checkov", checkov_runs)
        print(f"lintkit is {checkov_wall / wall:.1f}x faster in wall time, {checkov_cpu / cpu:.1f}x in CPU time")
    return 0


def report(name: str, runs: list[Run]) -> tuple[float, float]:
    wall = statistics.median(r.wall for r in runs)
    cpu = statistics.median(r.cpu for r in runs)
    walls = ", ".join(f"{r.wall:.3f}" for r in runs)
    print(f"{name}: median {wall:.3f} s wall, {cpu:.3f} s CPU over {len(runs)} runs (walls {walls})")
    return wall, cpu


if __name__ == "__main__":
    sys.exit(main())
