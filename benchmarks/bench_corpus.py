"""Whole-process timings of lintkit over ../shared/corpus (or a folder given as argument).

Measures, each as the median of --runs cold runs (lintkit keeps no cache):
  * the whole corpus: wall time, CPU time (user+sys of lintkit and its workers), peak RSS
    of the largest process, files linted per kind, and that the exit code is 0 or 1 with
    nothing on stderr that looks like a traceback or an internal error;
  * each kind's folder on its own;
  * a one-file run (the pre-commit case) next to `python -c pass`.

    python benchmarks/bench_corpus.py [--corpus PATH] [--runs 5]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.normpath(os.path.join(HERE, os.pardir, os.pardir, "shared", "corpus"))
KIND_FOLDERS = ("dockerfile", "compose", "kubernetes", "ansible", "gitlab-ci", "github-actions", "helm-templates")


def lintkit_command() -> list[str]:
    exe = shutil.which("lintkit")
    return [exe] if exe else [sys.executable, "-m", "lintkit"]


def timed(cmd: list[str], cwd: str) -> tuple[float, float, int, subprocess.CompletedProcess]:
    """(wall s, cpu s, peak RSS KiB, result) of one child process and its descendants."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu, after.ru_maxrss, result


def measure(cmd, cwd, runs):
    samples = [timed(cmd, cwd) for _ in range(runs)]
    last = samples[-1][3]
    return (
        statistics.median(s[0] for s in samples),
        statistics.median(s[1] for s in samples),
        max(s[2] for s in samples),
        last,
    )


def check_clean(result: subprocess.CompletedProcess, what: str) -> None:
    if result.returncode not in (0, 1):
        sys.exit(f"{what}: exit code {result.returncode}\n{result.stderr[-2000:]}")
    if "Traceback" in result.stderr or "internal error" in result.stderr:
        sys.exit(f"{what}: error output\n{result.stderr[-2000:]}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not os.path.isdir(args.corpus):
        sys.exit(f"corpus not found: {args.corpus}")
    base = lintkit_command() + ["check", "--isolated", "--select", "ALL", "--format", "json"]

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "report.json")
        wall, cpu, rss, result = measure(base + ["--output", out, "."], args.corpus, args.runs)
        check_clean(result, "whole corpus")
        with open(out) as fh:
            summary = json.load(fh)["summary"]
    print(f"whole corpus: {wall:.2f} s wall, {cpu:.2f} s CPU, peak RSS {rss / 1024:.0f} MiB, "
          f"exit {result.returncode}")
    print(f"  files linted: {summary['files']} {summary.get('by_kind', '')}")
    print(f"  findings: {summary['findings']} {summary['by_severity']}")

    for folder in KIND_FOLDERS:
        path = os.path.join(args.corpus, folder)
        if not os.path.isdir(path):
            continue
        wall, cpu, _rss, result = measure(base + ["--output", os.devnull, folder], args.corpus, args.runs)
        check_clean(result, folder)
        print(f"  {folder:15} {wall:.2f} s wall, {cpu:.2f} s CPU")

    one = next(
        (os.path.join(root, f) for root, _d, files in os.walk(os.path.join(args.corpus, "kubernetes")) for f in files),
        None,
    )
    if one:
        wall, cpu, _rss, result = measure(lintkit_command() + ["check", "--isolated", one], args.corpus, args.runs)
        check_clean(result, "one file")
        base_wall, base_cpu, _r, _res = measure([sys.executable, "-c", "pass"], args.corpus, args.runs)
        print(f"one-file run ({os.path.relpath(one, args.corpus)}): {wall * 1000:.0f} ms wall, "
              f"{cpu * 1000:.0f} ms CPU; python -c pass: {base_wall * 1000:.0f} ms wall")


if __name__ == "__main__":
    main()
