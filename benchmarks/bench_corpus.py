"""Whole-process timings of lintkit over ../shared/corpus (or a folder given as argument).

Measures, each as the median of --runs cold runs (--no-cache; benchmarks/bench_cache.py times the cache):
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
import statistics
import sys
import tempfile

from timing import check_lintkit, lintkit_command, timed

HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_CORPUS = os.path.normpath(os.path.join(HERE, os.pardir, os.pardir, "shared", "corpus"))
KIND_FOLDERS = ("dockerfile", "compose", "kubernetes", "ansible", "gitlab-ci", "github-actions", "helm-templates")


def measure(cmd, cwd, runs, what=None):
    """Medians of wall and CPU, peak RSS, last result; a failed lintkit run (``what``) stops the script."""
    samples = [timed(cmd, cwd) for _ in range(runs)]
    if what:
        for sample in samples:
            check_lintkit(sample.result, what)
    return (
        statistics.median(s.wall for s in samples),
        statistics.median(s.cpu for s in samples),
        max(s.max_rss for s in samples),
        samples[-1].result,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--corpus", default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    if not os.path.isdir(args.corpus):
        sys.exit(f"corpus not found: {args.corpus}")
    base = lintkit_command() + ["check", "--isolated", "--no-cache", "--select", "ALL", "--format", "json"]

    with tempfile.TemporaryDirectory() as tmp:
        out = os.path.join(tmp, "report.json")
        wall, cpu, rss, result = measure(base + ["--output", out, "."], args.corpus, args.runs, "whole corpus")
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
        wall, cpu, _rss, _result = measure(base + ["--output", os.devnull, folder], args.corpus, args.runs, folder)
        print(f"  {folder:15} {wall:.2f} s wall, {cpu:.2f} s CPU")

    one = next(
        (os.path.join(root, f) for root, _d, files in os.walk(os.path.join(args.corpus, "kubernetes")) for f in files),
        None,
    )
    if one:
        one_run = lintkit_command() + ["check", "--isolated", "--no-cache", one]
        wall, cpu, _rss, _result = measure(one_run, args.corpus, args.runs, "one file")
        base_wall, _base_cpu, _r, _res = measure([sys.executable, "-c", "pass"], args.corpus, args.runs)
        print(f"one-file run ({os.path.relpath(one, args.corpus)}): {wall * 1000:.0f} ms wall, "
              f"{cpu * 1000:.0f} ms CPU; python -c pass: {base_wall * 1000:.0f} ms wall")


if __name__ == "__main__":
    main()
