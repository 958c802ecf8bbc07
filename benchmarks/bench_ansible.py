#!/usr/bin/env python3
"""Cold-process timing of lintkit and ansible-lint over the Ansible corpus.

    python benchmarks/bench_ansible.py [CORPUS] [--runs 5] [--reference-runs 1]
                                       [--ansible-lint PATH] [--skip-reference]

lintkit runs as a new process over the whole corpus with its default rules (``--runs``
times, with the automatic worker count and with ``--jobs 1``); ansible-lint runs the way a
project runs it, once per project folder (each folder directly under the corpus) on a
writable copy of that folder, ``--offline``, and its times are summed over the folders.
Wall and CPU (user + system of the child processes) are medians over the runs. A warm-up
run of each tool goes first (bytecode written even where PYTHONDONTWRITEBYTECODE is set,
caches filled), so "cold" means a new process after installation, not a first import ever. ansible-lint is never a lintkit dependency: install it
with ``python3 -m venv /tmp/refvenv-al && /tmp/refvenv-al/bin/pip install ansible-lint``.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile

from timing import lintkit_command, timed, timed_lintkit

DEFAULT_CORPUS = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpus", "ansible")
DEFAULT_TOOL = "/tmp/refvenv-al/bin/ansible-lint"


def lintkit_run(corpus: str, jobs: str | None) -> tuple[float, float]:
    command = [*lintkit_command(), "check", *(["--jobs", jobs] if jobs else []), "--isolated", "--no-cache", "--quiet", corpus]
    # Bytecode as an installed package has it: written by the warm-up run, then reused.
    env = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
    run = timed_lintkit(command, env=env)
    return run.wall, run.cpu


def ansible_lint_run(tool: str, copies: list[str]) -> tuple[float, float]:
    """ansible-lint once per project folder; times summed."""
    env = dict(os.environ, NO_COLOR="1")
    env["PATH"] = os.path.dirname(tool) + os.pathsep + env.get("PATH", "")
    total_wall = total_cpu = 0.0
    for project in copies:
        wall, cpu, _rss, _result = timed([tool, "-f", "json", "--offline", "--nocolor"], cwd=project, env=env)
        total_wall += wall
        total_cpu += cpu
    return total_wall, total_cpu


def median(samples: list[tuple[float, float]]) -> tuple[float, float]:
    return statistics.median(s[0] for s in samples), statistics.median(s[1] for s in samples)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", default=DEFAULT_CORPUS)
    parser.add_argument("--runs", type=int, default=5, help="lintkit runs (median)")
    parser.add_argument("--reference-runs", type=int, default=1, help="ansible-lint runs (median), minutes each")
    parser.add_argument("--ansible-lint", dest="tool", default=DEFAULT_TOOL)
    parser.add_argument("--skip-reference", action="store_true", help="time lintkit only")
    args = parser.parse_args()
    corpus = os.path.abspath(args.corpus)
    if not os.path.isdir(corpus):
        print(f"corpus not found: {corpus}", file=sys.stderr)
        return 2

    lintkit_run(corpus, None)  # warm-up
    auto = median([lintkit_run(corpus, None) for _ in range(args.runs)])
    single = median([lintkit_run(corpus, "1") for _ in range(args.runs)])
    print(f"lintkit (auto jobs): {auto[0]:.2f} s wall, {auto[1]:.2f} s CPU (median of {args.runs})")
    print(f"lintkit (--jobs 1):  {single[0]:.2f} s wall, {single[1]:.2f} s CPU (median of {args.runs})")

    tool = args.tool if os.access(args.tool, os.X_OK) else shutil.which("ansible-lint")
    if args.skip_reference:
        return 0
    if not tool:
        print("ansible-lint not installed; see the module docstring for how to install it")
        return 0
    with tempfile.TemporaryDirectory(prefix="bench-al-") as scratch:
        copies = []
        for name in sorted(os.listdir(corpus)):
            if os.path.isdir(os.path.join(corpus, name)):
                copy = os.path.join(scratch, name)
                shutil.copytree(os.path.join(corpus, name), copy)
                for folder, _dirs, files in os.walk(copy):
                    os.chmod(folder, 0o755)
                    for f in files:
                        os.chmod(os.path.join(folder, f), 0o644)
                copies.append(copy)
        ansible_lint_run(tool, copies)  # warm-up: fills ansible-lint's caches
        reference = median([ansible_lint_run(tool, copies) for _ in range(args.reference_runs)])
    print(
        f"ansible-lint ({len(copies)} project runs): {reference[0]:.1f} s wall, {reference[1]:.1f} s CPU "
        f"(median of {args.reference_runs})"
    )
    print(f"ansible-lint / lintkit wall time: {reference[0] / auto[0]:.0f}x (target: at least 100x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
