"""Wall and CPU time of a cold lintkit run over the GitHub Actions corpus, next to
zizmor's (offline) on the same folder; median of N runs each.

    python benchmarks/bench_ci.py [CORPUS_DIR] [--runs 5] [--zizmor PATH]

The two tools' runs alternate, and the ratio reported is the median of the ratios of
runs made back to back, so that load from other processes on the machine (which comes
and goes) weighs on both sides alike.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys

from timing import lintkit_command, timed, timed_lintkit

# ../shared beside the repository, wherever it is checked out.
DEFAULT_CORPUS = os.path.join(os.path.dirname(os.path.abspath(__file__)), os.pardir, os.pardir, "shared", "corpus", "github-actions")
DEFAULT_ZIZMOR = "/tmp/refvenv-zizmor/bin/zizmor"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--zizmor", default=DEFAULT_ZIZMOR)
    args = parser.parse_args()
    if not os.path.isdir(args.corpus):
        print(f"corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    lintkit = [*lintkit_command(), "check", "--isolated", "--no-cache", "--quiet", args.corpus]
    tool = args.zizmor if os.path.exists(args.zizmor) else shutil.which("zizmor")
    zizmor = [tool, "--offline", "--format", "json", args.corpus] if tool else None
    ours, theirs = [], []
    for _ in range(args.runs):
        ours.append(timed_lintkit(lintkit))
        if zizmor:
            theirs.append(timed(zizmor))
    print(f"lintkit: {_median(ours, 0):.2f} s wall, {_median(ours, 1):.2f} s CPU (median of {args.runs})")
    if not zizmor:
        print("zizmor not installed; see scripts/compare_zizmor.py for how to install it")
        return 0
    print(f"zizmor:  {_median(theirs, 0):.2f} s wall, {_median(theirs, 1):.2f} s CPU (median of {args.runs})")
    ratio = statistics.median(a[0] / b[0] for a, b in zip(ours, theirs))
    print(f"lintkit / zizmor wall time: {ratio:.2f}x (median of back-to-back pairs; target: within 2x)")
    return 0


def _median(samples: list[tuple[float, float]], index: int) -> float:
    return statistics.median(s[index] for s in samples)


if __name__ == "__main__":
    sys.exit(main())
