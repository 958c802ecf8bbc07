"""Wall and CPU time of a cold lintkit run over the GitHub Actions corpus, next to
zizmor's (offline) on the same folder; median of N runs each.

    python benchmarks/bench_ci.py [CORPUS_DIR] [--runs 5] [--zizmor PATH]
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

DEFAULT_CORPUS = "/work/shared/corpus/github-actions"
DEFAULT_ZIZMOR = "/tmp/refvenv-zizmor/bin/zizmor"


def timed(command: list[str]) -> tuple[float, float]:
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def median_of(command: list[str], runs: int) -> tuple[float, float]:
    samples = [timed(command) for _ in range(runs)]
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--zizmor", default=DEFAULT_ZIZMOR)
    args = parser.parse_args()
    if not os.path.isdir(args.corpus):
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    lintkit = [sys.executable, "-m", "lintkit", "check", "--isolated", "--no-cache", "--quiet", args.corpus]
    wall, cpu = median_of(lintkit, args.runs)
    print(f"lintkit: {wall:.2f} s wall, {cpu:.2f} s CPU (median of {args.runs})")
    tool = args.zizmor if os.path.exists(args.zizmor) else shutil.which("zizmor")
    if not tool:
        print("zizmor not installed; see scripts/compare_zizmor.py for how to install it")
        return 0
    z_wall, z_cpu = median_of([tool, "--offline", "--format", "json", args.corpus], args.runs)
    print(f"zizmor:  {z_wall:.2f} s wall, {z_cpu:.2f} s CPU (median of {args.runs})")
    print(f"lintkit / zizmor wall time: {wall / z_wall:.2f}x (target: within 2x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
